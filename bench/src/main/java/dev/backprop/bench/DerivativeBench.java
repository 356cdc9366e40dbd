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
 * What the precise activation derivative costs the fast path: a layer of 32 neurons' a = f(z) and
 * f′, as the fast path takes them ({@link Activation#apply(double[], double[], double[], int)}: f′(z)
 * to full relative precision), against a = f(z) with f′ written in a (a(1 − a), 1 − a²), the forms
 * used before. z is spread over ±4, both signs.
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

    /** σ and σ′(z) with one exponential (the fast path's forward pass). */
    @Benchmark
    public double[] sigmoidPrecise() {
        Activation.SIGMOID.apply(z, a, d, N);
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
        Activation.TANH.apply(z, a, d, N);
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
