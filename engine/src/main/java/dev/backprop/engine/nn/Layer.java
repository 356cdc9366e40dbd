package dev.backprop.engine.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

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

    /**
     * A layer with the given activation, weights (one row per neuron, each as long as the layer
     * below) and biases (one per neuron); throws {@link ProblemException} listing every mistake,
     * each naming its field within the layer ({@code weights[1]}, {@code biases}).
     */
    public Layer(Activation activation, double[][] weights, double[] biases) {
        this.activation = Objects.requireNonNull(activation, "activation");
        List<FieldError> errors = new ArrayList<>();
        check("", -1, weights, biases, errors::add);
        if (!errors.isEmpty()) {
            throw new ProblemException(errors);
        }
        this.weights = copy(weights);
        this.biases = biases.clone();
    }

    /**
     * The mistakes in a layer's shape, each named by {@code path} and its field: no neuron, rows of
     * different lengths (or, when {@code below} is known, not as long as the layer below), a bias
     * per neuron. Index {@code l} in messages is the layer's own, read off the path.
     */
    static void check(String path, int below, double[][] weights, double[] biases, Consumer<FieldError> errors) {
        String dot = path.isEmpty() ? "" : path + ".";
        String layer = path.isEmpty() ? "the layer" : "layer " + index(path);
        if (weights.length == 0) {
            errors.accept(new FieldError(dot + "weights", "has no rows; " + layer + " needs at least one neuron, one row each"));
        } else if (biases.length != weights.length) {
            errors.accept(new FieldError(dot + "biases", "has " + biases.length + " value" + (biases.length == 1 ? "" : "s")
                    + "; " + layer + " has " + weights.length + " neuron" + (weights.length == 1 ? "" : "s")
                    + " (one row of weights each)"));
        }
        int inputs = below > 0 ? below : weights.length == 0 ? 0 : weights[0].length;
        String from = below > 0 && !path.isEmpty() ? "layer " + (index(path) - 1) + " has " + below + " neuron"
                + (below == 1 ? "" : "s") : "weights[0] has " + inputs;
        for (int j = 0; j < weights.length; j++) {
            if (weights[j].length != inputs || inputs == 0) {
                errors.accept(new FieldError(dot + "weights[" + j + "]", "has " + weights[j].length + " value"
                        + (weights[j].length == 1 ? "" : "s") + "; " + (inputs == 0 ? "a neuron needs at least one input" : from)));
            }
        }
    }

    /** The l of a path {@code layers[l]}. */
    private static int index(String path) {
        return Integer.parseInt(path.substring(path.indexOf('[') + 1, path.indexOf(']')));
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
