package dev.backprop.engine.trace;

import java.util.Arrays;

/**
 * One layer's part of the first update (contract §2 {@code firstUpdate.layers[l]}): z, a and δ of
 * the first sample of the batch, the batch-mean gradients, and the weights and biases after the
 * update. For the input layer only {@code a} is present (the other arrays are empty).
 */
public final class LayerUpdate {
    private final double[] z;
    private final double[] a;
    private final double[] delta;
    private final double[][] weightGradients;
    private final double[] biasGradients;
    private final double[][] weights;
    private final double[] biases;

    /** A layer's record; arrays are copied. */
    public LayerUpdate(double[] z, double[] a, double[] delta, double[][] weightGradients, double[] biasGradients,
                       double[][] weights, double[] biases) {
        this.z = z.clone();
        this.a = a.clone();
        this.delta = delta.clone();
        this.weightGradients = copy(weightGradients);
        this.biasGradients = biasGradients.clone();
        this.weights = copy(weights);
        this.biases = biases.clone();
    }

    /** The input layer's record: its activations only. */
    public static LayerUpdate input(double[] a) {
        return new LayerUpdate(new double[0], a, new double[0], new double[0][], new double[0], new double[0][], new double[0]);
    }

    /** Whether this is the input layer's record. */
    public boolean isInput() {
        return z.length == 0;
    }

    /** z of the first sample. */
    public double[] z() {
        return z.clone();
    }

    /** a of the first sample. */
    public double[] a() {
        return a.clone();
    }

    /** δ of the first sample. */
    public double[] delta() {
        return delta.clone();
    }

    /** ∂L/∂W, [j][i], the batch mean. */
    public double[][] weightGradients() {
        return copy(weightGradients);
    }

    /** ∂L/∂b, the batch mean. */
    public double[] biasGradients() {
        return biasGradients.clone();
    }

    /** The weights after the update, [j][i]. */
    public double[][] weights() {
        return copy(weights);
    }

    /** The biases after the update. */
    public double[] biases() {
        return biases.clone();
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int j = 0; j < m.length; j++) {
            c[j] = m[j].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerUpdate u && Arrays.equals(z, u.z) && Arrays.equals(a, u.a)
                && Arrays.equals(delta, u.delta) && Arrays.deepEquals(weightGradients, u.weightGradients)
                && Arrays.equals(biasGradients, u.biasGradients) && Arrays.deepEquals(weights, u.weights)
                && Arrays.equals(biases, u.biases);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(z) * 31 + Arrays.hashCode(a) * 17 + Arrays.deepHashCode(weights);
    }
}
