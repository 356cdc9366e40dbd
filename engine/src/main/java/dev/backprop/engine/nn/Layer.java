package dev.backprop.engine.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * One dense layer: {@code weights[j][i]} is the weight from neuron i of the layer below into
 * neuron j of this layer (the seed's W_ij), {@code biases[j]} is neuron j's bias.
 *
 * <p>Immutable: arrays are copied in and out.
 */
public final class Layer {
    private final Activation activation;
    private final double[][] weights;
    private final double[] biases;

    /** A layer with the given activation, weights (one row per neuron) and biases (one per neuron). */
    public Layer(Activation activation, double[][] weights, double[] biases) {
        this.activation = Objects.requireNonNull(activation, "activation");
        if (weights.length == 0) {
            throw new IllegalArgumentException("a layer needs at least one neuron");
        }
        if (biases.length != weights.length) {
            throw new IllegalArgumentException("biases has " + biases.length + " values; the layer has "
                    + weights.length + " neurons");
        }
        int inputs = weights[0].length;
        for (int j = 0; j < weights.length; j++) {
            if (weights[j].length != inputs) {
                throw new IllegalArgumentException("weights[" + j + "] has " + weights[j].length
                        + " values; weights[0] has " + inputs);
            }
        }
        this.weights = copy(weights);
        this.biases = biases.clone();
    }

    /** The number of neurons. */
    public int size() {
        return biases.length;
    }

    /** The number of inputs each neuron takes (the size of the layer below). */
    public int inputs() {
        return weights[0].length;
    }

    /** This layer's activation function. */
    public Activation activation() {
        return activation;
    }

    /** The weight from neuron i of the layer below into neuron j of this layer. */
    public double weight(int j, int i) {
        return weights[j][i];
    }

    /** Neuron j's bias. */
    public double bias(int j) {
        return biases[j];
    }

    /** A copy of the weights, {@code [j][i]}. */
    public double[][] weights() {
        return copy(weights);
    }

    /** A copy of the biases. */
    public double[] biases() {
        return biases.clone();
    }

    /** The number of weights and biases. */
    public int parameterCount() {
        return size() * (inputs() + 1);
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int j = 0; j < m.length; j++) {
            c[j] = m[j].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layer other && activation == other.activation
                && Arrays.deepEquals(weights, other.weights) && Arrays.equals(biases, other.biases);
    }

    @Override
    public int hashCode() {
        return Objects.hash(activation, Arrays.deepHashCode(weights), Arrays.hashCode(biases));
    }

    @Override
    public String toString() {
        return "Layer[" + activation.id() + ", weights=" + Arrays.deepToString(weights)
                + ", biases=" + Arrays.toString(biases) + "]";
    }
}
