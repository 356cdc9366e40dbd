package dev.backprop.engine.support;

import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.trace.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * A second, deliberately plain implementation of the contract (§1), written from its text alone:
 * nested loops over exact decimals, its own activation, loss and derivative formulas, online or
 * mini-batch gradient descent with mean gradients, frozen biases, both hidden-delta rules, rounding
 * as on paper and given values, and every other update rule through {@link TorchRules} (PyTorch's,
 * written for the tests). It reads the problem's numbers and nothing else of the engine.
 *
 * <p>Without a rounding rule every named quantity is kept to 40 significant digits, far beyond
 * double precision, so the engine's doubles must agree with it to their own accuracy. With a rule,
 * sums and products are exact and each named quantity is rounded half away from zero; only exp,
 * tanh and ln are evaluated in double, as the contract says.
 *
 * <p>Indices follow the contract: {@code w[l][j][i]} from neuron i of layer l−1 into neuron j of
 * layer l; index 0 of the per-layer arrays is the input layer.
 */
public final class IndependentBackprop {
    private static final MathContext WIDE = new MathContext(40, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal HUGE = BigDecimal.TEN.pow(100);

    /** Thrown when a loss needs the logarithm of 0 (or of a negative number). */
    public static final class LogOfZero extends RuntimeException {
        LogOfZero() {
            super("ln of a value ≤ 0");
        }
    }

    /** Thrown when a value grows beyond 1e100: training diverged (the engine's doubles would overflow soon). */
    public static final class Diverged extends RuntimeException {
        Diverged(BigDecimal x) {
            super("training diverged: a value reached " + x.round(new MathContext(3)));
        }
    }

    /** What the contract says a solution holds. */
    public static final class Result {
        /** The data-set loss before training. */
        public BigDecimal lossBefore;
        /** The data-set loss after each epoch. */
        public BigDecimal[] lossHistory;
        /** z, a, δ of the first sample of the first batch, [l][j] (z and δ empty for l = 0). */
        public BigDecimal[][] z;
        /** See {@link #z}. */
        public BigDecimal[][] a;
        /** See {@link #z}. */
        public BigDecimal[][] delta;
        /** The first update's mean gradients, [l][j][i] and [l][j]. */
        public BigDecimal[][][] weightGradients;
        /** See {@link #weightGradients}. */
        public BigDecimal[][] biasGradients;
        /** The weights and biases after the first update. */
        public BigDecimal[][][] weightsAfterFirst;
        /** See {@link #weightsAfterFirst}. */
        public BigDecimal[][] biasesAfterFirst;
        /** The weights and biases after the last epoch. */
        public BigDecimal[][][] weights;
        /** See {@link #weights}. */
        public BigDecimal[][] biases;
        /** With an optimizer other than plain gradient descent: its state and the parameters of the worked updates, by key. */
        public Map<String, BigDecimal> worked = Map.of();
    }

    private final int layers; // number of dense layers, L
    private final int[] size;
    private final String[] activation;
    private String loss = "half-squared-error";
    private BigDecimal alpha = BigDecimal.ONE;
    private BigDecimal[][] inputs = new BigDecimal[0][];
    private BigDecimal[][] targets = new BigDecimal[0][];
    private int epochs = 1;
    private int batchSize = 1;
    private boolean updateBiases = true;
    private boolean updatedWeightsInHiddenDeltas;
    private Integer decimals;
    private Integer significant;
    private final Map<String, BigDecimal> given = new HashMap<>();
    private BigDecimal[][][] w;
    private BigDecimal[][] b;
    private TorchRules rules;

    private IndependentBackprop(Network net) {
        layers = net.depth() - 1;
        size = new int[layers + 1];
        activation = new String[layers + 1];
        size[0] = net.inputSize();
        w = new BigDecimal[layers + 1][][];
        b = new BigDecimal[layers + 1][];
        for (int l = 1; l <= layers; l++) {
            Layer layer = net.layer(l);
            size[l] = layer.size();
            activation[l] = layer.activation().id();
            double[][] lw = layer.weights();
            double[] lb = layer.biases();
            w[l] = new BigDecimal[size[l]][size[l - 1]];
            b[l] = new BigDecimal[size[l]];
            for (int j = 0; j < size[l]; j++) {
                for (int i = 0; i < size[l - 1]; i++) {
                    w[l][j][i] = BigDecimal.valueOf(lw[j][i]);
                }
                b[l][j] = BigDecimal.valueOf(lb[j]);
            }
        }
    }

    private IndependentBackprop(Problem p) {
        this(p.network());
        loss = p.loss().id();
        alpha = BigDecimal.valueOf(p.learningRate());
        inputs = new BigDecimal[p.samples().size()][];
        targets = new BigDecimal[p.samples().size()][];
        for (int s = 0; s < inputs.length; s++) {
            Sample sample = p.samples().get(s);
            inputs[s] = decimals(sample.input());
            targets[s] = decimals(sample.target());
        }
        epochs = p.epochs();
        batchSize = p.batchSize();
        updateBiases = p.updateBiases();
        updatedWeightsInHiddenDeltas = p.hiddenDeltaWeights().id().equals("updated");
        Rounding r = p.rounding();
        decimals = r != null && !r.significant() ? r.digits() : null;
        significant = r != null && r.significant() ? r.digits() : null;
        for (Map.Entry<Quantity, Double> e : p.given().entrySet()) {
            Quantity q = e.getKey();
            given.put(q.kind().keyName() + "[" + q.layer() + "][" + q.row() + "]", BigDecimal.valueOf(e.getValue()));
        }
        Optimizer o = p.optimizer();
        if (!o.plain()) {
            rules = new TorchRules(o.kind().id(), p.learningRate(), o.momentum(), o.alpha(), o.epsilon(), o.beta1(),
                    o.beta2(), o.weightDecay(), this::named, r != null, p.workedUpdates());
        }
    }

    /** Solves the problem the plain way; throws {@link LogOfZero} where a loss takes ln 0. */
    public static Result solve(Problem p) {
        return new IndependentBackprop(p).train();
    }

    /** The outputs of the network for one input, without rounding (in double). */
    public static double[] outputs(Network net, double[] x) {
        IndependentBackprop plain = new IndependentBackprop(net);
        BigDecimal[][][] pass = plain.forward(decimals(x), false);
        BigDecimal[] out = pass[1][plain.layers];
        double[] y = new double[out.length];
        for (int j = 0; j < y.length; j++) {
            y[j] = out[j].doubleValue();
        }
        return y;
    }

    private static BigDecimal[] decimals(double[] xs) {
        BigDecimal[] d = new BigDecimal[xs.length];
        for (int i = 0; i < xs.length; i++) {
            d[i] = BigDecimal.valueOf(xs[i]);
        }
        return d;
    }

    // ---- arithmetic ----

    /** A named quantity as it is written down: rounded by the rule, or kept to 40 digits. */
    private BigDecimal named(BigDecimal x) {
        if (x.abs().compareTo(HUGE) > 0) {
            throw new Diverged(x);
        }
        if (decimals != null) {
            return x.setScale(decimals, RoundingMode.HALF_UP);
        }
        if (significant != null) {
            return x.round(new MathContext(significant, RoundingMode.HALF_UP));
        }
        return x.round(WIDE);
    }

    private static BigDecimal exact(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new ArithmeticException("not finite: " + x);
        }
        return new BigDecimal(x);
    }

