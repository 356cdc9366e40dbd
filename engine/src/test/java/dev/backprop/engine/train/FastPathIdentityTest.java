package dev.backprop.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.json.Limits;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.support.RandomProblems;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.trace.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path ({@link Trainer}) against the traced path's worked updates, bit for bit: a problem
 * is solved with every update of its first epochs worked step by step, and after each epoch the
 * trainer's weights and biases must be the doubles of the trace's {@code W[l][j][i]:t} and
 * {@code b[l][j]:t} for that epoch's last update t. Every optimizer, plain gradient descent
 * included (its fused loops), on small random networks and on wide ones (input-major and copied
 * layers, negative zeros).
 */
class FastPathIdentityTest {
    // Both sets of loops when the tests run with the Vector API (the engine's surefire set-up gives it).
    private static final boolean[] LOOPS = Lanes.AVAILABLE ? new boolean[] {true, false} : new boolean[] {false};

    @Test
    void the_tests_run_with_the_vector_api_so_both_sets_of_loops_are_compared() {
        assertTrue(Lanes.AVAILABLE, "surefire's argLine gives --add-modules jdk.incubator.vector");
    }

    @Test
    void wide_first_layers_with_batches_of_one_agree_to_the_bit_in_both_sets_of_loops() {
        // The fused first layer (its update and the next sample's sums in one pass), 4-vector groups,
        // single vectors and scalar columns: widths 8 to 70; −0 weights, ±0 inputs, fixed biases.
        Random r = new Random(17);
        for (int k = 0; k < 24; k++) {
            int in = 1 + r.nextInt(40);
            int wide = 8 + r.nextInt(63);
            int next = k % 2 == 0 ? 3 + r.nextInt(30) : 1;
            Activation f = RandomProblems.HIDDEN.get(r.nextInt(RandomProblems.HIDDEN.size()));
            Network net = RandomProblems.network(r, in, new int[] {wide, next},
                    new Activation[] {f, Activation.SIGMOID});
            if (k % 3 == 0) {
                double[][] w = net.layer(1).weights();
                double[] b = net.layer(1).biases();
                w[r.nextInt(wide)][r.nextInt(in)] = -0.0;
                b[r.nextInt(wide)] = -0.0;
                net = net.withLayer(1, new Layer(f, w, b));
            }
            Problem.Builder b = Problem.builder().network(net).learningRate(0.3).epochs(2).batchSize(1)
                    .updateBiases(k % 4 != 3);
            for (int s = 0; s < 4; s++) {
                double[] x = RandomProblems.input(r, in);
                x[0] = s == 1 ? -0.0 : s == 2 ? 0.0 : x[0];
                double[] y = new double[next];
                Arrays.fill(y, 0.3);
                b.sample(x, y);
            }
            assertTrue(agree(b.build()), "compared");
        }
    }

    @Test
    void textbook_sized_sigmoid_networks_train_through_the_small_path_to_the_bit() {
        // One to three sigmoid layers of at most four inputs each, batches of one, plain descent: the
        // networks that train through Trainer.smallSamples. ±0 inputs, fixed biases, both ½-squared
        // error and the others; a −0 weight or the "updated" rule takes the general path instead.
        Random r = new Random(29);
        List<Loss> losses = List.of(Loss.HALF_SQUARED_ERROR, Loss.SQUARED_ERROR, Loss.MEAN_SQUARED_ERROR,
                Loss.BINARY_CROSS_ENTROPY);
        int small = 0;
        for (int k = 0; k < 60; k++) {
            int layers = 1 + r.nextInt(3);
            int in = 1 + r.nextInt(4);
            int[] sizes = new int[layers];
            Activation[] f = new Activation[layers];
            for (int l = 0; l < layers; l++) {
                sizes[l] = l + 1 < layers ? 1 + r.nextInt(4) : 1 + r.nextInt(7);
                f[l] = Activation.SIGMOID;
            }
            Network net = RandomProblems.network(r, in, sizes, f);
            boolean negativeZero = k % 10 == 9;
            if (negativeZero) {
                double[][] w = net.layer(1).weights();
                w[0][r.nextInt(in)] = -0.0;
                net = net.withLayer(1, new Layer(Activation.SIGMOID, w, net.layer(1).biases()));
            }
            boolean updated = k % 10 == 4;
            Problem.Builder b = Problem.builder().network(net).learningRate(0.1 + r.nextDouble()).epochs(3)
                    .batchSize(1).updateBiases(k % 4 != 3).loss(losses.get(k % losses.size()))
                    .hiddenDeltaWeights(updated ? HiddenDeltaWeights.UPDATED : HiddenDeltaWeights.ORIGINAL);
            int samples = 1 + r.nextInt(4);
            for (int s = 0; s < samples; s++) {
                double[] x = RandomProblems.input(r, in);
                x[0] = s == 1 ? -0.0 : s == 2 ? 0.0 : x[0];
                double[] y = new double[sizes[layers - 1]];
                for (int j = 0; j < y.length; j++) {
                    y[j] = 0.05 + 0.9 * r.nextDouble();
                }
                b.sample(x, y);
            }
            Problem p = b.build();
            assertEquals(!negativeZero && !updated, Trainer.of(p).small(), "which path, problem " + k);
            small += Trainer.of(p).small() ? 1 : 0;
            assertTrue(agree(p), "compared, problem " + k);
        }
        assertTrue(small >= 40, small + " problems on the small path");
    }

