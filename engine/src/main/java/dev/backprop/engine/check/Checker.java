package dev.backprop.engine.check;

import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.trace.Trace;
import dev.backprop.engine.train.Solver;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks a student's answers to a problem's first update: marks each one (contract §3), credits
 * an answer that follows correctly from the student's own earlier wrong answer, and names the
 * known mistake that explains a wrong number.
 *
 * <pre>{@code
 * CheckResult r = Checker.check(problem, Map.of("delta[2][0]", 0.1385, "W[2][0][0]", 0.4410835));
 * r.result("W[2][0][0]").orElseThrow().diagnosis();   // UPDATE_DIRECTION
 * }</pre>
 *
 * <p>How many digits an answer was written with matters (0.1385 is right for 0.138498562, 0.1380
 * is not), so pass answers as {@link BigDecimal} parsed from the text typed, or as text with
 * {@link #checkText}. A {@code double} keeps its shortest decimal form, which loses trailing zeros.
 */
public final class Checker {
    /** The most decimal places an answer may be written with. */
    public static final int MAX_DECIMALS = 30;
    /** Answers must be smaller than this in magnitude. */
    public static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1e15");

    // Coarser rules tried for the rounding diagnosis: rounding as you go to these.
    private static final List<Rounding> COARSE = List.of(
            Rounding.decimals(1), Rounding.decimals(2), Rounding.decimals(3), Rounding.decimals(4),
            Rounding.decimals(5), Rounding.decimals(6), Rounding.significant(1), Rounding.significant(2),
            Rounding.significant(3), Rounding.significant(4));

    /**
     * The most step evaluations spent looking for mistakes made throughout the calculation (about a
     * second); beyond it only mistakes made in the answered step itself are named.
     */
    public static final long GLOBAL_BUDGET = 200_000L;

    // A value worked from the student's answers must be pinned down to 1% by them to count as evidence.
    private static final BigDecimal SLACK_LIMIT = new BigDecimal("0.01");

    private Checker() {
    }

    /**
     * Checks answers given as numbers: {@link BigDecimal} keeps the digits written; {@code Double}
     * and the other numbers are taken in their shortest decimal form. Throws {@link ProblemException}
     * listing every problem found: the problem's own errors (by their contract paths), and
     * {@code answers.<key>} for a key that is not a quantity of this problem or a value that is not a
     * finite number.
     */
    public static CheckResult check(Problem problem, Map<String, ? extends @Nullable Number> answers) {
        Map<String, String> errors = new HashMap<>();
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
        return check(problem, answers.keySet(), parsed, errors);
    }

    /**
     * Checks answers written as text, as typed: {@code "0.1385"}, {@code "-1.2e-3"}, {@code "−0.5"};
     * a text that is not a number is an {@code answers.<key>} error, like an unknown key.
     */
    public static CheckResult checkText(Problem problem, Map<String, String> answers) {
        Map<String, String> errors = new HashMap<>();
        Map<String, BigDecimal> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : answers.entrySet()) {
            BigDecimal d = parse(e.getValue());
            if (d == null) {
                errors.put(e.getKey(), "\"" + shorten(e.getValue()) + "\" is not a number");
            } else {
                accept(e.getKey(), d, parsed, errors);
            }
        }
        return check(problem, answers.keySet(), parsed, errors);
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
     * Solves the problem and checks the parsed answers; throws every error at once: the problem's
     * (or its solving's), then the answers' in the order they were given.
     */
    private static CheckResult check(Problem problem, Set<String> order, Map<String, BigDecimal> answers,
                                     Map<String, String> answerErrors) {
        List<FieldError> errors = new ArrayList<>(problem.check());
        Run run = null;
        if (errors.isEmpty()) {
            try {
                run = Run.of(problem, answers);
                for (String key : answers.keySet()) {
                    String why = run.missing(key);
                    if (why != null) {
                        answerErrors.put(key, why);
                    }
                }
            } catch (ProblemException e) {
                errors.addAll(e.errors());
            }
        }
        for (String key : order) {
            String why = answerErrors.get(key);
            if (why != null) {
                errors.add(new FieldError("answers." + key, why));
            }
        }
        if (!errors.isEmpty() || run == null) {
            throw new ProblemException(errors);
        }
        return run.check();
    }

    /** One checking: the worked solution, the answers, and the replays made to explain them. */
    private static final class Run {
        private final Problem problem;
        private final List<Step> steps;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Step> exactSteps = new HashMap<>();
        private final Map<String, BigDecimal> answers;
        private final Marking marking;
        private final Set<String> wrong = new HashSet<>();
        private final Map<Mistake, Replay> globalStudent = new EnumMap<>(Mistake.class);
        private final Map<Mistake, Replay> globalPure = new EnumMap<>(Mistake.class);
        private final Map<Rounding, Replay> early = new HashMap<>();
        private final Map<Mistake, Integer> firstChange = new EnumMap<>(Mistake.class);
        private @Nullable Replay student;
        private @Nullable Replay pure;
        private int last;

        Run(Problem problem, Trace trace, Trace exact, Map<String, BigDecimal> answers) {
            this.problem = problem;
            this.steps = trace.steps();
            for (int i = 0; i < steps.size(); i++) {
                index.putIfAbsent(steps.get(i).quantity().key(), i);
            }
            for (Step s : exact.steps()) {
                exactSteps.putIfAbsent(s.quantity().key(), s);
            }
            this.answers = answers;
            this.marking = new Marking(problem.rounding());
        }

        /** Solves the first update, as written and (under a rounding rule) exactly. */
        static Run of(Problem problem, Map<String, BigDecimal> answers) {
            Problem once = new Problem(problem.network(), problem.loss(), problem.learningRate(), problem.samples(), 1,
                    problem.batchSize(), problem.updateBiases(), problem.hiddenDeltaWeights(), problem.rounding(),
                    problem.given());
            Trace trace = Solver.solve(once).firstUpdate();
            Trace exact = problem.rounding() == null ? trace : Solver.solve(new Problem(once.network(), once.loss(),
                    once.learningRate(), once.samples(), 1, once.batchSize(), once.updateBiases(),
                    once.hiddenDeltaWeights(), null, once.given())).firstUpdate();
            return new Run(once, trace, exact, answers);
        }

        /** Why an answered key is not a quantity of this problem's first update, or null when it is one. */
        @Nullable String missing(String key) {
            return index.containsKey(key) ? null : missing(Quantity.parse(key).orElseThrow());
        }

        CheckResult check() {
            List<String> keys = new ArrayList<>(answers.keySet());
            keys.sort(Comparator.comparingInt(index::get));
            Map<String, Marking.MarkedBy> marks = new HashMap<>();
            for (String key : keys) {
                Marking.MarkedBy by = marking.mark(answers.get(key), exactValue(key), step(key).value());
                if (by == null) {
                    wrong.add(key);
                    last = Math.max(last, index.get(key));
                } else {
                    marks.put(key, by);
                }
            }
            List<QuantityResult> results = new ArrayList<>();
            int right = 0;
            int carried = 0;
            for (String key : keys) {
                QuantityResult r = marks.containsKey(key) ? right(key, marks.get(key)) : wrongResult(key);
                right += r.correct() ? 1 : 0;
                carried += r.carriedForward() ? 1 : 0;
                results.add(r);
            }
            return new CheckResult(results, right, carried, results.size(), marking);
        }

        private Step step(String key) {
            return steps.get(index.get(key));
        }

        private double exactValue(String key) {
            Step s = exactSteps.get(key);
            return s == null ? step(key).value() : s.value();
        }

        private QuantityResult right(String key, Marking.MarkedBy by) {
            Step s = step(key);
            BigDecimal given = answers.get(key);
            String explanation = Explain.right(s.quantity(), given, exactValue(key), by, marking);
            return new QuantityResult(key, given, s.value(), exactValue(key), true, by, null, explanation, explanation,
                    null, Hint.of(s));
        }

        /**
         * A finding: the diagnosis (null when the answer carries an earlier one forward), its clause,
         * the clause without the right value (for feedback that does not give it away) and its sources.
         */
        private record Finding(@Nullable Diagnosis diagnosis, String clause, String quietClause, Set<String> sources) {
            Finding(@Nullable Diagnosis diagnosis, String clause, Set<String> sources) {
                this(diagnosis, clause, clause, sources);
            }
        }

        private QuantityResult wrongResult(String key) {
            Step s = step(key);
            BigDecimal given = answers.get(key);
            Hint hint = Hint.of(s);
            Finding f = explain(key, s, given);
            List<String> sources = f == null ? List.of() : ordered(f.sources());
            String explanation;
            String feedback;
            if (f == null) {
                explanation = Explain.unexplained(s.quantity(), given, s.value(), hint);
                feedback = Explain.unexplained(s.quantity(), given, null, hint);
            } else if (f.diagnosis() == null) {
                explanation = Explain.carriedForward(s.quantity(), given, s.value(), sources);
                feedback = Explain.carriedForward(s.quantity(), given, null, sources);
            } else {
                explanation = Explain.diagnosed(s.quantity(), given, s.value(), f.clause(), sources);
                feedback = Explain.diagnosed(s.quantity(), given, null, f.quietClause(), sources);
            }
            return new QuantityResult(key, given, s.value(), exactValue(key), false, null,
                    f == null ? null : f.diagnosis(), explanation, feedback, sources.isEmpty() ? null : sources.get(0), hint);
        }

        private List<String> ordered(Set<String> keys) {
            return keys.stream().sorted(Comparator.comparingInt(index::get)).collect(Collectors.toList());
        }

        /** Whether the answer agrees with a worked value, to its digits, or with its value before its own rounding. */
        private boolean matches(BigDecimal given, Replay.@Nullable Val v) {
            return matches(given, v, BigDecimal.ZERO);
        }

        private boolean matches(BigDecimal given, Replay.@Nullable Val v, BigDecimal slack) {
            if (v == null || slack.compareTo(v.raw().abs().multiply(SLACK_LIMIT)) > 0) {
                // the student's answers it uses are too coarse to pin this value down: no evidence either way
                return false;
            }
            return Marking.agrees(given, v.value(), slack) || Marking.agrees(given, v.raw(), slack);
        }

        /**
         * Whether the answer agrees with a value worked from the student's own answers: as written,
         * or with the digits they may have carried but not written (the value's slack).
         */
        private boolean matchesOwn(BigDecimal given, Replay.Val v, BigDecimal slack) {
            return matches(given, v) || slack.signum() > 0 && matches(given, v, slack);
        }

        /** Whether a mistaken value differs from the value worked without the mistake (else it explains nothing). */
        private static boolean differs(Replay.Val mistaken, Replay.@Nullable Val base) {
            if (base == null) {
                return true;
            }
            BigDecimal gap = mistaken.raw().subtract(base.raw()).abs();
            return gap.compareTo(base.raw().abs().max(BigDecimal.ONE).multiply(new BigDecimal("1e-14"))) > 0;
        }

        private Replay student() {
            if (student == null) {
                student = Replay.run(problem, steps, problem.rounding(), answers, wrong, null, last, true);
            }
            return student;
        }

        /**
         * Whether the mistakes made throughout the calculation are looked for: each needs a replay of
         * the steps up to the last wrong answer, so they are skipped when that would be more than
         * {@link #GLOBAL_BUDGET} step evaluations (a large network with a late wrong answer).
         */
        private boolean global() {
            long replays = 2L * Mistake.values().length + COARSE.size();
            return replays * (last + 1) <= GLOBAL_BUDGET;
        }

        /** The index of the first step the mistake changes when made throughout (past the end if none). */
        private int firstChange(Mistake m) {
            return firstChange.computeIfAbsent(m, x -> {
                for (int i = 0; i < steps.size(); i++) {
                    if (x.changesGlobally(steps.get(i).getClass()) || x.changesLocally(steps.get(i).getClass())) {
                        return i;
                    }
                }
                return Integer.MAX_VALUE;
            });
        }

        private Replay pure() {
            if (pure == null) {
                pure = Replay.run(problem, steps, problem.rounding(), Map.of(), Set.of(), null, last);
            }
            return pure;
        }

        private @Nullable Finding explain(String key, Step s, BigDecimal given) {
            Replay own = student();
            Replay.Val base = own.computed(key);
            // 1. Right given the student's own earlier answers: an error carried forward, not a new one.
            if (base != null && !base.sources().isEmpty() && matchesOwn(given, base, base.slack())) {
                return new Finding(null, "", base.sources());
            }
            // the mistakes that can be made in this problem, at or before this step
            List<Mistake> possible = new ArrayList<>();
            for (Mistake m : Mistake.values()) {
                if (m.possibleIn(problem) && firstChange(m) <= index.get(key)) {
                    possible.add(m);
                }
            }
            // 2. A mistake made in this step, on the student's own operands.
            for (Mistake m : possible) {
                if (m.changesLocally(s.getClass())) {
                    Replay.Val v = own.local(s, m);
                    if (v != null && matchesOwn(given, v, v.slack()) && differs(v, base)) {
                        return new Finding(m.diagnosis(), Explain.clause(m, problem), v.sources());
                    }
                }
            }
            Finding swapped = swapped(s.quantity(), given);
            if (swapped != null) {
                return swapped;
            }
            if (!global()) {
                return rounding(key, s, given, false);
            }
            // 3. A mistake made throughout, on the student's answers where given, then from scratch.
            Replay.Val correct = pure().computed(key);
            for (Mistake m : possible) {
                Replay.Val v = globalStudent.computeIfAbsent(m, x ->
                        Replay.run(problem, steps, problem.rounding(), answers, wrong, x, last)).computed(key);
                if (v != null && matchesOwn(given, v, base == null ? BigDecimal.ZERO : base.slack()) && differs(v, base)) {
                    return new Finding(m.diagnosis(), Explain.clause(m, problem), v.sources());
                }
            }
            for (Mistake m : possible) {
                Replay.Val v = globalPure.computeIfAbsent(m, x ->
                        Replay.run(problem, steps, problem.rounding(), Map.of(), Set.of(), x, last)).computed(key);
                if (v != null && matches(given, v) && differs(v, correct)) {
                    return new Finding(m.diagnosis(), Explain.clause(m, problem), Set.of());
                }
            }
            // 4. Rounding: the value rounded to too few digits, or worked from values rounded too early.
            return rounding(key, s, given, true);
        }

        /** The value of W[l][i][j] (or of ∂L/∂W[l][i][j]) given for W[l][j][i]. */
        private @Nullable Finding swapped(Quantity q, BigDecimal given) {
            if (q.kind() != Quantity.Kind.W && q.kind() != Quantity.Kind.DW || q.row() == q.col()) {
                return null;
            }
            Quantity t = new Quantity(q.kind(), q.layer(), q.col(), q.row(), q.sample());
            String tk = t.key();
            if (!index.containsKey(tk)) {
                return null;
            }
            double tRule = step(tk).value();
            double tExact = exactValue(tk);
            if (marking.mark(given, tExact, tRule) == null || Marking.agrees(given, exactValue(q.key()))) {
                return null;
            }
            return new Finding(Diagnosis.SWAPPED_INDICES, Explain.swappedValue(t), Set.of());
        }

        private @Nullable Finding rounding(String key, Step s, BigDecimal given, boolean replays) {
            Finding coarse = null;
            for (BigDecimal value : List.of(BigDecimal.valueOf(exactValue(key)), BigDecimal.valueOf(s.value()))) {
                for (int k = 0; k <= given.scale() && coarse == null; k++) {
                    if (given.compareTo(value.setScale(k, RoundingMode.HALF_UP)) == 0) {
                        coarse = new Finding(Diagnosis.ROUNDING, Explain.roundedTooCoarsely(value, k, marking),
                                Explain.roundedTooCoarsely(null, k, marking), Set.of());
                    }
                }
            }
            // Written with exactly the digits it was rounded to: rounded too coarsely. Padded with
            // zeros (0.360000): more likely worked from values rounded too early; try that first.
            if (coarse != null && given.stripTrailingZeros().scale() >= given.scale() || !replays) {
                return coarse;
            }
            for (Rounding rule : COARSE) {
                if (rule.equals(problem.rounding())) {
                    continue;
                }
                Replay.Val v = early.computeIfAbsent(rule, c ->
                        Replay.run(problem, steps, c, answers, wrong, null, last)).computed(key);
                if (v != null && matches(given, v)) {
                    return new Finding(Diagnosis.ROUNDING, Explain.roundedTooEarly(rule, marking), v.sources());
                }
            }
            return coarse;
        }

        /** Why a key that parses is not a quantity of this problem's first update. */
        private String missing(Quantity q) {
            int depth = problem.network().depth();
            if (!q.kind().contract() && q.kind() != Quantity.Kind.LOSS_BEFORE) {
                return "is data of the problem, not something to work out; answer z, a, loss, delta, dW, db, W, b or lossAfter";
            }
            if (q.layer() >= 0 && (q.layer() < 1 || q.layer() >= depth)) {
                return "layer " + q.layer() + " is not a layer with neurons to work out; they are 1.." + (depth - 1);
            }
            if (q.layer() >= 1 && q.row() >= problem.network().size(q.layer())) {
                return "layer " + q.layer() + " has " + problem.network().size(q.layer()) + " neurons (0.."
                        + (problem.network().size(q.layer()) - 1) + ")";
            }
            if (q.layer() >= 1 && q.col() >= problem.network().size(q.layer() - 1)) {
                return "layer " + (q.layer() - 1) + " has " + problem.network().size(q.layer() - 1) + " neurons (0.."
                        + (problem.network().size(q.layer() - 1) - 1) + ")";
            }
            if (q.sample() > 0) {
                return "the first update uses samples 0.." + (problem.effectiveBatchSize() - 1) + "; @" + q.sample()
                        + " is not among them";
            }
            if (q.kind() == Quantity.Kind.LOSS_BEFORE) {
                return "lossBefore is worked out only when there is more than one sample; answer loss";
            }
            return "is not a quantity of this problem's first update";
        }
    }
}
