package dev.backprop.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.check.ByHand.Slip;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.support.Published;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Each known mistake, made on purpose by a hand calculation that is independent of the checker,
 * on the published examples and on random problems: the checker must mark every answer the mistake
 * changes wrong and name the mistake.
 */
class DiagnosisTest {

    private static final long[] SEEDS = {101, 202, 303, 404};

    private static Predicate<String> kind(String... prefixes) {
        return key -> {
            for (String p : prefixes) {
                if (key.startsWith(p + "[")) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Predicate<String> layer(String prefix, int l) {
        return key -> key.startsWith(prefix + "[" + l + "]");
    }

    /**
     * The student's answers to the chosen quantities that the mistake changes (written to six
     * significant figures), checked; asserts that there are some.
     */
    private static CheckResult submit(Problem p, ByHand student, Predicate<String> keys) {
        Map<String, Double> right = ByHand.careful().work(p);
        Map<String, BigDecimal> answers = new LinkedHashMap<>();
        student.work(p).forEach((k, v) -> {
            if (keys.test(k) && ByHand.distinct(v, right.get(k))) {
                answers.put(k, ByHand.written(v));
            }
        });
        assertFalse(answers.isEmpty(), "the mistake should change some chosen answer");
        return Checker.check(p, answers);
    }

    /**
     * Answers one layer at a time (so each answer's own step shows the mistake rather than only
     * carrying an earlier answer's forward) and expects the diagnosis on each; some layer must show it.
     */
    private static void assertNamedPerLayer(Diagnosis expected, Problem p, ByHand student, String prefix) {
        int shown = 0;
        for (int l = 1; l < p.network().depth(); l++) {
            Map<String, Double> right = ByHand.careful().work(p);
            Predicate<String> keys = layer(prefix, l);
            boolean changed = student.work(p).entrySet().stream()
                    .anyMatch(e -> keys.test(e.getKey()) && ByHand.distinct(e.getValue(), right.get(e.getKey())));
            if (changed) {
                assertNamed(expected, p, student, keys);
                shown++;
            }
        }
        assertTrue(shown > 0, "the mistake should change some " + prefix);
    }

    private static void assertNamed(Diagnosis expected, Problem p, ByHand student, Predicate<String> keys) {
        CheckResult r = submit(p, student, keys);
        assertEquals(0, r.correct());
        for (QuantityResult q : r.results()) {
            assertEquals(expected, q.diagnosis(), q.quantity() + " in " + p + ": " + q.explanation().text());
            // the explanation is about the quantity marked: its subject, named first
            assertEquals(q.quantity(), q.explanation().subject().key());
            assertEquals(q.quantity(), q.explanation().mentions().iterator().next().key(), q.explanation().text());
        }
    }

    private static List<Problem> squaredErrorProblems() {
        return List.of(
                Published.mazur().build(),
                Published.seed().build(),
                Problems.random(SEEDS[0], 3, Activation.SIGMOID, Activation.SIGMOID, Loss.HALF_SQUARED_ERROR).build(),
                Problems.random(SEEDS[1], 2, Activation.TANH, Activation.SIGMOID, Loss.SQUARED_ERROR).build(),
                Problems.random(SEEDS[2], 3, Activation.SIGMOID, Activation.TANH, Loss.MEAN_SQUARED_ERROR).build(),
                Problems.random(SEEDS[3], 2, Activation.TANH, Activation.TANH, Loss.HALF_SQUARED_ERROR).build());
    }

    private static List<Problem> crossEntropyProblems() {
        return List.of(
                Problems.random(SEEDS[0], 3, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY).build(),
                Problems.random(SEEDS[1], 2, Activation.TANH, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY).build());
    }

    @Test
    void sign_flipped_output_deltas_are_named_and_what_follows_from_them_is_carried_forward() {
        for (Problem p : squaredErrorProblems()) {
            CheckResult r = submit(p, ByHand.making(Slip.SIGN_FLIPPED), kind("delta", "dW"));
            int out = p.network().depth() - 1;
            for (QuantityResult q : r.results()) {
                if (q.quantity().startsWith("delta[" + out + "]")) {
                    assertEquals(Diagnosis.SIGN_FLIPPED, q.diagnosis(), q.explanation().text());
                } else {
                    assertTrue(q.carriedForward(), q.explanation().text());
                    assertTrue(q.followsFrom().get(0).startsWith("delta["), q.followsFrom().toString());
                }
            }
        }
        for (Problem p : crossEntropyProblems()) {
            assertNamed(Diagnosis.SIGN_FLIPPED, p, ByHand.making(Slip.SIGN_FLIPPED), kind("delta").and(layer("delta", 2)));
        }
    }

    @Test
    void a_missing_activation_derivative_is_named_in_every_delta_and_in_the_updates_alone() {
        for (Problem p : squaredErrorProblems()) {
            assertNamedPerLayer(Diagnosis.MISSING_ACTIVATION_DERIVATIVE, p, ByHand.making(Slip.MISSING_DERIVATIVE), "delta");
            // seen only through the updated weights: the checker must find it throughout the calculation
            assertNamed(Diagnosis.MISSING_ACTIVATION_DERIVATIVE, p, ByHand.making(Slip.MISSING_DERIVATIVE), kind("W"));
        }
    }

    @Test
    void a_dropped_half_or_a_dropped_two_is_a_factor_of_two() {
        for (Problem p : squaredErrorProblems()) {
            Slip slip = p.loss() == Loss.HALF_SQUARED_ERROR ? Slip.HALF_DROPPED : Slip.TWO_DROPPED;
            assertNamed(Diagnosis.FACTOR_OF_TWO, p, ByHand.making(slip),
                    layer("delta", p.network().depth() - 1).or(kind("loss")).or(key -> key.equals("loss")));
        }
    }

    @Test
    void a_batch_sum_or_mean_squared_errors_missing_mean_is_mean_vs_sum() {
        Problem batch = Problems.withSamples(
                Problems.random(SEEDS[0], 2, Activation.SIGMOID, Activation.SIGMOID, Loss.HALF_SQUARED_ERROR), 7, 2, 2)
                .batchSize(3).build();
        assertNamed(Diagnosis.MEAN_VS_SUM, batch, ByHand.making(Slip.BATCH_SUM), kind("dW", "db"));
        Problem mse = Problems.random(SEEDS[2], 3, Activation.SIGMOID, Activation.SIGMOID, Loss.MEAN_SQUARED_ERROR).build();
        assertNamed(Diagnosis.MEAN_VS_SUM, mse, ByHand.making(Slip.MSE_WITHOUT_MEAN),
                layer("delta", 2).or(key -> key.equals("loss")));
    }

    @Test
    void hidden_deltas_from_the_updated_weights_are_named() {
        for (Problem p : squaredErrorProblems()) {
            assertNamed(Diagnosis.USED_UPDATED_WEIGHTS, p, ByHand.making(Slip.UPDATED_WEIGHTS), layer("delta", 1));
        }
    }

    @Test
    void updates_in_the_wrong_direction_without_the_learning_rate_or_not_made_are_named() {
        for (Problem p : squaredErrorProblems()) {
            // the gradients answered right, the updates wrong
            for (Slip slip : List.of(Slip.UPDATE_DIRECTION, Slip.LEARNING_RATE_OMITTED, Slip.NOT_UPDATED)) {
                Map<String, Double> right = ByHand.careful().work(p);
                Map<String, Double> wrong = ByHand.making(slip).work(p);
                Map<String, BigDecimal> answers = new LinkedHashMap<>();
                right.forEach((k, v) -> {
                    if (k.startsWith("dW[") || k.startsWith("db[")) {
                        answers.put(k, ByHand.written(v));
                    }
                });
                int updates = 0;
                for (Map.Entry<String, Double> e : wrong.entrySet()) {
                    if ((e.getKey().startsWith("W[") || e.getKey().startsWith("b[")) && ByHand.distinct(e.getValue(), right.get(e.getKey()))) {
                        answers.put(e.getKey(), ByHand.written(e.getValue()));
                        updates++;
                    }
                }
                assertTrue(updates > 0);
                CheckResult r = Checker.check(p, answers);
                Diagnosis expected = slip == Slip.UPDATE_DIRECTION ? Diagnosis.UPDATE_DIRECTION
                        : slip == Slip.NOT_UPDATED ? Diagnosis.NOT_UPDATED : Diagnosis.LEARNING_RATE_OMITTED;
                for (QuantityResult q : r.results()) {
                    if (q.quantity().startsWith("d")) {
                        assertTrue(q.correct(), q.explanation().text());
                    } else {
                        assertEquals(expected, q.diagnosis(), q.explanation().text());
                        // worked from the student's own (right) gradient
                        assertEquals(List.of("d" + q.quantity()), q.followsFrom());
                    }
                }
            }
            // and seen through the updates alone
            assertNamed(Diagnosis.UPDATE_DIRECTION, p, ByHand.making(Slip.UPDATE_DIRECTION), kind("W", "b"));
            assertNamed(Diagnosis.NOT_UPDATED, p, ByHand.making(Slip.NOT_UPDATED), kind("W", "b"));
            assertNamed(Diagnosis.LEARNING_RATE_OMITTED, p, ByHand.making(Slip.LEARNING_RATE_OMITTED), kind("W", "b"));
        }
    }

    @Test
    void a_weight_given_for_its_transpose_or_used_for_it_is_swapped_indices() {
        for (Problem p : squaredErrorProblems()) {
            if (p.network().layer(2).size() != p.network().layer(2).inputs()) {
                continue;
            }
            // W[l][i][j]'s value written for W[l][j][i]
            Map<String, Double> right = ByHand.careful().work(p);
            Map<String, BigDecimal> answers = new LinkedHashMap<>();
            for (String key : right.keySet()) {
                if (key.startsWith("W[") || key.startsWith("dW[")) {
                    String[] ix = key.substring(key.indexOf('[')).replace("[", "").split("]");
                    String t = key.substring(0, key.indexOf('[')) + "[" + ix[0] + "][" + ix[2] + "][" + ix[1] + "]";
                    if (!t.equals(key) && right.containsKey(t) && ByHand.distinct(right.get(t), right.get(key))) {
                        answers.put(key, ByHand.written(right.get(t)));
                    }
                }
            }
            CheckResult r = Checker.check(p, answers);
            assertTrue(r.total() > 0);
            for (QuantityResult q : r.results()) {
                assertEquals(Diagnosis.SWAPPED_INDICES, q.diagnosis(), q.explanation().text());
            }
            // hidden deltas from the row of the weights above instead of the column, and z from the transposed weights
            assertNamed(Diagnosis.SWAPPED_INDICES, p, ByHand.making(Slip.SWAPPED_HIDDEN_WEIGHTS), layer("delta", 1));
            assertNamedPerLayer(Diagnosis.SWAPPED_INDICES, p, ByHand.making(Slip.SWAPPED_FORWARD_WEIGHTS), "z");
        }
    }

    @Test
    void answers_rounded_too_coarsely_or_worked_from_values_rounded_too_early_are_rounding() {
        for (Problem p : squaredErrorProblems()) {
            // the right values, written to one significant figure (each kind on its own: a coarse
            // gradient worked from a coarse δ would follow from it)
            for (String prefix : List.of("delta", "dW")) {
                Map<String, Double> right = ByHand.careful().work(p);
                Map<String, BigDecimal> coarse = new LinkedHashMap<>();
                right.forEach((k, v) -> {
                    BigDecimal w = ByHand.written(v, 1);
                    if (!Marking.agrees(w, v) && k.startsWith(prefix + "[")) {
                        coarse.put(k, w);
                    }
                });
                CheckResult r = Checker.check(p, coarse);
                assertTrue(r.total() > 0);
                for (QuantityResult q : r.results()) {
                    assertEquals(Diagnosis.ROUNDING, q.diagnosis(), q.explanation().text());
                }
            }
        }
        // every value rounded to 2 decimal places as it is written down; the output layer's updates written in full
        for (Problem p : List.of(Published.mazur().build(),
                Problems.random(SEEDS[0], 3, Activation.SIGMOID, Activation.SIGMOID, Loss.HALF_SQUARED_ERROR).build())) {
            ByHand early = ByHand.rounding(2);
            early.work(p);
            Map<String, Double> right = ByHand.careful().work(p);
            Map<String, BigDecimal> answers = new LinkedHashMap<>();
            early.raw().forEach((k, v) -> {
                if (k.startsWith("W[2]") && !Marking.agrees(ByHand.written(v), right.get(k))) {
                    answers.put(k, ByHand.written(v));
                }
            });
            CheckResult r = Checker.check(p, answers);
            assertTrue(r.total() > 0);
            for (QuantityResult q : r.results()) {
                assertEquals(Diagnosis.ROUNDING, q.diagnosis(), q.explanation().text());
                assertTrue(q.explanation().text().contains("2 decimal places"), q.explanation().text());
            }
        }
    }

    @Test
    void a_derivative_or_gradient_taken_from_z_is_used_z_not_a() {
        for (Problem p : squaredErrorProblems()) {
            if (p.given().isEmpty()) {
                assertNamedPerLayer(Diagnosis.USED_Z_NOT_A, p, ByHand.making(Slip.DERIVATIVE_OF_Z), "delta");
            }
            assertNamed(Diagnosis.USED_Z_NOT_A, p, ByHand.making(Slip.GRADIENT_FROM_Z), layer("dW", 2));
        }
    }

    @Test
    void another_activations_derivative_is_wrong_activation_derivative() {
        for (Problem p : squaredErrorProblems()) {
            assertNamedPerLayer(Diagnosis.WRONG_ACTIVATION_DERIVATIVE, p, ByHand.making(Slip.OTHER_DERIVATIVE), "delta");
        }
    }

    @Test
    void a_cross_entropy_delta_multiplied_by_the_derivative_is_extra_activation_derivative() {
        for (Problem p : crossEntropyProblems()) {
            assertNamed(Diagnosis.EXTRA_ACTIVATION_DERIVATIVE, p, ByHand.making(Slip.EXTRA_DERIVATIVE), layer("delta", 2));
        }
    }

    @Test
    void a_weighted_sum_without_its_bias_is_bias_omitted() {
        for (Problem p : squaredErrorProblems()) {
            assertNamed(Diagnosis.BIAS_OMITTED, p, ByHand.making(Slip.BIAS_OMITTED), layer("z", 1));
        }
    }

    @Test
    void a_fixed_bias_updated_all_the_same_is_updated_fixed_bias() {
        assertNamed(Diagnosis.UPDATED_FIXED_BIAS, Published.mazur().build(), ByHand.making(Slip.FIXED_BIAS_UPDATED), kind("b"));
    }

    @Test
    void a_slip_in_the_answered_step_on_top_of_one_made_in_an_unanswered_step_names_both() {
        for (Problem p : squaredErrorProblems()) {
            // every δ without f′ (not answered), then each output weight updated in the wrong direction
            Map<String, Double> wrong = ByHand.making(Slip.MISSING_DERIVATIVE, Slip.UPDATE_DIRECTION).work(p);
            Map<String, Double> right = ByHand.careful().work(p);
            Map<String, Double> oneSlip = ByHand.making(Slip.UPDATE_DIRECTION).work(p);
            Map<String, BigDecimal> answers = new LinkedHashMap<>();
            wrong.forEach((k, v) -> {
                // where f′ is near 1 (tanh near 0) leaving it out changes nothing to be seen
                if (k.startsWith("W[2]") && ByHand.distinct(v, right.get(k)) && !Marking.agrees(ByHand.written(v), oneSlip.get(k))) {
                    answers.put(k, ByHand.written(v));
                }
            });
            if (answers.isEmpty() || p.given().containsKey(dev.backprop.engine.trace.Quantity.a(2, 0))) {
                continue; // the seed states its output, so its δ has no f′ to leave out
            }
            for (QuantityResult q : Checker.check(p, answers).results()) {
                assertEquals(List.of(Diagnosis.UPDATE_DIRECTION, Diagnosis.MISSING_ACTIVATION_DERIVATIVE), q.diagnoses(),
                        q.quantity() + " in " + p + ": " + q.explanation().text());
                assertTrue(q.explanation().text().contains("It also builds on an earlier slip"), q.explanation().text());
            }
        }
    }

    @Test
    void every_diagnosis_code_is_exercised_and_the_contracts_ten_come_first() {
        assertEquals(List.of("sign-flipped", "missing-activation-derivative", "factor-of-two", "mean-vs-sum",
                        "used-updated-weights", "update-direction", "learning-rate-omitted", "not-updated",
                        "swapped-indices", "rounding"),
                java.util.Arrays.stream(Diagnosis.values()).filter(Diagnosis::inContract).map(Diagnosis::code)
                        .collect(java.util.stream.Collectors.toList()));
        assertEquals(Diagnosis.ROUNDING, Diagnosis.byCode("rounding").orElseThrow());
    }
}
