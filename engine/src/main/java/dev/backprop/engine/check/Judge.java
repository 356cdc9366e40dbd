package dev.backprop.engine.check;

import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.trace.Operand;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One marking of one student's answers against an {@link AnswerKey}: each answer judged against
 * the exact value, then against the value worked from the student's own earlier answers as
 * written, then, when wrong, explained by the known mistakes.
 */
final class Judge {
    /**
     * The most step evaluations spent looking for mistakes made throughout the calculation (about a
     * second); beyond it only mistakes made in the answered step itself, and rounding, are looked for.
     */
    static final long GLOBAL_BUDGET = Checker.GLOBAL_BUDGET;
    /** The work one checking spends before it stops looking for mistakes: {@link Checker#SEARCH_BUDGET}. */
    static final long SEARCH_BUDGET = Checker.SEARCH_BUDGET;

    // A value worked from answers known to limited digits counts as evidence only when they pin it down to 2%.
    private static final BigDecimal SLACK_LIMIT = new BigDecimal("0.02");
    // Values this close (relative) are the same value: a mistake that changes less explains nothing.
    private static final BigDecimal SAME = new BigDecimal("1e-12");

    // Coarser rules tried for values rounded too early: rounding as you go to these.
    private static final List<Rounding> AS_YOU_GO = List.of(
            Rounding.decimals(1), Rounding.decimals(2), Rounding.decimals(3), Rounding.decimals(4),
            Rounding.decimals(5), Rounding.decimals(6), Rounding.significant(1), Rounding.significant(2),
            Rounding.significant(3), Rounding.significant(4));
    // Ways a student rounds one value they do not write down, finest first.
    private static final List<Rounding> ONE_VALUE = List.of(
            Rounding.decimals(6), Rounding.decimals(5), Rounding.decimals(4), Rounding.decimals(3),
            Rounding.decimals(2), Rounding.decimals(1), Rounding.significant(4), Rounding.significant(3),
            Rounding.significant(2), Rounding.significant(1));
    // How far back, and how many, of the values behind an answer are tried rounded.
    private static final int ROUNDING_DEPTH = 3;
    private static final int ROUNDING_CANDIDATES = 8;
    // A value whose rounding would have to be carried through more steps than this to reach the
    // answer (an activation feeding a wide forward pass) is not tried: no one rounds that far back.
    private static final int ROUNDING_REACH = 24;
    private static final BigDecimal HALF = new BigDecimal("0.5");
    // replays of mistakes made throughout track no slack
    private static final Supplier<BigDecimal> NO_SLACK = () -> BigDecimal.ZERO;

    private final AnswerKey key;
    private final Problem problem;
    private final List<Step> steps;
    private final Map<String, BigDecimal> answers;
    private final AnswerKey.Options options;
    private final Marking marking;
    private final Map<String, Marking.MarkedBy> right = new HashMap<>();
    // the marks given so far, in the order of the worked solution (the gaming guard reads earlier ones)
    private final Map<String, QuantityResult.Mark> markOf = new HashMap<>();
    private final Map<Mistake, Replay> ownGlobal = new EnumMap<>(Mistake.class);
    private final Map<Mistake, Integer> firstChange = new EnumMap<>(Mistake.class);
    private final Map<Rounding, Replay> early = new HashMap<>();
    private final Replay.Budget budget;
    private final Explain full;
    private final Explain quiet;
    private int last;
    private @Nullable Replay own;
    private @Nullable Replay truth;

    Judge(AnswerKey key, Map<String, BigDecimal> answers, AnswerKey.Options options) {
        this(key, answers, options, SEARCH_BUDGET);
    }

    /** A judge that stops looking for mistakes after {@code budget} operands read (see {@link Checker#SEARCH_BUDGET}). */
    Judge(AnswerKey key, Map<String, BigDecimal> answers, AnswerKey.Options options, long budget) {
        this.budget = new Replay.Budget(budget);
        this.key = key;
        this.problem = key.problem();
        this.steps = key.steps();
        this.answers = answers;
        this.options = options;
        this.marking = key.marking(options);
        Set<String> asked = options.asked().isEmpty() ? answers.keySet() : options.asked();
        this.full = new Explain(key, answers, right, Set.of());
        this.quiet = new Explain(key, answers, right, asked);
    }

