package dev.backprop.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.trace.Trace;
import dev.backprop.engine.train.Solver;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CheckerTest {

    private static List<Problem> problems() {
        return List.of(
                Published.mazur().build(),
                Published.seed().build(),
                Problems.random(31, 3, Activation.TANH, Activation.SIGMOID, Loss.HALF_SQUARED_ERROR).build(),
                Problems.random(32, 2, Activation.RELU, Activation.LINEAR, Loss.MEAN_SQUARED_ERROR).build(),
                Problems.random(33, 3, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY).build(),
                Problems.withSamples(Problems.random(34, 2, Activation.SIGMOID, Activation.SIGMOID, Loss.SQUARED_ERROR),
                        34, 2, 2).batchSize(3).build());
    }

    private static Map<String, BigDecimal> decimals(Map<String, String> texts) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        texts.forEach((k, v) -> m.put(k, new BigDecimal(v)));
        return m;
    }

    @Test
    void exact_answers_to_every_quantity_are_right() {
        for (Problem p : problems()) {
            Trace t = Solver.solve(p).firstUpdate();
            Map<String, Double> answers = new LinkedHashMap<>();
            for (Step s : t.steps()) {
                answers.put(s.quantity().key(), s.value());
            }
            CheckResult r = Checker.check(p, answers);
            assertEquals(answers.size(), r.total());
            assertEquals(r.total(), r.correct(), () -> r.results().stream().filter(x -> !x.correct())
                    .map(x -> x.explanation().text()).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void a_careful_student_writing_six_significant_figures_is_right_everywhere() {
        // the hand calculation is independent of the solver: agreement checks both
        for (Problem p : problems()) {
            Map<String, BigDecimal> answers = new LinkedHashMap<>();
            ByHand.careful().work(p).forEach((k, v) -> answers.put(k, ByHand.written(v)));
            CheckResult r = Checker.check(p, answers);
            assertEquals(r.total(), r.correct(), () -> r.results().stream().filter(x -> !x.correct())
                    .map(x -> x.explanation().text()).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void answers_rounded_as_on_paper_to_three_or_four_figures_are_right() {
        for (Problem p : problems()) {
            Trace t = Solver.solve(p).firstUpdate();
            for (int k : new int[] {3, 4}) {
                Map<String, BigDecimal> answers = new LinkedHashMap<>();
                for (Step s : t.steps()) {
                    answers.put(s.quantity().key(), new BigDecimal(s.value()).round(new MathContext(k, RoundingMode.HALF_UP)));
                }
                CheckResult r = Checker.check(p, answers);
                assertEquals(r.total(), r.correct());
                assertTrue(r.results().stream().allMatch(x -> x.markedBy() == Marking.MarkedBy.DIGITS_WRITTEN));
            }
        }
    }

    @Test
    void the_rounding_tie_0_3925_rounds_to_0_393_and_is_marked_right() {
        // z[1][1] = 0.25·0.05 + 0.30·0.10 + 0.35 = 0.3925 exactly; its nearest double is below the tie
        Problem p = Published.seed().rounding(Rounding.decimals(3)).build();
        CheckResult r = Checker.check(p, decimals(Map.of("z[1][1]", "0.393")));
        QuantityResult z = r.result("z[1][1]").orElseThrow();
        assertTrue(z.correct());
        assertEquals(0.393, z.expected());
        assertEquals(0.3925, z.exact(), 1e-15);
        assertTrue(r.rule().contains("3 decimal places"));
    }

    @Test
    void values_rounded_as_you_go_are_right_even_where_they_drift_from_the_exact_value() {
        // Find the quantities whose value rounded as you go to 3 decimals is a unit or more from the exact value:
        // the digits rule alone would mark them wrong, the problem's rule marks them right.
        int drifted = 0;
        for (Problem.Builder b : List.of(Published.mazur(),
                Problems.random(41, 3, Activation.TANH, Activation.SIGMOID, Loss.HALF_SQUARED_ERROR),
                Problems.random(42, 3, Activation.SIGMOID, Activation.SIGMOID, Loss.SQUARED_ERROR))) {
            Problem rounded = b.rounding(Rounding.decimals(3)).build();
            Problem exact = b.rounding(null).build();
            Trace tr = Solver.solve(rounded).firstUpdate();
            Trace te = Solver.solve(exact).firstUpdate();
            Map<String, BigDecimal> answers = new LinkedHashMap<>();
            for (Step s : tr.steps()) {
                double e = te.step(s.quantity().key()).orElseThrow().value();
                BigDecimal written = BigDecimal.valueOf(s.value()).setScale(3, RoundingMode.UNNECESSARY);
                if (!Marking.agrees(written, e)) {
                    answers.put(s.quantity().key(), written);
                }
            }
            drifted += answers.size();
            if (!answers.isEmpty()) {
                CheckResult r = Checker.check(rounded, answers);
                assertEquals(r.total(), r.correct());
                assertTrue(r.results().stream().allMatch(x -> x.markedBy() == Marking.MarkedBy.ROUNDING_RULE));
                assertFalse(Checker.check(exact, answers).results().stream().allMatch(QuantityResult::correct));
            }
        }
        assertTrue(drifted > 0, "some value should drift by a unit when rounded as you go");
    }

    @Test
    void the_seeds_published_digits_are_all_right_or_carried_forward_from_its_rounded_delta() {
        Problem p = Published.seed().build();
        CheckResult r = Checker.check(p, decimals(Map.of(
                "delta[2][0]", "-0.0105", "dW[2][0][0]", "-0.006195", "dW[2][0][1]", "-0.0063",
                "W[2][0][0]", "0.4030975", "delta[1][0]", "-0.00101", "delta[1][1]", "-0.001134",
                "dW[1][0][0]", "-0.0000505")));
        assertEquals(6, r.correct());
        QuantityResult g = r.result("dW[1][0][0]").orElseThrow();
        // −0.00101 · 0.05: worked from the seed's own δ_h1, right to its digits, so the whole mark
        assertTrue(g.carriedForward(), g.explanation().text());
        assertNull(g.diagnosis());
        assertEquals(List.of("delta[1][0]"), g.followsFrom());
        assertEquals(1.0, g.marks());
        assertEquals(7.0, r.marks());
        assertTrue(g.explanation().text().contains("−0.00101"), g.explanation().text());
        // the explanation gives the exact value; the feedback does not
        assertTrue(g.explanation().text().contains("−0.000050799"), g.explanation().text());
        assertFalse(g.feedback().text().contains("0.000050799"), g.feedback().text());
    }

    @Test
    void mazurs_published_loss_after_the_step_comes_from_the_updated_weights() {
        Problem p = Published.mazur().build();
        CheckResult r = Checker.check(p, decimals(Map.of(
                "loss", "0.298371109", "a[1][0]", "0.593269992", "a[2][1]", "0.772928465",
                "W[2][0][0]", "0.35891648", "W[1][1][1]", "0.29950229", "lossAfter", "0.291027924")));
        assertEquals(5, r.correct());
        QuantityResult after = r.result("lossAfter").orElseThrow();
        assertEquals(Diagnosis.USED_UPDATED_WEIGHTS, after.diagnosis());
        assertEquals(0.291027774, after.expected(), 5e-10);
    }

    @Test
    void answers_built_on_a_wrong_delta_are_reported_as_following_from_it() {
        Problem p = Published.mazur().build();
        Trace t = Solver.solve(p).firstUpdate();
        double a10 = t.step("a[1][0]").orElseThrow().value();
        double a11 = t.step("a[1][1]").orElseThrow().value();
        double d21 = t.step("delta[2][1]").orElseThrow().value();
        double wrongDelta = 0.2; // right is 0.138498562
        double dW = wrongDelta * a10;
        double w = 0.40 - 0.5 * dW;
        // δ[1][1] = (W[2][0][1]·δ[2][0] + W[2][1][1]·δ[2][1]) · a[1][1](1 − a[1][1]), with the student's δ[2][0]
        double hidden = (0.45 * wrongDelta + 0.55 * d21) * a11 * (1 - a11);
        Map<String, BigDecimal> answers = new LinkedHashMap<>();
        answers.put("delta[2][0]", new BigDecimal("0.2"));
        answers.put("dW[2][0][0]", ByHand.written(dW));
        answers.put("W[2][0][0]", ByHand.written(w));
        answers.put("delta[1][1]", ByHand.written(hidden));
        // the hidden weight's update builds on δ[1][1] through a gradient that was not answered
        answers.put("W[1][1][0]", ByHand.written(0.25 - 0.5 * hidden * 0.05));
        CheckResult r = Checker.check(p, answers);
        assertEquals(0, r.correct());
        assertEquals(4, r.carriedForward());
        QuantityResult first = r.result("delta[2][0]").orElseThrow();
        assertFalse(first.carriedForward());
        assertEquals(List.of(), first.followsFrom());
        for (String key : List.of("dW[2][0][0]", "W[2][0][0]", "delta[1][1]", "W[1][1][0]")) {
            QuantityResult q = r.result(key).orElseThrow();
            assertTrue(q.carriedForward(), key + ": " + q.explanation().text());
            assertNull(q.diagnosis());
            // the nearest wrong answer it was computed from
            String from = key.equals("W[1][1][0]") ? "delta[1][1]" : key.equals("W[2][0][0]") ? "dW[2][0][0]" : "delta[2][0]";
            assertEquals(List.of(from), q.followsFrom(), key);
            assertTrue(q.explanation().text().contains("It follows from your"), q.explanation().text());
        }
    }

    @Test
    void a_mistake_on_top_of_a_wrong_answer_is_named_and_says_what_it_builds_on() {
        Problem p = Published.mazur().build();
        double a10 = Solver.solve(p).firstUpdate().step("a[1][0]").orElseThrow().value();
        double dW = 0.2 * a10;
        Map<String, BigDecimal> answers = new LinkedHashMap<>();
        answers.put("delta[2][0]", new BigDecimal("0.2"));
        answers.put("dW[2][0][0]", ByHand.written(dW));
        answers.put("W[2][0][0]", ByHand.written(0.40 + 0.5 * dW)); // added instead of subtracted, from the wrong δ
        CheckResult r = Checker.check(p, answers);
        QuantityResult w = r.result("W[2][0][0]").orElseThrow();
        assertEquals(Diagnosis.UPDATE_DIRECTION, w.diagnosis());
        assertEquals(List.of("dW[2][0][0]"), w.followsFrom());
    }

    @Test
    void results_come_in_the_order_of_the_worked_solution_with_a_hint() {
        Problem p = Published.mazur().build();
        CheckResult r = Checker.check(p, decimals(Map.of("W[2][0][0]", "0.3589", "delta[2][0]", "0.1385", "z[1][0]", "0.3775")));
        assertEquals(List.of("z[1][0]", "delta[2][0]", "W[2][0][0]"),
                r.results().stream().map(QuantityResult::quantity).collect(Collectors.toList()));
        Hint h = r.result("delta[2][0]").orElseThrow().hint();
        assertEquals("output-delta", h.formula());
        // the formula in the seed's notation, without a number
        assertEquals("δ_o1 = ∂L/∂A_o1 · σ′(Z_o1) = −(Y_o1 − A_o1) · A_o1(1 − A_o1)", h.text());
        assertEquals("W₃₁^new = W₃₁^old − α · ∂L/∂W₃₁", r.result("W[2][0][0]").orElseThrow().hint().text());
    }

    @Test
    void unknown_quantities_and_bad_values_are_all_reported_by_field() {
        Problem p = Published.mazur().build();
        Map<String, Double> answers = new LinkedHashMap<>();
        answers.put("delta[2][0]", 0.1385);
        answers.put("delta[3][0]", 0.1);
        answers.put("W[2][0][5]", 0.1);
        answers.put("speed", 0.1);
        answers.put("y[0]", 0.01);
        answers.put("dW[1][0][0]", Double.NaN);
        ProblemException e = assertThrows(ProblemException.class, () -> Checker.check(p, answers));
        assertEquals(List.of("answers.delta[3][0]", "answers.W[2][0][5]", "answers.speed", "answers.y[0]",
                        "answers.dW[1][0][0]"),
                e.errors().stream().map(FieldError::field).collect(Collectors.toList()));
        assertTrue(e.errors().get(0).message().contains("1..2"), e.errors().get(0).message());
        assertTrue(e.errors().get(1).message().contains("layer 1 has 2 neurons"), e.errors().get(1).message());
        assertTrue(e.errors().get(2).message().contains("not a quantity key"), e.errors().get(2).message());
        assertTrue(e.errors().get(4).message().contains("finite"), e.errors().get(4).message());
    }

    @Test
    void text_that_is_not_a_number_is_refused_naming_each_answer() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("delta[2][0]", "abc");
        answers.put("delta[2][1]", "0.1.2");
        ProblemException e = assertThrows(ProblemException.class, () -> Checker.checkText(Published.mazur().build(), answers));
        assertEquals(List.of("answers.delta[2][0]", "answers.delta[2][1]"),
                e.errors().stream().map(FieldError::field).collect(Collectors.toList()));
        assertTrue(e.errors().get(0).message().contains("\"abc\" is not a number"));
    }

    @Test
    void text_keeps_the_digits_written() {
        assertEquals(4, Checker.parse("0.1380").scale());
        assertEquals(new BigDecimal("-0.5"), Checker.parse(" −0.5 "));
        assertEquals(0, new BigDecimal("0.0012").compareTo(Checker.parse("1.2e-3")));
        assertEquals(4, Checker.parse("1.2e-3").scale());
        assertNull(Checker.parse("1e99999"));
        assertNull(Checker.parse(""));
        assertNull(Checker.parse("0x1p3"));
        Problem p = Published.mazur().build();
        // 0.1380 is a unit of its last digit away from 0.138498562; written as a double it would read 0.138
        assertFalse(Checker.checkText(p, Map.of("delta[2][0]", "0.1380")).results().get(0).correct());
        assertTrue(Checker.check(p, Map.of("delta[2][0]", 0.1380)).results().get(0).correct());
    }

    @Test
    void a_sheet_too_large_to_search_is_still_marked_and_says_which_answers_were_not_looked_into() {
        Problem p = Problems.random(51, 3, Activation.SIGMOID, Activation.SIGMOID, Loss.HALF_SQUARED_ERROR).build();
        AnswerKey key = Checker.answerKey(p);
        Map<String, BigDecimal> answers = new LinkedHashMap<>();
        for (Step s : key.steps()) {
            if (!(s instanceof Step.Given) && s.quantity().kind() != dev.backprop.engine.trace.Quantity.Kind.LOSS_AFTER) {
                // an awkward factor off: no known mistake explains it
                answers.put(s.quantity().key(), new BigDecimal(s.value() * 1.37 + 0.0011).round(new MathContext(6)));
            }
        }
        // with a budget for a few answers' searches only
        CheckResult r = new Judge(key, answers, AnswerKey.Options.DEFAULT, 20_000).run();
        assertEquals(answers.size(), r.total());
        assertEquals(0, r.correct());
        long unsearched = r.results().stream().filter(q -> q.explanation().text().contains("not looked for")).count();
        assertTrue(unsearched > 0 && unsearched < r.total(), unsearched + " of " + r.total());
        // the answers searched come first, in the order of the worked solution
        assertFalse(r.results().get(0).explanation().text().contains("not looked for"));
        assertTrue(r.results().get(r.total() - 1).explanation().text().contains("not looked for"));
        // with the whole budget, every one is searched
        assertEquals(0, key.check(answers).results().stream().filter(q -> q.explanation().text().contains("not looked for")).count());
    }
}
