package dev.backprop.engine.classroom;

import java.util.Locale;
import java.util.Optional;

/**
 * The short code printed on a variant's handout, e.g. {@code K7QF-2MX}: 30 bits of the variant's
 * hash (bytes 8 to 11 of its SHA-256, the top 30 bits of them read big-endian) written as six
 * symbols of Crockford's base 32 (the digits and the letters but I, L, O and U, so that no two look
 * alike), then a check symbol (Luhn's algorithm mod 32 over the six), which catches any one symbol
 * copied wrong and most swaps of two neighbours. Read back case-insensitively, with I and L taken for
 * 1, O for 0, and dashes and spaces ignored.
 *
 * <pre>{@code
 * String code = VariantCode.of(hash);         // "K7QF-2MX"
 * VariantCode.normalise("k7qf 2mx");          // Optional["K7QF-2MX"]
 * VariantCode.normalise("K7QF-2MY");          // empty: the check symbol does not fit
 * }</pre>
 */
public final class VariantCode {
    /** Crockford's base-32 symbols, in order of their values. */
    static final String SYMBOLS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** How many symbols carry the hash (the check symbol follows). */
    static final int DATA = 6;

    private VariantCode() {
    }

    /** The code of a variant from its SHA-256 hash (32 bytes). */
    static String of(byte[] hash) {
        long bits = ((hash[8] & 0xFFL) << 24 | (hash[9] & 0xFFL) << 16 | (hash[10] & 0xFFL) << 8 | hash[11] & 0xFFL) >>> 2;
        int[] values = new int[DATA];
        for (int k = DATA - 1; k >= 0; k--) {
            values[k] = (int) (bits & 31);
            bits >>>= 5;
        }
        StringBuilder sb = new StringBuilder(DATA + 2);
        for (int v : values) {
            sb.append(SYMBOLS.charAt(v));
        }
        sb.append(SYMBOLS.charAt(check(values)));
        return sb.substring(0, 4) + "-" + sb.substring(4);
    }

    /**
     * The check value of Luhn mod 32: from the rightmost data symbol leftwards, every other value
     * (starting with the rightmost) is doubled and its two base-32 digits added; the check is what
     * brings the sum to a multiple of 32.
     */
    static int check(int[] values) {
        int sum = 0;
        boolean dbl = true;
        for (int k = values.length - 1; k >= 0; k--) {
            int v = values[k];
            if (dbl) {
                v *= 2;
                v = v / 32 + v % 32;
            }
            sum += v;
            dbl = !dbl;
        }
        return (32 - sum % 32) % 32;
    }

    /**
     * A code as typed, in its printed form, when it is one: seven symbols (case, dashes and spaces
     * aside; I and L read as 1, O as 0) whose last is the check of the six before it.
     */
    public static Optional<String> normalise(String typed) {
        StringBuilder sb = new StringBuilder();
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char d = c == 'I' || c == 'L' ? '1' : c == 'O' ? '0' : c;
            if (SYMBOLS.indexOf(d) < 0) {
                return Optional.empty();
            }
            sb.append(d);
        }
        if (sb.length() != DATA + 1) {
            return Optional.empty();
        }
        int[] values = new int[DATA];
        for (int k = 0; k < DATA; k++) {
            values[k] = SYMBOLS.indexOf(sb.charAt(k));
        }
        if (SYMBOLS.indexOf(sb.charAt(DATA)) != check(values)) {
            return Optional.empty();
        }
        return Optional.of(sb.substring(0, 4) + "-" + sb.substring(4));
    }
}
