package dev.backprop.engine.train;

import dev.backprop.engine.nn.Activation;
import java.util.Arrays;

/**
 * The arithmetic both training paths share, so the traced path and the fast path compute every
 * double with the same operations in the same order.
 */
final class Kernels {
    private Kernels() {
    }

    /** Rows of at most this many inputs are summed by {@link #smallSum}. */
    static final int SMALL = 4;

    /** Σ_i w[wOff + i]·a[aOff + i] for i in [0, n), summed in index order. */
    static double dot(double[] w, int wOff, double[] a, int aOff, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += w[wOff + i] * a[aOff + i];
        }
        return sum;
    }

    /**
     * z_j = Σ_i W_ji·a_i + b_j for the n neurons of a layer ({@code w[j]} is neuron j's row). Each z_j
     * is summed exactly as {@code dot(w[j], …) + b[j]} sums it (from 0, in input order, bias last), so
     * the doubles are the same; eight neurons (then four, then two) are summed side by side, so that
     * many independent additions are in flight instead of one chain.
     */
    static void weightedSums(double[][] w, double[] a, int in, double[] b, double[] z, int n) {
        if (in <= SMALL) {
            for (int j = 0; j < n; j++) {
                z[j] = smallSum(w[j], a, in) + b[j];
            }
            return;
        }
        int j = 0;
        for (; j + 7 < n; j += 8) {
            sumsOfEight(w, a, in, b, z, j);
        }
        for (; j + 3 < n; j += 4) {
            double[] w0 = w[j];
            double[] w1 = w[j + 1];
            double[] w2 = w[j + 2];
            double[] w3 = w[j + 3];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int i = 0; i < in; i++) {
                double ai = a[i];
                s0 += w0[i] * ai;
                s1 += w1[i] * ai;
                s2 += w2[i] * ai;
                s3 += w3[i] * ai;
            }
            z[j] = s0 + b[j];
            z[j + 1] = s1 + b[j + 1];
            z[j + 2] = s2 + b[j + 2];
            z[j + 3] = s3 + b[j + 3];
        }
        for (; j + 1 < n; j += 2) {
            double[] w0 = w[j];
            double[] w1 = w[j + 1];
            double s0 = 0;
            double s1 = 0;
            for (int i = 0; i < in; i++) {
                double ai = a[i];
                s0 += w0[i] * ai;
                s1 += w1[i] * ai;
            }
            z[j] = s0 + b[j];
            z[j + 1] = s1 + b[j + 1];
        }
        for (; j < n; j++) {
            z[j] = dot(w[j], 0, a, 0, in) + b[j];
        }
    }

    // z_j … z_{j+7} of weightedSums, side by side.
    private static void sumsOfEight(double[][] w, double[] a, int in, double[] b, double[] z, int j) {
        double[] w0 = w[j];
        double[] w1 = w[j + 1];
        double[] w2 = w[j + 2];
        double[] w3 = w[j + 3];
        double[] w4 = w[j + 4];
        double[] w5 = w[j + 5];
        double[] w6 = w[j + 6];
        double[] w7 = w[j + 7];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        for (int i = 0; i < in; i++) {
            double ai = a[i];
            s0 += w0[i] * ai;
            s1 += w1[i] * ai;
            s2 += w2[i] * ai;
            s3 += w3[i] * ai;
            s4 += w4[i] * ai;
            s5 += w5[i] * ai;
            s6 += w6[i] * ai;
            s7 += w7[i] * ai;
        }
        z[j] = s0 + b[j];
        z[j + 1] = s1 + b[j + 1];
        z[j + 2] = s2 + b[j + 2];
        z[j + 3] = s3 + b[j + 3];
        z[j + 4] = s4 + b[j + 4];
        z[j + 5] = s5 + b[j + 5];
        z[j + 6] = s6 + b[j + 6];
        z[j + 7] = s7 + b[j + 7];
    }

    /**
     * Σ_i r[i]·a[i] for a row of one to four inputs, written out term by term (a loop of two or three
     * iterations costs more to set up than its arithmetic): the same double as {@link #dot}, which
     * sums from 0 in input order. Adding the 0 last instead of first gives the same value; it only
     * turns a −0 into +0, and that happens alike either way.
     */
    static double smallSum(double[] r, double[] a, int in) {
        return 0.0 + smallSumFromFirstTerm(r, a, in);
    }

    /**
     * {@link #smallSum} without the 0: the same double, except that a sum of zeros may come out as −0
     * where {@code smallSum} gives +0.
     */
    static double smallSumFromFirstTerm(double[] r, double[] a, int in) {
        double s = r[0] * a[0];
        if (in == 1) {
            return s;
        }
        s += r[1] * a[1];
        if (in == 2) {
            return s;
        }
        s += r[2] * a[2];
        if (in == 3) {
            return s;
        }
        return s + r[3] * a[3];
    }

    /**
     * z_j = Σ_i W_ji·a_i + b_j for the n neurons of a layer stored input-major ({@code wt[i][j]} =
     * W_ji, the weight from input i into neuron j). Each z_j is summed exactly as
     * {@code dot(row j) + b[j]} sums it — from 0, in input order, bias last — but the loops run across
     * the neurons: each pass adds four inputs' terms to every z_j, one after the other, in one loop
     * over j that the JIT vectorises (four inputs a pass, so z is loaded and stored a quarter as often).
     */
    static void weightedSumsByInput(double[][] wt, double[] a, int in, double[] b, double[] z, int n) {
        double[] first = wt[0];
        double a0 = a[0];
        for (int j = 0; j < n; j++) {
            z[j] = 0.0 + first[j] * a0;
        }
        int i = 1;
        for (; i + 3 < in; i += 4) {
            double[] r0 = wt[i];
            double[] r1 = wt[i + 1];
            double[] r2 = wt[i + 2];
            double[] r3 = wt[i + 3];
            double a1 = a[i];
            double a2 = a[i + 1];
            double a3 = a[i + 2];
            double a4 = a[i + 3];
            for (int j = 0; j < n; j++) {
                double s = z[j];
                s += r0[j] * a1;
                s += r1[j] * a2;
                s += r2[j] * a3;
                s += r3[j] * a4;
                z[j] = s;
            }
        }
        for (; i < in; i++) {
            double[] row = wt[i];
            double ai = a[i];
            for (int j = 0; j < n; j++) {
                z[j] += row[j] * ai;
            }
        }
        for (int j = 0; j < n; j++) {
            z[j] += b[j];
        }
    }

    /**
     * W_ji ← W_ji − α·δ_j·a_i for a layer stored input-major ({@code from[i][j]} = W_ji), written to
     * {@code to} (which may be {@code from}): axpys across the neurons, two inputs a pass, each weight
     * as {@link #descendOneSample} computes it.
     */
    static void descendByInput(double[][] from, double[][] to, double[] a, double[] delta, double rate, int in, int n,
                               boolean signedZeros) {
        int i = 0;
        for (; i + 1 < in; i += 2) {
            double[] src0 = from[i];
            double[] src1 = from[i + 1];
            double[] dst0 = to[i];
            double[] dst1 = to[i + 1];
            double a0 = a[i];
            double a1 = a[i + 1];
            for (int j = 0; j < n; j++) {
                double dj = delta[j];
                dst0[j] = descendOneSample(src0[j], rate, dj, a0, signedZeros);
                dst1[j] = descendOneSample(src1[j], rate, dj, a1, signedZeros);
            }
        }
        for (; i < in; i++) {
            double[] src = from[i];
            double[] dst = to[i];
            double ai = a[i];
            for (int j = 0; j < n; j++) {
                dst[j] = descendOneSample(src[j], rate, delta[j], ai, signedZeros);
            }
        }
    }

    /** b_j ← b_j − α·δ_j for n biases, written to {@code to} (which may be {@code from}). */
    static void descendBiases(double[] from, double[] to, double[] delta, double rate, int n, boolean signedZeros) {
        for (int j = 0; j < n; j++) {
            to[j] = descendOneSample(from[j], rate, delta[j], 1.0, signedZeros);
        }
    }

    /**
     * One row of the backward pass, "original" rule: for each input i of neuron k, its share W_ki·δ_k
     * is added to {@code sums[i]} (Σ_k W_ki·δ_k, summed in k order, from the weight before the
     * update), then W_ki ← W_ki − α·δ_k·a_i. One pass over the row; vectorisable over i.
     */
    static void shareThenDescend(double[] from, double[] to, double[] a, double[] sums, double dk, double rate, int in,
                                 boolean signedZeros) {
        for (int i = 0; i < in; i++) {
            double w = from[i];
            sums[i] += w * dk;
            to[i] = descendOneSample(w, rate, dk, a[i], signedZeros);
        }
    }

    /** As {@link #shareThenDescend}, "updated" rule: the share is taken from the weight after its update. */
    static void descendThenShare(double[] from, double[] to, double[] a, double[] sums, double dk, double rate, int in,
                                 boolean signedZeros) {
        for (int i = 0; i < in; i++) {
            double w = descendOneSample(from[i], rate, dk, a[i], signedZeros);
            to[i] = w;
            sums[i] += w * dk;
        }
    }

    /** W_ki ← W_ki − α·δ_k·a_i over one row (the first layer, which has no δ below). */
    static void descendRow(double[] from, double[] to, double[] a, double dk, double rate, int in, boolean signedZeros) {
        for (int i = 0; i < in; i++) {
            to[i] = descendOneSample(from[i], rate, dk, a[i], signedZeros);
        }
    }

    /** d_i ← d_i·f′_i over n values: δ = (Σ W·δ) ⊙ f′. */
    static void timesDerivative(double[] d, double[] derivative, int n) {
        for (int i = 0; i < n; i++) {
            d[i] = d[i] * derivative[i];
        }
    }

    /**
     * θ − α·(0 + δ·a), the traced path's update after a batch of one sample (its gradient is the
     * batch mean (0 + δ·a)/1). Without the 0 + it is the same double unless θ is −0 (the 0 + turns
     * a −0 product into +0, and θ − (±0) differs only for θ = −0); an update never makes a −0 from
     * anything else (x − y is −0 only for x = −0, y = +0), so the 0 + is needed only when the network
     * as loaded has a −0 weight or bias ({@code signedZeros}), and is skipped otherwise.
     */
    static double descendOneSample(double theta, double rate, double delta, double a, boolean signedZeros) {
        return signedZeros ? theta - rate * (0.0 + delta * a) : theta - rate * (delta * a);
    }

    /** θ − α·g, the gradient-descent update. */
    static double descend(double theta, double alpha, double gradient) {
        return theta - alpha * gradient;
    }

    /**
     * The gradient δ·a of a batch of one sample, as the batch mean (0 + δ·a)/1 computes it: the same
     * value, except that −0 becomes +0.
     */
    static double oneSampleGradient(double delta, double a) {
        return 0.0 + delta * a;
    }

    /**
     * a[j] = σ(z) and d[j] = σ′(z) with one exponential: the doubles of {@code SIGMOID.apply(z)} and
     * {@code SIGMOID.derivativeAt(z, apply(z))} (σ′ = e^(−z)·a² for z ≥ 0, a(1 − a) below), which
     * the fast path needs both of. Returns σ′(z), the later of the two, for a caller that goes on
     * with it (the output δ) without waiting for it to come back from memory.
     */
    static double sigmoid(double z, double[] a, double[] d, int j) {
        if (z >= 0) {
            double t = Math.exp(-z);
            double s = 1.0 / (1.0 + t);
            a[j] = s;
            double slope = t * s * s;
            d[j] = slope;
            return slope;
        }
        double e = Math.exp(z); // e^z ≤ 1 here, so neither form overflows
        double s = e / (1.0 + e);
        a[j] = s;
        double slope = s * (1.0 - s);
        d[j] = slope;
        return slope;
    }

    /**
     * {@link #sigmoid}'s doubles for the first n neurons of a wide layer, without its branch on the
     * sign of z (in a wide layer z has either sign at random, and a branch the processor cannot
     * predict costs more than computing both forms), in two passes: first t = e^(−|z|) for every
     * neuron into d (e^(−z) for z ≥ 0, e^z below: the exponentials, which take most of the time, one
     * after another with nothing between them), then a = (1 or t)/(1 + t) and f′ = t·a·a or a(1 − a),
     * each chosen by the sign bit of z. For z = −0 the sign bit picks the z &lt; 0 forms, which give
     * the same doubles as the others there (t = 1: a = ½, f′ = ¼).
     */
    static void sigmoids(double[] z, double[] a, double[] d, int n) {
        for (int j = 0; j < n; j++) {
            d[j] = Math.exp(-Math.abs(z[j]));
        }
        for (int j = 0; j < n; j++) {
            double t = d[j];
            long negative = Double.doubleToRawLongBits(z[j]) >> 63; // all ones when the sign bit is set
            double s = pick(1.0, t, negative) / (1.0 + t);
            a[j] = s;
            d[j] = pick(t * s * s, s * (1.0 - s), negative);
        }
    }

    // x where mask is 0, y where it is all ones.
    private static double pick(double x, double y, long mask) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(x) & ~mask) | (Double.doubleToRawLongBits(y) & mask));
    }

    /**
     * a = f(z) and d = f′(z) ({@link Activation#derivativeAt(double, double)}) for the first n
     * neurons of a layer, the switch taken once; softmax sets a only (its δ comes from the
     * cross-entropy, a − y).
     */
    static void activate(Activation f, double[] z, double[] a, double[] d, int n) {
        switch (f) {
            case SIGMOID:
                sigmoids(z, a, d, n);
                break;
            case TANH:
                for (int j = 0; j < n; j++) {
                    double aj = Math.tanh(z[j]);
                    a[j] = aj;
                    d[j] = Activation.TANH.derivativeAt(z[j], aj);
                }
                break;
            case RELU:
                for (int j = 0; j < n; j++) {
                    double aj = Activation.RELU.apply(z[j]);
                    a[j] = aj;
                    d[j] = Activation.RELU.derivative(aj);
                }
                break;
            case LINEAR:
                System.arraycopy(z, 0, a, 0, n);
                Arrays.fill(d, 0, n, 1.0);
                break;
            case SOFTMAX:
                softmax(z, a, n);
                break;
            default:
                throw new IllegalStateException("unknown activation " + f);
        }
    }

    /**
     * Softmax of z[0..n) into a[0..n): a_j = e^(z_j − m) / Σ_k e^(z_k − m) with m = max z, so no
     * term overflows.
     */
    static void softmax(double[] z, double[] a, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double e = Math.exp(z[k] - max);
            a[k] = e;
            sum += e;
        }
        for (int k = 0; k < n; k++) {
            a[k] /= sum;
        }
    }

    // ---------------------------------------------------------------- the optimizers (PyTorch's torch.optim rules)

    /** g = ∂L/∂θ + λ·θ: L2 weight decay added to the gradient (PyTorch's {@code weight_decay}, not AdamW's). */
    static double decayed(double gradient, double lambda, double theta) {
        return gradient + lambda * theta;
    }

    /** b = μ·b + g: the momentum buffer after its first step (dampening 0; on the first step b = g). */
    static double momentumBuffer(double buffer, double mu, double g) {
        return mu * buffer + g;
    }

    /** g + μ·b: the direction of a Nesterov step. */
    static double nesterovDirection(double g, double mu, double buffer) {
        return g + mu * buffer;
    }

    /**
     * β·x + (1 − β)·y: an exponential moving average (Adam's m with y = g, its v and RMSprop's s
     * with y = g·g), {@code oneMinus} being 1 − β as {@code 1 - rate} computes it.
     */
    static double movingAverage(double previous, double rate, double oneMinus, double y) {
        return rate * previous + oneMinus * y;
    }

    /** g², as the moving averages of squares take it. */
    static double square(double g) {
        return g * g;
    }

    /** 1 − βᵗ, Adam's bias correction after t steps. */
    static double correction(double rate, int t) {
        return 1 - Math.pow(rate, t);
    }

    /** m / (1 − βᵗ), a bias-corrected moment, {@code correction} being {@link #correction}'s 1 − βᵗ. */
    static double corrected(double moment, double correction) {
        return moment / correction;
    }

    /** θ − α·(x / (√y + ε)): RMSprop's step (x = g, y = s) and Adam's (x = m̂, y = v̂). */
    static double adaptiveStep(double theta, double alpha, double x, double y, double epsilon) {
        return theta - alpha * (x / (Math.sqrt(y) + epsilon));
    }
}
