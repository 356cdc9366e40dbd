package dev.backprop.engine.train;

/**
 * The arithmetic both training paths share, so the traced path and the fast path compute every
 * double with the same operations in the same order.
 */
final class Kernels {
    private Kernels() {
    }

    /** Σ_i w[wOff + i]·a[aOff + i] for i in [0, n), summed in index order. */
    static double dot(double[] w, int wOff, double[] a, int aOff, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += w[wOff + i] * a[aOff + i];
        }
        return sum;
    }

    /** θ − α·g, the gradient-descent update. */
    static double descend(double theta, double alpha, double gradient) {
        return theta - alpha * gradient;
    }
}
