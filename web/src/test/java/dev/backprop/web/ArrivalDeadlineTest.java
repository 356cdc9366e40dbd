package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A request must arrive whole within the deadline of its first byte; time spent after it arrived does not count. */
class ArrivalDeadlineTest {
    private static final long DEADLINE_MILLIS = 1_500;
    private static Javalin app;
    private static long saved;

    @BeforeAll
    static void start() {
        saved = ArrivalDeadline.limitMillis;
        ArrivalDeadline.limitMillis = DEADLINE_MILLIS;
        app = App.create().start(0);
    }

    @AfterAll
    static void stop() {
        ArrivalDeadline.limitMillis = saved;
        app.stop();
    }

    /**
     * Sends the head at once, then the trickle one byte every 200 ms (never idle for long); the
     * milliseconds until the server closed the connection, or -1 if the trickle was all sent first.
     */
    private static long trickle(String head, String trickle) {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = trickle.getBytes(StandardCharsets.US_ASCII);
            for (byte b : bytes) {
                try {
                    out.write(b);
                    out.flush();
                } catch (IOException closed) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
                try {
                    if (in.read() < 0) {
                        return (System.nanoTime() - start) / 1_000_000;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // nothing yet: keep trickling
                } catch (IOException reset) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void headers_trickled_a_byte_at_a_time_are_cut_off_at_the_deadline() {
        long closed = trickle("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ", "a".repeat(100));
        assertTrue(closed >= DEADLINE_MILLIS && closed < DEADLINE_MILLIS + 3_000, "closed after " + closed + " ms");
    }

    @Test
    void a_body_trickled_a_byte_at_a_time_is_cut_off_at_the_deadline() {
        String body = "{\"layers\": " + " ".repeat(99);
        long closed = trickle("POST /api/solve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + (body.length() + 50) + "\r\n\r\n", body);
        assertTrue(closed >= DEADLINE_MILLIS && closed < DEADLINE_MILLIS + 3_000, "closed after " + closed + " ms");
        assertEquals(200, new Http(app.port()).get("/api/health").statusCode(), "and the server answers the next one");
    }

    @Test
    void a_request_that_has_arrived_may_wait_at_the_gate_longer_than_the_deadline() throws Exception {
        long wait = SolveGate.waitMillis;
        SolveGate.waitMillis = DEADLINE_MILLIS * 2;
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = SolveGateTest.occupyEveryCore(finish);
        try {
            long start = System.nanoTime();
            var r = new Http(app.port()).postJson("/api/solve", Fixtures.MAZUR);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, r.statusCode(), "told it is busy after its wait, not cut off: " + r.body());
            assertTrue(millis >= DEADLINE_MILLIS * 2, "waited " + millis + " ms");
        } finally {
            SolveGate.waitMillis = wait;
            finish.countDown();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
