package dev.backprop.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.train.Solver;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Marking the optimizers' quantities on the seed's network: each typical slip, worked here by hand
 * from the worked solution's earlier values, is named, with an explanation about the quantity it
 * marks in the seed's notation quoting the numbers; and answers worked from a student's own wrong
 * state, or from a wrong updated weight into the next update, are carried forward.
 */
class OptimizerMarkingTest {
    private static final MathContext SEVEN = new MathContext(7);

    /** The seed's network and sample, two worked updates (two epochs of the one sample). */
    private static Problem seed(Optimizer o, double alpha) {
        return Published.seedComputed().learningRate(alpha).optimizer(o).epochs(2).workedUpdates(2).build();
    }

    private static Map<String, Double> values(Problem p) {
        Map<String, Double> v = new HashMap<>();
        for (Step s : Solver.solve(p).firstUpdate().steps()) {
            v.putIfAbsent(s.quantity().key(), s.value());
        }
        return v;
    }

    private static BigDecimal written(double x) {
        return new BigDecimal(x).round(SEVEN);
    }

    private static QuantityResult mark(Problem p, String key, double answer) {
        CheckResult r = Checker.check(p, Map.of(key, written(answer)));
        assertEquals(1, r.results().size());
        return r.results().get(0);
    }

    private static void assertNamed(Diagnosis expected, QuantityResult r, String... mentions) {
        assertFalse(r.correct(), r.quantity() + " should be wrong");
        assertEquals(expected, r.diagnosis(), r.quantity() + ": " + r.explanation().text());
        String text = r.explanation().text();
        for (String m : mentions) {
            assertTrue(text.contains(m), "the explanation of " + r.quantity() + " names " + m + ": " + text);
        }
    }

    @Test
    void adams_bias_correction_left_out_is_named_in_the_corrected_moment_and_throughout_in_the_weight() {
        Problem p = seed(Optimizer.adam(), 0.01);
        Map<String, Double> v = values(p);
        // m̂ = m: the moment itself given for the corrected one
        assertNamed(Diagnosis.BIAS_CORRECTION_OMITTED, mark(p, "mhatW[2][0][0]", v.get("mW[2][0][0]")),
                "m̂_W31", "m_W31", "β₁", "0.1");
        // the weight worked with m and v in place of m̂ and v̂ (and ε outside the root, as it should be)
        double w = 0.4 - 0.01 * v.get("mW[2][0][0]") / (Math.sqrt(v.get("vW[2][0][0]")) + 1e-8);
        QuantityResult r = mark(p, "W[2][0][0]", w);
        assertNamed(Diagnosis.BIAS_CORRECTION_OMITTED, r, "W₃₁^new");
        // in the second update, where 1 − β₁² = 0.19
        assertNamed(Diagnosis.BIAS_CORRECTION_OMITTED, mark(p, "mhatW[2][0][0]:2", v.get("mW[2][0][0]:2")),
                "m̂_W31^⟨2⟩", "0.19");
    }

    @Test
    void epsilon_inside_the_square_root_is_named_in_the_adam_and_rmsprop_steps() {
        Problem adam = seed(Optimizer.adam(), 0.01);
        Map<String, Double> v = values(adam);
        double w = 0.4 - 0.01 * v.get("mhatW[2][0][0]") / Math.sqrt(v.get("vhatW[2][0][0]") + 1e-8);
        assertNamed(Diagnosis.EPSILON_INSIDE_ROOT, mark(adam, "W[2][0][0]", w), "ε", "v̂_W31", "√");

        Problem rms = seed(Optimizer.rmsprop(0.9, 1e-6), 0.01);
        Map<String, Double> r = values(rms);
        double w2 = r.get("W[2][0][0]") - 0.01 * r.get("dW[2][0][0]:2") / Math.sqrt(r.get("sqW[2][0][0]:2") + 1e-6);
        assertNamed(Diagnosis.EPSILON_INSIDE_ROOT, mark(rms, "W[2][0][0]:2", w2), "s_W31^⟨2⟩");
    }

    @Test
    void beta_and_one_minus_beta_swapped_are_named_in_each_moving_average() {
        Problem adam = seed(Optimizer.adam(), 0.01);
        Map<String, Double> v = values(adam);
        // the first step: β₁·g for (1 − β₁)·g
        assertNamed(Diagnosis.BETA_SWAPPED, mark(adam, "mW[2][0][0]", 0.9 * v.get("dW[2][0][0]")), "β₁", "m_W31");
        // the second: (1 − β₂)·v + β₂·g²
        double g2 = v.get("dW[2][0][0]:2");
        assertNamed(Diagnosis.BETA_SWAPPED, mark(adam, "vW[2][0][0]:2", 0.001 * v.get("vW[2][0][0]") + 0.999 * g2 * g2),
                "β₂", "v_W31^⟨2⟩");

        Problem rms = seed(Optimizer.rmsprop(0.9, 1e-8), 0.01);
        Map<String, Double> r = values(rms);
        double g = r.get("dW[2][0][0]:2");
        assertNamed(Diagnosis.BETA_SWAPPED, mark(rms, "sqW[2][0][0]:2", 0.1 * r.get("sqW[2][0][0]") + 0.9 * g * g),
                "ρ", "s_W31^⟨2⟩");
    }

