package dev.backprop.engine.nn;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Rounding as on paper: every named quantity is rounded half away from zero, to a number of
 * decimal places or of significant figures, as soon as it is computed.
 *
 * @param significant true for significant figures, false for decimal places
 * @param digits      how many
 */
public record Rounding(boolean significant, int digits) {
    /** The largest number of decimal places allowed (values must survive a trip through double). */
    public static final int MAX_DECIMALS = 12;
    /** The largest number of significant figures allowed. */
    public static final int MAX_SIGNIFICANT = 15;

    /** Checks the digit count; throws {@link ProblemException} at {@code rounding.decimals} or {@code rounding.significant}. */
    public Rounding {
        int min = significant ? 1 : 0;
        int max = significant ? MAX_SIGNIFICANT : MAX_DECIMALS;
        if (digits < min || digits > max) {
            throw ProblemException.of(significant ? "rounding.significant" : "rounding.decimals",
                    "must be from " + min + " to " + max + ", was " + digits);
        }
    }

    /** Rounds to k decimal places. */
    public static Rounding decimals(int k) {
        return new Rounding(false, k);
    }

    /** Rounds to k significant figures. */
    public static Rounding significant(int k) {
        return new Rounding(true, k);
    }

    /** Rounds an exact decimal half away from zero. */
    public BigDecimal round(BigDecimal x) {
        return significant
                ? x.round(new MathContext(digits, RoundingMode.HALF_UP))
                : x.setScale(digits, RoundingMode.HALF_UP);
    }

    /** Rounds the decimal a double stands for (its shortest representation, as typed) half away from zero. */
    public double round(double x) {
        return round(BigDecimal.valueOf(x)).doubleValue();
    }

    /** "4 decimal places" or "3 significant figures". */
    public String describe() {
        return digits + (significant ? " significant figure" : " decimal place") + (digits == 1 ? "" : "s");
    }
}
