package dev.backprop.engine.train;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.trace.Quantity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fast path: plain gradient-descent training on {@code double[]} arrays, with no trace and no
 * allocation per sample. It shares its formulas with the traced path ({@link Activation},
 * {@link Loss}, {@link Kernels}) and computes the same doubles, in the same order.
 *
 * <pre>{@code
 * Trainer t = Trainer.of(problem);
 * for (int e = 0; e < 1000; e++) t.epoch();
 * Network trained = t.network();
 * }</pre>
 *
 * <p>Layout: {@code w[l][j][i]} is the weight from neuron i below into neuron j of layer l (the
 * contract's {@code weights[j][i]}), one array per neuron; index 0 of the per-layer arrays is the
 * input layer. Where the time goes: the forward pass sums four neurons side by side; the backward
 * pass walks each neuron's row once, adding its share of the δ below and updating it in the same
 * loop, which the JIT vectorises; with batch size 1 each sample's update is applied as soon as its δ
 * are known, without gradient buffers; the activation's switch is taken once per layer.
 *
 * <p>The trainer keeps its own copy of the network it loaded last and never writes to it: the first
 * update after {@link #load} reads that copy and writes the working arrays, later ones work in place.
 * So loading the same network again, to start over, costs no copying.
 */
public final class Trainer {
    private final int depth;
    private final int[] n;
    private final Activation[] act;
    private final Loss loss;
    private final double alpha;
    private final int batchSize;
    private final boolean updateBiases;
    private final boolean updatedRule;
    private final double[][] inputs;
    private final double[][] targets;

    // The values of the network loaded last (read-only), and the working weights and biases.
    private @Nullable Network loaded;
    private final double[][][] loadedW;
    private final double[][] loadedB;
    private final double[][][] workW;
    private final double[][] workB;
    // True from load() until the first update: the current values are the loaded ones.
    private boolean pristine;

    private final double[][] z;
    private final double[][] a;
    private final double[][] delta;
    private final double[][][] gw;
    private final double[][] gb;

    /** A trainer for the problem's network, data and settings (its rounding and given values are ignored). */
    public static Trainer of(Problem p) {
        double[][] x = new double[p.samples().size()][];
        double[][] y = new double[p.samples().size()][];
        for (int s = 0; s < x.length; s++) {
            x[s] = p.samples().get(s).input();
            y[s] = p.samples().get(s).target();
        }
        return new Trainer(p.network(), p.loss(), p.learningRate(), p.effectiveBatchSize(), p.updateBiases(),
                p.hiddenDeltaWeights(), x, y);
    }

    private Trainer(Network net, Loss loss, double alpha, int batchSize, boolean updateBiases,
                    HiddenDeltaWeights rule, double[][] inputs, double[][] targets) {
        this.depth = net.depth();
        this.n = new int[depth];
        this.act = new Activation[depth];
        this.loss = loss;
        this.alpha = alpha;
        this.batchSize = batchSize;
        this.updateBiases = updateBiases;
        this.updatedRule = rule == HiddenDeltaWeights.UPDATED && batchSize == 1;
        this.inputs = inputs;
        this.targets = targets;
        n[0] = net.inputSize();
        loadedW = new double[depth][][];
        loadedB = new double[depth][];
        workW = new double[depth][][];
        workB = new double[depth][];
        z = new double[depth][];
        a = new double[depth][];
        delta = new double[depth][];
        gw = new double[depth][][];
        gb = new double[depth][];
        for (int l = 1; l < depth; l++) {
            Layer layer = net.layer(l);
            n[l] = layer.size();
            act[l] = layer.activation();
            loadedW[l] = new double[n[l]][n[l - 1]];
            loadedB[l] = new double[n[l]];
            workW[l] = new double[n[l]][n[l - 1]];
            workB[l] = new double[n[l]];
            z[l] = new double[n[l]];
            a[l] = new double[n[l]];
            delta[l] = new double[n[l]];
            if (batchSize > 1) {
                gw[l] = new double[n[l]][n[l - 1]];
                gb[l] = new double[n[l]];
            }
        }
        load(net);
    }

    /** Replaces the weights and biases with the network's (same shape), without allocating. */
    public void load(Network net) {
        if (net != loaded) {
            for (int l = 1; l < depth; l++) {
                Layer layer = net.layer(l);
                int size = n[l];
                int in = n[l - 1];
                if (layer.size() != size || layer.inputs() != in) {
                    throw new IllegalArgumentException("layer " + l + " has another shape");
                }
                double[][] wl = loadedW[l];
                double[] bl = loadedB[l];
                for (int j = 0; j < size; j++) {
                    double[] row = wl[j];
                    for (int i = 0; i < in; i++) {
                        row[i] = layer.weight(j, i);
                    }
                    bl[j] = layer.bias(j);
                }
            }
            loaded = net;
        }
        pristine = true;
    }

    /** One pass over the samples, a gradient-descent update per batch. */
    public void epoch() {
        batchesFrom(0);
    }

    /** The batches of an epoch starting at sample {@code from} (a batch boundary). */
    void batchesFrom(int from) {
        double[][] xs = inputs;
        double[][] ys = targets;
        int count = xs.length;
        if (batchSize == 1) {
            for (int s = from; s < count; s++) {
                double[] x = xs[s];
                forward(x);
                backwardAndDescend(x, ys[s]);
            }
            return;
        }
        for (int start = from; start < count; start += batchSize) {
            int end = Math.min(start + batchSize, count);
            clearGradients();
            for (int s = start; s < end; s++) {
                double[] x = xs[s];
                forward(x);
                backwardAndAccumulate(x, ys[s]);
            }
            update(end - start);
        }
    }

    /** The data-set loss: the mean over the samples of the per-sample loss. */
    public double loss() {
        double sum = 0;
        int out = depth - 1;
        for (int s = 0; s < inputs.length; s++) {
            forward(inputs[s]);
            sum += loss.value(a[out], 0, targets[s], n[out]);
        }
        return sum / inputs.length;
    }

    /** The output of the network for one input (a fresh array). */
    public double[] predict(double[] x) {
        if (x.length != n[0]) {
            throw new IllegalArgumentException("the input has " + x.length + " values; the network takes " + n[0]);
        }
        forward(x);
        return a[depth - 1].clone();
    }

    /** The current weights and biases as an immutable network. */
    public Network network() {
        double[][][] w = weights();
        double[][] b = biases();
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < depth; l++) {
            layers.add(new Layer(act[l], w[l], b[l]));
        }
        return Network.of(n[0], layers);
    }

    /** The first weight or bias that is not a finite number, if any (neuron by neuron, as the contract lists them). */
    public Optional<Quantity> firstNonFinite() {
        double[][][] w = weights();
        double[][] b = biases();
        for (int l = 1; l < depth; l++) {
            for (int j = 0; j < n[l]; j++) {
                for (int i = 0; i < n[l - 1]; i++) {
                    if (!Double.isFinite(w[l][j][i])) {
                        return Optional.of(Quantity.w(l, j, i));
                    }
                }
                if (!Double.isFinite(b[l][j])) {
                    return Optional.of(Quantity.b(l, j));
                }
            }
        }
        return Optional.empty();
    }

    // The current weights: the loaded network's until the first update, then the working arrays.
    private double[][][] weights() {
        return pristine ? loadedW : workW;
    }

    // The current biases (the loaded ones for good when biases are not updated).
    private double[][] biases() {
        return pristine || !updateBiases ? loadedB : workB;
    }

    // z_j = Σ_i W_ji·a_i + b_j;  a = f(z).
    private void forward(double[] x) {
        double[][][] w = weights();
        double[][] b = biases();
        double[] below = x;
        for (int l = 1; l < depth; l++) {
            int size = n[l];
            double[] zl = z[l];
            double[] al = a[l];
            int in = n[l - 1];
            if (in <= Kernels.SMALL && act[l] == Activation.SIGMOID) {
                // Small sigmoid layers (the textbook examples): a_j right after z_j, in one loop. The
                // sum skips the dot product's leading 0 +, which only turns a −0 into +0 and so can
                // only change the sign of a zero z, and σ(−0) = σ(+0); z itself is not kept (nothing
                // on the fast path reads it back). One addition less on every sample's critical path.
                double[][] wl = w[l];
                double[] bl = b[l];
                for (int j = 0; j < size; j++) {
                    al[j] = Activation.SIGMOID.apply(Kernels.smallSumFromFirstTerm(wl[j], below, in) + bl[j]);
                }
            } else {
                Kernels.weightedSums(w[l], below, in, b[l], zl, size);
                activate(act[l], zl, al, size);
            }
            below = al;
        }
    }

    // a = f(z) over a layer; the switch is taken once per layer, and each loop calls one constant activation.
    private static void activate(Activation f, double[] z, double[] a, int size) {
        switch (f) {
            case SIGMOID:
                for (int j = 0; j < size; j++) {
                    a[j] = Activation.SIGMOID.apply(z[j]);
                }
                break;
            case TANH:
                for (int j = 0; j < size; j++) {
                    a[j] = Activation.TANH.apply(z[j]);
                }
                break;
            case RELU:
                for (int j = 0; j < size; j++) {
                    a[j] = Activation.RELU.apply(z[j]);
                }
                break;
            case LINEAR:
                System.arraycopy(z, 0, a, 0, size);
                break;
            case SOFTMAX:
                Activation.softmax(z, a, size);
                break;
            default:
                throw new IllegalStateException("unknown activation " + f);
        }
    }

    // δ_j ← δ_j·f'(a_j) over a layer (the δ hold Σ_k W_kj·δ_k on entry); one switch per layer.
    private static void timesDerivative(Activation f, double[] d, double[] a, int size) {
        switch (f) {
            case SIGMOID:
                for (int j = 0; j < size; j++) {
                    d[j] = d[j] * Activation.SIGMOID.derivative(a[j]);
                }
                break;
            case TANH:
                for (int j = 0; j < size; j++) {
                    d[j] = d[j] * Activation.TANH.derivative(a[j]);
                }
                break;
            case RELU:
                for (int j = 0; j < size; j++) {
                    d[j] = d[j] * Activation.RELU.derivative(a[j]);
                }
                break;
            case LINEAR:
                for (int j = 0; j < size; j++) {
                    d[j] = d[j] * Activation.LINEAR.derivative(a[j]);
                }
                break;
            default:
                // softmax is an output activation only, so it never has a hidden δ
                throw new IllegalStateException(f + " has no element-wise derivative");
        }
    }

    // Batch size 1, output layer first. The output δ_k = ∂L/∂a_k·f'(z_k) (or a_k − y_k) is taken as its
    // row is reached. Neuron k's row of W_l is walked once: its share W_ki·δ_k of the δ below,
    // δ_{l−1,i} = Σ_k W_ki·δ_k (summed from 0 in k order, then ⊙ f'), is taken from the weight just
    // before ("original" rule) or just after ("updated" rule) the update W_ki ← W_ki − α·δ_k·a_i, and
    // b_k ← b_k − α·δ_k follows the row. New values go to the working arrays.
    private void backwardAndDescend(double[] x, double[] y) {
        double[][][] w = weights();
        double[][] b = biases();
        double rate = alpha;
        boolean biases = updateBiases;
        boolean updated = updatedRule;
        int out = depth - 1;
        Loss lossFn = loss;
        Activation fOut = act[out];
        double[] aOut = a[out];
        outputDeltas(lossFn, fOut, aOut, y, delta[out], n[out]);
        for (int l = out; l >= 1; l--) {
            int size = n[l];
            int in = n[l - 1];
            double[][] src = w[l];
            double[][] dst = workW[l];
            double[] srcB = b[l];
            double[] dstB = workB[l];
            double[] dl = delta[l];
            double[] below = l == 1 ? x : a[l - 1];
            double[] sums = l == 1 ? null : delta[l - 1];
            for (int k = 0; k < size; k++) {
                double[] from = src[k];
                double[] to = dst[k];
                double dk = dl[k];
                if (in <= Kernels.SMALL && !updated) {
                    smallRow(from, to, below, sums, k == 0, dk, rate, in);
                } else if (sums == null) {
                    for (int i = 0; i < in; i++) {
                        to[i] = Kernels.descend(from[i], rate, Kernels.oneSampleGradient(dk, below[i]));
                    }
                } else if (updated) {
                    for (int i = 0; i < in; i++) {
                        double w1 = Kernels.descend(from[i], rate, Kernels.oneSampleGradient(dk, below[i]));
                        to[i] = w1;
                        // k = 0 starts the sum: 0 + W·δ, as summing from 0 does
                        sums[i] = (k == 0 ? 0.0 : sums[i]) + w1 * dk;
                    }
                } else {
                    for (int i = 0; i < in; i++) {
                        double w0 = from[i];
                        sums[i] = (k == 0 ? 0.0 : sums[i]) + w0 * dk;
                        to[i] = Kernels.descend(w0, rate, Kernels.oneSampleGradient(dk, below[i]));
                    }
                }
                if (biases) {
                    dstB[k] = Kernels.descend(srcB[k], rate, Kernels.oneSampleGradient(dk, 1.0));
                }
            }
            if (sums != null) {
                timesDerivative(act[l - 1], sums, below, in);
            }
        }
        pristine = false;
    }

    // The output δ_k = ∂L/∂a_k·f'(z_k), or a_k − y_k for the cross-entropies (Loss.outputDelta). The
    // seed's pairing, ½-squared error on sigmoid, is written out: the same two products, without
    // taking the loss's and the activation's switches for every neuron.
    private static void outputDeltas(Loss loss, Activation f, double[] a, double[] y, double[] d, int size) {
        if (loss == Loss.HALF_SQUARED_ERROR && f == Activation.SIGMOID) {
            for (int k = 0; k < size; k++) {
                double ak = a[k];
                d[k] = (ak - y[k]) * (ak * (1.0 - ak));
            }
        } else {
            for (int k = 0; k < size; k++) {
                d[k] = loss.outputDelta(f, a[k], y[k], size);
            }
        }
    }

    // One row of the backward pass ("original" rule) for a neuron with one to four inputs, written
    // out: the same operations in the same order as the loop, without a loop's set-up. sums is null
    // in the first layer; first is true for the row that starts the sums.
    private static void smallRow(double[] from, double[] to, double[] below, double @Nullable [] sums, boolean first,
                                 double dk, double rate, int in) {
        smallRowTerm(from, to, below, sums, first, dk, rate, 0);
        if (in == 1) {
            return;
        }
        smallRowTerm(from, to, below, sums, first, dk, rate, 1);
        if (in == 2) {
            return;
        }
        smallRowTerm(from, to, below, sums, first, dk, rate, 2);
        if (in == 3) {
            return;
        }
        smallRowTerm(from, to, below, sums, first, dk, rate, 3);
    }

    // Input i of a row: its share W_ki·δ_k of the δ below (from the weight before the update), then the update.
    private static void smallRowTerm(double[] from, double[] to, double[] below, double @Nullable [] sums, boolean first,
                                     double dk, double rate, int i) {
        double w = from[i];
        if (sums != null) {
            sums[i] = (first ? 0.0 : sums[i]) + w * dk;
        }
        to[i] = Kernels.descend(w, rate, Kernels.oneSampleGradient(dk, below[i]));
    }

    // Batch size > 1: δ with the weights as they were, and ∂L/∂W_ki = δ_k·a_i, ∂L/∂b_k = δ_k summed over the batch.
    private void backwardAndAccumulate(double[] x, double[] y) {
        double[][][] w = weights();
        int out = depth - 1;
        double[] dOut = delta[out];
        double[] aOut = a[out];
        for (int j = 0; j < n[out]; j++) {
            dOut[j] = loss.outputDelta(act[out], aOut[j], y[j], n[out]);
        }
        for (int l = out; l >= 1; l--) {
            int size = n[l];
            int in = n[l - 1];
            double[][] wl = w[l];
            double[][] g = gw[l];
            double[] gbl = gb[l];
            double[] dl = delta[l];
            double[] below = l == 1 ? x : a[l - 1];
            double[] sums = l == 1 ? null : delta[l - 1];
            for (int k = 0; k < size; k++) {
                double[] row = wl[k];
                double[] grow = g[k];
                double dk = dl[k];
                if (sums != null) {
                    for (int i = 0; i < in; i++) {
                        sums[i] = (k == 0 ? 0.0 : sums[i]) + row[i] * dk;
                    }
                }
                for (int i = 0; i < in; i++) {
                    grow[i] += dk * below[i];
                }
                gbl[k] += dk;
            }
            if (sums != null) {
                timesDerivative(act[l - 1], sums, below, in);
            }
        }
    }

    private void clearGradients() {
        for (int l = 1; l < depth; l++) {
            for (double[] row : gw[l]) {
                Arrays.fill(row, 0.0);
            }
            Arrays.fill(gb[l], 0.0);
        }
    }

    // W ← W − α·(Σ_batch ∂L/∂W)/m, into the working arrays.
    private void update(int m) {
        double[][][] w = weights();
        double[][] b = biases();
        for (int l = 1; l < depth; l++) {
            double[][] src = w[l];
            double[][] dst = workW[l];
            double[][] g = gw[l];
            for (int k = 0; k < src.length; k++) {
                double[] from = src[k];
                double[] to = dst[k];
                double[] grow = g[k];
                for (int i = 0; i < from.length; i++) {
                    to[i] = Kernels.descend(from[i], alpha, grow[i] / m);
                }
            }
            if (updateBiases) {
                double[] srcB = b[l];
                double[] dstB = workB[l];
                double[] gbl = gb[l];
                for (int k = 0; k < srcB.length; k++) {
                    dstB[k] = Kernels.descend(srcB[k], alpha, gbl[k] / m);
                }
            }
        }
        pristine = false;
    }
}
