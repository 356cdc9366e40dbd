package dev.backprop.bench;

import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time per worked page in the server's process, without HTTP: the traced solve alone, the traced solve
 * with the whole page rendered to HTML (what {@code GET /solve?problem=…} does), and the traced solve
 * written as the {@code POST /api/solve} JSON.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar PageBench
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PageBench {
    /** The page: {@code seed} (the seed's example) or {@code 4-8-8-4}. */
    @Param({"seed", "4-8-8-4"})
    public String page;

    private PageCase pageCase;

    /** Builds the problem once. */
    @Setup
    public void setUp() {
        pageCase = PageCase.named(page);
    }

    /** The traced solve: every step of the first update, then the remaining training. */
    @Benchmark
    public Solution solve() {
        return Solver.solve(pageCase.problem());
    }

    /** The worked page: traced solve, derivations and HTML, as the web app renders it. */
    @Benchmark
    public String solveAndRenderPage() {
        return pageCase.render();
    }

    /** The traced solve written as the API's JSON answer. */
    @Benchmark
    public String solveAndJson() {
        return pageCase.solveJson();
    }
}
