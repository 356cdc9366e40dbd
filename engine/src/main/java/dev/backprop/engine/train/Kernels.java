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
}
