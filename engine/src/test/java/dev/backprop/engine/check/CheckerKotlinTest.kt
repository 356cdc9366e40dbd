package dev.backprop.engine.check

import dev.backprop.engine.nn.Problem
import dev.backprop.engine.support.Published
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import java.math.BigDecimal

/** A teacher's marking script in Kotlin: the checker takes plain maps and gives typed, null-marked results. */
class CheckerKotlinTest {
    private val mazur: Problem = Published.mazur().build()

    @Test
    fun a_kotlin_script_marks_doubles_and_reads_the_diagnosis() {
        val result = Checker.check(mazur, mapOf("delta[2][0]" to 0.1385, "W[2][0][0]" to 0.4410835))
        assertEquals(1, result.correct())
        assertEquals(2, result.total())
        val w = result.result("W[2][0][0]").orElseThrow()
        assertEquals("update-direction", w.diagnosis()?.code())
        assertEquals(listOf("delta[2][0]"), w.followsFrom())
        assertNull(result.results()[0].diagnosis())
    }

    @Test
    fun a_kotlin_script_keeps_the_digits_written_with_big_decimals_or_text() {
        val asText = Checker.checkText(mazur, mapOf("delta[2][0]" to "0.1380"))
        val asDecimal = Checker.check(mazur, mapOf("delta[2][0]" to BigDecimal("0.1380")))
        assertEquals(0, asText.correct())
        assertEquals(0, asDecimal.correct())
        assertEquals("rounding", asDecimal.results()[0].diagnosis()?.code())
    }
}