    CheckResult run() {
        List<String> keys = new ArrayList<>(answers.keySet());
        keys.sort(Comparator.comparingInt(key::index));
        for (String k : keys) {
            Marking.MarkedBy by = marking.mark(answers.get(k), key.exact(k), key.step(k).value());
            if (by != null) {
                right.put(k, by);
            }
            last = Math.max(last, key.index(k));
        }
        List<QuantityResult> results = new ArrayList<>();
        int rightCount = 0;
        int carried = 0;
        double marks = 0;
        for (String k : keys) {
            QuantityResult r = right.containsKey(k) ? right(k) : judge(k);
            markOf.put(k, r.mark());
            rightCount += r.correct() ? 1 : 0;
            carried += r.carriedForward() ? 1 : 0;
            marks += r.marks();
            results.add(r);
        }
        return new CheckResult(results, rightCount, carried, results.size(), marks, marking, key.rule(options));
    }

    /** The student's replay: every step worked from their answers as written, each known to its last digit. */
    private Replay own() {
        if (own == null) {
            own = Replay.run(problem, key.trail(), problem.rounding(), Replay.Inputs.written(answers), null, last,
                    budget);
        }
        return own;
    }

    /**
     * The true values, each answered one known only to the digits the student wrote for it: what an
     * answer worked correctly from the right earlier values, at the student's precision, may be.
     */
    private Replay truth() {
        if (truth == null) {
            Map<String, BigDecimal> values = new HashMap<>();
            Map<String, BigDecimal> units = new HashMap<>();
            answers.forEach((k, v) -> {
                values.put(k, BigDecimal.valueOf(key.step(k).value()));
                units.put(k, Replay.Inputs.precision(v));
            });
            truth = Replay.run(problem, key.trail(), problem.rounding(), new Replay.Inputs(values, units),
                    null, last, budget);
        }
        return truth;
    }

    private QuantityResult right(String k) {
        Step s = key.step(k);
        BigDecimal given = answers.get(k);
        Marking.MarkedBy by = right.get(k);
        return new QuantityResult(k, given, s.value(), key.exact(k), QuantityResult.Mark.RIGHT, 1, by, List.of(),
                full.right(s.quantity(), given, by, marking), quiet.right(s.quantity(), given, by, marking), List.of(),
                false, key.hint(k));
    }

    private QuantityResult judge(String k) {
        Step s = key.step(k);
        BigDecimal given = answers.get(k);
        Finding f = find(k, s, given);
        List<String> from = ordered(f.sources());
        QuantityResult.Mark mark = QuantityResult.Mark.WRONG;
        double marks = 0;
        if (f.kind() == Finding.Kind.CARRIED || f.kind() == Finding.Kind.PRECISION) {
            mark = QuantityResult.Mark.CARRIED_FORWARD;
            // working from earlier answers that were right (only rounded) is right working: the whole mark
            boolean fromWrong = f.kind() == Finding.Kind.CARRIED && from.stream().anyMatch(x -> !right.containsKey(x));
            marks = fromWrong ? options.carriedForward() : 1;
        }
        return new QuantityResult(k, given, s.value(), key.exact(k), mark, marks, null, f.diagnoses(),
                full.explain(s, given, f), quiet.explain(s, given, f), from, f.kind() == Finding.Kind.TRIVIAL, key.hint(k));
    }

    private List<String> ordered(Set<String> keys) {
        return keys.stream().sorted(Comparator.comparingInt(key::index)).collect(Collectors.toList());
    }

    // ---- the judgement of a wrong answer ----

    /** Why a wrong answer is what it is: carried forward, trivial, a known mistake, rounding, or nothing known. */
    private Finding find(String k, Step s, BigDecimal given) {
        Replay.Val mine = own().computed(k);
        Replay.Val fair = truth().computed(k);
        // The second judgement: right from the student's own earlier answers as written ...
        if (mine != null && !mine.sources().isEmpty() && agreesWorked(given, mine, () -> own().slack(k))) {
            if (trivial(k, s, mine)) {
                return Finding.of(Finding.Kind.TRIVIAL, own(), mine);
            }
            return Finding.of(Finding.Kind.CARRIED, own(), mine);
        }
        // ... or from the true earlier values, known only to the digits the student wrote for them.
        if (fair != null && truth().slack(k).signum() > 0 && agreesWorked(given, fair, () -> truth().slack(k))) {
            return Finding.of(Finding.Kind.PRECISION, truth(), fair);
        }
        if (budget.spent()) {
            return new Finding(Finding.Kind.NOT_SEARCHED, List.of(), null, null, Set.of());
        }
        Finding known = mistake(k, s, given, mine, fair);
        if (known != null) {
            return known;
        }
        if (budget.spent()) {
            return new Finding(Finding.Kind.NOT_SEARCHED, List.of(), null, null, Set.of());
        }
        Finding rounded = rounding(k, s, given, mine);
        return rounded != null ? rounded : Finding.nothing();
    }

