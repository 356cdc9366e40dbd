package dev.backprop.engine.dsl

import dev.backprop.engine.train.Trainer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** The README's Kotlin DSL example, compiled and run so the README cannot go stale. */
class ReadmeKotlinExampleTest {

    @Test
    fun readme_kotlin_example_reproduces_mazurs_published_figures() {
        // README:begin
        val mazur = problem {
            network {
                input(2)
                dense(2, sigmoid) {
                    weights(row(0.15, 0.20), row(0.25, 0.30))
                    biases(0.35, 0.35)
                }
                dense(2, sigmoid) {
                    weights(row(0.40, 0.45), row(0.50, 0.55))
                    biases(0.60, 0.60)
                }
            }
            loss = halfSquaredError
            learningRate = 0.5
            sample(input(0.05, 0.10), target(0.01, 0.99))
            updateBiases = false
        }
        val solution = mazur.solve()
        println("δ of output 1 = ${solution.firstUpdate["delta[2][0]"]}")       // 0.138498562 in Mazur's post
        println("W[2][0][0] after it = ${solution.firstUpdate["W[2][0][0]"]}")  // 0.35891648 in Mazur's post
        val longer = mazur.toBuilder().epochs(1000).build().solve()
        println("W[2][0][0] after 1000 epochs = ${longer.trained["W[2][0][0]"]}")
        // README:end

        assertPublished("0.138498562", solution.firstUpdate["delta[2][0]"], "δ of output 1")
        assertPublished("0.35891648", solution.firstUpdate["W[2][0][0]"], "W[2][0][0]")
        assertPublished("0.35891648", longer.firstUpdate["W[2][0][0]"], "W[2][0][0] after the first of 1000 updates")
        // After training means after all 1000 updates: the fast path, trained apart, gives the same weight.
        val fast = Trainer.of(longer.problem()).train(1000).network()
        assertEquals(fast.layer(2).weight(0, 0), longer.trained["W[2][0][0]"], "W[2][0][0] after 1000 epochs")
    }
}
