import dev.backprop.engine.check.Checker
import dev.backprop.engine.dsl.*
import dev.backprop.engine.nn.HiddenDeltaWeights
import dev.backprop.engine.render.Format
import dev.backprop.engine.render.Latex
import dev.backprop.engine.render.Notation
import java.io.File

/** Mazur's example in the DSL: solved, written out as text and as LaTeX, trained and checked. */
fun main(args: Array<String>) {
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

    // The first update, worked, and the whole solution written out.
    val solution = mazur.solve()
    println("delta[2][0] = ${solution.firstUpdate["delta[2][0]"]}")
    println("lossAfter = ${solution.lossAfter()}")
    println(solution.render(notation = Notation.Profile.MAZUR))
    val latex = solution.render(Format.LATEX, notation = Notation.Profile.MAZUR, digits = 6)
    File(args.firstOrNull() ?: "mazur.tex").writeText(Latex.document(latex))

    // Training as Mazur did (his hidden deltas use the updated weights): 10,000 epochs.
    val trained = mazur.toBuilder().hiddenDeltaWeights(HiddenDeltaWeights.UPDATED).epochs(10_000).build().solve()
    println("loss after 10000 epochs = ${trained.lossAfter()}")
    println("W[2][0][0] after training = ${trained.trained["W[2][0][0]"]}")

    // A student's answers, marked.
    val marks = Checker.checkText(mazur, mapOf("delta[2][0]" to "0.1385", "W[2][0][0]" to "0.4410835"))
    marks.results().forEach { q ->
        val mistake = q.diagnosis()?.let { " (${it.code()})" } ?: ""
        println("${q.quantity()}: ${q.mark().code()}$mistake")
    }
    println("right: ${marks.correct()} of ${marks.total()}")
}
