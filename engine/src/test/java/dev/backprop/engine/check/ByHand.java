package dev.backprop.engine.check;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A student working the first update by hand, written plainly in doubles from the textbook
 * formulas, independently of the engine's solver and of the checker's replay — and able to make
 * each known mistake on purpose, everywhere it can be made or in one chosen step. Handles a first
 * batch of any size. A student may round every value as it is written down (to decimal places or
 * significant figures) and work on from the rounded values, and may write a wrong number for one
 * quantity and work on from that.
 */
public final class ByHand {

    /** The mistakes a student can make on purpose. */
    public enum Slip {
        SIGN_FLIPPED, MISSING_DERIVATIVE, HALF_DROPPED, TWO_DROPPED, BATCH_SUM, MSE_WITHOUT_MEAN,
        UPDATED_WEIGHTS, UPDATE_DIRECTION, LEARNING_RATE_OMITTED, NOT_UPDATED, DERIVATIVE_OF_Z,
        GRADIENT_FROM_Z, OTHER_DERIVATIVE, EXTRA_DERIVATIVE, BIAS_OMITTED, SWAPPED_FORWARD_WEIGHTS, SWAPPED_HIDDEN_WEIGHTS,
        FIXED_BIAS_UPDATED
    }

    private final Set<Slip> slips;
    private final Map<String, Slip> slipAt;
    private final int roundTo;
    private final int figures;
    private final Map<String, Double> writes;
    private final Map<String, Double> raw = new LinkedHashMap<>();

    private ByHand(Set<Slip> slips, Map<String, Slip> slipAt, int roundTo, int figures, Map<String, Double> writes) {
        this.slips = slips;
        this.slipAt = slipAt;
        this.roundTo = roundTo;
        this.figures = figures;
        this.writes = writes;
    }

    /** A careful student. */
    public static ByHand careful() {
        return new ByHand(EnumSet.noneOf(Slip.class), Map.of(), -1, -1, Map.of());
    }

    /** A student who makes these slips everywhere they can be made. */
    public static ByHand making(Slip first, Slip... more) {
        return new ByHand(EnumSet.of(first, more), Map.of(), -1, -1, Map.of());
    }

    /** A careful student who rounds every value to k decimal places as it is written down. */
    public static ByHand rounding(int k) {
        return new ByHand(EnumSet.noneOf(Slip.class), Map.of(), k, -1, Map.of());
    }

    /** This student, rounding every value to k significant figures as it is written down. */
    public ByHand toFigures(int k) {
        return new ByHand(slips, slipAt, roundTo, k, writes);
    }

    /** This student, making the slip in the step that computes {@code key} alone. */
    public ByHand slipAt(String key, Slip slip) {
        Map<String, Slip> at = new java.util.HashMap<>(slipAt);
        at.put(key, slip);
        return new ByHand(slips, at, roundTo, figures, writes);
    }

    /** This student, writing {@code value} for {@code key} (whatever they worked out) and working on from it. */
    public ByHand writing(String key, double value) {
        Map<String, Double> w = new java.util.HashMap<>(writes);
        w.put(key, value);
        return new ByHand(slips, slipAt, roundTo, figures, w);
    }

    /** Whether the slip is made everywhere. */
    private boolean does(Slip s) {
        return slips.contains(s);
    }

    /** Whether the slip is made in the step that computes {@code key}: everywhere, or there alone. */
    private boolean does(Slip s, String key) {
        return slips.contains(s) || slipAt.get(key) == s;
    }

    /** A value made in one step alone with its sign flipped (the local sign slip in any δ or gradient). */
    private double flippedAt(String key, double x) {
        return slipAt.get(key) == Slip.SIGN_FLIPPED ? -x : x;
    }

    private double r(double x) {
        if (figures > 0) {
            return new BigDecimal(x).round(new java.math.MathContext(figures, RoundingMode.HALF_UP)).doubleValue();
        }
        return roundTo < 0 ? x : BigDecimal.valueOf(x).setScale(roundTo, RoundingMode.HALF_UP).doubleValue();
    }

    private static double f(Activation act, double z) {
        switch (act) {
            case SIGMOID:
                return 1 / (1 + Math.exp(-z));
            case TANH:
                return Math.tanh(z);
            case RELU:
                return Math.max(0, z);
            default:
                return z;
        }
    }

    /** f′ in terms of a, or in terms of z (the slip), or another activation's (the slip), for the δ {@code key}. */
    private double fPrime(Activation act, double a, double z, String key) {
        if (does(Slip.MISSING_DERIVATIVE, key)) {
            return 1;
        }
        double x = does(Slip.DERIVATIVE_OF_Z, key) ? z : a;
        Activation g = act;
        if (does(Slip.OTHER_DERIVATIVE, key)) {
            g = act == Activation.SIGMOID ? Activation.TANH : Activation.SIGMOID;
        }
        switch (g) {
            case SIGMOID:
                return x * (1 - x);
            case TANH:
                return 1 - x * x;
            case RELU:
                return x > 0 ? 1 : 0;
            default:
                return 1;
        }
    }

