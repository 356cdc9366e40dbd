package dev.backprop.engine.check;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.trace.Operand;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Works the first update again from its trace, step by step, in decimal arithmetic: each step's
 * formula is evaluated with its operands looked up among the values worked so far, where the
 * student's answers (when given) replace the computed ones, and a {@link Mistake} may be made in
 * every step it applies to (global) or in one step alone ({@link #local}). Each value remembers
 * which answers it was worked from (the nearest answered quantities behind it) and, when asked
 * for, how far it may move because those answers were written to limited digits.
 *
 * <p>Under a rounding rule the arithmetic is that of contract §1 (exact sums and products of the
 * decimal operands, exp, tanh and ln in double, each named quantity rounded half away from zero),
 * so a replay without answers or mistakes gives the solver's values exactly.
 */
final class Replay {
    /**
     * A worked value: after its own rounding, before it, and the answers it derives from. How far
     * it may move because those answers are known only to their digits is asked for separately
     * ({@link #slack(String)}), as it costs a replay of the step per uncertain operand.
     *
     * @param value   the value as written down (rounded under a rule)
     * @param raw     the formula's result before its own rounding (operands already rounded)
     * @param sources keys of the answers it was worked from: an answer is its own source; a worked
     *                value's are those of its operands, so they stop at the nearest answers
     */
    record Val(BigDecimal value, BigDecimal raw, Set<String> sources) {
    }

    /**
     * What a replay puts in place of the computed values: answers by key, and the precision each
     * is known to (a unit of its last digit written), or no precisions when slack is not tracked.
     *
     * @param values the values that replace the computed ones
     * @param units  how far each may be off, by key; empty to track no slack
     */
    record Inputs(Map<String, BigDecimal> values, Map<String, BigDecimal> units) {
        /** No answers: the worked solution itself. */
        static final Inputs NONE = new Inputs(Map.of(), Map.of());

        /**
         * The answers as written, each known to a unit of its last digit; a 0 is exact (a relu
         * that is off, a gradient of an input of 0), not "somewhere within 1".
         */
        static Inputs written(Map<String, BigDecimal> answers) {
            Map<String, BigDecimal> units = new HashMap<>();
            answers.forEach((k, v) -> units.put(k, precision(v)));
            return new Inputs(answers, units);
        }

        /** How far an answer may be from what the student worked with: a unit of its last digit, 0 for 0. */
        static BigDecimal precision(BigDecimal answer) {
            return answer.signum() == 0 ? BigDecimal.ZERO : Marking.unit(answer);
        }

        /** The answers as written, without tracking their precision. */
        static Inputs plain(Map<String, BigDecimal> answers) {
            return new Inputs(answers, Map.of());
        }
    }

    private static final MathContext PLAIN = new MathContext(24);
    private static final MathContext DIVISION = MathContext.DECIMAL128;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final Problem problem;
    private final Budget budget;
    private final Trail trail;
    private final List<Step> steps;
    private final Map<String, Integer> index;
    private final @Nullable Rounding rule;
    private final Inputs inputs;
    private final @Nullable Mistake mistake;
    private final Map<String, Val> computed = new HashMap<>();
    private final Map<String, Val> env = new HashMap<>();
    private final Set<String> undefined = new HashSet<>();
    private final List<Set<String>> reads = new ArrayList<>();
    private final Map<String, BigDecimal> slacks = new HashMap<>();
    private final Evaluator evaluator = new Evaluator();
    private int evaluated;

    // The evaluation in progress: the step, the mistake made in it alone (local mode) and what it read.
    private @Nullable Step localStep;
    private @Nullable Mistake localMistake;
    private Set<String> sources = new HashSet<>();
    private Set<String> readKeys = new HashSet<>();
    private Map<String, BigDecimal> readValues = new LinkedHashMap<>();
    private @Nullable String nudged;
    private BigDecimal nudge = BigDecimal.ZERO;
    private final boolean trackSlack;
    // Values in place of the replay's own while a what-if is worked (see whatIf).
    private final Map<String, Val> overlay = new HashMap<>();

    private Replay(Problem problem, Trail trail, @Nullable Rounding rule, Inputs inputs, @Nullable Mistake mistake,
                   Budget budget) {
        this.problem = problem;
        this.budget = budget;
        this.trail = trail;
        this.steps = trail.steps();
        this.index = trail.index();
        this.rule = rule;
        this.inputs = inputs;
        this.mistake = mistake;
        this.trackSlack = !inputs.units().isEmpty();
    }

    /**
     * Replays the steps up to and including index {@code last}, with the inputs replacing the
     * computed values and the mistake (if any) made in every step it applies to.
     *
     * @param trail the steps of the first update
     */
    static Replay run(Problem problem, Trail trail, @Nullable Rounding rule, Inputs inputs, @Nullable Mistake mistake,
                      int last) {
        return run(problem, trail, rule, inputs, mistake, last, new Budget());
    }

    /** {@link #run}, counting the operands it reads (now and in later what-ifs) against a budget. */
    static Replay run(Problem problem, Trail trail, @Nullable Rounding rule, Inputs inputs, @Nullable Mistake mistake,
                      int last, Budget budget) {
        Replay r = new Replay(problem, trail, rule, inputs, mistake, budget);
        List<Step> steps = trail.steps();
        for (int idx = 0; idx < steps.size() && idx <= last; idx++) {
            Step s = steps.get(idx);
            String key = s.quantity().key();
            Val v = r.evaluate(s);
            r.reads.add(r.readKeys);
            if (v == null) {
                r.undefined.add(key);
            } else {
                r.computed.put(key, v);
            }
            BigDecimal answer = inputs.values().get(key);
            if (answer != null) {
                r.env.put(key, new Val(answer, answer, Set.of(key)));
                r.undefined.remove(key);
            } else if (v != null) {
                r.env.put(key, v);
            }
        }
        return r;
    }

    /** The value the step's formula gave (before any answer replaced it), or null where it is undefined (ln 0). */
    @Nullable Val computed(String key) {
        return computed.get(key);
    }

    /** The value later steps used: the answer where one was given, else the computed value; null when undefined. */
    @Nullable Val used(String key) {
        return env.get(key);
    }

    /** How many step evaluations this replay has made (for budgets and benchmarks). */
    int evaluations() {
        return evaluated;
    }

    /**
     * The step worked again with the mistake made in it alone, its operands being this replay's
     * values (the answers where given); null when undefined.
     */
    @Nullable Val local(Step step, Mistake m) {
        localStep = step;
        localMistake = m;
        try {
            return evaluate(step);
        } finally {
            localStep = null;
            localMistake = null;
        }
    }

    /**
     * What the step reads when worked again here, with the mistake made in it (or none): each
     * operand's key and the value used, in the order read (the numbers an explanation quotes).
     */
    Map<String, BigDecimal> reads(Step step, @Nullable Mistake m) {
        if (m == null) {
            evaluate(step);
        } else {
            local(step, m);
        }
        return new LinkedHashMap<>(readValues);
    }

    /**
     * The value of {@code target} had the given worked (unanswered) quantities been written as the
     * values in {@code changes}: only the steps between them and the target that read a changed
     * value are worked again, answers staying as written. Slack is not tracked. Null when undefined.
     */
    @Nullable Val whatIf(String target, Map<String, BigDecimal> changes) {
        Integer end = index.get(target);
        if (end == null || end >= reads.size()) {
            return null;
        }
        int from = end;
        Set<String> changed = new HashSet<>();
        for (Map.Entry<String, BigDecimal> c : changes.entrySet()) {
            Val was = env.get(c.getKey());
            Integer at = index.get(c.getKey());
            if (was == null || at == null || inputs.values().containsKey(c.getKey())) {
                continue;
            }
            overlay.put(c.getKey(), new Val(c.getValue(), c.getValue(), was.sources()));
            changed.add(c.getKey());
            from = Math.min(from, at);
        }
        try {
            Val result = computed.get(target);
            for (int idx : cone(end, from)) {
                Step s = steps.get(idx);
                String key = s.quantity().key();
                if (changed.contains(key) || !intersects(reads.get(idx), changed)) {
                    continue;
                }
                Val v = evaluate(s);
                if (v == null) {
                    return null;
                }
                if (idx == end) {
                    result = v;
                } else if (!inputs.values().containsKey(key)) {
                    overlay.put(key, v);
                    changed.add(key);
                }
            }
            return result;
        } finally {
            overlay.clear();
        }
    }

    /**
     * Whether a what-if of {@code target} with {@code changed} rounded would work again at most
     * {@code most} steps (those between them that the target is worked from); stops counting there.
     */
    boolean within(String target, String changed, int most) {
        Integer end = index.get(target);
        Integer from = index.get(changed);
        return end == null || from == null || end >= reads.size() || cone(end, from, most) != null;
    }

    /**
     * The steps from index {@code from} to {@code end} that the step at {@code end} is worked
     * from (itself included), in order: all a what-if needs to work again, however much else a
     * changed value feeds.
     */
    private List<Integer> cone(int end, int from) {
        return java.util.Objects.requireNonNull(cone(end, from, Integer.MAX_VALUE));
    }

    /** {@link #cone(int, int)}, or null as soon as it has more than {@code most} steps. */
    private @Nullable List<Integer> cone(int end, int from, int most) {
        Set<Integer> in = new HashSet<>();
        List<Integer> todo = new ArrayList<>(List.of(end));
        while (!todo.isEmpty()) {
            int idx = todo.remove(todo.size() - 1);
            if (!in.add(idx)) {
                continue;
            }
            if (in.size() > most) {
                return null;
            }
            for (String k : reads.get(idx)) {
                Integer at = index.get(k);
                if (at != null && at >= from && at < idx && !in.contains(at)) {
                    todo.add(at);
                }
            }
        }
        List<Integer> out = new ArrayList<>(in);
        java.util.Collections.sort(out);
        return out;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String k : b) {
            if (a.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** The keys the step at this index read when it was worked (its operands, and z where a mistake reads it). */
    Set<String> reads(int idx) {
        return idx < reads.size() ? reads.get(idx) : Set.of();
    }

    private @Nullable Val evaluate(Step s) {
        evaluated++;
        budget.reads += 4;
        sources = new HashSet<>();
        readKeys = new HashSet<>();
        readValues = new LinkedHashMap<>();
        try {
            BigDecimal raw = s.accept(evaluator);
            BigDecimal value = s instanceof Step.Given ? raw : round(raw);
            return new Val(value, raw, Set.copyOf(sources));
        } catch (ArithmeticException | NumberFormatException | Undefined e) {
            return null;
        }
    }

    // Steps reading more uncertain operands than this (a loss after the update of a large network) get no slack.
    private static final int MAX_SLACK_OPERANDS = 64;

    /**
     * How far the value the step's formula gave for {@code key} may move because the answers it
     * was worked from are known only to their digits (a unit of their last digit, carried through
     * each formula to first order: Σ over the uncertain operands of |f(operand + its slack) −
     * f(operand)|); zero when slack is not tracked, for values from exact operands, and for steps
     * reading more than {@value #MAX_SLACK_OPERANDS} uncertain operands. Worked out when first
     * asked for, then kept.
     */
    BigDecimal slack(String key) {
        BigDecimal known = slacks.get(key);
        if (known != null) {
            return known;
        }
        Integer idx = index.get(key);
        BigDecimal s = BigDecimal.ZERO;
        if (trackSlack && idx != null && idx < reads.size() && computed.containsKey(key)) {
            Step step = steps.get(idx);
            s = nudged(step, operandSlacks(reads.get(idx)), computed.get(key).raw());
        }
        slacks.put(key, s);
        return s;
    }

    /** {@link #slack(String)} of the step worked again with the mistake made in it alone. */
    BigDecimal localSlack(Step step, Mistake m) {
        if (!trackSlack) {
            return BigDecimal.ZERO;
        }
        Val v = local(step, m);
        if (v == null) {
            return BigDecimal.ZERO;
        }
        Set<String> read = readKeys;
        Map<String, BigDecimal> uncertain = operandSlacks(read);
        localStep = step;
        localMistake = m;
        try {
            return nudged(step, uncertain, v.raw());
        } finally {
            localStep = null;
            localMistake = null;
        }
    }

    /** The slack of each operand read that has some: an answer's precision, a worked value's own slack. */
    private Map<String, BigDecimal> operandSlacks(Set<String> read) {
        Map<String, BigDecimal> out = new HashMap<>();
        for (String k : List.copyOf(read)) {
            BigDecimal unit = inputs.units().get(k);
            BigDecimal s = unit != null ? unit : computed.containsKey(k) ? slack(k) : BigDecimal.ZERO;
            if (s.signum() > 0) {
                out.put(k, s);
            }
        }
        return out;
    }

    /** Σ |f(operand + its slack) − f(operand)| over the uncertain operands. */
    private BigDecimal nudged(Step s, Map<String, BigDecimal> uncertain, BigDecimal raw) {
        if (uncertain.isEmpty() || uncertain.size() > MAX_SLACK_OPERANDS) {
            return BigDecimal.ZERO;
        }
        BigDecimal total = BigDecimal.ZERO;
        try {
            for (Map.Entry<String, BigDecimal> e : uncertain.entrySet()) {
                nudged = e.getKey();
                nudge = e.getValue();
                evaluated++;
                total = total.add(s.accept(evaluator).subtract(raw).abs());
            }
        } catch (ArithmeticException | NumberFormatException | Undefined e) {
            return BigDecimal.ZERO;
        } finally {
            nudged = null;
        }
        return total.round(PLAIN);
    }

    private BigDecimal round(BigDecimal raw) {
        return rule != null ? rule.round(raw) : raw.round(PLAIN);
    }

    /** Whether the mistake m is being made in a step of this kind. */
    private boolean is(Mistake m, Class<? extends Step> kind) {
        if (localMistake != null) {
            return localMistake == m && localStep != null && localStep.getClass() == kind && m.changesLocally(kind);
        }
        return mistake == m && m.changesGlobally(kind);
    }

    private static BigDecimal dec(double x) {
        if (!Double.isFinite(x)) {
            throw new Undefined();
        }
        return BigDecimal.valueOf(x);
    }

    /** √x in double precision, as an exact decimal (undefined for a negative x). */
    private static BigDecimal root(BigDecimal x) {
        if (x.signum() < 0) {
            throw new Undefined();
        }
        return computedDecimal(Math.sqrt(x.doubleValue()));
    }

    /** A double computed by exp, tanh or ln, as an exact decimal. */
    private static BigDecimal computedDecimal(double x) {
        if (!Double.isFinite(x)) {
            throw new Undefined();
        }
        return new BigDecimal(x);
    }

    private BigDecimal get(String key, double fallback) {
        return get(key, fallback, null);
    }

    /** The value of a key as used: from the environment, else the operand's own value (the problem's data). */
    private BigDecimal get(String key, double fallback, @Nullable BigDecimal decimal) {
        budget.reads++;
        Val v = overlay.isEmpty() ? env.get(key) : overlay.getOrDefault(key, env.get(key));
        if (v != null) {
            if (nudged != null) {
                return key.equals(nudged) ? v.value().add(nudge) : v.value();
            }
            readKeys.add(key);
            readValues.putIfAbsent(key, v.value());
            sources.addAll(v.sources());
            return v.value();
        }
        if (undefined.contains(key)) {
            throw new Undefined();
        }
        BigDecimal d = decimal != null ? decimal : dec(fallback);
        if (nudged == null) {
            readValues.putIfAbsent(key, d);
        }
        return d;
    }

    private BigDecimal get(Operand op) {
        return get(trail.key(op), op.value(), trail.value(op));
    }

    /** A worked quantity that has no value of its own in the trace's operands (z, an updated weight, a gradient). */
    private BigDecimal worked(Quantity q) {
        return get(q.key(), Double.NaN);
    }

    private static BigDecimal activation(Activation f, BigDecimal z) {
        return switch (f) {
            case SIGMOID, TANH -> computedDecimal(f.apply(z.doubleValue()));
            case RELU -> z.signum() > 0 ? z : BigDecimal.ZERO;
            case LINEAR -> z;
            case SOFTMAX -> throw new Undefined();
        };
    }

    private static BigDecimal[] softmax(BigDecimal[] z) {
        BigDecimal max = z[0];
        for (BigDecimal v : z) {
            max = max.max(v);
        }
        BigDecimal[] e = new BigDecimal[z.length];
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < z.length; k++) {
            // e^(z_k − max) in double, as on the exact path
            e[k] = computedDecimal(Math.exp(z[k].subtract(max).doubleValue()));
            sum = sum.add(e[k]);
        }
        BigDecimal[] a = new BigDecimal[z.length];
        for (int k = 0; k < z.length; k++) {
            a[k] = e[k].divide(sum, DIVISION);
        }
        return a;
    }

    /** f′ written in a, or the mistaken derivative the current mistake calls for. */
    private BigDecimal derivative(Activation f, BigDecimal a, Quantity z, Class<? extends Step> kind) {
        if (is(Mistake.MISSING_DERIVATIVE, kind)) {
            return BigDecimal.ONE;
        }
        if (is(Mistake.DERIVATIVE_OF_Z, kind)) {
            return f.derivative(worked(z));
        }
        if (is(Mistake.OTHER_DERIVATIVE, kind)) {
            return f == Activation.SIGMOID ? Activation.TANH.derivative(a) : Activation.SIGMOID.derivative(a);
        }
        return f.derivative(a);
    }

    /** The loss of one sample, with the loss's own mistakes. */
    private BigDecimal lossValue(Loss loss, BigDecimal[] a, BigDecimal[] y) {
        BigDecimal v = loss.value(a, y);
        BigDecimal n = BigDecimal.valueOf(y.length);
        if (is(Mistake.HALF_DROPPED, Step.SampleLoss.class)) {
            v = v.multiply(TWO);
        } else if (is(Mistake.MSE_WITHOUT_MEAN, Step.SampleLoss.class)) {
            v = v.multiply(n);
        } else if (is(Mistake.SUM_AS_MEAN, Step.SampleLoss.class)) {
            v = v.divide(n, DIVISION);
        }
        return v;
    }

    /**
     * The loss of sample s after a forward pass (not traced): through the problem's network, or
     * through the updated weights and biases worked so far. Each z, a and the loss are rounded as
     * the solver rounds them.
     */
    private BigDecimal forwardLoss(int s, boolean after) {
        Network net = problem.network();
        Sample sample = problem.samples().get(s);
        BigDecimal[] a = new BigDecimal[sample.inputSize()];
        for (int i = 0; i < a.length; i++) {
            a[i] = dec(sample.input(i));
        }
        for (int l = 1; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            BigDecimal[] z = new BigDecimal[layer.size()];
            for (int j = 0; j < z.length; j++) {
                // z_j = Σ_i W_ji·a_i + b_j
                BigDecimal sum = is(Mistake.BIAS_OMITTED, Step.WeightedSum.class) ? BigDecimal.ZERO
                        : after ? worked(Quantity.b(l, j)) : dec(layer.bias(j));
                boolean swap = is(Mistake.SWAPPED_FORWARD, Step.WeightedSum.class)
                        && j < layer.inputs() && layer.inputs() <= layer.size();
                for (int i = 0; i < a.length; i++) {
                    int row = swap ? i : j;
                    int col = swap ? j : i;
                    BigDecimal w = after ? worked(Quantity.w(l, row, col)) : dec(layer.weight(row, col));
                    sum = sum.add(w.multiply(a[i]));
                }
                z[j] = round(sum);
            }
            BigDecimal[] next = new BigDecimal[z.length];
            if (layer.activation() == Activation.SOFTMAX) {
                BigDecimal[] soft = softmax(z);
                for (int j = 0; j < z.length; j++) {
                    next[j] = round(soft[j]);
                }
            } else {
                for (int j = 0; j < z.length; j++) {
                    next[j] = round(activation(layer.activation(), z[j]));
                }
            }
            a = next;
        }
        BigDecimal[] y = new BigDecimal[sample.targetSize()];
        for (int j = 0; j < y.length; j++) {
            y[j] = dec(sample.target(j));
        }
        return round(lossValue(problem.loss(), a, y));
    }

    /** A weight of the layer above for a hidden δ: the operand, or the mistaken one the current mistake uses. */
    private BigDecimal weightAbove(Operand op, int t) {
        Quantity q = op.quantity();
        // the weight as update t read it (before training, or after update t − 1) → the one update t made
        boolean before = q.kind() == Quantity.Kind.W_OLD || q.kind() == Quantity.Kind.W && q.update() == t - 1;
        if (is(Mistake.UPDATED_WEIGHTS, Step.HiddenDelta.class) && before) {
            return worked(Quantity.w(q.layer(), q.row(), q.col()).ofUpdate(t));
        }
        if (is(Mistake.SWAPPED_BACKWARD, Step.HiddenDelta.class)) {
            // W[l+1][j][k] (the row) for W[l+1][k][j] (the column), where that weight exists
            Layer above = problem.network().layer(q.layer());
            int row = q.col();
            int col = q.row();
            if (row < above.size() && col < above.inputs()) {
                return q.kind() == Quantity.Kind.W_OLD ? dec(above.weight(row, col))
                        : worked(Quantity.w(q.layer(), row, col).ofUpdate(q.update()));
            }
        }
        return get(op);
    }

    /** Evaluates one step's formula; the one place the checker's arithmetic dispatches on the kind of step. */
    private final class Evaluator implements Step.Visitor<BigDecimal> {
        @Override
        public BigDecimal given(Step.Given step) {
            return dec(step.value());
        }

        @Override
        public BigDecimal weightedSum(Step.WeightedSum step) {
            // z_j = Σ_i W_ji·a_i + b_j
            Quantity q = step.quantity();
            Layer layer = problem.network().layer(q.layer());
            int j = q.row();
            boolean swap = is(Mistake.SWAPPED_FORWARD, Step.WeightedSum.class)
                    && j < layer.inputs() && layer.inputs() <= layer.size();
            BigDecimal sum = is(Mistake.BIAS_OMITTED, Step.WeightedSum.class) ? BigDecimal.ZERO : get(step.bias());
            for (int i = 0; i < step.weights().size(); i++) {
                BigDecimal w = !swap ? get(step.weights().get(i)) : q.update() == 1 ? dec(layer.weight(i, j))
                        : worked(Quantity.w(q.layer(), i, j).ofUpdate(q.update() - 1));
                sum = sum.add(w.multiply(get(step.inputs().get(i))));
            }
            return sum;
        }

        @Override
        public BigDecimal activate(Step.Activate step) {
            return activation(step.activation(), get(step.z()));
        }

        @Override
        public BigDecimal softmax(Step.Softmax step) {
            List<Operand> layer = step.layer();
            BigDecimal[] z = new BigDecimal[layer.size()];
            int index = 0;
            for (int k = 0; k < z.length; k++) {
                z[k] = get(layer.get(k));
                if (layer.get(k).key().equals(step.z().key())) {
                    index = k;
                }
            }
            return Replay.softmax(z)[index];
        }

        @Override
        public BigDecimal sampleLoss(Step.SampleLoss step) {
            if (step.quantity().kind() == Quantity.Kind.LOSS_AFTER) {
                return forwardLoss(0, true);
            }
            BigDecimal[] a = new BigDecimal[step.outputs().size()];
            BigDecimal[] y = new BigDecimal[step.targets().size()];
            for (int j = 0; j < a.length; j++) {
                a[j] = get(step.outputs().get(j));
                y[j] = get(step.targets().get(j));
            }
            return lossValue(step.loss(), a, y);
        }

        @Override
        public BigDecimal datasetLoss(Step.DatasetLoss step) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Operand op : step.sampleLosses()) {
                Quantity q = op.quantity();
                BigDecimal v;
                if (env.containsKey(op.key()) || undefined.contains(op.key())) {
                    v = get(op);
                } else if (q.kind() == Quantity.Kind.SAMPLE_LOSS_AFTER) {
                    v = forwardLoss(q.row(), true);
                } else {
                    // a sample outside the first batch: its loss is not a worked step
                    v = forwardLoss(q.sample(), false);
                }
                sum = sum.add(v);
            }
            if (is(Mistake.DATASET_SUM, Step.DatasetLoss.class)) {
                return sum;
            }
            return sum.divide(BigDecimal.valueOf(step.sampleLosses().size()), DIVISION);
        }

        @Override
        public BigDecimal outputDelta(Step.OutputDelta step) {
            Quantity q = step.quantity();
            Class<Step.OutputDelta> kind = Step.OutputDelta.class;
            BigDecimal a = get(step.output());
            BigDecimal y = get(step.target());
            BigDecimal diff = a.subtract(y);
            BigDecimal d;
            if (step.loss().deltaIsOutputMinusTarget()) {
                // δ = a − y: the cross-entropy's derivative cancels the activation's
                d = is(Mistake.EXTRA_DERIVATIVE, kind) ? diff.multiply(Activation.SIGMOID.derivative(a)) : diff;
            } else {
                BigDecimal fp = derivative(step.activation(), a, q.withKind(Quantity.Kind.Z), kind);
                BigDecimal n = BigDecimal.valueOf(step.outputs());
                // δ = ∂L/∂a · f′(z)
                d = switch (step.loss()) {
                    case SQUARED_ERROR -> diff.multiply(TWO).multiply(fp);
                    case MEAN_SQUARED_ERROR -> diff.multiply(TWO).multiply(fp).divide(n, DIVISION);
                    default -> diff.multiply(fp);
                };
                if (is(Mistake.HALF_DROPPED, kind)) {
                    d = d.multiply(TWO);
                } else if (is(Mistake.TWO_DROPPED, kind)) {
                    d = d.divide(TWO, DIVISION);
                } else if (is(Mistake.MSE_WITHOUT_MEAN, kind)) {
                    d = d.multiply(n);
                } else if (is(Mistake.SUM_AS_MEAN, kind)) {
                    d = d.divide(n, DIVISION);
                }
            }
            return is(Mistake.SIGN_FLIPPED, kind) ? d.negate() : d;
        }

        @Override
        public BigDecimal hiddenDelta(Step.HiddenDelta step) {
            // δ_j = (Σ_k W_kj·δ_k) · f′(z_j)
            Quantity q = step.quantity();
            BigDecimal sum = BigDecimal.ZERO;
            for (int k = 0; k < step.weights().size(); k++) {
                sum = sum.add(weightAbove(step.weights().get(k), q.update()).multiply(get(step.nextDeltas().get(k))));
            }
            BigDecimal fp = derivative(step.activation(), get(step.output()),
                    q.withKind(Quantity.Kind.Z), Step.HiddenDelta.class);
            BigDecimal d = sum.multiply(fp);
            return is(Mistake.SIGN_FLIPPED, Step.HiddenDelta.class) ? d.negate() : d;
        }

        @Override
        public BigDecimal weightGradient(Step.WeightGradient step) {
            // ∂L/∂W_ji = (1/m) Σ_s δ_j,s · a_i,s
            Class<Step.WeightGradient> kind = Step.WeightGradient.class;
            int m = step.deltas().size();
            BigDecimal sum = BigDecimal.ZERO;
            for (int s = 0; s < m; s++) {
                Quantity in = step.inputs().get(s).quantity();
                BigDecimal a = is(Mistake.GRADIENT_FROM_Z, kind) && in.layer() >= 1
                        ? worked(in.withKind(Quantity.Kind.Z))
                        : get(step.inputs().get(s));
                sum = sum.add(get(step.deltas().get(s)).multiply(a));
            }
            BigDecimal g = m == 1 || is(Mistake.BATCH_SUM, kind) ? sum : sum.divide(BigDecimal.valueOf(m), DIVISION);
            return is(Mistake.SIGN_FLIPPED, kind) ? g.negate() : g;
        }

        @Override
        public BigDecimal biasGradient(Step.BiasGradient step) {
            // ∂L/∂b_j = (1/m) Σ_s δ_j,s
            Class<Step.BiasGradient> kind = Step.BiasGradient.class;
            int m = step.deltas().size();
            BigDecimal sum = BigDecimal.ZERO;
            for (Operand d : step.deltas()) {
                sum = sum.add(get(d));
            }
            BigDecimal g = m == 1 || is(Mistake.BATCH_SUM, kind) ? sum : sum.divide(BigDecimal.valueOf(m), DIVISION);
            return is(Mistake.SIGN_FLIPPED, kind) ? g.negate() : g;
        }

        @Override
        public BigDecimal update(Step.Update step) {
            // θ_new = θ − α·x (x the gradient, with weight decay, or the momentum buffer)
            return descend(get(step.old()), get(step.learningRate()), get(step.gradient()), Step.Update.class);
        }

        /** θ − α·x, or the update mistakes' versions of it. */
        private BigDecimal descend(BigDecimal old, BigDecimal alpha, BigDecimal x, Class<? extends Step> kind) {
            if (is(Mistake.UPDATE_DIRECTION, kind)) {
                return old.add(alpha.multiply(x));
            }
            if (is(Mistake.LEARNING_RATE_OMITTED, kind)) {
                return old.subtract(x);
            }
            if (is(Mistake.NOT_UPDATED, kind)) {
                return old;
            }
            return old.subtract(alpha.multiply(x));
        }

        @Override
        public BigDecimal unchanged(Step.Unchanged step) {
            BigDecimal old = get(step.old());
            if (is(Mistake.FIXED_BIAS_UPDATED, Step.Unchanged.class)) {
                Quantity q = step.quantity();
                return old.subtract(dec(problem.learningRate()).multiply(worked(Quantity.db(q.layer(), q.row()).ofUpdate(q.update()))));
            }
            return old;
        }

        @Override
        public BigDecimal decay(Step.Decay step) {
            // g = ∂L/∂θ + λ·θ
            return get(step.gradient()).add(get(step.decay()).multiply(get(step.parameter())));
        }

        @Override
        public BigDecimal momentumBuffer(Step.MomentumBuffer step) {
            // b = μ·b + g, and b = g on the first step
            BigDecimal g = get(step.gradient());
            if (step.previous() == null) {
                return g;
            }
            BigDecimal term = get(step.momentum()).multiply(get(step.previous()));
            return is(Mistake.MOMENTUM_SIGN, Step.MomentumBuffer.class) ? g.subtract(term) : term.add(g);
        }

        @Override
        public BigDecimal movingAverage(Step.MovingAverage step) {
            // β·m + (1 − β)·g, or of g²; the average starts at 0
            BigDecimal beta = get(step.rate());
            BigDecimal before = step.previous() == null ? BigDecimal.ZERO : get(step.previous());
            BigDecimal g = get(step.gradient());
            BigDecimal y = step.squared() ? g.multiply(g) : g;
            BigDecimal keep = beta;
            BigDecimal take = BigDecimal.ONE.subtract(beta);
            if (is(Mistake.BETA_SWAPPED, Step.MovingAverage.class)) {
                keep = take;
                take = beta;
            }
            return keep.multiply(before).add(take.multiply(y));
        }

        @Override
        public BigDecimal biasCorrection(Step.BiasCorrection step) {
            // m̂ = m / (1 − βᵗ)
            BigDecimal m = get(step.moment());
            BigDecimal correction = BigDecimal.ONE.subtract(get(step.rate()).pow(step.step()));
            if (is(Mistake.CORRECTION_OMITTED, Step.BiasCorrection.class)) {
                return m;
            }
            return m.divide(correction, DIVISION);
        }

        @Override
        public BigDecimal nesterovUpdate(Step.NesterovUpdate step) {
            // θ − α·(g + μ·b)
            BigDecimal g = get(step.gradient());
            BigDecimal term = get(step.momentum()).multiply(get(step.buffer()));
            BigDecimal direction = is(Mistake.MOMENTUM_SIGN, Step.NesterovUpdate.class) ? g.subtract(term) : g.add(term);
            return descend(get(step.old()), get(step.learningRate()), direction, Step.NesterovUpdate.class);
        }

        @Override
        public BigDecimal adaptiveUpdate(Step.AdaptiveUpdate step) {
            // θ − α·x / (√y + ε), the square root in double as on the exact path
            BigDecimal old = get(step.old());
            BigDecimal alpha = get(step.learningRate());
            BigDecimal x = get(step.numerator());
            BigDecimal y = get(step.average());
            BigDecimal epsilon = get(step.epsilon());
            BigDecimal denominator = is(Mistake.EPSILON_INSIDE, Step.AdaptiveUpdate.class)
                    ? root(y.add(epsilon)) : root(y).add(epsilon);
            return descend(old, alpha, x.divide(denominator, DIVISION), Step.AdaptiveUpdate.class);
        }
    }

    /**
     * The work a checking may spend: operands read (each a decimal multiply-add or so), counted
     * over all its replays, so that a large sheet of wrong answers cannot take unbounded time.
     */
    static final class Budget {
        /** No limit. */
        static final long UNLIMITED = Long.MAX_VALUE;

        private final long limit;
        private long reads;

        /** An unlimited budget, counting only. */
        Budget() {
            this(UNLIMITED);
        }

        /** A budget of this many operand reads. */
        Budget(long limit) {
            this.limit = limit;
        }

        /** Whether the budget is used up. */
        boolean spent() {
            return reads >= limit;
        }

        /** How many operands have been read. */
        long reads() {
            return reads;
        }
    }

    /** An operand has no value (a loss took ln 0, or a value is not a finite number). */
    private static final class Undefined extends RuntimeException {
        Undefined() {
            super(null, null, false, false);
        }
    }
}
