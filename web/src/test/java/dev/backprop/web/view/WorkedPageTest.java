package dev.backprop.web.view;

import static dev.backprop.web.Fixtures.preset;
import static dev.backprop.web.Fixtures.result;
import static dev.backprop.web.Fixtures.stepHtml;
import static dev.backprop.web.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Selection;
import dev.backprop.engine.render.Worked;
import dev.backprop.web.form.Presets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worked page rendered to a string. The oracle for the seed's page is the seed document's own
 * derivation (backprop-example.md): its formulas and its printed numbers.
 */
class WorkedPageTest {
    private static String seed;

    static String page(Problem p, NumberStyle style, String neuron) {
        Worked w = Worked.solve(p);
        String json = ProblemJson.toJson(p);
        return WorkedPage.render(w, new WorkedPage.Options(style, json, Selection.of(w, neuron, null), Links.solve(json)));
    }

    @BeforeAll
    static void render() {
        seed = page(preset("seed-given"), NumberStyle.DEFAULT, null);
    }

    private static void assertStep(String key, String formula, String numbers, String value) {
        String html = stepHtml(seed, key);
        String text = text(html);
        assertTrue(html.contains("<math"), key + " is not MathML: " + html);
        assertTrue(text.contains(formula), key + ": no formula " + formula + " in " + text);
        assertTrue(text.contains(numbers), key + ": no numbers " + numbers + " in " + text);
        assertEquals(value, result(html), key);
    }

    @Test
    void the_seed_page_derives_delta_o1_as_the_seed_does() {
        // δ_o1 = −(0.75 − 0.70) · 0.70(1 − 0.70) = −0.05 · 0.70 · 0.30 = −0.0105
        assertStep("delta[2][0]", "=−(Yo1−Ao1)⋅Ao1(1−Ao1)", "=−(0.75−0.7)⋅0.7(1−0.7)", "−0.0105");
        String text = text(stepHtml(seed, "delta[2][0]"));
        assertTrue(text.contains("∂L∂Ao1⋅σ′(Zo1)"), "the loss derivative times the activation derivative, named: " + text);
        assertTrue(text.contains("=−0.05⋅0.21"), text);
    }

    @Test
    void the_seed_page_derives_the_output_weight_gradients() {
        assertStep("dW[2][0][0]", "=δo1⋅Ah1", "=−0.0105⋅0.59", "−0.006195");
        assertStep("dW[2][0][1]", "=δo1⋅Ah2", "=−0.0105⋅0.6", "−0.0063");
        assertTrue(text(stepHtml(seed, "dW[2][0][0]")).startsWith("dW[2][0][0]∂L∂W31"));
    }

    @Test
    void the_seed_page_updates_the_output_weights() {
        assertStep("W[2][0][0]", "=W31old−α⋅∂L∂W31", "=0.4−0.5⋅(−0.006195)", "0.4030975");
        assertStep("W[2][0][1]", "=W41old−α⋅∂L∂W41", "=0.45−0.5⋅(−0.0063)", "0.45315");
    }

    @Test
    void the_seed_page_derives_the_hidden_deltas_from_the_original_weights() {
        // δ_h1 = (0.40 · −0.0105) · 0.59(1 − 0.59); the seed prints ≈ −0.00101, exactly −0.00101598
        assertStep("delta[1][0]", "=(W31⋅δo1)⋅Ah1(1−Ah1)", "=(0.4⋅(−0.0105))⋅0.59(1−0.59)", "−0.00101598");
        assertStep("delta[1][1]", "=(W41⋅δo1)⋅Ah2(1−Ah2)", "=(0.45⋅(−0.0105))⋅0.6(1−0.6)", "−0.001134");
        assertTrue(text(stepHtml(seed, "delta[1][0]")).contains("as it was before this update"));
    }

