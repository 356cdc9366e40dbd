package dev.backprop.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.web.Http;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The error mapping on its own, with routes that fail as a bug would. */
class ApiErrorsTest {
    static Javalin app;
    static Http http;

    @BeforeAll
    static void start() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            ApiErrors.register(config, 1234);
            config.routes.get("/bug", ctx -> {
                throw new IllegalStateException("secret internal detail");
            });
            config.routes.get("/overflow", ctx -> {
                throw new StackOverflowError("deep");
            });
            config.http.maxRequestSize = 1234;
            config.routes.post("/echo", ctx -> ctx.result(ctx.body()));
        }).start(0);
        http = new Http(app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void answers_a_bug_with_a_generic_json_500_and_no_detail() {
        HttpResponse<String> r = http.get("/bug");
        JsonNode errors = Http.errors(500, r);
        assertEquals("(server)", errors.get(0).get("field").textValue());
        assertFalse(r.body().contains("secret") || r.body().contains("IllegalState"), r.body());
    }

    @Test
    void answers_a_java_lang_error_with_a_generic_json_500() {
        HttpResponse<String> r = http.get("/overflow");
        assertEquals(500, r.statusCode());
        assertFalse(r.body().contains("StackOverflow") || r.body().contains("deep"), r.body());
        assertEquals("(server)", Http.errors(500, r).get(0).get("field").textValue());
    }

    @Test
    void names_the_configured_body_limit() {
        assertEquals(200, http.post("/echo", "application/json", new byte[1000]).statusCode());
        JsonNode errors = Http.errors(413, http.post("/echo", "application/json", new byte[2000]));
        assertEquals("(body)", errors.get(0).get("field").textValue());
        assertEquals("is larger than 1,234 bytes, the most a request may send", errors.get(0).get("message").textValue());
    }

    @Test
    void answers_a_path_without_a_route_in_the_errors_form() {
        assertEquals("(path)", Http.errors(404, http.get("/none")).get(0).get("field").textValue());
    }
}
