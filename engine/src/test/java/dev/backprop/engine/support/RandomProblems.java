package dev.backprop.engine.support;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random networks and problems for the oracle tests, reproducible from a seed. */
public final class RandomProblems {
    /** The activations a hidden layer may have. */
    public static final List<Activation> HIDDEN = List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU,
            Activation.LINEAR);

    /** Every output activation and loss the contract pairs together. */
    public static final List<Pairing> PAIRINGS = pairings();

    /**
     * An output activation with a loss it may be used with.
     *
     * @param output the output layer's activation
     * @param loss   the loss
     */
    public record Pairing(Activation output, Loss loss) {
        @Override
        public String toString() {
            return output.id() + " + " + loss.id();
        }
    }

    private RandomProblems() {
    }

    private static List<Pairing> pairings() {
        List<Pairing> list = new ArrayList<>();
        for (Activation f : HIDDEN) {
            for (Loss loss : List.of(Loss.HALF_SQUARED_ERROR, Loss.SQUARED_ERROR, Loss.MEAN_SQUARED_ERROR)) {
                list.add(new Pairing(f, loss));
            }
        }
        list.add(new Pairing(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY));
        list.add(new Pairing(Activation.SOFTMAX, Loss.CROSS_ENTROPY));
        return List.copyOf(list);
    }

    /** A layer of the given shape with weights U(−s, s), s = 1.5/√inputs, and biases U(−0.5, 0.5). */
    public static Layer layer(Random r, Activation f, int size, int inputs) {
        double scale = 1.5 / Math.sqrt(inputs);
        double[][] w = new double[size][inputs];
        double[] b = new double[size];
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < inputs; i++) {
                w[j][i] = uniform(r, -scale, scale);
            }
            b[j] = uniform(r, -0.5, 0.5);
        }
        return new Layer(f, w, b);
    }

    /** A network with the given input size, layer sizes and activations (index 0 of both is layer 1). */
    public static Network network(Random r, int inputs, int[] sizes, Activation[] activations) {
        List<Layer> layers = new ArrayList<>();
        int below = inputs;
        for (int l = 0; l < sizes.length; l++) {
            layers.add(layer(r, activations[l], sizes[l], below));
            below = sizes[l];
        }
        return Network.of(inputs, layers);
    }

    /** An input vector, U(−1, 1). */
    public static double[] input(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = uniform(r, -1, 1);
        }
        return x;
    }

    /** A target the output activation can reach and the loss accepts. */
    public static double[] target(Random r, Pairing pairing, int n) {
        double[] y = new double[n];
        if (pairing.loss() == Loss.CROSS_ENTROPY) {
            if (r.nextBoolean()) {
                y[r.nextInt(n)] = 1;
            } else {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    y[j] = r.nextDouble() + 0.01;
                    sum += y[j];
                }
                for (int j = 0; j < n; j++) {
                    y[j] /= sum;
                }
            }
            return y;
        }
        for (int j = 0; j < n; j++) {
            switch (pairing.output()) {
                case SIGMOID:
                    y[j] = pairing.loss() == Loss.BINARY_CROSS_ENTROPY && r.nextInt(4) == 0 ? r.nextInt(2) : r.nextDouble();
                    break;
                case TANH:
                    y[j] = uniform(r, -0.9, 0.9);
                    break;
                case RELU:
                    y[j] = r.nextDouble();
                    break;
                default:
                    y[j] = uniform(r, -1, 1);
            }
        }
        return y;
    }

    /** U(lo, hi). */
    public static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /**
     * A random problem of the kind the contract allows: up to 4 dense layers of up to 6 neurons,
     * every activation, the pairing {@code seed mod 14}, 1–6 samples, batch sizes from 1 to beyond
     * the sample count, 1–4 epochs, frozen biases, the updated-weights rule, rounding to decimals
     * or significant figures, and given values.
     */
    public static Problem problem(long seed) {
        Random r = new Random(seed * 7919 + 17);
        Pairing pairing = PAIRINGS.get((int) (seed % PAIRINGS.size()));
        int depth = 1 + r.nextInt(4);
        int[] sizes = new int[depth];
        Activation[] acts = new Activation[depth];
        for (int l = 0; l < depth; l++) {
            sizes[l] = 1 + r.nextInt(6);
            acts[l] = HIDDEN.get(r.nextInt(HIDDEN.size()));
        }
        acts[depth - 1] = pairing.output();
        if (pairing.output() == Activation.SOFTMAX) {
            sizes[depth - 1] = 2 + r.nextInt(5);
        }
        int inputs = 1 + r.nextInt(6);
        Network net = network(r, inputs, sizes, acts);

        boolean withGiven = r.nextInt(8) == 0;
        int count = withGiven ? 1 : 1 + r.nextInt(6);
        Problem.Builder b = Problem.builder().network(net).loss(pairing.loss())
                .learningRate(Math.round(uniform(r, 0.05, 0.5) * 1000) / 1000.0);
        for (int s = 0; s < count; s++) {
            b.sample(input(r, inputs), target(r, pairing, sizes[depth - 1]));
        }
        b.epochs(withGiven ? 1 : 1 + r.nextInt(4));
        int batch = 1 + r.nextInt(count + 1);
        if (r.nextInt(4) == 0) {
            batch = 1;
            b.hiddenDeltaWeights(HiddenDeltaWeights.UPDATED);
        }
        b.batchSize(batch);
        b.updateBiases(r.nextInt(4) != 0);
        int rounding = r.nextInt(10);
        if (rounding == 0) {
            b.rounding(Rounding.decimals(2 + r.nextInt(7)));
        } else if (rounding == 1) {
            b.rounding(Rounding.significant(2 + r.nextInt(7)));
        }
        if (withGiven) {
            // 1–3 stated values, never both z and a of one neuron
            Map<String, Double> given = new LinkedHashMap<>();
            int n = 1 + r.nextInt(3);
            for (int k = 0; k < n; k++) {
                int l = 1 + r.nextInt(depth);
                int j = r.nextInt(sizes[l - 1]);
                String neuron = "[" + l + "][" + j + "]";
                if (given.containsKey("z" + neuron) || given.containsKey("a" + neuron)) {
                    continue;
                }
                if (r.nextBoolean()) {
                    given.put("z" + neuron, Math.round(uniform(r, -1, 1) * 100) / 100.0);
                } else {
                    given.put("a" + neuron, Math.round(givenActivation(r, acts[l - 1]) * 100) / 100.0);
                }
            }
            given.forEach(b::given);
        }
        return b.build();
    }

    /**
     * A random problem as {@link #problem(long)} makes them, trained with an optimizer other than
     * plain gradient descent: the rule {@code seed mod 5} (sgd always with weight decay, the others
     * half the time), settings drawn around PyTorch's usual ones, a learning rate to suit the rule,
     * and 1–4 worked updates.
     */
    public static Problem withOptimizer(long seed) {
        Problem base = problem(seed + 100_000);
        Random r = new Random(seed * 104_729 + 3);
        Optimizer.Kind kind = Optimizer.Kind.values()[(int) (seed % Optimizer.Kind.values().length)];
        double decay = kind == Optimizer.Kind.SGD || r.nextBoolean() ? Math.round(uniform(r, 0.001, 0.1) * 1000) / 1000.0 : 0;
        double[] epsilons = {1e-8, 1e-6, 1e-3};
        Optimizer o = switch (kind) {
            case SGD -> Optimizer.SGD;
            case MOMENTUM -> Optimizer.momentum(Math.round(uniform(r, 0, 0.95) * 100) / 100.0);
            case NESTEROV -> Optimizer.nesterov(Math.round(uniform(r, 0.05, 0.95) * 100) / 100.0);
            case RMSPROP -> Optimizer.rmsprop(Math.round(uniform(r, 0.5, 0.999) * 1000) / 1000.0,
                    epsilons[r.nextInt(epsilons.length)]);
            case ADAM -> Optimizer.adam(Math.round(uniform(r, 0.5, 0.95) * 100) / 100.0,
                    Math.round(uniform(r, 0.9, 0.9999) * 10_000) / 10_000.0, epsilons[r.nextInt(epsilons.length)]);
        };
        if (decay > 0) {
            o = o.withWeightDecay(decay);
        }
        boolean adaptive = kind == Optimizer.Kind.RMSPROP || kind == Optimizer.Kind.ADAM;
        double lr = adaptive ? Math.round(uniform(r, 0.001, 0.05) * 10_000) / 10_000.0 : base.learningRate();
        int worked = 1 + r.nextInt((int) Math.min(4, base.updateCount()));
        // Rounded to decimal places, a square average of small gradients is 0.00 and the step g/ε
        // enormous: rules that divide by a root round to significant figures, as one would.
        Rounding rule = base.rounding();
        if (adaptive && rule != null && !rule.significant()) {
            rule = Rounding.significant(Math.max(3, rule.digits()));
        }
        return new Problem(base.network(), base.loss(), lr, base.samples(), base.epochs(), base.batchSize(),
                base.updateBiases(), base.hiddenDeltaWeights(), rule, base.given(), o, worked);
    }

    private static double givenActivation(Random r, Activation f) {
        switch (f) {
            case SIGMOID:
            case SOFTMAX:
                return uniform(r, 0.05, 0.95);
            case TANH:
                return uniform(r, -0.9, 0.9);
            case RELU:
                return r.nextDouble();
            default:
                return uniform(r, -1, 1);
        }
    }
}
