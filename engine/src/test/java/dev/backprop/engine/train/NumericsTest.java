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
        Activation.softmax(new double[] {1000, 1000, -1000}, a, 3);
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
        assertTrue(e.errors().get(0).message().contains("a[2][0] of samples[0]"), e.getMessage());
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
