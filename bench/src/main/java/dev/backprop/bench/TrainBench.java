package dev.backprop.bench;

import dev.backprop.engine.nn.Network;
import dev.backprop.engine.train.Trainer;
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
 * Training throughput, side by side: one epoch of per-sample gradient descent (sigmoid, ½-squared error,
 * double precision) on the engine's fast path, the hand-written loop and Encog. Every operation first puts
 * the starting weights back, so each one does the same arithmetic.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar TrainBench
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrainBench {
    /** The workload: {@code mazur} (2-2-2, one step), {@code xor} (2-4-1, 4 samples), {@code 64-32-10} (256 samples). */
    @Param({"mazur", "xor", "64-32-10"})
    public String net;

    private Network start;
    private Trainer trainer;
    private HandLoop hand;
    private EncogSgd encog;
    private double[][] inputs;
    private double[][] targets;

    /** Builds the three implementations and refuses to time them unless they agree after one epoch. */
    @Setup
    public void setUp() {
        TrainCase c = TrainCase.named(net);
        Agreement.of(c).requireAgreement();
        start = c.network();
        inputs = c.inputs();
        targets = c.targets();
        trainer = Trainer.of(c.problem());
        hand = new HandLoop(c.network(), c.alpha());
        encog = new EncogSgd(c.network(), inputs, targets, c.alpha());
    }

    /** The engine's fast path: {@code Trainer.load} (no allocation) and one epoch. */
    @Benchmark
    public void engine() {
        trainer.load(start);
        trainer.epoch();
    }

    /** The hand-written loop: reset and one epoch. */
    @Benchmark
    public void hand() {
        hand.reset();
        hand.epoch(inputs, targets);
    }

    /** Encog 3.4 Backpropagation, batch size 1: reset and one iteration. */
    @Benchmark
    public void encog() {
        encog.reset();
        encog.epoch();
    }
}