    private static BigDecimal divide(BigDecimal x, BigDecimal y) {
        return x.divide(y, WIDE);
    }

    private static BigDecimal ln(BigDecimal x) {
        if (x.signum() <= 0) {
            throw new LogOfZero();
        }
        return exact(Math.log(x.doubleValue()));
    }

    /** f(z) for an element-wise activation. */
    private BigDecimal activate(String f, BigDecimal z) {
        switch (f) {
            case "sigmoid": {
                // 1 / (1 + e^−z), with e^(−|z|) ≤ 1 so the exponential never overflows
                double zd = z.doubleValue();
                if (zd >= 0) {
                    return divide(BigDecimal.ONE, BigDecimal.ONE.add(exact(Math.exp(-zd))));
                }
                BigDecimal e = exact(Math.exp(zd));
                return divide(e, BigDecimal.ONE.add(e));
            }
            case "tanh":
                return exact(Math.tanh(z.doubleValue()));
            case "relu":
                return z.signum() > 0 ? z : BigDecimal.ZERO;
            case "linear":
                return z;
            default:
                throw new IllegalArgumentException(f);
        }
    }

    /** f'(z), written from the activation a as on paper. */
    private static BigDecimal slope(String f, BigDecimal a) {
        switch (f) {
            case "sigmoid":
                return a.multiply(BigDecimal.ONE.subtract(a));
            case "tanh":
                return BigDecimal.ONE.subtract(a.multiply(a));
            case "relu":
                return a.signum() > 0 ? BigDecimal.ONE : BigDecimal.ZERO;
            case "linear":
                return BigDecimal.ONE;
            default:
                throw new IllegalArgumentException(f + " has no element-wise derivative");
        }
    }

