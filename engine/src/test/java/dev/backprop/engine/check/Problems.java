package dev.backprop.engine.check;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import java.util.Random;

/** Problems for the checker's tests: the published examples and random ones. */
final class Problems {
    private Problems() {
    }

    /** Mazur's 2-2-2 sigmoid example; his biases stay fixed. */
    static Problem.Builder mazur() {
        Network net = Network.builder().input(2)
                .dense(Activation.SIGMOID, new double[][] {{0.15, 0.20}, {0.25, 0.30}}, 0.35, 0.35)
                .dense(Activation.SIGMOID, new double[][] {{0.40, 0.45}, {0.50, 0.55}}, 0.60, 0.60)
                .build();
        return Problem.builder().network(net).loss(Loss.HALF_SQUARED_ERROR).learningRate(0.5)
                .sample(new double[] {0.05, 0.10}, new double[] {0.01, 0.99}).updateBiases(false);
    }

    /** The seed document's example: one output, the forward values stated. */
    static Problem.Builder seed() {
        Network net = Network.builder().input(2)
                .dense(Activation.SIGMOID, new double[][] {{0.15, 0.20}, {0.25, 0.30}}, 0.35, 0.35)
                .dense(Activation.SIGMOID, new double[][] {{0.40, 0.45}}, 0.60)
                .build();
        return Problem.builder().network(net).learningRate(0.5)
                .sample(new double[] {0.05, 0.10}, new double[] {0.75})
                .given("a[1][0]", 0.59).given("a[1][1]", 0.60).given("a[2][0]", 0.70);
    }

    /**
     * A random problem the checker has not seen: square hidden and output layers of {@code width}
     * neurons (so swapped indices exist), weights and inputs of a few digits, as an exercise prints them.
     */
    static Problem.Builder random(long seed, int width, Activation hidden, Activation output, Loss loss) {
        Random rnd = new Random(seed);
        Network.Builder b = Network.builder().input(width);
        for (Activation act : new Activation[] {hidden, output}) {
            double[][] w = new double[width][width];
            double[] bias = new double[width];
            for (int j = 0; j < width; j++) {
                for (int i = 0; i < width; i++) {
                    w[j][i] = digits(rnd, -0.9, 0.9);
                }
                bias[j] = digits(rnd, -0.5, 0.5);
            }
            b.dense(act, w, bias);
        }
        double[] x = new double[width];
        double[] y = new double[width];
        for (int i = 0; i < width; i++) {
            x[i] = digits(rnd, -1, 1);
        }
        for (int j = 0; j < width; j++) {
            y[j] = loss == Loss.CROSS_ENTROPY ? (j == 0 ? 1 : 0) : digits(rnd, 0.05, 0.95);
        }
        return Problem.builder().network(b.build()).loss(loss).learningRate(digits(rnd, 0.1, 0.9))
                .sample(x, y);
    }

    /** Adds samples to a problem for a batch: inputs and targets of a few digits. */
    static Problem.Builder withSamples(Problem.Builder p, long seed, int width, int count) {
        Random rnd = new Random(seed * 31 + 7);
        for (int s = 0; s < count; s++) {
            double[] x = new double[width];
            double[] y = new double[width];
            for (int i = 0; i < width; i++) {
                x[i] = digits(rnd, -1, 1);
                y[i] = digits(rnd, 0.05, 0.95);
            }
            p.sample(x, y);
        }
        return p;
    }

    private static double digits(Random rnd, double lo, double hi) {
        double v = lo + (hi - lo) * rnd.nextDouble();
        double r = Math.round(v * 100) / 100.0;
        return r == 0 ? 0.01 : r;
    }

    /** The same problem with a rounding rule. */
    static Problem rounded(Problem.Builder b, Rounding rule) {
        return b.rounding(rule).build();
    }
}
