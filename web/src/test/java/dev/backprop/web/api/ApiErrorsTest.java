package dev.backprop.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.web.Http;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The error mapping on its own, with routes that fail as a bug would, answered in the form that fits the request. */
class ApiErrorsTest {
    static Javalin app;
    static Http http;

    @BeforeAll
    static void start() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            ApiErrors.register(config, 1234);
            for (String prefix : new String[] {"/api", ""}) {
                config.routes.get(prefix + "/bug", ctx -> {
                    throw new IllegalStateException("secret internal detail");
                });
                config.routes.get(prefix + "/overflow", ctx -> {
                    throw new StackOverflowError("deep");
                });
                config.routes.post(prefix + "/echo", ctx -> ctx.result(ctx.body()));
                config.routes.get(prefix + "/many", ctx -> {
                    List<FieldError> errors = new ArrayList<>();
                    for (int k = 0; k < 250; k++) {
                        errors.add(new FieldError("given.a[1][" + k + "]", "layer 1 has 2 neurons"));
                    }
                    throw new ProblemException(errors);
                });
            }
            config.http.maxRequestSize = 1234;
        }).start(0);
        http = new Http(app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void answers_a_bug_with_a_generic_json_500_and_no_detail() {
        HttpResponse<String> r = http.get("/api/bug");
        JsonNode errors = Http.errors(500, r);
        assertEquals("(server)", errors.get(0).get("field").textValue());
        assertFalse(r.body().contains("secret") || r.body().contains("IllegalState"), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void answers_a_java_lang_error_with_a_generic_json_500() {
        HttpResponse<String> r = http.get("/api/overflow");
        assertEquals(500, r.statusCode());
        assertFalse(r.body().contains("StackOverflow") || r.body().contains("deep"), r.body());
        assertEquals("(server)", Http.errors(500, r).get(0).get("field").textValue());
    }

    @Test
    void names_the_configured_body_limit() {
        assertEquals(200, http.post("/api/echo", "application/json", new byte[1000]).statusCode());
        JsonNode errors = Http.errors(413, http.post("/api/echo", "application/json", new byte[2000]));
        assertEquals("(body)", errors.get(0).get("field").textValue());
        assertEquals("is larger than 1,234 bytes, the most a request may send", errors.get(0).get("message").textValue());
    }

    @Test
    void answers_a_path_without_a_route_in_the_errors_form() {
        assertEquals("(path)", Http.errors(404, http.get("/api/none")).get(0).get("field").textValue());
    }

    @Test
    void a_browser_gets_the_same_refusals_as_a_page_of_the_site() {
        for (String path : new String[] {"/bug", "/none"}) {
            HttpResponse<String> r = http.get(path);
            assertTrue(r.statusCode() == 500 || r.statusCode() == 404, path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
            assertTrue(r.body().startsWith("<!DOCTYPE html>") && r.body().contains("href=\"/#problem\""), r.body());
            assertFalse(r.body().contains("secret"), r.body());
        }
        HttpResponse<String> tooBig = http.post("/echo", "application/x-www-form-urlencoded", new byte[2000]);
        assertEquals(413, tooBig.statusCode());
        assertTrue(tooBig.body().contains("is larger than 1,234 bytes"), tooBig.body());
    }

    @Test
    void a_client_that_asks_for_json_gets_json_at_any_path() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.base() + "/none"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("(path)", Http.errors(404, r).get(0).get("field").textValue());
    }

    @Test
    void a_wrong_method_is_answered_405_with_the_methods_allowed() {
        HttpResponse<String> r = http.post("/api/bug", "application/json", new byte[0]);
        JsonNode errors = Http.errors(405, r);
        assertEquals("GET", r.headers().firstValue("Allow").orElse(""), r.headers().map().toString());
        assertTrue(errors.get(0).get("message").textValue().contains("it takes GET"), errors.toString());
    }

    @Test
    void a_hundred_errors_are_listed_and_the_rest_counted() {
        HttpResponse<String> r = http.get("/api/many");
        assertEquals(400, r.statusCode());
        JsonNode body = Http.json(r);
        assertEquals(ProblemException.MAX_LISTED, body.get("errors").size());
        assertEquals(250 - ProblemException.MAX_LISTED, body.get("moreErrors").asLong());
        HttpResponse<String> page = http.get("/many");
        assertTrue(page.body().contains("150 more mistakes, not listed"), page.body());
    }
}
