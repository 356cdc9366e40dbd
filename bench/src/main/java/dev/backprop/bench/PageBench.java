package dev.backprop.bench;

import dev.backprop.engine.nn.Problem;
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
 * Time per worked page, in the server's process but without HTTP: the traced solve alone, and the traced
 * solve plus rendering of everything the page shows.
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

    private Problem problem;

    /** Builds the problem once. */
    @Setup
    public void setUp() {
        problem = PageCase.named(page);
    }

    /** The traced solve: every step of the first update, then the remaining training. */
    @Benchmark
    public Solution solve() {
        return Solver.solve(problem);
    }

    /** The traced solve and the page's content rendered to a string (the contract's JSON form). */
    @Benchmark
    public String solveAndRenderJson() {
        return JsonPage.render(Solver.solve(problem));
    }
}
