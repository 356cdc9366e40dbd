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
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Selection;
import dev.backprop.engine.render.Worked;
import dev.backprop.engine.train.Solver;
import dev.backprop.web.form.Presets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The worked page in each notation, and what it says beside the numbers: Mazur's presets read like
 * his post (its symbols and printed digits are the oracle), a page in one notation shows no other
 * notation's symbols outside the keys, step by step shows one step at a time, and the notes beside
 * the results are checked against the engine.
 */
class NotationPagesTest {

    static String page(Problem p, Notation.Profile profile, int step) {
        Worked w = Worked.solve(p, profile);
        String json = ProblemJson.toJson(p);
        return WorkedPage.render(w, new WorkedPage.Options(NumberStyle.DEFAULT, json, Selection.of(w, null, null),
                Links.solve(json, profile), step));
    }

    /** The page's visible text without the keys, hover titles and LaTeX: what a student reads. */
    private static String reading(String html) {
        String shown = html.replaceAll("(?s)<span class=\"key\"[^>]*>.*?</span>", "")
                .replaceAll("(?s)<td class=\"key\">.*?</td>", "")
                .replaceAll("(?s)<code class=\"key\"[^>]*>.*?</code>", "")
                .replaceAll("(?s)<details class=\"(step-latex|latex-source)\">.*?</details>", "")
                .replaceAll("(?s)<title>.*?</title>", "")
                // the conventions' notation item maps the symbols onto the paths: the one place it must name them
                .replaceAll("(?s)<dd class=\"notation-map\">.*?</dd>", "")
                .replaceAll("(?s)<form .*?</form>", "");
        return text(shown);
    }

    @Test
    void mazurs_preset_reads_like_his_post_section_by_section() {
        String html = page(preset("mazur"), Notation.Profile.MAZUR, 0);
        // The post: "net_h1 = w1 * i1 + w2 * i2 + b1 * 1 = 0.15 * 0.05 + 0.2 * 0.1 + 0.35 * 1 = 0.3775"
        String net = text(stepHtml(html, "z[1][0]"));
        assertTrue(net.contains("neth1=w1⋅i1+w2⋅i2+b1⋅1"), net);
        assertTrue(net.contains("=0.15⋅0.05+0.2⋅0.1+0.35⋅1"), net);
        assertEquals("0.3775", result(stepHtml(html, "z[1][0]")));
        assertEquals("0.593269992", result(stepHtml(html, "a[1][0]")));
        // "E_total = E_o1 + E_o2 = 0.274811083 + 0.023560026 = 0.298371109"
        assertEquals("0.298371109", result(stepHtml(html, "loss")));
        assertTrue(text(stepHtml(html, "loss")).contains("Etotal=12(targeto1−outo1)2"), text(stepHtml(html, "loss")));
        // "δ_o1 = ∂E_total/∂out_o1 · ∂out_o1/∂net_o1", "∂E_total/∂w5 = δ_o1 out_h1", "w5+ = 0.35891648"
        String delta = text(stepHtml(html, "delta[2][0]"));
        assertTrue(delta.contains("δo1=∂Etotal∂outo1⋅∂outo1∂neto1"), delta);
        assertEquals("0.138498562", result(stepHtml(html, "delta[2][0]")));
        assertTrue(text(stepHtml(html, "dW[2][0][0]")).contains("∂Etotal∂w5=δo1⋅outh1"));
        assertEquals("0.35891648", result(stepHtml(html, "W[2][0][0]")));
        assertTrue(text(stepHtml(html, "W[2][0][0]")).contains("w5+=w5−η⋅∂Etotal∂w5"));
        // the hidden layer: "w1+ = 0.149780716"
        assertEquals("0.149780716", result(stepHtml(html, "W[1][0][0]")));
        String headings = reading(html);
        assertTrue(headings.contains("Total error before"), "his words for the loss");
        assertTrue(headings.contains("Total error after the update"));
    }

    /** Symbols of each notation that no other notation writes: seen outside the keys, they are a slip of notation. */
    private static final String[][] ONLY = {
        {"Zh1", "Ah1", "W31", "Yo1", "Lafter", "Wnew"},
        {"neth1", "outh1", "Etotal", "targeto1", "w5+"},
        {"z1(1)", "a1(1)", "W11(2)", "C′"}};

