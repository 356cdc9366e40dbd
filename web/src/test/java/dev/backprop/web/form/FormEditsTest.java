package dev.backprop.web.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Problem;
import org.junit.jupiter.api.Test;

class FormEditsTest {
    private static FormState seed() {
        return FormState.fromJson(ProblemJson.parse(Presets.byId("seed-computed").orElseThrow().json()));
    }

    @Test
    void adding_an_input_says_what_is_new_and_which_names_move_and_keeps_what_was_typed_in_place() {
        FormState s = seed();
        s.layers.get(1).weights.get(0).set(0, "0.123");
        String notice = FormEdits.apply(s, "add-neuron:0");
        assertTrue(notice.contains("x3 is new: its weights into h1–h2 are filled with small fixed values, marked “new” below"),
                notice);
        // the seed numbers neurons through the network: h1 was neuron 3 and is now neuron 4
        assertTrue(notice.contains("The numbering moves on with it: the weight from h1 into o1, W₃₁ before, is now W₄₁ "
                + "(and 1 more weight likewise)."), notice);
        assertEquals("0.123", s.layers.get(1).weights.get(0).get(0), "a typed weight stays at its place");
        assertTrue(s.fresh.containsAll(java.util.List.of("layers[1].weights[0][2]", "layers[1].weights[1][2]", "samples[0].input[2]")),
                s.fresh.toString());
        assertFalse(s.fresh.contains("layers[1].weights[0][0]"));

        FormState m = seed();
        m.notation = "mazur";
        String mazur = FormEdits.apply(m, "add-neuron:0");
        assertTrue(mazur.contains("the weight from i1 into h2, w₃ before, is now w₄"), "Mazur's w numbers move too: " + mazur);
        FormState x = seed();
        x.notation = "matrix";
        assertFalse(FormEdits.apply(x, "add-neuron:0").contains("numbering"), "the matrix form numbers within a layer");
    }

    @Test
    void adding_a_hidden_neuron_grows_its_row_and_the_next_layers_columns() {
        FormState s = seed();
        String notice = FormEdits.apply(s, "add-neuron:1");
        assertTrue(notice.startsWith("Layer 1 now has 3 neurons. h3 is new: its weights from x1–x2 and its bias and its weights "
                + "into o1 are filled with small fixed values, marked “new” below"), notice);
        assertTrue(notice.contains("The values you typed are kept where they were."), notice);
        assertTrue(s.fresh.containsAll(java.util.List.of("layers[1].weights[2][0]", "layers[1].weights[2][1]", "layers[1].biases[2]",
                "layers[2].weights[0][2]")), "the new values are marked: " + s.fresh);
        assertEquals(4, s.fresh.size(), "and only they: " + s.fresh);
        assertEquals("3", s.layers.get(1).size);
        assertEquals(3, s.layers.get(1).weights.size());
        assertEquals(2, s.layers.get(1).weights.get(2).size());
        assertEquals(3, s.layers.get(1).biases.size());
        assertEquals(3, s.layers.get(2).weights.get(0).size());
        assertEquals("0.4", s.layers.get(2).weights.get(0).get(0), "typed values are kept");
        Problem p = Submission.check(s).problem();
        assertEquals(3, p.network().size(1));
    }

    @Test
    void removing_an_output_neuron_shortens_every_target() {
        FormState s = FormState.fromJson(ProblemJson.parse(Presets.byId("mazur").orElseThrow().json()));
        FormEdits.apply(s, "remove-neuron:2");
        assertEquals(1, s.samples.get(0).target.size());
        assertEquals("0.01", s.samples.get(0).target.get(0));
        assertTrue(Submission.check(s).ok());
    }

    @Test
    void adding_an_input_widens_every_sample_and_the_first_layer() {
        FormState s = seed();
        FormEdits.apply(s, "add-neuron:0");
        assertEquals(3, s.samples.get(0).input.size());
        assertEquals("0", s.samples.get(0).input.get(2));
        assertEquals(3, s.layers.get(1).weights.get(1).size());
    }

    @Test
    void a_hidden_layer_is_added_below_the_output_and_can_be_removed() {
        FormState s = seed();
        FormEdits.apply(s, "add-layer");
        assertEquals(4, s.depth());
        assertEquals("2", s.layers.get(2).size);
        assertEquals(2, s.layers.get(3).weights.get(0).size(), "the output now takes the new layer's 2 neurons");
        assertTrue(Submission.check(s).ok());
        FormEdits.apply(s, "remove-layer:1");
        assertEquals(3, s.depth());
        assertEquals(2, s.layers.get(1).weights.get(0).size(), "the new layer now takes the 2 inputs");
        assertTrue(Submission.check(s).ok(), Submission.check(s).errors().toString());
    }

    @Test
    void the_output_layer_cannot_be_removed_and_a_layer_keeps_one_neuron() {
        FormState s = seed();
        assertEquals("Only hidden layers can be removed.", FormEdits.apply(s, "remove-layer:2"));
        FormEdits.apply(s, "remove-neuron:2");
        assertEquals("1", s.layers.get(2).size);
    }

    @Test
    void typed_sizes_are_applied_on_request() {
        FormState s = seed();
        s.layers.get(1).size = "4";
        FormEdits.apply(s, "resize");
        assertEquals(4, s.layers.get(1).weights.size());
        assertEquals(4, s.layers.get(2).weights.get(0).size());
        s.layers.get(1).size = "many";
        assertTrue(FormEdits.apply(s, "resize").contains("check layer 1"));
        assertEquals(4, s.layers.get(1).weights.size(), "nothing changes for a size that is not a number");
    }

