package dev.backprop.engine.check;

import dev.backprop.engine.nn.Rounding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * The marking rule. An answer is right when it lies within one unit of the last digit written of
 * the exact value and is written to at least {@value #MIN_SIGNIFICANT} significant figures of it
 * (so 0.1385 and 0.138 are right for 0.138498562, 0 is not); or, when the problem has a rounding
 * rule, when it equals the value rounded as you go under that rule. An answer that is not right
 * but agrees in the same way with the value worked from the student's own earlier answers, as
 * they wrote them, is carried forward and earns {@code carriedForward} of a mark (a whole one
 * when those earlier answers were themselves right, only rounded).
 *
 * @param rounding       the problem's rounding rule, or null when there is none
 * @param carriedForward the share of a mark an answer carried forward from a wrong earlier answer
 *                       earns, 0 to 1 ({@value #DEFAULT_CARRIED_FORWARD} unless the teacher sets it)
 */
public record Marking(@Nullable Rounding rounding, double carriedForward) {
    /** How many significant figures of the value an answer must show unless it is exactly equal. */
    public static final int MIN_SIGNIFICANT = 2;
    /** The share of a mark for an answer carried forward from a wrong earlier answer, unless set. */
    public static final double DEFAULT_CARRIED_FORWARD = 0.5;

    // Doubles carry about 16 digits: values this close (relative) count as equal.
    private static final BigDecimal RELATIVE_FLOOR = new BigDecimal("1e-12");
    private static final BigDecimal MIN_SIGNIFICANT_FACTOR = BigDecimal.ONE.scaleByPowerOfTen(1 - MIN_SIGNIFICANT);

    /** Checks the share. */
    public Marking {
        if (!(carriedForward >= 0 && carriedForward <= 1)) {
            throw new IllegalArgumentException("carriedForward must be a share of a mark from 0 to 1, was " + carriedForward);
        }
    }

    /** The rule with the default share for answers carried forward. */
    public Marking(@Nullable Rounding rounding) {
        this(rounding, DEFAULT_CARRIED_FORWARD);
    }

    /** The unit of the last digit written: 0.001 for 0.138, 1 for 12. */
    static BigDecimal unit(BigDecimal given) {
        return BigDecimal.ONE.scaleByPowerOfTen(-Math.max(0, given.scale()));
    }

    /**
     * Whether an answer agrees with a value to the digits written: equal, or strictly within one
     * unit of its last digit and written to at least {@value #MIN_SIGNIFICANT} significant figures
     * of the value.
     */
    static boolean agrees(BigDecimal given, BigDecimal value) {
        return agrees(given, value, BigDecimal.ZERO);
    }

    /**
     * {@link #agrees(BigDecimal, BigDecimal)} for a value worked from the student's own written
     * answers: the slack (how much the value moves when those answers move by a unit of their last
     * digit) widens the unit, since the student may have used the digits they did not write.
     */
    static boolean agrees(BigDecimal given, BigDecimal value, BigDecimal slack) {
        BigDecimal gap = given.subtract(value).abs();
        BigDecimal size = value.abs();
        // equal, up to the precision a double carries
        if (gap.compareTo(size.multiply(RELATIVE_FLOOR)) <= 0) {
            return true;
        }
        BigDecimal unit = unit(given);
        if (unit.compareTo(size.multiply(MIN_SIGNIFICANT_FACTOR)) > 0) {
            return false;
        }
        return gap.compareTo(unit.add(slack)) < 0;
    }

    /** {@link #agrees(BigDecimal, BigDecimal)} for a value computed in double precision. */
    static boolean agrees(BigDecimal given, double value) {
        return Double.isFinite(value) && agrees(given, BigDecimal.valueOf(value));
    }

    /** How an answer is marked right: to the digits written, or by the problem's rounding rule. */
    public @Nullable MarkedBy mark(BigDecimal given, double exact, double rounded) {
        if (agrees(given, exact)) {
            return MarkedBy.DIGITS_WRITTEN;
        }
        if (rounding != null && Double.isFinite(rounded) && given.compareTo(BigDecimal.valueOf(rounded)) == 0) {
            return MarkedBy.ROUNDING_RULE;
        }
        return null;
    }

    /**
     * The rule in a sentence, for the page and the JSON answer, with {@code example} as the value
     * it is illustrated on (choose one that is no answer of the page: {@link AnswerKey#example()}).
     */
    public String describe(BigDecimal example) {
        BigDecimal e = example.abs().round(new MathContext(9, RoundingMode.HALF_UP));
        String four = e.round(new MathContext(4, RoundingMode.HALF_UP)).toPlainString();
        String three = e.round(new MathContext(3, RoundingMode.HALF_UP)).toPlainString();
        String digits = "An answer is right when it is within one unit of the last digit you wrote of the exact value,"
                + " written to at least " + MIN_SIGNIFICANT + " significant figures (" + four + " or " + three + " for "
                + show(e) + ")";
        String rule;
        if (rounding == null) {
            rule = digits + ".";
        } else {
            BigDecimal tie = tie(e, rounding);
            rule = digits + ", or when it equals the value rounded as you go to " + rounding.describe()
                    + ", as this problem asks (ties round away from zero: " + tie.toPlainString() + " gives "
                    + rounding.round(tie).toPlainString() + " at " + rounding.describe() + ").";
        }
        String earns = carriedForward == 1 ? "and earns a whole mark"
                : "it earns " + share() + " when one of them was wrong, a whole mark when they were right";
        return rule + " An answer worked correctly from your own earlier answers, as you wrote them, follows from them"
                + " (carried forward)" + (carriedForward == 1 ? " " : ": ") + earns + "; none when an earlier answer makes its step trivial (0, or the same"
                + " value carried over).";
    }

    /** The carried-forward share in words: "half a mark", "0.25 of a mark", "no mark". */
    private String share() {
        if (carriedForward == 1) {
            return "a whole mark";
        }
        if (carriedForward == 0) {
            return "no mark";
        }
        if (carriedForward == 0.5) {
            return "half a mark";
        }
        return show(carriedForward) + " of a mark";
    }

    /** A value half way between two values of the rule, next to e: 0.4275 for 0.427059316 at 3 decimal places. */
    static BigDecimal tie(BigDecimal e, Rounding r) {
        int places = r.significant() ? r.digits() - 1 - (e.precision() - e.scale() - 1) : r.digits();
        BigDecimal down = e.setScale(places, RoundingMode.DOWN);
        return down.add(BigDecimal.ONE.scaleByPowerOfTen(-places).divide(BigDecimal.valueOf(2))).stripTrailingZeros();
    }

    /** Rounds a value to a number of significant figures for display, without trailing zeros. */
    static String show(BigDecimal value) {
        BigDecimal v = value.round(new MathContext(9)).stripTrailingZeros();
        return v.signum() == 0 ? "0" : v.toPlainString();
    }

    /** {@link #show(BigDecimal)} for a double. */
    static String show(double value) {
        return Double.isFinite(value) ? show(new BigDecimal(value)) : String.valueOf(value);
    }

    /** Which rule marked an answer right. */
    public enum MarkedBy {
        /** Within one unit of the last digit written of the exact value. */
        DIGITS_WRITTEN("digits-written"),
        /** Equal to the value rounded as you go under the problem's rounding rule. */
        ROUNDING_RULE("rounding-rule");

        private final String code;

        MarkedBy(String code) {
            this.code = code;
        }

        /** The JSON code, e.g. {@code "digits-written"}. */
        public String code() {
            return code;
        }
    }
}
