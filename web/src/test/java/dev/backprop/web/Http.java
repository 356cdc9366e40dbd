package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
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

    /**
     * Sends bytes as they are over a fresh connection (any request line, any Host header, malformed
     * ones too) and reads the answer until the server closes or {@code timeoutMillis} pass.
     */
    public Raw raw(byte[] request, int timeoutMillis) {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // the answer so far
            } catch (IOException e) {
                // the server closed first (a reset after its answer)
            }
            return new Raw(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #raw(byte[], int)} of a request written as text, with five seconds to answer. */
    public Raw raw(String request) {
        return raw(request.getBytes(StandardCharsets.UTF_8), 5_000);
    }

    /**
     * An answer read off the wire.
     *
     * @param text the status line, the headers and the body as sent
     */
    public record Raw(String text) {
        /** The status code, or -1 when nothing came back. */
        public int status() {
            return text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
        }

        /** The value of the first header of this name, or "". */
        public String header(String name) {
            int end = text.indexOf("\r\n\r\n");
            for (String line : (end < 0 ? text : text.substring(0, end)).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }

        /** The body (chunk sizes included, if it was chunked). */
        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
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

    /** Text parsed as JSON. */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
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
