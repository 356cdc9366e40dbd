package dev.backprop.engine.dsl

import dev.backprop.engine.render.Format
import dev.backprop.engine.render.Notation
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The worked solution from Kotlin: `render` with named arguments and defaults, compiled by the real Kotlin compiler. */
class RenderKotlinTest {
    private val mazur = DslBuilt.mazurProblem()

    @Test
    fun readme_kotlin_render_prints_mazurs_worked_solution_in_his_notation() {
        // README:begin
        val solution = mazur.solve()
        println(solution.render(notation = Notation.Profile.MAZUR))  // … w₅⁺ = w₅ − η · ∂E_total/∂w₅ … = 0.35891648
        val tex = solution.render(Format.LATEX, digits = 6)          // an align* block for homework
        // README:end

        val text = solution.render(notation = Notation.Profile.MAZUR)
        assertTrue(text.contains("    w₅⁺ = w₅ − η · ∂E_total/∂w₅\n"), text)
        assertTrue(text.contains("        = 0.35891648\n"), text)
        assertTrue(tex.contains("W_{31}^{\\text{new}} &= W_{31}^{\\text{old}}"), tex)
        assertTrue(tex.contains("&= 0.358916"), tex)
    }

    @Test
    fun render_without_arguments_is_the_seeds_plain_text_as_from_java() {
        val solution = mazur.solve()
        assertEquals(solution.render(Format.TEXT), solution.render())
        assertTrue(solution.render().contains("δ_o1 = ∂L/∂A_o1 · σ′(Z_o1)"))
    }

    @Test
    fun render_names_a_neuron_to_work_in_full_and_refuses_a_bad_precision() {
        val big = problem {
            network {
                input(4)
                dense(8, relu)
                dense(8, tanh)
                dense(4, softmax)
                seed = 7
            }
            loss = crossEntropy
            learningRate = 0.05
            sample(input(0.1, 0.2, 0.3, 0.4), target(0.0, 0.0, 1.0, 0.0))
        }.solve()
        assertTrue(big.render(Format.MARKDOWN, neuron = "h3").contains("Z_{h3} &= "))
        assertThrows(IllegalArgumentException::class.java) { big.render(digits = 30) }
    }
}
