package dev.backprop.engine.train;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Optimizer;
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
            int worked = p.workedUpdates();
            State state = new State(p.network());
            List<LayerUpdate> layers = new ArrayList<>();
            Network net = p.network();
            Network after = net;
            double lossBefore = Double.NaN;
            double lossAfterFirst = Double.NaN;
            List<Network> workedNets = new ArrayList<>();
            for (int t = 1; t <= worked; t++) {
                // Update t, worked: its batch's forward pass and losses, then the backward pass and the update.
                int start = p.batchStart(t);
                int len = p.batchLength(t);
                Map<Quantity, Double> given = t == 1 ? p.given() : Map.of();
                Pass[] batch = new Pass[len];
                for (int k = 0; k < len; k++) {
                    batch[k] = forward(net, p.samples().get(start + k), start + k, t, !p.updateBiases(), given, arith, steps);
                    if (t == 1) {
                        requireFiniteBeforeTraining(batch[k]);
                    }
                }
                double[] sampleLoss = new double[count];
                for (int k = 0; k < len; k++) {
                    sampleLoss[start + k] = sampleLoss(p, batch[k], start + k, t, arith, steps);
                }
                if (t == 1) {
                    lossBefore = lossBefore(p, sampleLoss, len, arith, steps);
                }
                net = update(p, net, batch, arith, steps, t == 1 ? layers : null, state, t);
                workedNets.add(net);
                if (t == 1) {
                    after = net;
                    lossAfterFirst = lossAfter(p, after, arith, steps);
                }
            }
            for (Step st : steps) {
                if (!Double.isFinite(st.value()) && st.quantity().kind() == Quantity.Kind.LOSS_AFTER) {
                    throw notFinite(p, after, 1, "after the first update", arith);
                }
                NonFinite bad = firstNonFinite(st);
                if (bad != null) {
                    throw diverged(p.epochOf(st.quantity().update()), bad.what(), bad.value());
                }
            }
            Trace trace = new Trace(layers, steps);

            // The rest of training.
            double[] history = new double[p.epochs()];
            Network last;
            if (arith instanceof ExactArith) {
                // Worked updates first (their networks known), then on in exact decimals with the same state.
                last = p.network();
                int batches = p.batchesPerEpoch();
                long total = p.updateCount();
                for (int t = 1; t <= total; t++) {
                    epoch = p.epochOf(t);
                    if (t <= worked) {
                        last = workedNets.get(t - 1);
                    } else {
                        int start = p.batchStart(t);
                        Pass[] passes = new Pass[p.batchLength(t)];
                        for (int k = 0; k < passes.length; k++) {
                            passes[k] = forward(last, p.samples().get(start + k), start + k, t, Map.of(), arith, null);
                        }
                        last = update(p, last, passes, arith, null, null, state, t);
                        Quantity bad = firstNonFinite(last);
                        if (bad != null) {
                            throw diverged(epoch, bad.key(), parameter(last, bad));
                        }
                    }
                    if (t % batches == 0) {
                        history[epoch - 1] = t == 1 ? lossAfterFirst : datasetLoss(p, last, arith);
                        if (!Double.isFinite(history[epoch - 1])) {
                            throw notFinite(p, last, epoch, "after epoch " + epoch, arith);
                        }
                    }
                }
            } else {
                // The fast path trains from the start (its updates are the traced path's, bit for bit); with
                // stated values there is one sample and one epoch, so training is the worked update.
                boolean stated = !p.given().isEmpty();
                Trainer t = Trainer.of(stated ? p.withNetwork(after) : p);
                for (epoch = 1; epoch <= p.epochs(); epoch++) {
                    if (!stated) {
                        t.epoch();
                    }
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

    /**
     * The data-set loss before training, from the first batch's losses (worked) and the other samples'
     * (not worked), with the mean worked as a step when there are several samples.
     */
    private static double lossBefore(Problem p, double[] sampleLoss, int len, Arith arith, List<Step> steps) {
        int count = p.samples().size();
        for (int s = len; s < count; s++) {
            Pass pass = forward(p.network(), p.samples().get(s), s, 1, Map.of(), arith, null);
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
        return lossBefore;
    }

    /** The data-set loss after the first update, worked as a step. */
    private static double lossAfter(Problem p, Network after, Arith arith, List<Step> steps) {
        int count = p.samples().size();
        double[] lossAfterSample = new double[count];
        Pass[] afterPasses = new Pass[count];
        for (int s = 0; s < count; s++) {
            afterPasses[s] = forward(after, p.samples().get(s), s, 1, Map.of(), arith, null);
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
        return lossAfterFirst;
    }

    /** The data-set loss of a network: the mean over the samples of the per-sample loss. */
    static double datasetLoss(Problem p, Network net, Arith arith) {
        double[] losses = new double[p.samples().size()];
        for (int s = 0; s < losses.length; s++) {
            Pass pass = forward(net, p.samples().get(s), s, 1, Map.of(), arith, null);
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
        } else if (step instanceof Step.AdaptiveUpdate u && !Double.isFinite(u.root())) {
            return new NonFinite("√ for " + key, u.root());
        } else if (step instanceof Step.NesterovUpdate u && !Double.isFinite(u.direction())) {
            return new NonFinite("g + μ·b for " + key, u.direction());
        } else if (step instanceof Step.BiasCorrection c && !Double.isFinite(c.correction())) {
            return new NonFinite("1 − βᵗ for " + key, c.correction());
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

    /** The key of weight W[l][j][i] as update t reads it: as it was before training, or after update t − 1. */
    static Quantity weightBefore(int l, int j, int i, int t) {
        return t == 1 ? Quantity.wOld(l, j, i) : Quantity.w(l, j, i).ofUpdate(t - 1);
    }

    /** The key of bias b[l][j] as update t reads it; a bias kept fixed is its value before training in every update. */
    static Quantity biasBefore(int l, int j, int t, boolean fixed) {
        return t == 1 || fixed ? Quantity.bOld(l, j) : Quantity.b(l, j).ofUpdate(t - 1);
    }

    /** The key of activation a[l][i] of sample s in update t; an input (layer 0) is the sample's own, in every update. */
    private static Quantity activation(int l, int i, int s, int t) {
        Quantity a = Quantity.a(l, i).ofSample(s);
        return l == 0 ? a : a.ofUpdate(t);
    }

    // z_j = Σ_i W_ji·a_i + b_j, then a = f(z); a given z or a replaces the computed one. The steps are
    // update t's (from 1).
    static Pass forward(Network net, Sample sample, int s, int t, Map<Quantity, Double> given, Arith arith,
                        @Nullable List<Step> steps) {
        return forward(net, sample, s, t, false, given, arith, steps);
    }

    /** {@link #forward(Network, Sample, int, int, Map, Arith, List)} with biases kept fixed ({@code fixedBiases}) named as before training. */
    static Pass forward(Network net, Sample sample, int s, int t, boolean fixedBiases, Map<Quantity, Double> given,
                        Arith arith, @Nullable List<Step> steps) {
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
                Quantity qz = Quantity.z(l, j).ofSample(s).ofUpdate(t);
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
                            ws.add(new Operand(weightBefore(l, j, i, t), w[j][i]));
                            xs.add(new Operand(activation(l - 1, i, s, t), a[l - 1][i]));
                        }
                        steps.add(new Step.WeightedSum(qz, ws, xs, new Operand(biasBefore(l, j, t, fixedBiases), layer.bias(j)), z[l][j]));
                    }
                }
                if (!softmax) {
                    activate(layer.activation(), l, j, s, t, z[l], a[l], given, arith, steps);
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
                    zs.add(new Operand(Quantity.z(l, k).ofSample(s).ofUpdate(t), z[l][k]));
                }
                for (int j = 0; j < size; j++) {
                    Double ga = given.get(Quantity.a(l, j));
                    Quantity qa = Quantity.a(l, j).ofSample(s).ofUpdate(t);
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

    private static void activate(Activation f, int l, int j, int s, int t, double[] z, double[] a,
                                 Map<Quantity, Double> given, Arith arith, @Nullable List<Step> steps) {
        Quantity qa = Quantity.a(l, j).ofSample(s).ofUpdate(t);
        Double ga = given.get(Quantity.a(l, j));
        if (ga != null) {
            a[j] = ga;
            record(steps, () -> new Step.Given(qa, ga));
        } else {
            a[j] = arith.activate(f, z[j]);
            double value = a[j];
            record(steps, () -> new Step.Activate(qa, f, new Operand(Quantity.z(l, j).ofSample(s).ofUpdate(t), z[j]), value));
        }
    }

    private static double sampleLoss(Problem p, Pass pass, int s, int t, Arith arith, List<Step> steps) {
        double[] y = p.samples().get(s).target();
        double value = arith.sampleLoss(p.loss(), pass.output(), y);
        int out = pass.a().length - 1;
        List<Operand> outs = new ArrayList<>();
        for (int j = 0; j < y.length; j++) {
            outs.add(new Operand(activation(out, j, s, t), pass.output()[j]));
        }
        steps.add(new Step.SampleLoss(Quantity.loss().ofSample(s).ofUpdate(t), p.loss(), outs,
                targets(p.samples().get(s), s), value));
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
     * The optimizer's state between updates, per weight ({@code [l][j][i]}) and per bias
     * ({@code [l][j]}), starting at 0: the momentum buffer, RMSprop's square average or Adam's first
     * moment in the first arrays, Adam's second moment in the second.
     */
    static final class State {
        final double[][][] w1;
        final double[][][] w2;
        final double[][] b1;
        final double[][] b2;

        State(Network net) {
            int depth = net.depth();
            w1 = new double[depth][][];
            w2 = new double[depth][][];
            b1 = new double[depth][];
            b2 = new double[depth][];
            for (int l = 1; l < depth; l++) {
                Layer layer = net.layer(l);
                w1[l] = new double[layer.size()][layer.inputs()];
                w2[l] = new double[layer.size()][layer.inputs()];
                b1[l] = new double[layer.size()];
                b2[l] = new double[layer.size()];
            }
        }
    }

    /**
     * The steps of one parameter's update, from its batch-mean gradient: the optimizer's state
     * (weight decay, then the buffer, the average or the moments and their corrections), then the
     * update. State steps go to {@code stateSteps}, the update to {@code updateSteps} (both null when
     * not worked), the new state into the arrays at {@code idx}; returns the updated value.
     */
    private static final class ParameterStep {
        private final Optimizer o;
        private final Arith arith;
        private final int t;
        private final double alpha;
        private final Operand alphaOp;
        private final @Nullable List<Step> stateSteps;
        private final @Nullable List<Step> updateSteps;

        ParameterStep(Problem p, Arith arith, int t, @Nullable List<Step> stateSteps, @Nullable List<Step> updateSteps) {
            this.o = p.optimizer();
            this.arith = arith;
            this.t = t;
            this.alpha = p.learningRate();
            this.alphaOp = new Operand(Quantity.alpha(), alpha);
            this.stateSteps = stateSteps;
            this.updateSteps = updateSteps;
        }

        private static Operand setting(Quantity.Kind kind, double value) {
            return new Operand(Quantity.setting(kind), value);
        }

        /**
         * @param result  the updated parameter's key (W or b of update t)
         * @param state   its state's key for a state kind (of update 1; the update is set here)
         */
        double step(Quantity result, java.util.function.Function<Quantity.State, Quantity> state, Operand theta,
                    Operand gradient, double[] s1, double[] s2, int idx) {
            double th = theta.value();
            double g = gradient.value();
            Operand gOp = gradient;
            boolean worked = updateSteps != null;
            if (o.decays()) {
                g = arith.decayed(gradient.value(), o.weightDecay(), th);
                Quantity q = state.apply(Quantity.State.DECAYED).ofUpdate(t);
                gOp = new Operand(q, g);
                if (worked) {
                    stateSteps.add(new Step.Decay(q, gradient, setting(Quantity.Kind.LAMBDA, o.weightDecay()), theta, g));
                }
            }
            double next;
            switch (o.kind()) {
                case SGD -> {
                    next = arith.update(th, alpha, g);
                    if (worked) {
                        updateSteps.add(new Step.Update(result, theta, alphaOp, gOp, next));
                    }
                }
                case MOMENTUM, NESTEROV -> {
                    double mu = o.momentum();
                    double before = s1[idx];
                    // PyTorch: the buffer is the first gradient itself, then μ·b + g
                    double b = t == 1 ? g : arith.momentumBuffer(before, mu, g);
                    s1[idx] = b;
                    Quantity bq = state.apply(Quantity.State.MOMENTUM).ofUpdate(t);
                    Operand muOp = setting(Quantity.Kind.MU, mu);
                    Operand bOp = new Operand(bq, b);
                    if (o.kind() == Optimizer.Kind.MOMENTUM) {
                        next = arith.update(th, alpha, b);
                    } else {
                        next = arith.nesterovUpdate(th, alpha, g, mu, b);
                    }
                    if (worked) {
                        stateSteps.add(new Step.MomentumBuffer(bq, t == 1 ? null : previous(state, Quantity.State.MOMENTUM, before),
                                muOp, gOp, b));
                        updateSteps.add(o.kind() == Optimizer.Kind.MOMENTUM
                                ? new Step.Update(result, theta, alphaOp, bOp, next)
                                : new Step.NesterovUpdate(result, theta, alphaOp, gOp, muOp, bOp, g + mu * b, next));
                    }
                }
                case RMSPROP -> {
                    double before = s1[idx];
                    double sq = arith.movingAverage(before, o.alpha(), g, true);
                    s1[idx] = sq;
                    next = arith.adaptiveUpdate(th, alpha, g, sq, o.epsilon());
                    if (worked) {
                        Quantity q = state.apply(Quantity.State.SQUARE_AVERAGE).ofUpdate(t);
                        stateSteps.add(new Step.MovingAverage(q, t == 1 ? null : previous(state, Quantity.State.SQUARE_AVERAGE, before),
                                setting(Quantity.Kind.RHO, o.alpha()), gOp, true, sq));
                        updateSteps.add(new Step.AdaptiveUpdate(result, theta, alphaOp, gOp, new Operand(q, sq),
                                setting(Quantity.Kind.EPSILON, o.epsilon()), Math.sqrt(sq), next));
                    }
                }
                case ADAM -> {
                    double m0 = s1[idx];
                    double v0 = s2[idx];
                    double m = arith.movingAverage(m0, o.beta1(), g, false);
                    double v = arith.movingAverage(v0, o.beta2(), g, true);
                    s1[idx] = m;
                    s2[idx] = v;
                    double mhat = arith.corrected(m, o.beta1(), t);
                    double vhat = arith.corrected(v, o.beta2(), t);
                    next = arith.adaptiveUpdate(th, alpha, mhat, vhat, o.epsilon());
                    if (worked) {
                        Operand b1 = setting(Quantity.Kind.BETA1, o.beta1());
                        Operand b2 = setting(Quantity.Kind.BETA2, o.beta2());
                        Quantity mq = state.apply(Quantity.State.FIRST_MOMENT).ofUpdate(t);
                        Quantity vq = state.apply(Quantity.State.SECOND_MOMENT).ofUpdate(t);
                        Quantity mh = state.apply(Quantity.State.FIRST_CORRECTED).ofUpdate(t);
                        Quantity vh = state.apply(Quantity.State.SECOND_CORRECTED).ofUpdate(t);
                        stateSteps.add(new Step.MovingAverage(mq, t == 1 ? null : previous(state, Quantity.State.FIRST_MOMENT, m0),
                                b1, gOp, false, m));
                        stateSteps.add(new Step.MovingAverage(vq, t == 1 ? null : previous(state, Quantity.State.SECOND_MOMENT, v0),
                                b2, gOp, true, v));
                        stateSteps.add(new Step.BiasCorrection(mh, new Operand(mq, m), b1, t, arith.correction(o.beta1(), t), mhat));
                        stateSteps.add(new Step.BiasCorrection(vh, new Operand(vq, v), b2, t, arith.correction(o.beta2(), t), vhat));
                        updateSteps.add(new Step.AdaptiveUpdate(result, theta, alphaOp, new Operand(mh, mhat), new Operand(vh, vhat),
                                setting(Quantity.Kind.EPSILON, o.epsilon()), Math.sqrt(vhat), next));
                    }
                }
                default -> throw new IllegalStateException(o.kind().toString());
            }
            return next;
        }

        // The state as the update before left it.
        private Operand previous(java.util.function.Function<Quantity.State, Quantity> state, Quantity.State kind, double value) {
            return new Operand(state.apply(kind).ofUpdate(t - 1), value);
        }
    }

    /**
     * Backward pass and update for one batch (update t, from 1), output layer first: the layer's δ,
     * then ∂L/∂W = mean δ·a and ∂L/∂b = mean δ, then the optimizer's state and the update (for plain
     * gradient descent W − α·∂L/∂W). Returns the updated network; {@code state} is updated in place.
     */
    static Network update(Problem p, Network net, Pass[] batch, Arith arith, @Nullable List<Step> steps,
                          @Nullable List<LayerUpdate> layers, State state, int t) {
        int depth = net.depth();
        int out = depth - 1;
        int m = batch.length;
        boolean updatedRule = p.hiddenDeltaWeights() == HiddenDeltaWeights.UPDATED;
        Loss loss = p.loss();
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
                    Quantity qd = Quantity.delta(l, j).ofSample(sample).ofUpdate(t);
                    if (l == out) {
                        double y = p.samples().get(sample).target(j);
                        double d = arith.outputDelta(loss, f, al[j], fl[j], y, size);
                        delta[s][l][j] = d;
                        if (steps != null) {
                            boolean direct = loss.deltaIsOutputMinusTarget();
                            steps.add(new Step.OutputDelta(qd, loss, f,
                                    new Operand(activation(l, j, sample, t), al[j]),
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
                                ws.add(new Operand(updatedRule ? Quantity.w(l + 1, k, j).ofUpdate(t) : weightBefore(l + 1, k, j, t),
                                        wCol[k]));
                                ds.add(new Operand(Quantity.delta(l + 1, k).ofSample(sample).ofUpdate(t), delta[s][l + 1][k]));
                            }
                            steps.add(new Step.HiddenDelta(qd, ws, ds, f,
                                    new Operand(activation(l, j, sample, t), al[j]),
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
                            dOps.add(new Operand(Quantity.delta(l, j).ofSample(batch[s].sample()).ofUpdate(t), ds[s]));
                            aOps.add(new Operand(activation(l - 1, i, batch[s].sample(), t), as[s]));
                        }
                        steps.add(new Step.WeightGradient(Quantity.dW(l, j, i).ofUpdate(t), dOps, aOps, gW[l][j][i]));
                    }
                }
                gB[l][j] = arith.mean(ds);
                if (steps != null) {
                    List<Operand> dOps = new ArrayList<>();
                    for (int s = 0; s < m; s++) {
                        dOps.add(new Operand(Quantity.delta(l, j).ofSample(batch[s].sample()).ofUpdate(t), ds[s]));
                    }
                    steps.add(new Step.BiasGradient(Quantity.db(l, j).ofUpdate(t), dOps, gB[l][j]));
                }
            }
            // The optimizer's state, then the update (for plain gradient descent θ − α·∂L/∂θ).
            wNew[l] = new double[size][in];
            bNew[l] = new double[size];
            List<Step> stateSteps = steps == null ? null : new ArrayList<>();
            List<Step> updateSteps = steps == null ? null : new ArrayList<>();
            ParameterStep rule = new ParameterStep(p, arith, t, stateSteps, updateSteps);
            int ll = l;
            for (int j = 0; j < size; j++) {
                for (int i = 0; i < in; i++) {
                    int jj = j;
                    int ii = i;
                    wNew[l][j][i] = rule.step(Quantity.w(l, j, i).ofUpdate(t), st -> Quantity.weightState(st, ll, jj, ii),
                            new Operand(weightBefore(l, j, i, t), layer.weight(j, i)),
                            new Operand(Quantity.dW(l, j, i).ofUpdate(t), gW[l][j][i]), state.w1[l][j], state.w2[l][j], i);
                }
            }
            for (int j = 0; j < size; j++) {
                double b0 = layer.bias(j);
                if (p.updateBiases()) {
                    int jj = j;
                    bNew[l][j] = rule.step(Quantity.b(l, j).ofUpdate(t), st -> Quantity.biasState(st, ll, jj),
                            new Operand(biasBefore(l, j, t, !p.updateBiases()), b0),
                            new Operand(Quantity.db(l, j).ofUpdate(t), gB[l][j]), state.b1[l], state.b2[l], j);
                } else {
                    bNew[l][j] = b0;
                    if (updateSteps != null) {
                        updateSteps.add(new Step.Unchanged(Quantity.b(l, j).ofUpdate(t), new Operand(biasBefore(l, j, t, !p.updateBiases()), b0), b0));
                    }
                }
            }
            if (steps != null) {
                steps.addAll(stateSteps);
                steps.addAll(updateSteps);
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
            Pass pass = forward(net, sample, s, 1, s == 0 && epoch == 0 ? p.given() : Map.of(), arith, null);
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