    @Test
    void samples_and_given_values_are_added_and_removed() {
        FormState s = seed();
        FormEdits.apply(s, "add-sample");
        assertEquals(2, s.samples.size());
        assertEquals(2, s.samples.get(1).input.size());
        FormEdits.apply(s, "remove-sample:0");
        assertEquals(1, s.samples.size());
        assertEquals("A problem needs at least one sample.", FormEdits.apply(s, "remove-sample:0"));
        FormEdits.apply(s, "add-given");
        assertEquals("a[2][0]", s.given.get(0).key);
        FormEdits.apply(s, "remove-given:0");
        assertTrue(s.given.isEmpty());
    }

    @Test
    void new_weights_are_small_fixed_and_never_zero() {
        for (int k = 0; k < 50; k++) {
            double w = Double.parseDouble(FormEdits.defaultWeight(1, k, k % 3));
            assertTrue(Math.abs(w) <= 0.5 && w != 0, "weight " + w);
            assertEquals(FormEdits.defaultWeight(1, k, k % 3), FormEdits.defaultWeight(1, k, k % 3));
        }
    }

    @Test
    void only_known_actions_are_edits() {
        assertTrue(FormEdits.isEdit("add-neuron:1"));
        assertTrue(FormEdits.isEdit("add-layer"));
        assertFalse(FormEdits.isEdit("solve"));
        assertFalse(FormEdits.isEdit("add-neuron:x"));
        assertFalse(FormEdits.isEdit("drop-table"));
        assertFalse(FormEdits.isEdit(null));
    }

    @Test
    void a_resize_that_would_write_millions_of_sample_values_leaves_the_samples_as_typed_and_says_so() {
        FormState s = seed();
        s.samples.clear();
        s.samplesText = "1 2 | 1\n".repeat(10_000);
        s.layers.get(0).size = "256";
        s.layers.get(2).size = "256";
        String notice = FormEdits.apply(s, "resize");
        assertEquals("Applied the sizes: the weight grids and biases now fit them. The samples are left as typed: fitting all"
                + " 10000 of them to these sizes would write 5,120,000 values. Edit them in the samples box.", notice);
        assertEquals("1 2 | 1\n".repeat(10_000), s.samplesText);
        assertEquals(256, s.weightRows(1).get(0).size(), "the weights do fit the new sizes");

        FormState few = seed();
        few.layers.get(0).size = "256";
        assertEquals("Applied the sizes: the weight grids, biases and samples now fit them.", FormEdits.apply(few, "resize"));
        assertEquals(256, few.sampleRows().get(0).input.size(), "a few samples are still fitted");
    }

    @Test
    void sizes_beyond_the_servers_parameter_limit_are_refused_and_kept_as_typed() {
        FormState s = seed();
        s.layers.get(0).size = "256";
        s.layers.get(1).size = "256";
        String notice = FormEdits.apply(s, "resize");
        // (256 + 1)·256 + (256 + 1)·1 weights and biases
        assertEquals("Not changed: those sizes make 66,049 weights and biases, and a problem has at most 5,000.", notice);
        assertEquals("256", s.layers.get(0).size, "the sizes stay as typed, to be corrected");
        assertEquals(2, s.layers.get(1).weights.size(), "the grids are not redrawn for 256 neurons");
    }

    @Test
    void a_neuron_or_layer_that_would_pass_the_limit_is_refused_and_shrinking_is_always_allowed() {
        FormState s = seed();
        s.layers.get(0).size = "64";
        s.layers.get(1).size = "68";
        s.layers.get(2).size = "8";
        // (64 + 1)·68 + (68 + 1)·8 = 4,972
        assertEquals("Applied the sizes: the weight grids, biases and samples now fit them.", FormEdits.apply(s, "resize"));
        assertEquals("Not changed: those sizes make 5,045 weights and biases, and a problem has at most 5,000.",
                FormEdits.apply(s, "add-neuron:1"));
        assertEquals("68", s.layers.get(1).size);
        assertEquals("Not changed: those sizes make 5,041 weights and biases, and a problem has at most 5,000.",
                FormEdits.apply(s, "add-neuron:2"));
        assertEquals("Layer 2 now has 7 neurons. The last neuron was removed, with its weights and bias.",
                FormEdits.apply(s, "remove-neuron:2"));
        assertTrue(Submission.check(s).ok(), "a network near the limit is solved: " + Submission.check(s).errors());

        FormState big = FormState.fromJson(ProblemJson.parse(
                "{\"layers\": [{\"size\": 100}, {\"size\": 100, \"activation\": \"sigmoid\"}, {\"size\": 1, \"activation\": \"sigmoid\"}],"
                        + " \"loss\": \"half_squared_error\", \"learning_rate\": 0.5,"
                        + " \"samples\": [{\"input\": [" + "0, ".repeat(99) + "0], \"target\": [1]}]}"));
        assertEquals("Layer 1 now has 99 neurons. The last neuron was removed, with its weights and bias.", FormEdits.apply(big, "remove-neuron:1"),
                "10,201 parameters, loaded as JSON: an edit that makes it smaller goes through");
    }
}
