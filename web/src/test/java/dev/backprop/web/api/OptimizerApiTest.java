package dev.backprop.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.web.Http;
import dev.backprop.web.SharedApp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The optimizers through the JSON API: the worked state in {@code steps}, bad settings refused by field, slips named. */
class OptimizerApiTest {

    static final String SEED_ADAM = """
            {"layers": [{"size": 2}, {"size": 2, "activation": "sigmoid", "weights": [[0.15, 0.2], [0.25, 0.3]], "biases": [0.35, 0.35]},
              {"size": 1, "activation": "sigmoid", "weights": [[0.4, 0.45]], "biases": [0.6]}],
             "learningRate": 0.01, "epochs": 2, "workedUpdates": 2, "optimizer": {"name": "adam"%s},
             "samples": [{"input": [0.05, 0.1], "target": [0.75]}]}""";

    private static String adam(String extra) {
        return String.format(SEED_ADAM, extra);
    }

    @Test
    void solve_answers_every_worked_update_with_the_optimizers_state() {
        HttpResponse<String> r = SharedApp.http().postJson("/api/solve", adam(""));
        assertEquals(200, r.statusCode(), r::body);
        JsonNode body = Http.json(r);
        int moments = 0;
        for (JsonNode s : body.get("steps")) {
            String q = s.get("quantity").asText();
            if (q.matches("(m|v|mhat|vhat)[Wb]\\[.*")) {
                moments++;
            }
        }
        assertEquals(9 * 4 * 2, moments, "m, v, m̂ and v̂ of each of the 9 parameters in both updates");
        assertEquals(2, body.get("lossHistory").size());
    }

    @Test
    void bad_settings_are_refused_with_every_mistake_at_its_field() {
        JsonNode errors = Http.errors(400, SharedApp.http().postJson("/api/solve", adam(", \"beta1\": 1.2, \"eps\": 1e-8")));
        assertEquals(2, errors.size(), errors::toString);
        assertEquals("optimizer.eps", errors.get(0).get("field").asText());
        assertEquals("optimizer.beta1", errors.get(1).get("field").asText());
        assertEquals("must be in [0, 1), was 1.2", errors.get(1).get("message").asText());
        JsonNode unknown = Http.errors(400, SharedApp.http().postJson("/api/solve", adam("").replace("\"adam\"", "\"adagrad\"")));
        assertTrue(unknown.get(0).get("message").asText().endsWith("one of sgd, momentum, nesterov, rmsprop, adam"), unknown::toString);
    }

    @Test
    void check_names_each_optimizer_slip_by_its_code() {
        // the bias correction left out: m̂ given as m, 0.1 × 0.000151293512
        HttpResponse<String> r = SharedApp.http().postJson("/api/check", "{\"problem\": " + adam("")
                + ", \"answers\": {\"mhatW[2][0][0]\": \"0.0000151293512\", \"mW[2][0][0]\": 0.000136164161}}");
        assertEquals(200, r.statusCode(), r::body);
        JsonNode results = Http.json(r).get("results");
        assertEquals("beta-swapped", results.get(0).get("diagnosis").asText(), results::toString);
        assertEquals("bias-correction-omitted", results.get(1).get("diagnosis").asText(), results::toString);
        assertTrue(results.get(1).get("explanation").asText().contains("m̂_W31"), results::toString);
        JsonNode refused = Http.errors(400, SharedApp.http().postJson("/api/check", "{\"problem\": " + adam("")
                + ", \"answers\": {\"momW[2][0][0]\": 0.1}}"));
        assertEquals("answers.momW[2][0][0]", refused.get(0).get("field").asText());
    }
}
