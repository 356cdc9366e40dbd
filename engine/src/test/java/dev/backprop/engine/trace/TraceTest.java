package dev.backprop.engine.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.support.IndependentBackprop;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.support.RandomProblems;
import dev.backprop.engine.support.ReferenceFile;
import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import dev.backprop.engine.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The worked first update: order, immutability, operands, and agreement with the fast path. */
class TraceTest {
    private static final int RANDOM = 60;

    /** Mazur's example with its biases updated too, so that every kind of step appears. */
    private static Problem.Builder mazur() {
        return Published.mazur().updateBiases(true);
    }

    private static List<String> keys(Trace t) {
        List<String> keys = new ArrayList<>();
        for (Step s : t.steps()) {
            keys.add(s.quantity().key());
        }
        return keys;
    }

    /** Random problems without rounding or given values (those change what a step holds, not its shape). */
    private static List<Problem> randomProblems() {
        List<Problem> list = new ArrayList<>();
        for (long seed = 0; list.size() < RANDOM; seed++) {
            Problem p = RandomProblems.problem(1000 + seed);
            if (p.rounding() == null && p.given().isEmpty()) {
                list.add(p);
            }
        }
        return list;
    }

    @Test
    void mazurs_steps_come_in_the_order_a_person_writes_them() {
        List<String> expected = List.of(
                "z[1][0]", "a[1][0]", "z[1][1]", "a[1][1]", "z[2][0]", "a[2][0]", "z[2][1]", "a[2][1]",
                "loss",
                "delta[2][0]", "delta[2][1]",
                "dW[2][0][0]", "dW[2][0][1]", "db[2][0]", "dW[2][1][0]", "dW[2][1][1]", "db[2][1]",
                "W[2][0][0]", "W[2][0][1]", "W[2][1][0]", "W[2][1][1]", "b[2][0]", "b[2][1]",
                "delta[1][0]", "delta[1][1]",
                "dW[1][0][0]", "dW[1][0][1]", "db[1][0]", "dW[1][1][0]", "dW[1][1][1]", "db[1][1]",
                "W[1][0][0]", "W[1][0][1]", "W[1][1][0]", "W[1][1][1]", "b[1][0]", "b[1][1]",
                "lossAfter");
        assertEquals(expected, keys(Solver.solve(mazur().build()).firstUpdate()));
    }

