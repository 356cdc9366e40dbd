package dev.backprop.web;

import io.javalin.Javalin;

/**
 * One app on a free port for the HTTP tests that keep no state of their own in it: started by the
 * first test that asks, stopped when the test JVM ends.
 *
 * <pre>{@code
 * HttpResponse<String> r = SharedApp.http().get("/solve.tex?problem=...");
 * }</pre>
 */
public final class SharedApp {
    private static Http http;

    private SharedApp() {
    }

    /** A client for the shared app, starting it on first use. */
    public static synchronized Http http() {
        if (http == null) {
            Javalin app = App.create().start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
            http = new Http(app.port());
        }
        return http;
    }
}
