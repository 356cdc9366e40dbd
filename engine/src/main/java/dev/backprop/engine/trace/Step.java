package dev.backprop.engine.trace;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One line of the worked solution: the quantity computed, the formula it instantiates (the
 * record's type, with the activation or loss where the formula depends on one), the operands
 * substituted into it and the result. Steps hold numbers and names only, never prose or markup;
 * renderers turn them into words with one exhaustive {@code switch}.
 */
public sealed interface Step {

    /** The quantity this step computes. */
    Quantity quantity();

    /** Its value. */
    double value();

    /** Applies a visitor: the exhaustive dispatch every renderer uses (Java 17 has no pattern switch). */
    <R> R accept(Visitor<R> visitor);

    /** A formula identifier for the JSON form, e.g. {@code weighted-sum}. */
    String formula();

    /**
     * One method per kind of step; adding a kind is a compile error in every renderer until it is handled.
     *
     * @param <R> what the visitor makes of a step
     */
    interface Visitor<R> {
        /** Visits a {@link Given} step. */
        R given(Given step);

        /** Visits a {@link WeightedSum} step. */
        R weightedSum(WeightedSum step);

        /** Visits a {@link Activate} step. */
        R activate(Activate step);

        /** Visits a {@link Softmax} step. */
        R softmax(Softmax step);

        /** Visits a {@link SampleLoss} step. */
        R sampleLoss(SampleLoss step);

        /** Visits a {@link DatasetLoss} step. */
        R datasetLoss(DatasetLoss step);

        /** Visits a {@link OutputDelta} step. */
        R outputDelta(OutputDelta step);

        /** Visits a {@link HiddenDelta} step. */
        R hiddenDelta(HiddenDelta step);

        /** Visits a {@link WeightGradient} step. */
        R weightGradient(WeightGradient step);

        /** Visits a {@link BiasGradient} step. */
        R biasGradient(BiasGradient step);

        /** Visits a {@link Update} step. */
        R update(Update step);

        /** Visits a {@link Unchanged} step. */
        R unchanged(Unchanged step);

        /** Visits a {@link Decay} step. */
        R decay(Decay step);

        /** Visits a {@link MomentumBuffer} step. */
        R momentumBuffer(MomentumBuffer step);

        /** Visits a {@link MovingAverage} step. */
        R movingAverage(MovingAverage step);

        /** Visits a {@link BiasCorrection} step. */
        R biasCorrection(BiasCorrection step);

        /** Visits a {@link NesterovUpdate} step. */
        R nesterovUpdate(NesterovUpdate step);

        /** Visits a {@link AdaptiveUpdate} step. */
        R adaptiveUpdate(AdaptiveUpdate step);
    }

    /** A value stated by the exercise rather than computed. */
    record Given(Quantity quantity, double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.given(this);
        }

        @Override
        public String formula() {
            return "given";
        }
    }

    /** z_j = Σ_i W_ij·a_i + b_j. */
    record WeightedSum(Quantity quantity, List<Operand> weights, List<Operand> inputs, Operand bias, double value)
            implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.weightedSum(this);
        }

        @Override
        public String formula() {
            return "weighted-sum";
        }

        /** Copies the lists. */
        public WeightedSum {
            weights = List.copyOf(weights);
            inputs = List.copyOf(inputs);
        }
    }

    /** a_j = f(z_j) for an element-wise activation f. */
    record Activate(Quantity quantity, Activation activation, Operand z, double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.activate(this);
        }

        @Override
        public String formula() {
            return "activation";
        }
    }

    /** a_j = e^(z_j) / Σ_k e^(z_k). */
    record Softmax(Quantity quantity, Operand z, List<Operand> layer, double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.softmax(this);
        }

        @Override
        public String formula() {
            return "softmax";
        }

        /** Copies the list. */
        public Softmax {
            layer = List.copyOf(layer);
        }
    }

    /** The loss of one sample, L(a, y), from its outputs and targets. */
    record SampleLoss(Quantity quantity, Loss loss, List<Operand> outputs, List<Operand> targets, double value)
            implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sampleLoss(this);
        }

        @Override
        public String formula() {
            return "sample-loss";
        }

        /** Copies the lists. */
        public SampleLoss {
            outputs = List.copyOf(outputs);
            targets = List.copyOf(targets);
        }
    }

    /** The data-set loss, the mean of the samples' losses. */
    record DatasetLoss(Quantity quantity, List<Operand> sampleLosses, double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.datasetLoss(this);
        }

        @Override
        public String formula() {
            return "mean-loss";
        }

        /** Copies the list. */
        public DatasetLoss {
            sampleLosses = List.copyOf(sampleLosses);
        }
    }

    /**
     * δ_j = ∂L/∂a_j · f'(z_j) for an output neuron, or a_j − y_j for the cross-entropies.
     *
     * @param lossGradient          ∂L/∂a_j (for the cross-entropies, a_j − y_j)
     * @param activationDerivative  f'(z_j) from a_j (for the cross-entropies, 1)
     * @param outputs               n, the number of outputs (for mean-squared-error's 1/n)
     */
    record OutputDelta(Quantity quantity, Loss loss, Activation activation, Operand output, Operand target,
                       int outputs, double lossGradient, double activationDerivative, double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.outputDelta(this);
        }

        @Override
        public String formula() {
            return "output-delta";
        }
    }

    /**
     * δ_j = (Σ_k W_jk·δ_k) · f'(z_j) for a hidden neuron. The weight operands' keys say which
     * weights were used: {@code Wold} (before the update) or {@code W} (already updated).
     *
     * @param weightedError         Σ_k W_jk·δ_k
     * @param activationDerivative  f'(z_j) from a_j
     */
    record HiddenDelta(Quantity quantity, List<Operand> weights, List<Operand> nextDeltas, Activation activation,
                       Operand output, double weightedError, double activationDerivative, double value)
            implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.hiddenDelta(this);
        }

        @Override
        public String formula() {
            return "hidden-delta";
        }

        /** Copies the lists. */
        public HiddenDelta {
            weights = List.copyOf(weights);
            nextDeltas = List.copyOf(nextDeltas);
        }
    }

    /** ∂L/∂W_ij = δ_j·a_i, or over a batch of m samples (1/m) Σ_s δ_j,s·a_i,s. */
    record WeightGradient(Quantity quantity, List<Operand> deltas, List<Operand> inputs, double value)
            implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.weightGradient(this);
        }

        @Override
        public String formula() {
            return "weight-gradient";
        }

        /** Copies the lists. */
        public WeightGradient {
            deltas = List.copyOf(deltas);
            inputs = List.copyOf(inputs);
        }
    }

    /** ∂L/∂b_j = δ_j, or over a batch (1/m) Σ_s δ_j,s. */
    record BiasGradient(Quantity quantity, List<Operand> deltas, double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.biasGradient(this);
        }

        @Override
        public String formula() {
            return "bias-gradient";
        }

        /** Copies the list. */
        public BiasGradient {
            deltas = List.copyOf(deltas);
        }
    }

    /**
     * θ_new = θ_old − α·x for a weight or a bias, x being its gradient ∂L/∂θ (plain gradient descent),
     * the gradient with weight decay g, or the momentum buffer b (SGD with momentum).
     */
    record Update(Quantity quantity, Operand old, Operand learningRate, Operand gradient, double value)
            implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.update(this);
        }

        @Override
        public String formula() {
            return "gradient-descent-update";
        }
    }

    /** A bias kept as it was (updateBiases false). */
    record Unchanged(Quantity quantity, Operand old, double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unchanged(this);
        }

        @Override
        public String formula() {
            return "unchanged";
        }
    }

    /**
     * g = ∂L/∂θ + λ·θ: L2 weight decay added to the gradient, as PyTorch's {@code weight_decay}.
     *
     * @param gradient  ∂L/∂θ, the batch-mean gradient
     * @param decay     λ
     * @param parameter θ before the update
     */
    record Decay(Quantity quantity, Operand gradient, Operand decay, Operand parameter, double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.decay(this);
        }

        @Override
        public String formula() {
            return "weight-decay";
        }
    }

    /**
     * The momentum buffer b = μ·b + g, or b = g on the first step (PyTorch's SGD, dampening 0).
     *
     * @param previous the buffer after the update before, or null on the first step
     * @param momentum μ
     * @param gradient g (∂L/∂θ, with weight decay where there is some)
     */
    record MomentumBuffer(Quantity quantity, @Nullable Operand previous, Operand momentum, Operand gradient,
                          double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.momentumBuffer(this);
        }

        @Override
        public String formula() {
            return "momentum-buffer";
        }
    }

    /**
     * An exponential moving average: Adam's m = β₁·m + (1 − β₁)·g, or with {@code squared} Adam's
     * v = β₂·v + (1 − β₂)·g² and RMSprop's s = ρ·s + (1 − ρ)·g².
     *
     * @param previous the average after the update before, or null on the first step (where it is 0)
     * @param rate     β₁, β₂ or ρ
     * @param gradient g
     * @param squared  whether g² is averaged
     */
    record MovingAverage(Quantity quantity, @Nullable Operand previous, Operand rate, Operand gradient, boolean squared,
                         double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.movingAverage(this);
        }

        @Override
        public String formula() {
            return squared ? "moving-average-of-squares" : "moving-average";
        }

        /** The average's value before this step: the previous one's, or 0 on the first step. */
        public double previousValue() {
            return previous == null ? 0 : previous.value();
        }
    }

    /**
     * Adam's bias correction m̂ = m / (1 − βᵗ) (or v̂ = v / (1 − β₂ᵗ)).
     *
     * @param moment     m or v of this update
     * @param rate       β₁ or β₂
     * @param step       t, the update's number from 1
     * @param correction 1 − βᵗ
     */
    record BiasCorrection(Quantity quantity, Operand moment, Operand rate, int step, double correction, double value)
            implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.biasCorrection(this);
        }

        @Override
        public String formula() {
            return "bias-correction";
        }
    }

    /**
     * A Nesterov step θ_new = θ_old − α·(g + μ·b).
     *
     * @param direction g + μ·b
     */
    record NesterovUpdate(Quantity quantity, Operand old, Operand learningRate, Operand gradient, Operand momentum,
                          Operand buffer, double direction, double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.nesterovUpdate(this);
        }

        @Override
        public String formula() {
            return "nesterov-update";
        }
    }

    /**
     * An RMSprop or Adam step θ_new = θ_old − α·x / (√y + ε): x = g and y = s for RMSprop, x = m̂ and
     * y = v̂ for Adam.
     *
     * @param numerator x
     * @param average   y
     * @param epsilon   ε
     * @param root      √y
     */
    record AdaptiveUpdate(Quantity quantity, Operand old, Operand learningRate, Operand numerator, Operand average,
                          Operand epsilon, double root, double value) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.adaptiveUpdate(this);
        }

        @Override
        public String formula() {
            return "adaptive-update";
        }
    }
}