    /**
     * The order for any problem: each sample of the first batch forward (z then a per neuron; a
     * softmax layer's z all before its a), the samples' losses, the data-set loss when there are
     * several samples, then from the output layer down: every sample's δ, the gradients neuron by
     * neuron, the weight updates, the bias updates; last the loss after the update.
     */
    static List<String> expectedOrder(Problem p) {
        List<String> keys = new ArrayList<>();
        int layers = p.network().depth() - 1;
        int m = p.effectiveBatchSize();
        for (int s = 0; s < m; s++) {
            String at = s == 0 ? "" : "@" + s;
            for (int l = 1; l <= layers; l++) {
                int n = p.network().size(l);
                if (p.network().layer(l).activation() == Activation.SOFTMAX) {
                    for (int j = 0; j < n; j++) {
                        keys.add("z[" + l + "][" + j + "]" + at);
                    }
                    for (int j = 0; j < n; j++) {
                        keys.add("a[" + l + "][" + j + "]" + at);
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        keys.add("z[" + l + "][" + j + "]" + at);
                        keys.add("a[" + l + "][" + j + "]" + at);
                    }
                }
            }
        }
        for (int s = 0; s < m; s++) {
            keys.add("loss" + (s == 0 ? "" : "@" + s));
        }
        if (p.samples().size() > 1) {
            keys.add("lossBefore");
        }
        for (int l = layers; l >= 1; l--) {
            int n = p.network().size(l);
            int below = p.network().size(l - 1);
            for (int s = 0; s < m; s++) {
                for (int j = 0; j < n; j++) {
                    keys.add("delta[" + l + "][" + j + "]" + (s == 0 ? "" : "@" + s));
                }
            }
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < below; i++) {
                    keys.add("dW[" + l + "][" + j + "][" + i + "]");
                }
                keys.add("db[" + l + "][" + j + "]");
            }
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < below; i++) {
                    keys.add("W[" + l + "][" + j + "][" + i + "]");
                }
            }
            for (int j = 0; j < n; j++) {
                keys.add("b[" + l + "][" + j + "]");
            }
        }
        keys.add("lossAfter");
        return keys;
    }

    @Test
    void steps_follow_the_same_order_on_random_problems_with_batches_and_softmax() {
        for (long seed = 0; seed < RANDOM; seed++) {
            Problem p = RandomProblems.problem(seed);
            try {
                assertEquals(expectedOrder(p), keys(Solver.solve(p).firstUpdate()), "seed " + seed);
            } catch (ProblemException e) {
                fail("seed " + seed + ": " + e.getMessage());
            }
        }
    }

    @Test
    void every_operand_is_a_value_written_down_earlier_or_a_datum_of_the_problem() {
        List<Problem> problems = randomProblems();
        problems.add(mazur().hiddenDeltaWeights(HiddenDeltaWeights.UPDATED).build());
        problems.add(mazur().updateBiases(false).build());
        problems.add(ReferenceFile.load("seed-example.json").problem());
        for (Problem p : problems) {
            Trace t = Solver.solve(p).firstUpdate();
            double[] outputsAfter = IndependentBackprop.outputs(afterFirstUpdate(p.network(), t), p.samples().get(0).input());
            Map<String, Double> written = new HashMap<>();
            for (Step step : t.steps()) {
                for (Operand op : operands(step)) {
                    Quantity q = op.quantity();
                    java.util.function.Supplier<String> what = () -> step.quantity() + " uses " + op.key() + " in " + p;
                    switch (q.kind()) {
                        case W_OLD:
                            assertEquals(p.network().layer(q.layer()).weight(q.row(), q.col()), op.value(), what);
                            break;
                        case B_OLD:
                            assertEquals(p.network().layer(q.layer()).bias(q.row()), op.value(), what);
                            break;
                        case TARGET:
                            assertEquals(p.samples().get(q.sample()).target(q.row()), op.value(), what);
                            break;
                        case ALPHA:
                            assertEquals(p.learningRate(), op.value(), what);
                            break;
                        case A_AFTER:
                            assertEquals(outputsAfter[q.row()], op.value(), 1e-12, what);
                            assertEquals(Quantity.Kind.LOSS_AFTER, step.quantity().kind(), what);
                            break;
                        case SAMPLE_LOSS_AFTER:
                            assertEquals(Quantity.Kind.LOSS_AFTER, step.quantity().kind(), what);
                            break;
                        default:
                            if (q.kind() == Quantity.Kind.A && q.layer() == 0) {
                                assertEquals(p.samples().get(q.sample()).input(q.row()), op.value(), what);
                            } else if (q.kind() == Quantity.Kind.LOSS && step.quantity().kind() == Quantity.Kind.LOSS_BEFORE) {
                                // lossBefore also averages the losses of samples beyond the first batch
                                assertTrue(q.sample() >= p.effectiveBatchSize() || written.containsKey(op.key()), what);
                                if (written.containsKey(op.key())) {
                                    assertEquals(written.get(op.key()), op.value(), what);
                                }
                            } else {
                                assertTrue(written.containsKey(op.key()), () -> what.get() + ", which is not written before");
                                assertEquals(written.get(op.key()), op.value(), what);
                            }
                    }
                }
                assertEquals(null, written.put(step.quantity().key(), step.value()), () -> "written twice: " + step.quantity());
            }
        }
    }

    /** The network after the first update, from the trace's layer records. */
    private static Network afterFirstUpdate(Network before, Trace t) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < before.depth(); l++) {
            LayerUpdate u = t.layers().get(l);
            layers.add(new Layer(before.layer(l).activation(), u.weights(), u.biases()));
        }
        return Network.of(before.inputSize(), layers);
    }

    @Test
    void every_step_value_is_recomputed_from_its_operands() {
        List<Problem> problems = randomProblems();
        problems.add(ReferenceFile.load("seed-example.json").problem());
        problems.add(mazur().hiddenDeltaWeights(HiddenDeltaWeights.UPDATED).updateBiases(false).build());
        for (Problem p : problems) {
            Map<Quantity, Double> given = p.given();
            for (Step step : Solver.solve(p).firstUpdate().steps()) {
                double recomputed = step.accept(new Recompute(given));
                double v = step.value();
                assertTrue(Math.abs(recomputed - v) <= 1e-15 + 1e-12 * Math.abs(v),
                        () -> step + " recomputes to " + recomputed + " in " + p);
            }
        }
    }

    /** Each step's value from its own operands, by the formulas of the contract written out here. */
    private static final class Recompute implements Step.Visitor<Double> {
        private final Map<Quantity, Double> given;

        Recompute(Map<Quantity, Double> given) {
            this.given = given;
        }

        private static double f(Activation f, double z) {
            switch (f) {
                case SIGMOID:
                    return 1 / (1 + Math.exp(-z));
                case TANH:
                    return Math.tanh(z);
                case RELU:
                    return z > 0 ? z : 0;
                default:
                    return z;
            }
        }

        private static double slope(Activation f, double a) {
            switch (f) {
                case SIGMOID:
                    return a * (1 - a);
                case TANH:
                    return 1 - a * a;
                case RELU:
                    return a > 0 ? 1 : 0;
                default:
                    return 1;
            }
        }

        @Override
        public Double given(Step.Given step) {
            return given.get(step.quantity());
        }

        @Override
        public Double weightedSum(Step.WeightedSum step) {
            assertEquals(step.weights().size(), step.inputs().size());
            double z = step.bias().value();
            for (int i = 0; i < step.weights().size(); i++) {
                z += step.weights().get(i).value() * step.inputs().get(i).value();
                assertEquals(i, step.weights().get(i).quantity().col(), "weight column");
                assertEquals(step.quantity().row(), step.weights().get(i).quantity().row(), "weight row");
            }
            return z;
        }

        @Override
        public Double activate(Step.Activate step) {
            assertEquals(step.quantity().row(), step.z().quantity().row());
            return f(step.activation(), step.z().value());
        }

        @Override
        public Double softmax(Step.Softmax step) {
            assertTrue(step.layer().contains(step.z()));
            double sum = 0;
            for (Operand z : step.layer()) {
                sum += Math.exp(z.value());
            }
            return Math.exp(step.z().value()) / sum;
        }

        @Override
        public Double sampleLoss(Step.SampleLoss step) {
            int n = step.outputs().size();
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double a = step.outputs().get(j).value();
                double y = step.targets().get(j).value();
                switch (step.loss()) {
                    case HALF_SQUARED_ERROR:
                        sum += (y - a) * (y - a) / 2;
                        break;
                    case SQUARED_ERROR:
                        sum += (y - a) * (y - a);
                        break;
                    case MEAN_SQUARED_ERROR:
                        sum += (y - a) * (y - a) / n;
                        break;
                    case BINARY_CROSS_ENTROPY:
                        sum -= (y == 0 ? 0 : y * Math.log(a)) + (y == 1 ? 0 : (1 - y) * Math.log(1 - a));
                        break;
                    default:
                        sum -= y == 0 ? 0 : y * Math.log(a);
                }
            }
            return sum;
        }

        @Override
        public Double datasetLoss(Step.DatasetLoss step) {
            double sum = 0;
            for (Operand l : step.sampleLosses()) {
                sum += l.value();
            }
            return sum / step.sampleLosses().size();
        }

        @Override
        public Double outputDelta(Step.OutputDelta step) {
            double a = step.output().value();
            double y = step.target().value();
            Loss loss = step.loss();
            if (loss == Loss.CROSS_ENTROPY || loss == Loss.BINARY_CROSS_ENTROPY) {
                assertEquals(1.0, step.activationDerivative());
                return a - y;
            }
            double dLda = loss == Loss.HALF_SQUARED_ERROR ? a - y
                    : loss == Loss.SQUARED_ERROR ? 2 * (a - y) : 2 * (a - y) / step.outputs();
            assertEquals(dLda, step.lossGradient(), 1e-15 + 1e-12 * Math.abs(dLda), "∂L/∂a of " + step);
            assertEquals(slope(step.activation(), a), step.activationDerivative(), 1e-15, "f' of " + step);
            return dLda * slope(step.activation(), a);
        }

        @Override
        public Double hiddenDelta(Step.HiddenDelta step) {
            double back = 0;
            for (int k = 0; k < step.weights().size(); k++) {
                back += step.weights().get(k).value() * step.nextDeltas().get(k).value();
            }
            assertEquals(back, step.weightedError(), 1e-15 + 1e-12 * Math.abs(back), "Σ w·δ of " + step);
            double slope = slope(step.activation(), step.output().value());
            assertEquals(slope, step.activationDerivative(), 1e-15, "f' of " + step);
            return back * slope;
        }

        @Override
        public Double weightGradient(Step.WeightGradient step) {
            double sum = 0;
            for (int s = 0; s < step.deltas().size(); s++) {
                sum += step.deltas().get(s).value() * step.inputs().get(s).value();
            }
            return sum / step.deltas().size();
        }

        @Override
        public Double biasGradient(Step.BiasGradient step) {
            double sum = 0;
            for (Operand d : step.deltas()) {
                sum += d.value();
            }
            return sum / step.deltas().size();
        }

        @Override
        public Double update(Step.Update step) {
            return step.old().value() - step.learningRate().value() * step.gradient().value();
        }

        @Override
        public Double unchanged(Step.Unchanged step) {
            return step.old().value();
        }

        @Override
        public Double decay(Step.Decay step) {
            return step.gradient().value() + step.decay().value() * step.parameter().value();
        }

        @Override
        public Double momentumBuffer(Step.MomentumBuffer step) {
            double g = step.gradient().value();
            return step.previous() == null ? g : step.momentum().value() * step.previous().value() + g;
        }

        @Override
        public Double movingAverage(Step.MovingAverage step) {
            double g = step.gradient().value();
            double beta = step.rate().value();
            double before = step.previous() == null ? 0 : step.previous().value();
            return beta * before + (1 - beta) * (step.squared() ? g * g : g);
        }

        @Override
        public Double biasCorrection(Step.BiasCorrection step) {
            assertEquals(1 - Math.pow(step.rate().value(), step.step()), step.correction(), 1e-15, "1 − βᵗ of " + step);
            return step.moment().value() / (1 - Math.pow(step.rate().value(), step.step()));
        }

        @Override
        public Double nesterovUpdate(Step.NesterovUpdate step) {
            double direction = step.gradient().value() + step.momentum().value() * step.buffer().value();
            assertEquals(direction, step.direction(), 1e-15 + 1e-12 * Math.abs(direction), "g + μ·b of " + step);
            return step.old().value() - step.learningRate().value() * direction;
        }

        @Override
        public Double adaptiveUpdate(Step.AdaptiveUpdate step) {
            double root = Math.sqrt(step.average().value());
            assertEquals(root, step.root(), 1e-15 + 1e-12 * root, "√ of " + step);
            return step.old().value() - step.learningRate().value() * step.numerator().value()
                    / (root + step.epsilon().value());
        }
    }

    /** Every operand of a step, gathered with the exhaustive visitor. */
    static List<Operand> operands(Step step) {
        return step.accept(new Step.Visitor<List<Operand>>() {
            @Override
            public List<Operand> given(Step.Given s) {
                return List.of();
            }

            @Override
            public List<Operand> weightedSum(Step.WeightedSum s) {
                List<Operand> ops = new ArrayList<>(s.weights());
                ops.addAll(s.inputs());
                ops.add(s.bias());
                return ops;
            }

            @Override
            public List<Operand> activate(Step.Activate s) {
                return List.of(s.z());
            }

            @Override
            public List<Operand> softmax(Step.Softmax s) {
                return s.layer();
            }

            @Override
            public List<Operand> sampleLoss(Step.SampleLoss s) {
                List<Operand> ops = new ArrayList<>(s.outputs());
                ops.addAll(s.targets());
                return ops;
            }

            @Override
            public List<Operand> datasetLoss(Step.DatasetLoss s) {
                return s.sampleLosses();
            }

            @Override
            public List<Operand> outputDelta(Step.OutputDelta s) {
                return List.of(s.output(), s.target());
            }

            @Override
            public List<Operand> hiddenDelta(Step.HiddenDelta s) {
                List<Operand> ops = new ArrayList<>(s.weights());
                ops.addAll(s.nextDeltas());
                ops.add(s.output());
                return ops;
            }

            @Override
            public List<Operand> weightGradient(Step.WeightGradient s) {
                List<Operand> ops = new ArrayList<>(s.deltas());
                ops.addAll(s.inputs());
                return ops;
            }

            @Override
            public List<Operand> biasGradient(Step.BiasGradient s) {
                return s.deltas();
            }

            @Override
            public List<Operand> update(Step.Update s) {
                return List.of(s.old(), s.learningRate(), s.gradient());
            }

            @Override
            public List<Operand> unchanged(Step.Unchanged s) {
                return List.of(s.old());
            }

            @Override
            public List<Operand> decay(Step.Decay s) {
                return List.of(s.gradient(), s.decay(), s.parameter());
            }

            @Override
            public List<Operand> momentumBuffer(Step.MomentumBuffer s) {
                List<Operand> ops = new ArrayList<>();
                if (s.previous() != null) {
                    ops.add(s.previous());
                }
                ops.add(s.momentum());
                ops.add(s.gradient());
                return ops;
            }

            @Override
            public List<Operand> movingAverage(Step.MovingAverage s) {
                List<Operand> ops = new ArrayList<>();
                if (s.previous() != null) {
                    ops.add(s.previous());
                }
                ops.add(s.rate());
                ops.add(s.gradient());
                return ops;
            }

            @Override
            public List<Operand> biasCorrection(Step.BiasCorrection s) {
                return List.of(s.moment(), s.rate());
            }

            @Override
            public List<Operand> nesterovUpdate(Step.NesterovUpdate s) {
                return List.of(s.old(), s.learningRate(), s.gradient(), s.momentum(), s.buffer());
            }

            @Override
            public List<Operand> adaptiveUpdate(Step.AdaptiveUpdate s) {
                return List.of(s.old(), s.learningRate(), s.numerator(), s.average(), s.epsilon());
            }
        });
    }

    @Test
    void hidden_deltas_use_wold_under_the_original_rule_and_the_updated_w_under_the_updated_rule() {
        Trace original = Solver.solve(mazur().build()).firstUpdate();
        Trace updated = Solver.solve(mazur().hiddenDeltaWeights(HiddenDeltaWeights.UPDATED).build()).firstUpdate();
        for (int j = 0; j < 2; j++) {
            Step.HiddenDelta o = (Step.HiddenDelta) original.step("delta[1][" + j + "]").orElseThrow();
            Step.HiddenDelta u = (Step.HiddenDelta) updated.step("delta[1][" + j + "]").orElseThrow();
            for (int k = 0; k < 2; k++) {
                assertEquals("Wold[2][" + k + "][" + j + "]", o.weights().get(k).key());
                assertEquals("W[2][" + k + "][" + j + "]", u.weights().get(k).key());
                assertEquals(new double[][] {{0.40, 0.45}, {0.50, 0.55}}[k][j], o.weights().get(k).value());
                assertEquals(updated.step("W[2][" + k + "][" + j + "]").orElseThrow().value(), u.weights().get(k).value());
                assertNotEquals(o.weights().get(k).value(), u.weights().get(k).value());
            }
        }
    }

    @Test
    void the_trace_is_immutable() {
        Solution s = Solver.solve(mazur().build());
        Trace t = s.firstUpdate();
        assertThrows(UnsupportedOperationException.class, () -> t.steps().add(t.steps().get(0)));
        assertThrows(UnsupportedOperationException.class, () -> t.steps().remove(0));
        assertThrows(UnsupportedOperationException.class, () -> t.layers().set(0, t.layers().get(1)));
        Step.WeightedSum z = (Step.WeightedSum) t.step("z[1][0]").orElseThrow();
        assertThrows(UnsupportedOperationException.class, () -> z.weights().clear());
        assertThrows(UnsupportedOperationException.class, () -> z.inputs().clear());

        LayerUpdate u = t.layers().get(2);
        double[] zs = u.z();
        double[][] w = u.weights();
        double[][] g = u.weightGradients();
        zs[0] = 99;
        w[0][0] = 99;
        g[1][1] = 99;
        u.a()[0] = 99;
        u.delta()[0] = 99;
        u.biases()[0] = 99;
        u.biasGradients()[0] = 99;
        assertEquals(1.10590596705977, u.z()[0], 1e-12);
        assertEquals(0.35891647971788465, u.weights()[0][0], 1e-12);
        assertEquals(-0.02274024221597822, u.weightGradients()[1][1], 1e-12);
        assertEquals(0.7513650695523157, u.a()[0], 1e-12);
        assertEquals(0.13849856162855698, u.delta()[0], 1e-12);
        assertEquals(0.6 - 0.5 * 0.13849856162855698, u.biases()[0], 1e-12);
        assertEquals(0.13849856162855698, u.biasGradients()[0], 1e-12);

        // Arrays handed in are copied too.
        double[] in = {1, 2};
        LayerUpdate copy = LayerUpdate.input(in);
        in[0] = 99;
        assertArrayEquals(new double[] {1, 2}, copy.a());
        List<Step> list = new ArrayList<>(t.steps());
        Trace made = new Trace(t.layers(), list);
        list.clear();
        assertEquals(t.steps().size(), made.steps().size());

        double[] history = s.lossHistory();
        history[0] = 99;
        assertNotEquals(99.0, s.lossHistory()[0]);
    }

    @Test
    void the_traced_path_agrees_with_the_trainer_to_the_bit() {
        for (Problem p : randomProblems()) {
            assertTrainerAgrees(p);
        }
    }

    @Test
    void the_trainer_agrees_to_the_bit_on_wide_layers_with_negative_zero_weights() {
        // A first layer of 8 or more neurons is kept input-major (vectorised across neurons); a −0
        // weight or bias makes updates keep the traced path's 0 + δ·a. Both rules, batches of 1 and 3.
        Random r = new Random(77);
        for (int k = 0; k < 40; k++) {
            int in = 1 + r.nextInt(6);
            int wide = 8 + r.nextInt(20);
            Activation f = RandomProblems.HIDDEN.get(r.nextInt(RandomProblems.HIDDEN.size()));
            // a second layer of 16 or more keeps an input-major copy for its forward sums
            int next = k % 3 == 1 ? 2 : 16 + r.nextInt(9);
            Activation g = RandomProblems.HIDDEN.get(r.nextInt(RandomProblems.HIDDEN.size()));
            // and an output layer of 18 on 2 inputs is small (written out) and copied at once
            int last = k % 3 == 1 ? 18 : 2;
            Network net = RandomProblems.network(r, in, new int[] {wide, next, last}, new Activation[] {f, g, Activation.SIGMOID});
            if (k % 2 == 0) {
                // −0 weights from input 0, which is ±0 in the first samples: their updates are −0 − α·(±0)
                double[][] w = net.layer(1).weights();
                double[] b = net.layer(1).biases();
                for (int j = 0; j < wide; j++) {
                    w[j][0] = -0.0;
                }
                b[r.nextInt(wide)] = -0.0;
                net = net.withLayer(1, new Layer(f, w, b));
            }
            Problem.Builder b = Problem.builder().network(net).learningRate(0.2).epochs(3)
                    .batchSize(k % 4 < 2 ? 1 : 3)
                    .hiddenDeltaWeights(k % 3 == 0 && k % 4 < 2 ? HiddenDeltaWeights.UPDATED : HiddenDeltaWeights.ORIGINAL);
            for (int s = 0; s < 5; s++) {
                double[] x = RandomProblems.input(r, in);
                x[0] = s == 0 ? 0.0 : s == 1 ? -0.0 : x[0];
                double[] y = new double[last];
                Arrays.fill(y, 0.25);
                y[0] = 0.75;
                b.sample(x, y);
            }
            assertTrainerAgrees(b.build());
        }
    }

    private static void assertTrainerAgrees(Problem p) {
        Solution s = Solver.solve(p);
        String what = p.toString();
        Trainer fresh = Trainer.of(p);
        assertEquals(fresh.loss(), s.lossBefore(), what);
        double[] out = fresh.predict(p.samples().get(0).input());
        assertArrayEquals(out, s.firstUpdate().layers().get(p.network().depth() - 1).a(), what);

        // The first batch alone, trained by the fast path, gives the traced update bit for bit.
        int m = p.effectiveBatchSize();
        List<Sample> batch = p.samples().subList(0, m);
        Problem first = new Problem(p.network(), p.loss(), p.learningRate(), batch, 1, p.batchSize(), p.updateBiases(),
                p.hiddenDeltaWeights(), null, Map.of());
        Trainer t = Trainer.of(first);
        t.epoch();
        Network fast = t.network();
        for (int l = 1; l < p.network().depth(); l++) {
            LayerUpdate u = s.firstUpdate().layers().get(l);
            Layer layer = fast.layer(l);
            assertArrayEquals(layer.weights(), u.weights(), what + " layer " + l);
            assertArrayEquals(layer.biases(), u.biases(), what + " layer " + l);
        }

        // Every epoch on the fast path alone gives the same history and network, bit for bit.
        Trainer all = Trainer.of(p);
        double[] history = new double[p.epochs()];
        for (int e = 0; e < p.epochs(); e++) {
            all.epoch();
            history[e] = all.loss();
        }
        assertArrayEquals(history, s.lossHistory(), what);
        assertEquals(all.network(), s.network(), what);
    }
}