    @Test
    void the_seed_page_states_the_given_values_and_computes_from_them() {
        String a = text(stepHtml(seed, "a[1][0]"));
        assertTrue(a.contains("Ah1=0.59"), a);
        assertTrue(a.contains("Given by the exercise"), a);
        assertStep("z[2][0]", "=Ah1⋅W31+Ah2⋅W41+B3", "=0.59⋅0.4+0.6⋅0.45+0.6", "1.106");
        assertTrue(text(seed).contains("Given values"), "the conventions name the given values");
    }

    @Test
    void the_seed_page_works_the_input_to_hidden_gradient_from_x1() {
        // ∂L/∂W11 = δ_h1 · X1 (the seed's −0.0000505 is from its rounded δ; unrounded it is −0.000050799)
        assertStep("dW[1][0][0]", "=δh1⋅X1", "=−0.00101598⋅0.05", "−0.000050799");
    }

    @Test
    void the_seed_page_draws_the_network_before_and_after() {
        Matcher svgs = Pattern.compile("<svg[^>]*class=\"network\".*?</svg>", Pattern.DOTALL).matcher(seed);
        assertTrue(svgs.find(), "no diagram");
        String before = svgs.group();
        assertTrue(svgs.find(), "no second diagram");
        String after = svgs.group();
        for (String name : new String[] {"x1", "x2", "h1", "h2", "o1"}) {
            assertTrue(before.contains(">" + name + "</text>"), name);
        }
        assertTrue(text(before).contains("W31 = 0.4"), text(before));
        assertTrue(text(before).contains("B3 = 0.6"), text(before));
        assertTrue(after.contains("W31 = 0.4030975 (from h1 into o1; layers[2].weights[0][0])"), "the updated weight on hover");
        assertTrue(after.contains("class=\"label changed\""), "changed values are marked");
    }

    @Test
    void the_seed_page_states_its_conventions_and_the_notation_mapping() {
        String t = text(seed);
        assertTrue(t.contains("half-squared-error"), t);
        assertTrue(t.contains("layers[2].weights[0][0]"), "the mapping from W31 to the contract");
        assertTrue(t.contains("updated along with the weights"), t);
        assertTrue(t.contains("Rounding"), t);
    }

    @Test
    void the_summary_lists_every_parameter_before_gradient_and_after() {
        Matcher m = Pattern.compile("<table class=\"data summary\">.*?</table>", Pattern.DOTALL).matcher(seed);
        assertTrue(m.find());
        String table = text(m.group());
        assertTrue(table.contains("W310.4−0.0061950.4030975h1 → o1layers[2].weights[0][0]"), table);
        assertTrue(table.contains("B30.6−0.01050.60525o1layers[2].biases[0]"), table);
        assertEquals(9, m.group().split("<tr>").length - 2, "9 parameter rows under the header");
    }

    @Test
    void every_number_carries_its_exact_double_on_hover() {
        assertTrue(stepHtml(seed, "delta[2][0]").contains("title=\"-0.010500000000000011\""));
    }

    @Test
    void the_precision_selector_changes_the_figures() {
        String four = page(preset("seed-given"), new NumberStyle(4), null);
        assertEquals("−0.001016", result(stepHtml(four, "delta[1][0]")));
        assertTrue(four.contains("<option value=\"4\" selected>"), "the selector shows the precision in force");
    }

    @Test
    void the_page_has_no_script_no_inline_style_and_links_its_exports() {
        assertFalse(seed.contains("<script"), "no scripts");
        assertFalse(seed.contains("style="), "no inline style attributes (the CSP forbids them)");
        assertFalse(seed.contains("<style"), "no style blocks");
        assertTrue(seed.contains("formaction=\"/solve.tex\""));
        assertTrue(seed.contains("formaction=\"/solve.md\""));
        assertTrue(seed.contains("formaction=\"/solve.json\""));
        assertTrue(seed.contains("<input type=\"hidden\" name=\"problem\""), "the tools' form carries the problem");
        assertTrue(seed.contains("media=\"print\""), "a print stylesheet");
    }

