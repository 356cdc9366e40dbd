package dev.backprop.engine.classroom;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The canonical text of a value, the bytes whose SHA-256 seeds a student's variant: JSON with
 * every object's keys in ascending order of their UTF-16 code units, no whitespace, strings with
 * only {@code "}, {@code \} and control characters escaped (as backslash, u and four lower-case hex digits), and
 * numbers as plain decimals without exponent or trailing zeros ({@code 0.5}, {@code 12},
 * {@code -0.0000505}). It depends on the values alone: not on the order fields were written in,
 * the whitespace, or how a number was spelt ({@code 0.50} and {@code 5e-1} are {@code 0.5}).
 */
final class Canonical {
    private Canonical() {
    }

    /** The canonical text of a tree of maps, lists, strings, booleans, numbers and nulls. */
    static String write(@Nullable Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    /** A double as the shortest decimal that reads back to it, plain ({@code 0.1}, not {@code 0.1000000000000000055…}). */
    static BigDecimal number(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("a canonical number is finite, was " + x);
        }
        BigDecimal d = BigDecimal.valueOf(x).stripTrailingZeros();
        return d.signum() == 0 ? BigDecimal.ZERO : d;
    }

    private static void write(@Nullable Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof BigDecimal d) {
            out.append(d.stripTrailingZeros().toPlainString());
        } else if (value instanceof Double d) {
            out.append(number(d).toPlainString());
        } else if (value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put((String) k, v));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no canonical form for " + value.getClass().getSimpleName());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
