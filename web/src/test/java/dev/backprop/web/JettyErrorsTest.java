package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests Jetty refuses before any route runs, answered in the app's forms with the app's headers. */
class JettyErrorsTest {
    private static Javalin app;
    private static Http http;

    @BeforeAll
    static void start() {
        app = App.create().start(0);
        http = new Http(app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static void assertAppHeaders(Http.Raw r, String what) {
        for (Map.Entry<String, String> h : SecurityHeaders.ALL.entrySet()) {
            assertEquals(h.getValue(), r.header(h.getKey()), what + ": " + h.getKey());
        }
        assertEquals("no-store", r.header("Cache-Control"), what);
    }

    private static void assertPage(Http.Raw r, int status, String heading) {
        assertEquals(status, r.status(), r.text());
        assertAppHeaders(r, "status " + status);
        assertTrue(r.header("Content-Type").startsWith("text/html"), r.header("Content-Type"));
        assertTrue(r.body().contains("<h1>" + heading + "</h1>"), r.body());
        assertTrue(r.body().contains("href=\"/#problem\""), "a way back to the form");
        assertFalse(r.body().contains("HTTP ERROR") || r.body().contains("badMessage"), "Jetty's own page: " + r.body());
    }

    @Test
    void a_link_longer_than_the_server_accepts_is_answered_414_with_a_page_saying_what_to_do() {
        byte[] line = ("GET /solve?problem=" + "a".repeat(Pages.MAX_HEADER + 10) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Http.Raw r = http.raw(line, 10_000);
        assertPage(r, 414, "The link is too long");
        assertTrue(r.body().contains("load the problem&#x27;s JSON into the form"), r.body());
    }

    @Test
    void headers_larger_than_the_server_accepts_are_answered_431_with_a_page() {
        byte[] request = ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(Pages.MAX_HEADER + 10) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertPage(http.raw(request, 10_000), 431, "The request&#x27;s headers are too large");
    }

    @Test
    void a_malformed_request_is_answered_400_as_a_page_or_as_json_for_the_api() {
        assertPage(http.raw("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"), 400, "The request could not be read");
        Http.Raw api = http.raw("POST /api/solve HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
        assertEquals(400, api.status(), api.text());
        assertAppHeaders(api, "400 on the API");
        assertTrue(api.header("Content-Type").startsWith("application/json"), api.header("Content-Type"));
        JsonNode errors = Http.json(api.body()).get("errors");
        assertEquals("(request)", errors.get(0).get("field").textValue());
        assertTrue(errors.get(0).get("message").textValue().contains("Content-Length"), errors.toString());
    }

    @Test
    void an_answer_whose_headers_overflow_is_a_500_in_the_apps_form_not_jettys_plain_page() {
        // What the form's Solve did with a 20 KB Location before its links were packed.
        Javalin overflowing = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            config.routes.get("/long", ctx -> ctx.header("Location", "/solve?problem=" + "x".repeat(40_000)).status(303));
        }).start(0);
        try {
            Http.Raw r = new Http(overflowing.port()).raw("GET /long HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(500, r.status(), r.text());
            assertAppHeaders(r, "500");
            assertTrue(r.body().contains("<h1>The server met an error</h1>"), r.body());
            assertFalse(r.body().contains("HTTP ERROR"), r.body());
        } finally {
            overflowing.stop();
        }
    }

    @Test
    void a_request_that_is_not_http_at_all_is_answered_400() {
        assertPage(http.raw("GARBAGE\r\n\r\n"), 400, "The request could not be read");
    }
}
