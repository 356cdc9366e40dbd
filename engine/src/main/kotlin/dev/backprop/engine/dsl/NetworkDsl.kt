package dev.backprop.engine.dsl

import dev.backprop.engine.nn.Activation
import dev.backprop.engine.nn.FieldError
import dev.backprop.engine.nn.Network
import dev.backprop.engine.nn.ProblemException

/**
 * Builds a [Network] layer by layer; it is the same network the Java builder gives for the same
 * layers and seed (the Java builder checks it, so both report the same mistakes in the same words).
 *
 * Numbers may be of any kind where a value is meant (`row(1, 0.5)`, `biases(0)`), and every list
 * of values is written out as arguments (varargs), never as a `List`.
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
 * @throws ProblemException listing every mistake, each naming its field (`layers[1].weights[0]`)
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

    /** Not here: a network inside a network would be built on its own and thrown away. */
    @Deprecated("network { } inside network { } builds a second, separate network; add layers with dense(...)",
        level = DeprecationLevel.ERROR)
    public fun network(@Suppress("UNUSED_PARAMETER") block: NetworkScope.() -> Unit): Nothing =
        throw UnsupportedOperationException("network { } inside network { }")

    /** The network, built with the Java builder (so both give the same weights for the same seed and the same errors). */
    internal fun build(): Network {
        val errors = mistakes.toMutableList()
        val builder = Network.builder().seed(seed)
        inputSize?.let { builder.input(it) }
        for (layer in layers) {
            layer.addTo(builder, last = layer === layers.last(), errors)
        }
        val built = try {
            builder.build()
        } catch (e: ProblemException) {
            // Layer by layer, as they were written: the DSL's own mistakes and the builder's together.
            throw ProblemException((errors + e.errors()).sortedBy { layerOf(it.field()) }, e.more())
        }
        if (errors.isNotEmpty()) {
            throw ProblemException(errors)
        }
        return built
    }
}

/** The l of a field `layers[l]…`; a field of the whole network (`layers`) comes after every layer's. */
private fun layerOf(field: String): Int =
    if (field.startsWith("layers[")) field.substring(7, field.indexOf(']')).toIntOrNull() ?: Int.MAX_VALUE else Int.MAX_VALUE

/**
 * The body of `dense(size, activation) { }`: the layer's weights, one row per neuron
 * (`weights[j][i]` from neuron i below into neuron j), and its biases.
 */
@BackpropDsl
public class DenseScope internal constructor(
    private val index: Int,
    private val size: Int,
    private val activation: Activation,
) {
    private var rows: List<DoubleArray>? = null
    private var biases: DoubleArray? = null
    private val mistakes = mutableListOf<FieldError>()

    /** The weights into one neuron, one per neuron of the layer below: `row(0.15, 0.20)` or `row(1, 0)`. */
    public fun row(vararg weights: Number): DoubleArray = DoubleArray(weights.size) { weights[it].toDouble() }

    /** The layer's weights, one [row] per neuron of this layer, top neuron first. */
    public fun weights(vararg rows: DoubleArray) {
        if (this.rows != null) {
            mistakes += FieldError("layers[$index].weights", "weights(...) is given twice for layer $index")
        }
        this.rows = rows.map { it.copyOf() }
    }

    /** The layer's biases, one per neuron (default all 0): `biases(0.35, 0.35)` or `biases(0, 1)`. */
    public fun biases(vararg values: Number) {
        if (biases != null) {
            mistakes += FieldError("layers[$index].biases", "biases(...) is given twice for layer $index")
        }
        biases = DoubleArray(values.size) { values[it].toDouble() }
    }

    /** Not here: the top-level `network { }` would build a separate network inside this layer and throw it away. */
    @Deprecated("network { } inside dense { } builds a separate network; set this layer's weights(...) and biases(...)",
        level = DeprecationLevel.ERROR)
    public fun network(@Suppress("UNUSED_PARAMETER") block: NetworkScope.() -> Unit): Nothing =
        throw UnsupportedOperationException("network { } inside dense { }")

    /**
     * This layer in the Java builder, which checks its shape against the layer below; [errors]
     * gets the mistakes only the DSL can make (a setting given twice, biases without weights, a
     * softmax below the top, a count of rows other than [size]).
     */
    internal fun addTo(builder: Network.Builder, last: Boolean, errors: MutableList<FieldError>) {
        errors += mistakes
        val path = "layers[$index]"
        if (activation == Activation.SOFTMAX && !last) {
            errors += FieldError("$path.activation", "softmax is for the output layer only")
        }
        if (rows == null && biases != null) {
            errors += FieldError("$path.weights", "layer $index has biases but no weights: add weights(...)")
        }
        val w = rows
        if (w == null) {
            builder.dense(size, activation)
        } else {
            if (w.size != size) {
                errors += FieldError("$path.weights", "has ${w.size} rows; layer $index has $size neurons")
            }
            builder.dense(activation, w.toTypedArray(), *(biases ?: DoubleArray(w.size)))
        }
    }
}
