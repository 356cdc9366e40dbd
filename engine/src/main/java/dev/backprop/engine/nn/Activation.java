package dev.backprop.engine.nn;

import java.math.BigDecimal;
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
            case SOFTMAX -> throw new UnsupportedOperationException("softmax acts on a whole layer, not on one z");
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
}
