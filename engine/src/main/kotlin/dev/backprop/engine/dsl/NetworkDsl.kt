package dev.backprop.engine.dsl

import dev.backprop.engine.nn.Activation
import dev.backprop.engine.nn.FieldError
import dev.backprop.engine.nn.Network
import dev.backprop.engine.nn.ProblemException

/**
 * Builds a [Network] layer by layer; it is the same network the Java builder gives for the same
 * layers and seed.
 *
 * ```kotlin
 * val net = network {
 *     input(2)
 *     dense(2, sigmoid) {
 *         weights(row(0.15, 0.20), row(0.25, 0.30))
 *         biases(0.35, 0.35)
 *     }
 *     dense(3, tanh)          // weights drawn at random from the seed, biases 0
 *     seed = 7
 * }
 * ```
 *
 * @throws ProblemException listing every mistake, each naming its field (`layers[1].weights`)
 */
public fun network(block: NetworkScope.() -> Unit): Network = NetworkScope().apply(block).build()

/** The body of `network { }`: an input layer, then dense layers from the bottom up. */
@BackpropDsl
public class NetworkScope internal constructor() {
    private var inputSize: Int? = null
    private val layers = mutableListOf<DenseScope>()
    private val mistakes = mutableListOf<FieldError>()

    /** The seed from which layers without `weights(...)` draw their weights (Xavier-uniform); default 1. */
    public var seed: Long = 1

    /** The logistic sigmoid σ(z) = 1 / (1 + e^−z). */
    public val sigmoid: Activation get() = Activation.SIGMOID

    /** The hyperbolic tangent. */
    public val tanh: Activation get() = Activation.TANH

    /** The rectifier max(0, z). */
    public val relu: Activation get() = Activation.RELU

    /** The identity f(z) = z. */
    public val linear: Activation get() = Activation.LINEAR

    /** Softmax over the whole layer: output layer only, with the cross-entropy loss. */
    public val softmax: Activation get() = Activation.SOFTMAX

    /** The input layer (layer 0) of [size] neurons; comes first, once. */
    public fun input(size: Int) {
        when {
            inputSize != null -> mistakes += FieldError("layers[0]", "input(...) is given twice")
            layers.isNotEmpty() -> mistakes += FieldError("layers[0]", "input(...) comes before the first dense layer")
        }
        inputSize = size
    }

    /**
     * A dense layer of [size] neurons with the given [activation]. Without `weights(...)` in
     * [block] its weights are drawn at random from [seed] and its biases are 0; without
     * `biases(...)` its biases are 0.
     */
    public fun dense(size: Int, activation: Activation, block: DenseScope.() -> Unit = {}) {
        layers += DenseScope(layers.size + 1, size, activation).apply(block)
    }

    /** Every mistake in the layers, each naming its contract path; empty when the network can be built. */
    internal fun check(): List<FieldError> {
        val errors = mistakes.toMutableList()
        val input = inputSize
        when {
            input == null -> errors += FieldError("layers[0].size", "no input layer: start with input(size)")
            input < 1 -> errors += FieldError("layers[0].size", "must be at least 1, was $input")
        }
        if (layers.isEmpty()) {
            errors += FieldError("layers", "a network needs at least one dense layer: add dense(size, activation)")
        }
        var below = input ?: 0
        for (layer in layers) {
            layer.check(below, last = layer === layers.last(), errors)
            below = layer.size
        }
        return errors
    }

    /** The network, built with the Java builder so both give the same weights for the same seed. */
    internal fun build(): Network {
        val errors = check()
        if (errors.isNotEmpty()) {
            throw ProblemException(errors)
        }
        val builder = Network.builder().input(inputSize!!).seed(seed)
        for (layer in layers) {
            layer.addTo(builder)
        }
        return builder.build()
    }
}

/**
 * The body of `dense(size, activation) { }`: the layer's weights, one row per neuron
 * (`weights[j][i]` from neuron i below into neuron j), and its biases.
 */
@BackpropDsl
public class DenseScope internal constructor(
    private val index: Int,
    internal val size: Int,
    private val activation: Activation,
) {
    private var rows: List<List<Double>>? = null
    private var biases: List<Double>? = null
    private val mistakes = mutableListOf<FieldError>()

    /** The weights into one neuron, one per neuron of the layer below: `row(0.15, 0.20)`. */
    public fun row(vararg weights: Double): List<Double> = weights.asList()

    /** The layer's weights, one [row] per neuron of this layer, top neuron first. */
    public fun weights(vararg rows: List<Double>) {
        if (this.rows != null) {
            mistakes += FieldError("layers[$index].weights", "weights(...) is given twice for layer $index")
        }
        this.rows = rows.map { it.toList() }
    }

    /** The layer's biases, one per neuron (default all 0). */
    public fun biases(vararg values: Double) {
        if (biases != null) {
            mistakes += FieldError("layers[$index].biases", "biases(...) is given twice for layer $index")
        }
        biases = values.asList()
    }

    internal fun check(below: Int, last: Boolean, errors: MutableList<FieldError>) {
        errors += mistakes
        val path = "layers[$index]"
        if (size < 1) {
            errors += FieldError("$path.size", "must be at least 1, was $size")
        }
        if (activation == Activation.SOFTMAX && !last) {
            errors += FieldError("$path.activation", "softmax is for the output layer only")
        }
        val w = rows
        if (w == null) {
            if (biases != null) {
                errors += FieldError("$path.weights", "layer $index has biases but no weights: add weights(...)")
            }
        } else {
            if (w.size != size) {
                errors += FieldError("$path.weights", "has ${w.size} rows; layer $index has $size neurons")
            }
            w.forEachIndexed { j, row ->
                if (below > 0 && row.size != below) {
                    errors += FieldError("$path.weights[$j]", "has ${row.size} values; layer ${index - 1} has $below neurons")
                }
            }
        }
        val b = biases
        if (b != null && b.size != size) {
            errors += FieldError("$path.biases", "has ${b.size} values; layer $index has $size neurons")
        }
    }

    internal fun addTo(builder: Network.Builder) {
        val w = rows
        if (w == null) {
            builder.dense(size, activation)
        } else {
            val weights = Array(w.size) { j -> w[j].toDoubleArray() }
            builder.dense(activation, weights, *(biases?.toDoubleArray() ?: DoubleArray(size)))
        }
    }
}
