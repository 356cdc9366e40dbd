package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final String WRK = """
            Running 5s test @ http://127.0.0.1:18431/api/health
              1 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.20ms  300.00us   9.00ms   90.00%%
                Req/Sec    %s     1.00k   15.00k    70.00%%
              Latency Distribution
                 50%%    1.10ms
                 75%%    1.30ms
                 90%%    1.60ms
                 99%%    2.50ms
              60000 requests in 5.00s, 9.00MB read
            %sRequests/sec:  %s
            Transfer/sec:      1.80MB
            """;

    // JMH's JSON for one benchmark: two forks of iterations whose median is the given score and whose mean is far off.
    private static String bench(String name, String param, double median) {
        return "{\"benchmark\": \"dev.backprop.bench." + name + "\", \"params\": {\"x\": \"" + param
                + "\"}, \"primaryMetric\": {\"score\": " + (median * 10) + ", \"scoreError\": 1.0, \"rawData\": [["
                + median / 100 + ", " + median + "], [" + median + ", " + median * 100 + ", " + median * 2 + "]]}}";
    }

    private static List<String> ratios(Path dir) throws Exception {
        return ratiosAndTargets(dir).stream().filter(l -> l.startsWith("RATIO ")).collect(Collectors.toList());
    }

    private static List<String> ratiosAndTargets(Path dir) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Report.main(new String[] {dir.toString()});
        } finally {
            System.setOut(out);
        }
        return buf.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    }

    private static List<String> lines(Path dir, String prefix) throws Exception {
        return ratiosAndTargets(dir).stream().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    @Test
    void every_comparison_gets_a_ratio_line_from_the_median_iterations(@TempDir Path dir) throws Exception {
        // Mazur's engine figures come in two files (two rounds): their iterations are pooled, median 12.
        Files.writeString(dir.resolve("jmh-train-mazur-engine-2.json"), "[" + bench("TrainBench.engine", "mazur", 12.0) + "]");
        Files.writeString(dir.resolve("jmh-train.json"), "[" + String.join(",",
                bench("TrainBench.engine", "mazur", 12.0), bench("TrainBench.best", "mazur", 10.0),
                bench("TrainBench.hand", "mazur", 8.0),
                bench("TrainBench.engineReset", "mazur", 9.0), bench("TrainBench.bestReset", "mazur", 10.0),
                bench("TrainBench.handReset", "mazur", 6.0),
                bench("TrainBench.engine", "xor", 9.0), bench("TrainBench.best", "xor", 10.0),
                bench("TrainBench.engine", "64-32-10", 30.0), bench("TrainBench.best", "64-32-10", 10.0),
                bench("TrainBench.hand", "64-32-10", 20.0), bench("TrainBench.encog", "64-32-10", 12.0),
                bench("TrainBench.engineReset", "64-32-10", 28.0), bench("TrainBench.bestReset", "64-32-10", 10.0)) + "]");
        Files.writeString(dir.resolve("wrk-health.txt"), String.format(WRK, "12.00k", "", "12000.00"));
        Files.writeString(dir.resolve("wrk-seed.txt"), String.format(WRK, "3.00k", "", "3000.00"));
        List<String> ratios = lines(dir, "RATIO ");
        assertEquals(15, ratios.size(), ratios.toString());
        assertEquals(List.of(
                "RATIO train-mazur/best 1.200",
                "RATIO train-mazur/hand 1.500",
                "RATIO train-mazur/best-reset 0.900",
                "RATIO train-mazur/hand-reset 1.500",
                "RATIO train-xor/best 0.900",
                "RATIO train-xor/hand n/a (no JMH result)"), ratios.subList(0, 6));
        assertEquals("RATIO train-64-32-10/best 3.000", ratios.get(8));
        assertEquals("RATIO train-64-32-10/hand 1.500", ratios.get(9));
        assertEquals("RATIO train-64-32-10/encog 2.500", ratios.get(12));
        assertEquals("RATIO solve-page-seed/health 0.250", ratios.get(14));
        assertEquals(List.of(
                "TARGET train-mazur engine/best >= 1.0: met (continued 1.200, reset 0.900)",
                "TARGET train-xor engine/best >= 1.0: NOT met (continued 0.900, reset NaN)",
                "TARGET train-64-32-10 engine/best >= 3.0: met (continued 3.000, reset 2.800)"), lines(dir, "TARGET "));
    }

    @Test
    void failed_requests_or_missing_runs_give_no_page_ratio(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("wrk-health.txt"), String.format(WRK, "12.00k", "", "12000.00"));
        Files.writeString(dir.resolve("wrk-seed.txt"), String.format(WRK, "3.00k",
                "  Non-2xx or 3xx responses: 7\n", "3000.00"));
        List<String> lines = ratios(dir);
        assertEquals(15, lines.size());
        assertEquals("RATIO train-mazur/best n/a (no JMH result)", lines.get(0));
        assertEquals("RATIO solve-page-seed/health n/a (7 failed requests)", lines.get(14));
        Files.delete(dir.resolve("wrk-seed.txt"));
        assertTrue(ratios(dir).get(14).endsWith("n/a (no HTTP run)"));
    }
}
