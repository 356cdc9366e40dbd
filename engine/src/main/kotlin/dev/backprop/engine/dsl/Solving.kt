package dev.backprop.engine.dsl

import dev.backprop.engine.nn.Network
import dev.backprop.engine.nn.Problem
import dev.backprop.engine.render.Format
import dev.backprop.engine.render.Notation
import dev.backprop.engine.render.RenderOptions
import dev.backprop.engine.train.Solution
import dev.backprop.engine.train.Solver
import dev.backprop.engine.trace.Quantity
import dev.backprop.engine.trace.Trace

/**
 * Trains the problem: loss before, loss per epoch, the first update worked step by step, the final network.
 *
 * @throws dev.backprop.engine.nn.ProblemException for an inconsistent problem, ln 0 or divergence
 */
public fun Problem.solve(): Solution = Solver.solve(this)

/**
 * The value of a quantity of the first update by its contract key, e.g. `trace["delta[2][0]"]`
 * or `trace["W[2][0][0]"]` (the weight after the first update).
 *
 * @throws NoSuchElementException when the trace has no step with that key
 */
public operator fun Trace.get(key: String): Double =
    step(key).orElseThrow { NoSuchElementException("the first update has no quantity $key") }.value()

/**
 * The value of a quantity of the first update: `trace[Quantity.delta(2, 0)]`.
 *
 * @throws NoSuchElementException when the trace has no step for it
 */
public operator fun Trace.get(quantity: Quantity): Double = value(quantity)

/**
 * The first update, worked step by step: `solution.firstUpdate["W[2][0][0]"]` is the weight after
 * the first update, whatever the number of epochs.
 */
public val Solution.firstUpdate: Trace get() = firstUpdate()

/**
 * The network after the last epoch, read by contract key: `solution.trained["W[2][0][0]"]` is
 * that weight after training, `solution.trained["b[1][0]"]` that bias.
 */
public val Solution.trained: Trained get() = Trained(network())

/** A trained network's weights and biases by their contract keys, from [Solution.trained]. */
public class Trained internal constructor(
    /** The trained network itself. */
    public val network: Network,
) {
    /**
     * The weight `W[l][j][i]` or bias `b[l][j]` after training.
     *
     * @throws NoSuchElementException for any other key, or one outside the network
     */
    public operator fun get(key: String): Double {
        val q = Quantity.parse(key).orElseThrow { NoSuchElementException("\"$key\" is not a quantity key") }
        return get(q)
    }

    /**
     * The weight [Quantity.w] or bias [Quantity.b] after training.
     *
     * @throws NoSuchElementException for any other quantity, or one outside the network
     */
    public operator fun get(quantity: Quantity): Double {
        val l = quantity.layer()
        val inside = l in 1 until network.depth() && quantity.row() in 0 until network.size(l)
        return when {
            quantity.kind() == Quantity.Kind.W && inside && quantity.col() in 0 until network.size(l - 1) ->
                network.layer(l).weight(quantity.row(), quantity.col())
            quantity.kind() == Quantity.Kind.B && inside -> network.layer(l).bias(quantity.row())
            else -> throw NoSuchElementException(
                "the trained network has weights W[l][j][i] and biases b[l][j]; it has no ${quantity.key()}")
        }
    }
}

/** Ambiguous: after the first update, or after training? Say which. */
@Deprecated(
    "say which network the value is taken from: firstUpdate[key] (after the first update) or trained[key] (after training)",
    ReplaceWith("firstUpdate[key]"),
)
public operator fun Solution.get(key: String): Double = firstUpdate()[key]

/**
 * The worked solution written out: the conventions, every step of the first update as formula →
 * numbers → value, and every parameter before and after. Each argument has a default, so name
 * only what differs:
 *
 * ```kotlin
 * println(solution.render())                                   // plain text, the seed's notation
 * val tex = solution.render(Format.LATEX, notation = Notation.Profile.MAZUR, digits = 6)
 * ```
 *
 * @param format [Format.TEXT] (default) for a terminal, [Format.MARKDOWN] or [Format.LATEX]
 * @param notation the symbols: the seed's (default), Mazur's or the matrix form
 * @param digits significant figures, 2 to 17 (default 9)
 * @param neuron for a big network, the id of the neuron whose working is written in full (`"h3"`); none by default
 * @throws IllegalArgumentException when [digits] is out of range
 */
public fun Solution.render(
    format: Format = Format.TEXT,
    notation: Notation.Profile = Notation.Profile.SEED,
    digits: Int = RenderOptions.DEFAULT.digits(),
    neuron: String = "",
): String = render(format, RenderOptions(notation, digits, neuron))
