package dev.backprop.engine.check;

/**
 * The value a known mistake gives for a quantity of the first update, as the checker works it
 * when it looks for the mistake behind a wrong answer (see {@link AnswerKey#mistakeValues}).
 *
 * @param diagnosis what the checker names the mistake
 * @param where     how the mistake was made: in the quantity's own step, throughout, or by giving
 *                  the transposed weight
 * @param value     the value it gives
 */
public record MistakeValue(Diagnosis diagnosis, Where where, double value) {
    /** How a mistake is made. */
    public enum Where {
        /** In the quantity's own step, on the true values of its operands. */
        IN_STEP,
        /** In every step it applies to, from the start of the calculation. */
        THROUGHOUT,
        /** The value of the weight (or gradient) with its indices swapped. */
        TRANSPOSED
    }
}
