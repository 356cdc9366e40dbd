package dev.backprop.engine.check;

import java.util.Optional;

/**
 * The known mistakes a wrong answer can be explained by; {@link #code()} is the contract's §3
 * vocabulary (the first ten) or a code the project adds.
 */
public enum Diagnosis {
    /** The sign is wrong: y − a written for a − y, or a gradient given the opposite sign. */
    SIGN_FLIPPED("sign-flipped"),
    /** δ without the activation's derivative f′(z). */
    MISSING_ACTIVATION_DERIVATIVE("missing-activation-derivative"),
    /** Off by two: the ½ of the half-squared-error loss, or the 2 of a squared error, mishandled. */
    FACTOR_OF_TWO("factor-of-two"),
    /** A sum where a mean belongs or the reverse: the batch's gradients, mean-squared-error's 1/n, the data-set loss. */
    MEAN_VS_SUM("mean-vs-sum"),
    /** A hidden δ from the already-updated weights of the layer above. */
    USED_UPDATED_WEIGHTS("used-updated-weights"),
    /** θ + α·g instead of θ − α·g. */
    UPDATE_DIRECTION("update-direction"),
    /** θ − g instead of θ − α·g. */
    LEARNING_RATE_OMITTED("learning-rate-omitted"),
    /** The value before the update given as the updated one. */
    NOT_UPDATED("not-updated"),
    /** W[l][i][j] used or given for W[l][j][i]. */
    SWAPPED_INDICES("swapped-indices"),
    /** Rounded too early or too coarsely. */
    ROUNDING("rounding"),
    /** z used where a belongs: the derivative written in z, or a gradient taken with z of the layer below. */
    USED_Z_NOT_A("used-z-not-a"),
    /** Another activation's derivative, e.g. sigmoid's a(1 − a) for a tanh layer. */
    WRONG_ACTIVATION_DERIVATIVE("wrong-activation-derivative"),
    /** With a cross-entropy loss, δ = a − y multiplied by the activation's derivative all the same. */
    EXTRA_ACTIVATION_DERIVATIVE("extra-activation-derivative"),
    /** z computed without the bias. */
    BIAS_OMITTED("bias-omitted"),
    /** A bias updated although the problem keeps biases fixed. */
    UPDATED_FIXED_BIAS("updated-fixed-bias"),
    /** The momentum term μ·b subtracted where it is added (b = μ·b + g; Nesterov's g + μ·b). */
    MOMENTUM_SIGN("momentum-sign"),
    /** Adam's bias correction left out: m (or v) used for m̂ = m / (1 − β₁ᵗ). */
    BIAS_CORRECTION_OMITTED("bias-correction-omitted"),
    /** ε added inside the square root, √(v̂ + ε), where the step divides by √v̂ + ε. */
    EPSILON_INSIDE_ROOT("epsilon-inside-root"),
    /** β and 1 − β swapped in a moving average: β·g + (1 − β)·m for β·m + (1 − β)·g. */
    BETA_SWAPPED("beta-swapped");

    private final String code;

    Diagnosis(String code) {
        this.code = code;
    }

    /** The code as it appears in the JSON answer, e.g. {@code "update-direction"}. */
    public String code() {
        return code;
    }

    /** Whether contract §3 lists this code (the others are the project's additions). */
    public boolean inContract() {
        return ordinal() <= ROUNDING.ordinal();
    }

    /** Finds a diagnosis by its code. */
    public static Optional<Diagnosis> byCode(String code) {
        for (Diagnosis d : values()) {
            if (d.code.equals(code)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
