package dev.backprop.engine.nn;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * An activation function f, applied to a neuron's weighted sum z to give its activation a = f(z).
 *
 * <p>Derivatives are written in terms of the activation a, as a person does on paper (the seed's
 * A(1 − A)); the fast path, the traced path and the exact-decimal path all call these methods.
 */
public enum Activation {
    /** σ(z) = 1 / (1 + e^−z); σ'(z) = a(1 − a). */
    SIGMOID("sigmoid"),
    /** tanh(z); tanh'(z) = 1 − a². */
    TANH("tanh"),
    /** max(0, z); derivative 1 where a &gt; 0, else 0 (so 0 at z = 0). */
    RELU("relu"),
    /** z; derivative 1. */
    LINEAR("linear"),
    /** a_j = e^(z_j) / Σ_k e^(z_k), over the whole layer; output layer only, with cross-entropy. */
    SOFTMAX("softmax");

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** The contract's name for this activation, e.g. {@code "sigmoid"}. */
    public String id() {
        return id;
    }

    /** Finds an activation by its contract name. */
    public static Optional<Activation> byId(String id) {
        for (Activation a : values()) {
            if (a.id.equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * a = f(z) for an element-wise activation. Sigmoid is evaluated in the form that cannot
     * overflow, so z = ±1000 gives 1 and 0, never NaN.
     */
    public double apply(double z) {
        return switch (this) {
            case SIGMOID -> sigmoid(z);
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(z, 0.0); // max(NaN, 0) is NaN: an overflowed z must not pass on as 0
            case LINEAR -> z;
            case SOFTMAX -> throw new UnsupportedOperationException("softmax acts on a whole layer: use softmax(z, a, n)");
        };
    }

    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z); // e^z ≤ 1 here, so neither form overflows
        return e / (1.0 + e);
    }

    /**
     * f'(z) written in terms of a = f(z): sigmoid a(1 − a), tanh 1 − a², relu 1 where a &gt; 0,
     * linear 1. Softmax has no element-wise derivative; its δ comes from the loss (δ = a − y).
     */
    public double derivative(double a) {
        return switch (this) {
            case SIGMOID -> a * (1.0 - a);
            case TANH -> 1.0 - a * a;
            case RELU -> a > 0 ? 1.0 : 0.0;
            case LINEAR -> 1.0;
            case SOFTMAX -> throw new UnsupportedOperationException("softmax has no element-wise derivative");
        };
    }

    /** The same derivative as {@link #derivative(double)}, in exact decimal arithmetic. */
    public BigDecimal derivative(BigDecimal a) {
        return switch (this) {
            case SIGMOID -> a.multiply(BigDecimal.ONE.subtract(a));
            case TANH -> BigDecimal.ONE.subtract(a.multiply(a));
            case RELU -> a.signum() > 0 ? BigDecimal.ONE : BigDecimal.ZERO;
            case LINEAR -> BigDecimal.ONE;
            case SOFTMAX -> throw new UnsupportedOperationException("softmax has no element-wise derivative");
        };
    }

    /**
     * Softmax of z[0..n) into a[0..n): a_j = e^(z_j − m) / Σ_k e^(z_k − m) with m = max z, so no
     * term overflows.
     */
    public static void softmax(double[] z, double[] a, int n) {
        softmax(z, 0, a, 0, n);
    }

    /** Softmax over n values starting at the given offsets (the fast path's flat arrays). */
    public static void softmax(double[] z, int zOff, double[] a, int aOff, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, z[zOff + k]);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double e = Math.exp(z[zOff + k] - max);
            a[aOff + k] = e;
            sum += e;
        }
        for (int k = 0; k < n; k++) {
            a[aOff + k] /= sum;
        }
    }
}
