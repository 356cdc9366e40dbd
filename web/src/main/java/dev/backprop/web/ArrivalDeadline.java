package dev.backprop.web;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Bounds the time a request may take to arrive: a request whose headers and body are not all in
 * within {@link #SECONDS} seconds of its first byte has its connection closed. Jetty's idle timeout
 * alone does not do it, since a client trickling one byte a second is never idle; such a client
 * would hold a server thread (and its buffers) for as long as it liked.
 *
 * <p>A Jetty bean on the server (started and stopped with it), whose {@link #listener()} each
 * connector adds to its connections; once a second it looks at each open HTTP/1 connection's
 * parser. Time spent solving or waiting for a core does not count: by then the request has arrived.
 *
 * <pre>{@code
 * ArrivalDeadline deadline = new ArrivalDeadline();
 * server.addBean(deadline);
 * connector.addBean(deadline.listener());
 * }</pre>
 */
public final class ArrivalDeadline extends AbstractLifeCycle {
    /** The seconds a request may take to arrive, from its first byte to its last. */
    public static final int SECONDS = 30;

    private final long limitNanos;
    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private final Connection.Listener listener = new Connection.Listener() {
        @Override
        public void onOpened(Connection connection) {
            if (connection instanceof HttpConnection http) {
                open.add(http);
            }
        }

        @Override
        public void onClosed(Connection connection) {
            open.remove(connection);
        }
    };
    private ScheduledExecutorService timer;

    /** The deadline of servers created from now on, in milliseconds; tests shorten it. */
    static volatile long limitMillis = TimeUnit.SECONDS.toMillis(SECONDS);

    /** A deadline of {@link #SECONDS} seconds (or what a test set). */
    public ArrivalDeadline() {
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
    }

    /** The listener a connector adds to each connection it opens. */
    public Connection.Listener listener() {
        return listener;
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "arrival-deadline");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, TimeUnit.NANOSECONDS.toMillis(limitNanos) / 20);
        timer.scheduleWithFixedDelay(this::sweep, period, Math.min(period, 1000), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
        open.clear();
    }

    /** Closes each connection whose request has been arriving for longer than the deadline. */
    private void sweep() {
        long now = System.nanoTime();
        for (HttpConnection c : open) {
            HttpParser parser = c.getParser();
            // START: between requests (the idle timeout's business); END and after: the request is in.
            boolean arriving = !parser.isStart() && (parser.inHeaderState() || parser.inContentState());
            if (arriving && now - parser.getBeginNanoTime() > limitNanos) {
                open.remove(c);
                c.getEndPoint().close(new TimeoutException("the request took more than " + SECONDS + " s to arrive"));
            }
        }
    }
}
