package dev.backprop.engine.support;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;

/**
 * The published worked examples as the Java builder writes them, for every test that starts from
 * one: Mazur's 2-2-2 sigmoid network and the seed document's 2-2-1 example.
 *
 * <pre>{@code
 * Problem p = Published.mazur().hiddenDeltaWeights(HiddenDeltaWeights.UPDATED).build();
 * }</pre>
 */
public final class Published {
    private Published() {
    }

    /** Mazur's network: W1..W4 = 0.15, 0.20, 0.25, 0.30, b1 = 0.35; W5..W8 = 0.40, 0.45, 0.50, 0.55, b2 = 0.60. */
    public static Network mazurNetwork() {
        return Network.builder().input(2)
                .dense(Activation.SIGMOID, new double[][] {{0.15, 0.20}, {0.25, 0.30}}, 0.35, 0.35)
                .dense(Activation.SIGMOID, new double[][] {{0.40, 0.45}, {0.50, 0.55}}, 0.60, 0.60)
                .build();
    }

    /** Mazur's example as published: input (0.05, 0.10), target (0.01, 0.99), half squared error, α = 0.5, biases fixed. */
    public static Problem.Builder mazur() {
        return Problem.builder().network(mazurNetwork()).learningRate(0.5)
                .sample(new double[] {0.05, 0.10}, new double[] {0.01, 0.99}).updateBiases(false);
    }

    /** The seed's network: Mazur's hidden layer, one sigmoid output with W31 = 0.40, W41 = 0.45, B3 = 0.60. */
    public static Network seedNetwork() {
        return Network.builder().input(2)
                .dense(Activation.SIGMOID, new double[][] {{0.15, 0.20}, {0.25, 0.30}}, 0.35, 0.35)
                .dense(Activation.SIGMOID, new double[][] {{0.40, 0.45}}, 0.60)
                .build();
    }

    /** The seed's example: target 0.75, α = 0.5, and the forward values it states (A_h1 = 0.59, A_h2 = 0.60, A_o1 = 0.70). */
    public static Problem.Builder seed() {
        return Problem.builder().network(seedNetwork()).learningRate(0.5)
                .sample(new double[] {0.05, 0.10}, new double[] {0.75})
                .given("a[1][0]", 0.59).given("a[1][1]", 0.60).given("a[2][0]", 0.70);
    }

    /** The seed's network and sample with every value computed (nothing stated): target 0.75, α = 0.5. */
    public static Problem.Builder seedComputed() {
        return Problem.builder().network(seedNetwork()).learningRate(0.5)
                .sample(new double[] {0.05, 0.10}, new double[] {0.75});
    }
}
