package dev.backprop.engine.check;

import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.trace.Trace;
import dev.backprop.engine.train.Solver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A problem solved once for marking: its first update worked as written and exactly, ready to
 * check any number of students' answers against it ({@link #check}). Safe to share between
 * threads; the mistakes made throughout the calculation from scratch are worked once and kept.
 *
 * <pre>{@code
 * AnswerKey key = Checker.answerKey(problem);
 * for (Map<String, BigDecimal> answers : submissions) {
 *     CheckResult r = key.check(answers);
 * }
 * }</pre>
 */
public final class AnswerKey {
    private final Problem problem;
    private final List<Step> steps;
    private final Trail trail;
    private final Map<String, Integer> index;
    private final Map<String, Double> exact = new HashMap<>();
    private final Map<Mistake, Replay> pureGlobal = new ConcurrentHashMap<>();
    private final BigDecimal example;
    private final Notation notation;
    private final Map<String, Hint> hints = new ConcurrentHashMap<>();

    private AnswerKey(Problem problem, Trace trace, Trace exactTrace) {
        this.problem = problem;
        this.steps = trace.steps();
        this.trail = Trail.of(steps);
        this.index = trail.index();
        for (Step s : exactTrace.steps()) {
            exact.putIfAbsent(s.quantity().key(), s.value());
        }
        this.example = chooseExample();
        this.notation = Notation.of(problem);
    }

    /**
     * Solves the problem's first update, as written and (under a rounding rule) exactly; throws
     * {@link ProblemException} naming the field when solving meets ln 0 or diverges.
     */
    public static AnswerKey of(Problem problem) {
        // Training only as far as the worked updates reach: marking reads the worked steps alone.
        Problem once = problem.workedOnly();
        Trace trace = Solver.solve(once).firstUpdate();
        Trace exactTrace = problem.rounding() == null ? trace : Solver.solve(once.withRounding(null)).firstUpdate();
        return new AnswerKey(once, trace, exactTrace);
    }

    /** The problem, as marked: its first update only. */
    public Problem problem() {
        return problem;
    }

    /** The steps of the first update as worked (rounded as you go under a rounding rule), in order. */
    public List<Step> steps() {
        return steps;
    }

    /** Whether the key names a quantity of the first update. */
    public boolean has(String key) {
        return index.containsKey(key);
    }

    /**
     * Marks answers given as numbers (see {@link Checker#check}) with the default options; throws
     * {@link ProblemException} naming {@code answers.<key>} for each answer it cannot mark.
     */
    public CheckResult check(Map<String, ? extends @Nullable Number> answers) {
        return check(answers, Options.DEFAULT);
    }