    @Test
    void the_trainer_gives_the_traced_paths_doubles_over_several_epochs_with_every_optimizer() {
        int compared = 0;
        for (long seed = 0; seed < 300; seed++) {
            Problem p = seed % 6 == 5 ? RandomProblems.problem(seed) : RandomProblems.withOptimizer(seed);
            if (!p.given().isEmpty()) {
                continue;
            }
            compared += agree(p.withRounding(null)) ? 1 : 0;
        }
        assertTrue(compared > 250, compared + " problems compared");
    }

    @Test
    void the_trainer_agrees_to_the_bit_on_wide_layers_with_every_optimizer() {
        // A first layer of 8 or more neurons is kept input-major, a later one of 16 or more keeps an
        // input-major copy; −0 weights and inputs of ±0; both hidden-δ rules; batches of 1 and 3.
        Random r = new Random(91);
        Optimizer[] rules = {Optimizer.SGD.withWeightDecay(0.01), Optimizer.momentum(0.9), Optimizer.nesterov(0.8),
            Optimizer.rmsprop(), Optimizer.adam(), Optimizer.adam(0.8, 0.99, 1e-3).withWeightDecay(0.05), Optimizer.SGD};
        for (int k = 0; k < 35; k++) {
            int in = 1 + r.nextInt(6);
            int wide = 8 + r.nextInt(36);
            Activation f = RandomProblems.HIDDEN.get(r.nextInt(RandomProblems.HIDDEN.size()));
            int next = k % 3 == 1 ? 2 : 16 + r.nextInt(9);
            Activation g = RandomProblems.HIDDEN.get(r.nextInt(RandomProblems.HIDDEN.size()));
            int last = k % 3 == 1 ? 18 : 2;
            Network net = RandomProblems.network(r, in, new int[] {wide, next, last}, new Activation[] {f, g, Activation.SIGMOID});
            if (k % 2 == 0) {
                double[][] w = net.layer(1).weights();
                double[] b = net.layer(1).biases();
                for (int j = 0; j < wide; j++) {
                    w[j][0] = -0.0;
                }
                b[r.nextInt(wide)] = -0.0;
                net = net.withLayer(1, new Layer(f, w, b));
            }
            Optimizer rule = rules[k % rules.length];
            Problem.Builder b = Problem.builder().network(net).learningRate(rule.kind() == Optimizer.Kind.ADAM
                            || rule.kind() == Optimizer.Kind.RMSPROP ? 0.01 : 0.2).epochs(2)
                    .batchSize(k % 4 < 2 ? 1 : 3).optimizer(rule).updateBiases(k % 5 != 4)
                    .hiddenDeltaWeights(k % 3 == 0 && k % 4 < 2 ? HiddenDeltaWeights.UPDATED : HiddenDeltaWeights.ORIGINAL);
            for (int s = 0; s < 5; s++) {
                double[] x = RandomProblems.input(r, in);
                x[0] = s == 0 ? 0.0 : s == 1 ? -0.0 : x[0];
                double[] y = new double[last];
                Arrays.fill(y, 0.25);
                y[0] = 0.75;
                b.sample(x, y);
            }
            assertTrue(agree(b.build()), "compared");
        }
    }

