package dev.backprop.engine.classroom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.check.CheckResult;
import dev.backprop.engine.check.MistakeValue;
import dev.backprop.engine.check.QuantityResult;
import dev.backprop.engine.json.ExerciseJson;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.support.IndependentBackprop;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantsTest {
    /** The seed's 2-2-1 sigmoid network with every number drawn. */
    static Exercise seed() {
        return Exercise.builder().input(2).dense(2, Activation.SIGMOID).dense(1, Activation.SIGMOID)
                .loss(Loss.HALF_SQUARED_ERROR).learningRate(0.5).samples(1).build();
    }

    /** A 2-3-2 tanh network with a softmax output and cross-entropy. */
    static Exercise softmax() {
        return Exercise.builder().input(2).dense(3, Activation.TANH).dense(2, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).learningRate(0.5).samples(1).build();
    }

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(String.format("s%03d", i));
        }
        return ids;
    }

    @Test
    void a_known_exercise_salt_and_id_give_the_numbers_printed_on_old_handouts() {
        // Pinned: a change to the derivation that moves these breaks every handout already printed.
        Variant v = Variants.of(seed(), List.of("all"), "week-3").variant("s001");
        assertEquals("SKMK-6GY", v.code());
        Layer hidden = v.problem().network().layer(1);
        Layer out = v.problem().network().layer(2);
        assertArrayEquals(new double[] {0.65, 0.69}, hidden.weights()[0]);
        assertArrayEquals(new double[] {0.07, -0.63}, hidden.weights()[1]);
        assertArrayEquals(new double[] {0.12, -0.42}, hidden.biases());
        assertArrayEquals(new double[] {-0.94, 0.58}, out.weights()[0]);
        assertArrayEquals(new double[] {-0.38}, out.biases());
        assertArrayEquals(new double[] {0.6, 0.82}, v.problem().samples().get(0).input());
        assertArrayEquals(new double[] {0.86}, v.problem().samples().get(0).target());
    }

    @Test
    void a_students_numbers_do_not_depend_on_the_order_or_size_of_the_class() {
        Variants week3 = Variants.of(seed(), List.of("delta", "W"), "week-3");
        List<String> ids = ids(12);
        List<Variant> whole = week3.variants(ids);
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        List<Variant> backwards = week3.variants(reversed);
        for (int i = 0; i < ids.size(); i++) {
            Variant alone = Variants.of(seed(), List.of("delta", "W"), "week-3").variant(ids.get(i));
            assertEquals(alone, whole.get(i));
            assertEquals(alone.problem(), backwards.get(ids.size() - 1 - i).problem());
            assertEquals(alone.answers(), whole.get(i).answers());
        }
    }

    @Test
    void the_seed_text_does_not_depend_on_json_key_order_or_whitespace() {
        Exercise a = ExerciseJson.read("{\"layers\": [{\"size\": 2}, {\"size\": 2, \"activation\":"
                + " \"sigmoid\"}, {\"size\": 1, \"activation\": \"sigmoid\"}], \"loss\": \"half-squared-error\","
                + " \"learningRate\": 0.5, \"samples\": 1}");
        Exercise b = ExerciseJson.read("{\n  \"samples\":1,\"learningRate\":0.50,\n\"layers\":[{\"size\":2},"
                + "{\"activation\":\"sigmoid\",\"size\":2},{\"activation\":\"sigmoid\",\"size\":1}]}");
        Variants va = Variants.of(a, List.of("delta", "W"), "week-3");
        Variants vb = Variants.of(b, List.of("W", "delta"), "week-3");
        assertEquals(va.seedText("s001"), vb.seedText("s001"));
        assertEquals(va.variant("s001"), vb.variant("s001"));
        // the kinds and the keys they stand for are the same ask
        Variants keys = Variants.of(a, List.of("delta[2][0]", "delta[1][0]", "delta[1][1]", "W"), "week-3");
        assertEquals(va.seedText("s001"), keys.seedText("s001"));
    }

    @Test
    void another_salt_or_another_id_gives_other_numbers() {
        Variant one = Variants.of(seed(), List.of("all"), "week-3").variant("s001");
        Variant salted = Variants.of(seed(), List.of("all"), "week-4").variant("s001");
        Variant other = Variants.of(seed(), List.of("all"), "week-3").variant("s002");
        assertNotEquals(one.problem(), salted.problem());
        assertNotEquals(one.problem(), other.problem());
        assertNotEquals(one.code(), other.code());
        assertEquals(one.code(), VariantCode.normalise(one.code().toLowerCase().replace("-", " ")).orElseThrow());
    }

    @Test
    void what_the_teacher_fixes_stays_as_written_for_everyone() {
        Exercise fixedInputs = Exercise.builder().input(2).dense(2, Activation.SIGMOID).dense(1, Activation.SIGMOID)
                .loss(Loss.HALF_SQUARED_ERROR).learningRate(0.5).sample(new double[] {0.05, 0.10}, new double[] {0.01})
                .build().drawParameters();
        for (Variant v : Variants.of(fixedInputs, List.of("W"), "w").variants(ids(10))) {
            assertArrayEquals(new double[] {0.05, 0.10}, v.problem().samples().get(0).input());
            assertArrayEquals(new double[] {0.01}, v.problem().samples().get(0).target());
        }
    }

    @Test
    void drawn_numbers_are_hundredths_in_sensible_ranges_and_no_unit_is_saturated_or_dead() {
        for (Exercise e : List.of(seed(), softmax())) {
            for (Variant v : Variants.of(e, List.of("all"), "week-3").variants(ids(40))) {
                assertTrue(v.warnings().isEmpty(), () -> v + " " + v.warnings());
                Problem p = v.problem();
                for (int l = 1; l < p.network().depth(); l++) {
                    Layer layer = p.network().layer(l);
                    for (double[] row : layer.weights()) {
                        for (double w : row) {
                            assertHundredths(w, 0.05, 1.0);
                        }
                    }
                    for (double b : layer.biases()) {
                        assertHundredths(b, 0.05, 0.5);
                    }
                }
                for (double x : p.samples().get(0).input()) {
                    assertHundredths(x, 0.10, 1.0);
                }
                // the outputs, worked by an independent implementation, are off the flat ends
                IndependentBackprop.Result r = IndependentBackprop.solve(p);
                for (int l = 1; l < r.a.length; l++) {
                    for (BigDecimal a : r.a[l]) {
                        double x = a.doubleValue();
                        Activation f = p.network().layer(l).activation();
                        if (f == Activation.SIGMOID) {
                            assertTrue(x >= 0.05 && x <= 0.95, () -> v + " saturated sigmoid " + x);
                        } else if (f == Activation.TANH) {
                            assertTrue(Math.abs(x) <= 0.9, () -> v + " saturated tanh " + x);
                        } else if (f == Activation.SOFTMAX) {
                            assertTrue(x >= 0.02 && x <= 0.98, () -> v + " saturated softmax " + x);
                        }
                    }
                }
                for (double a : v.answers().values()) {
                    assertTrue(Math.abs(a) >= Variants.MIN_MAGNITUDE, () -> v + " has a vanishing asked quantity");
                }
            }
        }
    }

    private static void assertHundredths(double x, double least, double most) {
        double h = x * 100;
        assertEquals(Math.rint(h), h, 1e-9, () -> x + " is not a whole number of hundredths");
        assertTrue(Math.abs(x) >= least - 1e-12 && Math.abs(x) <= most + 1e-12, () -> x + " is out of range");
    }

    @Test
    void every_mistake_made_in_a_step_and_written_to_three_figures_is_marked_wrong_and_named() {
        // The marking itself is the judge: each mistake's value, as a student would write it to three
        // significant figures, must be wrong and explained by that mistake, and no two mistakes'
        // three-figure values may coincide.
        for (Exercise e : List.of(seed(), softmax())) {
            Variants class30 = Variants.of(e, List.of("all"), "week-3");
            for (Variant v : class30.variants(ids(8))) {
                AnswerKey key = v.key();
                for (String k : v.ask()) {
                    List<MistakeValue> values = key.mistakes().inStep(k);
                    List<BigDecimal> written = new ArrayList<>();
                    for (MistakeValue mv : values) {
                        if (Variants.same(mv.value(), v.answers().get(k))) {
                            continue; // the mistake does not change this quantity
                        }
                        BigDecimal three = new BigDecimal(mv.value()).round(new MathContext(3, RoundingMode.HALF_UP));
                        CheckResult r = key.check(Map.of(k, three));
                        QuantityResult q = r.result(k).orElseThrow();
                        assertEquals(QuantityResult.Mark.WRONG, q.mark(), () -> v + " " + k + " " + mv);
                        assertTrue(q.diagnoses().contains(mv.diagnosis()), () -> v + " " + k + " " + mv + " named "
                                + q.diagnoses());
                        for (BigDecimal w : written) {
                            assertTrue(w.compareTo(three) != 0 || values.stream().filter(o -> new BigDecimal(o.value())
                                    .round(new MathContext(3, RoundingMode.HALF_UP)).compareTo(three) == 0)
                                    .allMatch(o -> Variants.same(o.value(), mv.value())), () -> v + " " + k
                                    + ": two mistakes give " + three);
                        }
                        written.add(three);
                    }
                }
            }
        }
    }

    @Test
    void an_unknown_quantity_a_long_salt_and_a_bad_class_list_are_refused_naming_their_fields() {
        ProblemException ask = assertThrows(ProblemException.class,
                () -> Variants.of(seed(), List.of("delta", "weights", "W[3][0][0]"), "x"));
        assertEquals(List.of("ask[1]", "ask[2]"), ask.errors().stream().map(FieldError::field).toList());
        ProblemException salt = assertThrows(ProblemException.class,
                () -> Variants.of(seed(), List.of("W"), "x".repeat(Variants.MAX_SALT_LENGTH + 1)));
        assertEquals("salt", salt.errors().get(0).field());
        Variants v = Variants.of(seed(), List.of("W"), "x");
        List<FieldError> errors = v.checkStudents(List.of("s001", " ", "s001", "a\tb"));
        assertEquals(List.of("students[1]", "students[2]", "students[3]"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(1).message().contains("twice"), errors.get(1).message());
        List<FieldError> big = v.checkStudents(ids(Variants.MAX_STUDENTS + 1));
        assertEquals("students", big.get(0).field());
        assertTrue(big.get(0).message().contains("at most " + Variants.MAX_STUDENTS), big.get(0).message());
    }
}
