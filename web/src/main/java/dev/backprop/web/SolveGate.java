package dev.backprop.web;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's one gate for heavy work: at most one problem per core is solved or checked at a
 * time, whichever route asks (the JSON API, the worked pages and their exports, the worksheet). A
 * request waits its turn for a few seconds and is then told the server is busy, so that no burst
 * of requests can pin the machine.
 *
 * <pre>{@code
 * Optional<Worked> w = SolveGate.run(() -> Worked.solve(problem));   // empty: busy, try later
 * }</pre>
 */
public final class SolveGate {
    /** How long a request waits for a free core before it is told the server is busy. */
    public static final int WAIT_SECONDS = 10;
    /** The seconds a busy answer asks the client to wait before trying again (its Retry-After header). */
    public static final String RETRY_AFTER_SECONDS = "5";

    /** How many problems may be solved at once: one per core. */
    static final int CORES = Runtime.getRuntime().availableProcessors();

    private static final Semaphore PERMITS = new Semaphore(CORES, true);

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
        if (!PERMITS.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(work.get());
        } finally {
            PERMITS.release();
        }
    }
}