    @Test
    void continued_training_with_state_goes_on_where_the_worked_updates_stop() {
        // Adam over 40 epochs: the solver's trained network is the trainer's, and differs from plain descent's
        Problem p = Problem.builder().network(RandomProblems.network(new Random(5), 2, new int[] {3, 1},
                        new Activation[] {Activation.TANH, Activation.SIGMOID}))
                .learningRate(0.05).optimizer(Optimizer.adam()).epochs(40).workedUpdates(2)
                .sample(new double[] {0.1, 0.9}, new double[] {0.2}).sample(new double[] {0.7, -0.3}, new double[] {0.9})
                .build();
        Trainer t = Trainer.of(p);
        for (int e = 0; e < 40; e++) {
            t.epoch();
        }
        Solution s = Solver.solve(p);
        assertEquals(t.network(), s.network());
        assertTrue(s.lossAfter() < s.lossBefore(), "Adam lowers the loss");
        Problem plain = p.toBuilder().rounding(null).clearGiven().optimizer(Optimizer.SGD).workedUpdates(1).build();
        assertTrue(!Solver.solve(plain).network().equals(s.network()));
        // loading the network again starts the state over: the same 40 epochs give the same network
        t.load(p.network());
        for (int e = 0; e < 40; e++) {
            t.epoch();
        }
        assertEquals(s.network(), t.network());
    }

    /**
     * Whether the trainer agrees with the trace over as many whole epochs as can be worked (at most
     * {@link Limits#MAX_WORKED_UPDATES} updates, three epochs); false when the problem cannot be
     * solved (ln 0) or an epoch has more updates than can be worked.
     */
    private static boolean agree(Problem p0) {
        int batches = p0.batchesPerEpoch();
        int epochs = Math.min(3, Limits.MAX_WORKED_UPDATES / batches);
        if (epochs < 1) {
            return false;
        }
        Problem p = p0.toBuilder().epochs(epochs).rounding(null).clearGiven().workedUpdates(epochs * batches).build();
        Solution s;
        try {
            s = Solver.solve(p);
        } catch (ProblemException e) {
            return false;
        }
        Map<String, Double> worked = new HashMap<>();
        Trace trace = s.firstUpdate();
        for (Step step : trace.steps()) {
            worked.putIfAbsent(step.quantity().key(), step.value());
        }
        for (boolean vector : LOOPS) {
            agree(p, epochs, batches, worked, vector);
        }
        return true;
    }

    // The trainer with the Vector API's loops or C2's, epoch by epoch against the worked updates.
    private static void agree(Problem p, int epochs, int batches, Map<String, Double> worked, boolean vector) {
        Trainer t = Trainer.of(p, vector);
        for (int e = 1; e <= epochs; e++) {
            t.epoch();
            int u = e * batches;
            String suffix = u > 1 ? ":" + u : "";
            Network fast = t.network();
            List<String> differ = new ArrayList<>();
            for (int l = 1; l < fast.depth(); l++) {
                Layer layer = fast.layer(l);
                for (int j = 0; j < layer.size(); j++) {
                    for (int i = 0; i < layer.inputs(); i++) {
                        check(worked, "W[" + l + "][" + j + "][" + i + "]" + suffix, layer.weight(j, i), differ);
                    }
                    check(worked, "b[" + l + "][" + j + "]" + suffix, layer.bias(j), differ);
                }
            }
            assertEquals(List.of(), differ, "after epoch " + e + " (update " + u + ") of " + p.optimizer().describe()
                    + ", batch " + p.effectiveBatchSize() + " of " + p.samples().size() + ", " + p.hiddenDeltaWeights()
                    + ", biases " + (p.updateBiases() ? "updated" : "fixed") + ", " + p.network().depth() + " layers"
                    + (vector ? ", Vector API" : ", scalar loops"));
        }
    }

    private static void check(Map<String, Double> worked, String key, double fast, List<String> differ) {
        Double traced = worked.get(key);
        if (traced == null || Double.doubleToRawLongBits(traced) != Double.doubleToRawLongBits(fast)) {
            differ.add(key + ": traced " + traced + ", fast " + fast);
        }
    }
}
