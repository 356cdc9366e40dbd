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
 * Builds a [Problem]: the same record `Problem.builder()` gives for the same settings, with the
 * contract's defaults (half-squared-error, 1 epoch, batch size 1, biases updated, original
 * weights for the hidden deltas, no rounding, plain gradient descent, one worked update).
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
 *     sample(input = listOf(0.05, 0.10), target = listOf(0.01, 0.99))
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

    /** The learning rate α &gt; 0; required. */
    public var learningRate: Double
        get() = alpha ?: throw ProblemException.of("learningRate", "no learning rate given")
        set(value) {
            alpha = value
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

    /** Gradient descent θ ← θ − α·g, with L2 [weightDecay] λ added to the gradient, g = ∂L/∂θ + λ·θ (default 0). */
    public fun sgd(weightDecay: Double = 0.0): Optimizer =
        Optimizer(Optimizer.Kind.SGD, 0.0, 0.0, 0.0, 0.0, 0.0, weightDecay)

    /** SGD with momentum μ (dampening 0): b = μ·b + g (b = g on the first step), θ ← θ − α·b. */
    public fun momentum(momentum: Double, weightDecay: Double = 0.0): Optimizer =
        Optimizer(Optimizer.Kind.MOMENTUM, momentum, 0.0, 0.0, 0.0, 0.0, weightDecay)

    /** Nesterov momentum μ > 0: b as for [momentum], θ ← θ − α·(g + μ·b). */
    public fun nesterov(momentum: Double, weightDecay: Double = 0.0): Optimizer =
        Optimizer(Optimizer.Kind.NESTEROV, momentum, 0.0, 0.0, 0.0, 0.0, weightDecay)

    /** RMSprop: s = ρ·s + (1 − ρ)·g², θ ← θ − α·g/(√s + ε); [alpha] is PyTorch's name for ρ. */
    public fun rmsprop(
        alpha: Double = Optimizer.DEFAULT_RMSPROP_ALPHA,
        epsilon: Double = Optimizer.DEFAULT_EPSILON,
        weightDecay: Double = 0.0,
    ): Optimizer = Optimizer(Optimizer.Kind.RMSPROP, 0.0, alpha, epsilon, 0.0, 0.0, weightDecay)

    /** Adam with bias correction (not AMSGrad): m, v, m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), θ ← θ − α·m̂/(√v̂ + ε). */
    public fun adam(
        beta1: Double = Optimizer.DEFAULT_BETA1,
        beta2: Double = Optimizer.DEFAULT_BETA2,
        epsilon: Double = Optimizer.DEFAULT_EPSILON,
        weightDecay: Double = 0.0,
    ): Optimizer = Optimizer(Optimizer.Kind.ADAM, 0.0, 0.0, epsilon, beta1, beta2, weightDecay)

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

    /** Rounding to [places] decimal places; a bad count is reported for `rounding`. */
    public fun decimals(places: Int): Rounding? = roundingOrMistake { Rounding.decimals(places) }

    /** Rounding to [figures] significant figures; a bad count is reported for `rounding`. */
    public fun significant(figures: Int): Rounding? = roundingOrMistake { Rounding.significant(figures) }

    /** Adds a sample to the data set: an input vector and its target output. */
    public fun sample(input: List<Double>, target: List<Double>) {
        samples += Sample(input.toDoubleArray(), target.toDoubleArray())
    }

    /** States a forward quantity the exercise gives, `z[l][j]` or `a[l][j]`, instead of computing it. */
    public fun given(key: String, value: Double) {
        val quantity = Quantity.parse(key).orElse(null)
        if (quantity == null) {
            mistakes += FieldError("given.$key", "\"$key\" is not a key like z[1][0] or a[2][1]")
        } else {
            given[quantity] = value
        }
    }

    private fun roundingOrMistake(make: () -> Rounding): Rounding? =
        try {
            make()
        } catch (e: IllegalArgumentException) {
            mistakes += FieldError("rounding", e.message ?: "not a valid rounding")
            null
        }

    /** The problem, or a [ProblemException] with every mistake: the DSL's own and [Problem.check]'s. */
    internal fun build(): Problem {
        val errors = mistakes.toMutableList()
        val net = ready ?: layers?.let { scope ->
            val layerErrors = scope.check()
            errors += layerErrors
            if (layerErrors.isEmpty()) scope.build() else null
        }
        if (ready == null && layers == null) {
            errors += FieldError("layers", "no network given: add network { ... }")
        }
        if (alpha == null) {
            errors += FieldError("learningRate", "no learning rate given")
        }
        if (net != null) {
            // A missing learning rate is reported above; 1.0 stands in so the other fields are still checked.
            val problem = Problem(net, loss, alpha ?: 1.0, samples, epochs, batchSize, updateBiases,
                hiddenDeltaWeights, rounding, given, optimizer, workedUpdates)
            errors += problem.check()
            if (errors.isEmpty()) {
                return problem
            }
        }
        throw ProblemException(errors)
    }
}