    /** Marks answers given as numbers with the teacher's options. */
    public CheckResult check(Map<String, ? extends @Nullable Number> answers, Options options) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, BigDecimal> parsed = Checker.numbers(answers, errors);
        return mark(answers.keySet(), parsed, errors, options);
    }

    /** Marks answers written as text, as typed (see {@link Checker#checkText}). */
    public CheckResult checkText(Map<String, String> answers, Options options) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, BigDecimal> parsed = Checker.texts(answers, errors);
        return mark(answers.keySet(), parsed, errors, options);
    }

    /** Marks parsed answers, or throws every answer's error in the order given. */
    CheckResult mark(Collection<String> order, Map<String, BigDecimal> answers, Map<String, String> errors,
                     Options options) {
        for (String key : answers.keySet()) {
            String why = missing(key);
            if (why != null) {
                errors.put(key, why);
            }
        }
        if (!errors.isEmpty()) {
            List<FieldError> list = new ArrayList<>();
            for (String key : order) {
                if (errors.containsKey(key)) {
                    list.add(new FieldError("answers." + key, errors.get(key)));
                }
            }
            throw new ProblemException(list);
        }
        return new Judge(this, answers, options).run();
    }

    /**
     * A number to illustrate the marking rule on that is no value of this problem (nor near one,
     * within 5%), so that the rule stated on a worksheet gives none of its answers away.
     */
    public BigDecimal example() {
        return example;
    }

    /** The marking rule in a sentence, illustrated on {@link #example()}. */
    public String rule(Options options) {
        return marking(options).describe(example);
    }

    /** The marking rule for these options. */
    public Marking marking(Options options) {
        return new Marking(problem.rounding(), options.carriedForward());
    }

    // Made-up values of a few digits, tried in turn: the first far from every value of the problem.
    private static final String[] EXAMPLES = {"0.427059316", "0.861934702", "0.253718845", "0.0583920471",
        "0.619402573", "1.83920576", "0.0172946038", "3.62018457", "0.00493817264", "27.3918405"};

    private BigDecimal chooseExample() {
        for (String candidate : EXAMPLES) {
            BigDecimal e = new BigDecimal(candidate);
            if (farFromEveryValue(e) && (problem.rounding() == null || farFromEveryValue(Marking.tie(e, problem.rounding())))) {
                return e;
            }
        }
        // every candidate is near some value (a large network): go beyond the largest of them
        double most = 1;
        for (Step s : steps) {
            most = Math.max(most, Math.abs(s.value()));
        }
        for (double v : exact.values()) {
            most = Math.max(most, Math.abs(v));
        }
        return new BigDecimal(EXAMPLES[0]).multiply(BigDecimal.TEN.pow(2 + (int) Math.ceil(Math.log10(Math.min(most, 1e300)))));
    }

    private boolean farFromEveryValue(BigDecimal e) {
        double x = e.doubleValue();
        for (Step s : steps) {
            if (Math.abs(Math.abs(s.value()) - x) <= 0.05 * x) {
                return false;
            }
        }
        for (double v : exact.values()) {
            if (Math.abs(Math.abs(v) - x) <= 0.05 * x) {
                return false;
            }
        }
        return true;
    }

    /** The seed's notation for this problem's network, which explanations and hints are written in by default. */
    public Notation notation() {
        return notation;
    }

    /** The hint for a quantity of the first update: its formula, in the seed's notation. */
    public Hint hint(String key) {
        return hints.computeIfAbsent(key, k -> Hint.of(step(k), notation, problem.rounding() != null));
    }

    // ---- for the judge ----

    int index(String key) {
        return index.get(key);
    }

    @Nullable Integer indexOrNull(String key) {
        return index.get(key);
    }

    Trail trail() {
        return trail;
    }

    /**
     * The step of the first update that works out a quantity, as worked (rounded as you go under a
     * rounding rule); throws {@link IllegalArgumentException} for a key the first update does not have.
     */
    public Step step(String key) {
        Integer at = index.get(key);
        if (at == null) {
            throw new IllegalArgumentException("the first update has no quantity " + key);
        }
        return steps.get(at);
    }

    /** The exact value of a quantity of the first update (without rounding as you go), by its key. */
    public double exact(String key) {
        Double v = exact.get(key);
        return v == null ? step(key).value() : v;
    }

    /** The mistake made throughout, worked from scratch (no answers): the same for every student, kept. */
    Replay pureGlobal(Mistake m) {
        return pureGlobal.computeIfAbsent(m, x ->
                Replay.run(problem, trail, problem.rounding(), Replay.Inputs.NONE, x, steps.size() - 1));
    }

    /**
     * The values the checker's known mistakes give for each of these quantities of the first
     * update, as it tries them behind a wrong answer (see {@link MistakeValues}): in the order of
     * the keys given, each quantity's values made in its own step (and the transposed weight's),
     * then made throughout. A key the first update does not have is refused with
     * {@link IllegalArgumentException}.
     */
    public Map<String, List<MistakeValue>> mistakeValues(Collection<String> keys) {
        MistakeValues values = mistakes();
        Map<String, List<MistakeValue>> out = new LinkedHashMap<>();
        for (String k : keys) {
            List<MistakeValue> list = new ArrayList<>(values.inStep(k));
            for (MistakeValues.Throughout t : values.throughout()) {
                Double v = t.value(k);
                if (v != null) {
                    list.add(new MistakeValue(t.diagnosis(), MistakeValue.Where.THROUGHOUT, v));
                }
            }
            out.put(k, List.copyOf(list));
        }
        return out;
    }

    /** The values the checker's known mistakes give for this problem's quantities, worked as they are asked for. */
    public MistakeValues mistakes() {
        return new MistakeValues(this);
    }

    /** Why a key that is not a quantity of this problem's first update is refused, or null when it is one. */
    @Nullable String missing(String key) {
        if (index.containsKey(key)) {
            return null;
        }
        Quantity q = Quantity.parse(key).orElse(null);
        if (q == null) {
            return "is not a quantity key like delta[2][0], dW[2][0][1] or W[2][0][1]";
        }
        int depth = problem.network().depth();
        if (!q.kind().answerable() && q.kind() != Quantity.Kind.LOSS_BEFORE) {
            return "is data of the problem, not something to work out; answer z, a, loss, delta, dW, db, W, b or lossAfter"
                    + (problem.optimizer().plain() ? "" : ", or the optimizer's state (" + stateKinds() + ")");
        }
        if (q.kind().state().isPresent() && !stateKept().contains(q.kind().state().get())) {
            return stateKept().isEmpty()
                    ? "is optimizer state, and this problem is trained by plain gradient descent, which keeps none"
                    : "is not state that " + problem.optimizer().describe() + " keeps; it keeps " + stateKinds();
        }
        if (q.kind().ofBias() && !problem.updateBiases()) {
            return "this problem keeps the biases fixed (updateBiases is false), so they keep no optimizer state";
        }
        if (q.update() > problem.workedUpdates()) {
            return "update " + q.update() + " is not worked: the worked solution has " + (problem.workedUpdates() == 1
                    ? "the first update only" : "updates 1.." + problem.workedUpdates()) + " (workedUpdates)";
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
        int from = problem.batchStart(q.update());
        int to = from + problem.batchLength(q.update()) - 1;
        if ((q.sample() > 0 || q.update() > 1) && (q.sample() < from || q.sample() > to)) {
            return (q.update() == 1 ? "the first update" : "update " + q.update()) + " uses samples " + from + ".." + to
                    + "; @" + q.sample() + " is not among them";
        }
        if (q.kind() == Quantity.Kind.LOSS_BEFORE) {
            return "lossBefore is worked out only when there is more than one sample; answer loss";
        }
        return problem.workedUpdates() == 1 ? "is not a quantity of this problem's first update"
                : "is not a quantity of this problem's worked updates";
    }

    /** The state this problem's optimizer keeps per weight and bias (none for plain gradient descent). */
    private List<Quantity.State> stateKept() {
        List<Quantity.State> out = new ArrayList<>();
        if (problem.optimizer().decays()) {
            out.add(Quantity.State.DECAYED);
        }
        switch (problem.optimizer().kind()) {
            case SGD -> {
            }
            case MOMENTUM, NESTEROV -> out.add(Quantity.State.MOMENTUM);
            case RMSPROP -> out.add(Quantity.State.SQUARE_AVERAGE);
            case ADAM -> out.addAll(List.of(Quantity.State.FIRST_MOMENT, Quantity.State.SECOND_MOMENT,
                    Quantity.State.FIRST_CORRECTED, Quantity.State.SECOND_CORRECTED));
        }
        return out;
    }

    /** The keys of that state, as a student writes them: "mW…/mb…, vW…/vb…". */
    private String stateKinds() {
        return stateKept().stream().map(st -> st.prefix() + "W…/" + st.prefix() + "b…")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * How a set of answers is marked: the share of a mark an answer carried forward from a wrong
     * earlier answer earns, and which quantities the page asks for (their values are kept out of
     * the feedback, so that it gives none of the page's answers away).
     *
     * @param carriedForward the share of a mark, 0 to 1
     * @param asked          the keys of the quantities asked for; empty for the answered ones alone
     */
    public record Options(double carriedForward, Set<String> asked) {
        /** Half a mark for an answer carried forward; the answered quantities are the asked ones. */
        public static final Options DEFAULT = new Options(Marking.DEFAULT_CARRIED_FORWARD, Set.of());

        /** Checks the share and copies the set. */
        public Options {
            new Marking(null, carriedForward);
            asked = Set.copyOf(asked);
        }

        /** The same options with another share for answers carried forward. */
        public Options withCarriedForward(double share) {
            return new Options(share, asked);
        }

        /** The same options with the quantities a page asks for. */
        public Options withAsked(Collection<String> keys) {
            return new Options(carriedForward, Set.copyOf(keys));
        }
    }
}
