package dev.backprop.engine.check;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import java.util.Random;

/** Random problems for the checker's tests (the published examples are in {@code support.Published}). */
final class Problems {
    private Problems() {
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
