package dev.backprop.engine.train;

import static dev.backprop.engine.support.Approx.assertClose;
import static dev.backprop.engine.support.Published.mazur;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.support.IndependentBackprop;
import dev.backprop.engine.support.RandomProblems;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.trace.Trace;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The training conventions of contract §1: hidden-delta weights, batches, frozen biases, epochs. */
class ConventionsTest {

    private static BigDecimal nine(double x) {
        return new BigDecimal(x).setScale(9, RoundingMode.HALF_UP);
    }

    @Test
    void the_updated_weights_rule_gives_mazurs_published_0_291027924_and_the_original_rule_0_291027774() {
        Solution updated = Solver.solve(mazur().hiddenDeltaWeights(HiddenDeltaWeights.UPDATED).build());
        Solution original = Solver.solve(mazur().build());
        assertEquals(new BigDecimal("0.291027924"), nine(updated.lossAfter()));
        assertEquals(new BigDecimal("0.291027774"), nine(original.lossAfter()));
        assertEquals(new BigDecimal("0.298371109"), nine(original.lossBefore()));
    }

    @Test
    void the_updated_weights_rule_changes_only_the_hidden_deltas() {
        Trace updated = Solver.solve(mazur().hiddenDeltaWeights(HiddenDeltaWeights.UPDATED).build()).firstUpdate();
        Trace original = Solver.solve(mazur().build()).firstUpdate();
        assertArrayEquals(original.layers().get(2).weights(), updated.layers().get(2).weights());
        assertArrayEquals(original.layers().get(2).delta(), updated.layers().get(2).delta());
        double[] d2 = original.layers().get(2).delta();
        double[] a1 = original.layers().get(1).a();
        double[][] w2Old = {{0.40, 0.45}, {0.50, 0.55}};
        double[][] w2New = original.layers().get(2).weights();
        for (int j = 0; j < 2; j++) {
            // δ_j = (Σ_k W[2][k][j]·δ_k) · a_j(1 − a_j)
            double slope = a1[j] * (1 - a1[j]);
            double withOld = (w2Old[0][j] * d2[0] + w2Old[1][j] * d2[1]) * slope;
            double withNew = (w2New[0][j] * d2[0] + w2New[1][j] * d2[1]) * slope;
            assertClose(withOld, original.layers().get(1).delta()[j], "original δ[1][" + j + "] uses the old W");
            assertClose(withNew, updated.layers().get(1).delta()[j], "updated δ[1][" + j + "] uses the new W");
            assertNotEquals(withOld, withNew);
        }
    }

    /** ∂L/∂W and ∂L/∂b of one sample, by the independent implementation: {W…, b…} per layer. */
    private static double[][][][] gradients(Network net, Loss loss, Sample sample) {
        Problem p = Problem.builder().network(net).loss(loss).learningRate(1).sample(sample).build();
        IndependentBackprop.Result r = IndependentBackprop.solve(p);
        double[][][][] g = new double[net.depth()][][][];
        for (int l = 1; l < net.depth(); l++) {
            double[][] w = new double[r.weightGradients[l].length][];
            for (int j = 0; j < w.length; j++) {
                w[j] = new double[r.weightGradients[l][j].length];
                for (int i = 0; i < w[j].length; i++) {
                    w[j][i] = r.weightGradients[l][j][i].doubleValue();
                }
            }
            double[] b = new double[r.biasGradients[l].length];
            for (int j = 0; j < b.length; j++) {
                b[j] = r.biasGradients[l][j].doubleValue();
            }
            g[l] = new double[][][] {w, {b}};
        }
        return g;
    }

