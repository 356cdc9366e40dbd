package dev.backprop.bench;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import dev.backprop.engine.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The guard on the fast path's optimisations: {@link Trainer} must give bit for bit the doubles of the
 * traced path ({@link Solver} working every update step by step). The traced path is made to train a
 * whole epoch by solving each batch as a one-batch problem and chaining the networks.
 *
 * <pre>{@code
 * List<String> failures = PathIdentity.check(200, 1L);
 * }</pre>
 */
public final class PathIdentity {
    private static final Activation[] HIDDEN = {Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LINEAR};
    private static final Loss[] SQUARED = {Loss.HALF_SQUARED_ERROR, Loss.SQUARED_ERROR, Loss.MEAN_SQUARED_ERROR};

    private PathIdentity() {
    }

    /** Checks {@code count} random problems (shapes, activations, losses, batch sizes, rules); returns what differed. */
    public static List<String> check(int count, long seed) {
        return check(count, seed, 7);
    }

    /** As {@link #check(int, long)}, with layers of up to {@code maxWidth} neurons. */
    public static List<String> check(int count, long seed, int maxWidth) {
        Random r = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Problem p = randomProblem(r, maxWidth);
            String failure;
            try {
                failure = compare(p);
            } catch (ProblemException e) {
                failure = "the traced path refused it: " + e.getMessage();
            }
            if (failure != null) {
                failures.add("problem " + k + " (" + describe(p) + "): " + failure);
            }
        }
        return failures;
    }

    /** Compares two epochs of the fast path with the chained traced path, and the fast path's loss and output; null when identical. */
    public static String compare(Problem p) {
        Trainer fast = Trainer.of(p);
        Network traced = p.network();
        for (int epoch = 1; epoch <= 2; epoch++) {
            fast.epoch();
            traced = tracedEpoch(p, traced);
            Network got = fast.network();
            if (!got.equals(traced)) {
                return "after epoch " + epoch + " the fast path's network differs from the traced path's: "
                        + firstDifference(got, traced);
            }
        }
        // loss() and predict() against the traced forward pass of the trained network.
        Solution s = Solver.solve(p.withNetwork(traced));
        double loss = fast.loss();
        if (Double.doubleToLongBits(loss) != Double.doubleToLongBits(s.lossBefore())) {
            return "loss() is " + loss + ", the traced data-set loss is " + s.lossBefore();
        }
        Problem one = single(p.withNetwork(traced), 0);
        double[] traceOut = Solver.solve(one).firstUpdate().layers().get(traced.depth() - 1).a();
        double[] out = fast.predict(p.samples().get(0).input());
        if (!Arrays.equals(out, traceOut)) {
            return "predict() is " + Arrays.toString(out) + ", the traced output is " + Arrays.toString(traceOut);
        }
        return null;
    }

    /** One epoch on the traced path: each batch solved as its own problem, the networks chained. */
    static Network tracedEpoch(Problem p, Network start) {
        Network net = start;
        int count = p.samples().size();
        for (int from = 0; from < count; from += p.batchSize()) {
            int to = Math.min(from + p.batchSize(), count);
            Problem.Builder b = Problem.builder().network(net).loss(p.loss()).learningRate(p.learningRate())
                    .epochs(1).batchSize(to - from).updateBiases(p.updateBiases())
                    .hiddenDeltaWeights(p.hiddenDeltaWeights());
            for (int s = from; s < to; s++) {
                b.sample(p.samples().get(s));
            }
            Solution solution = Solver.solve(b.build());
            net = firstUpdate(solution, net);
        }
        return net;
    }

    // The network after the first (here: only) update, read from the trace rather than from the trainer.
    private static Network firstUpdate(Solution s, Network before) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < before.depth(); l++) {
            var u = s.firstUpdate().layers().get(l);
            layers.add(new Layer(before.layer(l).activation(), u.weights(), u.biases()));
        }
        return Network.of(before.inputSize(), layers);
    }

    private static Problem single(Problem p, int s) {
        return Problem.builder().network(p.network()).loss(p.loss()).learningRate(p.learningRate())
                .sample(p.samples().get(s)).build();
    }

    private static String firstDifference(Network a, Network b) {
        for (int l = 1; l < a.depth(); l++) {
            for (int j = 0; j < a.size(l); j++) {
                for (int i = 0; i < a.size(l - 1); i++) {
                    double x = a.layer(l).weight(j, i);
                    double y = b.layer(l).weight(j, i);
                    if (Double.doubleToLongBits(x) != Double.doubleToLongBits(y)) {
                        return "W[" + l + "][" + j + "][" + i + "] " + x + " vs " + y;
                    }
                }
                double x = a.layer(l).bias(j);
                double y = b.layer(l).bias(j);
                if (Double.doubleToLongBits(x) != Double.doubleToLongBits(y)) {
                    return "b[" + l + "][" + j + "] " + x + " vs " + y;
                }
            }
        }
        return "(no parameter differs)";
    }

    /** A random problem: 1–3 dense layers of 1–maxWidth neurons, any hidden activations, a loss that fits the output. */
    static Problem randomProblem(Random r, int maxWidth) {
        int depth = 2 + r.nextInt(3);
        int[] n = new int[depth];
        for (int l = 0; l < depth; l++) {
            n[l] = 1 + r.nextInt(maxWidth);
        }
        int lossKind = r.nextInt(5);
        Loss loss;
        Activation outAct;
        if (lossKind == 3) {
            loss = Loss.BINARY_CROSS_ENTROPY;
            outAct = Activation.SIGMOID;
        } else if (lossKind == 4) {
            loss = Loss.CROSS_ENTROPY;
            outAct = Activation.SOFTMAX;
            n[depth - 1] = Math.max(2, n[depth - 1]);
        } else {
            loss = SQUARED[lossKind];
            outAct = r.nextBoolean() ? Activation.SIGMOID : HIDDEN[r.nextInt(HIDDEN.length)];
        }
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < depth; l++) {
            Activation f = l == depth - 1 ? outAct : HIDDEN[r.nextInt(HIDDEN.length)];
            double[][] w = new double[n[l]][n[l - 1]];
            double[] b = new double[n[l]];
            for (int j = 0; j < n[l]; j++) {
                for (int i = 0; i < n[l - 1]; i++) {
                    w[j][i] = r.nextGaussian() / Math.sqrt(n[l - 1]);
                }
                b[j] = r.nextGaussian() * 0.3;
            }
            layers.add(new Layer(f, w, b));
        }
        Network net = Network.of(n[0], layers);
        int samples = 1 + r.nextInt(6);
        int batch = 1 + r.nextInt(samples);
        boolean updatedRule = batch == 1 && r.nextInt(3) == 0;
        Problem.Builder b = Problem.builder().network(net).loss(loss).learningRate(0.01 + 0.05 * r.nextDouble())
                .batchSize(batch).epochs(2).updateBiases(r.nextInt(4) != 0)
                .hiddenDeltaWeights(updatedRule ? HiddenDeltaWeights.UPDATED : HiddenDeltaWeights.ORIGINAL);
        int out = n[depth - 1];
        for (int s = 0; s < samples; s++) {
            double[] x = new double[n[0]];
            for (int i = 0; i < x.length; i++) {
                x[i] = 2 * r.nextDouble() - 1;
            }
            double[] y = new double[out];
            if (loss == Loss.CROSS_ENTROPY) {
                y[r.nextInt(out)] = 1;
            } else if (loss == Loss.BINARY_CROSS_ENTROPY) {
                for (int j = 0; j < out; j++) {
                    y[j] = r.nextInt(2);
                }
            } else {
                for (int j = 0; j < out; j++) {
                    y[j] = r.nextDouble();
                }
            }
            b.sample(new Sample(x, y));
        }
        return b.build();
    }

    private static String describe(Problem p) {
        StringBuilder s = new StringBuilder();
        s.append(p.network().inputSize());
        for (int l = 1; l < p.network().depth(); l++) {
            s.append('-').append(p.network().size(l)).append(p.network().layer(l).activation().id());
        }
        return s + ", " + p.loss().id() + ", " + p.samples().size() + " samples, batch " + p.batchSize()
                + ", biases " + (p.updateBiases() ? "updated" : "fixed") + ", hidden deltas " + p.hiddenDeltaWeights();
    }
}
