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
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Report.main(new String[] {dir.toString()});
        } finally {
            System.setOut(out);
        }
        return buf.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("RATIO ")).collect(Collectors.toList());
    }

    @Test
    void every_comparison_gets_a_ratio_line_from_the_median_iterations(@TempDir Path dir) throws Exception {
        // Mazur's engine figures come in two files (two rounds): their iterations are pooled, median 12.
        Files.writeString(dir.resolve("jmh-train-mazur-engine-2.json"), "[" + bench("TrainBench.engine", "mazur", 12.0) + "]");
        Files.writeString(dir.resolve("jmh-train.json"), "[" + String.join(",",
                bench("TrainBench.engine", "mazur", 12.0), bench("TrainBench.hand", "mazur", 10.0),
                bench("TrainBench.engine", "xor", 9.0), bench("TrainBench.hand", "xor", 10.0),
                bench("TrainBench.engine", "64-32-10", 30.0), bench("TrainBench.hand", "64-32-10", 20.0),
                bench("TrainBench.encog", "64-32-10", 12.0)) + "]");
        Files.writeString(dir.resolve("wrk-health.txt"), String.format(WRK, "12.00k", "", "12000.00"));
        Files.writeString(dir.resolve("wrk-seed.txt"), String.format(WRK, "3.00k", "", "3000.00"));
        assertEquals(List.of(
                "RATIO train-mazur/hand 1.200",
                "RATIO train-xor/hand 0.900",
                "RATIO train-64-32-10/hand 1.500",
                "RATIO train-64-32-10/encog 2.500",
                "RATIO solve-page-seed/health 0.250"), ratios(dir));
    }

    @Test
    void failed_requests_or_missing_runs_give_no_page_ratio(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("wrk-health.txt"), String.format(WRK, "12.00k", "", "12000.00"));
        Files.writeString(dir.resolve("wrk-seed.txt"), String.format(WRK, "3.00k",
                "  Non-2xx or 3xx responses: 7\n", "3000.00"));
        List<String> lines = ratios(dir);
        assertEquals(5, lines.size());
        assertEquals("RATIO train-mazur/hand n/a (no JMH result)", lines.get(0));
        assertEquals("RATIO solve-page-seed/health n/a (7 failed requests)", lines.get(4));
        Files.delete(dir.resolve("wrk-seed.txt"));
        assertTrue(ratios(dir).get(4).endsWith("n/a (no HTTP run)"));
    }
}
