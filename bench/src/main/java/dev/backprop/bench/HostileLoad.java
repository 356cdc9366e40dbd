package dev.backprop.bench;

import dev.backprop.web.view.Links;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A short hostile-load run against a started server: 32 clients send, over and over, what broke it
 * before — 949 KB bodies of 56,000 out-of-range given values, 10,000 bad samples, broken JSON, check
 * requests with 2,000 answers, training at the work limit, forms of 9,000 samples, their 100 KB
 * packed links, bodies over the limit and headers trickled a byte a second — while one more client
 * asks {@code /api/health} every 10 ms. Prints the answers by kind and status and the health
 * latencies, then {@code HOSTILE} lines; exits 1 when a target is missed (any 5xx, any request
 * without an answer in 60 s, health p99 at or over 50 ms).
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.backprop.bench.HostileLoad http://127.0.0.1:18431 30
 * }</pre>
 */
public final class HostileLoad {
    /** The hostile clients, as in the load run. */
    public static final int CLIENTS = 32;
    /** The health p99 to stay under, in milliseconds. */
    public static final double HEALTH_P99_TARGET_MS = 50;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The seconds /api/health is probed alone before the hostile clients start. */
    private static final int QUIET_SECONDS = 5;

    /** What a hostile client sends, and how many of the 32 send it in the mixed run. */
    enum Kind {
        GIVEN_FLOOD(8), BAD_SAMPLES(4), BROKEN_JSON(3), CHECK_FLOOD(3), HEAVY_TRAINING(3), BIG_FORM(3), PACKED_LINK(3), OVERSIZE(2),
        TRICKLE(3);

        final int clients;

        Kind(int clients) {
            this.clients = clients;
        }
    }

    /** The clients of each kind: the mix above, or (the run) all 32 sending the given-value flood. */
    private static Map<Kind, Integer> mix(String name) {
        Map<Kind, Integer> m = new java.util.EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            if (name.equals("mixed")) {
                m.put(k, k.clients);
            }
        }
        if (name.equals("given")) {
            m.put(Kind.GIVEN_FLOOD, CLIENTS);
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException("the mix is \"mixed\" or \"given\", was \"" + name + "\"");
        }
        return m;
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder busy = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final List<Double> trickleCutSeconds = new ArrayList<>();
    private final Payloads payloads = new Payloads();

    private HostileLoad(String base) {
        this.base = base;
    }