    /**
     * Every value of the first update: z, a, loss, delta (per sample of the batch, keys with
     * {@code @s} for s ≥ 1), dW, db, W and b.
     */
    public Map<String, Double> work(Problem p) {
        Network net = p.network();
        int depth = net.depth();
        int out = depth - 1;
        int m = Math.min(p.batchSize(), p.samples().size());
        Map<String, Double> v = new LinkedHashMap<>();
        double[][][] a = new double[m][depth][];
        double[][][] z = new double[m][depth][];
        for (int s = 0; s < m; s++) {
            String at = s == 0 ? "" : "@" + s;
            a[s][0] = p.samples().get(s).input();
            for (int l = 1; l < depth; l++) {
                Layer layer = net.layer(l);
                int n = layer.size();
                z[s][l] = new double[n];
                a[s][l] = new double[n];
                for (int j = 0; j < n; j++) {
                    String zKey = "z[" + l + "][" + j + "]" + at;
                    double sum = does(Slip.BIAS_OMITTED, zKey) ? 0 : layer.bias(j);
                    boolean swap = does(Slip.SWAPPED_FORWARD_WEIGHTS, zKey) && j < layer.inputs() && layer.inputs() <= n;
                    for (int i = 0; i < layer.inputs(); i++) {
                        // z_j = Σ_i W_ji·a_i + b_j; the slip reads W_ij (where that weight exists)
                        sum += (swap ? layer.weight(i, j) : layer.weight(j, i)) * a[s][l - 1][i];
                    }
                    Double givenZ = s == 0 ? p.given().get(dev.backprop.engine.trace.Quantity.z(l, j)) : null;
                    z[s][l][j] = put(v, "z[" + l + "][" + j + "]" + at, givenZ != null ? givenZ : sum);
                }
                if (layer.activation() == Activation.SOFTMAX) {
                    double total = 0;
                    for (int j = 0; j < n; j++) {
                        total += Math.exp(z[s][l][j]);
                    }
                    for (int j = 0; j < n; j++) {
                        a[s][l][j] = put(v, "a[" + l + "][" + j + "]" + at, Math.exp(z[s][l][j]) / total);
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        a[s][l][j] = put(v, "a[" + l + "][" + j + "]" + at, f(layer.activation(), z[s][l][j]));
                    }
                }
                // an exercise may state an activation instead ("assume the output is 0.70")
                for (int j = 0; j < n && s == 0; j++) {
                    Double givenA = p.given().get(dev.backprop.engine.trace.Quantity.a(l, j));
                    if (givenA != null) {
                        a[s][l][j] = givenA;
                        v.put("a[" + l + "][" + j + "]", givenA);
                    }
                }
            }
            double[] y = p.samples().get(s).target();
            double loss = 0;
            for (int j = 0; j < y.length; j++) {
                double o = a[s][out][j];
                switch (p.loss()) {
                    case HALF_SQUARED_ERROR:
                        loss += (does(Slip.HALF_DROPPED, "loss" + at) ? 1 : 0.5) * (y[j] - o) * (y[j] - o);
                        break;
                    case SQUARED_ERROR:
                        loss += (y[j] - o) * (y[j] - o);
                        break;
                    case MEAN_SQUARED_ERROR:
                        loss += (y[j] - o) * (y[j] - o) / (does(Slip.MSE_WITHOUT_MEAN, "loss" + at) ? 1 : y.length);
                        break;
                    case BINARY_CROSS_ENTROPY:
                        loss -= y[j] * Math.log(o) + (1 - y[j]) * Math.log(1 - o);
                        break;
                    default:
                        loss -= y[j] * Math.log(o);
                }
            }
            put(v, "loss" + at, loss);
        }

        // Backward, layer by layer from the output: δ, gradients, update.
        double[][][] delta = new double[m][depth][];
        double[][][] wNew = new double[depth][][];
        double alpha = p.learningRate();
        for (int l = out; l >= 1; l--) {
            Layer layer = net.layer(l);
            int n = layer.size();
            for (int s = 0; s < m; s++) {
                String at = s == 0 ? "" : "@" + s;
                delta[s][l] = new double[n];
                for (int j = 0; j < n; j++) {
                    double o = a[s][l][j];
                    String key = "delta[" + l + "][" + j + "]" + at;
                    double d;
                    if (l == out) {
                        double y = p.samples().get(s).target(j);
                        double fp = fPrime(layer.activation(), o, z[s][l][j], key);
                        switch (p.loss()) {
                            case HALF_SQUARED_ERROR:
                                d = (does(Slip.HALF_DROPPED, key) ? 2 : 1) * (o - y) * fp;
                                break;
                            case SQUARED_ERROR:
                                d = (does(Slip.TWO_DROPPED, key) ? 1 : 2) * (o - y) * fp;
                                break;
                            case MEAN_SQUARED_ERROR:
                                d = (does(Slip.TWO_DROPPED, key) ? 1 : 2) * (o - y) * fp / (does(Slip.MSE_WITHOUT_MEAN, key) ? 1 : n);
                                break;
                            default:
                                d = (o - y) * (does(Slip.EXTRA_DERIVATIVE, key) ? o * (1 - o) : 1);
                        }
                        if (does(Slip.SIGN_FLIPPED, key)) {
                            d = -d;
                        }
                    } else {
                        Layer above = net.layer(l + 1);
                        double sum = 0;
                        for (int k = 0; k < above.size(); k++) {
                            boolean swap = does(Slip.SWAPPED_HIDDEN_WEIGHTS, key) && j < above.size() && k < above.inputs();
                            double w = does(Slip.UPDATED_WEIGHTS, key) ? wNew[l + 1][k][j]
                                    : swap ? above.weight(j, k) : above.weight(k, j);
                            sum += w * delta[s][l + 1][k];
                        }
                        d = flippedAt(key, sum * fPrime(layer.activation(), o, z[s][l][j], key));
                    }
                    delta[s][l][j] = put(v, key, d);
                }
            }
            wNew[l] = new double[n][layer.inputs()];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    String gKey = "dW[" + l + "][" + j + "][" + i + "]";
                    double g = 0;
                    for (int s = 0; s < m; s++) {
                        double in = does(Slip.GRADIENT_FROM_Z, gKey) && l > 1 ? z[s][l - 1][i] : a[s][l - 1][i];
                        g += delta[s][l][j] * in;
                    }
                    g = put(v, gKey, flippedAt(gKey, does(Slip.BATCH_SUM, gKey) ? g : g / m));
                    String wKey = "W[" + l + "][" + j + "][" + i + "]";
                    wNew[l][j][i] = put(v, wKey, updated(layer.weight(j, i), alpha, g, wKey));
                }
                String bgKey = "db[" + l + "][" + j + "]";
                double gb = 0;
                for (int s = 0; s < m; s++) {
                    gb += delta[s][l][j];
                }
                gb = put(v, bgKey, flippedAt(bgKey, does(Slip.BATCH_SUM, bgKey) ? gb : gb / m));
                String bKey = "b[" + l + "][" + j + "]";
                put(v, bKey, p.updateBiases() || does(Slip.FIXED_BIAS_UPDATED, bKey)
                        ? updated(layer.bias(j), alpha, gb, bKey) : layer.bias(j));
            }
        }
        return v;
    }

    /**
     * Writes a value down (rounded, if this student rounds; or the number this student writes for
     * it instead) and remembers it before its rounding too; later steps use what was written.
     */
    private double put(Map<String, Double> v, String key, double x) {
        double written = writes.containsKey(key) ? writes.get(key) : r(x);
        v.put(key, written);
        raw.put(key, x);
        return written;
    }

    /** The values of the last {@link #work} before each one's own rounding (its operands rounded). */
    Map<String, Double> raw() {
        return raw;
    }

    private double updated(double theta, double alpha, double g, String key) {
        if (does(Slip.NOT_UPDATED, key)) {
            return theta;
        }
        if (does(Slip.UPDATE_DIRECTION, key)) {
            return theta + alpha * g;
        }
        if (does(Slip.LEARNING_RATE_OMITTED, key)) {
            return theta - g;
        }
        return theta - alpha * g;
    }

    /** A value as a student writes it: to six significant figures. */
    public static BigDecimal written(double x) {
        return written(x, 6);
    }

    /** A value as a student writes it: to k significant figures, rounded half away from zero. */
    public static BigDecimal written(double x, int k) {
        BigDecimal b = new BigDecimal(x).round(new java.math.MathContext(k, RoundingMode.HALF_UP));
        // 0.25 to six figures is 0.250000: the zeros are written too
        return b.signum() == 0 || b.precision() >= k ? b : b.setScale(b.scale() + k - b.precision(), RoundingMode.UNNECESSARY);
    }

    /** Whether two values differ enough for an answer to six significant figures to tell them apart. */
    static boolean distinct(double x, double y) {
        return Math.abs(x - y) > 1e-4 * Math.max(Math.abs(x), Math.abs(y)) && Math.abs(x - y) > 1e-9;
    }
}
