package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A small HTTP client for the tests: requests to one server (redirects are not followed, so they
 * can be asserted on), forms url-encoded, answers read as text or parsed as JSON.
 *
 * <pre>{@code
 * Http http = new Http(app.port());
 * JsonNode errors = Http.errors(400, http.postJson("/api/solve", "{"));
 * }</pre>
 */
public final class Http {
    /** A plain JSON reader for the answers. */
    public static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;

    /** A client for the server on this local port. */
    public Http(int port) {
        this("127.0.0.1", port);
    }

    /** A client for the server on this port, asked for by this host name (so the Host header names it). */
    public Http(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    /** The server's address, e.g. {@code http://127.0.0.1:41234}. */
    public String base() {
        return base;
    }

    /** GET of a path with its query. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** POST of a body with the given content type (none when null). */
    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    /** POST of a JSON body. */
    public HttpResponse<String> postJson(String path, String body) {
        return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** POST of form fields, url-encoded, each a {name, value} pair in the order given (a name may repeat). */
    public HttpResponse<String> postForm(String path, List<String[]> fields) {
        StringBuilder body = new StringBuilder();
        for (String[] f : fields) {
            body.append(body.length() == 0 ? "" : "&").append(enc(f[0])).append('=').append(enc(f[1]));
        }
        return post(path, "application/x-www-form-urlencoded", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** POST of form fields, url-encoded, in the map's order. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return postForm(path, fields.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue()}).toList());
    }

    /** Text url-encoded for a query or a form (UTF-8). */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer parsed as JSON, asserting that it says it is JSON. */
    public static JsonNode json(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> "not JSON: " + r.headers().map() + " " + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** Asserts the status and that the body is the contract's errors form; returns the errors. */
    public static JsonNode errors(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r::body);
        JsonNode body = json(r);
        JsonNode errors = body.get("errors");
        assertTrue(errors != null && errors.isArray() && errors.size() > 0, r::body);
        for (JsonNode e : errors) {
            assertTrue(e.get("field").isTextual() && e.get("message").isTextual() && !e.get("message").textValue().isEmpty(),
                    e::toString);
        }
        assertEquals(1, body.size(), () -> "only errors: " + r.body());
        return errors;
    }
}
