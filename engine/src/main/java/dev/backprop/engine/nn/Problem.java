package dev.backprop.engine.nn;

import dev.backprop.engine.trace.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A backpropagation exercise in the contract's terms (§1): a network, a loss, the training
 * settings and the conventions in force. Every problem there is has been checked: the only way
 * to one is {@link #builder()} (or {@link #toBuilder()}), whose {@link Builder#build()} refuses
 * an inconsistent problem with every mistake, each naming its field.
 *
 * <pre>{@code
 * Problem p = Problem.builder()
 *         .network(net)
 *         .loss(Loss.HALF_SQUARED_ERROR)
 *         .learningRate(0.5)
 *         .sample(new double[] {0.05, 0.10}, new double[] {0.01, 0.99})
 *         .updateBiases(false)
 *         .build();
 * Problem longer = p.toBuilder().epochs(100).build();
 * }</pre>
 *
 * <p>Update t (from 1) takes the samples of batch {@code (t − 1) mod batchesPerEpoch()} of epoch
 * {@link #epochOf(int)}; the worked solution works the first {@link #workedUpdates()} of them.
 */
public final class Problem {
    private final Network network;
    private final Loss loss;
    private final double learningRate;
    private final List<Sample> samples;
    private final int epochs;
    private final int batchSize;
    private final boolean updateBiases;
    private final HiddenDeltaWeights hiddenDeltaWeights;
    private final @Nullable Rounding rounding;
    private final Map<Quantity, Double> given;
    private final Optimizer optimizer;
    private final int workedUpdates;

    /** Copies a builder that has been checked. */
    private Problem(Builder b) {
        this.network = Objects.requireNonNull(b.network, "network");
        this.loss = b.loss;
        this.learningRate = b.learningRate;
        this.samples = List.copyOf(b.samples);
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.updateBiases = b.updateBiases;
        this.hiddenDeltaWeights = b.hiddenDeltaWeights;
        this.rounding = b.rounding;
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(b.given));
        this.optimizer = b.optimizer;
        this.workedUpdates = b.workedUpdates;
    }

    /** Starts a builder with the contract's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this problem's settings, to make a changed copy: {@code p.toBuilder().epochs(100).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.network = network;
        b.loss = loss;
        b.learningRate(learningRate);
        b.samples.addAll(samples);
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.updateBiases = updateBiases;
        b.hiddenDeltaWeights = hiddenDeltaWeights;
        b.rounding = rounding;
        b.given.putAll(given);
        b.optimizer = optimizer;
        b.workedUpdates = workedUpdates;
        return b;
    }

    /** The network before training. */
    public Network network() {
        return network;
    }

    /** The per-sample loss. */
    public Loss loss() {
        return loss;
    }

    /** The learning rate α. */
    public double learningRate() {
        return learningRate;
    }

    /** The data set, in order. */
    public List<Sample> samples() {
        return samples;
    }

    /** Passes over the samples. */
    public int epochs() {
        return epochs;
    }

    /** Samples per update (the mean gradient of the batch is used). */
    public int batchSize() {
        return batchSize;
    }

    /** False keeps every bias fixed. */
    public boolean updateBiases() {
        return updateBiases;
    }

    /** Which weights the hidden deltas use. */
    public HiddenDeltaWeights hiddenDeltaWeights() {
        return hiddenDeltaWeights;
    }

    /** Rounding as on paper, or null for none (see {@link #roundingRule()}). */
    public @Nullable Rounding rounding() {
        return rounding;
    }

    /** Forward quantities stated by the exercise ({@code z[l][j]} or {@code a[l][j]}), in order. */
    public Map<Quantity, Double> given() {
        return given;
    }

    /** The update rule (plain gradient descent by default). */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** How many updates the worked solution works step by step (default 1). */
    public int workedUpdates() {
        return workedUpdates;
    }

    /** The rounding in force, if any. */
    public Optional<Rounding> roundingRule() {
        return Optional.ofNullable(rounding);
    }

    /** The number of samples per update actually used (the last batch of an epoch may be smaller). */
    public int effectiveBatchSize() {
        return Math.min(batchSize, samples.size());
    }

    /** The number of updates in one epoch: one per batch, the last batch possibly smaller. */
    public int batchesPerEpoch() {
        int m = effectiveBatchSize();
        return m < 1 ? 0 : (samples.size() + m - 1) / m;
    }

    /** The number of updates training makes: epochs × batches per epoch. */
    public long updateCount() {
        return (long) epochs * batchesPerEpoch();
    }

    /** The index of the first sample of update t's batch (t counting from 1). */
    public int batchStart(int t) {
        return (t - 1) % batchesPerEpoch() * effectiveBatchSize();
    }

    /** The number of samples in update t's batch (the last batch of an epoch may be smaller). */
    public int batchLength(int t) {
        return Math.min(effectiveBatchSize(), samples.size() - batchStart(t));
    }

    /** The epoch (from 1) that update t (from 1) belongs to. */
    public int epochOf(int t) {
        return (t - 1) / batchesPerEpoch() + 1;
    }

    /** A copy of this problem with another network (e.g. the trained one); checked as {@link Builder#build()} checks. */
    public Problem withNetwork(Network other) {
        return toBuilder().network(other).build();
    }

    /** A copy of this problem with another rounding rule (null for none). */
    public Problem withRounding(@Nullable Rounding rule) {
        return toBuilder().rounding(rule).build();
    }

    /**
     * A copy of this problem trained only for the epochs its worked updates reach: the same worked
     * solution, solved with the least training (for marking, which reads the worked steps only).
     */
    public Problem workedOnly() {
        return withEpochs(epochOf(workedUpdates));
    }

    /** A copy of this problem trained for another number of epochs (at least 1), its worked updates cut to those there are. */
    public Problem withEpochs(int count) {
        long updates = (long) count * batchesPerEpoch();
        return toBuilder().epochs(count).workedUpdates((int) Math.max(1, Math.min(workedUpdates, updates))).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Problem p && network.equals(p.network) && loss == p.loss
                && Double.compare(learningRate, p.learningRate) == 0 && samples.equals(p.samples) && epochs == p.epochs
                && batchSize == p.batchSize && updateBiases == p.updateBiases
                && hiddenDeltaWeights == p.hiddenDeltaWeights && Objects.equals(rounding, p.rounding)
                && given.equals(p.given) && optimizer.equals(p.optimizer) && workedUpdates == p.workedUpdates;
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, loss, learningRate, samples, epochs, batchSize, updateBiases, hiddenDeltaWeights,
                rounding, given, optimizer, workedUpdates);
    }

    @Override
    public String toString() {
        return "Problem[network=" + network + ", loss=" + loss.id() + ", learningRate=" + learningRate
                + ", samples=" + samples + ", epochs=" + epochs + ", batchSize=" + batchSize
                + ", updateBiases=" + updateBiases + ", hiddenDeltaWeights=" + hiddenDeltaWeights.id()
                + ", rounding=" + rounding + ", given=" + given + ", optimizer=" + optimizer
                + ", workedUpdates=" + workedUpdates + "]";
    }

    /** A copy of this problem with other samples (e.g. a student's own, drawn for an exercise). */
    public Problem withSamples(List<Sample> other) {
        return toBuilder().samples(other).build();
    }

    /**
     * Builds a {@link Problem}; defaults as in the contract (half-squared-error, 1 epoch, batch size
     * 1, biases updated). Setters refuse only null; every other mistake is collected and
     * {@link #build()} refuses them all at once, each naming its field by its contract path.
     */
    public static final class Builder {
        private @Nullable Network network;
        private Loss loss = Loss.HALF_SQUARED_ERROR;
        private double learningRate;
        private boolean learningRateGiven;
        private final List<Sample> samples = new ArrayList<>();
        private int epochs = 1;
        private int batchSize = 1;
        private boolean updateBiases = true;
        private HiddenDeltaWeights hiddenDeltaWeights = HiddenDeltaWeights.ORIGINAL;
        private @Nullable Rounding rounding;
        private final Map<Quantity, Double> given = new LinkedHashMap<>();
        private Optimizer optimizer = Optimizer.SGD;
        private int workedUpdates = 1;
        /** Mistakes found by a setter in a value it could not keep (a given key that is no key). */
        private final List<FieldError> refused = new ArrayList<>();

        private Builder() {
        }

        /** The network to train. */
        public Builder network(Network network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        /** The loss (default half-squared-error). */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** The learning rate α &gt; 0; required. */
        public Builder learningRate(double alpha) {
            this.learningRate = alpha;
            this.learningRateGiven = true;
            return this;
        }

        /** Adds a sample. */
        public Builder sample(double[] input, double[] target) {
            samples.add(new Sample(input, target));
            return this;
        }

        /** Adds a sample. */
        public Builder sample(Sample sample) {
            samples.add(Objects.requireNonNull(sample, "sample"));
            return this;
        }

        /** Replaces the data set with these samples, in order. */
        public Builder samples(List<Sample> samples) {
            List<Sample> copy = List.copyOf(samples);
            this.samples.clear();
            this.samples.addAll(copy);
            return this;
        }

        /** Passes over the samples (default 1; at least 1). */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Samples per update (default 1; at least 1). */
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

        /** Rounding as on paper (default none; null for none). */
        public Builder rounding(@Nullable Rounding rounding) {
            this.rounding = rounding;
            return this;
        }

        /** States a forward quantity, {@code z[l][j]} or {@code a[l][j]}, instead of computing it. */
        public Builder given(Quantity quantity, double value) {
            given.put(Objects.requireNonNull(quantity, "quantity"), value);
            return this;
        }

        /** States a forward quantity by its key, {@code "z[1][0]"} or {@code "a[2][1]"}; a key that is none is refused at {@code given.<key>}. */
        public Builder given(String key, double value) {
            Optional<Quantity> q = Quantity.parse(key);
            if (q.isPresent()) {
                given.put(q.get(), value);
            } else {
                refused.add(new FieldError("given." + key, "\"" + key + "\" is not a key like z[1][0] or a[2][1]"));
            }
            return this;
        }

        /** Removes every stated value. */
        public Builder clearGiven() {
            given.clear();
            return this;
        }

        /** The update rule (default plain gradient descent); see {@link Optimizer}'s factories. */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** How many updates the worked solution works step by step (default 1; at least 1, at most the updates training makes). */
        public Builder workedUpdates(int count) {
            this.workedUpdates = count;
            return this;
        }

        /**
         * The problem; throws {@link ProblemException} listing every mistake (the first
         * {@link ProblemException#MAX_LISTED}, the rest counted), each naming its field.
         */
        public Problem build() {
            List<FieldError> listed = new ArrayList<>();
            long[] more = {0};
            Optional<Problem> p = build(e -> {
                if (listed.size() < ProblemException.MAX_LISTED) {
                    listed.add(e);
                } else {
                    more[0]++;
                }
            });
            return p.orElseThrow(() -> new ProblemException(listed, more[0]));
        }

        /**
         * Checks and builds without throwing: each mistake is handed to {@code errors} as it is
         * found, so that a reader of untrusted input can keep a few and count the rest; the
         * problem only when there is none.
         */
        public Optional<Problem> build(Consumer<FieldError> errors) {
            boolean[] any = {false};
            check(e -> {
                any[0] = true;
                errors.accept(e);
            });
            return any[0] ? Optional.empty() : Optional.of(new Problem(this));
        }

        /**
         * Every inconsistency between the fields, each naming its field by its contract path: sample
         * shapes, loss/activation pairings, ranges, given keys.
         */
        private void check(Consumer<FieldError> errors) {
            Network net = network;
            if (net == null) {
                errors.accept(new FieldError("layers", "no network given"));
            } else {
                checkNetwork(net, errors);
            }
            if (!learningRateGiven) {
                errors.accept(new FieldError("learningRate", "no learning rate given"));
            } else if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                errors.accept(new FieldError("learningRate", "must be a positive number, was " + learningRate));
            }
            if (samples.isEmpty()) {
                errors.accept(new FieldError("samples", "needs at least one sample"));
            }
            for (int s = 0; net != null && s < samples.size(); s++) {
                checkSample(net, s, samples.get(s), errors);
            }
            if (epochs < 1) {
                errors.accept(new FieldError("epochs", "must be at least 1, was " + epochs));
            }
            if (batchSize < 1) {
                errors.accept(new FieldError("batchSize", "must be at least 1, was " + batchSize));
            }
            if (hiddenDeltaWeights == HiddenDeltaWeights.UPDATED && batchSize > 1) {
                errors.accept(new FieldError("hiddenDeltaWeights", "\"updated\" is defined for batchSize 1 only; batchSize is " + batchSize));
            }
            refused.forEach(errors);
            if (net != null) {
                checkGiven(net, errors);
            }
            if (workedUpdates < 1) {
                errors.accept(new FieldError("workedUpdates", "must be at least 1, was " + workedUpdates));
            } else if (epochs >= 1 && batchSize >= 1 && !samples.isEmpty()) {
                // The updates training makes: epochs × batches per epoch (the last batch possibly smaller).
                int m = Math.min(batchSize, samples.size());
                long batches = (samples.size() + m - 1) / m;
                long n = (long) epochs * batches;
                if (workedUpdates > n) {
                    errors.accept(new FieldError("workedUpdates", "is " + workedUpdates + "; training makes only " + n
                            + (n == 1 ? " update" : " updates") + " (" + epochs + (epochs == 1 ? " epoch" : " epochs")
                            + " × " + batches + (batches == 1 ? " batch" : " batches") + ")"));
                }
            }
        }

        private void checkNetwork(Network net, Consumer<FieldError> errors) {
            int depth = net.depth();
            int out = depth - 1;
            Activation outAct = net.output().activation();
            for (int l = 1; l < depth; l++) {
                Layer layer = net.layer(l);
                if (layer.activation() == Activation.SOFTMAX && l != out) {
                    errors.accept(new FieldError("layers[" + l + "].activation", "softmax is for the output layer only"));
                }
                for (int j = 0; j < layer.size(); j++) {
                    for (int i = 0; i < layer.inputs(); i++) {
                        if (!Double.isFinite(layer.weight(j, i))) {
                            errors.accept(new FieldError("layers[" + l + "].weights[" + j + "][" + i + "]", "must be a finite number"));
                        }
                    }
                    if (!Double.isFinite(layer.bias(j))) {
                        errors.accept(new FieldError("layers[" + l + "].biases[" + j + "]", "must be a finite number"));
                    }
                }
            }
            Optional<Activation> required = loss.requiredOutputActivation();
            if (required.isPresent() && required.get() != outAct) {
                errors.accept(new FieldError("loss", loss.id() + " needs a " + required.get().id()
                        + " output layer; layer " + out + " is " + outAct.id()));
            } else if (outAct == Activation.SOFTMAX && loss != Loss.CROSS_ENTROPY) {
                errors.accept(new FieldError("layers[" + out + "].activation",
                        "softmax outputs go with the cross-entropy loss, not " + loss.id()));
            }
        }

        private void checkSample(Network net, int s, Sample sample, Consumer<FieldError> errors) {
            String path = "samples[" + s + "]";
            int in = net.inputSize();
            int out = net.output().size();
            if (sample.inputSize() != in) {
                errors.accept(new FieldError(path + ".input", "has " + sample.inputSize() + " values; layer 0 has " + in + " neurons"));
            }
            if (sample.targetSize() != out) {
                errors.accept(new FieldError(path + ".target", "has " + sample.targetSize() + " values; the output layer has " + out + " neurons"));
            }
            for (int i = 0; i < sample.inputSize(); i++) {
                if (!Double.isFinite(sample.input(i))) {
                    errors.accept(new FieldError(path + ".input[" + i + "]", "must be a finite number"));
                }
            }
            for (int j = 0; j < sample.targetSize(); j++) {
                double y = sample.target(j);
                if (!Double.isFinite(y)) {
                    errors.accept(new FieldError(path + ".target[" + j + "]", "must be a finite number"));
                } else if (loss == Loss.BINARY_CROSS_ENTROPY && (y < 0 || y > 1)) {
                    errors.accept(new FieldError(path + ".target[" + j + "]", "binary-cross-entropy targets lie in [0, 1], was " + y));
                } else if (loss == Loss.CROSS_ENTROPY && y < 0) {
                    errors.accept(new FieldError(path + ".target[" + j + "]", "cross-entropy targets are probabilities (≥ 0), was " + y));
                }
            }
            if (loss == Loss.CROSS_ENTROPY && sample.targetSize() == out) {
                checkDistribution(path, sample, errors);
            }
        }

        /** The most a cross-entropy target's sum may differ from 1: the rounding of typed decimals, nothing more. */
        private static final BigDecimal SUM_TOLERANCE = new BigDecimal("1e-12");

        /**
         * Softmax with cross-entropy has δ = a − y only when the target is a distribution: the true
         * gradient is a·Σy − y, so a target that does not sum to 1 would be answered with a wrong δ.
         */
        private static void checkDistribution(String path, Sample sample, Consumer<FieldError> errors) {
            BigDecimal sum = BigDecimal.ZERO;
            for (int j = 0; j < sample.targetSize(); j++) {
                double y = sample.target(j);
                if (!Double.isFinite(y) || y < 0) {
                    return; // reported at the value itself
                }
                sum = sum.add(BigDecimal.valueOf(y));
            }
            if (sum.subtract(BigDecimal.ONE).abs().compareTo(SUM_TOLERANCE) > 0) {
                errors.accept(new FieldError(path + ".target", "sums to " + sum.stripTrailingZeros().toPlainString()
                        + "; cross-entropy targets are one probability per class and sum to 1, since only then is"
                        + " δ = a − y the gradient of softmax with cross-entropy (it is a·Σy − y); for several labels"
                        + " at once use sigmoid outputs with the binary-cross-entropy loss"));
            }
        }

        private void checkGiven(Network net, Consumer<FieldError> errors) {
            if (given.isEmpty()) {
                return;
            }
            if (samples.size() != 1 || epochs != 1) {
                errors.accept(new FieldError("given", "stated values need exactly one sample and one epoch; there are "
                        + samples.size() + " samples and " + epochs + " epochs"));
            }
            for (Map.Entry<Quantity, Double> e : given.entrySet()) {
                Quantity q = e.getKey();
                if (q.kind() != Quantity.Kind.Z && q.kind() != Quantity.Kind.A || q.sample() != 0) {
                    errors.accept(new FieldError(givenPath(q), "only z[l][j] and a[l][j] can be given"));
                    continue;
                }
                if (q.layer() < 1 || q.layer() >= net.depth()) {
                    errors.accept(new FieldError(givenPath(q), "layer " + q.layer() + " is not a dense layer (1.."
                            + (net.depth() - 1) + ")"));
                } else if (q.row() >= net.size(q.layer())) {
                    errors.accept(new FieldError(givenPath(q), "layer " + q.layer() + " has " + net.size(q.layer()) + " neurons"));
                }
                if (!Double.isFinite(e.getValue())) {
                    errors.accept(new FieldError(givenPath(q), "must be a finite number"));
                }
                if (q.kind() == Quantity.Kind.A && given.containsKey(Quantity.z(q.layer(), q.row()))) {
                    errors.accept(new FieldError(givenPath(q), "give z[" + q.layer() + "][" + q.row() + "] or a[" + q.layer()
                            + "][" + q.row() + "], not both"));
                }
            }
        }

        /** The field of a given value, written only when there is something to say about it. */
        private static String givenPath(Quantity q) {
            return "given." + q.key();
        }
    }
}
