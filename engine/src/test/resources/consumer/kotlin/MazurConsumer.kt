import dev.backprop.engine.dsl.*
import dev.backprop.engine.render.Format
import dev.backprop.engine.render.Notation

/** A Kotlin project's first program: Mazur's example in the DSL, solved, trained and written out. */
fun main() {
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
        sample(input = listOf(0.05, 0.10), target = listOf(0.01, 0.99))
        updateBiases = false
    }
    val solution = mazur.solve()
    println("delta[2][0] = ${solution["delta[2][0]"]}")
    println("lossAfter = ${solution.lossAfter()}")
    println(solution.render())
    println(solution.render(Format.LATEX, notation = Notation.Profile.MAZUR, digits = 6))
}
