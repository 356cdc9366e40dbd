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
 * The problems whose worked pages are timed: the seed document's example, a 4-8-8-4 network, and the
 * growing networks of the page-growth table.
 *
 * <pre>{@code
 * Problem p = PageCase.named("4-8-8-4");
 * }</pre>
 */
public final class PageCase {
    /** The names of the timed pages, in table order. */
    public static final List<String> NAMES = List.of("seed", "4-8-8-4");

    private PageCase() {
    }

    /** The page problem with this name: {@code seed} or {@code 4-8-8-4}. */
    public static Problem named(String name) {
        switch (name) {
            case "seed":
                return seed();
            case "4-8-8-4":
                return layered(4, 8, 8, 4);
            default:
                throw new IllegalArgumentException("no page named \"" + name + "\"; known: " + NAMES);
        }
    }

    /**
     * The seed's worked example (engine/src/test/resources/reference/seed-example.json): Mazur's 2-2-1 weights,
     * α = 0.5, input (0.05, 0.10), target 0.75, with a[1][0] = 0.59, a[1][1] = 0.60, a[2][0] = 0.70 given.
     */
    public static Problem seed() {
        Network net = Network.builder().input(2)
                .dense(Activation.SIGMOID, new double[][] {{0.15, 0.20}, {0.25, 0.30}}, 0.35, 0.35)
                .dense(Activation.SIGMOID, new double[][] {{0.40, 0.45}}, 0.60)
                .build();
        return Problem.builder().network(net).loss(Loss.HALF_SQUARED_ERROR).learningRate(0.5)
                .sample(new double[] {0.05, 0.10}, new double[] {0.75})
                .given("a[1][0]", 0.59).given("a[1][1]", 0.60).given("a[2][0]", 0.70)
                .build();
    }

    /** A sigmoid network of the given layer sizes (seeded weights and biases), one sample, one epoch, α = 0.5. */
    public static Problem layered(int... sizes) {
        Random r = new Random(4884);
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            layers.add(TrainCase.randomLayer(r, sizes[l - 1], sizes[l]));
        }
        double[] x = new double[sizes[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        double[] y = new double[sizes[sizes.length - 1]];
        for (int j = 0; j < y.length; j++) {
            y[j] = r.nextDouble();
        }
        return Problem.builder().network(Network.of(sizes[0], layers)).loss(Loss.HALF_SQUARED_ERROR)
                .learningRate(0.5).sample(x, y).build();
    }
}
