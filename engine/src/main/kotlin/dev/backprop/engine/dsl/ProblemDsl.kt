package dev.backprop.engine.dsl

import dev.backprop.engine.nn.FieldError
import dev.backprop.engine.nn.HiddenDeltaWeights
import dev.backprop.engine.nn.Loss
import dev.backprop.engine.nn.Network
import dev.backprop.engine.nn.Optimizer
import dev.backprop.engine.nn.Problem
import dev.backprop.engine.nn.ProblemException
import dev.backprop.engine.nn.Rounding
import dev.backprop.engine.nn.Sample
import dev.backprop.engine.trace.Quantity

/**
 * Builds a [Problem]: the same problem `Problem.builder()` gives for the same settings, with the
 * contract's defaults (half-squared-error, 1 epoch, batch size 1, biases updated, original
 * weights for the hidden deltas, no rounding, plain gradient descent, one worked update). Numbers
 * may be of any kind where a value is meant (`learningRate = 1`), and every list of values is
 * written out as arguments: a sample is `sample(input(0.05, 0.10), target(0.01, 0.99))`.
 *
 * An optimizer is one of [ProblemScope.sgd], [ProblemScope.momentum], [ProblemScope.nesterov],
 * [ProblemScope.rmsprop] and [ProblemScope.adam], each with PyTorch's defaults:
 * `optimizer = adam(beta1 = 0.9)`, `workedUpdates = 2`.
 *
 * ```kotlin
 * val mazur = problem {
 *     network {
 *         input(2)
 *         dense(2, sigmoid) { weights(row(0.15, 0.20), row(0.25, 0.30)); biases(0.35, 0.35) }
 *         dense(2, sigmoid) { weights(row(0.40, 0.45), row(0.50, 0.55)); biases(0.60, 0.60) }
 *     }
 *     loss = halfSquaredError
 *     learningRate = 0.5
 *     sample(input(0.05, 0.10), target(0.01, 0.99))
 *     updateBiases = false
 * }
 * ```
 *
 * @throws ProblemException listing every mistake at once, each naming its field by its contract path
 */
public fun problem(block: ProblemScope.() -> Unit): Problem = ProblemScope().apply(block).build()

/** The body of `problem { }`: a network, a loss, the training settings and the conventions in force. */
@BackpropDsl
public class ProblemScope internal constructor() {
    private var layers: NetworkScope? = null
    private var ready: Network? = null
    private var alpha: Double? = null
    private val samples = mutableListOf<Sample>()
    private val given = LinkedHashMap<Quantity, Double>()
    private val mistakes = mutableListOf<FieldError>()

    /** The network to train, described in place; see [network][dev.backprop.engine.dsl.network]. */
    public fun network(block: NetworkScope.() -> Unit) {
        if (layers != null || ready != null) {
            mistakes += FieldError("layers", "the network is given twice")
        }
        layers = NetworkScope().apply(block)
        ready = null
    }

    /** The network to train; reading it before it is given throws a [ProblemException] for `layers`. */
    public var network: Network
        get() = ready ?: layers?.build() ?: throw ProblemException.of("layers", "no network given")
        set(value) {
            if (layers != null || ready != null) {
                mistakes += FieldError("layers", "the network is given twice")
            }
            ready = value
            layers = null
        }

    /** The per-sample loss (default [halfSquaredError]). */
    public var loss: Loss = Loss.HALF_SQUARED_ERROR

    /** The learning rate α &gt; 0, a number of any kind (`learningRate = 1`); required. */
    public var learningRate: Number
        get() = alpha ?: throw ProblemException.of("learningRate", "no learning rate given")
        set(value) {
            alpha = value.toDouble()
        }

    /** Passes over the samples (default 1). */
    public var epochs: Int = 1

    /** Samples per update; the mean gradient of each batch is used (default 1). */
    public var batchSize: Int = 1

    /** False keeps every bias fixed (default true). */
    public var updateBiases: Boolean = true

    /** Which weights the hidden deltas use: [original] (default) or [updated]. */
    public var hiddenDeltaWeights: HiddenDeltaWeights = HiddenDeltaWeights.ORIGINAL

