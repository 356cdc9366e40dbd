package dev.backprop.engine.train;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.support.RandomProblems;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.trace.Trace;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Rounding as on paper: exact decimals, half away from zero, later quantities from rounded ones. */
class RoundingTest {

    private static Problem mazur(Rounding rounding) {
        return Published.mazur().rounding(rounding).build();
    }

    /**
     * The tiny network worked on paper below: one input, a linear hidden neuron, a sigmoid output.
     * x = 0.3, W1 = 0.45, b1 = 0.1005, W2 = 2, b2 = −0.2, target y = 0.9, α = 0.5,
     * half-squared-error.
     */
    private static Problem tiny(Rounding rounding) {
        Network net = Network.builder().input(1)
                .dense(Activation.LINEAR, new double[][] {{0.45}}, 0.1005)
                .dense(Activation.SIGMOID, new double[][] {{2.0}}, -0.2)
                .build();
        return Problem.builder().network(net).learningRate(0.5)
                .sample(new double[] {0.3}, new double[] {0.9}).rounding(rounding).build();
    }

    @Test
    void the_tie_0_3775_rounds_to_0_378_and_0_3925_to_0_393_at_three_decimals() {
        // 0.15·0.05 + 0.20·0.10 + 0.35 = 0.3775 and 0.25·0.05 + 0.30·0.10 + 0.35 = 0.3925, both ties.
        Trace t = Solver.solve(mazur(Rounding.decimals(3))).firstUpdate();
        assertEquals(0.378, t.step("z[1][0]").orElseThrow().value());
        assertEquals(0.393, t.step("z[1][1]").orElseThrow().value());
        assertEquals(0.378, t.layers().get(1).z()[0]);
        assertEquals(0.393, t.layers().get(1).z()[1]);

        // In doubles the second sum falls just below the tie, so rounding the double would say 0.392.
        double inDoubles = 0.25 * 0.05 + 0.30 * 0.10 + 0.35;
        assertEquals(0.39249999999999996, inDoubles);
        assertEquals(new BigDecimal("0.392"), BigDecimal.valueOf(inDoubles).setScale(3, RoundingMode.HALF_UP));
    }

    @Test
    void negative_ties_round_away_from_zero() {
        Rounding three = Rounding.decimals(3);
        assertEquals(new BigDecimal("-0.003"), three.round(new BigDecimal("-0.0025")));
        assertEquals(new BigDecimal("0.003"), three.round(new BigDecimal("0.0025")));
        assertEquals(-0.003, three.round(-0.0025));
        assertEquals(new BigDecimal("-3"), Rounding.decimals(0).round(new BigDecimal("-2.5")));
        // In the paper example below, b2 = −0.2 − 0.5·(−0.081) = −0.1595 becomes −0.160.
        assertEquals(-0.160, Solver.solve(tiny(Rounding.decimals(3))).firstUpdate().step("b[2][0]").orElseThrow().value());
    }

    @Test
    void significant_figures_count_from_the_first_nonzero_digit() {
        assertEquals(new BigDecimal("-0.00102"), Rounding.significant(3).round(new BigDecimal("-0.00101598")));
        assertEquals(0, new BigDecimal("120000").compareTo(Rounding.significant(2).round(new BigDecimal("123456"))));
        assertEquals(new BigDecimal("0.00125"), Rounding.significant(3).round(new BigDecimal("0.0012456")));
        assertEquals(0, BigDecimal.ONE.compareTo(Rounding.significant(1).round(new BigDecimal("0.95"))), "a tie rounds up a decade");
        assertEquals(-0.00102, Rounding.significant(3).round(-0.00101598));
    }

    /*
     * The tiny network at 3 decimal places, worked on paper (each line rounded as written):
     *
     *   z1 = 0.45·0.3 + 0.1005 = 0.2355            → 0.236   (a tie, away from zero)
     *   a1 = z1 (linear)                            = 0.236
     *   z2 = 2·0.236 − 0.2 = 0.272                  → 0.272   (from the unrounded 0.2355 it would be 0.271)
     *   a2 = σ(0.272) = 0.567583…                   → 0.568
     *   L  = ½(0.9 − 0.568)² = ½·0.110224 = 0.055112 → 0.055
     *   δ2 = (0.568 − 0.9)·0.568·(1 − 0.568) = −0.332·0.245376 = −0.081464832 → −0.081
     *   ∂L/∂W2 = −0.081·0.236 = −0.019116           → −0.019
     *   ∂L/∂b2 = −0.081
     *   W2' = 2 − 0.5·(−0.019) = 2.0095             → 2.010   (a tie)
     *   b2' = −0.2 − 0.5·(−0.081) = −0.1595         → −0.160  (a negative tie, away from zero)
     *   δ1 = (2·(−0.081))·1 = −0.162                 (the original W2; linear f' = 1)
     *   ∂L/∂W1 = −0.162·0.3 = −0.0486               → −0.049
     *   ∂L/∂b1 = −0.162
     *   W1' = 0.45 − 0.5·(−0.049) = 0.4745          → 0.475   (a tie)
     *   b1' = 0.1005 − 0.5·(−0.162) = 0.1815        → 0.182   (a tie)
     * After the step:
     *   z1 = 0.475·0.3 + 0.182 = 0.3245             → 0.325   (a tie)
     *   z2 = 2.010·0.325 − 0.160 = 0.49325          → 0.493
     *   a2 = σ(0.493) = 0.620812…                   → 0.621
     *   L  = ½(0.9 − 0.621)² = ½·0.077841 = 0.0389205 → 0.039
     */
    @Test
    void later_quantities_are_computed_from_rounded_ones_as_on_paper() {
        Solution s = Solver.solve(tiny(Rounding.decimals(3)));
        assertSteps(s.firstUpdate(), Map.ofEntries(
                Map.entry("z[1][0]", 0.236), Map.entry("a[1][0]", 0.236),
                Map.entry("z[2][0]", 0.272), Map.entry("a[2][0]", 0.568),
                Map.entry("loss", 0.055),
                Map.entry("delta[2][0]", -0.081), Map.entry("dW[2][0][0]", -0.019), Map.entry("db[2][0]", -0.081),
                Map.entry("W[2][0][0]", 2.010), Map.entry("b[2][0]", -0.160),
                Map.entry("delta[1][0]", -0.162), Map.entry("dW[1][0][0]", -0.049), Map.entry("db[1][0]", -0.162),
                Map.entry("W[1][0][0]", 0.475), Map.entry("b[1][0]", 0.182),
                Map.entry("lossAfter", 0.039)));
        assertEquals(0.055, s.lossBefore());
        assertEquals(0.039, s.lossAfter());
    }

