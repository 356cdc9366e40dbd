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

    /** Rounds a named quantity; beyond the range of double it becomes ±∞, which the solver reports as divergence. */
    private double round(BigDecimal x) {
        return rounding.round(x).doubleValue();
    }

    // A non-finite operand (the training diverged) makes the result NaN, as in double arithmetic, so the
    // solver can name the first quantity that stopped being a number.
    private static boolean finite(double... xs) {
        for (double x : xs) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double weightedSum(double[] w, double[] a, double b) {
        if (!finite(w) || !finite(a) || !finite(b)) {
            return Double.NaN;
        }
        BigDecimal sum = dec(b);
        for (int i = 0; i < w.length; i++) {
            sum = sum.add(dec(w[i]).multiply(dec(a[i])));
        }
        return round(sum);
    }

    @Override
    public double activate(Activation f, double z) {
        if (!finite(z)) {
            return Double.NaN;
        }
        return switch (f) {
            case SIGMOID, TANH -> round(computed(f.apply(z)));
            case RELU -> round(z > 0 ? dec(z) : BigDecimal.ZERO);
            case LINEAR -> round(dec(z));
            case SOFTMAX -> throw new UnsupportedOperationException("softmax acts on a whole layer");
        };
    }

    @Override
    public double[] softmax(double[] z) {
        if (!finite(z)) {
            double[] nan = new double[z.length];
            java.util.Arrays.fill(nan, Double.NaN);
            return nan;
        }
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
        if (!finite(a)) {
            return Double.NaN;
        }
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
        if (!finite(xs)) {
            // +∞ (a sample's loss took ln 0) stays +∞; anything else not finite makes NaN
            double sum = 0;
            for (double x : xs) {
                sum += x;
            }
            return sum;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (double x : xs) {
            sum = sum.add(dec(x));
        }
        return round(sum.divide(BigDecimal.valueOf(xs.length), DIVISION));
    }

    @Override
    public double derivative(Activation f, double z, double a) {
        // the contract: under rounding, derivatives come from the activation as written down
        return f.derivative(a);
    }

    @Override
    public double outputDelta(Loss loss, Activation f, double a, double derivative, double y, int n) {
        if (!finite(a)) {
            return Double.NaN;
        }
        return round(loss.outputDelta(f, dec(a), dec(y), n));
    }

    @Override
    public double hiddenDelta(double[] w, double[] nextDeltas, Activation f, double a, double derivative) {
        if (!finite(w) || !finite(nextDeltas) || !finite(a)) {
            return Double.NaN;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < w.length; k++) {
            sum = sum.add(dec(w[k]).multiply(dec(nextDeltas[k])));
        }
        // Σ w·δ and f'(a) are factors of one formula: only the product is rounded
        return round(sum.multiply(f.derivative(dec(a))));
    }

    @Override
    public double meanProduct(double[] deltas, double[] inputs) {
        if (!finite(deltas) || !finite(inputs)) {
            return Double.NaN;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int s = 0; s < deltas.length; s++) {
            sum = sum.add(dec(deltas[s]).multiply(dec(inputs[s])));
        }
        return round(deltas.length == 1 ? sum : sum.divide(BigDecimal.valueOf(deltas.length), DIVISION));
    }

    @Override
    public double update(double theta, double alpha, double gradient) {
        if (!finite(theta, alpha, gradient)) {
            return Double.NaN;
        }
        return round(dec(theta).subtract(dec(alpha).multiply(dec(gradient))));
    }

    @Override
    public double decayed(double gradient, double lambda, double theta) {
        if (!finite(gradient, lambda, theta)) {
            return Double.NaN;
        }
        return round(dec(gradient).add(dec(lambda).multiply(dec(theta))));
    }

    @Override
    public double momentumBuffer(double buffer, double mu, double g) {
        if (!finite(buffer, mu, g)) {
            return Double.NaN;
        }
        return round(dec(mu).multiply(dec(buffer)).add(dec(g)));
    }

    @Override
    public double nesterovUpdate(double theta, double alpha, double g, double mu, double buffer) {
        if (!finite(theta, alpha, g, mu, buffer)) {
            return Double.NaN;
        }
        // g + μ·b is a factor inside the formula: not rounded on its own
        BigDecimal direction = dec(g).add(dec(mu).multiply(dec(buffer)));
        return round(dec(theta).subtract(dec(alpha).multiply(direction)));
    }

    @Override
    public double movingAverage(double previous, double rate, double g, boolean squared) {
        if (!finite(previous, rate, g)) {
            return Double.NaN;
        }
        BigDecimal beta = dec(rate);
        BigDecimal y = squared ? dec(g).multiply(dec(g)) : dec(g);
        return round(beta.multiply(dec(previous)).add(BigDecimal.ONE.subtract(beta).multiply(y)));
    }

    @Override
    public double correction(double rate, int t) {
        return exactCorrection(rate, t).doubleValue();
    }

    /** 1 − βᵗ exactly (a power of a decimal is a decimal). */
    private static BigDecimal exactCorrection(double rate, int t) {
        return BigDecimal.ONE.subtract(dec(rate).pow(t));
    }

    @Override
    public double corrected(double moment, double rate, int t) {
        if (!finite(moment, rate)) {
            return Double.NaN;
        }
        return round(dec(moment).divide(exactCorrection(rate, t), DIVISION));
    }

    @Override
    public double adaptiveUpdate(double theta, double alpha, double x, double y, double epsilon) {
        if (!finite(theta, alpha, x, y, epsilon)) {
            return Double.NaN;
        }
        // √y in double, as exp and tanh are; then exact but for the division, rounded once
        BigDecimal root = computed(Math.sqrt(y));
        BigDecimal step = dec(x).divide(root.add(dec(epsilon)), DIVISION);
        return round(dec(theta).subtract(dec(alpha).multiply(step)));
    }

    /** A value stopped being a finite number during exact training. */
    static final class NonFiniteException extends ArithmeticException {
        NonFiniteException() {
            super("not a finite number");
        }
    }
}
