package dev.backprop.web;

import dev.backprop.web.api.ApiErrors;
import dev.backprop.web.api.CheckApi;
import dev.backprop.web.api.ClassApi;
import dev.backprop.web.api.SolveApi;
import dev.backprop.web.classroom.ClassPages;
import dev.backprop.web.worksheet.Worksheets;
import io.javalin.Javalin;
import io.javalin.config.Key;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The web application: every route, the security headers, the server's limits and the error
 * mapping, wired in one {@code Javalin.create(config -> …)}.
 *
 * <pre>{@code
 * Javalin app = App.create().start(0);   // tests: any free port, read back with app.port()
 * }</pre>
 *
 * <p>Configured from the environment: {@code PORT} (default {@value #DEFAULT_PORT}) and
 * {@code PUBLIC_URL}, the address users reach the server at (e.g. {@code https://workbook.example.org}),
 * from which the pages and exports write their absolute links; without it links are relative.
 * The request's {@code Host} header never goes into a page, and the headers of
 * {@link SecurityHeaders} are on every answer.
 */
public final class App {
    /** The most bytes a request body may have; larger bodies are answered 413. */
    public static final long MAX_BODY_BYTES = 1_000_000L;
    /** The port used when the {@code PORT} environment variable is not set. */
    public static final int DEFAULT_PORT = 7070;
    /** How long a connection may stay silent, between requests or within one, before it is closed. */
    public static final int IDLE_TIMEOUT_SECONDS = 15;

    /** The address pages and exports name in their links ({@code ""}: relative links). */
    static final Key<String> PUBLIC_URL = new Key<>("backprop.publicUrl");

    private App() {
    }

    /** The application, not yet started, configured from the environment ({@code PORT}, {@code PUBLIC_URL}). */
    public static Javalin create() {
        return create(System.getenv());
    }

    /** The application, not yet started, configured from these environment variables. */
    public static Javalin create(Map<String, String> env) {
        int port = port(env.get("PORT"));
        String publicUrl = publicUrl(env.get("PUBLIC_URL"));
        return Javalin.create(config -> {
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            config.appData(PUBLIC_URL, publicUrl);
            config.bundledPlugins.enableGlobalHeaders(headers -> headers.getHeaders().putAll(SecurityHeaders.ALL));
            // Every answer says how it may be cached; pages that are pure functions of their URL say more.
            config.routes.before(ctx -> ctx.header("Cache-Control", Caching.NO_STORE));
            config.routes.before(App::refuseOversizedBody);
            config.jetty.modifyServer(App::limitConnections);
            ApiErrors.register(config, MAX_BODY_BYTES);
            SolveApi.register(config);
            CheckApi.register(config);
            ClassApi.register(config);
            Pages.register(config);
            Worksheets.register(config);
            ClassPages.register(config);
        });
    }

    /**
     * A body whose stated length is over the limit is refused before a byte of it is read (Javalin
     * would read a megabyte of it first), and its connection closed rather than drained.
     */
    private static void refuseOversizedBody(Context ctx) {
        if (ctx.contentLength() > MAX_BODY_BYTES) {
            ctx.header("Connection", "close");
            throw new ContentTooLargeResponse("body over " + MAX_BODY_BYTES + " bytes");
        }
    }

    /** The address links are built from: the configured {@code PUBLIC_URL}, or "" for relative links. */
    public static String publicUrl(Context ctx) {
        String base = ctx.appData(PUBLIC_URL);
        return base == null ? "" : base;
    }

    /**
     * Slow clients are bounded: a silent connection is closed after {@value #IDLE_TIMEOUT_SECONDS}
     * seconds, a request must arrive whole within {@link ArrivalDeadline#SECONDS} seconds of its first
     * byte, and Jetty's own refusals (400, 414, 431 …) are answered in the app's form.
     */
    private static void limitConnections(Server server) {
        server.setErrorHandler(new JettyErrors());
        ArrivalDeadline deadline = new ArrivalDeadline();
        server.addBean(deadline);
        // The connectors exist only once the server starts.
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector c : server.getConnectors()) {
                    if (c instanceof AbstractConnector connector) {
                        connector.setIdleTimeout(IDLE_TIMEOUT_SECONDS * 1000L);
                        connector.addBean(deadline.listener());
                    }
                }
            }
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

    /**
     * The value of {@code PUBLIC_URL} without a trailing slash: "" when unset, an error when it is not
     * an http or https address without query or fragment.
     */
    static String publicUrl(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String v = value.trim();
        String problem = "PUBLIC_URL must be the address users open, like https://workbook.example.org, was \"" + value + "\"";
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(problem);
        }
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    /**
     * Starts the server on {@code PORT} (default 7070), stopped with the process; false, after
     * saying why on standard error, when {@code PORT} or {@code PUBLIC_URL} is not one.
     */
    public static boolean serve() {
        Javalin app;
        try {
            app = create();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return false;
        }
        app.start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
        return true;
    }
}
