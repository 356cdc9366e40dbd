package dev.backprop.web.api;

import static dev.backprop.web.Fixtures.mazur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.web.App;
import dev.backprop.web.Http;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SolveApiTest {
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
        HttpResponse<String> r = http.get("/api/health");
        assertEquals(200, r.statusCode());
        assertEquals("ok", Http.json(r).get("status").textValue());
    }

    static JsonNode reference(String file) throws IOException {
        return Http.JSON.readTree(Files.readString(
                Path.of("..", "engine", "src", "test", "resources", "reference", file), StandardCharsets.UTF_8));
    }

    static void assertMatches(JsonNode expected, JsonNode actual, String path) {
        if (expected.isNumber()) {
            assertTrue(actual.isNumber(), path + " should be a number, was " + actual);
            double e = expected.doubleValue();
            double a = actual.doubleValue();
            assertTrue(a == e || Math.abs(a - e) <= 1e-9 * Math.abs(e), path + ": expected " + e + ", was " + a);
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), path + " length");
            for (int k = 0; k < expected.size(); k++) {
                assertMatches(expected.get(k), actual.get(k), path + "[" + k + "]");
            }
        } else if (expected.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!actual.has(f.getKey())) {
                    fail(path + "." + f.getKey() + " is missing");
                }
                assertMatches(f.getValue(), actual.get(f.getKey()), path + "." + f.getKey());
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }

    static double step(JsonNode answer, String quantity) {
        for (JsonNode s : answer.get("steps")) {
            if (s.get("quantity").textValue().equals(quantity)) {
                return s.get("value").doubleValue();
            }
        }
        throw new AssertionError("no step " + quantity);
    }

    // ---- answers ----

    @Test
    void solves_mazurs_reference_problem_to_the_reference_values() throws IOException {
        JsonNode file = reference("mazur-one-step.json");
        HttpResponse<String> r = http.postJson("/api/solve", file.get("problem").toString());
        assertEquals(200, r.statusCode(), r::body);
        JsonNode answer = Http.json(r);
        assertMatches(file.get("expected"), answer, "");
        // Mazur's published digits, to the precision printed.
        assertEquals(0.298371109, answer.get("lossBefore").doubleValue(), 5e-10);
        assertEquals(0.35891648, step(answer, "W[2][0][0]"), 5e-9);
        assertEquals(0.149780716, step(answer, "W[1][0][0]"), 5e-10);
        assertEquals(0.772928465, step(answer, "a[2][1]"), 5e-10);
    }

    @Test
    void solves_the_seed_example_with_its_stated_activations() throws IOException {
        JsonNode file = reference("seed-example.json");
        JsonNode answer = Http.json(http.postJson("/api/solve", file.get("problem").toString()));
        assertMatches(file.get("expected"), answer, "");
        assertEquals(-0.0105, step(answer, "delta[2][0]"), 1e-15);
        assertEquals(0.4030975, step(answer, "W[2][0][0]"), 1e-15);
    }

    @Test
    void accepts_json_with_a_charset_and_without_a_content_type() {
        byte[] body = mazur("").getBytes(StandardCharsets.UTF_8);
        assertEquals(200, http.post("/api/solve", "application/json; charset=utf-8", body).statusCode());
        assertEquals(200, http.post("/api/solve", null, body).statusCode());
    }

    @Test
    void reports_a_loss_history_entry_per_epoch() {
        JsonNode answer = Http.json(http.postJson("/api/solve", mazur("\"epochs\": 25")));
        assertEquals(25, answer.get("lossHistory").size());
        assertEquals(answer.get("lossHistory").get(24), answer.get("lossAfter"));
        assertTrue(answer.get("lossAfter").doubleValue() < answer.get("lossBefore").doubleValue());
    }

    // ---- hostile and malformed input ----

    static JsonNode refused(String body) {
        return Http.errors(400, http.postJson("/api/solve", body));
    }

    static void assertError(JsonNode errors, String field, String message) {
        for (JsonNode e : errors) {
            if (e.get("field").textValue().equals(field) && e.get("message").textValue().contains(message)) {
                return;
            }
        }
        fail("no error at " + field + " with \"" + message + "\" in " + errors);
    }

    @Test
    void refuses_wrong_shapes_naming_the_field() {
        JsonNode errors = refused(mazur("").replace("[[0.40, 0.45], [0.50, 0.55]]", "[[0.40, 0.45], [0.50, 0.55], [1, 2]]"));
        assertError(errors, "layers[2].weights", "has 3 rows; layer 2 has 2 neurons");
    }

    @Test
    void refuses_unknown_names_listing_the_choices() {
        JsonNode errors = refused(mazur("\"loss\": \"mse\"").replace("\"sigmoid\", \"weights\": [[0.15", "\"sigmod\", \"weights\": [[0.15"));
        assertError(errors, "layers[1].activation", "unknown activation \"sigmod\"; one of sigmoid, tanh, relu, linear, softmax");
        assertError(errors, "loss", "unknown loss \"mse\"");
        assertEquals(2, errors.size(), errors::toString);
    }

    @Test
    void refuses_strings_for_numbers() {
        JsonNode errors = refused(mazur("").replace("[0.05, 0.10]", "[\"0.05\", \"ten\"]"));
        assertError(errors, "samples[0].input[0]", "must be a number, was \"0.05\"");
        assertError(errors, "samples[0].input[1]", "must be a number, was \"ten\"");
    }

    @Test
    void refuses_nan_and_infinity() {
        JsonNode errors = refused(mazur("").replace("[0.35, 0.35]", "[NaN, Infinity]"));
        assertError(errors, "layers[1].biases[0]", "must be a finite number, was NaN");
        assertError(errors, "layers[1].biases[1]", "must be a finite number, was Infinity");
    }

    @Test
    void refuses_huge_sizes_before_allocating() {
        JsonNode errors = refused("""
                {"layers": [{"size": 100000000}, {"size": 100000000, "activation": "relu"}],
                 "learningRate": 0.1, "epochs": 2000000000, "samples": [{"input": [1], "target": [1]}]}""");
        assertError(errors, "layers[0].size", "at most 256 neurons per layer");
        assertError(errors, "layers[1].size", "at most 256 neurons per layer");
        assertError(errors, "epochs", "at most 50,000 are allowed");
    }

    @Test
    void refuses_too_much_work_naming_the_limit() {
        String sample = "{\"input\": [0.05, 0.10], \"target\": [0.01, 0.99]}";
        String many = "[" + String.join(",", java.util.Collections.nCopies(5000, sample)) + "]";
        JsonNode errors = refused(mazur("\"epochs\": 50000").replace("[" + sample + "]", many));
        assertError(errors, "epochs", "at most 100,000,000 are allowed");
    }

    @Test
    void refuses_ten_thousand_levels_of_nesting() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        JsonNode errors = refused("{\"layers\": " + deep + "}");
        assertError(errors, "(body)", "nests lists and objects more than");
    }

    @Test
    void refuses_truncated_json_saying_where() {
        String body = mazur("");
        JsonNode errors = refused(body.substring(0, body.length() / 2));
        assertError(errors, "(body)", "ends before the JSON is complete");
        assertError(errors, "(body)", "line ");
    }

    @Test
    void refuses_an_empty_body() {
        assertError(refused(""), "(body)", "is empty");
    }

    @Test
    void refuses_bytes_that_are_not_text() {
        byte[] junk = {(byte) 0xff, (byte) 0xfe, 0x7b, (byte) 0xc3, 0x28, 0x00, 0x01};
        Http.errors(400, http.post("/api/solve", "application/json", junk));
    }

    @Test
    void refuses_a_two_megabyte_body_with_413() {
        byte[] big = new byte[2_000_000];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        // the server answers 413 and closes without reading the rest; a client still sending then may
        // lose the answer (the client's race, not the server's), so a lost answer is sent again
        HttpResponse<String> r = null;
        for (int attempt = 0; r == null; attempt++) {
            try {
                r = http.post("/api/solve", "application/json", big);
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 4) {
                    throw e;
                }
            }
        }
        JsonNode errors = Http.errors(413, r);
        assertError(errors, "(body)", "is larger than 1,000,000 bytes");
    }

    @Test
    void refuses_a_body_stated_over_the_limit_before_reading_a_byte_of_it() {
        // Only the headers are sent: Javalin used to wait for the body, and read a megabyte of it, to say 413.
        Http.Raw r = http.raw(("POST /api/solve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII), 3_000);
        assertEquals(413, r.status(), r.text());
        assertEquals("close", r.header("Connection"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertError(Http.json(r.body()).get("errors"), "(body)", "is larger than 1,000,000 bytes");
    }

    @Test
    void refuses_a_body_that_is_not_json_with_415() {
        HttpResponse<String> r = http.post("/api/solve", "application/x-www-form-urlencoded",
                "layers=2".getBytes(StandardCharsets.UTF_8));
        assertError(Http.errors(415, r), "Content-Type", "send the problem as application/json");
        assertError(Http.errors(415, http.post("/api/solve", "text/html", "<p>".getBytes(StandardCharsets.UTF_8))),
                "Content-Type", "is text/html");
    }

    @Test
    void refuses_diverging_training_naming_the_epoch() {
        JsonNode errors = refused("""
                {"layers": [{"size": 1}, {"size": 1, "activation": "linear", "weights": [[1]], "biases": [0]}],
                 "learningRate": 1000, "epochs": 1000, "samples": [{"input": [10], "target": [1]}]}""");
        assertError(errors, "learningRate", "training diverged");
    }

    @Test
    void refuses_training_whose_weights_stop_being_numbers_behind_a_relu_instead_of_answering_made_up_numbers() {
        // The reproduction: it answered 200 with a finite lossHistory and every weight null.
        HttpResponse<String> r = http.postJson("/api/solve", """
                {"layers":[{"size":1},{"size":3,"activation":"linear","weights":[[0.2],[0.5],[0.6]],"biases":[-0.2,0.3,-0.5]},
                  {"size":5,"activation":"relu","weights":[[-0.6,0.7,-0.7],[-0.4,-0.3,-0.4],[-0.4,0.2,-0.6],[1.0,-0.1,-0.6],
                    [-0.9,-0.7,-0.5]]}],
                 "loss":"squared-error","learningRate":0.7,
                 "samples":[{"input":[-1.0],"target":[-0.2,-0.3,-0.2,0.0,0.6]},{"input":[-0.6],"target":[-0.0,0.1,-0.9,0.2,0.1]},
                   {"input":[0.3],"target":[0.5,-0.8,-0.4,-0.5,0.3]},{"input":[-0.3],"target":[0.6,-1.0,-0.5,0.1,0.8]}],
                 "epochs":3,"updateBiases":false}""");
        JsonNode errors = Http.errors(400, r);
        assertError(errors, "learningRate", "training diverged in epoch 3: W[1][0][0]");
        assertFalse(r.body().contains("null"), r.body());
    }

    @Test
    void refuses_an_infinite_weighted_error_under_rounding_instead_of_answering_null() {
        HttpResponse<String> r = http.postJson("/api/solve", """
                {"layers":[{"size":1},{"size":1,"activation":"relu","weights":[[-1]],"biases":[0]},
                  {"size":1,"activation":"linear","weights":[[1e308]],"biases":[1e10]}],
                 "learningRate":0.5,"samples":[{"input":[1],"target":[0]}],"rounding":{"significant":3}}""");
        assertError(Http.errors(400, r), "learningRate", "epoch 1: Σ W·δ for delta[1][0]");
    }

    @Test
    void refuses_cross_entropy_targets_that_do_not_sum_to_one_at_the_target() {
        JsonNode errors = refused("""
                {"layers": [{"size": 2}, {"size": 3, "activation": "softmax",
                   "weights": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], "biases": [0, 0, 0]}],
                 "loss": "cross-entropy", "learningRate": 0.5, "samples": [{"input": [1, 0.5], "target": [1, 1, 0]}]}""");
        assertError(errors, "samples[0].target", "sums to 2");
        assertError(errors, "samples[0].target", "binary-cross-entropy");
    }

    @Test
    void sixty_thousand_given_values_are_answered_with_one_error_not_megabytes() {
        StringBuilder given = new StringBuilder("\"given\": {");
        for (int k = 0; k < 56_000; k++) {
            given.append(k == 0 ? "" : ",").append("\"a[1][").append(k + 2).append("]\":0.5");
        }
        String body = mazur(given.append('}').toString());
        assertTrue(body.length() < 1_000_000, body.length() + " bytes");
        HttpResponse<String> r = http.postJson("/api/solve", body);
        // It answered 3.8 MB: every error, and all of them again joined into one message.
        assertError(Http.errors(400, r), "given", "has 56000 values");
        assertTrue(r.body().length() < 1_000, r.body().length() + " characters");
    }

    @Test
    void ten_thousand_bad_samples_are_answered_with_a_hundred_errors_and_a_count_of_the_rest() {
        String sample = "{\"input\": [0.05], \"target\": [0.01, 0.99]}";
        String body = mazur("").replace("[{\"input\": [0.05, 0.10], \"target\": [0.01, 0.99]}]",
                "[" + String.join(",", java.util.Collections.nCopies(10_000, sample)) + "]");
        HttpResponse<String> r = http.postJson("/api/solve", body);
        assertEquals(400, r.statusCode());
        JsonNode answer = Http.json(r);
        assertEquals(ProblemException.MAX_LISTED, answer.get("errors").size());
        assertEquals("samples[99].input", answer.get("errors").get(99).get("field").textValue());
        assertEquals(10_000 - ProblemException.MAX_LISTED, answer.get("moreErrors").asLong());
        assertTrue(r.body().length() < 20_000, r.body().length() + " characters");
    }

    @Test
    void refuses_training_that_meets_the_logarithm_of_zero() {
        JsonNode errors = refused("""
                {"layers": [{"size": 1}, {"size": 1, "activation": "sigmoid", "weights": [[1000]], "biases": [0]}],
                 "loss": "binary-cross-entropy", "learningRate": 0.1, "samples": [{"input": [1], "target": [0]}]}""");
        assertError(errors, "loss", "binary-cross-entropy");
    }

    @Test
    void answers_unknown_paths_and_methods_with_json_errors() {
        assertError(Http.errors(404, http.get("/api/nothing")), "(path)", "nothing at GET /api/nothing");
        assertError(Http.errors(405, http.get("/api/solve")), "(method)", "GET is not allowed at /api/solve");
    }

    @Test
    void never_answers_with_a_stack_trace() {
        for (String body : new String[] {"null", "[]", "{\"layers\": {}}", "{\"layers\": [null, 1, \"x\"]}",
                "{\"samples\": [[]], \"given\": [], \"rounding\": 3}", "\"text\"", "{\"given\": {\"a[999999][999999]\": 1}}"}) {
            HttpResponse<String> r = http.postJson("/api/solve", body);
            assertEquals(400, r.statusCode(), () -> body + " → " + r.body());
            assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r::body);
        }
    }

    // ---- headers ----

    @Test
    void sends_the_security_headers_on_every_response() {
        String csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self';"
                + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        for (HttpResponse<String> r : new HttpResponse[] {http.get("/"), http.get("/api/health"), http.get("/nowhere"),
                http.postJson("/api/solve", mazur("")), http.postJson("/api/solve", "{")}) {
            String where = r.request().method() + " " + r.request().uri() + " " + r.statusCode();
            assertEquals(csp, r.headers().firstValue("Content-Security-Policy").orElse(null), where);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), where);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), where);
        }
        // a body refused by its length, answered before it is read: only the headers are sent, since
        // a client still sending when the server closes may lose the answer (the client's race)
        Http.Raw big = http.raw(("POST /api/solve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1500000\r\n\r\n").getBytes(StandardCharsets.US_ASCII), 3_000);
        assertEquals(413, big.status(), big.text());
        assertEquals(csp, big.header("Content-Security-Policy"), big.text());
        assertEquals("nosniff", big.header("X-Content-Type-Options"), big.text());
        assertEquals("no-referrer", big.header("Referrer-Policy"), big.text());
    }

    @Test
    void listens_on_the_port_it_was_started_on() {
        assertNotEquals(0, app.port());
        assertNotEquals(App.DEFAULT_PORT, app.port());
    }

    @Test
    void home_page_explains_the_api() {
        HttpResponse<String> r = http.get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("POST /api/solve"), r.body());
        assertTrue(r.body().contains("&quot;given&quot;") || r.body().contains("\"given\""), r.body());
    }
}