    @ParameterizedTest
    @EnumSource(Notation.Profile.class)
    void a_page_in_one_notation_shows_no_other_notations_symbols_outside_the_keys(Notation.Profile profile) {
        String read = reading(page(preset("mazur"), profile, 0));
        for (Notation.Profile other : Notation.Profile.values()) {
            if (other == profile) {
                continue;
            }
            for (String symbol : ONLY[other.ordinal()]) {
                assertFalse(read.contains(symbol), profile.id() + " page shows " + other.id() + "'s " + symbol);
            }
        }
        assertFalse(read.contains("layers["), "a contract path appears only as a key: " + excerpt(read, "layers["));
        assertFalse(read.contains("delta["), "a quantity key appears only as a key");
    }

    private static String excerpt(String text, String what) {
        int at = text.indexOf(what);
        return at < 0 ? "" : text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80));
    }

    @Test
    void the_links_keep_the_notation() {
        String html = page(preset("mazur"), Notation.Profile.MAZUR, 0);
        assertTrue(html.contains("<option value=\"mazur\" selected>"), "the chooser shows it");
        assertTrue(Pattern.compile("id=\"permalink\"[^>]*").matcher(html).results().anyMatch(m -> true));
        Matcher link = Pattern.compile("href=\"([^\"]*)\"[^>]*id=\"permalink\"").matcher(html);
        assertTrue(link.find() && link.group(1).endsWith("&amp;notation=mazur"), "the permanent link holds it");
        assertFalse(page(preset("mazur"), Notation.Profile.SEED, 0).contains("notation=seed"), "the default is left out");
    }

    @Test
    void going_step_by_step_shows_the_steps_so_far_and_folds_the_current_ones_numbers() {
        String html = page(preset("seed-given"), Notation.Profile.SEED, 3);
        assertTrue(html.contains("id=\"q-z-1-0\"") && html.contains("id=\"q-a-1-0\""), "the first two steps in full");
        assertTrue(html.contains("id=\"current\""), "the third is the current one");
        Matcher current = Pattern.compile("(?s)<div class=\"step wide current[^\"]*\" id=\"current\".*?<details class=\"reveal\">"
                + "<summary>Show the numbers and the value</summary>").matcher(html);
        assertTrue(current.find(), "its numbers are folded away");
        assertFalse(html.contains("id=\"q-delta-2-0\""), "nothing beyond it");
        assertFalse(html.contains("id=\"summary\""), "no table of every parameter to give the answers away");
        assertTrue(html.contains("step=4#current"), "a link to the next step");
        assertTrue(text(html).contains("Show me the next step"));
        assertTrue(html.contains("step=2#current"), "and back");
        String last = page(preset("seed-given"), Notation.Profile.SEED, 10_000);
        assertTrue(last.contains("id=\"current\"") && !last.contains("Show me the next step"), "the last step ends the walk");
        assertTrue(text(last).contains(": the last."));
    }

    @Test
    void the_contents_go_down_to_each_layers_deltas_gradients_and_updates() {
        String html = page(preset("mazur"), Notation.Profile.SEED, 0);
        Matcher toc = Pattern.compile("(?s)<aside class=\"toc\">.*?</aside>").matcher(html);
        assertTrue(toc.find());
        for (String id : new String[] {"forward-1-1", "forward-1-2", "delta-2", "grad-2", "update-2", "delta-1", "grad-1", "update-1"}) {
            assertTrue(toc.group().contains("href=\"#" + id + "\""), "contents link to " + id);
            assertTrue(html.contains("id=\"" + id + "\""), "and the place exists: " + id);
        }
    }

    @Test
    void every_step_carries_its_latex_source_to_copy() {
        String html = page(preset("mazur"), Notation.Profile.MAZUR, 0);
        String step = stepHtml(html, "W[2][0][0]");
        assertTrue(step.contains("<details class=\"step-latex\">"), step);
        assertTrue(step.contains("\\begin{align*}") && step.contains("w_{5}^{+}"), step);
    }

    @Test
    void biases_kept_fixed_are_not_marked_as_changed() {
        String html = page(preset("mazur"), Notation.Profile.SEED, 0);
        Matcher summary = Pattern.compile("(?s)<table class=\"data summary\">.*?</table>").matcher(html);
        assertTrue(summary.find());
        long fresh = Pattern.compile("class=\"n new\"").matcher(summary.group()).results().count();
        long same = Pattern.compile("class=\"n same\"").matcher(summary.group()).results().count();
        assertEquals(8, fresh, "the eight weights changed");
        assertEquals(4, same, "the four biases kept fixed are shown unchanged");
        assertTrue(text(summary.group()).contains("the biases are kept fixed, so their gradients are not applied"));
    }

    @Test
    void a_loss_before_from_stated_values_says_so_beside_the_weights_own() {
        String html = page(preset("seed-given"), Notation.Profile.SEED, 0);
        String note = text(html.substring(html.indexOf("results-notes")));
        assertTrue(note.contains("The loss before comes from the values the exercise states"), note);
        assertTrue(note.contains("the loss after is a real forward pass through the updated weights"), note);
        // the oracle: a forward pass through the seed's weights with nothing stated
        double fromWeights = Solver.solve(preset("seed-computed")).lossBefore();
        assertTrue(note.contains("Worked from the weights alone, the loss before would be " + NumberStyle.DEFAULT.text(fromWeights)),
                note);
    }

    /** The figures of the Mazur presets' notes, each computed again: his printed digits are the oracle. */
    @Test
    void the_note_on_mazurs_ten_thousand_steps_says_which_figures_his_sentence_joins() {
        String note = Presets.byId("mazur-published").orElseThrow().note();
        Problem updated = preset("mazur-published");
        assertTrue(note.contains(NumberStyle.DEFAULT.text(Solver.solve(updated).lossAfter())), "this page's error: " + note);
        // his outputs after 10,000 steps with the slip, to his nine digits: 0.015912196 and 0.984065734
        double[] out = dev.backprop.engine.train.Trainer.of(updated.withNetwork(Solver.solve(updated).network()))
                .predict(new double[] {0.05, 0.1});
        assertEquals("0.015912196", String.format(java.util.Locale.ROOT, "%.9f", out[0]));
        assertEquals("0.984065734", String.format(java.util.Locale.ROOT, "%.9f", out[1]));
        // his error, 0.0000351085, is correct backpropagation's after 9,999 steps, to his ten places
        String json = Presets.byId("mazur-published").orElseThrow().json();
        double original9999 = Solver.solve(ProblemJson.read(json.replace("\"epochs\": 10000", "\"epochs\": 9999")
                .replace("\"updated\"", "\"original\""))).lossAfter();
        assertEquals("0.0000351085", String.format(java.util.Locale.ROOT, "%.10f", original9999));
        assertTrue(note.contains(NumberStyle.DEFAULT.text(original9999)), note);
        double original10000 = Solver.solve(ProblemJson.read(json.replace("\"updated\"", "\"original\""))).lossAfter();
        assertTrue(note.contains(NumberStyle.DEFAULT.text(original10000)), note);
        for (int steps : new int[] {9996, 9997}) {
            double v = Solver.solve(ProblemJson.read(json.replace("\"epochs\": 10000", "\"epochs\": " + steps))).lossAfter();
            assertTrue(note.contains(NumberStyle.DEFAULT.text(v)), steps + " steps: " + note);
            assertFalse(String.format(java.util.Locale.ROOT, "%.10f", v).equals("0.0000351085"));
        }
        String html = page(updated, Notation.Profile.MAZUR, 0);
        assertTrue(html.contains("id=\"source-note\""), "shown beside the results");
    }

    @Test
    void the_note_on_mazurs_one_step_names_the_figure_he_printed() {
        String note = Presets.byId("mazur").orElseThrow().note();
        assertTrue(note.contains("0.291027924"), note);
        assertTrue(note.contains(NumberStyle.DEFAULT.text(Solver.solve(preset("mazur")).lossAfter())), note);
        assertTrue(note.contains(NumberStyle.DEFAULT.text(Solver.solve(preset("mazur-published")).lossHistory()[0])), note);
    }
}
