package dev.backprop.engine.train;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.trace.LayerUpdate;
import dev.backprop.engine.trace.Operand;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Solves a problem: works the first update step by step (the trace), then trains for the
 * remaining batches and epochs — on the fast path, or in exact decimals when a rounding rule is
 * in force.
 *
 * <pre>{@code
 * Solution s = Solver.solve(problem);
 * double d = s.firstUpdate().step("delta[2][0]").orElseThrow().value();
 * }</pre>
 */
public final class Solver {
    private Solver() {
    }

    /**
     * Solves the problem. Throws {@link ProblemException} naming the field when the problem is
     * inconsistent, or when training meets ln 0 or diverges (naming the epoch and the quantity).
     */
    public static Solution solve(Problem p) {
        p.validate();
        Arith arith = p.roundingRule().<Arith>map(ExactArith::new).orElse(PlainArith.INSTANCE);
        int epoch = 1;
        try {
            List<Step> steps = new ArrayList<>();
            int count = p.samples().size();
            int m = p.effectiveBatchSize();

            // Forward pass of the first batch, worked.
            Pass[] batch = new Pass[m];
            for (int s = 0; s < m; s++) {
                batch[s] = forward(p.network(), p.samples().get(s), s, p.given(), arith, steps);
                requireFiniteBeforeTraining(batch[s]);
            }
            double[] sampleLoss = new double[count];
            for (int s = 0; s < m; s++) {
                sampleLoss[s] = sampleLoss(p, batch[s], s, arith, steps);
            }
            for (int s = m; s < count; s++) {
                Pass pass = forward(p.network(), p.samples().get(s), s, Map.of(), arith, null);
                requireFiniteBeforeTraining(pass);
                sampleLoss[s] = arith.sampleLoss(p.loss(), pass.output(), p.samples().get(s).target());
            }
            double lossBefore = arith.mean(sampleLoss);
            if (count > 1) {
                List<Operand> ops = new ArrayList<>();
                for (int s = 0; s < count; s++) {
                    ops.add(new Operand(Quantity.loss().ofSample(s), sampleLoss[s]));
                }
                steps.add(new Step.DatasetLoss(Quantity.lossBefore(), ops, lossBefore));
            }
            if (!Double.isFinite(lossBefore)) {
                throw notFinite(p, p.network(), 0, "before training", arith);
            }

            // Backward pass and update, worked.
            List<LayerUpdate> layers = new ArrayList<>();
            Network after = update(p, p.network(), batch, arith, steps, layers);

            // The data-set loss after the first update.
            double[] lossAfterSample = new double[count];
            Pass[] afterPasses = new Pass[count];
            for (int s = 0; s < count; s++) {
                afterPasses[s] = forward(after, p.samples().get(s), s, Map.of(), arith, null);
                NonFinite bad = afterPasses[s].firstNonFinite();
                if (bad != null) {
                    throw diverged(1, bad.what() + " after the first update", bad.value());
                }
                lossAfterSample[s] = arith.sampleLoss(p.loss(), afterPasses[s].output(), p.samples().get(s).target());
            }
            double lossAfterFirst = arith.mean(lossAfterSample);
            int out = p.network().depth() - 1;
            if (count == 1) {
                List<Operand> outs = new ArrayList<>();
                for (int j = 0; j < afterPasses[0].output().length; j++) {
                    outs.add(new Operand(Quantity.aAfter(out, j), afterPasses[0].output()[j]));
                }
                steps.add(new Step.SampleLoss(Quantity.lossAfter(), p.loss(), outs,
                        targets(p.samples().get(0), 0), lossAfterFirst));
            } else {
                List<Operand> ops = new ArrayList<>();
                for (int s = 0; s < count; s++) {
                    ops.add(new Operand(Quantity.sampleLossAfter(s), lossAfterSample[s]));
                }
                steps.add(new Step.DatasetLoss(Quantity.lossAfter(), ops, lossAfterFirst));
            }
            for (Step st : steps) {
                if (!Double.isFinite(st.value()) && st.quantity().kind() == Quantity.Kind.LOSS_AFTER) {
                    throw notFinite(p, after, 1, "after the first update", arith);
                }
                NonFinite bad = firstNonFinite(st);
                if (bad != null) {
                    throw diverged(1, bad.what(), bad.value());
                }
            }
            Trace trace = new Trace(layers, steps);

            // The rest of training.
            double[] history = new double[p.epochs()];
            Network last;
            if (arith instanceof ExactArith) {
                last = after;
                for (epoch = 1; epoch <= p.epochs(); epoch++) {
                    for (int start = epoch == 1 ? m : 0; start < count; start += m) {
                        int end = Math.min(start + m, count);
                        Pass[] passes = new Pass[end - start];
                        for (int s = start; s < end; s++) {
                            passes[s - start] = forward(last, p.samples().get(s), s, Map.of(), arith, null);
                        }
                        last = update(p, last, passes, arith, null, null);
                        Quantity bad = firstNonFinite(last);
                        if (bad != null) {
                            throw diverged(epoch, bad.key(), parameter(last, bad));
                        }
                    }
                    history[epoch - 1] = epoch == 1 && m >= count ? lossAfterFirst : datasetLoss(p, last, arith);
                    if (!Double.isFinite(history[epoch - 1])) {
                        throw notFinite(p, last, epoch, "after epoch " + epoch, arith);
                    }
                }
            } else {
                Trainer t = Trainer.of(p.withNetwork(after));
                for (epoch = 1; epoch <= p.epochs(); epoch++) {
                    t.batchesFrom(epoch == 1 ? Math.min(m, count) : 0);
                    // A weight that stopped being a number stays one, yet a relu after it can hide it
                    // from the loss (NaN → 0): the parameters themselves are checked after each epoch.
                    var bad = t.firstNonFinite();
                    if (bad.isPresent()) {
                        throw diverged(epoch, bad.get().key(), parameter(t.network(), bad.get()));
                    }
                    history[epoch - 1] = t.loss();
                    if (!Double.isFinite(history[epoch - 1])) {
                        throw notFinite(p, t.network(), epoch, "after epoch " + epoch, arith);
                    }
                }
                last = t.network();
            }
            return new Solution(p, lossBefore, history, trace, last);
        } catch (ExactArith.NonFiniteException e) {
            throw diverged(epoch, "a value", Double.POSITIVE_INFINITY);
        }
    }

