package dev.backprop.engine.train;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.trace.LayerUpdate;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.trace.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Extreme values: saturation, overflow, ln 0 and divergence stop with a message, never a NaN. */
class NumericsTest {
    /** A quantity key such as W[1][0][2] or a[2][0], or "the loss of samples[3]". */
    private static final Pattern QUANTITY = Pattern.compile("\\b([A-Za-z]+(\\[\\d+])+|loss of samples\\[\\d+])");

    @Test
    void sigmoid_saturates_to_one_and_zero_at_plus_and_minus_1000_without_nan() {
        assertEquals(1.0, Activation.SIGMOID.apply(1000));
        assertEquals(0.0, Activation.SIGMOID.apply(-1000));
        assertEquals(0.0, Activation.SIGMOID.derivative(Activation.SIGMOID.apply(1000)));
        assertEquals(1.0, Activation.TANH.apply(1000));

        // Through the solver: a hidden layer at z = ±1000 and an output at z = 1000.
        Network net = Network.builder().input(1)
                .dense(Activation.SIGMOID, new double[][] {{1000.0}, {-1000.0}}, 0.0, 0.0)
                .dense(Activation.SIGMOID, new double[][] {{1000.0, 1.0}}, 0.0)
                .build();
        Problem p = Problem.builder().network(net).learningRate(0.5).epochs(3)
                .sample(new double[] {1.0}, new double[] {0.5}).build();
        Solution s = Solver.solve(p);
        LayerUpdate hidden = s.firstUpdate().layers().get(1);
        assertArrayEquals(new double[] {1.0, 0.0}, hidden.a());
        assertEquals(1.0, s.firstUpdate().layers().get(2).a()[0]);
        assertEquals(0.125, s.lossBefore(), "½(0.5 − 1)²");
        assertArrayEquals(new double[] {0.0, 0.0}, hidden.delta(), "saturated neurons pass no error");
        assertAllFinite(s);
    }

    @Test
    void softmax_of_1000_1000_minus_1000_is_finite() {
        double[] a = new double[3];
        Kernels.softmax(new double[] {1000, 1000, -1000}, a, 3);
        assertArrayEquals(new double[] {0.5, 0.5, 0.0}, a);

        Network net = Network.builder().input(1)
                .dense(Activation.SOFTMAX, new double[][] {{1000.0}, {1000.0}, {-1000.0}}, 0.0, 0.0, 0.0)
                .build();
        Problem p = Problem.builder().network(net).loss(Loss.CROSS_ENTROPY).learningRate(0.1)
                .sample(new double[] {1.0}, new double[] {1.0, 0.0, 0.0}).build();
        Solution s = Solver.solve(p);
        assertArrayEquals(new double[] {0.5, 0.5, 0.0}, s.firstUpdate().layers().get(1).a());
        assertEquals(Math.log(2), s.lossBefore(), 1e-15, "−ln 0.5");
        assertArrayEquals(new double[] {-0.5, 0.5, 0.0}, s.firstUpdate().layers().get(1).delta(), "δ = a − y");
        assertAllFinite(s);
    }

    @Test
    void cross_entropy_of_a_zero_softmax_output_names_the_loss_and_the_sample() {
        Network net = Network.builder().input(1)
                .dense(Activation.SOFTMAX, new double[][] {{1000.0}, {1000.0}, {-1000.0}}, 0.0, 0.0, 0.0)
                .build();
        Problem p = Problem.builder().network(net).loss(Loss.CROSS_ENTROPY).learningRate(0.1)
                .sample(new double[] {0.0}, new double[] {0.0, 0.0, 1.0})
                .sample(new double[] {1.0}, new double[] {0.0, 0.0, 1.0}).build();
        assertLnZero(p, "samples[1]");
    }

    @Test
    void binary_cross_entropy_of_a_saturated_sigmoid_names_the_loss_and_the_sample() {
        // σ(40) is exactly 1.0 in double, so ln(1 − a) is ln 0 for the target 0.
        assertEquals(1.0, Activation.SIGMOID.apply(40));
        Network net = Network.builder().input(1)
                .dense(Activation.SIGMOID, new double[][] {{40.0}}, 0.0)
                .build();
        Problem p = Problem.builder().network(net).loss(Loss.BINARY_CROSS_ENTROPY).learningRate(0.1)
                .sample(new double[] {0.0}, new double[] {0.0})
                .sample(new double[] {1.0}, new double[] {0.0}).build();
        assertLnZero(p, "samples[1]");
    }

