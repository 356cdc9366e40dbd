package dev.backprop.engine.dsl

import dev.backprop.engine.check.AnswerKey
import dev.backprop.engine.classroom.ClassCsv
import dev.backprop.engine.classroom.ClassMarking
import dev.backprop.engine.classroom.Exercise
import dev.backprop.engine.classroom.Variants
import dev.backprop.engine.nn.Problem
import dev.backprop.engine.render.Notation

/**
 * A class's exercise: a [problem] (built with the DSL, or any [Problem]) and what of it is drawn
 * for each student. Without a block, every weight, bias and sample is drawn (as many samples as
 * the problem has); with one, only what it names:
 *
 * ```kotlin
 * val week3 = exercise(problem {
 *     network { input(2); dense(2, sigmoid); dense(1, sigmoid) }
 *     learningRate = 0.5
 *     sample(input = listOf(0.05, 0.10), target = listOf(0.01))
 * }) { parameters() }                                  // the inputs fixed, the weights drawn
 *     .variants(ask = listOf("delta", "W"), salt = "week-3")
 * ```
 */
public fun exercise(problem: Problem, block: (DrawScope.() -> Unit)? = null): Exercise {
    val scope = DrawScope(Exercise.of(problem))
    if (block == null) {
        scope.parameters()
        scope.samples(problem.samples().size)
    } else {
        scope.block()
    }
    return scope.exercise
}

/** The body of `exercise(problem) { }`: what is drawn for each student. */
@BackpropDsl
public class DrawScope internal constructor(internal var exercise: Exercise) {
    /** Draws layer [l]'s weights (dense layers count from 1). */
    public fun weights(l: Int) {
        exercise = exercise.drawWeights(l)
    }

    /** Draws layer [l]'s biases. */
    public fun biases(l: Int) {
        exercise = exercise.drawBiases(l)
    }

    /** Draws every weight and bias. */
    public fun parameters() {
        exercise = exercise.drawParameters()
    }

    /** Draws [count] samples, inputs and targets, in place of the problem's. */
    public fun samples(count: Int) {
        exercise = exercise.drawSamples(count)
    }
}

/** The exercise's variants with these quantities asked (kinds or keys) and this salt; see [Variants.of]. */
public fun Exercise.variants(ask: List<String>, salt: String): Variants = Variants.of(this, ask, salt)

/**
 * The class marked from a CSV of answers (a `student` column, then a column per asked quantity
 * headed by its key or its name in [notation]); [students], when given, is the class, and a
 * student not in it is refused. See [ClassCsv.answers] and [ClassMarking.mark].
 */
public fun Variants.mark(
    csv: String,
    students: List<String>? = null,
    notation: Notation.Profile = Notation.Profile.SEED,
    carriedForward: Double = AnswerKey.Options.DEFAULT.carriedForward(),
): ClassMarking = ClassMarking.mark(this, ClassCsv.answers(csv, this, notation, students),
    AnswerKey.Options.DEFAULT.withCarriedForward(carriedForward))

/** The gradebook CSV (contract §5); see [ClassCsv.gradebook]. */
public val ClassMarking.gradebook: String get() = ClassCsv.gradebook(this)
