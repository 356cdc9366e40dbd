package dev.backprop.engine.check;

import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.trace.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a student's answers to a problem's first update (contract §3). Each answer is judged
 * twice: against the exact value, and against the value worked from the student's own earlier
 * answers as written (right, rounded or wrong), each to the precision the student wrote. It is
 * right when it agrees with the first, carried forward when it agrees only with the second
 * (naming every earlier answer it used), and otherwise wrong, with the known mistake that explains
 * it when one does: each tried in the answer's own step on the student's numbers and on the true
 * ones, throughout the calculation, two at once, and rounding of the values it was worked from.
 *
 * <pre>{@code
 * CheckResult r = Checker.check(problem, Map.of("delta[2][0]", 0.1385, "W[2][0][0]", 0.4410835));
 * r.result("W[2][0][0]").orElseThrow().diagnosis();   // UPDATE_DIRECTION
 * }</pre>
 *
 * <p>How many digits an answer was written with matters (0.1385 is right for 0.138498562, 0.1380
 * is not), so pass answers as {@link BigDecimal} parsed from the text typed, or as text with
 * {@link #checkText}. A {@code double} keeps its shortest decimal form, which loses trailing zeros.
 * To mark many students' answers to one problem, solve it once with {@link #answerKey}.
 */
public final class Checker {
    /** The most decimal places an answer may be written with. */
    public static final int MAX_DECIMALS = 30;
    /** Answers must be smaller than this in magnitude. */
    public static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1e15");

    /**
     * The most step evaluations spent looking for mistakes made throughout the calculation (about a
     * second); beyond it only mistakes made in the answered step itself, and rounding, are looked for.
     */
    public static final long GLOBAL_BUDGET = 200_000L;
    /**
     * The most work one checking does in all, in operands read (a step worked counts as 4 more),
     * about a second of decimal arithmetic on one core, before it stops looking for the mistakes
     * behind the remaining wrong answers, which are then said not to have been looked into; every
     * answer is still marked right, carried forward or wrong. The seed's 2-2-1 with every answer
     * wrong takes about 5,000; 2,000 wrong answers on a 2-64-64-2 network about 6,000,000.
     */
    public static final long SEARCH_BUDGET = 4_000_000L;

    private Checker() {
    }

    /** Solves the problem once, for marking any number of students' answers to it. */
    public static AnswerKey answerKey(Problem problem) {
        return AnswerKey.of(problem);
    }

    /**
     * Checks answers given as numbers: {@link BigDecimal} keeps the digits written; {@code Double}
     * and the other numbers are taken in their shortest decimal form. Throws {@link ProblemException}
     * listing every problem found: solving's (ln 0, divergence, by their contract paths), and
     * {@code answers.<key>} for a key that is not a quantity of this problem or a value that is not a
     * finite number.
     */
    public static CheckResult check(Problem problem, Map<String, ? extends @Nullable Number> answers) {
        return check(problem, answers, AnswerKey.Options.DEFAULT);
    }

    /** {@link #check(Problem, Map)} with the teacher's options (the share of a mark carried forward, the asked quantities). */
    public static CheckResult check(Problem problem, Map<String, ? extends @Nullable Number> answers,
                                    AnswerKey.Options options) {
        Map<String, String> errors = new HashMap<>();
        Map<String, BigDecimal> parsed = numbers(answers, errors);
        return check(problem, answers.keySet(), parsed, errors, options);
    }

    /**
     * Checks answers written as text, as typed: {@code "0.1385"}, {@code "-1.2e-3"}, {@code "−0.5"};
     * a text that is not a number is an {@code answers.<key>} error, like an unknown key.
     */
    public static CheckResult checkText(Problem problem, Map<String, String> answers) {
        return checkText(problem, answers, AnswerKey.Options.DEFAULT);
    }

    /** {@link #checkText(Problem, Map)} with the teacher's options. */
    public static CheckResult checkText(Problem problem, Map<String, String> answers, AnswerKey.Options options) {
        Map<String, String> errors = new HashMap<>();
        Map<String, BigDecimal> parsed = texts(answers, errors);
        return check(problem, answers.keySet(), parsed, errors, options);
    }

    /** Reads answers given as numbers, keeping their digits; a value that is not a finite number is an error. */
    static Map<String, BigDecimal> numbers(Map<String, ? extends @Nullable Number> answers, Map<String, String> errors) {
        Map<String, BigDecimal> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends @Nullable Number> e : answers.entrySet()) {
            Number n = e.getValue();
            BigDecimal d = n == null ? null : decimal(n);
            if (d == null) {
                errors.put(e.getKey(), n == null ? "must be a number" : "must be a finite number, was " + n);
            } else {
                accept(e.getKey(), d, parsed, errors);
            }
        }
        return parsed;
    }

    /** Reads answers written as text; a text that is not a number is an error. */
    static Map<String, BigDecimal> texts(Map<String, String> answers, Map<String, String> errors) {
        Map<String, BigDecimal> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : answers.entrySet()) {
            BigDecimal d = parse(e.getValue());
            if (d == null) {
                errors.put(e.getKey(), "\"" + shorten(e.getValue()) + "\" is not a number");
            } else {
                accept(e.getKey(), d, parsed, errors);
            }
        }
        return parsed;
    }

    /**
     * Whether an answer written with these digits is marked as this value: it agrees to the
     * precision written (0.1385 for 0.138498562), as every answer is judged.
     */
    public static boolean agrees(BigDecimal written, double value) {
        return Marking.agrees(written, value);
    }

    /** Parses an answer as typed, keeping its digits; null when it is not a decimal number. */
    public static @Nullable BigDecimal parse(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().replace('\u2212', '-');
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.isEmpty() || t.length() > 64 || !t.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d{1,3})?")) {
            return null;
        }
        try {
            return normalise(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shorten(@Nullable String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** A number's decimal form: exact for BigDecimal and integers, shortest for double and float. */
    private static @Nullable BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal) {
            return normalise((BigDecimal) n);
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof java.math.BigInteger) {
            return new BigDecimal((java.math.BigInteger) n);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            return null;
        }
        // Double.toString adds ".0" to whole numbers and writes 1.0E-5: drop that zero, it was not written.
        String s = n instanceof Float ? Float.toString(n.floatValue()) : Double.toString(d);
        BigDecimal b = new BigDecimal(s);
        if (s.contains(".0E") || s.endsWith(".0")) {
            b = b.stripTrailingZeros();
        }
        return normalise(b);
    }

    private static BigDecimal normalise(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY) : d;
    }

    private static void accept(String key, BigDecimal d, Map<String, BigDecimal> parsed, Map<String, String> errors) {
        if (Quantity.parse(key).isEmpty()) {
            errors.put(key, "is not a quantity key like delta[2][0], dW[2][0][1] or W[2][0][1]");
        } else if (d.abs().compareTo(MAX_MAGNITUDE) >= 0) {
            errors.put(key, "must be smaller than 10^15 in magnitude, was " + shorten(d.toString()));
        } else if (d.scale() > MAX_DECIMALS) {
            errors.put(key, "has " + d.scale() + " decimal places; at most " + MAX_DECIMALS + " are read");
        } else {
            parsed.put(key, d);
        }
    }

    /**
     * Solves the problem and checks the parsed answers; throws every error at once: solving's
     * (ln 0, divergence), then the answers' in the order they were given.
     */
    private static CheckResult check(Problem problem, Set<String> order, Map<String, BigDecimal> answers,
                                     Map<String, String> answerErrors, AnswerKey.Options options) {
        List<FieldError> errors = new ArrayList<>();
        AnswerKey key = null;
        try {
            key = AnswerKey.of(problem);
            for (String k : answers.keySet()) {
                String why = key.missing(k);
                if (why != null) {
                    answerErrors.put(k, why);
                }
            }
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        for (String k : order) {
            String why = answerErrors.get(k);
            if (why != null) {
                errors.add(new FieldError("answers." + k, why));
            }
        }
        if (!errors.isEmpty() || key == null) {
            throw new ProblemException(errors);
        }
        return key.mark(order, answers, new HashMap<>(), options);
    }
}
