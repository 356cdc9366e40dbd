package dev.backprop.web;

import dev.backprop.web.api.ApiErrors;
import dev.backprop.web.api.SolveApi;
import io.javalin.Javalin;
import io.javalin.plugin.bundled.GlobalHeadersConfig;

/**
 * The web application: every route, the security headers and the error mapping, wired in one
 * {@code Javalin.create(config -> …)}.
 *
 * <pre>{@code
 * Javalin app = App.create().start(0);   // tests: any free port, read back with app.port()
 * }</pre>
 */
public final class App {
    /** The most bytes a request body may have; larger bodies are answered 413. */
    public static final long MAX_BODY_BYTES = 1_000_000L;
    /** The port used when the {@code PORT} environment variable is not set. */
    public static final int DEFAULT_PORT = 7070;

    /** Allows only this origin's own styles, scripts and images (and data: images), no framing, no plugins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:;"
            + " script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private App() {
    }

    /** The application, not yet started, listening on {@code PORT} (default 7070) once started. */
    public static Javalin create() {
        int port = port(System.getenv("PORT"));
        return Javalin.create(config -> {
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            config.bundledPlugins.enableGlobalHeaders(headers -> {
                headers.contentSecurityPolicy(CONTENT_SECURITY_POLICY);
                headers.xContentTypeOptionsNoSniff();
                headers.referrerPolicy(GlobalHeadersConfig.ReferrerPolicy.NO_REFERRER);
            });
            ApiErrors.register(config, MAX_BODY_BYTES);
            SolveApi.register(config);
            Pages.register(config);
        });
    }

    /** The port from the value of {@code PORT}: {@value #DEFAULT_PORT} when unset, an error when not a port number. */
    static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("PORT must be a port number from 0 to 65535, was \"" + value + "\"");
    }

    /** Starts the server on {@code PORT} (default 7070). */
    public static void main(String[] args) {
        Javalin app;
        try {
            app = create();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        app.start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
    }
}