    @Test
    void binary_cross_entropy_of_a_given_output_of_one_names_the_loss_and_the_sample() {
        Network net = Network.builder().input(1)
                .dense(Activation.SIGMOID, new double[][] {{0.5}}, 0.0)
                .dense(Activation.SIGMOID, new double[][] {{0.5}}, 0.0)
                .build();
        Problem p = Problem.builder().network(net).loss(Loss.BINARY_CROSS_ENTROPY).learningRate(0.1)
                .sample(new double[] {1.0}, new double[] {0.0}).given("a[2][0]", 1.0).build();
        assertLnZero(p, "samples[0]");
    }

    @Test
    void an_output_rounded_to_one_meets_ln_0_with_the_same_message() {
        // σ(6) = 0.99753 rounds to 1.00 at two decimals.
        Network net = Network.builder().input(1)
                .dense(Activation.SIGMOID, new double[][] {{6.0}}, 0.0)
                .build();
        Problem p = Problem.builder().network(net).loss(Loss.BINARY_CROSS_ENTROPY).learningRate(0.1)
                .sample(new double[] {1.0}, new double[] {0.0}).rounding(Rounding.decimals(2)).build();
        assertLnZero(p, "samples[0]");
    }

    private static void assertLnZero(Problem p, String sample) {
        ProblemException e = assertThrows(ProblemException.class, () -> Solver.solve(p));
        assertEquals(1, e.errors().size(), e.getMessage());
        FieldError error = e.errors().get(0);
        assertEquals("loss", error.field());
        assertTrue(error.message().contains(sample), error.message());
        assertTrue(error.message().contains("ln 0"), error.message());
        assertTrue(!error.message().contains("NaN"), error.message());
    }

    private static Problem linear(double alpha, int epochs, int batch, Rounding rounding) {
        Network net = Network.builder().input(2)
                .dense(Activation.LINEAR, new double[][] {{0.5, -0.3}, {0.8, 0.2}, {-0.4, 0.9}}, 0.1, 0.0, -0.1)
                .dense(Activation.LINEAR, new double[][] {{0.7, -0.6, 0.3}}, 0.05)
                .build();
        return Problem.builder().network(net).learningRate(alpha).epochs(epochs).batchSize(batch).rounding(rounding)
                .sample(new double[] {1.0, 2.0}, new double[] {1.0})
                .sample(new double[] {-1.5, 0.5}, new double[] {-2.0})
                .sample(new double[] {0.3, -0.7}, new double[] {0.5})
                .build();
    }

    @Test
    void diverging_training_names_the_epoch_and_a_quantity() {
        ProblemException e = assertThrows(ProblemException.class, () -> Solver.solve(linear(1e6, 100, 1, null)));
        assertDiverged(e);
    }

    @Test
    void divergence_is_reported_and_never_returned_as_nan_for_any_learning_rate() {
        List<Executable> checks = new ArrayList<>();
        for (double alpha : new double[] {1, 10, 1e2, 1e3, 1e4, 1e6, 1e9, 1e12, 1e15, 1e30, 1e100, 1e200, 1e300}) {
            for (int epochs : new int[] {1, 2, 5, 50, 500}) {
                for (int batch : new int[] {1, 2, 3}) {
                    checks.add(() -> {
                        String what = "α = " + alpha + ", " + epochs + " epochs, batch " + batch;
                        try {
                            assertAllFinite(Solver.solve(linear(alpha, epochs, batch, null)));
                        } catch (ProblemException e) {
                            assertDiverged(e, what);
                        }
                    });
                }
            }
        }
        assertAll(checks);
    }

    @Test
    void divergence_under_rounding_names_the_epoch_and_a_quantity() {
        List<Executable> checks = new ArrayList<>();
        for (double alpha : new double[] {1e6, 1e100, 1e300}) {
            checks.add(() -> {
                try {
                    assertAllFinite(Solver.solve(linear(alpha, 40, 1, Rounding.significant(6))));
                } catch (ProblemException e) {
                    assertDiverged(e, "α = " + alpha);
                }
            });
        }
        assertAll(checks);
    }

