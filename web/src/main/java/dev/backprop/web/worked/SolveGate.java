package dev.backprop.web.worked;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets at most one problem per core be solved at a time for the pages, as the JSON API does: a
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

    private static final Semaphore PERMITS = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    /** How many problems may be solved at once: one per core. */
    static final int CORES = Runtime.getRuntime().availableProcessors();

    private SolveGate() {
    }

    /** Runs the work when a core is free, or answers empty after {@link #WAIT_SECONDS} seconds of waiting. */
    public static <T> Optional<T> run(Supplier<T> work) throws InterruptedException {
        return run(work, TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
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
