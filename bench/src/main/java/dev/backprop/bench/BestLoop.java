package dev.backprop.bench;

import dev.backprop.engine.nn.Network;
import java.util.Arrays;

/**
 * The benchmark's baseline: per-sample gradient descent for a sigmoid network with ½-squared error,
 * the best plain loop a competent engineer writes for this one job. Flat row-major {@code double[]}
 * weights, sigmoid and loss inline, {@code g = α·δ} hoisted out of each row, and a fused backward
 * pass: each row of the layer above is read once, adding its share W_kj·δ_k to the δ below from the
 * old weight and then updating that weight. No allocation.
 *
 * <pre>{@code
 * BestLoop b = new BestLoop(network, 0.5);
 * b.epoch(inputs, targets);
 * }</pre>
 */
public final class BestLoop extends FlatLoop {
    /** A loop for the network's shape, starting from its weights and biases (any activations are taken as sigmoid). */
    public BestLoop(Network net, double lr) {
        super(net, lr);
    }

    @Override
    public void epoch(double[][] inputs, double[][] targets) {
        for (int s = 0; s < inputs.length; s++) {
            step(inputs[s], targets[s]);
        }
    }

    /** One sample: forward, output δ, then the fused backward pass and update, output layer first. */
    public void step(double[] x, double[] y) {
        int out = depth - 1;
        forwardAndOutputDelta(x, y);
        // backward, fused: row k of W_l adds W_ki·δ_k to the δ below (old weight), then W_ki −= g·a_i
        for (int l = out; l >= 1; l--) {
            int in = n[l - 1];
            double[] wl = w[l];
            double[] bl = b[l];
            double[] dl = d[l];
            double[] prev = l == 1 ? x : a[l - 1];
            if (l == 1) {
                for (int k = 0; k < n[l]; k++) {
                    double g = lr * dl[k];
                    int row = k * in;
                    for (int i = 0; i < in; i++) {
                        wl[row + i] -= g * prev[i];
                    }
                    bl[k] -= g;
                }
                break;
            }
            double[] sums = d[l - 1];
            Arrays.fill(sums, 0.0);
            for (int k = 0; k < n[l]; k++) {
                double dk = dl[k];
                double g = lr * dk;
                int row = k * in;
                for (int i = 0; i < in; i++) {
                    double wi = wl[row + i];
                    sums[i] += wi * dk;
                    wl[row + i] = wi - g * prev[i];
                }
                bl[k] -= g;
            }
            // δ_i = (Σ_k W_ki·δ_k)·a_i(1 − a_i)
            for (int i = 0; i < in; i++) {
                double ai = prev[i];
                sums[i] *= ai * (1.0 - ai);
            }
        }
    }
}
