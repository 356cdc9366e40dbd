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

/**
 * The fast path: plain gradient-descent training on flat {@code double[]} arrays, with no trace
 * and no allocation per sample. It shares its formulas with the traced path ({@link Activation},
 * {@link Loss}, {@link Kernels}).
 *
 * <pre>{@code
 * Trainer t = Trainer.of(problem);
 * for (int e = 0; e < 1000; e++) t.epoch();
 * Network trained = t.network();
 * }</pre>
 *
 * <p>Layout: layer l's weights are {@code w[l][j * n[l-1] + i]} (row j, column i, as the
 * contract's {@code weights[j][i]}); index 0 of the per-layer arrays is the input layer.
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

    private final double[][] w;
    private final double[][] b;
    private final double[][] z;
    private final double[][] a;
    private final double[][] delta;
    private final double[][] gw;
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
        w = new double[depth][];
        b = new double[depth][];
        z = new double[depth][];
        a = new double[depth][];
        delta = new double[depth][];
        gw = new double[depth][];
        gb = new double[depth][];
        a[0] = new double[n[0]];
        for (int l = 1; l < depth; l++) {
            Layer layer = net.layer(l);
            n[l] = layer.size();
            act[l] = layer.activation();
            w[l] = new double[n[l] * n[l - 1]];
            b[l] = new double[n[l]];
            z[l] = new double[n[l]];
            a[l] = new double[n[l]];
            delta[l] = new double[n[l]];
            gw[l] = new double[n[l] * n[l - 1]];
            gb[l] = new double[n[l]];
        }
        load(net);
    }

    /** Replaces the weights and biases with the network's (same shape), without allocating. */
    public void load(Network net) {
        for (int l = 1; l < depth; l++) {
            Layer layer = net.layer(l);
            if (layer.size() != n[l] || layer.inputs() != n[l - 1]) {
                throw new IllegalArgumentException("layer " + l + " has another shape");
            }
            int in = n[l - 1];
            for (int j = 0; j < n[l]; j++) {
                for (int i = 0; i < in; i++) {
                    w[l][j * in + i] = layer.weight(j, i);
                }
                b[l][j] = layer.bias(j);
            }
        }
    }

    /** One pass over the samples, a gradient-descent update per batch. */
    public void epoch() {
        batchesFrom(0);
    }

    /** The batches of an epoch starting at sample {@code from} (a batch boundary). */
    void batchesFrom(int from) {
        int count = inputs.length;
        for (int start = from; start < count; start += batchSize) {
            int end = Math.min(start + batchSize, count);
            if (!updatedRule) {
                clearGradients();
            }
            for (int s = start; s < end; s++) {
                forward(inputs[s]);
                backward(targets[s]);
            }
            if (!updatedRule) {
                update(end - start);
            }
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
        forward(x);
        return a[depth - 1].clone();
    }

    /** The current weights and biases as an immutable network. */
    public Network network() {
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < depth; l++) {
            int in = n[l - 1];
            double[][] wm = new double[n[l]][in];
            for (int j = 0; j < n[l]; j++) {
                System.arraycopy(w[l], j * in, wm[j], 0, in);
            }
            layers.add(new Layer(act[l], wm, b[l]));
        }
        return Network.of(n[0], layers);
    }

    /** The first weight or bias that is not a finite number, if any. */
    public Optional<Quantity> firstNonFinite() {
        for (int l = 1; l < depth; l++) {
            int in = n[l - 1];
            for (int j = 0; j < n[l]; j++) {
                for (int i = 0; i < in; i++) {
                    if (!Double.isFinite(w[l][j * in + i])) {
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

    // z_j = Σ_i W_ji·a_i + b_j;  a = f(z)
    private void forward(double[] x) {
        System.arraycopy(x, 0, a[0], 0, n[0]);
        for (int l = 1; l < depth; l++) {
            int in = n[l - 1];
            double[] wl = w[l];
            double[] below = a[l - 1];
            double[] zl = z[l];
            double[] al = a[l];
            Activation f = act[l];
            for (int j = 0; j < n[l]; j++) {
                zl[j] = Kernels.dot(wl, j * in, below, 0, in) + b[l][j];
            }
            if (f == Activation.SOFTMAX) {
                Activation.softmax(zl, al, n[l]);
            } else {
                for (int j = 0; j < n[l]; j++) {
                    al[j] = f.apply(zl[j]);
                }
            }
        }
    }

    // Output: δ = ∂L/∂a ⊙ f'(z) (or a − y);  hidden: δ_l = (W_{l+1}ᵀ δ_{l+1}) ⊙ f'(z_l).
    // Gradients ∂L/∂W_ji = δ_j·a_i and ∂L/∂b_j = δ_j are summed over the batch.
    private void backward(double[] y) {
        int out = depth - 1;
        for (int j = 0; j < n[out]; j++) {
            delta[out][j] = loss.outputDelta(act[out], a[out][j], y[j], n[out]);
        }
        for (int l = out; l >= 1; l--) {
            if (l < out) {
                // W_{l+1} is already updated under the "updated" rule, still original otherwise
                int above = n[l + 1];
                int width = n[l];
                double[] wa = w[l + 1];
                double[] da = delta[l + 1];
                for (int j = 0; j < width; j++) {
                    double sum = 0;
                    for (int k = 0; k < above; k++) {
                        sum += wa[k * width + j] * da[k];
                    }
                    delta[l][j] = sum * act[l].derivative(a[l][j]);
                }
            }
            if (updatedRule) {
                descendLayer(l);
            } else {
                accumulate(l);
            }
        }
    }

    private void accumulate(int l) {
        int in = n[l - 1];
        double[] g = gw[l];
        double[] d = delta[l];
        double[] below = a[l - 1];
        for (int j = 0; j < n[l]; j++) {
            double dj = d[j];
            int row = j * in;
            for (int i = 0; i < in; i++) {
                g[row + i] += dj * below[i];
            }
            gb[l][j] += dj;
        }
    }

    private void clearGradients() {
        for (int l = 1; l < depth; l++) {
            Arrays.fill(gw[l], 0.0);
            Arrays.fill(gb[l], 0.0);
        }
    }

    // W ← W − α·(Σ_batch ∂L/∂W)/m
    private void update(int m) {
        for (int l = 1; l < depth; l++) {
            int in = n[l - 1];
            double[] wl = w[l];
            double[] g = gw[l];
            for (int k = 0; k < n[l] * in; k++) {
                wl[k] = Kernels.descend(wl[k], alpha, g[k] / m);
            }
            if (updateBiases) {
                for (int j = 0; j < n[l]; j++) {
                    b[l][j] = Kernels.descend(b[l][j], alpha, gb[l][j] / m);
                }
            }
        }
    }

    // The "updated" rule (batch size 1): layer l is updated from its δ before the layer below is worked.
    private void descendLayer(int l) {
        int in = n[l - 1];
        double[] d = delta[l];
        double[] wl = w[l];
        double[] below = a[l - 1];
        for (int j = 0; j < n[l]; j++) {
            double dj = d[j];
            int row = j * in;
            for (int i = 0; i < in; i++) {
                wl[row + i] = Kernels.descend(wl[row + i], alpha, dj * below[i]);
            }
            if (updateBiases) {
                b[l][j] = Kernels.descend(b[l][j], alpha, dj);
            }
        }
    }
}
