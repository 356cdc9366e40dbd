package dev.backprop.engine.train;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
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
 * contract's {@code weights[j][i]}), one array per neuron ("row-major"); a first layer of at least
 * {@link #BY_INPUT} neurons is kept input-major instead, {@code w[1][i][j]}, one array per input, and
 * a later layer of at least {@link #COPY} neurons keeps an input-major copy beside its rows (the rows
 * serve the δ below, Σ_k W_ki·δ_k, the copy the forward sums; both are updated with the same
 * doubles). Index 0 of the per-layer arrays is the input layer. Where the time goes: input-major
 * forward sums and updates run across the neurons, each a loop over one array that the JIT
 * vectorises, every sum still in input order; a row-major layer sums four neurons side by side,
 * and its backward pass walks each neuron's row once, adding its share of the δ below and updating
 * it in the same (vectorised) loop; with batch size 1 each sample's update is applied as soon as
 * its δ are known, without gradient buffers; f′ is taken with a in the forward pass (one
 * exponential for both), and the activation's switch once per layer.
 *
 * <p>The textbook networks (every layer sigmoid with at most four inputs, batch size 1, plain
 * descent) train through one method per epoch that keeps a step's chain out of memory: the output
 * layer neuron by neuron (σ, σ′, δ, its share of the δ below and its update together), the δ sums
 * in registers, and with one hidden layer its δ straight into the first layer's update.
 *
 * <p>The trainer keeps its own copy of the network it loaded last and never writes to it: the first
 * update after {@link #load} reads that copy and writes the working arrays, later ones work in place.
 * So loading the same network again, to start over, costs no copying.
 *
 * <p>When the JVM has the Vector API ({@code --add-modules jdk.incubator.vector}; {@link Lanes}),
 * the input-major layers and the rows of the δ below run through {@link VectorKernels} at the
 * machine's full vector width, with the same doubles, and with batch size 1 the first layer's update
 * is fused with the next sample's forward sums through it (each of its weights read once a sample).
 * Without it, the loops above are left to C2's auto-vectoriser.
 *
 * <p>Every other update rule ({@link Optimizer}: weight decay, momentum, Nesterov, RMSprop, Adam)
 * has its own loop, apart from plain gradient descent's fused one, whose speed it leaves alone:
 * each batch's gradients are summed as for a batch of several samples ({@code backwardAndAccumulate}),
 * then one pass over every weight and bias applies the rule ({@link #optimizerStep}), with the
 * state in arrays of the weights' layout (the rows of a copied layer; its input-major copy is then
 * written from them). Its per-weight formulas are {@link Kernels}'s, as on the traced path, so the
 * doubles are the same. Under the "updated" rule a layer's step comes before the δ below it.
 */
public final class Trainer {
    /** A first layer at least this many neurons wide is kept input-major, so its loops run across neurons. */
    static final int BY_INPUT = 8;
    /** A later layer at least this many neurons wide keeps an input-major copy for its forward sums. */
    static final int COPY = 16;

    private final int depth;
    private final int[] n;
    private final Activation[] act;
    private final Loss loss;
    private final double alpha;
    private final int batchSize;
    private final boolean updateBiases;
    private final boolean updatedRule;
    // The wide layers' loops run through VectorKernels (the Vector API is there and not turned off).
    private final boolean vector;
    // Batch size 1, plain descent, an input-major first layer and the Vector API: fusedSamples runs.
    private final boolean fused;
    // The update rule when it is not plain gradient descent (then null, and the fused loops run).
    private final @Nullable Optimizer optimizer;
    // The rule's state per weight (the layout of workW) and per bias: momentum buffer, RMSprop's average
    // or Adam's first moment in the first arrays, Adam's second moment in the second; and its steps so far.
    private final double[][][] stateW1;
    private final double[][][] stateW2;
    private final double[][] stateB1;
    private final double[][] stateB2;
    private int steps;
    private final double[][] inputs;
    private final double[][] targets;
    // byInput[l]: layer l's weights are w[l][i][j] (input-major) rather than w[l][j][i].
    private final boolean[] byInput;
    // copied[l]: row-major layer l also keeps its weights input-major, in loadedT/workT.
    private final boolean[] copied;
    // smallSigmoid[l]: a sigmoid layer of one to four inputs, summed term by term (Kernels.SMALL).
    private final boolean[] smallSigmoid;
    // writtenOut[l]: layer l's backward pass is written out (smallLayer): rows of one to four inputs,
    // neither input-major nor copied, "original" rule, and no −0 weight or bias in the loaded network.
    private final boolean[] writtenOut;
    // Batch size 1, no optimizer, and every layer small, sigmoid and written out (set by load): the
    // textbook networks, which train through smallSamples.
    private boolean small;

    // The values of the network loaded last (read-only), and the working weights and biases.
    private @Nullable Network loaded;
    private final double[][][] loadedW;
    private final double[][] loadedB;
    private final double[][][] workW;
    private final double[][] workB;
    private final double[][][] loadedT;
    private final double[][][] workT;
    // True from load() until the first update: the current values are the loaded ones.
    private boolean pristine;
    // The loaded network has a −0 weight or (updated) bias, so updates keep the trace's 0 + δ·a.
    private boolean signedZeros;

    private final double[][] z;
    private final double[][] a;
    private final double[][] slope;
    private final double[][] delta;
    private final double[][][] gw;
    private final double[][] gb;

    /** A trainer for the problem's network, data and settings (its rounding and given values are ignored). */
    public static Trainer of(Problem p) {
        return of(p, Lanes.AVAILABLE);
    }

    /**
     * {@link #of}, with the Vector API's loops ({@code true}, only when {@link Lanes#AVAILABLE}) or
     * C2's auto-vectorised ones ({@code false}): so that the tests compare both with the trace.
     */
    static Trainer of(Problem p, boolean vector) {
        if (vector && !Lanes.AVAILABLE) {
            throw new IllegalStateException("the Vector API is not available (--add-modules jdk.incubator.vector)");
        }
        double[][] x = new double[p.samples().size()][];
        double[][] y = new double[p.samples().size()][];
        for (int s = 0; s < x.length; s++) {
            x[s] = p.samples().get(s).input();
            y[s] = p.samples().get(s).target();
        }
        return new Trainer(p.network(), p.loss(), p.learningRate(), p.effectiveBatchSize(), p.updateBiases(),
                p.hiddenDeltaWeights(), p.optimizer(), x, y, vector);
    }

    private Trainer(Network net, Loss loss, double alpha, int batchSize, boolean updateBiases,
                    HiddenDeltaWeights rule, Optimizer optimizer, double[][] inputs, double[][] targets,
                    boolean vector) {
        this.vector = vector;
        this.depth = net.depth();
        this.n = new int[depth];
        this.act = new Activation[depth];
        this.loss = loss;
        this.alpha = alpha;
        this.batchSize = batchSize;
        this.updateBiases = updateBiases;
        this.updatedRule = rule == HiddenDeltaWeights.UPDATED && batchSize == 1;
        this.optimizer = optimizer.plain() ? null : optimizer;
        this.inputs = inputs;
        this.targets = targets;
        n[0] = net.inputSize();
        byInput = new boolean[depth];
        copied = new boolean[depth];
        smallSigmoid = new boolean[depth];
        writtenOut = new boolean[depth];
        loadedT = new double[depth][][];
        workT = new double[depth][][];
        loadedW = new double[depth][][];
        loadedB = new double[depth][];
        workW = new double[depth][][];
        workB = new double[depth][];
        z = new double[depth][];
        a = new double[depth][];
        slope = new double[depth][];
        delta = new double[depth][];
        gw = new double[depth][][];
        gb = new double[depth][];
        stateW1 = new double[depth][][];
        stateW2 = new double[depth][][];
        stateB1 = new double[depth][];
        stateB2 = new double[depth][];
        for (int l = 1; l < depth; l++) {
            Layer layer = net.layer(l);
            n[l] = layer.size();
            act[l] = layer.activation();
            // Only the first layer has no δ below, whose sums Σ_k W_ki·δ_k want the rows of W.
            byInput[l] = l == 1 && n[l] >= BY_INPUT;
            copied[l] = l > 1 && n[l] >= COPY;
            smallSigmoid[l] = !byInput[l] && !copied[l] && n[l - 1] <= Kernels.SMALL && act[l] == Activation.SIGMOID;
            if (copied[l]) {
                loadedT[l] = new double[n[l - 1]][n[l]];
                workT[l] = new double[n[l - 1]][n[l]];
            }
            int rows = byInput[l] ? n[l - 1] : n[l];
            int cols = byInput[l] ? n[l] : n[l - 1];
            loadedW[l] = new double[rows][cols];
            loadedB[l] = new double[n[l]];
            workW[l] = new double[rows][cols];
            workB[l] = new double[n[l]];
            z[l] = new double[n[l]];
            a[l] = new double[n[l]];
            slope[l] = new double[n[l]];
            delta[l] = new double[n[l]];
            if (batchSize > 1 || this.optimizer != null) {
                gw[l] = new double[rows][cols];
                gb[l] = new double[n[l]];
            }
            if (this.optimizer != null) {
                stateW1[l] = new double[rows][cols];
                stateW2[l] = new double[rows][cols];
                stateB1[l] = new double[n[l]];
                stateB2[l] = new double[n[l]];
            }
        }
        fused = batchSize == 1 && vector && byInput[1] && this.optimizer == null;
        load(net);
    }

    /**
     * Replaces the weights and biases with the network's (same shape), without allocating, and starts
     * the update rule's state again from 0.
     */
    public void load(Network net) {
        clearState();
        if (net != loaded) {
            boolean negativeZero = false;
            for (int l = 1; l < depth; l++) {
                Layer layer = net.layer(l);
                int size = n[l];
                int in = n[l - 1];
                if (layer.size() != size || layer.inputs() != in) {
                    throw new IllegalArgumentException("layer " + l + " has another shape");
                }
                double[][] wl = loadedW[l];
                double[][] tl = loadedT[l];
                double[] bl = loadedB[l];
                for (int j = 0; j < size; j++) {
                    for (int i = 0; i < in; i++) {
                        double w = layer.weight(j, i);
                        if (byInput[l]) {
                            wl[i][j] = w;
                        } else {
                            wl[j][i] = w;
                        }
                        if (copied[l]) {
                            tl[i][j] = w;
                        }
                        negativeZero |= isNegativeZero(w);
                    }
                    bl[j] = layer.bias(j);
                    negativeZero |= updateBiases && isNegativeZero(bl[j]);
                }
            }
            loaded = net;
            signedZeros = negativeZero;
            boolean all = batchSize == 1 && optimizer == null;
            for (int l = 1; l < depth; l++) {
                writtenOut[l] = !negativeZero && !updatedRule && n[l - 1] <= Kernels.SMALL && !byInput[l] && !copied[l];
                all &= writtenOut[l] && smallSigmoid[l];
            }
            small = all;
        }
        pristine = true;
    }

    private static boolean isNegativeZero(double x) {
        return Double.doubleToRawLongBits(x) == Long.MIN_VALUE;
    }

    /** Whether epochs train through smallSamples (for the tests). */
    boolean small() {
        return small;
    }

    /** One pass over the samples, a gradient-descent update per batch. */
    public void epoch() {
        if (small) {
            smallSamples(0, inputs.length);
        } else {
            batchesFrom(0);
        }
    }

    /**
     * {@code epochs} passes over the samples ({@link #epoch()} that many times); returns this
     * trainer, so that {@code Trainer.of(problem).train(1000).network()} is the trained network.
     */
    public Trainer train(int epochs) {
        if (epochs < 0) {
            throw ProblemException.of("epochs", "must be at least 0, was " + epochs);
        }
        for (int e = 0; e < epochs; e++) {
            epoch();
        }
        return this;
    }

    /** The batches of an epoch starting at sample {@code from} (a batch boundary). */
    void batchesFrom(int from) {
        if (optimizer != null) {
            optimizerBatches(from);
            return;
        }
        double[][] xs = inputs;
        double[][] ys = targets;
        int count = xs.length;
        if (fused) {
            fusedSamples(from, count);
            return;
        }
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
            sum += loss.value(a[out], targets[s]);
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
        double[][] b = biases();
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < depth; l++) {
            double[][] w = new double[n[l]][n[l - 1]];
            for (int j = 0; j < n[l]; j++) {
                for (int i = 0; i < n[l - 1]; i++) {
                    w[j][i] = weight(l, j, i);
                }
            }
            layers.add(new Layer(act[l], w, b[l]));
        }
        return Network.of(n[0], layers);
    }

    /** The first weight or bias that is not a finite number, if any (neuron by neuron, as the contract lists them). */
    public Optional<Quantity> firstNonFinite() {
        double[][] b = biases();
        for (int l = 1; l < depth; l++) {
            for (int j = 0; j < n[l]; j++) {
                for (int i = 0; i < n[l - 1]; i++) {
                    if (!Double.isFinite(weight(l, j, i))) {
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

    // The current weight from neuron i below into neuron j of layer l, in either layout.
    private double weight(int l, int j, int i) {
        double[][] w = weights()[l];
        return byInput[l] ? w[i][j] : w[j][i];
    }

    // The current weights: the loaded network's until the first update, then the working arrays.
    private double[][][] weights() {
        return pristine ? loadedW : workW;
    }

    // The current input-major copies of the copied layers.
    private double[][][] copies() {
        return pristine ? loadedT : workT;
    }

    // The current biases (the loaded ones for good when biases are not updated).
    private double[][] biases() {
        return pristine || !updateBiases ? loadedB : workB;
    }

    // z_j = Σ_i W_ji·a_i + b_j;  a = f(z), f′(z). Kept short so that C2 inlines it into the epoch's
    // loop (grown with the wide layers' code, it was called instead: Mazur's step 75 ns, now 72).
    private void forward(double[] x) {
        forwardFrom(1, x);
    }

    // The forward pass from layer `first` up, `below` being the activations under it.
    private void forwardFrom(int first, double[] below) {
        double[][][] w = weights();
        double[][] b = biases();
        for (int l = first; l < depth; l++) {
            double[] al = a[l];
            if (smallSigmoid[l]) {
                // Small sigmoid layers (the textbook examples): a_j and f′_j right after z_j, in one loop.
                // The sum skips the dot product's leading 0 +, which only turns a −0 into +0 and so can
                // only change the sign of a zero z, and σ(−0) = σ(+0), σ′(−0) = σ′(+0); z itself is not
                // kept (nothing on the fast path reads it back). One addition less on every sample's
                // critical path.
                smallSigmoidLayer(w[l], b[l], below, al, slope[l], n[l - 1], n[l]);
            } else {
                forwardLayer(l, w[l], b[l], below);
            }
            below = al;
        }
    }

    // a_j = σ(z_j) and f′_j of a small sigmoid layer, z_j summed from the first term (see forwardFrom).
    private static void smallSigmoidLayer(double[][] wl, double[] bl, double[] below, double[] al, double[] sl, int in,
                                          int size) {
        for (int j = 0; j < size; j++) {
            Kernels.sigmoid(Kernels.smallSumFromFirstTerm(wl[j], below, in) + bl[j], al, sl, j);
        }
    }

    // A layer that is not small and sigmoid: its sums (across the neurons when input-major or copied),
    // then a = f(z) and f′(z).
    private void forwardLayer(int l, double[][] wl, double[] bl, double[] below) {
        int size = n[l];
        int in = n[l - 1];
        double[] zl = z[l];
        if (byInput[l] || copied[l]) {
            double[][] wt = byInput[l] ? wl : copies()[l];
            if (vector) {
                VectorKernels.weightedSumsByInput(wt, below, in, bl, zl, size);
            } else {
                Kernels.weightedSumsByInput(wt, below, in, bl, zl, size);
            }
        } else {
            Kernels.weightedSums(wl, below, in, bl, zl, size);
        }
        Kernels.activate(act[l], zl, a[l], slope[l], size);
    }

    // Batch size 1, output layer first. The output δ_k = ∂L/∂a_k·f′(z_k) (or a_k − y_k) comes first.
    // Neuron k's row of W_l is walked once: its share W_ki·δ_k of the δ below,
    // δ_{l−1,i} = Σ_k W_ki·δ_k (summed from 0 in k order, then ⊙ f′), is taken from the weight just
    // before ("original" rule) or just after ("updated" rule) the update W_ki ← W_ki − α·δ_k·a_i, and
    // b_k ← b_k − α·δ_k follows the row. An input-major layer (the first: no δ below) is updated
    // input by input, across its neurons. New values go to the working arrays.
    private void backwardAndDescend(double[] x, double[] y) {
        backwardDownTo(1, x, y);
        pristine = false;
    }

    // The output δ, then the backward pass and update of the layers from the output down to `last`.
    private void backwardDownTo(int last, double[] x, double[] y) {
        double[][][] w = weights();
        double[][] b = biases();
        int out = depth - 1;
        outputDeltas(loss, a[out], slope[out], y, delta[out], n[out]);
        boolean[] written = writtenOut;
        for (int l = out; l >= last; l--) {
            double[] below = l == 1 ? x : a[l - 1];
            if (!written[l]) {
                descendLayer(l, w[l], b[l], below);
            } else if (l == 1) {
                // the textbook networks' small rows, called from here so that this method stays short
                smallFirstLayer(w[l], workW[l], b[l], workB[l], below, delta[l], alpha, n[0], n[l], updateBiases);
            } else {
                smallLayer(w[l], workW[l], b[l], workB[l], below, delta[l - 1], slope[l - 1], delta[l], alpha, n[l - 1],
                        n[l], updateBiases);
            }
        }
    }

    // Batch size 1, a wide (input-major) first layer and the Vector API: as the loop of batchesFrom,
    // but the first layer's update is fused with the next sample's sums through it, so its weights
    // (most of a typical network's) are read once a sample instead of twice. z[1] then holds the next
    // sample's sums; a = f(z) follows when that sample comes. The same doubles, in the same order.
    private void fusedSamples(int from, int count) {
        double[][] xs = inputs;
        double[][] ys = targets;
        int first = n[1];
        int in = n[0];
        boolean ready = false;
        for (int s = from; s < count; s++) {
            double[] x = xs[s];
            if (ready) {
                Kernels.activate(act[1], z[1], a[1], slope[1], first);
                forwardFrom(2, a[1]);
            } else {
                forward(x);
            }
            // the epoch's last sample has no next one: its first layer goes the usual way (descendLayer)
            ready = s + 1 < count;
            double[][] src = weights()[1];
            double[] srcB = biases()[1];
            backwardDownTo(ready ? 2 : 1, x, ys[s]);
            if (ready) {
                if (updateBiases) {
                    Kernels.descendBiases(srcB, workB[1], delta[1], alpha, first, signedZeros);
                }
                VectorKernels.descendThenSum(src, workW[1], x, delta[1], alpha, in, first, signedZeros, xs[s + 1],
                        updateBiases ? workB[1] : loadedB[1], z[1]);
            }
            pristine = false;
        }
    }

    // The samples of an epoch of a small network (small): as batchesFrom's loop for batch size 1, all
    // in this one method, so that an epoch is one call (C2 inlines an already compiled method only
    // while its machine code is short: backwardDownTo's, 5.8 KB, was compiled before batchesFrom in
    // some JVMs and not in others, and a step was then one call or two). The same doubles in the same
    // order as the trace, with the values on the step's critical path kept in registers instead of
    // going through arrays (each store and load back costs the chain a few cycles): the output layer
    // neuron by neuron, its σ′, δ, share of the δ below (summed in k order) and update together, and
    // with one hidden layer its δ straight into the first layer's update.
    private void smallSamples(int from, int count) {
        double[][] xs = inputs;
        double[][] ys = targets;
        int out = depth - 1;
        int in = n[out - 1];
        int size = n[out];
        double rate = alpha;
        boolean biases = updateBiases;
        for (int s = from; s < count; s++) {
            double[] x = xs[s];
            double[] y = ys[s];
            double[][][] w = weights();
            double[][] b = biases();
            double[] below = x;
            for (int l = 1; l < out; l++) {
                smallSigmoidLayer(w[l], b[l], below, a[l], slope[l], n[l - 1], n[l]);
                below = a[l];
            }
            double[][] src = w[out];
            double[][] dst = workW[out];
            double[] srcB = b[out];
            double[] dstB = workB[out];
            double[] ao = a[out];
            double[] so = slope[out];
            double[] dOut = delta[out];
            if (out == 1) {
                for (int k = 0; k < size; k++) {
                    double[] row = src[k];
                    double fk = Kernels.sigmoid(Kernels.smallSumFromFirstTerm(row, x, in) + srcB[k], ao, so, k);
                    double dk = outputDelta(loss, ao[k], y[k], fk, size);
                    dOut[k] = dk;
                    firstRow(row, dst[k], srcB, dstB, x, dk, rate, in, k, biases);
                }
                pristine = false;
                continue;
            }
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int k = 0; k < size; k++) {
                double[] row = src[k];
                double[] to = dst[k];
                double fk = Kernels.sigmoid(Kernels.smallSumFromFirstTerm(row, below, in) + srcB[k], ao, so, k);
                double dk = outputDelta(loss, ao[k], y[k], fk, size);
                dOut[k] = dk;
                boolean first = k == 0;
                switch (in) {
                    case 4:
                        s3 = share(s3, first, row[3], dk);
                        to[3] = Kernels.descendOneSample(row[3], rate, dk, below[3], false);
                        // fall through
                    case 3:
                        s2 = share(s2, first, row[2], dk);
                        to[2] = Kernels.descendOneSample(row[2], rate, dk, below[2], false);
                        // fall through
                    case 2:
                        s1 = share(s1, first, row[1], dk);
                        to[1] = Kernels.descendOneSample(row[1], rate, dk, below[1], false);
                        // fall through
                    default:
                        s0 = share(s0, first, row[0], dk);
                        to[0] = Kernels.descendOneSample(row[0], rate, dk, below[0], false);
                }
                if (biases) {
                    dstB[k] = Kernels.descendOneSample(srcB[k], rate, dk, 1.0, false);
                }
            }
            // δ of the layer below: the sums ⊙ f′
            double[] sb = slope[out - 1];
            double[] db = delta[out - 1];
            switch (in) {
                case 4:
                    s3 *= sb[3];
                    db[3] = s3;
                    // fall through
                case 3:
                    s2 *= sb[2];
                    db[2] = s2;
                    // fall through
                case 2:
                    s1 *= sb[1];
                    db[1] = s1;
                    // fall through
                default:
                    s0 *= sb[0];
                    db[0] = s0;
            }
            if (out == 2) {
                // one hidden layer: its δ from the registers into the first layer's rows
                double[][] src1 = w[1];
                double[][] dst1 = workW[1];
                double[] srcB1 = b[1];
                double[] dstB1 = workB[1];
                int in1 = n[0];
                switch (in) {
                    case 4:
                        firstRow(src1[3], dst1[3], srcB1, dstB1, x, s3, rate, in1, 3, biases);
                        // fall through
                    case 3:
                        firstRow(src1[2], dst1[2], srcB1, dstB1, x, s2, rate, in1, 2, biases);
                        // fall through
                    case 2:
                        firstRow(src1[1], dst1[1], srcB1, dstB1, x, s1, rate, in1, 1, biases);
                        // fall through
                    default:
                        firstRow(src1[0], dst1[0], srcB1, dstB1, x, s0, rate, in1, 0, biases);
                }
            } else {
                for (int l = out - 1; l >= 2; l--) {
                    smallLayer(w[l], workW[l], b[l], workB[l], a[l - 1], delta[l - 1], slope[l - 1], delta[l], rate,
                            n[l - 1], n[l], biases);
                }
                smallFirstLayer(w[1], workW[1], b[1], workB[1], x, delta[1], rate, n[0], n[1], biases);
            }
            pristine = false;
        }
    }

    // The output δ of one neuron: (a − y)·f′ for the ½-squared error, Loss.outputDelta otherwise.
    private static double outputDelta(Loss loss, double ak, double yk, double fk, int size) {
        return loss == Loss.HALF_SQUARED_ERROR ? (ak - yk) * fk : loss.outputDelta(ak, yk, size, fk);
    }

    // Σ_k W_ki·δ_k so far and row k's term: the first row's term starts the sum (no 0 +; see smallLayer).
    private static double share(double sum, boolean first, double w, double dk) {
        return first ? w * dk : sum + w * dk;
    }

    // Row j of the first layer and its bias, from neuron j's δ.
    private static void firstRow(double[] from, double[] to, double[] srcB, double[] dstB, double[] x, double dj,
                                 double rate, int in, int j, boolean biases) {
        smallUpdates(from, to, x, dj, rate, in);
        if (biases) {
            dstB[j] = Kernels.descendOneSample(srcB[j], rate, dj, 1.0, false);
        }
    }

    // One layer of the backward pass and update, other than a written-out small one: input-major,
    // or rows (vectorised, or small with the trace's 0 +), then the copy if the layer has one.
    private void descendLayer(int l, double[][] src, double[] srcB, double[] below) {
        int size = n[l];
        int in = n[l - 1];
        double rate = alpha;
        boolean biases = updateBiases;
        boolean updated = updatedRule;
        boolean zeros = signedZeros;
        double[][] dst = workW[l];
        double[] dstB = workB[l];
        double[] dl = delta[l];
        if (byInput[l]) {
            descendByInput(src, dst, below, dl, in, size);
            if (biases) {
                Kernels.descendBiases(srcB, dstB, dl, rate, size, zeros);
            }
            return;
        }
        double[] sums = l == 1 ? null : delta[l - 1];
        boolean small = in <= Kernels.SMALL && !updated;
        if (vector && sums != null && !small && !updated) {
            VectorKernels.shareThenDescendRows(src, dst, below, sums, dl, rate, in, size, zeros);
            if (biases) {
                Kernels.descendBiases(srcB, dstB, dl, rate, size, zeros);
            }
        } else {
            rows(src, dst, srcB, dstB, below, sums, dl, rate, in, size, biases, small, updated, zeros);
        }
        if (sums != null) {
            Kernels.timesDerivative(sums, slope[l - 1], in);
        }
        if (copied[l]) {
            // the copy gets the rows' new values: the same operation on the same operands
            descendByInput(copies()[l], workT[l], below, dl, in, size);
        }
    }

    // W_ji ← W_ji − α·δ_j·a_i over an input-major layer, through the Vector API when there is one.
    private void descendByInput(double[][] src, double[][] dst, double[] below, double[] dl, int in, int size) {
        if (vector) {
            VectorKernels.descendByInput(src, dst, below, dl, alpha, in, size, signedZeros);
        } else {
            Kernels.descendByInput(src, dst, below, dl, alpha, in, size, signedZeros);
        }
    }

    // The rows of a row-major layer, output side first: each adds its share to the sums of the δ below
    // (sums; null in the first layer) and is updated, then its bias.
    private static void rows(double[][] src, double[][] dst, double[] srcB, double[] dstB, double[] below,
                             double @Nullable [] sums, double[] dl, double rate, int in, int size, boolean biases,
                             boolean small, boolean updated, boolean zeros) {
        if (sums != null && !small) {
            Arrays.fill(sums, 0, in, 0.0);
        }
        for (int k = 0; k < size; k++) {
            double[] from = src[k];
            double[] to = dst[k];
            double dk = dl[k];
            if (small) {
                smallRow(from, to, below, sums, k == 0, dk, rate, in, zeros);
            } else if (sums == null) {
                Kernels.descendRow(from, to, below, dk, rate, in, zeros);
            } else if (updated) {
                Kernels.descendThenShare(from, to, below, sums, dk, rate, in, zeros);
            } else {
                Kernels.shareThenDescend(from, to, below, sums, dk, rate, in, zeros);
            }
            if (biases) {
                dstB[k] = Kernels.descendOneSample(srcB[k], rate, dk, 1.0, zeros);
            }
        }
    }

    // The output δ_k = ∂L/∂a_k·f′(z_k), or a_k − y_k for the cross-entropies, of every output neuron
    // (outputDelta: the seed's ½-squared error written out, without the loss's switch).
    private static void outputDeltas(Loss loss, double[] a, double[] slope, double[] y, double[] d, int size) {
        for (int k = 0; k < size; k++) {
            d[k] = outputDelta(loss, a[k], y[k], slope[k], size);
        }
    }

    // A layer of neurons with one to four inputs above another layer ("original" rule, no −0 weight or
    // bias), written out input by input, without a loop's set-up: rows k in order, each adding W_ki·δ_k
    // to the sums of the δ below (kept in registers) and updating W_ki, then the bias and, after the
    // last row, δ_i = sums_i·f′_i into the δ below. With no −0 weight, signs of zero never reach a weight (w − α·(±0) = w for
    // every w but −0, and an update never makes a −0), so the sums start from the first row's term
    // rather than 0 + it: one addition less on the hidden δ's critical path. Inputs are taken from
    // the last: each input's sum is its own.
    private static void smallLayer(double[][] src, double[][] dst, double[] srcB, double[] dstB, double[] below,
                                   double[] sums, double[] slopeBelow, double[] dl, double rate, int in, int size,
                                   boolean biases) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int k = 0; k < size; k++) {
            double[] from = src[k];
            double[] to = dst[k];
            double dk = dl[k];
            boolean first = k == 0;
            switch (in) {
                case 4:
                    double w3 = from[3];
                    s3 = share(s3, first, w3, dk);
                    to[3] = Kernels.descendOneSample(w3, rate, dk, below[3], false);
                    // fall through
                case 3:
                    double w2 = from[2];
                    s2 = share(s2, first, w2, dk);
                    to[2] = Kernels.descendOneSample(w2, rate, dk, below[2], false);
                    // fall through
                case 2:
                    double w1 = from[1];
                    s1 = share(s1, first, w1, dk);
                    to[1] = Kernels.descendOneSample(w1, rate, dk, below[1], false);
                    // fall through
                default:
                    double w0 = from[0];
                    s0 = share(s0, first, w0, dk);
                    to[0] = Kernels.descendOneSample(w0, rate, dk, below[0], false);
            }
            if (biases) {
                dstB[k] = Kernels.descendOneSample(srcB[k], rate, dk, 1.0, false);
            }
        }
        switch (in) {
            case 4:
                sums[3] = s3 * slopeBelow[3];
                // fall through
            case 3:
                sums[2] = s2 * slopeBelow[2];
                // fall through
            case 2:
                sums[1] = s1 * slopeBelow[1];
                // fall through
            default:
                sums[0] = s0 * slopeBelow[0];
        }
    }

    // As smallLayer for the first layer, which has no δ below: the updates only. (Apart from smallLayer
    // so that each is small enough for C2 to inline.)
    private static void smallFirstLayer(double[][] src, double[][] dst, double[] srcB, double[] dstB, double[] below,
                                        double[] dl, double rate, int in, int size, boolean biases) {
        for (int k = 0; k < size; k++) {
            firstRow(src[k], dst[k], srcB, dstB, below, dl[k], rate, in, k, biases);
        }
    }

    // The updates of a small row of the first layer (no δ below), from the last input.
    private static void smallUpdates(double[] from, double[] to, double[] below, double dk, double rate, int in) {
        switch (in) {
            case 4:
                to[3] = Kernels.descendOneSample(from[3], rate, dk, below[3], false);
                // fall through
            case 3:
                to[2] = Kernels.descendOneSample(from[2], rate, dk, below[2], false);
                // fall through
            case 2:
                to[1] = Kernels.descendOneSample(from[1], rate, dk, below[1], false);
                // fall through
            default:
                to[0] = Kernels.descendOneSample(from[0], rate, dk, below[0], false);
        }
    }

    // One row of the backward pass ("original" rule) for a neuron with one to four inputs when the
    // network has a −0 weight or bias: the same operations in the same order as the loop, the sums from
    // 0 as the trace has them, without a loop's set-up. sums is null in the first layer; first is true
    // for the row that starts the sums.
    private static void smallRow(double[] from, double[] to, double[] below, double @Nullable [] sums, boolean first,
                                 double dk, double rate, int in, boolean zeros) {
        smallRowTerm(from, to, below, sums, first, dk, rate, 0, zeros);
        if (in == 1) {
            return;
        }
        smallRowTerm(from, to, below, sums, first, dk, rate, 1, zeros);
        if (in == 2) {
            return;
        }
        smallRowTerm(from, to, below, sums, first, dk, rate, 2, zeros);
        if (in == 3) {
            return;
        }
        smallRowTerm(from, to, below, sums, first, dk, rate, 3, zeros);
    }

    // Input i of a row: its share W_ki·δ_k of the δ below (from the weight before the update), then the update.
    private static void smallRowTerm(double[] from, double[] to, double[] below, double @Nullable [] sums, boolean first,
                                     double dk, double rate, int i, boolean zeros) {
        double w = from[i];
        if (sums != null) {
            sums[i] = (first ? 0.0 : sums[i]) + w * dk;
        }
        to[i] = Kernels.descendOneSample(w, rate, dk, below[i], zeros);
    }

    // Batch size > 1: δ with the weights as they were, and ∂L/∂W_ki = δ_k·a_i, ∂L/∂b_k = δ_k summed over the batch.
    private void backwardAndAccumulate(double[] x, double[] y) {
        double[][][] w = weights();
        int out = depth - 1;
        outputDeltas(loss, a[out], slope[out], y, delta[out], n[out]);
        for (int l = out; l >= 1; l--) {
            int size = n[l];
            int in = n[l - 1];
            double[][] wl = w[l];
            double[][] g = gw[l];
            double[] gbl = gb[l];
            double[] dl = delta[l];
            double[] below = l == 1 ? x : a[l - 1];
            if (byInput[l]) {
                // the first layer: no δ below; the gradients input by input, across the neurons
                for (int i = 0; i < in; i++) {
                    double[] grow = g[i];
                    double ai = below[i];
                    for (int k = 0; k < size; k++) {
                        grow[k] += dl[k] * ai;
                    }
                }
                for (int k = 0; k < size; k++) {
                    gbl[k] += dl[k];
                }
                continue;
            }
            double[] sums = l == 1 ? null : delta[l - 1];
            if (sums != null) {
                Arrays.fill(sums, 0, in, 0.0);
            }
            for (int k = 0; k < size; k++) {
                double[] row = wl[k];
                double[] grow = g[k];
                double dk = dl[k];
                if (sums != null) {
                    for (int i = 0; i < in; i++) {
                        sums[i] += row[i] * dk;
                    }
                }
                for (int i = 0; i < in; i++) {
                    grow[i] += dk * below[i];
                }
                gbl[k] += dk;
            }
            if (sums != null) {
                Kernels.timesDerivative(sums, slope[l - 1], in);
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

    // W ← W − α·(Σ_batch ∂L/∂W)/m, into the working arrays (element by element, so either layout).
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
            if (copied[l]) {
                double[][] srcT = copies()[l];
                double[][] dstT = workT[l];
                for (int i = 0; i < srcT.length; i++) {
                    for (int k = 0; k < srcT[i].length; k++) {
                        dstT[i][k] = Kernels.descend(srcT[i][k], alpha, g[k][i] / m);
                    }
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

    // ---------------------------------------------------------------- the other update rules

    private void clearState() {
        steps = 0;
        if (optimizer == null) {
            return;
        }
        for (int l = 1; l < depth; l++) {
            for (double[] row : stateW1[l]) {
                Arrays.fill(row, 0.0);
            }
            for (double[] row : stateW2[l]) {
                Arrays.fill(row, 0.0);
            }
            Arrays.fill(stateB1[l], 0.0);
            Arrays.fill(stateB2[l], 0.0);
        }
    }

    // Every batch from sample `from`: its gradients summed over its samples, then the rule's step.
    private void optimizerBatches(int from) {
        double[][] xs = inputs;
        double[][] ys = targets;
        int count = xs.length;
        for (int start = from; start < count; start += batchSize) {
            int end = Math.min(start + batchSize, count);
            clearGradients();
            steps++;
            if (updatedRule) {
                forward(xs[start]);
                backwardStepByStep(xs[start], ys[start]);
                continue;
            }
            for (int s = start; s < end; s++) {
                forward(xs[s]);
                backwardAndAccumulate(xs[s], ys[s]);
            }
            for (int l = 1; l < depth; l++) {
                optimizerStep(l, end - start);
            }
            pristine = false;
        }
    }

    // The "updated" rule (batch size 1): each layer's gradients and step, output layer first, then the δ
    // below it from the weights just updated: δ_i = (Σ_k W_ki·δ_k, from 0 in k order) ⊙ f′.
    private void backwardStepByStep(double[] x, double[] y) {
        int out = depth - 1;
        outputDeltas(loss, a[out], slope[out], y, delta[out], n[out]);
        for (int l = out; l >= 1; l--) {
            int size = n[l];
            int in = n[l - 1];
            double[] below = l == 1 ? x : a[l - 1];
            double[] dl = delta[l];
            double[][] g = gw[l];
            for (int k = 0; k < size; k++) {
                for (int i = 0; i < in; i++) {
                    // the batch mean (0 + δ·a)/1, laid out as the weights are
                    if (byInput[l]) {
                        g[i][k] += dl[k] * below[i];
                    } else {
                        g[k][i] += dl[k] * below[i];
                    }
                }
                gb[l][k] += dl[k];
            }
            optimizerStep(l, 1);
            if (l > 1) {
                // row-major (only the first layer is input-major); the new rows are in workW
                double[] sums = delta[l - 1];
                Arrays.fill(sums, 0, in, 0.0);
                double[][] rows = workW[l];
                for (int k = 0; k < size; k++) {
                    double dk = dl[k];
                    double[] row = rows[k];
                    for (int i = 0; i < in; i++) {
                        sums[i] += row[i] * dk;
                    }
                }
                Kernels.timesDerivative(sums, slope[l - 1], in);
            }
        }
        pristine = false;
    }

    /**
     * The rule's step for layer l after a batch of m samples: each weight's gradient is its sum over
     * the batch divided by m, as the traced path's batch mean; with weight decay g = ∂L/∂θ + λ·θ; then
     * the rule (see {@link Optimizer}), in Kernels' formulas. Reads the current weights (the loaded
     * ones until the first update), writes the working arrays, and the copy of a copied layer from them.
     */
    private void optimizerStep(int l, int m) {
        Optimizer o = java.util.Objects.requireNonNull(optimizer);
        double[][] src = weights()[l];
        double[][] dst = workW[l];
        double[][] g = gw[l];
        int t = steps;
        for (int k = 0; k < src.length; k++) {
            ruleRow(o, t, src[k], dst[k], g[k], stateW1[l][k], stateW2[l][k], src[k].length, m);
        }
        if (copied[l]) {
            double[][] dstT = workT[l];
            for (int k = 0; k < dst.length; k++) {
                double[] row = dst[k];
                for (int i = 0; i < row.length; i++) {
                    dstT[i][k] = row[i];
                }
            }
        }
        if (updateBiases) {
            ruleRow(o, t, biases()[l], workB[l], gb[l], stateB1[l], stateB2[l], n[l], m);
        }
    }

    // One array of parameters under the rule, t being the step's number from 1; the switch outside the loops.
    private void ruleRow(Optimizer o, int t, double[] from, double[] to, double[] sum, double[] s1, double[] s2, int len,
                         int m) {
        double rate = alpha;
        double lambda = o.weightDecay();
        boolean decays = o.decays();
        switch (o.kind()) {
            case SGD -> {
                for (int i = 0; i < len; i++) {
                    double theta = from[i];
                    double g = sum[i] / m;
                    g = decays ? Kernels.decayed(g, lambda, theta) : g;
                    to[i] = Kernels.descend(theta, rate, g);
                }
            }
            case MOMENTUM, NESTEROV -> {
                double mu = o.momentum();
                boolean nesterov = o.kind() == Optimizer.Kind.NESTEROV;
                for (int i = 0; i < len; i++) {
                    double theta = from[i];
                    double g = sum[i] / m;
                    g = decays ? Kernels.decayed(g, lambda, theta) : g;
                    // the buffer starts as the first gradient itself (PyTorch), then μ·b + g
                    double b = t == 1 ? g : Kernels.momentumBuffer(s1[i], mu, g);
                    s1[i] = b;
                    to[i] = Kernels.descend(theta, rate, nesterov ? Kernels.nesterovDirection(g, mu, b) : b);
                }
            }
            case RMSPROP -> {
                double rho = o.alpha();
                double keep = 1 - rho;
                double eps = o.epsilon();
                for (int i = 0; i < len; i++) {
                    double theta = from[i];
                    double g = sum[i] / m;
                    g = decays ? Kernels.decayed(g, lambda, theta) : g;
                    double sq = Kernels.movingAverage(s1[i], rho, keep, Kernels.square(g));
                    s1[i] = sq;
                    to[i] = Kernels.adaptiveStep(theta, rate, g, sq, eps);
                }
            }
            case ADAM -> {
                double b1 = o.beta1();
                double b2 = o.beta2();
                double keep1 = 1 - b1;
                double keep2 = 1 - b2;
                double c1 = Kernels.correction(b1, t);
                double c2 = Kernels.correction(b2, t);
                double eps = o.epsilon();
                for (int i = 0; i < len; i++) {
                    double theta = from[i];
                    double g = sum[i] / m;
                    g = decays ? Kernels.decayed(g, lambda, theta) : g;
                    double mt = Kernels.movingAverage(s1[i], b1, keep1, g);
                    double vt = Kernels.movingAverage(s2[i], b2, keep2, Kernels.square(g));
                    s1[i] = mt;
                    s2[i] = vt;
                    to[i] = Kernels.adaptiveStep(theta, rate, Kernels.corrected(mt, c1), Kernels.corrected(vt, c2), eps);
                }
            }
        }
    }
}