    /** One gradient-descent step with the mean gradient of the given samples, written out here. */
    private static Network meanStep(Network net, Loss loss, double alpha, List<Sample> batch) {
        List<double[][][][]> gs = new ArrayList<>();
        for (Sample s : batch) {
            gs.add(gradients(net, loss, s));
        }
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < net.depth(); l++) {
            Layer old = net.layer(l);
            double[][] w = old.weights();
            double[] b = old.biases();
            for (int j = 0; j < old.size(); j++) {
                for (int i = 0; i < old.inputs(); i++) {
                    double sum = 0;
                    for (double[][][][] g : gs) {
                        sum += g[l][0][j][i];
                    }
                    w[j][i] -= alpha * sum / batch.size();
                }
                double sum = 0;
                for (double[][][][] g : gs) {
                    sum += g[l][1][0][j];
                }
                b[j] -= alpha * sum / batch.size();
            }
            layers.add(new Layer(old.activation(), w, b));
        }
        return Network.of(net.inputSize(), layers);
    }

    private static void assertNetworksClose(Network expected, Network actual, String what) {
        for (int l = 1; l < expected.depth(); l++) {
            assertClose(expected.layer(l).weights(), actual.layer(l).weights(), what + " layers[" + l + "].weights");
            assertClose(expected.layer(l).biases(), actual.layer(l).biases(), what + " layers[" + l + "].biases");
        }
    }

    private static Problem.Builder threeSamples(int batchSize) {
        Random r = new Random(11);
        Network net = RandomProblems.network(r, 3, new int[] {4, 2}, new Activation[] {Activation.TANH, Activation.SIGMOID});
        Problem.Builder b = Problem.builder().network(net).loss(Loss.SQUARED_ERROR).learningRate(0.7).batchSize(batchSize);
        for (int s = 0; s < 3; s++) {
            b.sample(RandomProblems.input(r, 3), new double[] {r.nextDouble(), r.nextDouble()});
        }
        return b;
    }

    @Test
    void full_batch_is_one_update_with_the_mean_gradient() {
        Problem p = threeSamples(3).build();
        Solution s = Solver.solve(p);
        Network expected = meanStep(p.network(), p.loss(), p.learningRate(), p.samples());
        assertNetworksClose(expected, s.network(), "full batch");
        assertNetworksClose(expected, Solver.solve(threeSamples(10).build()).network(), "batch size beyond the sample count");

        // The reported gradient is the mean of the samples' gradients.
        double[][][][] g0 = gradients(p.network(), p.loss(), p.samples().get(0));
        double[][][][] g1 = gradients(p.network(), p.loss(), p.samples().get(1));
        double[][][][] g2 = gradients(p.network(), p.loss(), p.samples().get(2));
        double[][] reported = s.firstUpdate().layers().get(1).weightGradients();
        for (int j = 0; j < reported.length; j++) {
            for (int i = 0; i < reported[j].length; i++) {
                assertClose((g0[1][0][j][i] + g1[1][0][j][i] + g2[1][0][j][i]) / 3, reported[j][i], "dW[1][" + j + "][" + i + "]");
            }
        }
    }

    @Test
    void online_training_updates_after_every_sample() {
        Problem p = threeSamples(1).build();
        Network net = p.network();
        for (Sample sample : p.samples()) {
            net = meanStep(net, p.loss(), p.learningRate(), List.of(sample));
        }
        Network online = Solver.solve(p).network();
        assertNetworksClose(net, online, "online");
        Network fullBatch = meanStep(p.network(), p.loss(), p.learningRate(), p.samples());
        assertFalse(Math.abs(fullBatch.layer(1).weight(0, 0) - online.layer(1).weight(0, 0)) < 1e-6,
                "online and full batch differ");
    }

    @Test
    void the_last_batch_of_an_epoch_may_be_smaller_and_uses_its_own_mean() {
        Random r = new Random(23);
        Network net = RandomProblems.network(r, 2, new int[] {3, 1}, new Activation[] {Activation.RELU, Activation.LINEAR});
        Problem.Builder b = Problem.builder().network(net).learningRate(0.2).batchSize(2).epochs(2);
        for (int s = 0; s < 5; s++) {
            b.sample(RandomProblems.input(r, 2), new double[] {RandomProblems.uniform(r, -1, 1)});
        }
        Problem p = b.build();
        List<Sample> xs = p.samples();
        Network expected = p.network();
        for (int epoch = 0; epoch < 2; epoch++) {
            expected = meanStep(expected, p.loss(), p.learningRate(), xs.subList(0, 2));
            expected = meanStep(expected, p.loss(), p.learningRate(), xs.subList(2, 4));
            expected = meanStep(expected, p.loss(), p.learningRate(), xs.subList(4, 5));
        }
        Solution s = Solver.solve(p);
        assertNetworksClose(expected, s.network(), "batches {0,1}, {2,3}, {4}");
        assertEquals(2, s.lossHistory().length);
    }

    @Test
    void frozen_biases_never_change_over_many_epochs() {
        Random r = new Random(3);
        Network net = RandomProblems.network(r, 3, new int[] {4, 3, 2},
                new Activation[] {Activation.SIGMOID, Activation.RELU, Activation.TANH});
        List<Problem> problems = new ArrayList<>();
        Problem.Builder online = Problem.builder().network(net).learningRate(0.3).epochs(300).updateBiases(false)
                .hiddenDeltaWeights(HiddenDeltaWeights.UPDATED);
        Problem.Builder batches = Problem.builder().network(net).learningRate(0.3).epochs(300).updateBiases(false).batchSize(3);
        Problem.Builder rounded = Problem.builder().network(net).learningRate(0.3).epochs(5).updateBiases(false).batchSize(2)
                .rounding(Rounding.decimals(5));
        for (int s = 0; s < 5; s++) {
            double[] x = RandomProblems.input(r, 3);
            double[] y = {RandomProblems.uniform(r, -0.9, 0.9), RandomProblems.uniform(r, -0.9, 0.9)};
            online.sample(x, y);
            batches.sample(x, y);
            rounded.sample(x, y);
        }
        problems.add(online.build());
        problems.add(batches.build());
        problems.add(rounded.build());
        for (Problem p : problems) {
            Solution s = Solver.solve(p);
            for (int l = 1; l < net.depth(); l++) {
                assertArrayEquals(net.layer(l).biases(), s.network().layer(l).biases(), "final biases of layer " + l);
                assertArrayEquals(net.layer(l).biases(), s.firstUpdate().layers().get(l).biases(), "first update, layer " + l);
                assertFalse(Arrays.deepEquals(net.layer(l).weights(), s.network().layer(l).weights()),
                        "the weights of layer " + l + " did train");
                for (int j = 0; j < net.size(l); j++) {
                    assertInstanceOf(Step.Unchanged.class, s.firstUpdate().step("b[" + l + "][" + j + "]").orElseThrow());
                }
            }
        }
    }

    @Test
    void each_epoch_adds_one_loss_and_lossafter_is_the_last() {
        Problem.Builder b = threeSamples(2).epochs(7);
        Solution seven = Solver.solve(b.build());
        assertEquals(7, seven.lossHistory().length);
        assertEquals(seven.lossHistory()[6], seven.lossAfter());
        for (int e = 1; e <= 7; e++) {
            Solution shorter = Solver.solve(threeSamples(2).epochs(e).build());
            assertEquals(e, shorter.lossHistory().length);
            assertEquals(seven.lossHistory()[e - 1], shorter.lossAfter(), "the loss after epoch " + e);
        }
        assertTrue(seven.lossHistory()[6] < seven.lossBefore(), "small steps reduce the loss");
    }
}