    @Test
    void mazur_page_shows_his_published_figures() {
        String html = page(preset("mazur"), NumberStyle.DEFAULT, null);
        // Published in the post: out_h1 0.593269992, out_o1 0.75136507, E_total 0.298371109, w5+ 0.35891648, w1+ 0.149780716
        assertEquals("0.593269992", result(stepHtml(html, "a[1][0]")));
        assertEquals("0.75136507", result(stepHtml(html, "a[2][0]")));
        assertEquals("0.298371109", result(stepHtml(html, "loss")));
        assertEquals("0.35891648", result(stepHtml(html, "W[2][0][0]")));
        assertEquals("0.149780716", result(stepHtml(html, "W[1][0][0]")));
        String b = text(stepHtml(html, "b[2][0]"));
        assertTrue(b.contains("kept fixed"), b);
        assertTrue(text(stepHtml(html, "delta[1][0]")).contains("W31,W32"), "h1's δ sums over both outputs' weights");
    }

    @Test
    void mazur_as_published_says_it_uses_the_updated_weights_and_reaches_his_loss() {
        String html = page(preset("mazur-published"), NumberStyle.DEFAULT, null);
        String d = text(stepHtml(html, "delta[1][0]"));
        assertTrue(d.contains("already-updated weights"), d);
        assertTrue(d.contains("W31new"), "the updated weights are written as such: " + d);
        assertEquals("0.291027924", result(stepHtml(html, "lossAfter")), "Mazur's published loss after one step");
        assertTrue(html.contains("class=\"loss-plot\""), "10,000 epochs are plotted");
        assertTrue(html.length() < 1_000_000, "the plot is thinned: " + html.length());
    }

    @Test
    void training_shows_a_labelled_loss_plot_and_the_parameters_by_epoch() {
        String html = page(preset("xor"), NumberStyle.DEFAULT, null);
        Matcher plot = Pattern.compile("<svg[^>]*class=\"loss-plot\".*?</svg>", Pattern.DOTALL).matcher(html);
        assertTrue(plot.find());
        String t = text(plot.group());
        assertTrue(t.contains("epoch") && t.contains("loss"), "labelled axes: " + t);
        Matcher table = Pattern.compile("<table class=\"data epochs\">.*?</table>", Pattern.DOTALL).matcher(html);
        assertTrue(table.find());
        String e = text(table.group());
        assertTrue(e.contains("Start") && e.contains("Epoch 1") && e.contains("Epoch 3") && e.contains("… Epoch 4,000"), "thousands grouped, as everywhere: " + e);
        assertTrue(html.contains("class=\"data predictions\""), "the trained outputs");
    }

    @Test
    void a_batch_names_each_samples_quantities() {
        String html = page(preset("softmax"), NumberStyle.DEFAULT, null);
        String t = text(stepHtml(html, "dW[2][0][0]"));
        assertTrue(t.contains("13(δo1(1)⋅Ah1(1)+δo1(2)⋅Ah1(2)+δo1(3)⋅Ah1(3))"), "the mean over the batch: " + t);
        String delta = text(stepHtml(html, "delta[2][0]"));
        assertTrue(delta.contains("=Ao1(1)−Yo1(1)"), "softmax with cross-entropy: δ = A − Y: " + delta);
    }

    @Test
    void with_rounding_each_value_is_written_rounded_and_the_convention_is_stated() {
        String json = Presets.byId("seed-computed").orElseThrow().json().trim();
        json = json.substring(0, json.length() - 1) + ", \"rounding\": {\"decimals\": 3}}";
        String html = page(ProblemJson.read(json), NumberStyle.DEFAULT, null);
        // The contract: 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775 rounds to 0.378 at 3 places.
        String z = stepHtml(html, "z[1][0]");
        assertEquals("0.378", result(z));
        assertTrue(text(z).contains("=0.05⋅0.15+0.1⋅0.2+0.35≈0.378"), text(z));
        assertTrue(text(html).contains("rounded to 3 decimal places"), "the convention is stated");
    }
}