    /** Rounding as on paper: [decimals] or [significant]; null (the default) for none. */
    public var rounding: Rounding? = null

    /** The update rule, following PyTorch's `torch.optim` (default plain gradient descent, [sgd] with no decay). */
    public var optimizer: Optimizer = Optimizer.SGD

    /** How many updates the worked solution works step by step (default 1; at most the updates training makes). */
    public var workedUpdates: Int = 1

    /**
     * Gradient descent θ ← θ − α·g, with L2 [weightDecay] λ added to the gradient, g = ∂L/∂θ + λ·θ
     * (default 0). Every setting of these rules is a number of any kind (`sgd(weightDecay = 1)`); a bad one
     * is reported with the problem's other mistakes, at its field (`optimizer.momentum`).
     */
    public fun sgd(weightDecay: Number = 0): Optimizer = optimizerOrMistake {
        Optimizer(Optimizer.Kind.SGD, 0.0, 0.0, 0.0, 0.0, 0.0, weightDecay.toDouble())
    }

    /** SGD with momentum μ (dampening 0): b = μ·b + g (b = g on the first step), θ ← θ − α·b. */
    public fun momentum(momentum: Number, weightDecay: Number = 0): Optimizer = optimizerOrMistake {
        Optimizer(Optimizer.Kind.MOMENTUM, momentum.toDouble(), 0.0, 0.0, 0.0, 0.0, weightDecay.toDouble())
    }

    /** Nesterov momentum μ > 0: b as for [momentum], θ ← θ − α·(g + μ·b). */
    public fun nesterov(momentum: Number, weightDecay: Number = 0): Optimizer = optimizerOrMistake {
        Optimizer(Optimizer.Kind.NESTEROV, momentum.toDouble(), 0.0, 0.0, 0.0, 0.0, weightDecay.toDouble())
    }

    /** RMSprop: s = ρ·s + (1 − ρ)·g², θ ← θ − α·g/(√s + ε); [alpha] is PyTorch's name for ρ. */
    public fun rmsprop(
        alpha: Number = Optimizer.DEFAULT_RMSPROP_ALPHA,
        epsilon: Number = Optimizer.DEFAULT_EPSILON,
        weightDecay: Number = 0,
    ): Optimizer = optimizerOrMistake {
        Optimizer(Optimizer.Kind.RMSPROP, 0.0, alpha.toDouble(), epsilon.toDouble(), 0.0, 0.0, weightDecay.toDouble())
    }

    /** Adam with bias correction (not AMSGrad): m, v, m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), θ ← θ − α·m̂/(√v̂ + ε). */
    public fun adam(
        beta1: Number = Optimizer.DEFAULT_BETA1,
        beta2: Number = Optimizer.DEFAULT_BETA2,
        epsilon: Number = Optimizer.DEFAULT_EPSILON,
        weightDecay: Number = 0,
    ): Optimizer = optimizerOrMistake {
        Optimizer(Optimizer.Kind.ADAM, 0.0, 0.0, epsilon.toDouble(), beta1.toDouble(), beta2.toDouble(),
            weightDecay.toDouble())
    }

    /** ½ Σ (a − y)², the seed's "MSE" and Mazur's E_total. */
    public val halfSquaredError: Loss get() = Loss.HALF_SQUARED_ERROR

    /** Σ (a − y)². */
    public val squaredError: Loss get() = Loss.SQUARED_ERROR

    /** (1/n) Σ (a − y)². */
    public val meanSquaredError: Loss get() = Loss.MEAN_SQUARED_ERROR

    /** −Σ [y ln a + (1 − y) ln(1 − a)], with sigmoid outputs. */
    public val binaryCrossEntropy: Loss get() = Loss.BINARY_CROSS_ENTROPY

    /** −Σ y ln a, with a softmax output layer. */
    public val crossEntropy: Loss get() = Loss.CROSS_ENTROPY

    /** Hidden deltas use the weights before the update: correct backpropagation. */
    public val original: HiddenDeltaWeights get() = HiddenDeltaWeights.ORIGINAL

