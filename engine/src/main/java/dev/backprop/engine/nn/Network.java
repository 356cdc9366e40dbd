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
     * A network from an input size and its dense layers, checking that each layer fits the one below.
     * A softmax below the output layer is reported by {@link Problem#check()}, with every other problem.
     */
    public static Network of(int inputSize, List<Layer> layers) {
        if (inputSize < 1) {
            throw new IllegalArgumentException("input size must be at least 1, was " + inputSize);
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one dense layer");
        }
        int below = inputSize;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (layer.inputs() != below) {
                throw new IllegalArgumentException("layer " + (l + 1) + " takes " + layer.inputs()
                        + " inputs; layer " + l + " has " + below + " neurons");
            }
            below = layer.size();
        }
        return new Network(inputSize, layers);
    }

    /** Starts a fluent builder. */
    public static Builder builder() {
        return new Builder();
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
     * Builds a {@link Network} layer by layer. Each setter rejects a bad value at once;
     * {@link #build()} checks the layers against each other.
     */
    public static final class Builder {
        private int inputSize;
        private final List<Object> specs = new ArrayList<>();
        private long seed = 1;

        private Builder() {
        }

        /** The number of inputs. */
        public Builder input(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("input size must be at least 1, was " + size);
            }
            this.inputSize = size;
            return this;
        }

        /** A dense layer with its weights ({@code weights[j][i]}, one row per neuron) and biases. */
        public Builder dense(Activation activation, double[][] weights, double... biases) {
            specs.add(new Layer(activation, weights, biases));
            return this;
        }

        /** A dense layer of {@code size} neurons whose weights are drawn at random (see {@link #seed(long)}) and biases 0. */
        public Builder dense(int size, Activation activation) {
            if (size < 1) {
                throw new IllegalArgumentException("a layer needs at least one neuron, was " + size);
            }
            specs.add(new RandomSpec(size, Objects.requireNonNull(activation, "activation")));
            return this;
        }

        /** The seed for layers given by size only (Xavier-uniform weights); default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The network; throws {@link IllegalArgumentException} naming the first layer that does not fit. */
        public Network build() {
            if (inputSize < 1) {
                throw new IllegalStateException("call input(size) first");
            }
            Random random = new Random(seed);
            List<Layer> layers = new ArrayList<>();
            int below = inputSize;
            for (Object spec : specs) {
                Layer layer = spec instanceof RandomSpec r ? r.draw(below, random) : (Layer) spec;
                layers.add(layer);
                below = layer.size();
            }
            return of(inputSize, layers);
        }

        private record RandomSpec(int size, Activation activation) {
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
}
