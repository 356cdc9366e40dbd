package dev.backprop.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.ProblemException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become responses. Every error answers in the contract's form
 * {@code {"errors": [{"field", "message"}]}}: a refused problem 400, a body the server cannot read
 * (a broken multipart form) 400, a body over the limit 413, a wrong content type 415, a busy server
 * 503. Anything unexpected (a bug) answers 500 with a
 * generic message and is logged; no stack trace ever reaches the client.
 *
 * <pre>{@code
 * Javalin.create(config -> ApiErrors.register(config, 1_000_000));
 * }</pre>
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final String GENERIC = "the server met an unexpected error; please report it with the request"
            + " that caused it";
    private static final String GENERIC_JSON = "{\"errors\":[{\"field\":\"(server)\",\"message\":\"" + GENERIC + "\"}]}";

    private ApiErrors() {
    }

    /** Maps every exception a handler may throw; {@code maxBodyBytes} is named in the 413 message. */
    public static void register(JavalinConfig config, long maxBodyBytes) {
        config.routes.exception(ProblemException.class, (e, ctx) -> respond(ctx, 400, e.errors()));
        config.routes.exception(RequestException.class, (e, ctx) -> respond(ctx, e.status(), e.errors()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(e, ctx, maxBodyBytes));
        config.routes.exception(Exception.class, (e, ctx) -> {
            HttpException refused = clientError(e);
            if (refused != null) {
                String reason = refused.getReason();
                // Jetty drops a connection whose body it could not read; saying so keeps clients from reusing it.
                ctx.header("Connection", "close");
                respond(ctx, refused.getCode(), List.of(new FieldError(ProblemJson.BODY, "could not be read"
                        + (reason == null || reason.isBlank() ? "" : ": " + reason))));
                return;
            }
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, 500, List.of(new FieldError("(server)", GENERIC)));
        });
        config.router.javaLangErrorHandler(ApiErrors::fatal);
    }

    /** Answers with the status and the errors in the contract's form. */
    public static void respond(Context ctx, int status, List<FieldError> errors) {
        ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(json(errors));
    }

    /** The contract's error body: {@code {"errors": [{"field", "message"}, …]}}. */
    public static String json(List<FieldError> errors) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("errors");
        for (FieldError e : errors) {
            list.addObject().put("field", e.field()).put("message", e.message());
        }
        try {
            return ProblemJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return GENERIC_JSON;
        }
    }

    /**
     * Jetty's refusal of a malformed request (a broken multipart form, say) when it surfaces while a
     * handler reads the request, wrapped or not: a 4xx of the client's making, or null.
     */
    private static @Nullable HttpException clientError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                return h;
            }
        }
        return null;
    }

    /** Javalin's own refusals (no such route, body too large …), in the same form as ours. */
    private static void httpError(HttpResponseException e, Context ctx, long maxBodyBytes) {
        int status = e.getStatus();
        FieldError error;
        if (status == 413) {
            error = new FieldError(ProblemJson.BODY, "is larger than " + String.format(Locale.ROOT, "%,d", maxBodyBytes)
                    + " bytes, the most a request may send");
        } else if (status == 404) {
            error = new FieldError("(path)", "nothing at " + ctx.method() + " " + ctx.path()
                    + "; the API is POST /api/solve, POST /api/check and GET /api/health");
        } else if (status == 405) {
            error = new FieldError("(method)", ctx.method() + " is not allowed at " + ctx.path());
        } else {
            error = new FieldError("(request)", String.valueOf(e.getMessage()));
        }
        respond(ctx, status, List.of(error));
    }

    /** A java.lang.Error (out of memory, stack overflow) while serving: a generic 500, never a trace. */
    private static void fatal(HttpServletResponse res, Error error) {
        LOG.error("Fatal error while serving a request", error);
        try {
            if (!res.isCommitted()) {
                res.resetBuffer();
                res.setStatus(500);
                res.setContentType("application/json");
                res.getWriter().write(GENERIC_JSON);
            }
        } catch (IOException | IllegalStateException ignored) {
            // The connection is gone or the response already sent; the error is logged.
        }
    }
}