    @Test
    void the_momentum_term_with_the_wrong_sign_is_named_in_the_buffer_and_in_the_nesterov_step() {
        Problem momentum = seed(Optimizer.momentum(0.9), 0.5);
        Map<String, Double> v = values(momentum);
        double b = v.get("dW[2][0][0]:2") - 0.9 * v.get("momW[2][0][0]");
        assertNamed(Diagnosis.MOMENTUM_SIGN, mark(momentum, "momW[2][0][0]:2", b), "μ", "v_W31", "0.9");
        // throughout: the second update's weight from that buffer
        double w = v.get("W[2][0][0]") - 0.5 * b;
        assertNamed(Diagnosis.MOMENTUM_SIGN, mark(momentum, "W[2][0][0]:2", w));

        Problem nesterov = seed(Optimizer.nesterov(0.9), 0.5);
        Map<String, Double> n = values(nesterov);
        double g = n.get("dW[2][0][0]");
        // on the first step the buffer is g itself: θ − α·(g − μ·g)
        assertNamed(Diagnosis.MOMENTUM_SIGN, mark(nesterov, "W[2][0][0]", 0.4 - 0.5 * (g - 0.9 * g)), "μ", "W₃₁^new");
    }

    @Test
    void the_update_slips_are_named_in_the_optimizers_steps_too() {
        Problem adam = seed(Optimizer.adam(), 0.01);
        Map<String, Double> v = values(adam);
        double step = v.get("mhatW[2][0][0]") / (Math.sqrt(v.get("vhatW[2][0][0]")) + 1e-8);
        assertNamed(Diagnosis.UPDATE_DIRECTION, mark(adam, "W[2][0][0]", 0.4 + 0.01 * step));
        assertNamed(Diagnosis.LEARNING_RATE_OMITTED, mark(adam, "W[2][0][0]", 0.4 - step));
        assertNamed(Diagnosis.NOT_UPDATED, mark(adam, "W[2][0][0]:2", v.get("W[2][0][0]")));
    }

    @Test
    void answers_worked_from_a_students_own_wrong_state_are_carried_forward() {
        Problem adam = seed(Optimizer.adam(), 0.01);
        Map<String, Double> v = values(adam);
        double m = 3 * v.get("mW[2][0][0]");
        Map<String, BigDecimal> answers = new LinkedHashMap<>();
        answers.put("mW[2][0][0]", written(m));
        answers.put("mhatW[2][0][0]", written(m / 0.1));
        answers.put("W[2][0][0]", written(0.4 - 0.01 * (m / 0.1) / (Math.sqrt(v.get("vhatW[2][0][0]")) + 1e-8)));
        List<QuantityResult> r = Checker.check(adam, answers).results();
        assertFalse(r.get(0).correct());
        assertTrue(r.get(1).carriedForward(), r.get(1).explanation().text());
        assertEquals(List.of("mW[2][0][0]"), r.get(1).followsFrom());
        assertTrue(r.get(2).carriedForward(), r.get(2).explanation().text());
        assertEquals(List.of("mhatW[2][0][0]"), r.get(2).followsFrom());
    }

    @Test
    void a_wrong_updated_weight_carries_forward_into_the_next_updates_forward_pass() {
        Problem adam = seed(Optimizer.adam(), 0.01);
        Map<String, Double> v = values(adam);
        double w = 0.41;
        double z = v.get("a[1][0]:2") * w + v.get("a[1][1]:2") * v.get("W[2][0][1]") + v.get("b[2][0]");
        Map<String, BigDecimal> answers = new LinkedHashMap<>();
        answers.put("W[2][0][0]", new BigDecimal("0.41"));
        answers.put("z[2][0]:2", written(z));
        List<QuantityResult> r = Checker.check(adam, answers).results();
        assertFalse(r.get(0).correct());
        assertTrue(r.get(1).carriedForward(), r.get(1).explanation().text());
        assertEquals(List.of("W[2][0][0]"), r.get(1).followsFrom());
    }

    @Test
    void state_keys_are_refused_with_a_reason_where_the_problem_has_no_such_state() {
        ProblemException sgd = assertThrows(ProblemException.class, () ->
                Checker.check(Published.seedComputed().build(), Map.of("mW[2][0][0]", new BigDecimal("0.1"))));
        assertTrue(sgd.getMessage().contains("plain gradient descent"), sgd.getMessage());
        ProblemException momentum = assertThrows(ProblemException.class, () ->
                Checker.check(seed(Optimizer.momentum(0.9), 0.5), Map.of("vW[2][0][0]", new BigDecimal("0.1"))));
        assertTrue(momentum.getMessage().contains("momW"), momentum.getMessage());
        ProblemException late = assertThrows(ProblemException.class, () ->
                Checker.check(seed(Optimizer.adam(), 0.01), Map.of("W[2][0][0]:3", new BigDecimal("0.1"))));
        assertTrue(late.getMessage().contains("workedUpdates"), late.getMessage());
        ProblemException fixed = assertThrows(ProblemException.class, () ->
                Checker.check(Published.seedComputed().learningRate(0.01).optimizer(Optimizer.adam()).updateBiases(false)
                        .build(), Map.of("mb[2][0]", new BigDecimal("0.1"))));
        assertTrue(fixed.getMessage().contains("fixed"), fixed.getMessage());
    }
}
