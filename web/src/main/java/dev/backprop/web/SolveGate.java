package dev.backprop.web;

import dev.backprop.web.api.RequestException;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.io.EofException;

/**
 * The server's one gate for heavy work: at most one request per core reads, solves, checks or
 * renders a problem at a time, whichever route it came to (the JSON API, the worked pages and their
 * exports, the form, the worksheet). A request waits its turn for a few seconds and is then told the
 * server is busy, so that no burst of requests, well-formed or not, can pin the machine or fill its
 * memory; {@code /api/health} and the stylesheets never wait here.
 *
 * <p>The request arrives (its body is read) before it queues, so a slow client never holds a core.
 * A thread already inside the gate passes straight through, so heavy steps may nest.
 *
 * <pre>{@code
 * config.routes.post("/api/solve", SolveGate.gated(SolveApi::solve));   // the whole handler inside
 * Worked w = SolveGate.require(ctx, () -> Worked.solve(problem));        // or one step of it
 * }</pre>
 */
public final class SolveGate {
    /** How long a request waits for a free core before it is told the server is busy. */
    public static final int WAIT_SECONDS = 10;
    /** The seconds a busy answer asks the client to wait before trying again (its Retry-After header). */
    public static final String RETRY_AFTER_SECONDS = "5";

    /** How many requests may do heavy work at once: one per core. */
    static final int CORES = Runtime.getRuntime().availableProcessors();

    private static final Semaphore PERMITS = new Semaphore(CORES, true);
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
    /** The request attribute holding a body read by {@link #arrive}. */
    private static final String BODY = "backprop.body";

    /** The wait of {@link #run(Supplier)}, in milliseconds; tests shorten it. */
    static volatile long waitMillis = TimeUnit.SECONDS.toMillis(WAIT_SECONDS);

    private SolveGate() {
    }

    /** Runs the work when a core is free, or answers empty after {@link #WAIT_SECONDS} seconds of waiting. */
    public static <T> Optional<T> run(Supplier<T> work) throws InterruptedException {
        return run(work, waitMillis);
    }

    /** As {@link #run(Supplier)}, waiting at most the given milliseconds. */
    static <T> Optional<T> run(Supplier<T> work, long waitMillis) throws InterruptedException {
        if (INSIDE.get()) {
            return Optional.of(work.get());
        }
        if (!PERMITS.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        INSIDE.set(true);
        try {
            return Optional.of(work.get());
        } finally {
            INSIDE.set(false);
            PERMITS.release();
        }
    }

    /**
     * Runs the work when a core is free; after {@link #WAIT_SECONDS} seconds of waiting throws the
     * busy refusal (503 with Retry-After), which the error mapping answers in the request's form.
     */
    public static <T> T require(Context ctx, Supplier<T> work) throws InterruptedException {
        Optional<T> done = run(work);
        if (done.isEmpty()) {
            throw busy(ctx);
        }
        return done.get();
    }

    /** As {@link #require(Context, Supplier)}, for work that writes its own answer. */
    public static void within(Context ctx, Runnable work) throws InterruptedException {
        require(ctx, () -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    /** The refusal when every core stays busy, for the caller to throw: 503, with Retry-After. */
    public static RequestException busy(Context ctx) {
        ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        return new RequestException(503, "(server)", "is busy solving other problems; try again in a few seconds");
    }

    /**
     * The handler with everything it does after the request has arrived run inside the gate: the body
     * (or the form's fields) is read first, outside, then the handler waits for a core.
     */
    public static Handler gated(Handler handler) {
        return ctx -> {
            arrive(ctx);
            Exception[] failed = new Exception[1];
            require(ctx, () -> {
                try {
                    handler.handle(ctx);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    failed[0] = e;
                }
                return Boolean.TRUE;
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        };
    }

    /** Reads the whole request (the form's fields, or the body) so that no slow client queues at the gate. */
    private static void arrive(Context ctx) throws IOException {
        if (ctx.isFormUrlencoded() || ctx.isMultipartFormData()) {
            ctx.formParamMap();
        } else {
            ctx.attribute(BODY, read(ctx));
        }
    }

    /**
     * The body of a request that went through {@link #gated}, read before it queued: an array of
     * exactly its stated length (Javalin's own reading grows a buffer by doubling and copies it,
     * some three times the body in garbage), or, without a length, read up to the limit.
     */
    public static byte[] body(Context ctx) {
        byte[] body = ctx.attribute(BODY);
        return body != null ? body : ctx.bodyAsBytes();
    }

    private static byte[] read(Context ctx) throws IOException {
        long length = ctx.contentLength();
        InputStream in = ctx.req().getInputStream();
        if (length >= 0 && length <= App.MAX_BODY_BYTES) {
            byte[] body = new byte[(int) length];
            int n = in.readNBytes(body, 0, body.length);
            if (n < length) {
                throw new EofException("the body ended after " + n + " of " + length + " bytes");
            }
            // Read to its end, so that the request counts as arrived (and the arrival deadline lets go).
            in.read();
            return body;
        }
        byte[] body = in.readNBytes((int) App.MAX_BODY_BYTES + 1);
        if (body.length > App.MAX_BODY_BYTES) {
            throw new ContentTooLargeResponse("body over " + App.MAX_BODY_BYTES + " bytes");
        }
        return body;
    }
}
