package dev.backprop.web.api;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.json.SolutionJson;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.train.Solver;
import dev.backprop.web.SolveGate;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/solve} (contract §2): a problem in, every number of its training out; and
 * {@code GET /api/health}. Problems are solved through the server's {@link SolveGate}: one per
 * core at a time, with the pages and the checker; the others wait their turn for a few seconds,
 * then are told the server is busy.
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
        config.routes.post("/api/solve", SolveApi::solve);
        config.routes.get("/api/health", ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result("{\"status\":\"ok\"}"));
    }

    /** Parse → engine → JSON: each refusal is thrown and answered by {@link ApiErrors}. */
    static void solve(Context ctx) throws InterruptedException {
        requireJson(ctx);
        Problem problem = ProblemJson.read(ctx.body());
        Optional<String> answer = SolveGate.run(() -> SolutionJson.toJson(Solver.solve(problem)));
        if (answer.isEmpty()) {
            throw busy(ctx, "is busy solving other problems; try again in a few seconds");
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(answer.get());
    }

    /** The refusal when every core is busy (503, with Retry-After), for the caller to throw. */
    static RequestException busy(Context ctx, String message) {
        ctx.header("Retry-After", SolveGate.RETRY_AFTER_SECONDS);
        return new RequestException(503, "(server)", message);
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
