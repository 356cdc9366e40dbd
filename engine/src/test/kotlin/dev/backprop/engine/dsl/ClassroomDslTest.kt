package dev.backprop.engine.dsl

import dev.backprop.engine.check.Diagnosis
import dev.backprop.engine.classroom.ClassMarking
import dev.backprop.engine.classroom.Exercise
import dev.backprop.engine.classroom.Variants
import dev.backprop.engine.nn.Activation
import dev.backprop.engine.nn.Loss
import java.math.BigDecimal
import java.math.MathContext
import java.math.RoundingMode
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class ClassroomDslTest {
    private val seed = problem {
        network { input(2); dense(2, sigmoid); dense(1, sigmoid) }
        learningRate = 0.5
        sample(input = listOf(0.05, 0.10), target = listOf(0.01))
    }

    @Test
    fun `an exercise drawing everything gives each student the Java builders numbers`() {
        val kotlin = exercise(seed).variants(ask = listOf("all"), salt = "week-3")
        val java = Variants.of(Exercise.builder().input(2).dense(2, Activation.SIGMOID).dense(1, Activation.SIGMOID)
            .loss(Loss.HALF_SQUARED_ERROR).learningRate(0.5).samples(1).build(), listOf("all"), "week-3")
        assertEquals("SKMK-6GY", kotlin.variant("s001").code())
        assertEquals(java.variant("s001").problem(), kotlin.variant("s001").problem())
    }

    @Test
    fun `drawing the parameters only keeps the inputs as written`() {
        val week = exercise(seed) { parameters() }.variants(ask = listOf("W"), salt = "w")
        val v = week.variant("s007")
        assertArrayEquals(doubleArrayOf(0.05, 0.10), v.problem().samples()[0].input())
        assertTrue(v.problem().network().layer(1).weights()[0][0] != seed.network().layer(1).weights()[0][0])
    }

    @Test
    fun `a class marked from a csv in the dsl names the slip and writes the gradebook`() {
        val week = exercise(seed).variants(ask = listOf("W[2][0][0]"), salt = "week-3")
        val v = week.variant("s001")
        val slip = v.key().mistakes().inStep("W[2][0][0]").first { it.diagnosis() == Diagnosis.UPDATE_DIRECTION }
        val written = BigDecimal(slip.value()).round(MathContext(4, RoundingMode.HALF_UP)).toPlainString()
        val marked = week.mark("student,W31\ns001,$written\n", students = listOf("s001"))
        assertEquals(ClassMarking.Mark.WRONG, marked.students()[0].mark("W[2][0][0]"))
        assertEquals(Diagnosis.UPDATE_DIRECTION, marked.mostCommonMistake().orElseThrow().diagnosis())
        assertTrue(marked.gradebook.lines()[1].startsWith("s001,${v.code()},0,1,$written,wrong,update-direction"),
            marked.gradebook)
    }
}