    /** The data-set loss of a network: the mean over the samples of the per-sample loss. */
    static double datasetLoss(Problem p, Network net, Arith arith) {
        double[] losses = new double[p.samples().size()];
        for (int s = 0; s < losses.length; s++) {
            Pass pass = forward(net, p.samples().get(s), s, Map.of(), arith, null);
            losses[s] = arith.sampleLoss(p.loss(), pass.output(), p.samples().get(s).target());
        }
        return arith.mean(losses);
    }

    /**
     * One sample's activations, z and activation derivatives f′ for every layer; index 0 is the
     * input. f′ is {@link Arith#derivative} where z and a were computed, and written in a (as on
     * paper) where the exercise gives z or a; softmax layers have none.
     */
    record Pass(int sample, double[][] z, double[][] a, double[][] derivative) {
        double[] output() {
            return a[a.length - 1];
        }

        /** The first z or a of this sample that is not a finite number (a relu would hide a NaN z), or null. */
        @Nullable NonFinite firstNonFinite() {
            for (int l = 1; l < a.length; l++) {
                for (int j = 0; j < a[l].length; j++) {
                    if (!Double.isFinite(z[l][j])) {
                        return new NonFinite("z[" + l + "][" + j + "] of samples[" + sample + "]", z[l][j]);
                    }
                    if (!Double.isFinite(a[l][j])) {
                        return new NonFinite("a[" + l + "][" + j + "] of samples[" + sample + "]", a[l][j]);
                    }
                }
            }
            return null;
        }
    }

    /** A number that is not finite: what it is, in words ({@code delta[1][0]}, {@code Σ W·δ for delta[1][0]}), and its value. */
    record NonFinite(String what, double value) {
    }

