package dev.backprop.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.support.HighPrecision;
import dev.backprop.engine.trace.Step;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Saturated units (|z| large): the δ keep full relative precision on both paths, the trace carries
 * the precise f′, and rounding and given values keep f′ written in a, as the contract says.
 */
class SaturatedUnitsTest {
    // 1 → tanh (z = 15 for x = 1) → tanh (z = 15·a + 0.5 ≈ 15.5), ½-squared error against 0.
    private static Problem.Builder tanhAt15() {
        Network net = Network.builder().input(1)
                .dense(Activation.TANH, new double[][] {{15.0}}, 0.0)
                .dense(Activation.TANH, new double[][] {{15.0}}, 0.5)
                .build();
        return Problem.builder().network(net).loss(Loss.HALF_SQUARED_ERROR).learningRate(0.1)
                .sample(new double[] {1.0}, new double[] {0.0});
    }

    @Test
    void tanh_deltas_at_z_15_keep_full_relative_precision_and_the_trace_carries_the_precise_derivative() {
        Solution s = Solver.solve(tanhAt15().build());
        Step.OutputDelta out = (Step.OutputDelta) s.firstUpdate().step("delta[2][0]").orElseThrow();
        Step.HiddenDelta hidden = (Step.HiddenDelta) s.firstUpdate().step("delta[1][0]").orElseThrow();
        double a2 = out.output().value();
        double a1 = hidden.output().value();
        double z2 = 15.0 * a1 + 0.5;

        // Exactly: δ₂ = (a₂ − 0)·sech²(z₂), δ₁ = W·δ₂·sech²(15), from the doubles a and z the trace shows.
        BigDecimal sech2z2 = HighPrecision.tanhDerivative(z2);
        BigDecimal d2 = new BigDecimal(a2).multiply(sech2z2);
        BigDecimal d1 = new BigDecimal(15.0).multiply(new BigDecimal(out.value())).multiply(HighPrecision.tanhDerivative(15.0));
        assertTrue(HighPrecision.relative(out.activationDerivative(), sech2z2) < 1e-15, "f′ shown " + out.activationDerivative());
        assertTrue(HighPrecision.relative(out.value(), d2) < 1e-15, "δ₂ " + out.value() + " against " + d2.round(new MathContext(17)));
        assertTrue(HighPrecision.relative(hidden.activationDerivative(), HighPrecision.tanhDerivative(15.0)) < 1e-15);
        assertTrue(HighPrecision.relative(hidden.value(), d1) < 1e-15, "δ₁ " + hidden.value() + " against " + d1.round(new MathContext(17)));
        // 1 − a² is off by 1.7e-4 at z = 15: the test could fail.
        assertTrue(HighPrecision.relative(Activation.TANH.derivative(a1), HighPrecision.tanhDerivative(15.0)) > 1e-5);
    }

    @Test
    void the_fast_path_trains_saturated_units_to_the_bit_of_the_traced_path() {
        for (double w : List.of(15.0, 30.0, -40.0, 400.0)) {
            for (Activation f : List.of(Activation.TANH, Activation.SIGMOID)) {
                Network net = Network.builder().input(2)
                        .dense(f, new double[][] {{w, 1}, {-w, 2}, {w / 2, -w}}, 0.1, -0.2, 0.3)
                        .dense(f, new double[][] {{w, 1, -1}}, 0.0)
                        .build();
                Problem p = Problem.builder().network(net).loss(Loss.SQUARED_ERROR).learningRate(0.3)
                        .sample(new double[] {1.0, 0.5}, new double[] {0.25}).build();
                Solution s = Solver.solve(p);
                Trainer t = Trainer.of(p);
                t.epoch();
                for (int l = 1; l <= 2; l++) {
                    assertArrayEquals(s.firstUpdate().layers().get(l).weights(), t.network().layer(l).weights(), f + " w " + w);
                    assertArrayEquals(s.firstUpdate().layers().get(l).biases(), t.network().layer(l).biases(), f + " w " + w);
                }
            }
        }
    }

    @Test
    void under_rounding_the_derivative_is_written_in_the_rounded_a() {
        Solution s = Solver.solve(tanhAt15().rounding(Rounding.significant(4)).build());
        for (String key : List.of("delta[1][0]", "delta[2][0]")) {
            Step step = s.firstUpdate().step(key).orElseThrow();
            double a = step instanceof Step.OutputDelta o ? o.output().value() : ((Step.HiddenDelta) step).output().value();
            double shown = step instanceof Step.OutputDelta o ? o.activationDerivative() : ((Step.HiddenDelta) step).activationDerivative();
            assertEquals(Activation.TANH.derivative(a), shown, key);
        }
    }

    @Test
    void a_given_activation_or_weighted_sum_keeps_the_derivative_written_in_a() {
        Solution givenA = Solver.solve(tanhAt15().given("a[1][0]", 0.999).build());
        Step.HiddenDelta h = (Step.HiddenDelta) givenA.firstUpdate().step("delta[1][0]").orElseThrow();
        assertEquals(1 - 0.999 * 0.999, h.activationDerivative());

        Solution givenZ = Solver.solve(tanhAt15().given("z[2][0]", 15.0).build());
        Step.OutputDelta o = (Step.OutputDelta) givenZ.firstUpdate().step("delta[2][0]").orElseThrow();
        double a = o.output().value();
        assertEquals(1 - a * a, o.activationDerivative());
        // the neuron below the given value is computed as usual: its f′ is the precise one
        Step.HiddenDelta below = (Step.HiddenDelta) givenZ.firstUpdate().step("delta[1][0]").orElseThrow();
        assertTrue(HighPrecision.relative(below.activationDerivative(), HighPrecision.tanhDerivative(15.0)) < 1e-15);
    }
}