    /** Hidden deltas use the already-updated weights: the slip behind Mazur's printed 0.291027924. */
    public val updated: HiddenDeltaWeights get() = HiddenDeltaWeights.UPDATED

    /** Rounding to [places] decimal places; a bad count is reported at `rounding.decimals`. */
    public fun decimals(places: Int): Rounding? = roundingOrMistake { Rounding.decimals(places) }

    /** Rounding to [figures] significant figures; a bad count is reported at `rounding.significant`. */
    public fun significant(figures: Int): Rounding? = roundingOrMistake { Rounding.significant(figures) }

    /** A sample's input vector, one value per input neuron: `input(0.05, 0.10)`, for [sample]. */
    public fun input(vararg values: Number): SampleInput = SampleInput(DoubleArray(values.size) { values[it].toDouble() })

    /** A sample's target output, one value per output neuron: `target(0.01, 0.99)`, for [sample]. */
    public fun target(vararg values: Number): SampleTarget = SampleTarget(DoubleArray(values.size) { values[it].toDouble() })

    /** Adds a sample to the data set: `sample(input(0.05, 0.10), target(0.01, 0.99))`. */
    public fun sample(input: SampleInput, target: SampleTarget) {
        samples += Sample(input.values, target.values)
    }

    /** The list form of [sample], kept so that older code still compiles; lists are written as arguments now. */
    @Deprecated("write the values as arguments: sample(input(0.05, 0.10), target(0.01, 0.99))",
        ReplaceWith("sample(input(*input.toTypedArray()), target(*target.toTypedArray()))"))
    public fun sample(input: List<Number>, target: List<Number>) {
        sample(input(*input.toTypedArray()), target(*target.toTypedArray()))
    }

    /** States a forward quantity the exercise gives, `z[l][j]` or `a[l][j]`, instead of computing it: `given("a[1][0]", 0.59)`. */
    public fun given(key: String, value: Number) {
        val quantity = Quantity.parse(key).orElse(null)
        if (quantity == null) {
            mistakes += FieldError("given.$key", "\"$key\" is not a key like z[1][0] or a[2][1]")
        } else {
            given[quantity] = value.toDouble()
        }
    }

    /** The optimizer, or plain gradient descent after noting its bad settings, each at its field, with the other mistakes. */
    private fun optimizerOrMistake(make: () -> Optimizer): Optimizer =
        try {
            make()
        } catch (e: ProblemException) {
            mistakes += e.errors()
            Optimizer.SGD
        }

    private fun roundingOrMistake(make: () -> Rounding): Rounding? =
        try {
            make()
        } catch (e: ProblemException) {
            mistakes += e.errors()
            null
        }

    /** The problem, or a [ProblemException] with every mistake: the DSL's own and `Problem.Builder`'s. */
    internal fun build(): Problem {
        val errors = mistakes.toMutableList()
        val net = ready ?: layers?.let { scope ->
            try {
                scope.build()
            } catch (e: ProblemException) {
                errors += e.errors()
                null
            }
        }
        if (ready == null && layers == null) {
            errors += FieldError("layers", "no network given: add network { ... }")
        }
        val builder = Problem.builder().loss(loss).samples(samples).epochs(epochs).batchSize(batchSize)
            .updateBiases(updateBiases).hiddenDeltaWeights(hiddenDeltaWeights).rounding(rounding)
            .optimizer(optimizer).workedUpdates(workedUpdates)
        alpha?.let { builder.learningRate(it) }
        given.forEach { (q, v) -> builder.given(q, v) }
        if (net != null) {
            builder.network(net)
        }
        // Without a network the builder reports only "no network", which is said above already.
        val problem = builder.build { e -> if (net != null || e.field() != "layers") errors += e }
        if (errors.isEmpty() && problem.isPresent) {
            return problem.get()
        }
        throw ProblemException(errors)
    }
}

/** A sample's input vector, made by [ProblemScope.input]. */
public class SampleInput internal constructor(internal val values: DoubleArray)

/** A sample's target output, made by [ProblemScope.target]. */
public class SampleTarget internal constructor(internal val values: DoubleArray)
