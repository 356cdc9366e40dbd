package dev.backprop.engine.train;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Rounding;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Exact decimal arithmetic with rounding as on paper: sums, differences and products of the
 * decimal operands are exact, only exp, tanh and ln are evaluated in double, and each named
 * quantity is rounded half away from zero as soon as it is computed.
 */
final class ExactArith implements Arith {
    private static final MathContext DIVISION = MathContext.DECIMAL128;

    private final Rounding rounding;

    ExactArith(Rounding rounding) {
        this.rounding = rounding;
    }

    /** The decimal a double stands for: its shortest representation, as typed or as rounded. */
    private static BigDecimal dec(double x) {
        if (!Double.isFinite(x)) {
            throw new NonFiniteException();
        }
        return BigDecimal.valueOf(x);
    }

    /** An exact decimal of a double computed by exp, tanh or ln. */
    private static BigDecimal computed(double x) {
        if (!Double.isFinite(x)) {
            throw new NonFiniteException();
        }
        return new BigDecimal(x);
    }

    private double round(BigDecimal x) {
        double d = rounding.round(x).doubleValue();
        if (!Double.isFinite(d)) {
            throw new NonFiniteException();
        }
        return d;
    }

    @Override
    public double weightedSum(double[] w, double[] a, double b) {
        BigDecimal sum = dec(b);
        for (int i = 0; i < w.length; i++) {
            sum = sum.add(dec(w[i]).multiply(dec(a[i])));
        }
        return round(sum);
    }

    @Override
    public double activate(Activation f, double z) {
        return switch (f) {
            case SIGMOID, TANH -> round(computed(f.apply(z)));
            case RELU -> round(z > 0 ? dec(z) : BigDecimal.ZERO);
            case LINEAR -> round(dec(z));
            case SOFTMAX -> throw new UnsupportedOperationException("softmax acts on a whole layer");
        };
    }

    @Override
    public double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        BigDecimal[] e = new BigDecimal[z.length];
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < z.length; k++) {
            // z_k − max is exact on decimals; e^(z_k − max) is evaluated in double
            e[k] = computed(Math.exp(dec(z[k]).subtract(dec(max)).doubleValue()));
            sum = sum.add(e[k]);
        }
        double[] a = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            a[k] = round(e[k].divide(sum, DIVISION));
        }
        return a;
    }

    @Override
    public double sampleLoss(Loss loss, double[] a, double[] y) {
        BigDecimal[] ad = new BigDecimal[a.length];
        BigDecimal[] yd = new BigDecimal[y.length];
        for (int j = 0; j < a.length; j++) {
            ad[j] = dec(a[j]);
            yd[j] = dec(y[j]);
        }
        try {
            return round(loss.value(ad, yd));
        } catch (Loss.LnOfZeroException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    @Override
    public double mean(double[] xs) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double x : xs) {
            sum = sum.add(dec(x));
        }
        return round(sum.divide(BigDecimal.valueOf(xs.length), DIVISION));
    }

    @Override
    public double outputDelta(Loss loss, Activation f, double a, double y, int n) {
        return round(loss.outputDelta(f, dec(a), dec(y), n));
    }

    @Override
    public double hiddenDelta(double[] w, double[] nextDeltas, Activation f, double a) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < w.length; k++) {
            sum = sum.add(dec(w[k]).multiply(dec(nextDeltas[k])));
        }
        // Σ w·δ and f'(a) are factors of one formula: only the product is rounded
        return round(sum.multiply(f.derivative(dec(a))));
    }

    @Override
    public double meanProduct(double[] deltas, double[] inputs) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int s = 0; s < deltas.length; s++) {
            sum = sum.add(dec(deltas[s]).multiply(dec(inputs[s])));
        }
        return round(deltas.length == 1 ? sum : sum.divide(BigDecimal.valueOf(deltas.length), DIVISION));
    }

    @Override
    public double update(double theta, double alpha, double gradient) {
        return round(dec(theta).subtract(dec(alpha).multiply(dec(gradient))));
    }

    /** A value stopped being a finite number during exact training. */
    static final class NonFiniteException extends ArithmeticException {
        NonFiniteException() {
            super("not a finite number");
        }
    }
}
