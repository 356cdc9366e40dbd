package dev.backprop.web;

import static dev.backprop.web.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SolveGateTest {
    /** Takes every core of the gate until {@code finish} opens; returns once all are taken. */
    static ExecutorService occupyEveryCore(CountDownLatch finish) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(SolveGate.CORES);
        ExecutorService pool = Executors.newFixedThreadPool(SolveGate.CORES);
        for (int k = 0; k < SolveGate.CORES; k++) {
            pool.submit(() -> SolveGate.run(() -> {
                started.countDown();
                try {
                    finish.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            }));
        }
        assertTrue(started.await(5, TimeUnit.SECONDS), "every core taken");
        return pool;
    }

    @Test
    void when_every_core_is_busy_a_request_is_told_so_and_later_served() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = occupyEveryCore(finish);
        try {
            assertEquals(Optional.empty(), SolveGate.run(() -> 1, 100), "busy");
            finish.countDown();
            assertEquals(Optional.of(2), SolveGate.run(() -> 2, 5000), "served once a core is free");
        } finally {
            finish.countDown();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_thread_inside_the_gate_passes_straight_through_when_it_asks_again() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = occupyEveryCore(finish);
        try {
            finish.countDown();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
            // With one core it would wait for itself; nested work runs on the permit already held.
            assertEquals(Optional.of(Optional.of(3)), SolveGate.run(() -> {
                try {
                    return SolveGate.run(() -> 3, 0);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, 5000));
        } finally {
            finish.countDown();
        }
    }

    @Test
    void a_problem_that_fails_validation_waits_its_turn_and_health_never_waits() throws Exception {
        Javalin app = App.create().start(0);
        Http http = new Http(app.port());
        long wait = SolveGate.waitMillis;
        SolveGate.waitMillis = 300;
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = occupyEveryCore(finish);
        try {
            // Read and validated outside the gate, sixty thousand bad values were answered at once,
            // each request taking a core of its own: validation is heavy work like solving.
            HttpResponse<String> bad = http.postJson("/api/solve", "{\"layers\": 5, \"learningRate\": \"x\"}");
            assertEquals(503, bad.statusCode(), bad::body);
            HttpResponse<String> form = http.get("/?problem=" + enc("{\"layers\": 5}"));
            assertEquals(503, form.statusCode(), "the form reads a problem at the gate too");
            assertEquals(200, http.get("/api/health").statusCode(), "health answers however busy the cores are");
            assertEquals(200, http.get("/").statusCode(), "and so does the form with its preset");
            finish.countDown();
            assertEquals(400, http.postJson("/api/solve", "{\"layers\": 5, \"learningRate\": \"x\"}").statusCode());
        } finally {
            SolveGate.waitMillis = wait;
            finish.countDown();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
            app.stop();
        }
    }

    @Test
    void the_api_the_checker_the_pages_the_exports_and_the_worksheet_wait_at_the_same_gate() throws Exception {
        Javalin app = App.create().start(0);
        Http http = new Http(app.port());
        // A problem no other test asks for, so that no page of it is in a cache (a cached page never waits).
        String mazur = Fixtures.mazur("\"note\": \"the gate test\"");
        String problem = enc(mazur);
        Map<String, Callable<HttpResponse<String>>> requests = Map.of(
                "POST /api/solve", () -> http.postJson("/api/solve", mazur),
                "POST /api/check", () -> http.postJson("/api/check",
                        "{\"problem\": " + mazur + ", \"answers\": {\"delta[2][0]\": 0.1385}}"),
                "POST /api/variants", () -> http.postJson("/api/variants", "{\"exercise\": " + mazur
                        + ", \"ask\": [\"W\"], \"salt\": \"gate\", \"students\": [\"s1\"]}"),
                "POST /api/mark", () -> http.postJson("/api/mark", "{\"exercise\": " + mazur
                        + ", \"ask\": [\"W\"], \"salt\": \"gate\", \"submissions\": [{\"student\": \"s1\"}]}"),
                "GET /solve", () -> http.get("/solve?problem=" + problem),
                "GET /solve.tex", () -> http.get("/solve.tex?problem=" + problem),
                "GET /worksheet", () -> http.get("/worksheet?problem=" + problem),
                "POST /worksheet", () -> http.postForm("/worksheet", List.<String[]>of(new String[] {"problem", mazur})));
        long wait = SolveGate.waitMillis;
        SolveGate.waitMillis = 300;
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = occupyEveryCore(finish);
        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        try {
            List<String> names = new ArrayList<>(requests.keySet());
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String name : names) {
                answers.add(clients.submit(requests.get(name)));
            }
            for (int k = 0; k < names.size(); k++) {
                HttpResponse<String> r = answers.get(k).get(30, TimeUnit.SECONDS);
                String name = names.get(k);
                assertEquals(503, r.statusCode(), name + ": " + r.body());
                assertEquals(SolveGate.RETRY_AFTER_SECONDS, r.headers().firstValue("Retry-After").orElse(""), name);
                if (name.contains("/api/")) {
                    assertEquals("(server)", Http.errors(503, r).get(0).get("field").textValue(), name);
                } else if (!name.contains(".tex")) {
                    assertTrue(r.body().contains("The server is busy"), name + ": " + r.body());
                }
            }
            finish.countDown();
            assertEquals(200, http.postJson("/api/solve", Fixtures.MAZUR).statusCode(), "served once the cores are free");
            assertEquals(200, http.get("/worksheet?problem=" + problem).statusCode());
        } finally {
            SolveGate.waitMillis = wait;
            finish.countDown();
            clients.shutdown();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
            app.stop();
        }
    }
}
