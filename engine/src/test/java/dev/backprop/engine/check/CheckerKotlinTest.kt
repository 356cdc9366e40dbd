package dev.backprop.engine.check

import dev.backprop.engine.nn.Activation
import dev.backprop.engine.nn.Network
import dev.backprop.engine.nn.Problem
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import java.math.BigDecimal

/** A teacher's marking script in Kotlin: the checker takes plain maps and gives typed, null-marked results. */
class CheckerKotlinTest {
    private val mazur: Problem = Problem.builder()
        .network(
            Network.builder().input(2)
                .dense(Activation.SIGMOID, arrayOf(doubleArrayOf(0.15, 0.20), doubleArrayOf(0.25, 0.30)), 0.35, 0.35)
                .dense(Activation.SIGMOID, arrayOf(doubleArrayOf(0.40, 0.45), doubleArrayOf(0.50, 0.55)), 0.60, 0.60)
                .build()
        )
        .learningRate(0.5)
        .sample(doubleArrayOf(0.05, 0.10), doubleArrayOf(0.01, 0.99))
        .updateBiases(false)
        .build()

    @Test
    fun a_kotlin_script_marks_doubles_and_reads_the_diagnosis() {
        val result = Checker.check(mazur, mapOf("delta[2][0]" to 0.1385, "W[2][0][0]" to 0.4410835))
        assertEquals(1, result.correct())
        assertEquals(2, result.total())
        val w = result.result("W[2][0][0]").orElseThrow()
        assertEquals("update-direction", w.diagnosis()?.code())
        assertNull(w.followsFrom())
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
