package dev.backprop.engine.dsl

import dev.backprop.engine.nn.Problem
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