    @Test
    void a_network_whose_outputs_overflow_before_training_is_refused_naming_the_output() {
        Network huge = Network.builder().input(1)
                .dense(Activation.LINEAR, new double[][] {{1e200}}, 0.0)
                .dense(Activation.LINEAR, new double[][] {{1e200}}, 0.0)
                .build();
        Problem p = Problem.builder().network(huge).learningRate(0.1).sample(new double[] {1.0}, new double[] {0.0}).build();
        ProblemException e = assertThrows(ProblemException.class, () -> Solver.solve(p));
        assertEquals("layers", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("z[2][0] of samples[0] overflows"), e.getMessage());
    }

    /**
     * The reproduction: an overflow makes ∞ − ∞ = NaN in the weights; a relu layer turned
     * the NaN into 0, so the loss stayed finite (1.2625) and the trained weights were NaN.
     */
    private static final String NAN_BEHIND_RELU = """
            {"layers":[{"size":1},{"size":3,"activation":"linear","weights":[[0.2],[0.5],[0.6]],"biases":[-0.2,0.3,-0.5]},
              {"size":5,"activation":"relu","weights":[[-0.6,0.7,-0.7],[-0.4,-0.3,-0.4],[-0.4,0.2,-0.6],[1.0,-0.1,-0.6],
                [-0.9,-0.7,-0.5]]}],
             "loss":"squared-error","learningRate":0.7,
             "samples":[{"input":[-1.0],"target":[-0.2,-0.3,-0.2,0.0,0.6]},{"input":[-0.6],"target":[-0.0,0.1,-0.9,0.2,0.1]},
               {"input":[0.3],"target":[0.5,-0.8,-0.4,-0.5,0.3]},{"input":[-0.3],"target":[0.6,-1.0,-0.5,0.1,0.8]}],
             "epochs":3,"updateBiases":false%s}""";

    @Test
    void weights_that_stop_being_numbers_behind_a_relu_are_refused_naming_the_epoch_and_the_weight() {
        for (String rounding : new String[] {"", ", \"rounding\": {\"significant\": 6}"}) {
            Problem p = ProblemJson.read(NAN_BEHIND_RELU.formatted(rounding));
            ProblemException e = assertThrows(ProblemException.class, () -> Solver.solve(p), rounding);
            assertDiverged(e, "rounding " + rounding);
            assertTrue(e.getMessage().contains("epoch 3"), e.getMessage());
            assertTrue(Pattern.compile("\\bW\\[\\d]\\[\\d]\\[\\d] is (not a number|no longer a finite number)").matcher(e.getMessage()).find(),
                    e.getMessage());
        }
    }

    @Test
    void relu_passes_a_nan_on_instead_of_turning_it_into_zero() {
        assertTrue(Double.isNaN(Activation.RELU.apply(Double.NaN)));
        assertEquals(0.0, Activation.RELU.apply(-0.0));
        assertEquals(0.0, Activation.RELU.apply(-3.0));
        assertEquals(2.5, Activation.RELU.apply(2.5));
    }

    /**
     * The issue's ∞ on a page: a relu output 0 times Σ W·δ = 1e308 · 1e10. Exact decimals made
     * δ = 0 but wrote Σ W·δ as ∞ (null in the JSON); it is refused as the plain path refuses ∞ · 0.
     */
    private static final String INFINITE_WEIGHTED_ERROR = """
            {"layers":[{"size":1},{"size":1,"activation":"relu","weights":[[-1]],"biases":[0]},
              {"size":1,"activation":"linear","weights":[[1e308]],"biases":[1e10]}],
             "learningRate":0.5,"samples":[{"input":[1],"target":[0]}]%s}""";

    @Test
    void a_weighted_error_beyond_double_precision_is_refused_with_rounding_as_without() {
        Problem plain = ProblemJson.read(INFINITE_WEIGHTED_ERROR.formatted(""));
        Problem exact = ProblemJson.read(INFINITE_WEIGHTED_ERROR.formatted(", \"rounding\": {\"significant\": 3}"));
        ProblemException p = assertThrows(ProblemException.class, () -> Solver.solve(plain));
        ProblemException x = assertThrows(ProblemException.class, () -> Solver.solve(exact));
        assertDiverged(p, "plain");
        assertDiverged(x, "exact");
        assertTrue(p.getMessage().contains("epoch 1") && x.getMessage().contains("epoch 1"), p.getMessage() + " / " + x.getMessage());
        assertTrue(x.getMessage().contains("Σ W·δ for delta[1][0]"), x.getMessage());
    }

