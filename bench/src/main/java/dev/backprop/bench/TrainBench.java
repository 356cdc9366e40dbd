package dev.backprop.bench;

import dev.backprop.engine.nn.Network;
import dev.backprop.engine.train.Trainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Training throughput, side by side: one epoch of per-sample gradient descent (sigmoid, ½-squared error,
 * double precision) on the engine's fast path, the best hand-written loop ({@link BestLoop}), the old
 * hand loop ({@link HandLoop}) and Encog. Each comes twice: continued training (the headline: every
 * operation trains on from where the last one stopped, as a user's many epochs do) and with a reset
 * (every operation first puts the starting weights back, so each does the same arithmetic; the engine
 * by {@code Trainer.load}, which copies nothing, the others by array copies).
 *
 * <p>Every fork runs with the same flags, {@code --add-modules jdk.incubator.vector} among them, so
 * the engine uses the Vector API's loops (the loops and Encog are not affected by it); the
 * {@code engineScalar} benchmarks turn them off ({@code -Dbackprop.vector=false}) to show the engine
 * as it runs on a JVM started without the module.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar 'TrainBench.(engine|best)$' -p net=64-32-10
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = TrainBench.VECTOR_API)
public class TrainBench {
    /** The flag every fork gets: the Vector API's module, which the engine uses when it is there. */
    static final String VECTOR_API = "--add-modules=jdk.incubator.vector";

    /** The workload: {@code mazur} (2-2-2, one step), {@code xor} (2-4-1, 4 samples), {@code 64-32-10} (256 samples), or {@code 4-w-w-4}. */
    @Param({"mazur", "xor", "64-32-10"})
    public String net;

    private Network start;
    private Trainer trainer;
    private BestLoop best;
    private HandLoop hand;
    private EncogSgd encog;
    private double[][] inputs;
    private double[][] targets;

    /** Builds the four implementations and refuses to time them unless they agree after one epoch. */
    @Setup
    public void setUp() {
        TrainCase c = TrainCase.named(net);
        Agreement.of(c).requireAgreement();
        start = c.network();
        inputs = c.inputs();
        targets = c.targets();
        trainer = Trainer.of(c.problem());
        best = new BestLoop(c.network(), c.alpha());
        hand = new HandLoop(c.network(), c.alpha());
        encog = new EncogSgd(c.network(), inputs, targets, c.alpha());
    }

    /** The engine's fast path, continued: one more epoch. */
    @Benchmark
    public void engine() {
        trainer.epoch();
    }

    /** The engine's fast path from the start: {@code Trainer.load} (no copying) and one epoch. */
    @Benchmark
    public void engineReset() {
        trainer.load(start);
        trainer.epoch();
    }

    /** The engine without the Vector API's loops (C2's auto-vectorised ones), continued. */
    @Benchmark
    @Fork(jvmArgsAppend = {VECTOR_API, "-Dbackprop.vector=false"})
    public void engineScalar() {
        trainer.epoch();
    }

    /** The engine without the Vector API's loops, from the start. */
    @Benchmark
    @Fork(jvmArgsAppend = {VECTOR_API, "-Dbackprop.vector=false"})
    public void engineScalarReset() {
        trainer.load(start);
        trainer.epoch();
    }

    /** The best hand loop, continued. */
    @Benchmark
    public void best() {
        best.epoch(inputs, targets);
    }

    /** The best hand loop from the start: reset by array copies, one epoch. */
    @Benchmark
    public void bestReset() {
        best.reset();
        best.epoch(inputs, targets);
    }

    /** The old hand loop, continued. */
    @Benchmark
    public void hand() {
        hand.epoch(inputs, targets);
    }

    /** The old hand loop from the start: reset and one epoch. */
    @Benchmark
    public void handReset() {
        hand.reset();
        hand.epoch(inputs, targets);
    }

    /** Encog 3.4 Backpropagation, batch size 1, continued: one iteration. */
    @Benchmark
    public void encog() {
        encog.epoch();
    }

    /** Encog from the start: reset and one iteration. */
    @Benchmark
    public void encogReset() {
        encog.reset();
        encog.epoch();
    }
}
