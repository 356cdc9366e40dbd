package dev.backprop.bench;

import dev.backprop.engine.nn.Activation;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the precise activation derivative costs: a layer of 32 neurons' a = f(z) and f′ to full
 * relative precision ({@link Activation#derivativeAt(double, double)}, the values the fast path
 * takes; its fused kernel is internal to the trainer and timed with it in TrainBench), against
 * a = f(z) with f′ written in a (a(1 − a), 1 − a²), the forms used before. z is spread over ±4,
 * both signs.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar DerivativeBench
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DerivativeBench {
    private static final int N = 32;
    private final double[] z = new double[N];
    private final double[] a = new double[N];
    private final double[] d = new double[N];

    /** z uniform in ±4, seeded. */
    @Setup
    public void setUp() {
        Random r = new Random(32);
        for (int j = 0; j < N; j++) {
            z[j] = 8 * r.nextDouble() - 4;
        }
    }

    /** σ, then σ′(z) = e^(−z)·a² for z ≥ 0, a(1 − a) below. */
    @Benchmark
    public double[] sigmoidPrecise() {
        for (int j = 0; j < N; j++) {
            double aj = Activation.SIGMOID.apply(z[j]);
            a[j] = aj;
            d[j] = Activation.SIGMOID.derivativeAt(z[j], aj);
        }
        return d;
    }

    /** σ, then σ′ = a(1 − a). */
    @Benchmark
    public double[] sigmoidOnPaper() {
        for (int j = 0; j < N; j++) {
            double aj = Activation.SIGMOID.apply(z[j]);
            a[j] = aj;
            d[j] = Activation.SIGMOID.derivative(aj);
        }
        return d;
    }

    /** tanh and sech² z = 4u/(1 + u)², u = e^(−2|z|): a second exponential. */
    @Benchmark
    public double[] tanhPrecise() {
        for (int j = 0; j < N; j++) {
            double aj = Activation.TANH.apply(z[j]);
            a[j] = aj;
            d[j] = Activation.TANH.derivativeAt(z[j], aj);
        }
        return d;
    }

    /** tanh, then 1 − a². */
    @Benchmark
    public double[] tanhOnPaper() {
        for (int j = 0; j < N; j++) {
            double aj = Activation.TANH.apply(z[j]);
            a[j] = aj;
            d[j] = Activation.TANH.derivative(aj);
        }
        return d;
    }
}