    /** The loss of one sample. */
    private BigDecimal sampleLoss(BigDecimal[] a, BigDecimal[] y) {
        int n = y.length;
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = 0; j < n; j++) {
            BigDecimal diff = y[j].subtract(a[j]);
            switch (loss) {
                case "half-squared-error":
                    sum = sum.add(diff.multiply(diff).divide(TWO));
                    break;
                case "squared-error":
                case "mean-squared-error":
                    sum = sum.add(diff.multiply(diff));
                    break;
                case "binary-cross-entropy":
                    // −[y ln a + (1 − y) ln(1 − a)], a term with a zero coefficient left out
                    if (y[j].signum() != 0) {
                        sum = sum.subtract(y[j].multiply(ln(a[j])));
                    }
                    if (BigDecimal.ONE.subtract(y[j]).signum() != 0) {
                        sum = sum.subtract(BigDecimal.ONE.subtract(y[j]).multiply(ln(BigDecimal.ONE.subtract(a[j]))));
                    }
                    break;
                case "cross-entropy":
                    if (y[j].signum() != 0) {
                        sum = sum.subtract(y[j].multiply(ln(a[j])));
                    }
                    break;
                default:
                    throw new IllegalArgumentException(loss);
            }
        }
        if (loss.equals("mean-squared-error")) {
            sum = divide(sum, BigDecimal.valueOf(n));
        }
        return named(sum);
    }

    /** δ of output neuron j: ∂L/∂a · f'(z), or a − y for the cross-entropies. */
    private BigDecimal outputDelta(String f, BigDecimal a, BigDecimal y, int n) {
        BigDecimal d;
        switch (loss) {
            case "half-squared-error":
                d = a.subtract(y).multiply(slope(f, a));
                break;
            case "squared-error":
                d = TWO.multiply(a.subtract(y)).multiply(slope(f, a));
                break;
            case "mean-squared-error":
                d = divide(TWO.multiply(a.subtract(y)).multiply(slope(f, a)), BigDecimal.valueOf(n));
                break;
            case "binary-cross-entropy":
            case "cross-entropy":
                d = a.subtract(y);
                break;
            default:
                throw new IllegalArgumentException(loss);
        }
        return named(d);
    }

    // ---- the algorithm ----

    /** One forward pass: {z, a}, each [l][j]. */
    private BigDecimal[][][] forward(BigDecimal[] x, boolean useGiven) {
        BigDecimal[][] z = new BigDecimal[layers + 1][];
        BigDecimal[][] a = new BigDecimal[layers + 1][];
        z[0] = new BigDecimal[0];
        a[0] = x.clone();
        for (int l = 1; l <= layers; l++) {
            z[l] = new BigDecimal[size[l]];
            a[l] = new BigDecimal[size[l]];
            for (int j = 0; j < size[l]; j++) {
                BigDecimal stated = useGiven ? given.get("z[" + l + "][" + j + "]") : null;
                if (stated != null) {
                    z[l][j] = stated;
                } else {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (int i = 0; i < size[l - 1]; i++) {
                        sum = sum.add(w[l][j][i].multiply(a[l - 1][i]));
                    }
                    z[l][j] = named(sum.add(b[l][j]));
                }
            }
            if (activation[l].equals("softmax")) {
                BigDecimal max = z[l][0];
                for (BigDecimal v : z[l]) {
                    max = max.max(v);
                }
                BigDecimal[] e = new BigDecimal[size[l]];
                BigDecimal total = BigDecimal.ZERO;
                for (int k = 0; k < size[l]; k++) {
                    e[k] = exact(Math.exp(z[l][k].subtract(max).doubleValue()));
                    total = total.add(e[k]);
                }
                for (int j = 0; j < size[l]; j++) {
                    a[l][j] = named(divide(e[j], total));
                }
            } else {
                for (int j = 0; j < size[l]; j++) {
                    a[l][j] = named(activate(activation[l], z[l][j]));
                }
            }
            for (int j = 0; j < size[l]; j++) {
                BigDecimal stated = useGiven ? given.get("a[" + l + "][" + j + "]") : null;
                if (stated != null) {
                    a[l][j] = stated;
                }
            }
        }
        return new BigDecimal[][][] {z, a};
    }

    private BigDecimal datasetLoss() {
        BigDecimal sum = BigDecimal.ZERO;
        for (int s = 0; s < inputs.length; s++) {
            BigDecimal[][][] pass = forward(inputs[s], false);
            sum = sum.add(sampleLoss(pass[1][layers], targets[s]));
        }
        return named(divide(sum, BigDecimal.valueOf(inputs.length)));
    }

    private Result train() {
        Result r = new Result();
        BigDecimal sum = BigDecimal.ZERO;
        for (int s = 0; s < inputs.length; s++) {
            BigDecimal[][][] pass = forward(inputs[s], s == 0);
            sum = sum.add(sampleLoss(pass[1][layers], targets[s]));
        }
        r.lossBefore = named(divide(sum, BigDecimal.valueOf(inputs.length)));
        r.lossHistory = new BigDecimal[epochs];
        boolean first = true;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int start = 0; start < inputs.length; start += batchSize) {
                int end = Math.min(start + batchSize, inputs.length);
                if (rules != null) {
                    rules.beginStep();
                }
                step(start, end, first, first ? r : null);
                first = false;
            }
            r.lossHistory[epoch] = datasetLoss();
        }
        r.weights = w;
        r.biases = b;
        if (rules != null) {
            r.worked = rules.recorded();
        }
        return r;
    }

    /** One gradient-descent update on samples [start, end); records it into r when r is not null. */
    private void step(int start, int end, boolean useGiven, Result r) {
        int m = end - start;
        BigDecimal count = BigDecimal.valueOf(m);
        BigDecimal[][][] z = new BigDecimal[m][][];
        BigDecimal[][][] a = new BigDecimal[m][][];
        for (int s = 0; s < m; s++) {
            BigDecimal[][][] pass = forward(inputs[start + s], useGiven && s == 0);
            z[s] = pass[0];
            a[s] = pass[1];
        }
        BigDecimal[][][] delta = new BigDecimal[m][layers + 1][];
        BigDecimal[][][] newW = new BigDecimal[layers + 1][][];
        BigDecimal[][] newB = new BigDecimal[layers + 1][];
        BigDecimal[][][] gW = new BigDecimal[layers + 1][][];
        BigDecimal[][] gB = new BigDecimal[layers + 1][];
        for (int l = layers; l >= 1; l--) {
            for (int s = 0; s < m; s++) {
                delta[s][l] = new BigDecimal[size[l]];
                for (int j = 0; j < size[l]; j++) {
                    if (l == layers) {
                        delta[s][l][j] = outputDelta(activation[l], a[s][l][j], targets[start + s][j], size[l]);
                    } else {
                        // δ_j = (Σ_k W_kj·δ_k) · f'(a_j), W of the layer above before (or after) its update
                        BigDecimal[][] above = updatedWeightsInHiddenDeltas ? newW[l + 1] : w[l + 1];
                        BigDecimal back = BigDecimal.ZERO;
                        for (int k = 0; k < size[l + 1]; k++) {
                            back = back.add(above[k][j].multiply(delta[s][l + 1][k]));
                        }
                        delta[s][l][j] = named(back.multiply(slope(activation[l], a[s][l][j])));
                    }
                }
            }
            gW[l] = new BigDecimal[size[l]][size[l - 1]];
            gB[l] = new BigDecimal[size[l]];
            newW[l] = new BigDecimal[size[l]][size[l - 1]];
            newB[l] = new BigDecimal[size[l]];
            for (int j = 0; j < size[l]; j++) {
                for (int i = 0; i < size[l - 1]; i++) {
                    BigDecimal g = BigDecimal.ZERO;
                    for (int s = 0; s < m; s++) {
                        g = g.add(delta[s][l][j].multiply(a[s][l - 1][i]));
                    }
                    gW[l][j][i] = named(divide(g, count));
                    newW[l][j][i] = rules != null ? rules.update("W[" + l + "][" + j + "][" + i + "]", w[l][j][i], gW[l][j][i])
                            : named(w[l][j][i].subtract(alpha.multiply(gW[l][j][i])));
                }
                BigDecimal g = BigDecimal.ZERO;
                for (int s = 0; s < m; s++) {
                    g = g.add(delta[s][l][j]);
                }
                gB[l][j] = named(divide(g, count));
                newB[l][j] = !updateBiases ? b[l][j] : rules != null ? rules.update("b[" + l + "][" + j + "]", b[l][j], gB[l][j])
                        : named(b[l][j].subtract(alpha.multiply(gB[l][j])));
            }
        }
        if (r != null) {
            r.z = z[0];
            r.a = a[0];
            r.delta = delta[0];
            r.delta[0] = new BigDecimal[0];
            r.weightGradients = gW;
            r.biasGradients = gB;
            r.weightsAfterFirst = newW;
            r.biasesAfterFirst = newB;
        }
        w = newW;
        b = newB;
    }
}
