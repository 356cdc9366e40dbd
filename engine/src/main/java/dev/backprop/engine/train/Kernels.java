package dev.backprop.engine.train;

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
     * the doubles are the same; four neurons are summed side by side, so four independent additions
     * are in flight instead of one chain.
     */
    static void weightedSums(double[][] w, double[] a, int in, double[] b, double[] z, int n) {
        if (in <= SMALL) {
            for (int j = 0; j < n; j++) {
                z[j] = smallSum(w[j], a, in) + b[j];
            }
            return;
        }
        int j = 0;
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
        for (; j < n; j++) {
            z[j] = dot(w[j], 0, a, 0, in) + b[j];
        }
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
