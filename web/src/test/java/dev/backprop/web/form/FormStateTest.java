package dev.backprop.web.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.web.Json;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormStateTest {
    /** The seed's problem as the form submits it: one parameter per field, named by its contract path. */
    static Map<String, List<String>> seedParams() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("layers[0].size", List.of("2"));
        p.put("layers[1].size", List.of("2"));
        p.put("layers[1].activation", List.of("sigmoid"));
        p.put("layers[1].weights[0][0]", List.of("0.15"));
        p.put("layers[1].weights[0][1]", List.of("0.2"));
        p.put("layers[1].weights[1][0]", List.of("0.25"));
        p.put("layers[1].weights[1][1]", List.of("0.3"));
        p.put("layers[1].biases[0]", List.of("0.35"));
        p.put("layers[1].biases[1]", List.of("0.35"));
        p.put("layers[2].size", List.of("1"));
        p.put("layers[2].activation", List.of("sigmoid"));
        p.put("layers[2].weights[0][0]", List.of("0.4"));
        p.put("layers[2].weights[0][1]", List.of("0.45"));
        p.put("layers[2].biases[0]", List.of("0.6"));
        p.put("loss", List.of("half-squared-error"));
        p.put("learningRate", List.of("0.5"));
        p.put("samples[0].input[0]", List.of("0.05"));
        p.put("samples[0].input[1]", List.of("0.1"));
        p.put("samples[0].target[0]", List.of("0.75"));
        p.put("epochs", List.of("1"));
        p.put("batchSize", List.of("1"));
        p.put("updateBiases", List.of("true"));
        p.put("hiddenDeltaWeights", List.of("original"));
        p.put("rounding.kind", List.of("none"));
        p.put("rounding.digits", List.of("4"));
        p.put("given[0].key", List.of("a[1][0]"));
        p.put("given[0].value", List.of("0.59"));
        p.put("given[1].key", List.of("a[1][1]"));
        p.put("given[1].value", List.of("0.60"));
        p.put("given[2].key", List.of("a[2][0]"));
        p.put("given[2].value", List.of("−0.70"));
        return p;
    }

    @Test
    void the_submitted_form_is_the_seeds_problem() {
        Map<String, List<String>> params = seedParams();
        params.put("given[2].value", List.of("0.70"));
        Submission sub = Submission.check(FormState.fromParams(params));
        assertTrue(sub.ok(), sub.errors().toString());
        assertEquals(Presets.byId("seed-given").orElseThrow().problem(), sub.problem());
    }

    @Test
    void a_pasted_true_minus_sign_reads_as_minus() {
        Submission sub = Submission.check(FormState.fromParams(seedParams()));
        assertEquals(-0.70, sub.json().get("given").get("a[2][0]").asDouble());
    }

    @Test
    void every_value_that_is_not_a_number_is_named_by_its_field() {
        Map<String, List<String>> params = seedParams();
        params.put("layers[1].weights[0][1]", List.of("abc"));
        params.put("learningRate", List.of("<script>alert(1)</script>"));
        params.put("samples[0].target[0]", List.of(""));
        params.put("epochs", List.of("2.5"));
        Submission sub = Submission.check(FormState.fromParams(params));
        assertFalse(sub.ok());
        Map<String, String> byField = new LinkedHashMap<>();
        for (FieldError e : sub.errors()) {
            byField.put(e.field(), e.message());
        }
        assertEquals("“abc” is not a number", byField.get("layers[1].weights[0][1]"));
        assertEquals("“<script>alert(1)</script>” is not a number", byField.get("learningRate"));
        assertEquals("is empty; type a number", byField.get("samples[0].target[0]"));
        assertEquals("“2.5” is not a whole number", byField.get("epochs"));
    }

    @Test
    void the_engines_checks_still_run_beside_the_forms_own() {
        Map<String, List<String>> params = seedParams();
        params.put("layers[1].weights[0][1]", List.of("abc"));
        params.put("loss", List.of("cross-entropy"));
        Submission sub = Submission.check(FormState.fromParams(params));
        assertTrue(sub.errors().stream().anyMatch(e -> e.field().equals("loss")), sub.errors().toString());
        assertEquals(1, sub.errors().stream().filter(e -> e.field().equals("layers[1].weights[0][1]")).count(),
                "one message per field: the form's, not the reader's as well");
    }

    @Test
    void a_problem_read_from_json_comes_back_as_the_same_problem() {
        for (Presets.Preset preset : Presets.ALL) {
            FormState s = FormState.fromJson(Json.tree(preset.json()));
            Submission sub = Submission.check(s);
            assertTrue(sub.ok(), preset.id() + ": " + sub.errors());
            assertEquals(preset.problem(), sub.problem(), preset.id());
        }
    }

    @Test
    void a_layer_left_without_weights_is_drawn_at_random_and_stays_so() {
        String json = "{\"layers\": [{\"size\": 2}, {\"size\": 3, \"activation\": \"tanh\"}, {\"size\": 1, \"activation\": \"sigmoid\","
                + " \"weights\": [[1, 2, 3]], \"biases\": [0]}], \"learningRate\": 0.1, \"seed\": 9,"
                + " \"samples\": [{\"input\": [1, 2], \"target\": [1]}]}";
        FormState s = FormState.fromJson(Json.tree(json));
        assertEquals(3, s.layers.get(1).weights.size(), "an empty grid of the right shape");
        assertEquals("", s.layers.get(1).weights.get(2).get(1));
        Submission sub = Submission.check(s);
        assertTrue(sub.ok(), sub.errors().toString());
        assertNull(sub.json().get("layers").get(1).get("weights"), "left out again, so the engine draws them from the seed");
        assertEquals(ProblemJson.read(json), sub.problem());
    }

    @Test
    void a_big_layer_is_typed_as_rows_of_text() {
        StringBuilder rows = new StringBuilder();
        StringBuilder w = new StringBuilder("[");
        for (int j = 0; j < 10; j++) {
            w.append(j == 0 ? "[" : ",[");
            for (int i = 0; i < 8; i++) {
                w.append(i == 0 ? "" : ",").append(j + i / 10.0);
                rows.append(i == 0 ? "" : " ").append(j + i / 10.0);
            }
            w.append(']');
            rows.append('\n');
        }
        w.append(']');
        String json = "{\"layers\": [{\"size\": 8}, {\"size\": 10, \"activation\": \"sigmoid\", \"weights\": " + w
                + "}], \"learningRate\": 0.1, \"samples\": [{\"input\": [1,2,3,4,5,6,7,8], \"target\": [0,0,0,0,0,0,0,0,0,1]}]}";
        FormState s = FormState.fromJson(Json.tree(json));
        String[] lines = s.layers.get(1).weightsText.split("\n");
        assertEquals(10, lines.length);
        assertEquals("0 0.1 0.2 0.3 0.4 0.5 0.6 0.7", lines[0]);
        assertEquals("9 9.1 9.2 9.3 9.4 9.5 9.6 9.7", lines[9]);
        Problem p = Submission.check(s).problem();
        assertEquals(ProblemJson.read(json), p);
    }

    @Test
    void a_bad_value_in_a_weight_text_is_named_by_its_row_and_column() {
        FormState s = FormState.fromParams(seedParams());
        s.layers.get(1).weightsText = "0.15 0.2\n0.25 x";
        s.layers.get(1).weights = new java.util.ArrayList<>();
        Submission sub = Submission.check(s);
        assertEquals("layers[1].weights[1][1]", sub.errors().get(0).field());
    }

    @Test
    void many_samples_are_typed_as_lines_with_a_bar_between_inputs_and_targets() {
        StringBuilder samples = new StringBuilder();
        for (int k = 0; k < 100; k++) {
            samples.append(k == 0 ? "" : ",").append("{\"input\": [").append(k % 2).append(", ").append(k % 3)
                    .append("], \"target\": [").append(k % 5 == 0 ? 1 : 0).append("]}");
        }
        String json = "{\"layers\": [{\"size\": 2}, {\"size\": 1, \"activation\": \"sigmoid\", \"weights\": [[0.1, 0.2]],"
                + " \"biases\": [0]}], \"learningRate\": 0.1, \"samples\": [" + samples + "]}";
        FormState s = FormState.fromJson(Json.tree(json));
        String[] lines = s.samplesText.split("\n");
        assertEquals(100, lines.length);
        assertEquals("0 0 | 1", lines[0]);
        assertEquals("1 1 | 0", lines[1]);
        assertEquals(ProblemJson.read(json), Submission.check(s).problem());
        s.samplesText = s.samplesText.replace("1 1 | 0", "1 x | 0");
        assertEquals("samples[1].input[1]", Submission.check(s).errors().get(0).field());
        FormEdits.apply(s, "add-sample");
        assertEquals(101, s.samplesText.split("\n").length, "still a text, one line longer");
    }

    @Test
    void a_far_index_in_a_hand_made_request_is_read_as_text_not_padded_with_empty_cells() {
        Map<String, List<String>> params = seedParams();
        params.put("samples[9999].input[255]", List.of("1"));
        params.put("layers[1].weights[255][255]", List.of("7"));
        params.put("layers[1].weights[256][0]", List.of("8"));
        FormState s = FormState.fromParams(params);
        assertEquals("0.05 0.1 | 0.75\n", s.samplesText.substring(0, 16));
        List<FormState.SampleRow> rows = s.sampleRows();
        assertEquals(10_000, rows.size());
        assertEquals(List.of("1"), rows.get(9_999).input, "the value sent, without 255 empty cells before it");
        // as in any weight text, a line per row that has values; row 256 is beyond any layer's 256 neurons
        assertEquals(List.of(List.of("0.15", "0.2"), List.of("0.25", "0.3"), List.of("7")), s.weightRows(1));
        Submission sub = Submission.check(s);
        long mistakes = sub.errors().size() + sub.more();
        // about two mistakes a sample (it has one input of two, and no target), not one per padded cell
        assertTrue(mistakes >= 10_000 && mistakes < 25_000, mistakes + " mistakes");
    }
}
