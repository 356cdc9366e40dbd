package dev.backprop.engine.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * How numbers are written: to a number of significant figures (9 by default) with trailing zeros
 * dropped, in plain decimals for everyday magnitudes and as m × 10^e otherwise.
 *
 * <pre>{@code
 * NumberStyle.DEFAULT.text(-0.010500000000000011)   // "−0.0105"
 * NumberStyle.exact(0.39249999999999996)            // "0.39249999999999996"
 * }</pre>
 *
 * @param digits significant figures, {@link #MIN_DIGITS}..{@link #MAX_DIGITS}
 */
public record NumberStyle(int digits) {
    /** The fewest significant figures a page may ask for. */
    public static final int MIN_DIGITS = 2;
    /** The most significant figures a page may ask for (a double carries 17). */
    public static final int MAX_DIGITS = 17;
    /** Nine significant figures. */
    public static final NumberStyle DEFAULT = new NumberStyle(9);

    private static final BigDecimal PLAIN_MIN = new BigDecimal("1e-5");
    private static final BigDecimal PLAIN_MAX = new BigDecimal("1e9");

    /** Checks the digit count. */
    public NumberStyle {
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            throw new IllegalArgumentException("digits must be " + MIN_DIGITS + ".." + MAX_DIGITS + ", was " + digits);
        }
    }

    /** The style for a requested digit count, falling back to the default when it is missing or out of range. */
    public static NumberStyle of(@Nullable String requested) {
        if (requested != null && requested.matches("\\d{1,2}")) {
            int d = Integer.parseInt(requested);
            if (d >= MIN_DIGITS && d <= MAX_DIGITS) {
                return new NumberStyle(d);
            }
        }
        return DEFAULT;
    }

    /**
     * A number split for writing: its sign, its digits (a plain decimal, or the mantissa) and a
     * power of ten (0 when written plainly).
     *
     * @param negative whether a minus sign is written
     * @param digits   the unsigned digits
     * @param exponent the power of ten, or 0
     */
    public record Written(boolean negative, String digits, int exponent) {
        /** Whether the number is written as a mantissa times a power of ten. */
        public boolean scientific() {
            return exponent != 0;
        }
    }

    /** The number rounded half to even to this style's significant figures, split for writing. */
    public Written write(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int slot = slot(bits, digits);
        Rounded memo = ROUNDED[slot];
        if (memo != null && memo.bits == bits && memo.digits == digits) {
            return memo.written;
        }
        Written w = split(value);
        ROUNDED[slot] = new Rounded(bits, digits, w);
        return w;
    }

    // A page writes each value several times (in formulas, the layout estimate, the LaTeX, the
    // diagram), and a class opens pages of the same numbers: the last few thousand numbers written
    // are remembered, one per slot of a table indexed by a hash of the value. Entries are immutable,
    // so threads may share the tables without locks; a lost write only costs a recomputation.
    private static final int MEMO_BITS = 12;
    private static final int MEMO_SLOTS = 1 << MEMO_BITS;
    private static final Rounded[] ROUNDED = new Rounded[MEMO_SLOTS];
    private static final Exact[] EXACT = new Exact[MEMO_SLOTS];

    private record Rounded(long bits, int digits, Written written) {
    }

    private record Exact(long bits, String text) {
    }

    private static int slot(long bits, int salt) {
        long h = (bits ^ (bits >>> 29) ^ salt) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> (64 - MEMO_BITS));
    }

    private Written split(double value) {
        if (!Double.isFinite(value)) {
            return new Written(false, Double.isNaN(value) ? "NaN" : (value > 0 ? "∞" : "−∞"), 0);
        }
        if (value == 0) {
            return new Written(false, "0", 0);
        }
        BigDecimal rounded = round(value).stripTrailingZeros();
        boolean negative = rounded.signum() < 0;
        BigDecimal abs = rounded.abs();
        if (abs.compareTo(PLAIN_MIN) >= 0 && abs.compareTo(PLAIN_MAX) < 0) {
            return new Written(negative, abs.toPlainString(), 0);
        }
        int exponent = abs.precision() - abs.scale() - 1;
        BigDecimal mantissa = abs.movePointLeft(exponent).stripTrailingZeros();
        return new Written(negative, mantissa.toPlainString(), exponent);
    }

    /**
     * The double's exact binary value rounded half to even to this style's significant figures.
     * Expanding the double exactly (up to 767 digits) and rounding that costs microseconds, and a
     * page writes hundreds of numbers, so the short decimal Java prints for the double is rounded
     * instead whenever that provably gives the same digits: the short decimal s lies within half a
     * unit in the last place of the double x, so the two round alike unless a rounding boundary lies
     * between them, which cannot happen when s is further than |s|·10⁻¹⁵ (more than x's whole unit
     * in the last place) from the nearest boundary. Otherwise (always at 16 or 17 figures, where the
     * boundaries are as close as that) and for subnormal numbers, the double is expanded exactly.
     */
    BigDecimal round(double value) {
        if (Math.abs(value) >= Double.MIN_NORMAL) {
            BigDecimal shortest = BigDecimal.valueOf(value);
            // the digits grid at the short decimal's magnitude: its last kept digit is 10^−scale
            int leading = shortest.precision() - shortest.scale() - 1;
            int scale = digits - 1 - leading;
            BigDecimal rounded = shortest.setScale(scale, RoundingMode.HALF_EVEN);
            BigDecimal margin = BigDecimal.valueOf(5, scale + 1).subtract(shortest.subtract(rounded).abs());
            if (margin.compareTo(shortest.abs().movePointLeft(15)) > 0) {
                return rounded;
            }
        }
        return new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    /** The number as text with a true minus sign and ×10 powers in superscript digits, e.g. {@code −5.08×10⁻⁵}. */
    public String text(double value) {
        Written w = write(value);
        StringBuilder sb = new StringBuilder();
        if (w.negative()) {
            sb.append('−');
        }
        sb.append(w.digits());
        if (w.scientific()) {
            sb.append("×10").append(superscript(w.exponent()));
        }
        return sb.toString();
    }

    /** The number as plain ASCII text, e.g. {@code -0.0105} or {@code 5.08e-5} (for form fields and source code). */
    public String ascii(double value) {
        Written w = write(value);
        return (w.negative() ? "-" : "") + w.digits() + (w.scientific() ? "e" + w.exponent() : "");
    }

    /**
     * The double itself, to all the digits that identify it (Java's shortest round-trip form),
     * written plainly where that is not absurdly long.
     */
    public static String exact(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int slot = slot(bits, 0);
        Exact memo = EXACT[slot];
        if (memo != null && memo.bits == bits) {
            return memo.text;
        }
        String text;
        if (!Double.isFinite(value)) {
            text = Double.toString(value);
        } else {
            String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
            text = plain.length() <= 24 ? plain : Double.toString(value);
        }
        EXACT[slot] = new Exact(bits, text);
        return text;
    }

    /**
     * A count in words' company, thousands grouped as everywhere on the pages: 4,000 epochs, 10,000
     * samples (never 10000 beside 10,000).
     */
    public static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** A count and its noun, singular for one: "1 epoch", "10,000 epochs". */
    public static String count(long n, String singular, String plural) {
        return count(n) + " " + (n == 1 ? singular : plural);
    }

    private static String superscript(int n) {
        String digitsSup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder();
        for (char ch : Integer.toString(n).toCharArray()) {
            sb.append(ch == '-' ? '⁻' : digitsSup.charAt(ch - '0'));
        }
        return sb.toString();
    }
}
