package dev.backprop.engine.check;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The mark for one answer.
 *
 * @param quantity    the quantity's key, e.g. {@code delta[2][0]}
 * @param given       the answer, with the digits it was written with
 * @param expected    the value in the worked solution (rounded as you go when the problem has a rounding rule)
 * @param exact       the exact value (the same as {@code expected} without a rounding rule)
 * @param correct     whether the answer is right
 * @param markedBy    which rule marked it right, or null when it is not
 * @param diagnosis   the known mistake that explains a wrong answer, or null
 * @param explanation a sentence for the student, naming the quantity (and, when wrong, the right value)
 * @param feedback    the same without giving the right value away, for a worksheet that offers a
 *                    hint first and the worked step only on request
 * @param followsFrom the key of the student's earliest wrong answer this one was computed from,
 *                    correctly (when {@code diagnosis} is null) or with the diagnosed mistake; null
 *                    when it does not build on a wrong answer
 * @param hint        the formula to use
 */
public record QuantityResult(String quantity, BigDecimal given, double expected, double exact, boolean correct,
                             Marking.@Nullable MarkedBy markedBy, @Nullable Diagnosis diagnosis, String explanation, String feedback,
                             @Nullable String followsFrom, Hint hint) {

    /** Whether the answer is wrong only because it builds on an earlier wrong answer, with the method right. */
    public boolean carriedForward() {
        return !correct && diagnosis == null && followsFrom != null;
    }
}
