package dev.backprop.engine.classroom;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.trace.Quantity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A class's exercise (contract §4): a problem in which some parts are drawn afresh for each
 * student — any dense layer's weights, its biases, and the samples — while the rest stays as
 * written for everyone. The parts that are drawn hold placeholders in {@link #template()} until
 * {@link Variants} draws them.
 *
 * <pre>{@code
 * Exercise week3 = Exercise.builder()
 *         .input(2)
 *         .dense(2, Activation.SIGMOID)                     // weights and biases drawn
 *         .dense(1, Activation.SIGMOID).biases(0.60)        // weights drawn, the bias fixed
 *         .loss(Loss.HALF_SQUARED_ERROR)
 *         .learningRate(0.5)
 *         .samples(1)                                       // one sample drawn for each student
 *         .build();
 * }</pre>
 */
public final class Exercise {
    /** The most samples drawn for one student. */
    public static final int MAX_DRAWN_SAMPLES = 20;
    /** The value drawn weights and biases hold in the template until they are drawn. */
    static final double PLACEHOLDER = 0.5;

    private final Problem template;
    private final boolean[] weightsDrawn;
    private final boolean[] biasesDrawn;
    private final int samplesDrawn;

    private Exercise(Problem template, boolean[] weightsDrawn, boolean[] biasesDrawn, int samplesDrawn) {
        this.template = template;
        this.weightsDrawn = weightsDrawn.clone();
        this.biasesDrawn = biasesDrawn.clone();
        this.samplesDrawn = samplesDrawn;
    }

    /** The problem as an exercise with nothing drawn: every student gets these numbers. */
    public static Exercise of(Problem problem) {
        int depth = problem.network().depth();
        return new Exercise(problem, new boolean[depth], new boolean[depth], 0);
    }

    /** Starts a builder with the contract's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The same exercise with layer {@code l}'s weights drawn for each student. */
    public Exercise drawWeights(int l) {
        checkLayer(l);
        boolean[] w = weightsDrawn.clone();
        w[l] = true;
        return new Exercise(template, w, biasesDrawn, samplesDrawn);
    }

    /** The same exercise with layer {@code l}'s biases drawn for each student. */
    public Exercise drawBiases(int l) {
        checkLayer(l);
        boolean[] b = biasesDrawn.clone();
        b[l] = true;
        return new Exercise(template, weightsDrawn, b, samplesDrawn);
    }

    /** The same exercise with every weight and bias drawn for each student. */
    public Exercise drawParameters() {
        boolean[] all = new boolean[weightsDrawn.length];
        Arrays.fill(all, 1, all.length, true);
        return new Exercise(template, all, all, samplesDrawn);
    }

    /**
     * The same exercise with {@code count} samples drawn for each student in place of the
     * template's; throws {@link ProblemException} naming {@code samples} when the count is out of
     * range or the exercise cannot have that many (stated values need one).
     */
    public Exercise drawSamples(int count) {
        if (count < 1 || count > MAX_DRAWN_SAMPLES) {
            throw ProblemException.of("samples", "a count of samples to draw is from 1 to " + MAX_DRAWN_SAMPLES
                    + ", was " + count);
        }
        // withSamples checks the problem again, refusing it with every mistake by field
        Problem p = template.withSamples(placeholderSamples(template.network(), template.loss(), count));
        return new Exercise(p, weightsDrawn, biasesDrawn, count);
    }

    private void checkLayer(int l) {
        if (l < 1 || l >= weightsDrawn.length) {
            throw new IllegalArgumentException("layer " + l + " is not a dense layer (1.." + (weightsDrawn.length - 1) + ")");
        }
    }

    /** The problem with placeholders where numbers are drawn: its shape, conventions and fixed values. */
    public Problem template() {
        return template;
    }

    /** Whether dense layer {@code l}'s weights are drawn for each student. */
    public boolean weightsDrawn(int l) {
        return l >= 1 && l < weightsDrawn.length && weightsDrawn[l];
    }

    /** Whether dense layer {@code l}'s biases are drawn for each student. */
    public boolean biasesDrawn(int l) {
        return l >= 1 && l < biasesDrawn.length && biasesDrawn[l];
    }

    /** How many samples are drawn for each student; 0 when the samples are fixed. */
    public int samplesDrawn() {
        return samplesDrawn;
    }

    /** Whether anything at all is drawn (else every student has the same numbers). */
    public boolean drawsAnything() {
        if (samplesDrawn > 0) {
            return true;
        }
        for (int l = 1; l < weightsDrawn.length; l++) {
            if (weightsDrawn[l] || biasesDrawn[l]) {
                return true;
            }
        }
        return false;
    }

    /** The template with a student's drawn network and samples in place. */
    Problem with(Network network, List<Sample> samples) {
        return template.withNetwork(network).withSamples(samples);
    }

    /**
     * The exercise as a tree for its canonical text ({@link Canonical}): every field of the problem
     * with its value, the drawn parts as {@code "drawn"} (weights, biases) or {@code {"drawn": n}}
     * (samples). A field added to problems later is to be added here only when it is not at its
     * default, so that exercises written before it keep their students' numbers.
     */
    Map<String, Object> canonicalTree() {
        Map<String, Object> o = new TreeMap<>();
        Network net = template.network();
        List<Object> layers = new ArrayList<>();
        layers.add(Map.of("size", net.inputSize()));
        for (int l = 1; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            Map<String, Object> lo = new TreeMap<>();
            lo.put("size", layer.size());
            lo.put("activation", layer.activation().id());
            lo.put("weights", weightsDrawn[l] ? "drawn" : matrix(layer.weights()));
            lo.put("biases", biasesDrawn[l] ? "drawn" : vector(layer.biases()));
            layers.add(lo);
        }
        o.put("layers", layers);
        o.put("loss", template.loss().id());
        o.put("learningRate", template.learningRate());
        if (samplesDrawn > 0) {
            o.put("samples", Map.of("drawn", samplesDrawn));
        } else {
            List<Object> samples = new ArrayList<>();
            for (Sample s : template.samples()) {
                samples.add(Map.of("input", vector(s.input()), "target", vector(s.target())));
            }
            o.put("samples", samples);
        }
        o.put("epochs", template.epochs());
        o.put("batchSize", template.batchSize());
        o.put("updateBiases", template.updateBiases());
        o.put("hiddenDeltaWeights", template.hiddenDeltaWeights().id());
        Rounding r = template.rounding();
        o.put("rounding", r == null ? null : Map.of(r.significant() ? "significant" : "decimals", r.digits()));
        Map<String, Object> given = new TreeMap<>();
        template.given().forEach((q, v) -> given.put(q.key(), v));
        o.put("given", given);
        // Added with the optimizers: written only when not the default, so older exercises keep their numbers.
        Optimizer opt = template.optimizer();
        if (!opt.equals(Optimizer.SGD)) {
            Map<String, Object> oo = new TreeMap<>();
            oo.put("name", opt.kind().id());
            for (String field : opt.kind().fields()) {
                oo.put(field, switch (field) {
                    case "momentum" -> opt.momentum();
                    case "alpha" -> opt.alpha();
                    case "epsilon" -> opt.epsilon();
                    case "beta1" -> opt.beta1();
                    default -> opt.beta2();
                });
            }
            oo.put("weightDecay", opt.weightDecay());
            o.put("optimizer", oo);
        }
        if (template.workedUpdates() != 1) {
            o.put("workedUpdates", template.workedUpdates());
        }
        return o;
    }

    /** The exercise's canonical text (see {@link Canonical}); equal exercises have equal texts. */
    public String canonical() {
        return Canonical.write(canonicalTree());
    }

    private static List<Object> vector(double[] v) {
        List<Object> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    private static List<Object> matrix(double[][] m) {
        List<Object> out = new ArrayList<>(m.length);
        for (double[] row : m) {
            out.add(vector(row));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Exercise e && canonical().equals(e.canonical());
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    @Override
    public String toString() {
        return "Exercise" + canonical();
    }

    /** Placeholder samples that fit the network and the loss (a one-hot target for cross-entropy). */
    static List<Sample> placeholderSamples(Network net, Loss loss, int count) {
        List<Sample> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            double[] input = new double[net.inputSize()];
            Arrays.fill(input, PLACEHOLDER);
            double[] target = new double[net.output().size()];
            if (loss == Loss.CROSS_ENTROPY) {
                target[0] = 1;
            } else {
                Arrays.fill(target, PLACEHOLDER);
            }
            out.add(new Sample(input, target));
        }
        return out;
    }

    /**
     * Builds an {@link Exercise}. A dense layer given by its size has its weights and biases
     * drawn; {@link #weights} and {@link #biases} right after it fix either. Samples are fixed
     * ({@link #sample}) or drawn ({@link #samples}); the rest as {@link Problem.Builder}.
     */
    public static final class Builder {
        private int inputSize;
        private final List<LayerSpec> layers = new ArrayList<>();
        private Loss loss = Loss.HALF_SQUARED_ERROR;
        private double learningRate = Double.NaN;
        private final List<Sample> samples = new ArrayList<>();
        private int samplesDrawn;
        private int epochs = 1;
        private int batchSize = 1;
        private boolean updateBiases = true;
        private HiddenDeltaWeights hiddenDeltaWeights = HiddenDeltaWeights.ORIGINAL;
        private @Nullable Rounding rounding;
        private final Map<String, Double> given = new LinkedHashMap<>();

        private Builder() {
        }

        private static final class LayerSpec {
            final int size;
            final Activation activation;
            double @Nullable [][] weights;
            double @Nullable [] biases;

            LayerSpec(int size, Activation activation) {
                this.size = size;
                this.activation = activation;
            }
        }

        /** The number of inputs. */
        public Builder input(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("input size must be at least 1, was " + size);
            }
            this.inputSize = size;
            return this;
        }

        /** A dense layer of {@code size} neurons whose weights and biases are drawn for each student. */
        public Builder dense(int size, Activation activation) {
            if (size < 1) {
                throw new IllegalArgumentException("a layer needs at least one neuron, was " + size);
            }
            layers.add(new LayerSpec(size, Objects.requireNonNull(activation, "activation")));
            return this;
        }

        /** A dense layer whose weights ({@code weights[j][i]}) and biases are fixed, the same for everyone. */
        public Builder dense(Activation activation, double[][] weights, double... biases) {
            dense(weights.length, activation);
            return weights(weights).biases(biases);
        }

        /** Fixes the last dense layer's weights ({@code weights[j][i]}, one row per neuron). */
        public Builder weights(double[][] weights) {
            last().weights = Arrays.stream(weights).map(double[]::clone).toArray(double[][]::new);
            return this;
        }

        /** Fixes the last dense layer's biases, one per neuron. */
        public Builder biases(double... biases) {
            last().biases = biases.clone();
            return this;
        }

        private LayerSpec last() {
            if (layers.isEmpty()) {
                throw new IllegalStateException("add a dense layer first");
            }
            return layers.get(layers.size() - 1);
        }

        /** The loss (default half-squared-error). */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** The learning rate α &gt; 0. */
        public Builder learningRate(double alpha) {
            if (!(alpha > 0) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("learningRate must be a positive number, was " + alpha);
            }
            this.learningRate = alpha;
            return this;
        }

        /** Adds a fixed sample, the same for everyone. */
        public Builder sample(double[] input, double[] target) {
            samples.add(new Sample(input, target));
            return this;
        }

        /** Draws {@code count} samples for each student (instead of fixed ones). */
        public Builder samples(int count) {
            if (count < 1 || count > MAX_DRAWN_SAMPLES) {
                throw new IllegalArgumentException("a count of samples to draw is from 1 to " + MAX_DRAWN_SAMPLES
                        + ", was " + count);
            }
            this.samplesDrawn = count;
            return this;
        }

        /** Passes over the samples (default 1). */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Samples per update (default 1). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Whether biases are updated (default true). */
        public Builder updateBiases(boolean updateBiases) {
            this.updateBiases = updateBiases;
            return this;
        }

        /** Which weights the hidden deltas use (default original). */
        public Builder hiddenDeltaWeights(HiddenDeltaWeights rule) {
            this.hiddenDeltaWeights = Objects.requireNonNull(rule, "hiddenDeltaWeights");
            return this;
        }

        /** Rounding as on paper (default none). */
        public Builder rounding(@Nullable Rounding rounding) {
            this.rounding = rounding;
            return this;
        }

        /** States a forward quantity, {@code z[l][j]} or {@code a[l][j]} ("assume A_o1 = 0.70"). */
        public Builder given(String key, double value) {
            given.put(key, value);
            return this;
        }

        /**
         * The exercise; throws {@link ProblemException} listing every inconsistency, each named by
         * its field in the contract's form ({@code layers[2].weights}, {@code samples}).
         */
        public Exercise build() {
            List<FieldError> errors = new ArrayList<>();
            if (inputSize < 1) {
                errors.add(new FieldError("layers[0]", "no input layer: call input(size) first"));
            }
            if (layers.isEmpty()) {
                errors.add(new FieldError("layers", "no dense layer"));
            }
            if (Double.isNaN(learningRate)) {
                errors.add(new FieldError("learningRate", "no learning rate given"));
            }
            if (samples.isEmpty() && samplesDrawn == 0) {
                errors.add(new FieldError("samples", "give samples, or a count of samples to draw"));
            } else if (!samples.isEmpty() && samplesDrawn > 0) {
                errors.add(new FieldError("samples", "give samples or a count of samples to draw, not both"));
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(errors);
            }
            int depth = layers.size() + 1;
            boolean[] w = new boolean[depth];
            boolean[] b = new boolean[depth];
            List<Layer> built = new ArrayList<>();
            int below = inputSize;
            for (int l = 1; l < depth; l++) {
                LayerSpec spec = layers.get(l - 1);
                int cols = below;
                w[l] = spec.weights == null;
                b[l] = spec.biases == null;
                double[][] weights = spec.weights;
                if (weights == null) {
                    weights = new double[spec.size][below];
                    for (double[] row : weights) {
                        Arrays.fill(row, PLACEHOLDER);
                    }
                } else if (weights.length != spec.size || Arrays.stream(weights).anyMatch(r -> r.length != cols)) {
                    errors.add(new FieldError("layers[" + l + "].weights", "must have " + spec.size + " rows of "
                            + below + " weights (one per neuron of layer " + (l - 1) + ")"));
                }
                double[] biases = spec.biases;
                if (biases == null) {
                    biases = new double[spec.size];
                    Arrays.fill(biases, PLACEHOLDER);
                } else if (biases.length != spec.size) {
                    errors.add(new FieldError("layers[" + l + "].biases", "must have " + spec.size + " biases, one per neuron"));
                }
                if (errors.isEmpty()) {
                    built.add(new Layer(spec.activation, weights, biases));
                }
                below = spec.size;
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(errors);
            }
            Network network = Network.of(inputSize, built);
            List<Sample> data = samplesDrawn > 0 ? placeholderSamples(network, loss, samplesDrawn) : samples;
            Map<Quantity, Double> stated = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : given.entrySet()) {
                Quantity q = Quantity.parse(e.getKey()).orElse(null);
                if (q == null) {
                    errors.add(new FieldError("given." + e.getKey(), "is not a quantity key; use z[l][j] or a[l][j], e.g. a[1][0]"));
                } else {
                    stated.put(q, e.getValue());
                }
            }
            Problem.Builder pb = Problem.builder().network(network).loss(loss).learningRate(learningRate).samples(data)
                    .epochs(epochs).batchSize(batchSize).updateBiases(updateBiases).hiddenDeltaWeights(hiddenDeltaWeights)
                    .rounding(rounding);
            stated.forEach(pb::given);
            Problem template = pb.build(errors::add).orElse(null);
            if (template == null || !errors.isEmpty()) {
                throw new ProblemException(errors);
            }
            return new Exercise(template, w, b, samplesDrawn);
        }
    }
}
