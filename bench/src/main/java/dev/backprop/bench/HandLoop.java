package dev.backprop.bench;

import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;

/**
 * Per-sample gradient descent for a sigmoid network with ½-squared error, written the way a competent
 * engineer writes it by hand for one job: flat row-major {@code double[]} weights, sigmoid and loss
 * inlined, no allocation, no abstraction. This is the benchmark's practical limit.
 *
 * <pre>{@code
 * HandLoop h = new HandLoop(network, 0.5);
 * h.epoch(inputs, targets);
 * }</pre>
 */
public final class HandLoop {
    private final int depth;
    private final int[] n;
    private final double lr;
    private final double[][] w;
    private final double[][] b;
    private final double[][] w0;
    private final double[][] b0;
    private final double[][] a;
    private final double[][] d;

    /** A loop for the network's shape, starting from its weights and biases (any activations are taken as sigmoid). */
    public HandLoop(Network net, double lr) {
        this.depth = net.depth();
        this.lr = lr;
        n = new int[depth];
        n[0] = net.inputSize();
        w = new double[depth][];
        b = new double[depth][];
        w0 = new double[depth][];
        b0 = new double[depth][];
        a = new double[depth][];
        d = new double[depth][];
        for (int l = 1; l < depth; l++) {
            Layer layer = net.layer(l);
            n[l] = layer.size();
            int in = n[l - 1];
            w0[l] = new double[n[l] * in];
            b0[l] = layer.biases();
            for (int j = 0; j < n[l]; j++) {
                for (int i = 0; i < in; i++) {
                    w0[l][j * in + i] = layer.weight(j, i);
                }
            }
            w[l] = w0[l].clone();
            b[l] = b0[l].clone();
            a[l] = new double[n[l]];
            d[l] = new double[n[l]];
        }
    }

    /** Puts the starting weights and biases back (two array copies per layer). */
    public void reset() {
        for (int l = 1; l < depth; l++) {
            System.arraycopy(w0[l], 0, w[l], 0, w0[l].length);
            System.arraycopy(b0[l], 0, b[l], 0, b0[l].length);
        }
    }

    /** One pass over the samples, one update per sample. */
    public void epoch(double[][] inputs, double[][] targets) {
        for (int s = 0; s < inputs.length; s++) {
            step(inputs[s], targets[s]);
        }
    }

    /** One sample: forward, δ for every layer with the weights as they were, then the update. */
    public void step(double[] x, double[] y) {
        int out = depth - 1;
        // forward: a_j = σ(b_j + Σ_i W_ji·a_i)
        double[] below = x;
        for (int l = 1; l <= out; l++) {
            int size = n[l];
            int in = n[l - 1];
            double[] wl = w[l];
            double[] bl = b[l];
            double[] al = a[l];
            for (int j = 0; j < size; j++) {
                double s = bl[j];
                int row = j * in;
                for (int i = 0; i < in; i++) {
                    s += wl[row + i] * below[i];
                }
                al[j] = 1.0 / (1.0 + Math.exp(-s));
            }
            below = al;
        }
        // output: δ = (a − y)·a(1 − a)
        double[] ao = a[out];
        double[] dOut = d[out];
        for (int j = 0; j < n[out]; j++) {
            double o = ao[j];
            dOut[j] = (o - y[j]) * o * (1.0 - o);
        }
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

    /** The current weight from neuron i of layer l − 1 into neuron j of layer l. */
    public double weight(int l, int j, int i) {
        return w[l][j * n[l - 1] + i];
    }

    /** The current bias of neuron j of layer l. */
    public double bias(int l, int j) {
        return b[l][j];
    }
}
