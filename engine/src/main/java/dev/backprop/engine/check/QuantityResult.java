package dev.backprop.engine.check;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The mark for one answer.
 *
 * @param quantity    the quantity's key, e.g. {@code delta[2][0]}
 * @param given       the answer, with the digits it was written with
 * @param expected    the value in the worked solution (rounded as you go when the problem has a rounding rule)
 * @param exact       the exact value (the same as {@code expected} without a rounding rule)
 * @param mark        right, carried forward (right from the student's own earlier answers) or wrong
 * @param marks       the marks it earns: 1 when right, the carried-forward share (see {@link
 *                    Marking#carriedForward()}) or 1 when carried forward, 0 when wrong
 * @param markedBy    which rule marked it right, or null when it is not right
 * @param diagnoses   the known mistakes that explain a wrong answer, the one made in this step first
 *                    (two when a slip in this step sits on top of one made earlier); empty when none does
 * @param explanation what the mark means, about this quantity, quoting the numbers used and the right value
 * @param feedback    the same without giving away the right value of this or any other asked quantity,
 *                    for a worksheet that offers a hint first and the worked step only on request
 * @param followsFrom the keys of the student's earlier answers this one was worked from (right or not),
 *                    in the order of the worked solution; empty when it uses none
 * @param trivial     whether it follows from earlier answers that make its step trivial (an earlier
 *                    answer of 0, or a result equal to one of its operands), and so earns no credit
 * @param hint        the formula to use
 */
public record QuantityResult(String quantity, BigDecimal given, double expected, double exact, Mark mark, double marks,
                             Marking.@Nullable MarkedBy markedBy, List<Diagnosis> diagnoses, Explanation explanation,
                             Explanation feedback, List<String> followsFrom, boolean trivial, Hint hint) {
    /** Copies the lists. */
    public QuantityResult {
        diagnoses = List.copyOf(diagnoses);
        followsFrom = List.copyOf(followsFrom);
    }

    /** Whether the answer is right. */
    public boolean correct() {
        return mark == Mark.RIGHT;
    }

    /** Whether the answer is right from the student's own earlier answers, not from the exact values. */
    public boolean carriedForward() {
        return mark == Mark.CARRIED_FORWARD;
    }

    /** The mistake that explains a wrong answer (the one made in this step), or null. */
    public @Nullable Diagnosis diagnosis() {
        return diagnoses.isEmpty() ? null : diagnoses.get(0);
    }

    /** How an answer is marked; {@link #code()} as in contract §5's gradebook. */
    public enum Mark {
        /** Agrees with the exact value (or the problem's rounding rule). */
        RIGHT("right"),
        /** Agrees with the value worked from the student's own earlier answers, as written. */
        CARRIED_FORWARD("carried-forward"),
        /** Neither. */
        WRONG("wrong");

        private final String code;

        Mark(String code) {
            this.code = code;
        }

        /** The code, e.g. {@code "carried-forward"}. */
        public String code() {
            return code;
        }
    }
}
