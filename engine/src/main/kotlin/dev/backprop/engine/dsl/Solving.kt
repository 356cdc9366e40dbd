package dev.backprop.engine.dsl

import dev.backprop.engine.nn.Problem
import dev.backprop.engine.render.Format
import dev.backprop.engine.render.Notation
import dev.backprop.engine.render.RenderOptions
import dev.backprop.engine.train.Solution
import dev.backprop.engine.train.Solver
import dev.backprop.engine.trace.Trace

/**
 * Trains the problem: loss before, loss per epoch, the first update worked step by step, the final network.
 *
 * @throws dev.backprop.engine.nn.ProblemException for an inconsistent problem, ln 0 or divergence
 */
public fun Problem.solve(): Solution = Solver.solve(this)

/**
 * The value of a quantity of the first update by its contract key, e.g. `trace["delta[2][0]"]`
 * or `trace["W[2][0][0]"]` (the updated weight).
 *
 * @throws NoSuchElementException when the trace has no step with that key
 */
public operator fun Trace.get(key: String): Double =
    step(key).orElseThrow { NoSuchElementException("the first update has no quantity $key") }.value()

/** The value of a quantity of the first update by its contract key: `solution["W[2][0][0]"]`. */
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
