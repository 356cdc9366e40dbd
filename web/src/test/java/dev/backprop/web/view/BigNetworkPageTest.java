package dev.backprop.web.view;

import static dev.backprop.web.Fixtures.stepHtml;
import static dev.backprop.web.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Selection;
import dev.backprop.engine.render.Worked;
import org.junit.jupiter.api.Test;

/** Networks past the threshold: matrix form, one neuron at a time, and pages that stay small. */
class BigNetworkPageTest {
    /** The widest layer the server allows (256 neurons) with as many weights as it allows. */
    private static final String WIDE = "{\"layers\": [{\"size\": 16}, {\"size\": 256, \"activation\": \"relu\"},"
            + " {\"size\": 2, \"activation\": \"sigmoid\"}], \"learningRate\": 0.1, \"seed\": 3,"
            + " \"samples\": [{\"input\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16], \"target\": [0, 1]}], \"epochs\": 3}";

    /** The page, with the problem written out in full in its links (every weight explicit: the longest form). */
    private static String page(Problem p, String neuron, String from) {
        Worked w = Worked.solve(p);
        String json = ProblemJson.toJson(p);
        return WorkedPage.render(w, new WorkedPage.Options(NumberStyle.DEFAULT, json, Selection.of(w, neuron, from), Links.solve(json)));
    }

    @Test
    void a_wide_network_is_shown_in_matrix_form_and_stays_small() {
        Problem p = ProblemJson.read(WIDE);
        String html = page(p, null, null);
        assertTrue(html.contains("The layers in matrix form"));
        assertTrue(html.contains("<mtable>"), "matrices in MathML");
        assertTrue(html.contains("⋮"), "long vectors are cut short");
        assertFalse(html.contains("id=\"q-z-1-0\""), "no neuron's working until one is chosen");
        assertTrue(html.contains("id=\"q-loss\""), "the loss is worked out");
        assertTrue(html.length() < 600_000, "page size " + html.length());
    }

    @Test
    void one_neuron_can_be_opened_with_its_full_working() {
        Problem p = ProblemJson.read(WIDE);
        String html = page(p, "o1", null);
        String z = text(stepHtml(html, "z[2][0]"));
        assertTrue(z.contains("Ah256⋅W272,1"), "all 256 terms of o1's weighted input, the last from h256 (neuron 272): "
                + z.substring(Math.max(0, z.length() - 300)));
        assertTrue(html.contains("id=\"q-delta-2-0\""));
        assertTrue(html.contains("id=\"q-dW-2-0-31\""), "the first 32 incoming weights");
        assertFalse(html.contains("id=\"q-dW-2-0-32\""), "not the 33rd");
        assertFalse(html.contains("id=\"q-z-2-1\""), "not o2's working");
        assertTrue(text(html).contains("weights 33–64"), "a link to the next incoming weights");
        assertTrue(html.length() < 1_000_000, "page size " + html.length());
    }

    @Test
    void the_next_incoming_weights_are_a_page_of_their_own() {
        String html = page(ProblemJson.read(WIDE), "o1", "64");
        assertTrue(html.contains("id=\"q-dW-2-0-64\""));
        assertTrue(html.contains("id=\"q-W-2-0-95\""));
        assertFalse(html.contains("id=\"q-dW-2-0-96\""));
        assertFalse(html.contains("id=\"q-dW-2-0-0\""));
    }

    @Test
    void a_hidden_neurons_working_sums_over_the_layer_above() {
        String html = page(ProblemJson.read(WIDE), "h7", null);
        String d = text(stepHtml(html, "delta[1][6]"));
        assertTrue(d.contains("W23,1⋅δo1+W23,2⋅δo2"), d);
        assertTrue(html.length() < 1_000_000, "page size " + html.length());
    }

    @Test
    void a_big_batch_is_shown_for_its_first_sample_with_mean_gradients_cut_short() {
        StringBuilder samples = new StringBuilder();
        for (int s = 0; s < 1000; s++) {
            samples.append(s == 0 ? "" : ",").append("{\"input\": [").append(s % 7 / 7.0).append(", ").append(s % 5 / 5.0)
                    .append("], \"target\": [").append(s % 2).append("]}");
        }
        Problem p = ProblemJson.read("{\"layers\": [{\"size\": 2}, {\"size\": 2, \"activation\": \"sigmoid\"},"
                + " {\"size\": 1, \"activation\": \"sigmoid\"}], \"learningRate\": 0.5, \"batchSize\": 1000,"
                + " \"samples\": [" + samples + "]}");
        String none = page(p, null, null);
        assertTrue(none.length() < 600_000, "page size " + none.length());
        String html = page(p, "h1", null);
        assertTrue(html.length() < 1_000_000, "page size " + html.length());
        assertTrue(html.contains("id=\"q-z-1-0\""));
        assertFalse(html.contains("id=\"q-z-1-0-1\""), "only the first sample's forward pass");
        String g = text(stepHtml(html, "dW[1][0][0]"));
        assertTrue(g.contains("11000(") && g.contains("⋯"), "the mean over 1000 samples, cut short: " + g);
    }
}
