package dev.backprop.engine.nn;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * A per-sample loss L(a, y) of the output activations a against the target y (n outputs).
 *
 * <p>Each loss knows its own value and its output error δ = ∂L/∂z for the output layer; the fast
 * path, the traced path and the exact-decimal path all use these methods.
 */
public enum Loss {
    /** Σ ½(y − a)², the seed's "MSE"; ∂L/∂a = a − y. */
    HALF_SQUARED_ERROR("half-squared-error"),
    /** Σ (y − a)²; ∂L/∂a = 2(a − y). */
    SQUARED_ERROR("squared-error"),
    /** (1/n) Σ (y − a)², as PyTorch's MSELoss; ∂L/∂a = 2(a − y)/n. */
    MEAN_SQUARED_ERROR("mean-squared-error"),
    /** −Σ [y ln a + (1 − y) ln(1 − a)], sigmoid outputs only; with σ, δ = a − y. */
    BINARY_CROSS_ENTROPY("binary-cross-entropy"),
    /** −Σ y ln a, softmax outputs only; with softmax, δ = a − y. */
    CROSS_ENTROPY("cross-entropy");

    /** Precision for the exact path's divisions (1/n), far beyond any rounding the contract allows. */
    static final MathContext DIVISION = MathContext.DECIMAL128;

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /** The contract's name for this loss, e.g. {@code "half-squared-error"}. */
    public String id() {
        return id;
    }

    /** Finds a loss by its contract name. */
    public static Optional<Loss> byId(String id) {
        for (Loss l : values()) {
            if (l.id.equals(id)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The only output activation this loss is defined with, or empty when any element-wise one will do. */
    public Optional<Activation> requiredOutputActivation() {
        return switch (this) {
            case BINARY_CROSS_ENTROPY -> Optional.of(Activation.SIGMOID);
            case CROSS_ENTROPY -> Optional.of(Activation.SOFTMAX);
            default -> Optional.empty();
        };
    }

    /**
     * Whether the output δ is written directly as a − y (the cross-entropies, whose derivative
     * cancels the activation's), rather than as ∂L/∂a · f'(z).
     */
    public boolean deltaIsOutputMinusTarget() {
        return this == BINARY_CROSS_ENTROPY || this == CROSS_ENTROPY;
    }

    /** The loss of one sample, a against y (as many outputs as targets); infinite where a cross-entropy meets ln 0. */
    public double value(double[] a, double[] y) {
        double sum = 0;
        for (int j = 0; j < y.length; j++) {
            sum += term(a[j], y[j]);
        }
        return this == MEAN_SQUARED_ERROR ? sum / y.length : sum;
    }

    /** One output's term of the sum (before MSE's 1/n); a term whose coefficient is 0 is 0, so 0·ln 0 never makes NaN. */
    double term(double a, double y) {
        return switch (this) {
            case HALF_SQUARED_ERROR -> 0.5 * (y - a) * (y - a);
            case SQUARED_ERROR, MEAN_SQUARED_ERROR -> (y - a) * (y - a);
            case BINARY_CROSS_ENTROPY -> -((y != 0 ? y * Math.log(a) : 0) + (y != 1 ? (1 - y) * Math.log(1 - a) : 0));
            case CROSS_ENTROPY -> y != 0 ? -y * Math.log(a) : 0;
        };
    }

    /** ∂L/∂a_j for the squared-error losses (n outputs). */
    public double outputGradient(double a, double y, int n) {
        return switch (this) {
            case HALF_SQUARED_ERROR -> a - y;
            case SQUARED_ERROR -> 2 * (a - y);
            case MEAN_SQUARED_ERROR -> 2 * (a - y) / n;
            case BINARY_CROSS_ENTROPY -> (a - y) / (a * (1 - a));
            case CROSS_ENTROPY -> -y / a;
        };
    }

    /**
     * The output error δ_j = ∂L/∂z_j: a − y for the cross-entropies, else ∂L/∂a_j · f'(z_j) with
     * f' taken from a as on paper ({@link Activation#derivative(double)}).
     */
    public double outputDelta(Activation f, double a, double y, int n) {
        if (deltaIsOutputMinusTarget()) {
            return a - y;
        }
        return outputDelta(a, y, n, f.derivative(a));
    }

    /**
     * The output error δ_j = ∂L/∂z_j with the activation's derivative f′(z_j) given: a − y for the
     * cross-entropies (which ignore it), else ∂L/∂a_j · f′.
     */
    public double outputDelta(double a, double y, int n, double derivative) {
        if (deltaIsOutputMinusTarget()) {
            return a - y;
        }
        return outputGradient(a, y, n) * derivative;
    }

    /** The loss of one sample in exact decimal arithmetic; only ln is evaluated in double. */
    public BigDecimal value(BigDecimal[] a, BigDecimal[] y) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = 0; j < y.length; j++) {
            BigDecimal diff = y[j].subtract(a[j]);
            BigDecimal t = switch (this) {
                case HALF_SQUARED_ERROR -> diff.multiply(diff).multiply(new BigDecimal("0.5"));
                case SQUARED_ERROR, MEAN_SQUARED_ERROR -> diff.multiply(diff);
                case BINARY_CROSS_ENTROPY -> {
                    BigDecimal oneMinusY = BigDecimal.ONE.subtract(y[j]);
                    BigDecimal s = BigDecimal.ZERO;
                    if (y[j].signum() != 0) {
                        s = s.add(y[j].multiply(ln(a[j])));
                    }
                    if (oneMinusY.signum() != 0) {
                        s = s.add(oneMinusY.multiply(ln(BigDecimal.ONE.subtract(a[j]))));
                    }
                    yield s.negate();
                }
                case CROSS_ENTROPY -> y[j].signum() != 0 ? y[j].multiply(ln(a[j])).negate() : BigDecimal.ZERO;
            };
            sum = sum.add(t);
        }
        return this == MEAN_SQUARED_ERROR ? sum.divide(BigDecimal.valueOf(y.length), DIVISION) : sum;
    }

    /** The output δ in exact decimal arithmetic (see {@link #outputDelta(Activation, double, double, int)}). */
    public BigDecimal outputDelta(Activation f, BigDecimal a, BigDecimal y, int n) {
        BigDecimal diff = a.subtract(y);
        return switch (this) {
            case BINARY_CROSS_ENTROPY, CROSS_ENTROPY -> diff;
            case HALF_SQUARED_ERROR -> diff.multiply(f.derivative(a));
            case SQUARED_ERROR -> diff.multiply(BigDecimal.valueOf(2)).multiply(f.derivative(a));
            case MEAN_SQUARED_ERROR -> diff.multiply(BigDecimal.valueOf(2)).multiply(f.derivative(a))
                    .divide(BigDecimal.valueOf(n), DIVISION);
        };
    }

    /** ln x in double, as an exact decimal; ln of 0 or less has no decimal value. */
    private static BigDecimal ln(BigDecimal x) {
        if (x.signum() <= 0) {
            throw new LnOfZeroException();
        }
        return new BigDecimal(Math.log(x.doubleValue()));
    }

    /** Thrown by the exact path where a cross-entropy needs ln 0 (the double path gives +∞ instead). */
    public static final class LnOfZeroException extends ArithmeticException {
        LnOfZeroException() {
            super("ln 0");
        }
    }
}
