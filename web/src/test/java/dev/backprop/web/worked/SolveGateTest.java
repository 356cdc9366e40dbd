package dev.backprop.web.worked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SolveGateTest {
    @Test
    void when_every_core_is_busy_a_request_is_told_so_and_later_served() throws Exception {
        CountDownLatch started = new CountDownLatch(SolveGate.CORES);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(SolveGate.CORES);
        try {
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
            assertEquals(Optional.empty(), SolveGate.run(() -> 1, 100), "busy");
            finish.countDown();
            assertEquals(Optional.of(2), SolveGate.run(() -> 2, 5000), "served once a core is free");
        } finally {
            finish.countDown();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
