package dev.backprop.web.api;

import dev.backprop.engine.json.Limits;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.json.SolutionJson;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.train.Solver;
import dev.backprop.web.SolveGate;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;

/**
 * {@code POST /api/solve} (contract §2): a problem in, every number of its training out; and
 * {@code GET /api/health}. Problems are read, checked and solved inside the server's
 * {@link SolveGate}: one per core at a time, with the pages and the checker; the others wait their
 * turn for a few seconds, then are told the server is busy. A problem that fails validation takes
 * its turn too, so a flood of bad ones cannot slow the rest.
 *
 * <pre>{@code
 * curl -s -H 'Content-Type: application/json' -d @problem.json http://localhost:7070/api/solve
 * }</pre>
 */
public final class SolveApi {
    private SolveApi() {
    }

    /** Registers the routes. */
    public static void register(JavalinConfig config) {
        config.routes.post("/api/solve", json(SolveApi::solve));
        // Never waits at the gate: it answers at once however busy the cores are.
        config.routes.get("/api/health", ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result("{\"status\":\"ok\"}"));
    }

    /**
     * A JSON route: the content type is checked at once, then the body is read and the handler —
     * parsing and validation included — runs inside the {@link SolveGate}.
     */
    static Handler json(Handler handler) {
        Handler gated = SolveGate.gated(handler);
        return ctx -> {
            requireJson(ctx);
            gated.handle(ctx);
        };
    }

    /** Parse → engine → JSON (inside the gate): each refusal is thrown and answered by {@link ApiErrors}. */
    static void solve(Context ctx) {
        // Read from the bytes as they arrived: decoding a megabyte to text first would copy it twice.
        Problem problem = ProblemJson.read(SolveGate.body(ctx), Limits.SERVER);
        ctx.contentType(ContentType.APPLICATION_JSON).result(SolutionJson.toJson(Solver.solve(problem)));
    }

    /** Accepts application/json, any {@code +json} type, or no content type at all; refuses the rest with 415. */
    static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || type.isBlank()) {
            return;
        }
        String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !media.endsWith("+json")) {
            String shown = media.length() > 60 ? media.substring(0, 60) + "…" : media;
            throw new RequestException(415, "Content-Type", "is " + shown + "; send the problem as application/json");
        }
    }
}