    /**
     * The first number a worked step shows that is not finite: its value, or a factor it writes out
     * (Σ W·δ, ∂L/∂a, f′), which the page and the exports would otherwise print as ∞ or NaN.
     */
    static @Nullable NonFinite firstNonFinite(Step step) {
        String key = step.quantity().key();
        if (!Double.isFinite(step.value())) {
            return new NonFinite(key, step.value());
        }
        if (step instanceof Step.HiddenDelta h) {
            if (!Double.isFinite(h.weightedError())) {
                return new NonFinite("Σ W·δ for " + key, h.weightedError());
            }
            if (!Double.isFinite(h.activationDerivative())) {
                return new NonFinite("f′ for " + key, h.activationDerivative());
            }
        } else if (step instanceof Step.OutputDelta o) {
            if (!Double.isFinite(o.lossGradient())) {
                return new NonFinite("∂L/∂a for " + key, o.lossGradient());
            }
            if (!Double.isFinite(o.activationDerivative())) {
                return new NonFinite("f′ for " + key, o.activationDerivative());
            }
        }
        return null;
    }

    /** A sample's forward pass before training must be finite: otherwise the given weights or inputs are too large. */
    private static void requireFiniteBeforeTraining(Pass pass) {
        NonFinite bad = pass.firstNonFinite();
        if (bad != null) {
            throw ProblemException.of("layers", bad.what() + (Double.isNaN(bad.value()) ? " is not a number (NaN)" : " overflows")
                    + " before training: the weights or inputs are too large for double precision");
        }
    }

    /** The weight or bias a parameter quantity names. */
    private static double parameter(Network net, Quantity q) {
        Layer layer = net.layer(q.layer());
        return q.kind() == Quantity.Kind.W ? layer.weight(q.row(), q.col()) : layer.bias(q.row());
    }

    // z_j = Σ_i W_ji·a_i + b_j, then a = f(z); a given z or a replaces the computed one.
    static Pass forward(Network net, Sample sample, int s, Map<Quantity, Double> given, Arith arith,
                        @Nullable List<Step> steps) {
        int depth = net.depth();
        double[][] z = new double[depth][];
        double[][] a = new double[depth][];
        double[][] d = new double[depth][];
        z[0] = new double[0];
        a[0] = sample.input();
        d[0] = new double[0];
        for (int l = 1; l < depth; l++) {
            Layer layer = net.layer(l);
            int size = layer.size();
            z[l] = new double[size];
            a[l] = new double[size];
            d[l] = new double[size];
            double[][] w = layer.weights();
            boolean softmax = layer.activation() == Activation.SOFTMAX;
            for (int j = 0; j < size; j++) {
                Quantity qz = Quantity.z(l, j).ofSample(s);
                Double gz = given.get(Quantity.z(l, j));
                if (gz != null) {
                    z[l][j] = gz;
                    record(steps, () -> new Step.Given(qz, gz));
                } else {
                    z[l][j] = arith.weightedSum(w[j], a[l - 1], layer.bias(j));
                    if (steps != null) {
                        List<Operand> ws = new ArrayList<>();
                        List<Operand> xs = new ArrayList<>();
                        for (int i = 0; i < w[j].length; i++) {
                            ws.add(new Operand(Quantity.wOld(l, j, i), w[j][i]));
                            xs.add(new Operand(Quantity.a(l - 1, i).ofSample(s), a[l - 1][i]));
                        }
                        steps.add(new Step.WeightedSum(qz, ws, xs, new Operand(Quantity.bOld(l, j), layer.bias(j)), z[l][j]));
                    }
                }
                if (!softmax) {
                    activate(layer.activation(), l, j, s, z[l], a[l], given, arith, steps);
                    // f′ as the contract has it: from a given value as written, else as the arithmetic takes it
                    Activation f = layer.activation();
                    d[l][j] = gz != null || given.containsKey(Quantity.a(l, j))
                            ? f.derivative(a[l][j]) : arith.derivative(f, z[l][j], a[l][j]);
                }
            }
            if (softmax) {
                double[] soft = arith.softmax(z[l]);
                List<Operand> zs = new ArrayList<>();
                for (int k = 0; k < size; k++) {
                    zs.add(new Operand(Quantity.z(l, k).ofSample(s), z[l][k]));
                }
                for (int j = 0; j < size; j++) {
                    Double ga = given.get(Quantity.a(l, j));
                    Quantity qa = Quantity.a(l, j).ofSample(s);
                    if (ga != null) {
                        a[l][j] = ga;
                        record(steps, () -> new Step.Given(qa, ga));
                    } else {
                        a[l][j] = soft[j];
                        final int jj = j;
                        record(steps, () -> new Step.Softmax(qa, zs.get(jj), zs, soft[jj]));
                    }
                }
            }
        }
        return new Pass(s, z, a, d);
    }

