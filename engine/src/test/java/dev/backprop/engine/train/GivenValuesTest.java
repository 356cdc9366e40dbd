package dev.backprop.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.support.IndependentBackprop;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.trace.Trace;
import org.junit.jupiter.api.Test;

/** Values an exercise states instead of letting them be computed (the seed's "assume A_o1 = 0.70"). */
class GivenValuesTest {
    private static final double EXACT = 1e-12;

    private static double value(Trace t, String key) {
        return t.step(key).orElseThrow(() -> new AssertionError("no step " + key)).value();
    }

    @Test
    void the_seed_assumptions_give_its_published_deltas_gradients_and_updates() {
        Trace t = Solver.solve(Published.seed().build()).firstUpdate();
        // δ_o1 = −(0.75 − 0.70) · 0.70 · (1 − 0.70)
        assertEquals(-0.0105, value(t, "delta[2][0]"), EXACT);
        // ∂L/∂W31 = δ_o1 · A_h1, ∂L/∂W41 = δ_o1 · A_h2 (the seed's W31 is weights[0][0] of layer 2)
        assertEquals(-0.006195, value(t, "dW[2][0][0]"), EXACT);
        assertEquals(-0.0063, value(t, "dW[2][0][1]"), EXACT);
        // W31 → 0.40 − 0.5 · (−0.006195), W41 → 0.45 − 0.5 · (−0.0063)
        assertEquals(0.4030975, value(t, "W[2][0][0]"), EXACT);
        assertEquals(0.45315, value(t, "W[2][0][1]"), EXACT);
        // δ_h1 = (0.40 · −0.0105) · 0.59 · 0.41, δ_h2 = (0.45 · −0.0105) · 0.60 · 0.40
        assertEquals(-0.00101598, value(t, "delta[1][0]"), EXACT);
        assertEquals(-0.001134, value(t, "delta[1][1]"), EXACT);
        // ∂L/∂W11 = δ_h1 · X1
        assertEquals(-0.00101598 * 0.05, value(t, "dW[1][0][0]"), EXACT);
        assertEquals(t.layers().get(2).delta()[0], value(t, "delta[2][0]"));
    }

    @Test
    void a_given_activation_replaces_the_computed_one_and_its_derivative_comes_from_it() {
        Trace t = Solver.solve(Published.seed().build()).firstUpdate();
        assertInstanceOf(Step.Given.class, t.step("a[2][0]").orElseThrow());
        assertEquals(0.70, t.layers().get(2).a()[0]);
        // z is still computed, from the given hidden activations: 0.40·0.59 + 0.45·0.60 + 0.60
        assertInstanceOf(Step.WeightedSum.class, t.step("z[2][0]").orElseThrow());
        assertEquals(1.106, value(t, "z[2][0]"), EXACT);
        Step.OutputDelta d = (Step.OutputDelta) t.step("delta[2][0]").orElseThrow();
        assertEquals(0.70 * 0.30, d.activationDerivative(), EXACT, "f' from the given a, not from σ(1.106)");
        assertEquals(0.70, d.output().value());
    }

    @Test
    void a_given_z_feeds_the_activation() {
        Problem p = Problem.builder().network(Published.seedNetwork()).learningRate(0.5)
                .sample(new double[] {0.05, 0.10}, new double[] {0.75})
                .given("z[1][0]", 0.5).build();
        Trace t = Solver.solve(p).firstUpdate();
        assertInstanceOf(Step.Given.class, t.step("z[1][0]").orElseThrow());
        Step.Activate a = (Step.Activate) t.step("a[1][0]").orElseThrow();
        assertEquals(0.5, a.z().value());
        double a10 = 1 / (1 + Math.exp(-0.5));
        double a11 = 1 / (1 + Math.exp(-(0.25 * 0.05 + 0.30 * 0.10 + 0.35)));
        assertEquals(a10, a.value(), EXACT);
        assertEquals(a11, value(t, "a[1][1]"), EXACT);
        assertEquals(0.40 * a10 + 0.45 * a11 + 0.60, value(t, "z[2][0]"), EXACT);
    }

    @Test
    void a_given_z_feeds_tanh_and_relu_too() {
        for (Activation f : new Activation[] {Activation.TANH, Activation.RELU, Activation.LINEAR}) {
            Network net = Network.builder().input(1)
                    .dense(f, new double[][] {{1.0}, {-1.0}}, 0.0, 0.0)
                    .dense(Activation.LINEAR, new double[][] {{1.0, 1.0}}, 0.0)
                    .build();
            Problem p = Problem.builder().network(net).learningRate(0.1)
                    .sample(new double[] {0.3}, new double[] {0.0})
                    .given("z[1][0]", 0.8).given("z[1][1]", -0.8).build();
            Trace t = Solver.solve(p).firstUpdate();
            double up = f == Activation.TANH ? Math.tanh(0.8) : 0.8;
            double down = f == Activation.TANH ? Math.tanh(-0.8) : f == Activation.RELU ? 0.0 : -0.8;
            assertEquals(up, value(t, "a[1][0]"), EXACT, f.id());
            assertEquals(down, value(t, "a[1][1]"), EXACT, f.id());
        }
    }

    @Test
    void loss_before_is_the_loss_of_the_stated_values() {
        Solution s = Solver.solve(Published.seed().build());
        // ½(0.75 − 0.70)², whatever the network would have computed (σ(1.106) ≈ 0.7514)
        assertEquals(0.00125, s.lossBefore(), EXACT);
        assertEquals(0.00125, value(s.firstUpdate(), "loss"), EXACT);
        double own = 1 / (1 + Math.exp(-1.106));
        assertTrue(Math.abs(0.5 * (0.75 - own) * (0.75 - own) - 0.00125) > 1e-4);

        // lossAfter is the updated network's own loss: no value is given after the step.
        double out = IndependentBackprop.outputs(s.network(), new double[] {0.05, 0.10})[0];
        assertEquals(0.5 * (0.75 - out) * (0.75 - out), s.lossAfter(), 1e-15);
        assertEquals(s.lossAfter(), value(s.firstUpdate(), "lossAfter"));
    }

    @Test
    void given_values_combine_with_rounding() {
        Trace t = Solver.solve(Published.seed().rounding(Rounding.decimals(4)).build()).firstUpdate();
        assertEquals(-0.0105, value(t, "delta[2][0]"));
        assertEquals(-0.0062, value(t, "dW[2][0][0]"), "−0.006195 is a tie at 4 places: away from zero");
        assertEquals(-0.0063, value(t, "dW[2][0][1]"));
        assertEquals(0.4031, value(t, "W[2][0][0]"), "0.40 − 0.5·(−0.0062)");
        assertEquals(-0.0010, value(t, "delta[1][0]"), "−0.00101598");
        assertEquals(-0.0011, value(t, "delta[1][1]"), "−0.001134");
        assertEquals(0.0013, value(t, "loss"), "0.00125 is a tie at 4 places");
    }
}
