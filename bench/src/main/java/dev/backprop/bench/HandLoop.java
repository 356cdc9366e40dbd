package dev.backprop.bench;

import dev.backprop.engine.nn.Network;

/**
 * Per-sample gradient descent for a sigmoid network with ½-squared error, written the way a competent
 * engineer writes it by hand for one job: flat row-major {@code double[]} weights, sigmoid and loss
 * inlined, no allocation, no abstraction, δ of every layer then the update in separate passes. The
 * benchmark's baseline until 2026-12, kept as a second one beside {@link BestLoop}.
 *
 * <pre>{@code
 * HandLoop h = new HandLoop(network, 0.5);
 * h.epoch(inputs, targets);
 * }</pre>
 */
public final class HandLoop extends FlatLoop {
    /** A loop for the network's shape, starting from its weights and biases (any activations are taken as sigmoid). */
    public HandLoop(Network net, double lr) {
        super(net, lr);
    }

    @Override
    public void epoch(double[][] inputs, double[][] targets) {
        for (int s = 0; s < inputs.length; s++) {
            step(inputs[s], targets[s]);
        }
    }

    /** One sample: forward, δ for every layer with the weights as they were, then the update. */
    public void step(double[] x, double[] y) {
        int out = depth - 1;
        forwardAndOutputDelta(x, y);
        // hidden: δ_j = (Σ_k W_kj·δ_k)·a_j(1 − a_j)
        for (int l = out - 1; l >= 1; l--) {
            int size = n[l];
            int above = n[l + 1];
            double[] wa = w[l + 1];
            double[] da = d[l + 1];
            double[] al = a[l];
            double[] dl = d[l];
            for (int j = 0; j < size; j++) {
                double s = 0;
                for (int k = 0; k < above; k++) {
                    s += wa[k * size + j] * da[k];
                }
                dl[j] = s * al[j] * (1.0 - al[j]);
            }
        }
        // update: W_ji −= α·δ_j·a_i, b_j −= α·δ_j
        for (int l = 1; l <= out; l++) {
            int size = n[l];
            int in = n[l - 1];
            double[] wl = w[l];
            double[] bl = b[l];
            double[] dl = d[l];
            double[] prev = l == 1 ? x : a[l - 1];
            for (int j = 0; j < size; j++) {
                double g = lr * dl[j];
                int row = j * in;
                for (int i = 0; i < in; i++) {
                    wl[row + i] -= g * prev[i];
                }
                bl[j] -= g;
            }
        }
    }
}
