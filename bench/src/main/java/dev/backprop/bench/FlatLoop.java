package dev.backprop.bench;

import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;

/**
 * What the hand-written baselines share: a sigmoid network's weights as flat row-major
 * {@code double[]} arrays ({@code w[l][j·in + i]}), biases, activations and δ, and a reset by
 * array copies; the subclass writes one sample's step.
 */
public abstract class FlatLoop {
    /** The number of layers, input included. */
    protected final int depth;
    /** The layer sizes, input first. */
    protected final int[] n;
    /** The learning rate α. */
    protected final double lr;
    /** The weights of layer l, row-major: {@code w[l][j * n[l - 1] + i]} is W_ji. */
    protected final double[][] w;
    /** The biases of layer l. */
    protected final double[][] b;
    /** The activations of layer l from the last forward pass. */
    protected final double[][] a;
    /** The δ of layer l from the last backward pass. */
    protected final double[][] d;
    private final double[][] w0;
    private final double[][] b0;

    /** A loop for the network's shape, starting from its weights and biases (any activations are taken as sigmoid). */
    protected FlatLoop(Network net, double lr) {
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
    public final void reset() {
        for (int l = 1; l < depth; l++) {
            System.arraycopy(w0[l], 0, w[l], 0, w0[l].length);
            System.arraycopy(b0[l], 0, b[l], 0, b0[l].length);
        }
    }

    /**
     * One pass over the samples, one update per sample. Each subclass writes its own loop over its own
     * {@code step}, so no call is shared between the two loops (a shared virtual call site, compiled
     * with both loops' steps behind it, made the best loop 2.8× slower in a JVM that ran both).
     */
    public abstract void epoch(double[][] inputs, double[][] targets);

    /** The forward pass, a_j = σ(b_j + Σ_i W_ji·a_i), and the output δ = (a − y)·a(1 − a). */
    protected final void forwardAndOutputDelta(double[] x, double[] y) {
        int out = depth - 1;
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
        double[] ao = a[out];
        double[] dOut = d[out];
        for (int j = 0; j < n[out]; j++) {
            double o = ao[j];
            dOut[j] = (o - y[j]) * o * (1.0 - o);
        }
    }

    /** The current weight from neuron i of layer l − 1 into neuron j of layer l. */
    public final double weight(int l, int j, int i) {
        return w[l][j * n[l - 1] + i];
    }

    /** The current bias of neuron j of layer l. */
    public final double bias(int l, int j) {
        return b[l][j];
    }
}