    @Test
    void no_answer_holds_a_number_that_is_not_finite_whatever_the_weights_inputs_and_learning_rate() {
        java.util.Random rnd = new java.util.Random(9);
        Activation[] hidden = {Activation.RELU, Activation.LINEAR, Activation.TANH, Activation.SIGMOID};
        Activation[] output = {Activation.LINEAR, Activation.RELU, Activation.SIGMOID};
        double[] scales = {1, 1e20, 1e100, 1e154, 1e200, 1e300};
        double[] alphas = {0.5, 1e3, 1e50, 1e150, 1e300};
        List<Executable> checks = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            double scale = scales[rnd.nextInt(scales.length)];
            int inputs = 1 + rnd.nextInt(2);
            int width = 1 + rnd.nextInt(3);
            Network.Builder b = Network.builder().input(inputs)
                    .dense(hidden[rnd.nextInt(hidden.length)], matrix(rnd, width, inputs, scale), vector(rnd, width, scale))
                    .dense(output[rnd.nextInt(output.length)], matrix(rnd, 2, width, scale), vector(rnd, 2, scale));
            Problem.Builder pb = Problem.builder().network(b.build()).loss(Loss.SQUARED_ERROR)
                    .learningRate(alphas[rnd.nextInt(alphas.length)]).epochs(1 + rnd.nextInt(4))
                    .batchSize(1 + rnd.nextInt(2)).rounding(rnd.nextBoolean() ? Rounding.significant(4) : null);
            for (int s = 1 + rnd.nextInt(3); s > 0; s--) {
                pb.sample(vector(rnd, inputs, rnd.nextBoolean() ? 1 : scale), vector(rnd, 2, 1));
            }
            Problem p = pb.build();
            String what = ProblemJson.toJson(p);
            checks.add(() -> {
                Solution solution;
                try {
                    solution = Solver.solve(p);
                } catch (ProblemException e) {
                    assertEquals(1, e.errors().size(), what);
                    assertTrue(List.of("learningRate", "layers", "loss").contains(e.errors().get(0).field()), e.getMessage());
                    return;
                }
                assertAllFinite(solution);
                // The answer as served: every number of every step, factor and operand, and of the network.
                String json = dev.backprop.engine.json.SolutionJson.toJson(solution);
                assertTrue(!json.contains("null") && !json.contains("NaN") && !json.contains("Infinity"), what);
            });
        }
        assertAll(checks);
    }

    private static double[][] matrix(java.util.Random rnd, int rows, int cols, double scale) {
        double[][] m = new double[rows][];
        for (int j = 0; j < rows; j++) {
            m[j] = vector(rnd, cols, scale);
        }
        return m;
    }

    private static double[] vector(java.util.Random rnd, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rnd.nextInt(2001) - 1000) / 1000.0 * scale;
        }
        return v;
    }

    private static void assertDiverged(ProblemException e, String what) {
        try {
            assertDiverged(e);
        } catch (AssertionError a) {
            throw new AssertionError(what + ": " + a.getMessage(), a);
        }
    }

    private static void assertDiverged(ProblemException e) {
        assertEquals(1, e.errors().size(), e.getMessage());
        FieldError error = e.errors().get(0);
        assertEquals("learningRate", error.field(), error.message());
        assertTrue(Pattern.compile("epoch \\d+").matcher(error.message()).find(), "names the epoch: " + error.message());
        assertTrue(QUANTITY.matcher(error.message()).find(),
                "names a quantity: " + error.message());
    }

    private static void assertAllFinite(Solution s) {
        assertTrue(Double.isFinite(s.lossBefore()), "lossBefore " + s.lossBefore());
        for (double loss : s.lossHistory()) {
            assertTrue(Double.isFinite(loss), "lossHistory has " + loss);
        }
        for (Step step : s.firstUpdate().steps()) {
            assertTrue(Double.isFinite(step.value()), step.quantity() + " = " + step.value());
        }
        for (Layer layer : s.network().layers()) {
            for (double[] row : layer.weights()) {
                for (double w : row) {
                    assertTrue(Double.isFinite(w), "a trained weight is " + w);
                }
            }
            for (double b : layer.biases()) {
                assertTrue(Double.isFinite(b), "a trained bias is " + b);
            }
        }
    }
}
