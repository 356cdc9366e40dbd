package dev.backprop.web;

import io.javalin.http.Context;
import java.util.Map;

/**
 * The headers every answer carries, refusals and Jetty's own error answers included: a content
 * security policy that allows only this origin's styles, scripts and images (no framing, no
 * plugins), no content sniffing, no referrer.
 *
 * <pre>{@code
 * SecurityHeaders.on(ctx);   // an answer written before the app's own headers were added
 * }</pre>
 */
public final class SecurityHeaders {
    /** Allows only this origin's own styles, scripts and images (and data: images), no framing, no plugins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:;"
            + " script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** Each header and its value. */
    public static final Map<String, String> ALL = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private SecurityHeaders() {
    }

    /** Sets them on an answer (an error refused before the app's headers were added, say). */
    public static void on(Context ctx) {
        ALL.forEach(ctx::header);
    }
}
