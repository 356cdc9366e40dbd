package dev.backprop.engine.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What is wrong with malformed JSON, in words a person fixing it by hand can act on: what was found,
 * what was expected there, and the text around the place, instead of the parser's own message
 * ("Unexpected character (']' (code 93)): expected a valid value (JSON String, Number …").
 *
 * <pre>{@code
 * SyntaxWords.explain("Unexpected character (']' (code 93)): expected a valid value …")
 * // "a value was expected before “]”: a list or object may not end with a comma"
 * }</pre>
 */
final class SyntaxWords {
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.{0,60}?)': was expecting.*", Pattern.DOTALL);
    private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.)' \\(code \\d+\\)\\)(.*)", Pattern.DOTALL);
    private static final Pattern CLOSE = Pattern.compile("Unexpected close marker '(.)': expected '(.)'.*", Pattern.DOTALL);
    private static final Pattern ESCAPE = Pattern.compile("Unrecognized character escape '(.)'.*", Pattern.DOTALL);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.{0,60}?)'.*", Pattern.DOTALL);
    private static final Pattern CONTROL = Pattern.compile("Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*", Pattern.DOTALL);
    private static final String VALUES = "a value is a number (0.5), a text in double quotes (\"sigmoid\"), true, false, null, "
            + "a list [ … ] or an object { … }";

    /** Bodies up to this many bytes are decoded again to quote the text around a mistake; larger ones are not. */
    static final int DECODE_FOR_EXCERPT = 64 * 1024;

    private SyntaxWords() {
    }

    /**
     * JSON bytes as text, in the encoding JSON's rules find (RFC 8259 with RFC 4627's detection):
     * a byte order mark, or the zero bytes of UTF-16 and UTF-32 around the first character, else UTF-8.
     */
    static String decode(byte[] b) {
        int n = b.length;
        if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return new String(b, 3, n - 3, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (n >= 4 && b[0] == 0 && b[1] == 0) {
            return new String(b, java.nio.charset.Charset.forName("UTF-32BE"));
        }
        if (n >= 4 && b[2] == 0 && b[3] == 0 && b[1] == 0) {
            return new String(b, java.nio.charset.Charset.forName("UTF-32LE"));
        }
        if (n >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF || b[0] == 0)) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_16BE).replace("\uFEFF", "");
        }
        if (n >= 2 && ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE || b[1] == 0)) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_16LE).replace("\uFEFF", "");
        }
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The parser's message said in words; null when it is not one of the mistakes known here. */
    static @Nullable String explain(String parser) {
        Matcher m;
        if ((m = TOKEN.matcher(parser)).matches()) {
            String token = m.group(1);
            for (String word : new String[] {"true", "false", "null"}) {
                if (!token.isEmpty() && word.startsWith(token.toLowerCase(java.util.Locale.ROOT)) && !word.equals(token)) {
                    return "“" + token + "” is not a JSON value; did you mean " + word + "?";
                }
            }
            return "“" + token + "” is not a JSON value: " + VALUES;
        }
        if ((m = CLOSE.matcher(parser)).matches()) {
            String found = m.group(1);
            String expected = m.group(2);
            return "“" + found + "” closes " + (found.equals("]") ? "a list" : "an object") + " here, but the last one opened is "
                    + (expected.equals("]") ? "a list [ (close it with ] first)" : "an object { (close it with } first)");
        }
        if ((m = CHARACTER.matcher(parser)).matches()) {
            return character(m.group(1), m.group(2));
        }
        if ((m = ESCAPE.matcher(parser)).matches()) {
            return "“\\" + m.group(1) + "” is not an escape JSON knows: inside a text write \\\\ for a backslash, \\\" for a "
                    + "double quote, \\n for a new line";
        }
        if ((m = DUPLICATE.matcher(parser)).matches()) {
            return "the field “" + m.group(1) + "” appears twice in the same object; keep one";
        }
        if ((m = CONTROL.matcher(parser)).matches()) {
            return m.group(1).equals("9")
                    ? "a text in double quotes holds a tab: write it as \\t"
                    : "a text in double quotes runs on past the end of its line: close it with \" on the same line "
                    + "(a line break inside a text is written \\n)";
        }
        if (parser.contains("Leading zeroes not allowed")) {
            return "a number may not start with 0 followed by more digits: write 1 or 0.1, not 01";
        }
        if (parser.contains("Invalid UTF-8")) {
            return "has bytes that are not UTF-8 text; save the file as UTF-8";
        }
        return null;
    }

    /** An unexpected character, by what was expected instead. */
    private static String character(String ch, String rest) {
        String found = "“" + ch + "”";
        if (rest.contains("expected digit (0-9) to follow minus sign")) {
            return "a minus sign must be followed by digits: −0.5 is written -0.5";
        }
        if (rest.contains("Exponent indicator not followed by a digit")) {
            return "the e of a number must be followed by digits: 1e-3, not 1e";
        }
        if (rest.contains("Decimal point not followed by a digit")) {
            return "a decimal point must be followed by digits: write 1 or 1.0, not 1.";
        }
        if (rest.contains("plus sign")) {
            return "a number may not start with +: write 1, not +1";
        }
        if (rest.contains("double-quote to start field name")) {
            if (ch.equals("}")) {
                return "a field name was expected before “}”: an object may not end with a comma";
            }
            if (ch.equals("'")) {
                return "field names are written in double quotes (\"loss\"), not single quotes";
            }
            return "a field name in double quotes was expected, found " + found + " (write \"name\": value)";
        }
        if (rest.contains("colon to separate field name and value")) {
            return "a colon (:) was expected between a field's name and its value, found " + found;
        }
        if (rest.contains("comma to separate Object entries")) {
            return "a comma (,) or } was expected after a field's value, found " + found
                    + " (fields of an object are separated by commas)";
        }
        if (rest.contains("comma to separate Array entries")) {
            return "a comma (,) or ] was expected after a list's item, found " + found + " (items of a list are separated by commas)";
        }
        if (rest.contains("expected a valid value")) {
            if (ch.equals("]") || ch.equals("}")) {
                return "a value was expected before " + found + ": a list or object may not end with a comma";
            }
            if (ch.equals(".")) {
                return "a number starts with a digit: write 0.5, not .5";
            }
            if (ch.equals("'")) {
                return "texts are written in double quotes (\"sigmoid\"), not single quotes";
            }
            return found + " cannot start a value: " + VALUES;
        }
        return null;
    }

    /**
     * The text around a place, for "(near …)": the line up to a little after the column, cut to fit
     * a message; "" when the place is not in the text.
     */
    static String near(String text, int line, int column) {
        if (line < 1 || column < 1) {
            return "";
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        if (line > lines.length) {
            return "";
        }
        String l = lines[line - 1];
        int at = Math.min(column - 1, l.length());
        int from = Math.max(0, at - 30);
        int to = Math.min(l.length(), at + 12);
        String excerpt = l.substring(from, to).strip();
        return excerpt.isEmpty() ? "" : " (near “" + (from > 0 ? "…" : "") + excerpt + (to < l.length() ? "…" : "") + "”)";
    }
}