    /**
     * Whether an answer agrees with a worked value: to its digits, with the value before or after
     * its own rounding, or within the value's slack when the answers it uses pin it down to 2%.
     */
    private static boolean agreesWorked(BigDecimal given, Replay.@Nullable Val v, Supplier<BigDecimal> slackOf) {
        if (v == null) {
            return false;
        }
        if (Marking.agrees(given, v.value()) || Marking.agrees(given, v.raw())) {
            return true;
        }
        BigDecimal slack = slackOf.get();
        if (slack.signum() == 0 || slack.compareTo(v.raw().abs().multiply(SLACK_LIMIT)) > 0) {
            return false;
        }
        return Marking.agrees(given, v.value(), slack) || Marking.agrees(given, v.raw(), slack);
    }

    /** Whether two worked values differ (else a mistake that gives one instead of the other explains nothing). */
    private static boolean differs(Replay.Val a, Replay.@Nullable Val b) {
        if (b == null) {
            return true;
        }
        return !same(a.raw(), b.raw());
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs().compareTo(a.abs().max(b.abs()).max(BigDecimal.ONE.scaleByPowerOfTen(-300)).multiply(SAME)) <= 0;
    }

    /**
     * The gaming guard of error carried forward: a step made trivial by an earlier answer earns
     * nothing for following from it. Trivial: an answer it uses is 0 or ±1 where the true value is
     * not, that answer is itself wrong (not worked, so chosen: a 0 worked from the student's own
     * z by a relu is no gaming), and the result is 0 or one of the step's own operands carried
     * over (∂L/∂W = δ·0, W − α·0 = W, δ·1 = δ).
     */
    private boolean trivial(String k, Step s, Replay.Val mine) {
        boolean chosen = false;
        for (String src : mine.sources()) {
            BigDecimal a = answers.get(src);
            double truth = key.step(src).value();
            boolean special = a.signum() == 0 || a.abs().compareTo(BigDecimal.ONE) == 0;
            if (special && !same(a, BigDecimal.valueOf(truth)) && markOf.get(src) == QuantityResult.Mark.WRONG) {
                chosen = true;
            }
        }
        if (!chosen) {
            return false;
        }
        if (mine.value().signum() == 0) {
            return true;
        }
        for (Operand op : Steps.operands(s)) {
            Replay.Val used = own().used(op.key());
            BigDecimal value = used != null ? used.value() : dec(op.value());
            if (same(mine.value(), value)) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal dec(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v) : BigDecimal.ZERO;
    }

    /** The mistakes that can be made in this problem at or before this step. */
    private List<Mistake> possible(int idx) {
        List<Mistake> out = new ArrayList<>();
        for (Mistake m : Mistake.values()) {
            if (m.possibleIn(problem) && firstChange(m) <= idx) {
                out.add(m);
            }
        }
        return out;
    }

    /** The index of the first step the mistake changes (past the end if none). */
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

    /** Two sign flips cancel: a pair of them explains nothing. */
    private static boolean signFits(List<Mistake> ms) {
        return ms.stream().filter(m -> m.diagnosis() == Diagnosis.SIGN_FLIPPED).count() <= 1;
    }

    /**
     * The known mistakes, in order: made in this step on the student's own operands, then on the
     * true ones; a value of another quantity (swapped indices); made throughout the calculation,
     * from the student's answers and from scratch; and two at once (one made earlier, one here).
     */
    private @Nullable Finding mistake(String k, Step s, BigDecimal given, Replay.@Nullable Val mine,
                                      Replay.@Nullable Val fair) {
        int idx = key.index(k);
        List<Mistake> possible = possible(idx);
        Class<? extends Step> kind = s.getClass();
        for (Replay r : List.of(own(), truth())) {
            Replay.Val base = r.computed(k);
            for (Mistake m : possible) {
                if (m.changesLocally(kind)) {
                    Replay.Val v = r.local(s, m);
                    if (v != null && agreesWorked(given, v, () -> r.localSlack(s, m)) && differs(v, base)) {
                        // on the true operands the student's own earlier answers were not used
                        return new Finding(Finding.Kind.LOCAL, List.of(m), r, v, r == own() ? v.sources() : Set.of());
                    }
                }
            }
        }
        Finding swapped = swapped(s.quantity(), given);
        if (swapped != null) {
            return swapped;
        }
        if (!global()) {
            return null;
        }
        for (Mistake m : possible) {
            Replay r = ownGlobal(m);
            Replay.Val v = r.computed(k);
            if (v != null && agreesWorked(given, v, NO_SLACK) && differs(v, mine)) {
                return new Finding(Finding.Kind.GLOBAL, List.of(m), r, v, v.sources());
            }
        }
        Replay.Val exact = new Replay.Val(BigDecimal.valueOf(s.value()), BigDecimal.valueOf(s.value()), Set.of());
        for (Mistake m : possible) {
            Replay r = key.pureGlobal(m);
            Replay.Val v = r.computed(k);
            if (v != null && agreesWorked(given, v, NO_SLACK) && differs(v, exact)) {
                return new Finding(Finding.Kind.GLOBAL, List.of(m), r, v, Set.of());
            }
        }
        // a slip here on top of one made earlier (in a step the student did not answer)
        for (Mistake earlier : possible) {
            if (firstChange(earlier) >= idx) {
                continue;
            }
            Replay r = ownGlobal(earlier);
            Replay.Val base = r.computed(k);
            for (Mistake here : possible) {
                if (here == earlier || !here.changesLocally(kind)) {
                    continue;
                }
                Replay.Val v = r.local(s, here);
                if (v != null && agreesWorked(given, v, NO_SLACK) && differs(v, base) && differs(v, mine)
                        && signFits(List.of(here, earlier))) {
                    return new Finding(Finding.Kind.PAIR, List.of(here, earlier), r, v, v.sources());
                }
            }
        }
        return null;
    }

    private Replay ownGlobal(Mistake m) {
        return ownGlobal.computeIfAbsent(m, x ->
                Replay.run(problem, key.trail(), problem.rounding(), Replay.Inputs.plain(answers), x, last, budget));
    }

    /**
     * Whether the mistakes made throughout the calculation are looked for: each needs replays of
     * the steps up to the last answer, so they are skipped when that would be more than
     * {@link #GLOBAL_BUDGET} step evaluations (a large network with a late answer).
     */
    private boolean global() {
        long replays = 2L * Mistake.values().length + AS_YOU_GO.size();
        return replays * (last + 1) <= GLOBAL_BUDGET;
    }

    /** The value of W[l][i][j] (or of ∂L/∂W[l][i][j]) given for W[l][j][i]. */
    private @Nullable Finding swapped(Quantity q, BigDecimal given) {
        if (q.kind() != Quantity.Kind.W && q.kind() != Quantity.Kind.DW || q.row() == q.col()) {
            return null;
        }
        Quantity t = new Quantity(q.kind(), q.layer(), q.col(), q.row(), q.sample(), q.update());
        String tk = t.key();
        if (!key.has(tk)) {
            return null;
        }
        if (marking.mark(given, key.exact(tk), key.step(tk).value()) == null || Marking.agrees(given, key.exact(q.key()))) {
            return null;
        }
        return new Finding(Finding.Kind.SWAPPED, List.of(Mistake.SWAPPED_FORWARD), null, null, Set.of(), t, List.of(), null);
    }

    // ---- rounding ----

    /**
     * Rounding: the answer itself rounded to too few digits; values behind it (ones the student did
     * not write down) rounded, one or two of them or all to the same places; or everything rounded
     * as you go to a coarse rule.
     */
    private @Nullable Finding rounding(String k, Step s, BigDecimal given, Replay.@Nullable Val mine) {
        Finding coarse = coarse(k, s, given, mine);
        // Written with exactly the digits it was rounded to: rounded too coarsely. Padded with
        // zeros (0.360000): more likely worked from values rounded too early; try that first.
        if (coarse != null && given.stripTrailingZeros().scale() >= given.scale()) {
            return coarse;
        }
        Finding inputs = roundedInputs(k, given, mine);
        if (inputs != null) {
            return inputs;
        }
        if (global()) {
            for (Rounding rule : AS_YOU_GO) {
                if (rule.equals(problem.rounding())) {
                    continue;
                }
                Replay r = early.computeIfAbsent(rule, c ->
                        Replay.run(problem, key.trail(), c, Replay.Inputs.plain(answers), null, last, budget));
                Replay.Val v = r.computed(k);
                if (v != null && (Marking.agrees(given, v.value()) || Marking.agrees(given, v.raw())) && differs(v, mine)) {
                    return new Finding(Finding.Kind.EARLY, List.of(), r, v, v.sources(), null,
                            roundedBehind(k, r), rule);
                }
            }
        }
        return coarse;
    }

    /** The answer equal to a value (exact, as worked under the rule, or from the student's answers) rounded too coarsely. */
    private @Nullable Finding coarse(String k, Step s, BigDecimal given, Replay.@Nullable Val mine) {
        List<BigDecimal> values = new ArrayList<>(List.of(BigDecimal.valueOf(key.exact(k)), BigDecimal.valueOf(s.value())));
        if (mine != null && !mine.sources().isEmpty()) {
            values.add(mine.value());
        }
        for (int v = 0; v < values.size(); v++) {
            BigDecimal value = values.get(v);
            for (int places = 0; places <= given.scale(); places++) {
                // 0 is no rounding of a value that is not 0 (nor near it): a blank filled with nothing
                if (given.signum() != 0 && given.compareTo(value.setScale(places, RoundingMode.HALF_UP)) == 0) {
                    boolean fromOwn = v == 2;
                    return new Finding(Finding.Kind.COARSE, List.of(), fromOwn ? own() : null, fromOwn ? mine : null,
                            fromOwn ? mine.sources() : Set.of(), null, List.of(), Rounding.decimals(places));
                }
            }
        }
        return null;
    }

    /**
     * Values behind the answer that the student did not write down, rounded: each alone to each
     * rule, then two at a time, then all of them, to the same rule; the first that gives the answer.
     */
    private @Nullable Finding roundedInputs(String k, BigDecimal given, Replay.@Nullable Val mine) {
        List<String> behind = behind(k);
        if (behind.isEmpty()) {
            return null;
        }
        // every rule that changes each value; and, for one value alone, its distinct roundings, each
        // described by the fewest decimal places that give it (0.030 and 0.03 are both "2 places")
        Map<String, Map<Rounding, BigDecimal>> roundings = new LinkedHashMap<>();
        Map<String, Map<BigDecimal, Rounding>> distinct = new LinkedHashMap<>();
        for (String c : behind) {
            Replay.Val v = own().used(c);
            if (v == null || !own().within(k, c, ROUNDING_REACH)) {
                continue;
            }
            Map<Rounding, BigDecimal> ways = new LinkedHashMap<>();
            Map<BigDecimal, Rounding> values = new LinkedHashMap<>();
            for (Rounding rule : ONE_VALUE) {
                BigDecimal r = rule.round(v.value());
                if (r.signum() == 0 || r.compareTo(v.value()) == 0) {
                    continue;
                }
                ways.put(rule, r);
                BigDecimal plain = r.stripTrailingZeros();
                Rounding before = values.get(plain);
                if (before == null || !before.significant() && !rule.significant()) {
                    values.put(plain, rule);
                }
            }
            roundings.put(c, ways);
            distinct.put(c, values);
        }
        List<String> cs = new ArrayList<>(roundings.keySet());
        // What each rounding alone gives (each way of rounding each value, worked once): the answer
        // itself, perhaps; and what it does to the answer, for the pairs and all-at-once below.
        Map<String, Map<Rounding, Replay.Val>> alone = new HashMap<>();
        for (String c : cs) {
            if (budget.spent()) {
                return new Finding(Finding.Kind.NOT_SEARCHED, List.of(), null, null, Set.of());
            }
            Map<Rounding, Replay.Val> vs = new HashMap<>();
            for (Map.Entry<Rounding, BigDecimal> way : roundings.get(c).entrySet()) {
                Replay.Val v = own().whatIf(k, Map.of(c, way.getValue()));
                if (v != null) {
                    vs.put(way.getKey(), v);
                }
            }
            alone.put(c, vs);
        }
        for (String c : cs) {
            for (Map.Entry<BigDecimal, Rounding> way : distinct.get(c).entrySet()) {
                Finding f = rounded(k, given, mine, Map.of(c, way.getKey()), way.getValue(), alone.get(c).get(way.getValue()));
                if (f != null) {
                    return f;
                }
            }
        }
        if (mine == null) {
            return null;
        }
        // Two or all of them together do about the sum (give or take their product terms, allowed
        // for generously), so only the combinations that come near the answer are worked: a number
        // far from any of them costs no more replays.
        Map<String, Map<Rounding, BigDecimal>> effect = new HashMap<>();
        for (String c : cs) {
            Map<Rounding, BigDecimal> e = new HashMap<>();
            alone.get(c).forEach((rule, v) -> e.put(rule, v.value().subtract(mine.value())));
            effect.put(c, e);
        }
        BigDecimal near = Marking.unit(given).multiply(BigDecimal.valueOf(3));
        BigDecimal gap = given.subtract(mine.value());
        for (Rounding rule : ONE_VALUE) {
            for (int a = 0; a < cs.size(); a++) {
                for (int b = a + 1; b < cs.size(); b++) {
                    BigDecimal ea = effect.get(cs.get(a)).get(rule);
                    BigDecimal eb = effect.get(cs.get(b)).get(rule);
                    if (ea == null || eb == null || gap.subtract(ea).subtract(eb).abs()
                            .compareTo(near.add(ea.abs().add(eb.abs()).multiply(HALF))) > 0) {
                        continue;
                    }
                    Finding f = tryRounded(k, given, mine, Map.of(cs.get(a), roundings.get(cs.get(a)).get(rule),
                            cs.get(b), roundings.get(cs.get(b)).get(rule)), rule);
                    if (f != null) {
                        return f;
                    }
                }
            }
        }
        for (Rounding rule : ONE_VALUE) {
            Map<String, BigDecimal> all = new LinkedHashMap<>();
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal size = BigDecimal.ZERO;
            for (String c : cs) {
                BigDecimal r = roundings.get(c).get(rule);
                BigDecimal e = effect.get(c).get(rule);
                if (r != null && e != null) {
                    all.put(c, r);
                    sum = sum.add(e);
                    size = size.add(e.abs());
                }
            }
            if (all.size() > 2 && gap.subtract(sum).abs().compareTo(near.add(size.multiply(HALF))) <= 0) {
                Finding f = tryRounded(k, given, mine, all, rule);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private @Nullable Finding tryRounded(String k, BigDecimal given, Replay.@Nullable Val mine,
                                         Map<String, BigDecimal> changes, Rounding rule) {
        return rounded(k, given, mine, changes, rule, own().whatIf(k, changes));
    }

    /** The rounding finding when {@code v}, the answer worked with these values rounded, agrees with it. */
    private @Nullable Finding rounded(String k, BigDecimal given, Replay.@Nullable Val mine,
                                      Map<String, BigDecimal> changes, Rounding rule, Replay.@Nullable Val v) {
        if (v == null || !(Marking.agrees(given, v.value()) || Marking.agrees(given, v.raw())) || !differs(v, mine)) {
            return null;
        }
        List<Rounded> rounded = new ArrayList<>();
        changes.forEach((c, r) -> rounded.add(new Rounded(Quantity.parse(c).orElseThrow(), r, own().used(c).value())));
        rounded.sort(Comparator.comparingInt(x -> key.index(x.quantity().key())));
        return new Finding(Finding.Kind.ROUNDED, List.of(), own(), v, mine == null ? Set.of() : mine.sources(), null,
                rounded, rule);
    }

    /**
     * The worked values behind an answer that a student would write down and round (z, a, δ,
     * gradients, losses; not the answers, which are used as written, nor stated values), nearest first.
     */
    private List<String> behind(String k) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        Map<String, Integer> depth = new HashMap<>();
        queue.add(k);
        depth.put(k, 0);
        seen.add(k);
        while (!queue.isEmpty() && out.size() < ROUNDING_CANDIDATES) {
            String at = queue.poll();
            int d = depth.get(at);
            if (d >= ROUNDING_DEPTH) {
                continue;
            }
            Integer idx = key.indexOrNull(at);
            if (idx == null) {
                continue;
            }
            List<String> reads = new ArrayList<>(own().reads(idx));
            reads.sort(Comparator.comparingInt(x -> -key.indexOrNull(x)));
            for (String r : reads) {
                if (!seen.add(r) || key.indexOrNull(r) == null) {
                    continue;
                }
                depth.put(r, d + 1);
                queue.add(r);
                Step s = key.step(r);
                if (!answers.containsKey(r) && !(s instanceof Step.Given) && roundable(s.quantity().kind())
                        && out.size() < ROUNDING_CANDIDATES) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static boolean roundable(Quantity.Kind kind) {
        return switch (kind) {
            case Z, A, DELTA, DW, DB, LOSS -> true;
            // the optimizer's state, written down as the gradients are (the parameters are the answers)
            default -> kind.state().isPresent();
        };
    }

    /** Values an as-you-go replay rounded that the answer builds on: the nearest few that changed. */
    private List<Rounded> roundedBehind(String k, Replay r) {
        List<Rounded> out = new ArrayList<>();
        for (String c : behind(k)) {
            Replay.Val v = r.used(c);
            Replay.Val was = own().used(c);
            if (v != null && was != null && v.value().compareTo(was.value()) != 0 && out.size() < 3) {
                out.add(new Rounded(Quantity.parse(c).orElseThrow(), v.value(), was.value()));
            }
        }
        return out;
    }

    /**
     * A value the student rounded: which, what they used, and what it was.
     *
     * @param quantity the quantity
     * @param used     the rounded value used
     * @param was      the value before rounding (worked from the student's answers)
     */
    record Rounded(Quantity quantity, BigDecimal used, BigDecimal was) {
    }

    /**
     * What explains a wrong (or carried-forward) answer.
     *
     * @param kind       what sort of finding
     * @param mistakes   the mistakes made, the one in this step first
     * @param replay     the replay the answer's value was worked in (for the operands to quote), or null
     * @param value      the value that agrees with the answer, or null
     * @param sources    the student's answers it was worked from
     * @param other      for swapped indices, the quantity whose value was given
     * @param rounded    for rounding, the values rounded
     * @param rule       for rounding, the places or figures rounded to
     */
    record Finding(Kind kind, List<Mistake> mistakes, @Nullable Replay replay, Replay.@Nullable Val value,
                   Set<String> sources, @Nullable Quantity other, List<Rounded> rounded, @Nullable Rounding rule) {
        /** The sorts of finding. */
        enum Kind {
            /** Right from the student's own earlier answers as written. */
            CARRIED,
            /** Right from the true earlier values, known to the digits the student wrote for them. */
            PRECISION,
            /** Carried forward from answers that make the step trivial: no credit. */
            TRIVIAL,
            /** A mistake made in this step. */
            LOCAL,
            /** A mistake made throughout the calculation. */
            GLOBAL,
            /** A mistake made in this step on top of one made earlier. */
            PAIR,
            /** The value of the quantity with its indices swapped. */
            SWAPPED,
            /** The value rounded to too few digits. */
            COARSE,
            /** Worked from values rounded (one, two or all behind it, to the same rule). */
            ROUNDED,
            /** Worked with every value rounded as you go to a coarse rule. */
            EARLY,
            /** No known mistake explains it. */
            NOTHING,
            /** Not looked for: the checking's budget was spent on the answers before it. */
            NOT_SEARCHED
        }

        Finding(Kind kind, List<Mistake> mistakes, @Nullable Replay replay, Replay.@Nullable Val value, Set<String> sources) {
            this(kind, mistakes, replay, value, sources, null, List.of(), null);
        }

        static Finding of(Kind kind, Replay replay, Replay.Val value) {
            return new Finding(kind, List.of(), replay, value, value.sources());
        }

        static Finding nothing() {
            return new Finding(Kind.NOTHING, List.of(), null, null, Set.of());
        }

        /** The diagnoses the finding amounts to: the mistakes' (this step's first), rounding, or none. */
        List<Diagnosis> diagnoses() {
            return switch (kind) {
                case COARSE, ROUNDED, EARLY -> List.of(Diagnosis.ROUNDING);
                default -> mistakes.stream().map(Mistake::diagnosis).distinct().collect(Collectors.toList());
            };
        }
    }
}