    private static void activate(Activation f, int l, int j, int s, double[] z, double[] a,
                                 Map<Quantity, Double> given, Arith arith, @Nullable List<Step> steps) {
        Quantity qa = Quantity.a(l, j).ofSample(s);
        Double ga = given.get(Quantity.a(l, j));
        if (ga != null) {
            a[j] = ga;
            record(steps, () -> new Step.Given(qa, ga));
        } else {
            a[j] = arith.activate(f, z[j]);
            double value = a[j];
            record(steps, () -> new Step.Activate(qa, f, new Operand(Quantity.z(l, j).ofSample(s), z[j]), value));
        }
    }

    private static double sampleLoss(Problem p, Pass pass, int s, Arith arith, List<Step> steps) {
        double[] y = p.samples().get(s).target();
        double value = arith.sampleLoss(p.loss(), pass.output(), y);
        int out = pass.a().length - 1;
        List<Operand> outs = new ArrayList<>();
        for (int j = 0; j < y.length; j++) {
            outs.add(new Operand(Quantity.a(out, j).ofSample(s), pass.output()[j]));
        }
        steps.add(new Step.SampleLoss(Quantity.loss().ofSample(s), p.loss(), outs, targets(p.samples().get(s), s), value));
        return value;
    }

    private static List<Operand> targets(Sample sample, int s) {
        List<Operand> ys = new ArrayList<>();
        for (int j = 0; j < sample.targetSize(); j++) {
            ys.add(new Operand(Quantity.target(j).ofSample(s), sample.target(j)));
        }
        return ys;
    }

