package dev.backprop.engine.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A feed-forward network of dense layers. Indices follow the contract: layer 0 is the input
 * layer (a size only); {@link #layer(int) layer(l)} for l ≥ 1 is a dense layer.
 *
 * <pre>{@code
 * Network net = Network.builder()
 *         .input(2)
 *         .dense(Activation.SIGMOID, new double[][] {{0.15, 0.20}, {0.25, 0.30}}, 0.35, 0.35)
 *         .dense(Activation.SIGMOID, new double[][] {{0.40, 0.45}, {0.50, 0.55}}, 0.60, 0.60)
 *         .build();
 * }</pre>
 */
public final class Network {
    private final int inputSize;
    private final List<Layer> layers;

    private Network(int inputSize, List<Layer> layers) {
        this.inputSize = inputSize;
        this.layers = List.copyOf(layers);
    }

    /**
     * A network from an input size and its dense layers; throws {@link ProblemException} listing
     * every layer that does not fit the one below, each naming its field ({@code layers[2].weights}).
     * A softmax below the output layer is reported by {@link Problem.Builder#build()}, with every other problem.
     */
    public static Network of(int inputSize, List<Layer> layers) {
        List<FieldError> errors = new ArrayList<>();
        if (inputSize < 1) {
            errors.add(new FieldError("layers[0].size", "must be at least 1, was " + inputSize));
        }
        if (layers.isEmpty()) {
            errors.add(new FieldError("layers", "a network needs at least one dense layer"));
        }
        int below = inputSize;
        for (int l = 1; l <= layers.size(); l++) {
            Layer layer = layers.get(l - 1);
            if (below > 0 && layer.inputs() != below) {
                errors.add(new FieldError("layers[" + l + "].weights", "has rows of " + layer.inputs() + " value"
                        + (layer.inputs() == 1 ? "" : "s") + "; layer " + (l - 1) + " has " + below + " neuron"
                        + (below == 1 ? "" : "s")));
            }
            below = layer.size();
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(errors);
        }
        return new Network(inputSize, layers);
    }

    /** Starts a fluent builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this network's layers, to make a changed copy (add a layer, change the input). */
    public Builder toBuilder() {
        Builder b = new Builder().input(inputSize);
        for (Layer layer : layers) {
            b.specs.add(new Given(layer.activation(), layer.weights(), layer.biases()));
        }
        return b;
    }

    /** The number of inputs (the size of layer 0). */
    public int inputSize() {
        return inputSize;
    }

    /** The number of layers counting the input layer, as in the contract's {@code layers} array. */
    public int depth() {
        return layers.size() + 1;
    }

    /** The dense layer l, for 1 ≤ l &lt; {@link #depth()}. */
    public Layer layer(int l) {
        if (l < 1 || l > layers.size()) {
            throw new IndexOutOfBoundsException("layer " + l + " is not a dense layer (1.." + layers.size() + ")");
        }
        return layers.get(l - 1);
    }

    /** The dense layers, layer 1 first. */
    public List<Layer> layers() {
        return layers;
    }

    /** The output layer. */
    public Layer output() {
        return layers.get(layers.size() - 1);
    }

    /** The size of layer l (l = 0 is the input layer). */
    public int size(int l) {
        return l == 0 ? inputSize : layer(l).size();
    }

    /** The number of weights and biases. */
    public int parameterCount() {
        return layers.stream().mapToInt(Layer::parameterCount).sum();
    }

    /** A copy of this network with dense layer l replaced. */
    public Network withLayer(int l, Layer layer) {
        List<Layer> copy = new ArrayList<>(layers);
        copy.set(l - 1, layer);
        return of(inputSize, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network other && inputSize == other.inputSize && layers.equals(other.layers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputSize, layers);
    }

    @Override
    public String toString() {
        return "Network[input=" + inputSize + ", layers=" + layers + "]";
    }

    /**
     * Builds a {@link Network} layer by layer. Setters refuse only null; {@link #build()} refuses
     * every mistake at once (a missing input layer, rows or biases that do not fit), each naming its
     * field by its contract path ({@code layers[2].weights[0]}, {@code layers[1].biases}).
     */
    public static final class Builder {
        private int inputSize = -1;
        private final List<Spec> specs = new ArrayList<>();
        private long seed = 1;

        private Builder() {
        }

        /** The number of inputs (at least 1); comes first. */
        public Builder input(int size) {
            this.inputSize = size;
            return this;
        }

        /** A dense layer with its weights ({@code weights[j][i]}, one row per neuron) and biases. */
        public Builder dense(Activation activation, double[][] weights, double... biases) {
            specs.add(new Given(Objects.requireNonNull(activation, "activation"), Layer.copy(weights), biases.clone()));
            return this;
        }

        /** A dense layer of {@code size} neurons whose weights are drawn at random (see {@link #seed(long)}) and biases 0. */
        public Builder dense(int size, Activation activation) {
            specs.add(new Drawn(size, Objects.requireNonNull(activation, "activation")));
            return this;
        }

        /** The seed for layers given by size only (Xavier-uniform weights); default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The network; throws {@link ProblemException} listing every mistake, each naming its field. */
        public Network build() {
            List<FieldError> errors = new ArrayList<>();
            if (inputSize == -1) {
                errors.add(new FieldError("layers[0].size", "no input layer: call input(size) first"));
            } else if (inputSize < 1) {
                errors.add(new FieldError("layers[0].size", "must be at least 1, was " + inputSize));
            }
            if (specs.isEmpty()) {
                errors.add(new FieldError("layers", "a network needs at least one dense layer"));
            }
            int below = inputSize;
            for (int l = 1; l <= specs.size(); l++) {
                Spec spec = specs.get(l - 1);
                String path = "layers[" + l + "]";
                if (spec instanceof Drawn d) {
                    if (d.size < 1) {
                        errors.add(new FieldError(path + ".size", "must be at least 1, was " + d.size));
                    }
                    below = d.size;
                } else if (spec instanceof Given g) {
                    Layer.check(path, below, g.weights, g.biases, errors::add);
                    below = g.weights.length;
                }
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(errors);
            }
            Random random = new Random(seed);
            List<Layer> layers = new ArrayList<>();
            below = inputSize;
            for (Spec spec : specs) {
                Layer layer = spec instanceof Drawn d ? d.draw(below, random)
                        : new Layer(spec.activation(), ((Given) spec).weights, ((Given) spec).biases);
                layers.add(layer);
                below = layer.size();
            }
            return of(inputSize, layers);
        }
    }

    /** A dense layer as the builder was told it. */
    private sealed interface Spec permits Given, Drawn {
        Activation activation();
    }

    /** A layer given by its weights and biases. */
    private record Given(Activation activation, double[][] weights, double[] biases) implements Spec {
    }

    /** A layer given by its size, its weights to be drawn. */
    private record Drawn(int size, Activation activation) implements Spec {
        Layer draw(int inputs, Random random) {
            // Xavier/Glorot uniform: U(−√(6/(in+out)), √(6/(in+out)))
            double limit = Math.sqrt(6.0 / (inputs + size));
            double[][] w = new double[size][inputs];
            for (double[] row : w) {
                for (int i = 0; i < inputs; i++) {
                    row[i] = (2 * random.nextDouble() - 1) * limit;
                }
            }
            return new Layer(activation, w, new double[size]);
        }
    }
}
