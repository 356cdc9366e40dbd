package dev.backprop.engine.check;

import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.trace.Step;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One way of making a known mistake: which diagnosis it is, which kinds of step it changes when
 * made in one step only (local) and when made throughout (global), and whether it can happen in a
 * problem at all. The arithmetic of each mistake lives in {@link Replay}.
 */
enum Mistake {
    /** δ from y − a; locally, any δ or gradient with its sign flipped. */
    SIGN_FLIPPED(Diagnosis.SIGN_FLIPPED,
            Set.of(Step.OutputDelta.class, Step.HiddenDelta.class, Step.WeightGradient.class, Step.BiasGradient.class),
            Set.of(Step.OutputDelta.class)),
    /** δ without f′. */
    MISSING_DERIVATIVE(Diagnosis.MISSING_ACTIVATION_DERIVATIVE,
            Set.of(Step.OutputDelta.class, Step.HiddenDelta.class), null),
    /** Half-squared-error differentiated as if it had no ½ (δ twice too big), or its loss written without the ½. */
    HALF_DROPPED(Diagnosis.FACTOR_OF_TWO, Set.of(Step.OutputDelta.class, Step.SampleLoss.class), null),
    /** Squared error differentiated without the 2 of the square (δ half as big). */
    TWO_DROPPED(Diagnosis.FACTOR_OF_TWO, Set.of(Step.OutputDelta.class), null),
    /** A batch's gradients added instead of averaged. */
    BATCH_SUM(Diagnosis.MEAN_VS_SUM, Set.of(Step.WeightGradient.class, Step.BiasGradient.class), null),
    /** Mean-squared-error's 1/n left out (of δ and of the loss). */
    MSE_WITHOUT_MEAN(Diagnosis.MEAN_VS_SUM, Set.of(Step.OutputDelta.class, Step.SampleLoss.class), null),
    /** A summed loss divided by the number of outputs as if it were a mean. */
    SUM_AS_MEAN(Diagnosis.MEAN_VS_SUM, Set.of(Step.OutputDelta.class, Step.SampleLoss.class), null),
    /** The data-set loss added over the samples instead of averaged. */
    DATASET_SUM(Diagnosis.MEAN_VS_SUM, Set.of(Step.DatasetLoss.class), null),
    /** Hidden δ from the already-updated weights of the layer above. */
    UPDATED_WEIGHTS(Diagnosis.USED_UPDATED_WEIGHTS, Set.of(Step.HiddenDelta.class), null),
    /** θ + α·g (or + the optimizer's step). */
    UPDATE_DIRECTION(Diagnosis.UPDATE_DIRECTION, Kinds.UPDATES, null),
    /** θ − g (the step without α). */
    LEARNING_RATE_OMITTED(Diagnosis.LEARNING_RATE_OMITTED, Kinds.UPDATES, null),
    /** θ. */
    NOT_UPDATED(Diagnosis.NOT_UPDATED, Kinds.UPDATES, null),
    /** z_j from W[l][i][j] instead of W[l][j][i] (square layers). */
    SWAPPED_FORWARD(Diagnosis.SWAPPED_INDICES, Set.of(Step.WeightedSum.class), null),
    /** A hidden δ_j from the row W[l+1][j][k] instead of the column W[l+1][k][j]. */
    SWAPPED_BACKWARD(Diagnosis.SWAPPED_INDICES, Set.of(Step.HiddenDelta.class), null),
    /** f′ written in z: z(1 − z) for sigmoid, 1 − z² for tanh. */
    DERIVATIVE_OF_Z(Diagnosis.USED_Z_NOT_A, Set.of(Step.OutputDelta.class, Step.HiddenDelta.class), null),
    /** ∂L/∂W = δ·z of the layer below instead of δ·a. */
    GRADIENT_FROM_Z(Diagnosis.USED_Z_NOT_A, Set.of(Step.WeightGradient.class), null),
    /** Sigmoid's a(1 − a) for the other activations, tanh's 1 − a² for sigmoid. */
    OTHER_DERIVATIVE(Diagnosis.WRONG_ACTIVATION_DERIVATIVE, Set.of(Step.OutputDelta.class, Step.HiddenDelta.class), null),
    /** (a − y)·a(1 − a) with a cross-entropy loss. */
    EXTRA_DERIVATIVE(Diagnosis.EXTRA_ACTIVATION_DERIVATIVE, Set.of(Step.OutputDelta.class), null),
    /** z = Σ W·a without b. */
    BIAS_OMITTED(Diagnosis.BIAS_OMITTED, Set.of(Step.WeightedSum.class), null),
    /** A fixed bias updated all the same. */
    FIXED_BIAS_UPDATED(Diagnosis.UPDATED_FIXED_BIAS, Set.of(Step.Unchanged.class), null),
    /** The momentum term μ·b subtracted: b = g − μ·b, or a Nesterov step θ − α·(g − μ·b). */
    MOMENTUM_SIGN(Diagnosis.MOMENTUM_SIGN, Set.of(Step.MomentumBuffer.class, Step.NesterovUpdate.class), null),
    /** β·g + (1 − β)·m for β·m + (1 − β)·g in a moving average (Adam's moments, RMSprop's average). */
    BETA_SWAPPED(Diagnosis.BETA_SWAPPED, Set.of(Step.MovingAverage.class), null),
    /** m̂ = m: Adam's bias correction left out. */
    CORRECTION_OMITTED(Diagnosis.BIAS_CORRECTION_OMITTED, Set.of(Step.BiasCorrection.class), null),
    /** √(y + ε) for √y + ε in an RMSprop or Adam step. */
    EPSILON_INSIDE(Diagnosis.EPSILON_INSIDE_ROOT, Set.of(Step.AdaptiveUpdate.class), null);

