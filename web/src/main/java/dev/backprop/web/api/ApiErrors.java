package dev.backprop.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.web.Json;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.web.Caching;
import dev.backprop.web.SecurityHeaders;
import dev.backprop.web.view.ErrorPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become responses, in the form that fits the request: the
 * contract's {@code {"errors": [{"field", "message"}]}} JSON for the API (and {@code /solve.json}),
 * plain text for the LaTeX and Markdown exports, an HTML page for everything a browser opens. A
 * refused problem answers 400, a body the server cannot read 400, a body over the limit 413, a
 * wrong content type 415, a busy server 503, no such path 404, a wrong method 405 (with
 * {@code Allow}). Anything unexpected (a bug) answers 500 with a generic message and is logged; no
 * stack trace ever reaches the client. Errors beyond {@link ProblemException#MAX_LISTED} are
 * counted in {@code "moreErrors"}. Jetty's own refusals, before any route runs, are answered in the
 * same forms by {@code JettyErrors}.
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

    /** The form an error answer takes for a request. */
    public enum Form {
        /** The contract's {@code errors} JSON. */
        JSON("application/json"),
        /** One line per error, for the plain-text exports. */
        TEXT("text/plain; charset=utf-8"),
        /** A page in the site's layout. */
        HTML("text/html; charset=utf-8");

        private final String contentType;

        Form(String contentType) {
            this.contentType = contentType;
        }

        /** The answer's content type. */
        public String contentType() {
            return contentType;
        }

        /**
         * The form for a request to this path with this {@code Accept} header: JSON for {@code /api/}
         * and {@code /solve.json} or a client that asks for JSON and not HTML, text for the other exports,
         * otherwise a page.
         */
        public static Form of(@Nullable String path, @Nullable String accept) {
            String p = path == null ? "" : path;
            if (p.startsWith("/api/") || p.equals("/solve.json")) {
                return JSON;
            }
            if (p.equals("/solve.tex") || p.equals("/solve.md")) {
                return TEXT;
            }
            String a = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
            return a.contains("json") && !a.contains("text/html") ? JSON : HTML;
        }
    }

    /** Maps every exception a handler may throw; {@code maxBodyBytes} is named in the 413 message. */
    public static void register(JavalinConfig config, long maxBodyBytes) {
        config.routes.exception(ProblemException.class, (e, ctx) -> answer(ctx, 400, e.errors(), e.more()));
        config.routes.exception(RequestException.class, (e, ctx) -> answer(ctx, e.status(), e.errors(), 0));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(e, ctx, maxBodyBytes));
        config.routes.exception(Exception.class, (e, ctx) -> {
            HttpException refused = clientError(e);
            if (refused != null) {
                String reason = refused.getReason();
                // Jetty drops a connection whose body it could not read; saying so keeps clients from reusing it.
                ctx.header("Connection", "close");
                answer(ctx, refused.getCode(), List.of(new FieldError(ProblemJson.BODY, "could not be read"
                        + (reason == null || reason.isBlank() ? "" : ": " + reason))), 0);
                return;
            }
            if (clientGone(e)) {
                // The client closed the connection or took too long to send the request: nobody to answer.
                ctx.header("Connection", "close");
                answer(ctx, 408, List.of(new FieldError(ProblemJson.BODY, "did not arrive in time")), 0);
                return;
            }
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            answer(ctx, 500, List.of(new FieldError("(server)", GENERIC)), 0);
        });
        config.router.javaLangErrorHandler(ApiErrors::fatal);
    }

    /** Answers with the status and the errors in the form that fits the request, never to be cached. */
    public static void answer(Context ctx, int status, List<FieldError> errors, long more) {
        Form form = Form.of(ctx.path(), ctx.header("Accept"));
        // A refusal may come before the app's own headers are added (a body refused by its length).
        SecurityHeaders.on(ctx);
        ctx.header("Cache-Control", Caching.NO_STORE);
        ctx.status(status).contentType(form.contentType()).result(body(form, status, errors, more));
    }

    /** Answers with the status and the errors in the contract's JSON form. */
    public static void respond(Context ctx, int status, List<FieldError> errors) {
        ctx.header("Cache-Control", Caching.NO_STORE);
        ctx.status(status).contentType(Form.JSON.contentType()).result(json(errors, 0));
    }

    /** The body of an error answer in the given form. */
    public static byte[] body(Form form, int status, List<FieldError> errors, long more) {
        String text = switch (form) {
            case JSON -> json(errors, more);
            case TEXT -> text(errors, more);
            case HTML -> ErrorPage.render(status, errors, more);
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The contract's error body: {@code {"errors": [{"field", "message"}, …]}}. */
    public static String json(List<FieldError> errors) {
        return json(errors, 0);
    }

    /** The contract's error body, with {@code "moreErrors": n} when n further errors were found and not listed. */
    public static String json(List<FieldError> errors, long more) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("errors");
        for (FieldError e : errors) {
            list.addObject().put("field", e.field()).put("message", e.message());
        }
        if (more > 0) {
            body.put("moreErrors", more);
        }
        try {
            return Json.write(body);
        } catch (UncheckedIOException e) {
            return GENERIC_JSON;
        }
    }

    /** The errors as text, one {@code field: message} line each, then the count of the rest. */
    public static String text(List<FieldError> errors, long more) {
        StringBuilder sb = new StringBuilder("The problem cannot be solved:\n");
        for (FieldError e : errors) {
            sb.append(e.field()).append(": ").append(e.message()).append('\n');
        }
        if (more > 0) {
            sb.append(ProblemException.moreSentence(more)).append('\n');
        }
        return sb.toString();
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

    /** Whether reading the request failed because the client went away or was cut off for being too slow. */
    private static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EofException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Javalin's own refusals (no such route, wrong method, body too large …), in the same forms as ours. */
    private static void httpError(HttpResponseException e, Context ctx, long maxBodyBytes) {
        int status = e.getStatus();
        FieldError error;
        if (status == 413) {
            error = new FieldError(ProblemJson.BODY, "is larger than " + String.format(Locale.ROOT, "%,d", maxBodyBytes)
                    + " bytes, the most a request may send");
        } else if (status == 404) {
            error = new FieldError("(path)", "nothing at " + ctx.method() + " " + shown(ctx.path())
                    + "; the pages are / (the form), /solve and /worksheet; the API is POST /api/solve,"
                    + " POST /api/check, POST /api/variants, POST /api/mark and GET /api/health");
        } else if (status == 405) {
            String allowed = String.join(", ", e.getDetails().values());
            if (!allowed.isBlank()) {
                ctx.header("Allow", allowed);
            }
            error = new FieldError("(method)", ctx.method() + " is not allowed at " + shown(ctx.path())
                    + (allowed.isBlank() ? "" : "; it takes " + allowed));
        } else {
            error = new FieldError("(request)", String.valueOf(e.getMessage()));
        }
        answer(ctx, status, List.of(error), 0);
    }

    private static String shown(String path) {
        return path.length() > 80 ? path.substring(0, 80) + "…" : path;
    }

    /** A java.lang.Error (out of memory, stack overflow) while serving: a generic 500, never a trace. */
    private static void fatal(HttpServletResponse res, Error error) {
        LOG.error("Fatal error while serving a request", error);
        try {
            if (!res.isCommitted()) {
                res.resetBuffer();
                res.setStatus(500);
                res.setContentType("application/json");
                res.setHeader("Cache-Control", Caching.NO_STORE);
                res.getWriter().write(GENERIC_JSON);
            }
        } catch (IOException | IllegalStateException ignored) {
            // The connection is gone or the response already sent; the error is logged.
        }
    }
}