    /**
     * Backward pass and gradient-descent update for one batch, output layer first: the layer's δ,
     * then ∂L/∂W = mean δ·a and ∂L/∂b = mean δ, then W − α·∂L/∂W. Returns the updated network.
     */
    static Network update(Problem p, Network net, Pass[] batch, Arith arith, @Nullable List<Step> steps,
                          @Nullable List<LayerUpdate> layers) {
        int depth = net.depth();
        int out = depth - 1;
        int m = batch.length;
        boolean updatedRule = p.hiddenDeltaWeights() == HiddenDeltaWeights.UPDATED;
        Loss loss = p.loss();
        double alpha = p.learningRate();
        double[][][] delta = new double[m][depth][];
        double[][][] wNew = new double[depth][][];
        double[][] bNew = new double[depth][];
        double[][][] gW = new double[depth][][];
        double[][] gB = new double[depth][];
        Layer[] old = new Layer[depth];
        for (int l = 1; l < depth; l++) {
            old[l] = net.layer(l);
        }
        for (int l = out; l >= 1; l--) {
            Layer layer = old[l];
            Activation f = layer.activation();
            int size = layer.size();
            for (int s = 0; s < m; s++) {
                int sample = batch[s].sample();
                double[] al = batch[s].a()[l];
                double[] fl = batch[s].derivative()[l];
                delta[s][l] = new double[size];
                for (int j = 0; j < size; j++) {
                    Quantity qd = Quantity.delta(l, j).ofSample(sample);
                    if (l == out) {
                        double y = p.samples().get(sample).target(j);
                        double d = arith.outputDelta(loss, f, al[j], fl[j], y, size);
                        delta[s][l][j] = d;
                        if (steps != null) {
                            boolean direct = loss.deltaIsOutputMinusTarget();
                            steps.add(new Step.OutputDelta(qd, loss, f,
                                    new Operand(Quantity.a(l, j).ofSample(sample), al[j]),
                                    new Operand(Quantity.target(j).ofSample(sample), y), size,
                                    direct ? al[j] - y : loss.outputGradient(al[j], y, size),
                                    direct ? 1.0 : fl[j], d));
                        }
                    } else {
                        // δ_j = (Σ_k W_kj·δ_k) ⊙ f'(z_j), with W of layer l+1 before or after its update
                        int above = old[l + 1].size();
                        double[] wCol = new double[above];
                        for (int k = 0; k < above; k++) {
                            wCol[k] = updatedRule ? wNew[l + 1][k][j] : old[l + 1].weight(k, j);
                        }
                        double d = arith.hiddenDelta(wCol, delta[s][l + 1], f, al[j], fl[j]);
                        delta[s][l][j] = d;
                        if (steps != null) {
                            List<Operand> ws = new ArrayList<>();
                            List<Operand> ds = new ArrayList<>();
                            for (int k = 0; k < above; k++) {
                                ws.add(new Operand(updatedRule ? Quantity.w(l + 1, k, j) : Quantity.wOld(l + 1, k, j), wCol[k]));
                                ds.add(new Operand(Quantity.delta(l + 1, k).ofSample(sample), delta[s][l + 1][k]));
                            }
                            steps.add(new Step.HiddenDelta(qd, ws, ds, f,
                                    new Operand(Quantity.a(l, j).ofSample(sample), al[j]),
                                    Kernels.dot(wCol, 0, delta[s][l + 1], 0, above), fl[j], d));
                        }
                    }
                }
            }
            // Gradients: the batch mean of δ_j·a_i and of δ_j.
            int in = layer.inputs();
            gW[l] = new double[size][in];
            gB[l] = new double[size];
            double[] ds = new double[m];
            double[] as = new double[m];
            for (int j = 0; j < size; j++) {
                for (int s = 0; s < m; s++) {
                    ds[s] = delta[s][l][j];
                }
                for (int i = 0; i < in; i++) {
                    for (int s = 0; s < m; s++) {
                        as[s] = batch[s].a()[l - 1][i];
                    }
                    gW[l][j][i] = arith.meanProduct(ds, as);
                    if (steps != null) {
                        List<Operand> dOps = new ArrayList<>();
                        List<Operand> aOps = new ArrayList<>();
                        for (int s = 0; s < m; s++) {
                            dOps.add(new Operand(Quantity.delta(l, j).ofSample(batch[s].sample()), ds[s]));
                            aOps.add(new Operand(Quantity.a(l - 1, i).ofSample(batch[s].sample()), as[s]));
                        }
                        steps.add(new Step.WeightGradient(Quantity.dW(l, j, i), dOps, aOps, gW[l][j][i]));
                    }
                }
                gB[l][j] = arith.mean(ds);
                if (steps != null) {
                    List<Operand> dOps = new ArrayList<>();
                    for (int s = 0; s < m; s++) {
                        dOps.add(new Operand(Quantity.delta(l, j).ofSample(batch[s].sample()), ds[s]));
                    }
                    steps.add(new Step.BiasGradient(Quantity.db(l, j), dOps, gB[l][j]));
                }
            }
            // Update: θ − α·∂L/∂θ.
            wNew[l] = new double[size][in];
            bNew[l] = new double[size];
            Operand alphaOp = new Operand(Quantity.alpha(), alpha);
            for (int j = 0; j < size; j++) {
                for (int i = 0; i < in; i++) {
                    double w0 = layer.weight(j, i);
                    wNew[l][j][i] = arith.update(w0, alpha, gW[l][j][i]);
                    if (steps != null) {
                        steps.add(new Step.Update(Quantity.w(l, j, i), new Operand(Quantity.wOld(l, j, i), w0), alphaOp,
                                new Operand(Quantity.dW(l, j, i), gW[l][j][i]), wNew[l][j][i]));
                    }
                }
            }
            for (int j = 0; j < size; j++) {
                double b0 = layer.bias(j);
                if (p.updateBiases()) {
                    bNew[l][j] = arith.update(b0, alpha, gB[l][j]);
                    if (steps != null) {
                        steps.add(new Step.Update(Quantity.b(l, j), new Operand(Quantity.bOld(l, j), b0), alphaOp,
                                new Operand(Quantity.db(l, j), gB[l][j]), bNew[l][j]));
                    }
                } else {
                    bNew[l][j] = b0;
                    if (steps != null) {
                        steps.add(new Step.Unchanged(Quantity.b(l, j), new Operand(Quantity.bOld(l, j), b0), b0));
                    }
                }
            }
        }
        List<Layer> updated = new ArrayList<>();
        for (int l = 1; l < depth; l++) {
            updated.add(new Layer(old[l].activation(), wNew[l], bNew[l]));
        }
        if (layers != null) {
            layers.add(LayerUpdate.input(batch[0].a()[0]));
            for (int l = 1; l < depth; l++) {
                layers.add(new LayerUpdate(batch[0].z()[l], batch[0].a()[l], delta[0][l], gW[l], gB[l], wNew[l], bNew[l]));
            }
        }
        return Network.of(net.inputSize(), updated);
    }

