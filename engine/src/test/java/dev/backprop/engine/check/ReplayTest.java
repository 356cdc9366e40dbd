package dev.backprop.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.trace.Trace;
import dev.backprop.engine.train.Solver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The replay works the trace again independently of the solver; without answers or mistakes it must agree. */
class ReplayTest {

    private static List<Problem.Builder> problems() {
        List<Problem.Builder> ps = new ArrayList<>();
        ps.add(Published.mazur());
        ps.add(Published.seed());
        ps.add(Problems.random(11, 3, Activation.TANH, Activation.SIGMOID, Loss.MEAN_SQUARED_ERROR));
        ps.add(Problems.random(12, 2, Activation.RELU, Activation.LINEAR, Loss.SQUARED_ERROR));
        ps.add(Problems.random(13, 3, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY));
        ps.add(Problems.random(14, 2, Activation.SIGMOID, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY));
        ps.add(Problems.withSamples(Problems.random(15, 2, Activation.TANH, Activation.SIGMOID, Loss.HALF_SQUARED_ERROR),
                15, 2, 3).batchSize(3));
        ps.add(Problems.withSamples(Problems.random(16, 2, Activation.SIGMOID, Activation.SIGMOID, Loss.HALF_SQUARED_ERROR),
                16, 2, 4).batchSize(2));
        return ps;
    }

    /** Each step's position by its quantity's key. */
    static Map<String, Integer> index(Trace t) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < t.steps().size(); i++) {
            index.putIfAbsent(t.steps().get(i).quantity().key(), i);
        }
        return index;
    }

    @Test
    void replay_reproduces_every_step_of_the_solver_without_rounding() {
        for (Problem.Builder b : problems()) {
            Problem p = b.rounding(null).build();
            Trace t = Solver.solve(p).firstUpdate();
            Replay r = Replay.run(p, Trail.of(t.steps()), null, Replay.Inputs.NONE, null, Integer.MAX_VALUE);
            for (Step s : t.steps()) {
                Replay.Val v = r.computed(s.quantity().key());
                assertNotNull(v, s.quantity().key());
                double got = v.value().doubleValue();
                assertEquals(s.value(), got, 1e-12 * Math.max(1, Math.abs(s.value())), p + " " + s.quantity().key());
            }
        }
    }

    @Test
    void replay_reproduces_the_solver_digit_for_digit_under_a_rounding_rule() {
        for (Rounding rule : List.of(Rounding.decimals(3), Rounding.decimals(4), Rounding.significant(3))) {
            for (Problem.Builder b : problems()) {
                Problem p = b.rounding(rule).build();
                Trace t = Solver.solve(p).firstUpdate();
                Replay r = Replay.run(p, Trail.of(t.steps()), rule, Replay.Inputs.NONE, null, Integer.MAX_VALUE);
                for (Step s : t.steps()) {
                    Replay.Val v = r.computed(s.quantity().key());
                    assertNotNull(v, s.quantity().key());
                    assertEquals(0, BigDecimal.valueOf(s.value()).compareTo(v.value()),
                            rule.describe() + " " + s.quantity().key() + ": solver " + s.value() + ", replay " + v.value());
                }
            }
        }
    }

    @Test
    void answers_replace_computed_values_and_are_traced_as_sources() {
        Problem p = Published.mazur().build();
        Trace t = Solver.solve(p).firstUpdate();
        BigDecimal wrongDelta = new BigDecimal("0.2");
        Replay r = Replay.run(p, Trail.of(t.steps()), null, Replay.Inputs.plain(Map.of("delta[2][0]", wrongDelta)),
                null, Integer.MAX_VALUE);
        // ∂L/∂W[2][0][0] = δ[2][0]·a[1][0], with the student's δ
        double a10 = t.step("a[1][0]").orElseThrow().value();
        Replay.Val g = r.computed("dW[2][0][0]");
        assertEquals(0.2 * a10, g.value().doubleValue(), 1e-15);
        assertEquals(Set.of("delta[2][0]"), g.sources());
        // the hidden δ, the hidden gradients and the loss after the update all build on it
        assertTrue(r.computed("delta[1][0]").sources().contains("delta[2][0]"));
        assertTrue(r.computed("W[1][1][1]").sources().contains("delta[2][0]"));
        assertTrue(r.computed("lossAfter").sources().contains("delta[2][0]"));
        // the other output's δ does not
        assertEquals(Set.of(), r.computed("dW[2][1][0]").sources());
    }

    @Test
    void a_what_if_works_only_what_changes_and_agrees_with_a_whole_replay() {
        for (Problem.Builder b : problems()) {
            Problem p = b.rounding(null).build();
            Trace t = Solver.solve(p).firstUpdate();
            Map<String, Integer> index = index(t);
            Replay base = Replay.run(p, Trail.of(t.steps()), null, Replay.Inputs.NONE, null, Integer.MAX_VALUE);
            // δ of the first output rounded to 2 places: every later value that reads it, worked again
            String d = t.steps().stream().filter(s -> s instanceof Step.OutputDelta).findFirst().orElseThrow().quantity().key();
            BigDecimal rounded = base.computed(d).value().setScale(2, java.math.RoundingMode.HALF_UP);
            Replay whole = Replay.run(p, Trail.of(t.steps()), null, Replay.Inputs.plain(Map.of(d, rounded)), null,
                    Integer.MAX_VALUE);
            for (Step s : t.steps()) {
                String k = s.quantity().key();
                if (index.get(k) <= index.get(d) || s.quantity().kind() == dev.backprop.engine.trace.Quantity.Kind.LOSS_AFTER) {
                    continue;
                }
                Replay.Val v = base.whatIf(k, Map.of(d, rounded));
                assertEquals(0, whole.computed(k).value().compareTo(v.value()), p + " " + k);
            }
        }
    }
}
