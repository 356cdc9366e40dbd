package dev.backprop.bench;

import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.json.Limits;
import dev.backprop.engine.train.Solver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a worked page's cost grows with the network: for networks from the seed's 2-2-1 up to the largest
 * the server accepts ({@link Limits#MAX_PARAMETERS}), the time of the traced solve, of the whole page,
 * and the sizes of the HTML page and of the API's JSON answer. Each time is the median of several runs
 * after a warm-up.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.backprop.bench.PageGrowth [--quick]
 * }</pre>
 */
public final class PageGrowth {
    /** The hidden widths of the 4-w-w-4 networks measured; 64 gives 4,740 parameters, under the limit of 5,000. */
    static final int[] WIDTHS = {2, 4, 8, 16, 32, 48, 64};

    private PageGrowth() {
    }

    /** One row of the table. */
    record Row(String name, int parameters, int steps, double solveMs, double pageMs, double bestPageMs, int htmlBytes,
               int jsonBytes) {
    }

    /** Prints the table; {@code --quick} takes fewer runs per network. */
    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        List<PageCase> cases = new ArrayList<>();
        cases.add(PageCase.seed());
        for (int width : WIDTHS) {
            cases.add(PageCase.layered(4, width, width, 4));
        }
        System.out.println("Page growth (4-w-w-4 sigmoid networks, one sample; median and best of " + (quick ? 5 : 25)
                + " runs after warm-up; the server accepts up to " + Limits.MAX_PARAMETERS + " parameters):");
        System.out.printf("  %-10s %7s %7s %10s %10s %10s %11s %11s %12s%n", "network", "params", "steps", "solve ms",
                "page ms", "best ms", "HTML bytes", "JSON bytes", "JSON B/param");
        // The page code is large; under load the JIT takes seconds to compile it, so warm it up on a mix first.
        long warmUntil = System.nanoTime() + (quick ? 3 : 15) * 1_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            for (PageCase c : cases.subList(0, 4)) {
                c.render();
            }
        }
        for (PageCase c : cases) {
            List<FieldError> tooBig = Limits.SERVER.check(c.problem());
            if (!tooBig.isEmpty()) {
                throw new IllegalStateException(c.name() + " is beyond the server's limits: " + tooBig);
            }
            Row r = measure(c, quick);
            System.out.printf("  %-10s %7d %7d %10.3f %10.3f %10.3f %11d %11d %12.0f%n", r.name(), r.parameters(), r.steps(),
                    r.solveMs(), r.pageMs(), r.bestPageMs(), r.htmlBytes(), r.jsonBytes(),
                    (double) r.jsonBytes() / r.parameters());
        }
    }

    /** Times one network's traced solve and page, and measures the page and the JSON. */
    static Row measure(PageCase c, boolean quick) {
        int runs = quick ? 5 : 25;
        String html = c.render();
        String json = c.solveJson();
        int steps = Solver.solve(c.problem()).firstUpdate().steps().size();
        // Then about 1 s (quick: 0.2 s), or at least 20 pages, of this network.
        long warmNanos = (quick ? 200 : 1000) * 1_000_000L;
        long start = System.nanoTime();
        for (int k = 0; k < 20 || System.nanoTime() - start < warmNanos; k++) {
            c.render();
        }
        double[] solve = new double[runs];
        double[] page = new double[runs];
        for (int k = 0; k < runs; k++) {
            long t0 = System.nanoTime();
            Solver.solve(c.problem());
            long t1 = System.nanoTime();
            c.render();
            long t2 = System.nanoTime();
            solve[k] = (t1 - t0) / 1e6;
            page[k] = (t2 - t1) / 1e6;
        }
        return new Row(c.name(), c.parameterCount(), steps, median(solve), median(page), Arrays.stream(page).min().orElseThrow(),
                html.getBytes(StandardCharsets.UTF_8).length, json.getBytes(StandardCharsets.UTF_8).length);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
