package dev.backprop.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.engine.check.MistakeValue;
import dev.backprop.engine.classroom.Variant;
import dev.backprop.engine.classroom.Variants;
import dev.backprop.engine.json.ExerciseJson;
import dev.backprop.engine.train.Solver;
import dev.backprop.web.Http;
import dev.backprop.web.Json;
import dev.backprop.web.SharedApp;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassApiTest {
    /** The contract's §4 example exercise: the seed's 2-2-1 with every number drawn. */
    static final String EXERCISE = "{\"layers\": [{\"size\": 2}, {\"size\": 2, \"activation\": \"sigmoid\"},"
            + " {\"size\": 1, \"activation\": \"sigmoid\"}], \"loss\": \"half-squared-error\", \"learningRate\": 0.5,"
            + " \"samples\": 1}";
    static final String ASK = "[\"delta\", \"dW[2][0][0]\", \"W\"]";

    private static Http http() {
        return SharedApp.http();
    }

    @AfterEach
    void server_still_answers() {
        assertEquals(200, http().get("/api/health").statusCode());
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r::body);
        return Http.json(r);
    }

    private static List<String> fields(HttpResponse<String> r) {
        JsonNode errors = Http.errors(400, r);
        List<String> f = new ArrayList<>();
        errors.forEach(e -> f.add(e.get("field").textValue()));
        return f;
    }

    private static HttpResponse<String> variants(String students) {
        return http().postJson("/api/variants", "{\"exercise\": " + EXERCISE + ", \"ask\": " + ASK
                + ", \"salt\": \"week-3\", \"students\": " + students + "}");
    }

    /** The same class worked in the engine, to compare the API's answer with. */
    private static Variants engine() {
        return Variants.of(ExerciseJson.read(EXERCISE), List.of("delta", "dW[2][0][0]", "W"),
                "week-3");
    }

    @Test
    void the_contracts_variants_example_gives_each_student_a_full_problem_their_answers_and_a_worksheet() {
        JsonNode body = ok(variants("[\"s001\", \"s002\"]"));
        JsonNode list = body.get("variants");
        assertEquals(2, list.size());
        JsonNode s1 = list.get(0);
        assertEquals("s001", s1.get("student").textValue());
        assertTrue(s1.get("code").textValue().matches("[0-9A-Z]{4}-[0-9A-Z]{3}"), s1.get("code").textValue());
        List<String> ask = new ArrayList<>();
        s1.get("ask").forEach(a -> ask.add(a.textValue()));
        assertEquals(List.of("delta[2][0]", "dW[2][0][0]", "W[2][0][0]", "W[2][0][1]", "delta[1][0]", "delta[1][1]",
                "W[1][0][0]", "W[1][0][1]", "W[1][1][0]", "W[1][1][1]"), ask);
        // the answers are those the solver gives for the problem sent back
        var solved = Solver.solve(Json.problem(s1.get("problem"))).firstUpdate();
        for (String k : ask) {
            double expected = solved.steps().stream().filter(s -> s.quantity().key().equals(k)).findFirst()
                    .orElseThrow().value();
            assertEquals(expected, s1.get("answers").get(k).doubleValue(), 1e-12, k);
        }
        assertTrue(s1.get("worksheet").textValue().startsWith("/worksheet?"), s1.get("worksheet").textValue());
        assertEquals(200, http().get(s1.get("worksheet").textValue()).statusCode());
        assertFalse(s1.get("problem").equals(list.get(1).get("problem")));
    }

    @Test
    void a_students_variant_is_the_same_in_any_class_and_any_order() {
        JsonNode a = ok(variants("[\"s001\", \"s002\", \"s003\"]")).get("variants");
        JsonNode b = ok(variants("[\"s003\", \"s001\"]")).get("variants");
        assertEquals(a.get(0), b.get(1));
        assertEquals(a.get(2), b.get(0));
        assertEquals(engine().variant("s002").code(), a.get(1).get("code").textValue());
    }

    @Test
    void bad_requests_name_the_field_inside_the_exercise_the_ask_and_the_student() {
        HttpResponse<String> r = http().postJson("/api/variants", "{\"exercise\": {\"layers\": [{\"size\": 2},"
                + " {\"size\": 1, \"activation\": \"sigmoid-ish\"}], \"learningRate\": 0.5, \"samples\": 1}, \"ask\": [\"W\"], \"students\": [\"a\"]}");
        assertEquals(List.of("exercise.layers[1].activation"), fields(r));
        assertEquals(List.of("ask[1]"), fields(http().postJson("/api/variants", "{\"exercise\": " + EXERCISE
                + ", \"ask\": [\"W\", \"weights\"], \"students\": [\"a\"]}")));
        assertEquals(List.of("students[3]"), fields(variants("[\"a\", \"b\", \"c\", \"a\"]")));
        assertEquals(List.of("students[1]"), fields(variants("[\"a\", {\"id\": 1}]")));
        assertEquals(List.of("teacher"), fields(http().postJson("/api/variants", "{\"exercise\": " + EXERCISE
                + ", \"ask\": [\"W\"], \"students\": [\"a\"], \"teacher\": \"me\"}")));
    }

    @Test
    void a_class_over_the_limit_is_refused_with_the_limit_named() {
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i <= Variants.MAX_STUDENTS; i++) {
            ids.append(i == 0 ? "" : ",").append("\"s").append(i).append('"');
        }
        HttpResponse<String> r = variants(ids.append(']').toString());
        assertEquals(List.of("students"), fields(r));
        assertTrue(r.body().contains("at most " + Variants.MAX_STUDENTS), r.body());
    }

    /** A marking request for these submissions. */
    private static HttpResponse<String> mark(String submissions, String accept) {
        String body = "{\"exercise\": " + EXERCISE + ", \"ask\": " + ASK + ", \"salt\": \"week-3\", \"submissions\": "
                + submissions + "}";
        if (accept == null) {
            return http().postJson("/api/mark", body);
        }
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(http().base() + "/api/mark"))
                    .header("Content-Type", "application/json").header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A submission with each asked quantity's exact value to 4 significant figures, but for a slip at one key. */
    private static ObjectNode submission(Variant v, String slipKey, MistakeValue slip) {
        ObjectNode s = Http.JSON.createObjectNode();
        s.put("student", v.student());
        ObjectNode answers = s.putObject("answers");
        v.answers().forEach((k, x) -> answers.put(k, new BigDecimal(k.equals(slipKey) ? slip.value() : x)
                .round(new MathContext(4, RoundingMode.HALF_UP)).toPlainString()));
        return s;
    }

    @Test
    void marking_follows_each_students_own_numbers_and_counts_carried_forward_answers_as_correct() {
        Variants week3 = engine();
        Variant v1 = week3.variant("s001");
        Variant v2 = week3.variant("s002");
        MistakeValue flipped = v1.key().mistakes().inStep("delta[2][0]").stream()
                .filter(m -> m.diagnosis().code().equals("sign-flipped")).findFirst().orElseThrow();
        ArrayNode subs = Http.JSON.createArrayNode();
        ObjectNode slipped = submission(v1, "delta[2][0]", flipped);
        // worked on from the flipped δ: dW = δ · a (carried forward), the rest left blank
        double a = v1.key().exact("a[1][0]");
        ((ObjectNode) slipped.get("answers")).put("dW[2][0][0]", new BigDecimal(flipped.value() * a)
                .round(new MathContext(4, RoundingMode.HALF_UP)).toPlainString());
        ((ObjectNode) slipped.get("answers")).put("W[1][0][0]", "");
        ((ObjectNode) slipped.get("answers")).remove("W[1][1][1]");
        subs.add(slipped);
        ObjectNode copied = Http.JSON.createObjectNode();
        copied.put("student", "s002");
        copied.set("answers", submission(v1, "", flipped).get("answers"));
        subs.add(copied);
        JsonNode body = ok(mark(subs.toString(), null));
        JsonNode s1 = body.get("students").get(0);
        assertEquals("s001", s1.get("student").textValue());
        assertEquals(v1.code(), s1.get("code").textValue());
        assertEquals(10, s1.get("total").intValue());
        // 10 asked: δ_o1 wrong, two blank, dW carried forward, the rest right
        assertEquals(7, s1.get("correct").intValue());
        assertEquals(1, s1.get("carriedForward").intValue());
        JsonNode delta = s1.get("results").get(0);
        assertEquals("delta[2][0]", delta.get("quantity").textValue());
        assertEquals("sign-flipped", delta.get("diagnosis").textValue());
        JsonNode s2 = body.get("students").get(1);
        assertEquals(v2.code(), s2.get("code").textValue());
        assertEquals(0, s2.get("correct").intValue(), "s001's answers are wrong for s002's numbers");
        JsonNode q = body.get("summary").get("delta[2][0]");
        assertEquals(0, q.get("correct").intValue());
        assertEquals(2, q.get("wrong").intValue());
        assertEquals(1, q.get("diagnoses").get("sign-flipped").intValue());
        JsonNode dw = body.get("summary").get("dW[2][0][0]");
        assertEquals(1, dw.get("correct").intValue());
        assertEquals(1, dw.get("carriedForward").intValue());
        assertEquals(0, dw.get("right").intValue());
        assertEquals(1, body.get("summary").get("W[1][0][0]").get("blank").intValue());
        assertEquals(1, body.get("summary").get("W[1][1][1]").get("blank").intValue());
    }

    @Test
    void with_accept_text_csv_the_answer_is_the_gradebook() {
        Variant v1 = engine().variant("s001");
        ArrayNode subs = Http.JSON.createArrayNode();
        subs.add(submission(v1, "", null));
        HttpResponse<String> r = mark(subs.toString(), "text/csv");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = r.body().lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("student,code,correct,total,delta[2][0],"), lines.get(0));
        assertTrue(lines.get(1).startsWith("s001," + v1.code() + ",10,10,"), lines.get(1));
    }

    @Test
    void bad_submissions_name_the_submission_and_the_answer() {
        HttpResponse<String> r = mark("[{\"student\": \"s001\", \"answers\": {\"delta[2][0]\": 0.1}},"
                + " {\"student\": \"s002\", \"answers\": {}}, {\"student\": \"s003\", \"answers\": {\"W[1][0][0]\": \"0,1x\"}},"
                + " {\"answers\": {}}]", null);
        assertEquals(List.of("submissions[3].student"), fields(r));
        HttpResponse<String> r2 = mark("[{\"student\": \"s001\", \"answers\": {\"delta[2][0]\": 0.1}},"
                + " {\"student\": \"s002\", \"answers\": {}}, {\"student\": \"s003\", \"answers\": {\"W[1][0][0]\": \"0,1x\","
                + " \"z[1][0]\": 1}}]", null);
        assertEquals(List.of("submissions[2].answers.W[1][0][0]", "submissions[2].answers.z[1][0]"), fields(r2));
        assertEquals(List.of("exercise.learningRate"), fields(http().postJson("/api/mark",
                "{\"exercise\": " + EXERCISE.replace("0.5", "-1") + ", \"ask\": [\"W\"], \"submissions\": []}")));
    }

    @Test
    void an_answer_sent_as_a_json_number_keeps_the_digits_it_was_written_with() {
        Variant v1 = engine().variant("s001");
        double d = v1.answers().get("delta[2][0]");
        // four figures of a value whose fifth is not zero, with a trailing zero claiming a fifth: wrong
        String four = new BigDecimal(d).round(new MathContext(4, RoundingMode.HALF_UP)).toPlainString();
        String padded = four + "0";
        boolean paddedRight = new BigDecimal(padded).compareTo(new BigDecimal(d).round(new MathContext(5,
                RoundingMode.HALF_UP))) == 0;
        HttpResponse<String> r = mark("[{\"student\": \"s001\", \"answers\": {\"delta[2][0]\": " + padded + "}}]", null);
        assertTrue(r.body().contains("\"given\":" + padded + ","), r.body());
        JsonNode result = ok(r).get("students").get(0).get("results").get(0);
        assertEquals(paddedRight, result.get("correct").booleanValue());
    }
}
