package dev.backprop.engine.nn;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * An activation function f, applied to a neuron's weighted sum z to give its activation a = f(z).
 *
 * <p>Two derivatives: {@link #derivative(double)} is written in terms of the activation a, as a
 * person does on paper (the seed's A(1 − A)), and is what rounding and given values use;
 * {@link #derivativeAt(double, double)} is f′(z) to full relative precision, which a(1 − a) and
 * 1 − a² lose when the unit saturates (1 − a cancels). The fast path and the traced path call the
 * same methods, so they compute the same doubles.
 */
public enum Activation {
    /** σ(z) = 1 / (1 + e^−z); σ'(z) = a(1 − a) = σ(z)σ(−z). */
    SIGMOID("sigmoid"),
    /** tanh(z); tanh'(z) = 1 − a² = sech² z. */
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
     * a[j] = σ(z) and d[j] = σ′(z) with one exponential: the doubles of {@code apply(z)} and
     * {@code derivativeAt(z, apply(z))}, for the fast path, which needs both.
     */
    public static void sigmoid(double z, double[] a, double[] d, int j) {
        if (z >= 0) {
            double t = Math.exp(-z);
            double s = 1.0 / (1.0 + t);
            a[j] = s;
            d[j] = t * s * s;
        } else {
            double e = Math.exp(z);
            double s = e / (1.0 + e);
            a[j] = s;
            d[j] = s * (1.0 - s);
        }
    }

    /**
     * f′(z) to full relative precision, given a = f(z) as {@link #apply(double)} computes it.
     * Sigmoid: σ′(z) = e^(−z)·a² for z ≥ 0 (a ≥ ½, where 1 − a would cancel), a(1 − a) for z &lt; 0
     * (there 1 − a ≥ ½ is exact enough); tanh: sech² z = 4u/(1 + u)² with u = e^(−2|z|), never
     * 1 − a²; relu and linear as {@link #derivative(double)}. Within a few ulps of the exact value
     * wherever that value is a normal double.
     */
    public double derivativeAt(double z, double a) {
        return switch (this) {
            case SIGMOID -> z >= 0 ? Math.exp(-z) * a * a : a * (1.0 - a);
            case TANH -> tanhDerivative(z);
            case RELU, LINEAR -> derivative(a);
            case SOFTMAX -> throw new UnsupportedOperationException("softmax has no element-wise derivative");
        };
    }

    // sech² z = 4/(e^z + e^−z)² = 4u/(1 + u)², u = e^(−2|z|) ≤ 1: no cancellation and no overflow.
    private static double tanhDerivative(double z) {
        double u = Math.exp(-2.0 * Math.abs(z));
        double d = 1.0 + u;
        return 4.0 * u / (d * d);
    }

    /**
     * a = f(z) and d = f′(z) ({@link #derivativeAt(double, double)}) for the first n neurons of a
     * layer, the switch taken once; softmax is a layer of its own ({@link #softmax(double[], double[], int)}).
     */
    public void apply(double[] z, double[] a, double[] d, int n) {
        switch (this) {
            case SIGMOID:
                for (int j = 0; j < n; j++) {
                    sigmoid(z[j], a, d, j);
                }
                break;
            case TANH:
                for (int j = 0; j < n; j++) {
                    a[j] = Math.tanh(z[j]);
                    d[j] = tanhDerivative(z[j]);
                }
                break;
            case RELU:
                for (int j = 0; j < n; j++) {
                    double aj = RELU.apply(z[j]);
                    a[j] = aj;
                    d[j] = RELU.derivative(aj);
                }
                break;
            case LINEAR:
                System.arraycopy(z, 0, a, 0, n);
                Arrays.fill(d, 0, n, 1.0);
                break;
            case SOFTMAX:
                throw new UnsupportedOperationException("softmax acts on a whole layer: use softmax(z, a, n)");
            default:
                throw new IllegalStateException("unknown activation " + this);
        }
    }

    /**
     * f'(z) written in terms of a = f(z), as on paper: sigmoid a(1 − a), tanh 1 − a², relu 1 where
     * a &gt; 0, linear 1; used where a is rounded or given. Softmax has no element-wise derivative; its
     * δ comes from the loss (δ = a − y).
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
