package dev.backprop.web.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.web.view.FormPage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optimizer's fields on the problem form: read, sent on as the contract's JSON, refused at their inputs. */
class OptimizerFormTest {
    private static Map<String, List<String>> params(String optimizer, String... more) {
        Map<String, List<String>> p = FormStateTest.seedParams();
        p.keySet().removeIf(k -> k.startsWith("given"));
        p.put("epochs", List.of("2"));
        p.put("optimizer.name", List.of(optimizer));
        for (int k = 0; k < more.length; k += 2) {
            p.put(more[k], List.of(more[k + 1]));
        }
        return p;
    }

    @Test
    void the_chosen_rules_settings_make_the_problem_and_the_others_are_not_read() {
        Submission sub = Submission.check(FormState.fromParams(params("adam", "optimizer.beta1", "0.8",
                "optimizer.momentum", "not read", "workedUpdates", "2")));
        assertTrue(sub.ok(), sub.errors().toString());
        assertEquals(Optimizer.adam(0.8, 0.999, 1e-8), sub.problem().optimizer());
        assertEquals(2, sub.problem().workedUpdates());
        Submission nesterov = Submission.check(FormState.fromParams(params("nesterov", "optimizer.momentum", "0.7",
                "optimizer.weightDecay", "0.01")));
        assertEquals(Optimizer.nesterov(0.7).withWeightDecay(0.01), nesterov.problem().optimizer());
    }

    @Test
    void plain_descent_without_decay_is_left_out_of_the_json_as_before() {
        Submission sub = Submission.check(FormState.fromParams(params("sgd", "optimizer.weightDecay", "0")));
        assertTrue(sub.ok(), sub.errors().toString());
        assertFalse(sub.json().has("optimizer"), sub.json().toString());
        assertFalse(sub.json().has("workedUpdates"), sub.json().toString());
    }

    @Test
    void a_bad_setting_is_shown_at_its_input_with_what_was_typed_kept() {
        FormState s = FormState.fromParams(params("adam", "optimizer.beta1", "1.5", "optimizer.epsilon", "tiny",
                "workedUpdates", "3"));
        Submission sub = Submission.check(s);
        assertFalse(sub.ok());
        List<String> fields = sub.errors().stream().map(FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("optimizer.beta1", "optimizer.epsilon", "workedUpdates")), fields.toString());
        String html = FormPage.render(new FormPage.Model(s, sub.errors(), "", ""));
        assertTrue(html.contains("id=\"f-optimizer-beta1\" value=\"1.5\""), "the typed β₁ is kept");
        assertTrue(html.contains("value=\"tiny\""), "the typed ε is kept");
        assertTrue(html.contains("must be in [0, 1), was 1.5"), "the message is on the page");
        assertTrue(html.contains("<option value=\"adam\" selected>"), "Adam stays chosen");
    }

    @Test
    void each_preset_with_an_optimizer_fills_the_form_and_comes_back_equal() {
        for (String id : List.of("seed-momentum", "seed-adam")) {
            Presets.Preset preset = Presets.byId(id).orElseThrow();
            FormState s = FormState.fromJson(ProblemJson.parse(preset.json()));
            assertEquals(preset.problem().optimizer().kind().id(), s.optimizer);
            assertEquals("2", s.workedUpdates);
            Submission sub = Submission.check(s);
            assertTrue(sub.ok(), sub.errors().toString());
            assertEquals(preset.problem(), sub.problem());
        }
    }
}
