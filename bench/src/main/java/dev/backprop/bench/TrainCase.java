package dev.backprop.bench;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One training workload of the benchmark: a sigmoid network, its samples and a learning rate, trained
 * by per-sample gradient descent on ½-squared error with biases updated.
 *
 * <pre>{@code
 * TrainCase c = TrainCase.named("64-32-10");
 * Trainer t = Trainer.of(c.problem());
 * }</pre>
 *
 * @param name    the name used in the tables and RATIO lines
 * @param network the starting network
 * @param inputs  the samples' inputs
 * @param targets the samples' targets
 * @param alpha   the learning rate
 */
public record TrainCase(String name, Network network, double[][] inputs, double[][] targets, double alpha) {

    /** The names of the three workloads, in table order. */
    public static final List<String> NAMES = List.of("mazur", "xor", "64-32-10");

    /** The widths of the growth series, 4-w-w-4. */
    public static final List<Integer> WIDTHS = List.of(4, 8, 16, 32, 64, 128, 256);

    /** The workload with this name: {@code mazur}, {@code xor}, {@code 64-32-10} or {@code 4-w-w-4} (w in {@link #WIDTHS}). */
    public static TrainCase named(String name) {
        switch (name) {
            case "mazur":
                return mazur();
            case "xor":
                return xor();
            case "64-32-10":
                return wide();
            default:
                for (int w : WIDTHS) {
                    if (name.equals(square(w).name())) {
                        return square(w);
                    }
                }
                throw new IllegalArgumentException("no training case named \"" + name + "\"; known: " + NAMES
                        + " and 4-w-w-4 for w in " + WIDTHS);
        }
    }

    /** A 4-w-w-4 network on 64 random samples (inputs and targets in [0, 1)): one epoch. */
    public static TrainCase square(int width) {
        Random r = new Random(4_000 + width);
        Network net = Network.of(4, List.of(randomLayer(r, 4, width), randomLayer(r, width, width), randomLayer(r, width, 4)));
        double[][] x = new double[64][4];
        double[][] y = new double[64][4];
        for (int s = 0; s < 64; s++) {
            for (int i = 0; i < 4; i++) {
                x[s][i] = r.nextDouble();
                y[s][i] = r.nextDouble();
            }
        }
        return new TrainCase("4-" + width + "-" + width + "-4", net, x, y, 0.1);
    }

    /** Mazur's 2-2-2 network and his one sample: one step. */
    public static TrainCase mazur() {
        Network net = Network.builder().input(2)
                .dense(Activation.SIGMOID, new double[][] {{0.15, 0.20}, {0.25, 0.30}}, 0.35, 0.35)
                .dense(Activation.SIGMOID, new double[][] {{0.40, 0.45}, {0.50, 0.55}}, 0.60, 0.60)
                .build();
        return new TrainCase("mazur", net, new double[][] {{0.05, 0.10}}, new double[][] {{0.01, 0.99}}, 0.5);
    }

    /** XOR on a 2-4-1 network with seeded random weights and biases: one epoch is its 4 samples. */
    public static TrainCase xor() {
        Random r = new Random(17);
        Network net = Network.of(2, List.of(randomLayer(r, 2, 4), randomLayer(r, 4, 1)));
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{0}, {1}, {1}, {0}};
        return new TrainCase("xor", net, x, y, 0.5);
    }

    /** A 64-32-10 network on 256 random samples (inputs in [0, 1), targets in [0, 1)): one epoch. */
    public static TrainCase wide() {
        Random r = new Random(64_32_10);
        Network net = Network.of(64, List.of(randomLayer(r, 64, 32), randomLayer(r, 32, 10)));
        double[][] x = new double[256][64];
        double[][] y = new double[256][10];
        for (int s = 0; s < 256; s++) {
            for (int i = 0; i < 64; i++) {
                x[s][i] = r.nextDouble();
            }
            for (int j = 0; j < 10; j++) {
                y[s][j] = r.nextDouble();
            }
        }
        return new TrainCase("64-32-10", net, x, y, 0.1);
    }

    /** A sigmoid layer with weights and biases drawn uniformly from ±√(6/(in+out)). */
    static Layer randomLayer(Random r, int inputs, int size) {
        double limit = Math.sqrt(6.0 / (inputs + size));
        double[][] w = new double[size][inputs];
        double[] b = new double[size];
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < inputs; i++) {
                w[j][i] = (2 * r.nextDouble() - 1) * limit;
            }
            b[j] = (2 * r.nextDouble() - 1) * limit;
        }
        return new Layer(Activation.SIGMOID, w, b);
    }

    /** The engine's problem for one epoch of this workload (batch size 1, ½-squared error, biases updated). */
    public Problem problem() {
        Problem.Builder b = Problem.builder().network(network).loss(Loss.HALF_SQUARED_ERROR).learningRate(alpha)
                .epochs(1).batchSize(1).updateBiases(true);
        for (int s = 0; s < inputs.length; s++) {
            b.sample(inputs[s], targets[s]);
        }
        return b.build();
    }

    /** The layer sizes, input first. */
    public int[] sizes() {
        int[] n = new int[network.depth()];
        n[0] = network.inputSize();
        for (int l = 1; l < n.length; l++) {
            n[l] = network.size(l);
        }
        return n;
    }

    /** The number of weights and biases. */
    public int parameterCount() {
        return network.parameterCount();
    }

    /** A readable shape, e.g. {@code 2-2-2}. */
    public String shape() {
        List<String> parts = new ArrayList<>();
        for (int n : sizes()) {
            parts.add(Integer.toString(n));
        }
        return String.join("-", parts);
    }
}
