package dev.backprop.web.view;

import static dev.backprop.web.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.web.Json;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.web.form.FormState;
import dev.backprop.web.form.Presets;
import dev.backprop.web.form.Submission;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FormPageTest {
    private static FormState seed() {
        return FormState.fromJson(Json.tree(Presets.first().json()));
    }

    private static String input(String html, String name) {
        Matcher m = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(html);
        return m.find() ? m.group() : "";
    }

    @Test
    void the_form_shows_the_seeds_example_with_every_field_labelled_in_the_seeds_notation() {
        String html = FormPage.render(new FormPage.Model(seed(), List.of(), "", "{}"));
        assertTrue(input(html, "layers[2].weights[0][0]").contains("value=\"0.4\""));
        assertTrue(input(html, "layers[1].weights[0][1]").contains("value=\"0.2\""));
        assertTrue(html.contains("<label for=\"f-layers-2-weights-0-0\" class=\"cell-label\"><span>W</span><span class=\"subscript\">31</span></label>"),
                "W31 labels layers[2].weights[0][0]");
        assertTrue(html.contains("<label for=\"f-layers-1-weights-0-1\" class=\"cell-label\"><span>W</span><span class=\"subscript\">21</span></label>"),
                "W21 labels layers[1].weights[0][1], as the contract says");
        assertTrue(input(html, "given[0].value").contains("value=\"0.59\""));
        assertTrue(input(html, "learningRate").contains("value=\"0.5\""));
        for (String field : new String[] {"layers[0].size", "loss", "learningRate", "epochs", "batchSize", "updateBiases",
                "hiddenDeltaWeights", "rounding.kind", "rounding.digits", "samples[0].input[0]", "samples[0].target[0]",
                "given[0].key", "layers[1].activation"}) {
            assertTrue(html.contains("name=\"" + field + "\""), field);
        }
        assertFalse(html.contains("<script"), "no scripts: the form works without JavaScript");
        assertFalse(html.contains("style="), "no inline styles");
        for (Presets.Preset p : Presets.ALL) {
            assertTrue(text(html).contains(p.title()), p.id());
        }
    }

    @Test
    void every_input_has_a_label() {
        String html = FormPage.render(new FormPage.Model(seed(), List.of(), "", "{}"));
        Matcher inputs = Pattern.compile("<(input|select|textarea)[^>]*id=\"([^\"]+)\"").matcher(html);
        int count = 0;
        while (inputs.find()) {
            String tag = inputs.group();
            if (tag.contains("type=\"hidden\"") || tag.contains("type=\"radio\"")) {
                continue;
            }
            count++;
            assertTrue(html.contains("for=\"" + inputs.group(2) + "\""), "no label for " + inputs.group(2));
        }
        assertTrue(count > 20, "inputs checked: " + count);
    }

    @Test
    void a_bad_submission_keeps_every_value_escaped_with_a_message_at_each_field() {
        FormState s = seed();
        s.learningRate = "<script>alert(1)</script>";
        s.layers.get(2).weights.get(0).set(1, "4,5");
        s.samples.get(0).target.set(0, "\"><b>bold</b>");
        List<FieldError> errors = Submission.check(s).errors();
        String html = FormPage.render(new FormPage.Model(s, errors, "", "{}"));
        assertFalse(html.contains("<script>alert(1)"), "the script comes back as text");
        assertFalse(html.contains("<b>bold</b>"));
        assertTrue(input(html, "learningRate").contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), input(html, "learningRate"));
        assertTrue(input(html, "learningRate").contains("aria-invalid=\"true\""));
        assertTrue(input(html, "layers[2].weights[0][1]").contains("value=\"4,5\""));
        assertTrue(input(html, "samples[0].target[0]").contains("value=\"&quot;&gt;&lt;b&gt;bold&lt;/b&gt;\""));
        assertTrue(input(html, "layers[2].weights[0][0]").contains("value=\"0.4\""), "untouched values are kept too");
        Matcher at = Pattern.compile("<span class=\"field-error\" id=\"e-learningRate\">(.*?)</span></span>").matcher(html);
        assertTrue(at.find(), "the message sits at the learning rate");
        assertEquals("“<script>alert(1)</script>” is not a number", text(at.group(1)));
        assertTrue(html.contains("id=\"e-layers-2-weights-0-1\""));
        assertTrue(html.contains("id=\"e-samples-0-target-0\""));
        assertTrue(text(html).contains("3 things to fix"), "and a list of all of them at the top");
    }

    @Test
    void a_mistake_about_a_whole_layer_is_shown_on_the_layer() {
        FormState s = seed();
        List<FieldError> errors = List.of(new FieldError("layers[2].weights", "has 3 rows; layer 2 has 1 neuron"),
                new FieldError("layers[1].activation", "softmax is for the output layer only"));
        String html = FormPage.render(new FormPage.Model(s, errors, "", "{}"));
        int layer2 = html.indexOf("id=\"f-layers-2\"");
        int message = html.indexOf("has 3 rows; layer 2 has 1 neuron", layer2);
        assertTrue(layer2 > 0 && message > layer2, "the message is inside layer 2's card");
        assertTrue(html.contains("id=\"e-layers-1-activation\""));
    }

    @Test
    void a_samples_own_mistakes_are_shown_under_its_row_in_the_order_found() {
        FormState s = seed();
        List<FieldError> errors = List.of(new FieldError("samples[0].target", "has 2 values; the output layer has 1 neuron"),
                new FieldError("samples[1]", "is not for this row"),
                new FieldError("samples[0]", "is a duplicate"),
                new FieldError("samples[0].input", "has 1 value; the input layer has 2 neurons"));
        String html = FormPage.render(new FormPage.Model(s, errors, "", "{}"));
        Matcher row = Pattern.compile("<tr class=\"error-row\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertTrue(row.find(), "a row of messages under sample 1");
        assertEquals("target: has 2 values; the output layer has 1 neuronis a duplicateinput: has 1 value; the input layer has 2 neurons",
                text(row.group(1)));
        assertFalse(row.find(), "the form has one sample; the mistake about a second has no row");
    }

    @Test
    void a_json_syntax_error_opens_the_json_box_with_the_text_kept() {
        String typed = "{\"layers\": [<script>";
        String html = FormPage.render(new FormPage.Model(seed(), List.of(new FieldError("(body)", "is not valid JSON")), "", typed));
        assertTrue(html.contains("<details class=\"json-box\" open"), html.substring(html.indexOf("json-box") - 20, html.indexOf("json-box") + 40));
        assertTrue(html.contains("{&quot;layers&quot;: [&lt;script&gt;</textarea>"));
    }
}
