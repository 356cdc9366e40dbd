package dev.backprop.engine.check;

import dev.backprop.engine.nn.Rounding;
import java.math.BigDecimal;
import java.math.MathContext;
import org.jspecify.annotations.Nullable;

/**
 * The marking rule. An answer is right when it lies within one unit of the last digit written of
 * the exact value and is written to at least {@value #MIN_SIGNIFICANT} significant figures of it
 * (so 0.1385 and 0.138 are right for 0.138498562, 0 is not); or, when the problem has a rounding
 * rule, when it equals the value rounded as you go under that rule.
 *
 * @param rounding the problem's rounding rule, or null when there is none
 */
public record Marking(@Nullable Rounding rounding) {
    /** How many significant figures of the value an answer must show unless it is exactly equal. */
    public static final int MIN_SIGNIFICANT = 2;

    // Doubles carry about 16 digits: values this close (relative) count as equal.
    private static final BigDecimal RELATIVE_FLOOR = new BigDecimal("1e-12");
    private static final BigDecimal MIN_SIGNIFICANT_FACTOR = BigDecimal.ONE.scaleByPowerOfTen(1 - MIN_SIGNIFICANT);

    /** The unit of the last digit written: 0.001 for 0.138, 1 for 12. */
    public static BigDecimal unit(BigDecimal given) {
        return BigDecimal.ONE.scaleByPowerOfTen(-Math.max(0, given.scale()));
    }

    /**
     * Whether an answer agrees with a value to the digits written: equal, or strictly within one
     * unit of its last digit and written to at least {@value #MIN_SIGNIFICANT} significant figures
     * of the value.
     */
    public static boolean agrees(BigDecimal given, BigDecimal value) {
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
    public static boolean agrees(BigDecimal given, double value) {
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

    /** The rule in a sentence, for the page and the JSON answer. */
    public String describe() {
        String digits = "An answer is right when it is within one unit of the last digit you wrote of the exact value,"
                + " written to at least " + MIN_SIGNIFICANT + " significant figures (0.1385 or 0.138 for 0.138498562)";
        if (rounding == null) {
            return digits + ".";
        }
        return digits + ", or when it equals the value rounded as you go to " + rounding.describe()
                + ", as this problem asks (ties round away from zero: 0.3925 gives 0.393 at 3 decimal places).";
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
