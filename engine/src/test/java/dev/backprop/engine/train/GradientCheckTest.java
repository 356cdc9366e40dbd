package dev.backprop.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.support.RandomProblems;
import dev.backprop.engine.support.RandomProblems.Pairing;
import dev.backprop.engine.trace.LayerUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's gradients against central finite differences of the batch-mean loss, over random
 * networks for every hidden activation × output activation × loss the contract allows, with one
 * to three hidden layers, several samples and batch sizes. The loss is evaluated by a forward pass
 * written here, not the engine's.
 */
class GradientCheckTest {
    /** Step of the central differences. */
    private static final double H = 1e-6;
    /** Gradient tolerance: relative, and an absolute floor (truncation h² and round-off ε/h are far below). */
    private static final double REL = 1e-6;
    private static final double ABS = 1e-8;
    /** A relu neuron this close to its kink is not differentiated across (z moves by about h). */
    private static final double KINK = 1e-4;
    private static final int DRAWS = 3;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Pairing pairing : RandomProblems.PAIRINGS) {
            for (Activation hidden : RandomProblems.HIDDEN) {
                for (int hiddenLayers = 1; hiddenLayers <= 3; hiddenLayers++) {
                    list.add(Arguments.of(pairing, hidden, hiddenLayers));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}, {2} hidden {1} layer(s)")
    @MethodSource("cases")
    void engine_gradients_match_central_differences_of_the_batch_mean_loss(Pairing pairing, Activation hidden,
                                                                           int hiddenLayers) {
        Random r = new Random(31L * pairing.hashCode() + 7L * hidden.ordinal() + hiddenLayers);
        for (int draw = 0; draw < DRAWS; draw++) {
            check(r, pairing, hidden, hiddenLayers, draw);
        }
    }

    private static void check(Random r, Pairing pairing, Activation hidden, int hiddenLayers, int draw) {
        int depth = hiddenLayers + 1;
        int[] sizes = new int[depth];
        Activation[] acts = new Activation[depth];
        for (int l = 0; l < depth; l++) {
            sizes[l] = 1 + r.nextInt(4);
            acts[l] = hidden;
        }
        acts[depth - 1] = pairing.output();
        if (pairing.output() == Activation.SOFTMAX) {
            sizes[depth - 1] = 2 + r.nextInt(3);
        }
        int inputs = 1 + r.nextInt(4);
        int count = 1 + r.nextInt(4);
        int batch = 1 + r.nextInt(count);
        Network net = RandomProblems.network(r, inputs, sizes, acts);
        Model model = new Model(net);
        Problem.Builder b = Problem.builder().network(net).loss(pairing.loss())
                .learningRate(RandomProblems.uniform(r, 0.01, 0.2)).batchSize(batch).updateBiases(r.nextBoolean());
        double[][] xs = new double[count][];
        double[][] ys = new double[count][];
        for (int s = 0; s < count; s++) {
            xs[s] = awayFromKinks(r, model, inputs);
            ys[s] = RandomProblems.target(r, pairing, sizes[depth - 1]);
            b.sample(xs[s], ys[s]);
        }
        Problem p = b.build();
        Solution solution = Solver.solve(p);
        String where = pairing + ", hidden " + hidden.id() + " ×" + hiddenLayers + ", draw " + draw
                + ", batch " + batch + " of " + count + ": ";

        // lossBefore is the mean over all samples of the independently computed loss.
        assertClose(model.meanLoss(pairing.loss(), xs, ys, count), solution.lossBefore(), 1e-12, 1e-15,
                where + "lossBefore");

        // ∂(batch-mean loss)/∂θ by central differences, θ perturbed in the test's own copy of the network.
        for (int l = 1; l < depth; l++) {
            LayerUpdate u = solution.firstUpdate().layers().get(l);
            double[][] gW = u.weightGradients();
            double[] gB = u.biasGradients();
            Layer old = net.layer(l);
            for (int j = 0; j < old.size(); j++) {
                for (int i = 0; i < old.inputs(); i++) {
                    double fd = model.centralDifference(model.w[l][j], i, pairing.loss(), xs, ys, batch);
                    assertClose(fd, gW[j][i], REL, ABS, where + "dW[" + l + "][" + j + "][" + i + "]");
                }
                double fd = model.centralDifference(model.b[l], j, pairing.loss(), xs, ys, batch);
                assertClose(fd, gB[j], REL, ABS, where + "db[" + l + "][" + j + "]");
            }

            // The update: W_new = W − α·g for every weight; b_new = b − α·g, or b when biases are frozen.
            double[][] wNew = u.weights();
            double[] bNew = u.biases();
            for (int j = 0; j < old.size(); j++) {
                for (int i = 0; i < old.inputs(); i++) {
                    assertClose(old.weight(j, i) - p.learningRate() * gW[j][i], wNew[j][i], 1e-15, 1e-18,
                            where + "W[" + l + "][" + j + "][" + i + "]");
                }
                double expected = p.updateBiases() ? old.bias(j) - p.learningRate() * gB[j] : old.bias(j);
                assertClose(expected, bNew[j], 1e-15, 1e-18, where + "b[" + l + "][" + j + "]");
            }
        }
    }

    /** An input whose relu neurons all sit at least {@link #KINK} from their kink. */
    private static double[] awayFromKinks(Random r, Model model, int inputs) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            double[] x = RandomProblems.input(r, inputs);
            if (model.clearOfKinks(x)) {
                return x;
            }
        }
        fail("no input keeps the relu neurons away from their kinks");
        return null;
    }

    private static void assertClose(double expected, double actual, double rel, double abs, String what) {
        double diff = Math.abs(actual - expected);
        assertTrue(Double.isFinite(actual) && diff <= abs + rel * Math.max(Math.abs(expected), Math.abs(actual)),
                () -> what + ": expected " + expected + " but was " + actual + " (difference " + (actual - expected) + ")");
    }

    /** The network as plain arrays, with its own forward pass and losses. */
    private static final class Model {
        final int depth;
        final Activation[] f;
        final double[][][] w;
        final double[][] b;

        Model(Network net) {
            depth = net.depth();
            f = new Activation[depth];
            w = new double[depth][][];
            b = new double[depth][];
            for (int l = 1; l < depth; l++) {
                f[l] = net.layer(l).activation();
                w[l] = net.layer(l).weights();
                b[l] = net.layer(l).biases();
            }
        }

        /** z and a of every layer, [0] = z, [1] = a. */
        double[][][] forward(double[] x) {
            double[][] z = new double[depth][];
            double[][] a = new double[depth][];
            a[0] = x;
            for (int l = 1; l < depth; l++) {
                int n = b[l].length;
                z[l] = new double[n];
                a[l] = new double[n];
                for (int j = 0; j < n; j++) {
                    double sum = b[l][j];
                    for (int i = 0; i < a[l - 1].length; i++) {
                        sum += w[l][j][i] * a[l - 1][i];
                    }
                    z[l][j] = sum;
                }
                if (f[l] == Activation.SOFTMAX) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : z[l]) {
                        max = Math.max(max, v);
                    }
                    double total = 0;
                    for (int j = 0; j < n; j++) {
                        total += Math.exp(z[l][j] - max);
                    }
                    for (int j = 0; j < n; j++) {
                        a[l][j] = Math.exp(z[l][j] - max) / total;
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        double v = z[l][j];
                        switch (f[l]) {
                            case SIGMOID:
                                a[l][j] = 1 / (1 + Math.exp(-v));
                                break;
                            case TANH:
                                a[l][j] = Math.tanh(v);
                                break;
                            case RELU:
                                a[l][j] = Math.max(0, v);
                                break;
                            default:
                                a[l][j] = v;
                        }
                    }
                }
            }
            return new double[][][] {z, a};
        }

        boolean clearOfKinks(double[] x) {
            double[][] z = forward(x)[0];
            for (int l = 1; l < depth; l++) {
                if (f[l] == Activation.RELU) {
                    for (double v : z[l]) {
                        if (Math.abs(v) < KINK) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        static double loss(Loss loss, double[] a, double[] y) {
            double sum = 0;
            for (int j = 0; j < y.length; j++) {
                switch (loss) {
                    case HALF_SQUARED_ERROR:
                        sum += 0.5 * (y[j] - a[j]) * (y[j] - a[j]);
                        break;
                    case SQUARED_ERROR:
                        sum += (y[j] - a[j]) * (y[j] - a[j]);
                        break;
                    case MEAN_SQUARED_ERROR:
                        sum += (y[j] - a[j]) * (y[j] - a[j]) / y.length;
                        break;
                    case BINARY_CROSS_ENTROPY:
                        sum -= (y[j] == 0 ? 0 : y[j] * Math.log(a[j])) + (y[j] == 1 ? 0 : (1 - y[j]) * Math.log(1 - a[j]));
                        break;
                    default:
                        sum -= y[j] == 0 ? 0 : y[j] * Math.log(a[j]);
                }
            }
            return sum;
        }

        /** The mean loss over the first m samples. */
        double meanLoss(Loss loss, double[][] xs, double[][] ys, int m) {
            double sum = 0;
            for (int s = 0; s < m; s++) {
                sum += loss(loss, forward(xs[s])[1][depth - 1], ys[s]);
            }
            return sum / m;
        }

        /** (L(θ + h) − L(θ − h)) / 2h for the parameter params[k], L the mean loss over the first batch. */
        double centralDifference(double[] params, int k, Loss loss, double[][] xs, double[][] ys, int batch) {
            double theta = params[k];
            params[k] = theta + H;
            double up = meanLoss(loss, xs, ys, batch);
            params[k] = theta - H;
            double down = meanLoss(loss, xs, ys, batch);
            params[k] = theta;
            assertEquals(theta, params[k]);
            return (up - down) / (2 * H);
        }
    }
}
