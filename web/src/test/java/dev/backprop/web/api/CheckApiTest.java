package dev.backprop.web.api;

import static dev.backprop.web.Fixtures.mazur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.web.App;
import dev.backprop.web.Http;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CheckApiTest {
    static Javalin app;
    static Http http;

    @BeforeAll
    static void start() {
        app = App.create().start(0);
        http = new Http(app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    /** After every request, hostile or not, the server still answers. */
    @AfterEach
    void server_still_answers() {
        assertEquals(200, http.get("/api/health").statusCode());
    }

    private static HttpResponse<String> check(String problem, String answers) {
        return http.postJson("/api/check", "{\"problem\": " + problem + ", \"answers\": " + answers + "}");
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r::body);
        return Http.json(r);
    }

    /** The result for a quantity. */
    private static JsonNode result(JsonNode body, String key) {
        for (JsonNode r : body.get("results")) {
            if (r.get("quantity").textValue().equals(key)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + key + " in " + body);
    }

    private static List<String> fields(JsonNode errors) {
        List<String> f = new ArrayList<>();
        errors.forEach(e -> f.add(e.get("field").textValue()));
        return f;
    }

    @Test
    void the_contracts_example_is_marked_and_the_wrong_update_named() {
        JsonNode body = ok(check(mazur(""), "{\"delta[2][0]\": 0.1385, \"W[2][0][0]\": 0.4410835}"));
        JsonNode results = body.get("results");
        assertEquals(2, results.size());
        JsonNode delta = results.get(0);
        assertEquals("delta[2][0]", delta.get("quantity").textValue());
        assertEquals("0.1385", delta.get("given").asText());
        assertEquals(0.138498562, delta.get("expected").doubleValue(), 1e-9);
        assertTrue(delta.get("correct").booleanValue());
        assertFalse(delta.has("diagnosis"));
        JsonNode w = results.get(1);
        assertEquals("W[2][0][0]", w.get("quantity").textValue());
        assertEquals(0.358916480, w.get("expected").doubleValue(), 1e-9);
        assertFalse(w.get("correct").booleanValue());
        assertEquals("update-direction", w.get("diagnosis").textValue());
        assertTrue(w.get("explanation").textValue().contains("W[2][0][0]"), w.toString());
        assertEquals("gradient-descent-update", w.get("hint").get("formula").textValue());
        assertEquals(1, body.get("correct").intValue());
        assertEquals(2, body.get("total").intValue());
        assertTrue(body.get("marking").get("rule").textValue().contains("one unit of the last digit"));
    }

    @Test
    void the_digits_written_in_the_json_are_the_digits_marked() {
        // 0.1380 claims four decimals and is a unit of the last one away from 0.138498562; 0.138 is within one
        HttpResponse<String> r = check(mazur(""), "{\"delta[2][0]\": 0.1380, \"delta[2][1]\": -0.03809823}");
        JsonNode body = ok(r);
        assertFalse(body.get("results").get(0).get("correct").booleanValue());
        assertTrue(body.get("results").get(1).get("correct").booleanValue());
        // given is written back with the digits it came with
        assertTrue(r.body().contains("\"given\":0.1380,"), r.body());
        assertTrue(ok(check(mazur(""), "{\"delta[2][0]\": 0.138}")).get("results").get(0).get("correct").booleanValue());
        assertTrue(ok(check(mazur(""), "{\"delta[2][0]\": 1.385e-1}")).get("results").get(0).get("correct").booleanValue());
    }

    @Test
    void an_answer_following_from_a_wrong_one_says_so() {
        // δ[2][0] = 0.2 (wrong); ∂L/∂W[2][0][0] = 0.2 · a[1][0] = 0.2 · 0.593269992 (right from it)
        JsonNode body = ok(check(mazur(""), "{\"delta[2][0]\": 0.2, \"dW[2][0][0]\": 0.1186540}"));
        JsonNode dW = body.get("results").get(1);
        assertFalse(dW.get("correct").booleanValue());
        assertEquals("[\"delta[2][0]\"]", dW.get("followsFrom").toString());
        assertTrue(dW.get("carriedForward").booleanValue());
        assertFalse(dW.has("diagnosis"));
        assertEquals(1, body.get("carriedForward").intValue());
    }

    @Test
    void with_a_rounding_rule_the_value_rounded_as_you_go_is_right_and_the_exact_value_shown() {
        String problem = mazur("\"rounding\": {\"decimals\": 3}");
        JsonNode body = ok(check(problem, "{\"z[1][0]\": 0.378}"));
        JsonNode z = body.get("results").get(0);
        assertTrue(z.get("correct").booleanValue());
        assertEquals(0.378, z.get("expected").doubleValue());
        assertEquals(0.3775, z.get("exact").doubleValue(), 1e-15);
        assertEquals(3, body.get("marking").get("rounding").get("decimals").intValue());
    }

    @Test
    void mazurs_published_loss_after_the_step_is_diagnosed_as_using_the_updated_weights() {
        JsonNode r = ok(check(mazur(""), "{\"lossAfter\": 0.291027924}")).get("results").get(0);
        assertEquals("used-updated-weights", r.get("diagnosis").textValue());
    }

    @Test
    void unknown_quantities_and_answers_that_are_not_numbers_are_refused_by_field() {
        JsonNode errors = Http.errors(400, check(mazur(""),
                "{\"delta[2][0]\": 0.1385, \"delta[9][0]\": 0.1, \"speed\": 3, \"W[2][0][0]\": \"0.36 or so\","
                        + " \"b[2][0]\": null, \"db[2][0]\": [1], \"dW[2][0][0]\": NaN, \"z[1][0]\": true}"));
        assertEquals(List.of("answers.delta[9][0]", "answers.speed", "answers.W[2][0][0]", "answers.b[2][0]",
                "answers.db[2][0]", "answers.dW[2][0][0]", "answers.z[1][0]"), fields(errors));
        assertTrue(errors.get(0).get("message").textValue().contains("layer 9"), errors.toString());
        assertTrue(errors.get(2).get("message").textValue().contains("must be a number"), errors.toString());
        assertTrue(errors.get(5).get("message").textValue().contains("finite"), errors.toString());
    }

    @Test
    void the_problems_errors_are_named_by_their_path_in_the_request_with_the_answers_errors() {
        String bad = "{\"layers\": [{\"size\": 2}, {\"size\": 2, \"activation\": \"sigmoid\", \"weights\": [[0.1, 0.2]]}],"
                + " \"learningRate\": 0.5, \"samples\": [{\"input\": [1, 2], \"target\": [0, 1]}]}";
        JsonNode errors = Http.errors(400, check(bad, "{\"delta[1][0]\": \"x\"}"));
        List<String> f = fields(errors);
        assertTrue(f.contains("problem.layers[1].weights"), f.toString());
        assertEquals("answers.delta[1][0]", f.get(f.size() - 1));
    }

    @Test
    void a_request_without_its_parts_or_with_unknown_ones_is_refused_by_field() {
        assertEquals(List.of("problem"), fields(Http.errors(400, http.postJson("/api/check", "{\"answers\": {}}"))));
        assertEquals(List.of("answers"), fields(Http.errors(400,
                http.postJson("/api/check", "{\"problem\": " + mazur("") + "}"))));
        assertEquals(List.of("answers"), fields(Http.errors(400, check(mazur(""), "[0.1385]"))));
        assertEquals(List.of("answer"), fields(Http.errors(400, http.postJson("/api/check",
                "{\"problem\": " + mazur("") + ", \"answers\": {}, \"answer\": {}}"))));
        assertEquals(List.of("(body)"), fields(Http.errors(400, http.postJson("/api/check", "[1, 2]"))));
        assertEquals(List.of("(body)"), fields(Http.errors(400, http.postJson("/api/check", "{\"problem\": "))));
        assertEquals(List.of("Content-Type"), fields(Http.errors(415, http.post("/api/check", "text/plain",
                "{}".getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void too_many_answers_or_digits_are_refused() {
        StringBuilder many = new StringBuilder("{");
        for (int k = 0; k <= CheckApi.MAX_ANSWERS; k++) {
            many.append(k == 0 ? "" : ", ").append("\"x").append(k).append("\": 1");
        }
        many.append('}');
        assertEquals(List.of("answers"), fields(Http.errors(400, check(mazur(""), many.toString()))));
        JsonNode errors = Http.errors(400, check(mazur(""), "{\"delta[2][0]\": 1e-400, \"delta[2][1]\": 1e400}"));
        assertEquals(List.of("answers.delta[2][0]", "answers.delta[2][1]"), fields(errors));
    }

    @Test
    void no_answers_is_an_empty_mark_sheet() {
        JsonNode body = ok(check(mazur(""), "{}"));
        assertEquals(0, body.get("total").intValue());
        assertEquals(0, body.get("results").size());
    }

    @Test
    void answers_may_be_text_as_a_spreadsheet_gives_them_with_their_digits_and_empty_text_is_a_blank() {
        HttpResponse<String> r = check(mazur(""), "{\"delta[2][0]\": \"0.1380\", \"delta[2][1]\": \"−0.0381\","
                + " \"dW[2][0][0]\": \"8.2167e-2\", \"W[1][0][0]\": \"\"}");
        JsonNode body = ok(r);
        assertEquals(3, body.get("total").intValue());
        // "0.1380" claims four places, as the number 0.1380 does
        assertFalse(body.get("results").get(0).get("correct").booleanValue());
        assertTrue(r.body().contains("\"given\":0.1380,"), r.body());
        assertTrue(body.get("results").get(1).get("correct").booleanValue());
        assertTrue(body.get("results").get(2).get("correct").booleanValue());
        assertEquals("[\"W[1][0][0]\"]", body.get("blank").toString());
    }

    @Test
    void each_result_carries_its_mark_and_marks_and_the_total_adds_them_up_with_the_teachers_share() {
        // δ[2][0] = 0.2 wrong; ∂L/∂W[2][0][0] = 0.2 · a[1][0] carried forward; δ[2][1] right
        String answers = "{\"delta[2][0]\": 0.2, \"dW[2][0][0]\": 0.1186540, \"delta[2][1]\": -0.0381}";
        JsonNode half = ok(check(mazur(""), answers));
        JsonNode dW = result(half, "dW[2][0][0]");
        assertEquals("carried-forward", dW.get("mark").textValue());
        assertEquals(0.5, dW.get("marks").doubleValue());
        assertEquals("wrong", result(half, "delta[2][0]").get("mark").textValue());
        assertEquals(0.0, result(half, "delta[2][0]").get("marks").doubleValue());
        assertEquals(1.5, half.get("marks").doubleValue());
        assertEquals(0.5, half.get("marking").get("carriedForward").doubleValue());

        JsonNode quarter = ok(http.postJson("/api/check", "{\"problem\": " + mazur("") + ", \"answers\": " + answers
                + ", \"marking\": {\"carriedForward\": 0.25}}"));
        assertEquals(0.25, result(quarter, "dW[2][0][0]").get("marks").doubleValue());
        assertEquals(1.25, quarter.get("marks").doubleValue());
        assertEquals(0.25, quarter.get("marking").get("carriedForward").doubleValue());
        assertTrue(quarter.get("marking").get("rule").textValue().contains("0.25 of a mark"));
    }

    @Test
    void a_marking_setting_that_is_not_a_share_of_a_mark_is_refused_by_field() {
        List<String> bad = fields(Http.errors(400, http.postJson("/api/check", "{\"problem\": " + mazur("")
                + ", \"answers\": {}, \"marking\": {\"carriedForward\": 1.5, \"partial\": true}}")));
        assertEquals(List.of("marking.partial", "marking.carriedForward"), bad);
        assertEquals(List.of("marking.carriedForward"), fields(Http.errors(400, http.postJson("/api/check",
                "{\"problem\": " + mazur("") + ", \"answers\": {}, \"marking\": {\"carriedForward\": \"half\"}}"))));
        assertEquals(List.of("marking"), fields(Http.errors(400, http.postJson("/api/check",
                "{\"problem\": " + mazur("") + ", \"answers\": {}, \"marking\": 0.5}"))));
    }

    @Test
    void explanations_name_quantities_in_the_seeds_notation_with_the_key_after_the_first_mention() {
        JsonNode body = ok(check(mazur(""), "{\"delta[2][0]\": 0.2, \"dW[2][0][0]\": 0.1186540, \"W[2][0][0]\": 0.4410835}"));
        String carried = body.get("results").get(1).get("explanation").textValue();
        assertTrue(carried.startsWith("∂L/∂W₃₁ (dW[2][0][0]) = 0.1186540"), carried);
        assertTrue(carried.contains("δ_o1 (delta[2][0]) = 0.2"), carried);
        for (JsonNode r : body.get("results")) {
            String text = r.get("explanation").textValue();
            // a raw key only ever in parentheses, after the symbol
            String outside = text.replaceAll("\\([A-Za-z]+(\\[\\d+])+(@\\d+)?\\)", "");
            assertFalse(outside.matches("(?s).*[A-Za-z]+\\[\\d+]\\[.*"), text);
        }
        assertEquals("[\"delta[2][0]\"]", body.get("results").get(1).get("followsFrom").toString());
        // the hint too: the formula in the seed's notation
        assertEquals("W₃₁^new = W₃₁^old − α · ∂L/∂W₃₁", body.get("results").get(2).get("hint").get("text").textValue());
    }

    @Test
    void an_answer_following_from_a_wrong_zero_is_flagged_trivial_and_earns_nothing() {
        JsonNode body = ok(check(mazur(""), "{\"delta[2][0]\": 0, \"dW[2][0][0]\": 0}"));
        JsonNode dW = body.get("results").get(1);
        assertTrue(dW.get("trivial").booleanValue());
        assertEquals("wrong", dW.get("mark").textValue());
        assertFalse(dW.has("carriedForward"));
        assertEquals("[\"delta[2][0]\"]", dW.get("followsFrom").toString());
        assertEquals(0.0, body.get("marks").doubleValue());
    }
}