    /** Runs the load: the server's base URL, the seconds to run (default 30) and the mix ({@code mixed}, the default, or {@code given}). */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: HostileLoad <base URL> [seconds] [mixed|given]");
            System.exit(2);
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Map<Kind, Integer> mix = mix(args.length > 2 ? args[2] : "mixed");
        boolean met = new HostileLoad(args[0].replaceAll("/$", "")).run(seconds, mix);
        System.exit(met ? 0 : 1);
    }

    private boolean run(int seconds, Map<Kind, Integer> mix) throws Exception {
        // The same probe first on its own: what the machine gives /api/health without any hostile client.
        List<Double> quiet = new ArrayList<>();
        probeHealth(System.nanoTime() + TimeUnit.SECONDS.toNanos(QUIET_SECONDS + 2), quiet);
        double[] q = sorted(quiet);
        System.out.printf(Locale.ROOT, "/api/health alone for %d s: %d answers, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                QUIET_SECONDS, q.length, percentile(q, 0.50), percentile(q, 0.99), q.length == 0 ? Double.NaN : q[q.length - 1]);
        unanswered.reset();
        answers.clear();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int total = mix.values().stream().mapToInt(Integer::intValue).sum();
        ExecutorService pool = Executors.newFixedThreadPool(total + 1);
        List<Double> health = new ArrayList<>();
        pool.submit(() -> probeHealth(end, health));
        for (Kind kind : mix.keySet()) {
            for (int c = 0; c < mix.get(kind); c++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        send(kind);
                    }
                    return null;
                });
            }
        }
        pool.shutdown();
        if (!pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS)) {
            System.out.println("clients still running 2 minutes after the end: the server hangs");
            pool.shutdownNow();
            return false;
        }
        return report(seconds, total, health);
    }

    /** One request of the kind, its answer counted. */
    private void send(Kind kind) {
        if (kind == Kind.TRICKLE) {
            trickle();
            return;
        }
        HttpRequest request = switch (kind) {
            case GIVEN_FLOOD -> json("/api/solve", payloads.givenFlood);
            case BAD_SAMPLES -> json("/api/solve", payloads.badSamples);
            case BROKEN_JSON -> json("/api/solve", payloads.brokenJson);
            case CHECK_FLOOD -> json("/api/check", payloads.checkFlood);
            case HEAVY_TRAINING -> json("/api/solve", payloads.heavyTraining);
            case BIG_FORM -> HttpRequest.newBuilder(URI.create(base + "/")).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payloads.bigForm)).build();
            case PACKED_LINK -> HttpRequest.newBuilder(URI.create(base + payloads.packedLink)).timeout(TIMEOUT).GET().build();
            case OVERSIZE -> json("/api/solve", payloads.oversize);
            case TRICKLE -> throw new IllegalStateException("sent on its own socket");
        };
        long start = System.nanoTime();
        try {
            HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
            count(kind, r.statusCode());
        } catch (HttpTimeoutException e) {
            unanswered.increment();
            count(kind, -1);
        } catch (IOException e) {
            // The server may close a connection it refused early (a body over the limit).
            count(kind, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        slowestMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
    }

    private HttpRequest json(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private void count(Kind kind, int status) {
        answers.computeIfAbsent(kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + status, k -> new LongAdder())
                .increment();
        if (status == 503) {
            busy.increment();
        }
        if (status >= 500) {
            serverErrors.increment();
        }
    }

    /** Headers a byte a second on a socket of its own, until the server closes it; how long that took. */
    private void trickle() {
        URI uri = URI.create(base);
        long start = System.nanoTime();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            for (int k = 0; k < 120; k++) {
                out.write('a');
                out.flush();
                try {
                    if (in.read() < 0) {
                        break;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // not cut off yet
                }
            }
        } catch (IOException closed) {
            // cut off by the server
        }
        double cut = (System.nanoTime() - start) / 1e9;
        synchronized (trickleCutSeconds) {
            trickleCutSeconds.add(cut);
        }
        answers.computeIfAbsent("trickle closed", k -> new LongAdder()).increment();
    }

    /** /api/health every 10 ms on one connection; latencies after the first two seconds, in milliseconds. */
    private Void probeHealth(long end, List<Double> latencies) throws InterruptedException {
        HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/health")).timeout(TIMEOUT).GET().build();
        long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            int status;
            try {
                status = probe.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            }
            double millis = (System.nanoTime() - start) / 1e6;
            if (status != 200) {
                unanswered.increment();
                answers.computeIfAbsent("health " + status, k -> new LongAdder()).increment();
            } else if (start > warm) {
                latencies.add(millis);
            }
            Thread.sleep(10);
        }
        return null;
    }

    private boolean report(int seconds, int clients, List<Double> health) {
        System.out.printf(Locale.ROOT, "%d hostile clients for %d s against %s, /api/health every 10 ms%n", clients, seconds, base);
        System.out.println("answers by kind and status (0: connection closed by the server, -1: no answer in 60 s):");
        new TreeMap<>(answers).forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-22s %6d%n", k, v.sum()));
        double[] h = sorted(health);
        double p50 = percentile(h, 0.50);
        double p99 = percentile(h, 0.99);
        System.out.printf(Locale.ROOT, "/api/health under the load: %d answers, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                h.length, p50, percentile(h, 0.90), p99, h.length == 0 ? Double.NaN : h[h.length - 1]);
        synchronized (trickleCutSeconds) {
            if (!trickleCutSeconds.isEmpty()) {
                System.out.printf(Locale.ROOT, "trickled headers cut off after %.1f–%.1f s%n",
                        trickleCutSeconds.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                        trickleCutSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            }
        }
        System.out.printf(Locale.ROOT, "slowest hostile answer: %.1f s%n", slowestMillis.get() / 1000.0);
        System.out.println("HOSTILE 5xx " + serverErrors.sum() + " (of which 503 busy: " + busy.sum() + ")");
        System.out.println("HOSTILE unanswered " + unanswered.sum());
        System.out.printf(Locale.ROOT, "HOSTILE health-p99-ms %.1f%n", p99);
        boolean met = serverErrors.sum() == 0 && unanswered.sum() == 0 && h.length > 0 && p99 < HEALTH_P99_TARGET_MS;
        System.out.println("HOSTILE targets (no 5xx, every request answered, health p99 < " + (int) HEALTH_P99_TARGET_MS
                + " ms): " + (met ? "met" : "NOT met"));
        return met;
    }

    private static double[] sorted(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** The hostile bodies and links, made once. */
    static final class Payloads {
        private static final String MAZUR = "{\"layers\": [{\"size\": 2},"
                + " {\"size\": 2, \"activation\": \"sigmoid\", \"weights\": [[0.15, 0.20], [0.25, 0.30]], \"biases\": [0.35, 0.35]},"
                + " {\"size\": 2, \"activation\": \"sigmoid\", \"weights\": [[0.40, 0.45], [0.50, 0.55]], \"biases\": [0.60, 0.60]}],"
                + " \"learningRate\": 0.5, \"samples\": [{\"input\": [0.05, 0.10], \"target\": [0.01, 0.99]}]";

        // Bytes made once, so that the clients spend their time sending, not encoding.
        final byte[] givenFlood;
        final byte[] badSamples;
        final byte[] brokenJson;
        final byte[] checkFlood;
        final byte[] heavyTraining;
        final byte[] bigForm;
        final String packedLink;
        final byte[] oversize;

        Payloads() {
            // 56,000 given values of neurons layer 1 does not have: just under the 1 MB limit, every one an error.
            StringBuilder g = new StringBuilder(MAZUR).append(", \"given\": {");
            for (int k = 0; k < 56_000; k++) {
                g.append(k == 0 ? "" : ",").append("\"a[1][").append(k + 2).append("]\":0.5");
            }
            givenFlood = bytes(g.append("}}"));
            // 10,000 samples with one input of two: as many mistakes, a hundred of them listed.
            StringBuilder bad = new StringBuilder("{\"layers\": [{\"size\": 2}, {\"size\": 2, \"activation\": \"sigmoid\"}],"
                    + " \"learningRate\": 0.5, \"samples\": [");
            for (int k = 0; k < 10_000; k++) {
                bad.append(k == 0 ? "" : ",").append("{\"input\": [0.").append(k).append("], \"target\": [0.01, 0.99]}");
            }
            badSamples = bytes(bad.append("]}"));
            // A list of 190,000 numbers that is never closed: read to its end, then refused.
            brokenJson = bytes("{\"layers\": [" + "1.5, ".repeat(190_000));
            StringBuilder c = new StringBuilder("{\"problem\": ").append(MAZUR).append("}, \"answers\": {");
            for (int k = 0; k < 2_000; k++) {
                c.append(k == 0 ? "" : ",").append("\"W[2][").append(k).append("][0]\": 0.").append(k);
            }
            checkFlood = bytes(c.append("}}"));
            // 64-32-10 with drawn weights, 40 samples, 1,000 epochs: 96 million units of work (the limit is 100 million).
            StringBuilder t = new StringBuilder("{\"layers\": [{\"size\": 64}, {\"size\": 32, \"activation\": \"sigmoid\"},"
                    + " {\"size\": 10, \"activation\": \"sigmoid\"}], \"learningRate\": 0.1, \"epochs\": 1000, \"samples\": [");
            Random rnd = new Random(15);
            for (int s = 0; s < 40; s++) {
                t.append(s == 0 ? "" : ",").append("{\"input\": ").append(numbers(rnd, 64)).append(", \"target\": ")
                        .append(numbers(rnd, 10)).append('}');
            }
            heavyTraining = bytes(t.append("]}"));
            // The seed's network with 9,000 samples typed into the form: its page is answered at once.
            StringBuilder f = new StringBuilder("action=solve&layers[0].size=2&layers[1].size=2&layers[1].activation=sigmoid"
                    + "&layers[1].weights[0][0]=0.15&layers[1].weights[0][1]=0.2&layers[1].weights[1][0]=0.25"
                    + "&layers[1].weights[1][1]=0.3&layers[1].biases[0]=0.35&layers[1].biases[1]=0.35"
                    + "&layers[2].size=1&layers[2].activation=sigmoid&layers[2].weights[0][0]=0.4"
                    + "&layers[2].weights[0][1]=0.45&layers[2].biases[0]=0.6&learningRate=0.5&loss=half-squared-error"
                    + "&epochs=1&batchSize=1&updateBiases=true&hiddenDeltaWeights=original&samples=");
            StringBuilder lines = new StringBuilder();
            StringBuilder samples = new StringBuilder();
            for (int s = 0; s < 9_000; s++) {
                double a = rnd.nextInt(10_000) / 1e4;
                double b = rnd.nextInt(10_000) / 1e4;
                double y = rnd.nextInt(10_000) / 1e4;
                lines.append(a).append(' ').append(b).append(" | ").append(y).append('\n');
                samples.append(s == 0 ? "" : ",").append("{\"input\":[").append(a).append(',').append(b)
                        .append("],\"target\":[").append(y).append("]}");
            }
            bigForm = bytes(f.append(URLEncoder.encode(lines.toString(), StandardCharsets.UTF_8)));
            packedLink = Links.solve("{\"layers\":[{\"size\":2},{\"size\":2,\"activation\":\"sigmoid\"},"
                    + "{\"size\":1,\"activation\":\"sigmoid\"}],\"learningRate\":0.5,\"samples\":[" + samples + "]}");
            oversize = bytes(MAZUR + ", \"note\": \"" + "x".repeat(2_000_000) + "\"}");
        }

        private static byte[] bytes(CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static String numbers(Random rnd, int n) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ",").append(rnd.nextInt(1000) / 1000.0);
            }
            return sb.append(']').toString();
        }
    }
}