    /*
     * The same network to 3 significant figures:
     *   z1 = 0.2355 → 0.236;  z2 = 0.272;  a2 = 0.567583… → 0.568;  L = 0.055112 → 0.0551
     *   δ2 = −0.081464832 → −0.0815;  ∂L/∂W2 = −0.0815·0.236 = −0.019234 → −0.0192
     *   W2' = 2 + 0.0096 = 2.0096 → 2.01;  b2' = −0.2 + 0.04075 = −0.15925 → −0.159
     *   δ1 = 2·(−0.0815) = −0.163;  ∂L/∂W1 = −0.163·0.3 = −0.0489
     *   W1' = 0.45 + 0.02445 = 0.47445 → 0.474;  b1' = 0.1005 + 0.0815 = 0.182
     * After: z1 = 0.474·0.3 + 0.182 = 0.3242 → 0.324;  z2 = 2.01·0.324 − 0.159 = 0.49224 → 0.492;
     *   a2 = σ(0.492) = 0.620577… → 0.621;  L = 0.0389205 → 0.0389
     */
    @Test
    void significant_figures_round_every_quantity_of_the_paper_example() {
        Solution s = Solver.solve(tiny(Rounding.significant(3)));
        assertSteps(s.firstUpdate(), Map.ofEntries(
                Map.entry("z[1][0]", 0.236), Map.entry("z[2][0]", 0.272), Map.entry("a[2][0]", 0.568),
                Map.entry("loss", 0.0551),
                Map.entry("delta[2][0]", -0.0815), Map.entry("dW[2][0][0]", -0.0192), Map.entry("db[2][0]", -0.0815),
                Map.entry("W[2][0][0]", 2.01), Map.entry("b[2][0]", -0.159),
                Map.entry("delta[1][0]", -0.163), Map.entry("dW[1][0][0]", -0.0489),
                Map.entry("W[1][0][0]", 0.474), Map.entry("b[1][0]", 0.182),
                Map.entry("lossAfter", 0.0389)));
        assertEquals(0.0389, s.lossAfter());
    }

    @Test
    void every_computed_value_is_a_short_decimal_under_a_rounding_rule() {
        Set<Class<?>> unrounded = Set.of(Step.Given.class, Step.Unchanged.class);
        Random r = new Random(5);
        int solved = 0;
        for (int k = 0; k < 20; k++) {
            Problem random = RandomProblems.problem(r.nextInt(1000));
            Rounding rule = k % 2 == 0 ? Rounding.decimals(2 + k % 5) : Rounding.significant(2 + k % 5);
            Problem p = random.toBuilder().rounding(rule).build();
            Solution s;
            try {
                s = Solver.solve(p);
            } catch (ProblemException e) {
                continue; // a cross-entropy met ln 0 after rounding an output to 0 or 1
            }
            solved++;
            for (Step step : s.firstUpdate().steps()) {
                if (unrounded.contains(step.getClass())) {
                    continue;
                }
                BigDecimal v = BigDecimal.valueOf(step.value()).stripTrailingZeros();
                if (rule.significant()) {
                    assertTrue(v.precision() <= rule.digits(), step.quantity() + " = " + v + " under " + rule.describe());
                } else {
                    assertTrue(v.scale() <= rule.digits(), step.quantity() + " = " + v + " under " + rule.describe());
                }
            }
            for (double loss : s.lossHistory()) {
                BigDecimal v = BigDecimal.valueOf(loss).stripTrailingZeros();
                assertTrue(rule.significant() ? v.precision() <= rule.digits() : v.scale() <= rule.digits(),
                        "lossHistory value " + v + " under " + rule.describe());
            }
        }
        assertTrue(solved >= 15, "only " + solved + " of 20 problems were solved");
    }

    private static void assertSteps(Trace trace, Map<String, Double> expected) {
        List<Executable> checks = new ArrayList<>();
        expected.forEach((key, value) -> checks.add(() ->
                assertEquals(value, trace.step(key).orElseThrow(() -> new AssertionError("no step " + key)).value(), key)));
        assertAll(checks);
    }
}