    /** The steps that update a parameter: plain or momentum, Nesterov, RMSprop and Adam. */
    private static final class Kinds {
        static final Set<Class<? extends Step>> UPDATES = Set.of(Step.Update.class, Step.NesterovUpdate.class,
                Step.AdaptiveUpdate.class);
    }

    private final Diagnosis diagnosis;
    private final Set<Class<? extends Step>> local;
    private final Set<Class<? extends Step>> global;

    Mistake(Diagnosis diagnosis, Set<Class<? extends Step>> local, @Nullable Set<Class<? extends Step>> global) {
        this.diagnosis = diagnosis;
        this.local = local;
        this.global = global == null ? local : global;
    }

    /** The diagnosis this mistake is named by. */
    Diagnosis diagnosis() {
        return diagnosis;
    }

    /** Whether the mistake changes this kind of step when made in one step alone. */
    boolean changesLocally(Class<? extends Step> kind) {
        return local.contains(kind);
    }

    /** Whether the mistake changes this kind of step when made throughout the calculation. */
    boolean changesGlobally(Class<? extends Step> kind) {
        return global.contains(kind);
    }

    /** Whether the mistake can be made in this problem at all (e.g. a batch sum needs a batch). */
    boolean possibleIn(Problem p) {
        Loss loss = p.loss();
        int outputs = p.network().output().size();
        return switch (this) {
            case HALF_DROPPED -> loss == Loss.HALF_SQUARED_ERROR;
            case TWO_DROPPED -> loss == Loss.SQUARED_ERROR || loss == Loss.MEAN_SQUARED_ERROR;
            case BATCH_SUM -> p.effectiveBatchSize() > 1;
            case MSE_WITHOUT_MEAN -> loss == Loss.MEAN_SQUARED_ERROR && outputs > 1;
            case SUM_AS_MEAN -> (loss == Loss.HALF_SQUARED_ERROR || loss == Loss.SQUARED_ERROR) && outputs > 1;
            case DATASET_SUM -> p.samples().size() > 1;
            case UPDATED_WEIGHTS -> p.hiddenDeltaWeights() == HiddenDeltaWeights.ORIGINAL && p.network().depth() > 2;
            case EXTRA_DERIVATIVE -> loss.deltaIsOutputMinusTarget();
            case MISSING_DERIVATIVE, DERIVATIVE_OF_Z, OTHER_DERIVATIVE ->
                    !loss.deltaIsOutputMinusTarget() || p.network().depth() > 2;
            case FIXED_BIAS_UPDATED -> !p.updateBiases();
            case MOMENTUM_SIGN -> p.optimizer().kind() == Optimizer.Kind.MOMENTUM || p.optimizer().kind() == Optimizer.Kind.NESTEROV;
            case BETA_SWAPPED, EPSILON_INSIDE -> p.optimizer().kind() == Optimizer.Kind.RMSPROP
                    || p.optimizer().kind() == Optimizer.Kind.ADAM;
            case CORRECTION_OMITTED -> p.optimizer().kind() == Optimizer.Kind.ADAM;
            default -> true;
        };
    }
}