    private static void record(@Nullable List<Step> steps, java.util.function.Supplier<Step> step) {
        if (steps != null) {
            steps.add(step.get());
        }
    }

    private static ProblemException diverged(int epoch, String quantity, double value) {
        return ProblemException.of("learningRate", "training diverged in epoch " + epoch + ": " + quantity + " "
                + describe(value) + "; try a smaller learning rate");
    }

    /** How a value that is not finite is said in a message. */
    private static String describe(double value) {
        return Double.isNaN(value) ? "is not a number (NaN)" : "is no longer a finite number";
    }

    /** The first weight or bias of the network that is not a finite number, or null. */
    private static @Nullable Quantity firstNonFinite(Network net) {
        for (int l = 1; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            for (int j = 0; j < layer.size(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    if (!Double.isFinite(layer.weight(j, i))) {
                        return Quantity.w(l, j, i);
                    }
                }
                if (!Double.isFinite(layer.bias(j))) {
                    return Quantity.b(l, j);
                }
            }
        }
        return null;
    }

    // The loss is not a finite number (epoch 0: before training). Either a cross-entropy met ln 0
    // (field "loss", naming the output and sample), or the outputs overflowed: divergence, or before
    // training a network too large to evaluate.
    private static ProblemException notFinite(Problem p, Network net, int epoch, String when, Arith arith) {
        int out = net.depth() - 1;
        boolean logarithm = p.loss() == Loss.BINARY_CROSS_ENTROPY || p.loss() == Loss.CROSS_ENTROPY;
        String overflow = null;
        for (int s = 0; s < p.samples().size(); s++) {
            Sample sample = p.samples().get(s);
            Pass pass = forward(net, sample, s, s == 0 && epoch == 0 ? p.given() : Map.of(), arith, null);
            for (int j = 0; j < sample.targetSize(); j++) {
                double a = pass.output()[j];
                double y = sample.target(j);
                if (!Double.isFinite(a)) {
                    if (overflow == null) {
                        overflow = "a[" + out + "][" + j + "] of samples[" + s + "]";
                    }
                } else if (logarithm && ((a <= 0 && y != 0) || (p.loss() == Loss.BINARY_CROSS_ENTROPY && a >= 1 && y != 1))) {
                    return ProblemException.of("loss", "the " + p.loss().id() + " loss is infinite " + when
                            + ": it takes ln 0 because a[" + out + "][" + j + "] = " + a + " for samples[" + s
                            + "], whose target is " + y);
                }
            }
            if (overflow == null && !Double.isFinite(arith.sampleLoss(p.loss(), pass.output(), sample.target()))) {
                overflow = "the loss of samples[" + s + "]";
            }
        }
        String quantity = overflow != null ? overflow : "the loss";
        if (epoch == 0) {
            return ProblemException.of("layers", "the loss is not a finite number before training: " + quantity
                    + " overflows; the weights or inputs are too large");
        }
        return diverged(epoch, quantity, Double.POSITIVE_INFINITY);
    }
}
