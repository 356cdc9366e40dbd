package dev.backprop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end of {@code bench/run}: reads JMH's JSON results and wrk's output from a directory, prints the
 * tables side by side and one {@code RATIO <name> <value>} line per comparison.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.backprop.bench.Report bench/target/results
 * }</pre>
 *
 * <p>JMH figures are the median of the measured iterations over all forks: on a machine shared with
 * other work a burst of load spoils a few iterations, which moves the mean far more than the median.
 *
 * <p>Files read: every {@code jmh-*.json} (JMH's results); {@code wrk-health.txt} and {@code wrk-seed.txt} (wrk with
 * {@code --latency}), if present. A comparison that could not be measured prints {@code n/a} with the reason.
 */
public final class Report {
    private final Map<String, List<Double>> iterations = new HashMap<>();
    private final Map<String, double[]> scores = new HashMap<>();

    private Report() {
    }

    /** Prints the tables and RATIO lines for the results in the directory given as the first argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/results");
        Report r = new Report();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith("jmh-") && name.endsWith(".json")) {
                    r.readJmh(f);
                }
            }
        }
        r.summarise();
        r.print(dir);
    }

    private void readJmh(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        for (JsonNode b : root) {
            String name = b.get("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            JsonNode params = b.get("params");
            String param = params == null ? "" : params.elements().next().asText();
            JsonNode m = b.get("primaryMetric");
            List<Double> raw = new ArrayList<>();
            JsonNode forks = m.get("rawData");
            if (forks != null) {
                for (JsonNode fork : forks) {
                    for (JsonNode it : fork) {
                        raw.add(it.asDouble());
                    }
                }
            }
            if (raw.isEmpty()) {
                raw.add(m.get("score").asDouble());
            }
            iterations.computeIfAbsent(name + "/" + param, k -> new ArrayList<>()).addAll(raw);
        }
    }

    // The median and range of each benchmark's iterations, pooled over every file (fork, round) that has it.
    private void summarise() {
        for (Map.Entry<String, List<Double>> e : iterations.entrySet()) {
            List<Double> raw = new ArrayList<>(e.getValue());
            Collections.sort(raw);
            int n = raw.size();
            double median = n % 2 == 1 ? raw.get(n / 2) : (raw.get(n / 2 - 1) + raw.get(n / 2)) / 2;
            scores.put(e.getKey(), new double[] {median, raw.get(0), raw.get(n - 1)});
        }
    }

    private double score(String key) {
        double[] s = scores.get(key);
        return s == null ? Double.NaN : s[0];
    }

    // The median of the measured iterations, with their range: [fewest–most].
    private String withRange(String key, String format) {
        double[] s = scores.get(key);
        if (s == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, format + " [" + format + "–" + format + "]", s[0], s[1], s[2]);
    }

    private void print(Path dir) throws IOException {
        System.out.println();
        System.out.println("Every figure from JMH is the median of its measured iterations (all forks and rounds), with their range in brackets.");
        System.out.println();
        trainingTable("continued training, the headline: each operation trains on", "");
        trainingTable("from the start: each operation first puts the starting weights back", "Reset");
        growthTable();
        System.out.println();
        System.out.println("Worked pages in process, no HTTP: microseconds per page (lower is better)");
        System.out.printf(Locale.ROOT, "  %-9s %6s %-22s %-26s %-24s%n", "page", "params", "traced solve",
                "solve + HTML page", "solve + API JSON");
        for (String name : PageCase.NAMES) {
            System.out.printf(Locale.ROOT, "  %-9s %6d %-22s %-26s %-24s%n", name, PageCase.named(name).parameterCount(),
                    withRange("PageBench.solve/" + name, "%.1f"), withRange("PageBench.solveAndRenderPage/" + name, "%.1f"),
                    withRange("PageBench.solveAndJson/" + name, "%.1f"));
        }
        Wrk health = Wrk.read(dir.resolve("wrk-health.txt"));
        Wrk seed = Wrk.read(dir.resolve("wrk-seed.txt"));
        String conditions = Files.exists(dir.resolve("wrk-conditions.txt"))
                ? Files.readString(dir.resolve("wrk-conditions.txt"), StandardCharsets.UTF_8).trim() : "";
        System.out.println();
        System.out.println("HTTP on loopback (wrk" + (conditions.isEmpty() ? "" : ", " + conditions) + ")");
        System.out.printf(Locale.ROOT, "  %-36s %12s %10s %10s %10s %8s%n", "request", "requests/s", "mean", "p50", "p99", "errors");
        health.print("GET /api/health");
        seed.print("GET /solve?problem=<seed> (page)");

        System.out.println();
        for (String name : TrainCase.NAMES) {
            for (String variant : List.of("", "Reset")) {
                String suffix = variant.isEmpty() ? "" : "-reset";
                ratio("train-" + name + "/best" + suffix, trainRatio(name, "best", variant), "no JMH result");
                ratio("train-" + name + "/hand" + suffix, trainRatio(name, "hand", variant), "no JMH result");
                ratio("train-" + name + "/best-scalar" + suffix, scalarRatio(name, variant), "no JMH result");
            }
        }
        ratio("train-64-32-10/encog", trainRatio("64-32-10", "encog", ""), "no JMH result");
        ratio("train-64-32-10/encog-reset", trainRatio("64-32-10", "encog", "Reset"), "no JMH result");
        String why = !health.present || !seed.present ? "no HTTP run" : health.errors + seed.errors > 0
                ? (health.errors + seed.errors) + " failed requests" : "";
        ratio("solve-page-seed/health", why.isEmpty() ? seed.requestsPerSecond / health.requestsPerSecond : Double.NaN, why);
        System.out.println();
        target("mazur", 1.0);
        target("xor", 1.0);
        target("64-32-10", 3.0);
    }

    // engine ÷ another implementation on a workload, continued ("") or from the start ("Reset").
    private double trainRatio(String name, String other, String variant) {
        return score("TrainBench.engine" + variant + "/" + name) / score("TrainBench." + other + variant + "/" + name);
    }

    // The engine without the Vector API ÷ the best hand loop.
    private double scalarRatio(String name, String variant) {
        return score("TrainBench.engineScalar" + variant + "/" + name) / score("TrainBench.best" + variant + "/" + name);
    }

    // Issue 15's "done when": the engine at least `least` times the best hand loop, continued training
    // being the headline; the reset variant is shown beside it.
    private void target(String name, double least) {
        double continued = trainRatio(name, "best", "");
        double reset = trainRatio(name, "best", "Reset");
        String verdict = Double.isNaN(continued) ? "not measured" : continued >= least ? "met" : "NOT met";
        System.out.println(String.format(Locale.ROOT,
                "TARGET train-%s engine/best >= %.1f: %s (continued %.3f, reset %.3f; without the Vector API %.3f)",
                name, least, verdict, continued, reset, scalarRatio(name, "")));
    }

    private void trainingTable(String title, String variant) {
        System.out.println("Training, " + title + ": one epoch per operation, operations per second (higher is better)");
        System.out.printf(Locale.ROOT, "  %-9s %-9s %6s %-28s %-28s %-28s %-28s %8s %8s %8s%n", "workload", "shape", "params",
                "engine (Trainer)", "best loop", "old hand loop", "Encog 3.4", "eng/best", "eng/hand", "eng/enc");
        for (String name : TrainCase.NAMES) {
            TrainCase c = TrainCase.named(name);
            System.out.printf(Locale.ROOT, "  %-9s %-9s %6d %-28s %-28s %-28s %-28s %8.2f %8.2f %8.2f%n", name, c.shape(),
                    c.parameterCount(), withRange("TrainBench.engine" + variant + "/" + name, "%.0f"),
                    withRange("TrainBench.best" + variant + "/" + name, "%.0f"),
                    withRange("TrainBench.hand" + variant + "/" + name, "%.0f"),
                    withRange("TrainBench.encog" + variant + "/" + name, "%.0f"),
                    trainRatio(name, "best", variant), trainRatio(name, "hand", variant), trainRatio(name, "encog", variant));
        }
        System.out.println();
    }

    // 4-w-w-4 networks, continued training: where the fast path's vectorised loops take over.
    private void growthTable() {
        System.out.println("Training, 4-w-w-4 on 64 samples, continued: epochs per second, and ns per sample and parameter");
        System.out.printf(Locale.ROOT, "  %-12s %6s %-28s %-28s %-28s %8s %9s %9s %9s%n", "network", "params",
                "engine (Trainer)", "engine, no Vector API", "best loop", "eng/best", "scal/best", "eng ns/p", "best ns/p");
        for (int w : TrainCase.WIDTHS) {
            TrainCase c = TrainCase.square(w);
            String name = c.name();
            double e = score("TrainBench.engine/" + name);
            double b = score("TrainBench.best/" + name);
            double perSampleAndParameter = 1e9 / c.inputs().length / c.parameterCount();
            System.out.printf(Locale.ROOT, "  %-12s %6d %-28s %-28s %-28s %8.2f %9.2f %9.3f %9.3f%n", name,
                    c.parameterCount(), withRange("TrainBench.engine/" + name, "%.0f"),
                    withRange("TrainBench.engineScalar/" + name, "%.0f"), withRange("TrainBench.best/" + name, "%.0f"),
                    e / b, scalarRatio(name, ""), perSampleAndParameter / e, perSampleAndParameter / b);
        }
    }

    private static void ratio(String name, double value, String whyMissing) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            System.out.println("RATIO " + name + " n/a (" + whyMissing + ")");
        } else {
            System.out.println(String.format(Locale.ROOT, "RATIO %s %.3f", name, value));
        }
    }

    /** What wrk printed for one endpoint. */
    static final class Wrk {
        private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
        private static final Pattern MEAN = Pattern.compile("Latency\\s+([0-9.]+\\w+)");
        private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+\\w+)");
        private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+\\w+)");
        private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
        private static final Pattern SOCKET = Pattern.compile(
                "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

        boolean present;
        double requestsPerSecond = Double.NaN;
        String mean = "n/a";
        String p50 = "n/a";
        String p99 = "n/a";
        long errors;

        /** Parses wrk's output; an absent file gives an empty result. */
        static Wrk read(Path file) {
            Wrk w = new Wrk();
            if (!Files.exists(file)) {
                return w;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher m = RPS.matcher(text);
            if (!m.find()) {
                return w;
            }
            w.present = true;
            w.requestsPerSecond = Double.parseDouble(m.group(1));
            w.mean = group(MEAN, text);
            w.p50 = group(P50, text);
            w.p99 = group(P99, text);
            Matcher n = NON2XX.matcher(text);
            if (n.find()) {
                w.errors += Long.parseLong(n.group(1));
            }
            Matcher s = SOCKET.matcher(text);
            if (s.find()) {
                for (int g = 1; g <= 4; g++) {
                    w.errors += Long.parseLong(s.group(g));
                }
            }
            return w;
        }

        private static String group(Pattern p, String text) {
            Matcher m = p.matcher(text);
            return m.find() ? m.group(1) : "n/a";
        }

        void print(String label) {
            if (!present) {
                System.out.printf(Locale.ROOT, "  %-36s %12s%n", label, "n/a");
                return;
            }
            System.out.printf(Locale.ROOT, "  %-36s %12.0f %10s %10s %10s %8d%n", label, requestsPerSecond, mean, p50, p99, errors);
        }
    }
}
