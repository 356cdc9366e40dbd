package dev.backprop.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.check.ByHand.Slip;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.trace.Operand;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random networks × every known mistake, made by the independent hand calculation ({@link ByHand})
 * in one step, as students make them: from the true values written to six figures; rounding every
 * value to 3 or 4 significant figures as they go and working on from the rounded values; and
 * after writing one wrong number earlier and working on from it. Every quantity of the first
 * update is answered. The checker must name the slip (or a mistake that gives the same number)
 * with an explanation about the quantity marked, and mark every other answer right or carried
 * forward: no right working marked wrong.
 */
class MarkingPropertyTest {
    private static final int PROBLEMS = 30;
    private static final double NAMED_AT_LEAST = 0.95;

    /** How a student works around the slip. */
    enum Way {
        /** The true values, written to six significant figures. */
        TRUE_INPUTS,
        /** Every value rounded to 3 or 4 significant figures as it is written, later ones worked from those. */
        ROUNDED,
        /** One earlier answer wrong, later ones (the slip's step too) worked from it. */
        WRONG_EARLIER,
        /**
         * The true values, but only the slip's step and those after it answered, on a worksheet
         * asking for everything: the feedback must not give away the blanks left empty.
         */
        FROM_THE_SLIP_ON
    }

    /** The diagnosis each slip is to be named by. */
    static Diagnosis named(Slip s) {
        return switch (s) {
            case SIGN_FLIPPED -> Diagnosis.SIGN_FLIPPED;
            case MISSING_DERIVATIVE -> Diagnosis.MISSING_ACTIVATION_DERIVATIVE;
            case HALF_DROPPED, TWO_DROPPED -> Diagnosis.FACTOR_OF_TWO;
            case BATCH_SUM, MSE_WITHOUT_MEAN -> Diagnosis.MEAN_VS_SUM;
            case UPDATED_WEIGHTS -> Diagnosis.USED_UPDATED_WEIGHTS;
            case UPDATE_DIRECTION -> Diagnosis.UPDATE_DIRECTION;
            case LEARNING_RATE_OMITTED -> Diagnosis.LEARNING_RATE_OMITTED;
            case NOT_UPDATED -> Diagnosis.NOT_UPDATED;
            case DERIVATIVE_OF_Z, GRADIENT_FROM_Z -> Diagnosis.USED_Z_NOT_A;
            case OTHER_DERIVATIVE -> Diagnosis.WRONG_ACTIVATION_DERIVATIVE;
            case EXTRA_DERIVATIVE -> Diagnosis.EXTRA_ACTIVATION_DERIVATIVE;
            case BIAS_OMITTED -> Diagnosis.BIAS_OMITTED;
            case SWAPPED_FORWARD_WEIGHTS, SWAPPED_HIDDEN_WEIGHTS -> Diagnosis.SWAPPED_INDICES;
            case FIXED_BIAS_UPDATED -> Diagnosis.UPDATED_FIXED_BIAS;
        };
    }

    /** A random exercise: 2–3 inputs, one or two hidden layers, 1–3 outputs, printed to two decimals. */
    static Problem problem(long seed) {
        Random rnd = new Random(seed);
        int inputs = 2 + rnd.nextInt(2);
        int hiddenLayers = rnd.nextInt(4) == 0 ? 2 : 1;
        int outputs = 1 + rnd.nextInt(3);
        Loss loss = Loss.values()[rnd.nextInt(Loss.values().length)];
        Activation out = switch (loss) {
            case CROSS_ENTROPY -> Activation.SOFTMAX;
            case BINARY_CROSS_ENTROPY -> Activation.SIGMOID;
            default -> new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.LINEAR}[rnd.nextInt(3)];
        };
        if (loss == Loss.CROSS_ENTROPY && outputs == 1) {
            outputs = 2;
        }
        Network.Builder b = Network.builder().input(inputs);
        int below = inputs;
        for (int h = 0; h < hiddenLayers; h++) {
            int size = 2 + rnd.nextInt(2);
            b.dense(new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU}[rnd.nextInt(3)],
                    weights(rnd, size, below), biases(rnd, size));
            below = size;
        }
        b.dense(out, weights(rnd, outputs, below), biases(rnd, outputs));
        Problem.Builder p = Problem.builder().network(b.build()).loss(loss).learningRate(two(rnd, 0.1, 0.9))
                .updateBiases(rnd.nextInt(4) != 0);
        int samples = rnd.nextInt(4) == 0 ? 2 : 1;
        for (int s = 0; s < samples; s++) {
            double[] x = new double[inputs];
            for (int i = 0; i < inputs; i++) {
                x[i] = two(rnd, -1, 1);
            }
            double[] y = new double[outputs];
            for (int j = 0; j < outputs; j++) {
                y[j] = loss == Loss.CROSS_ENTROPY ? (j == s % outputs ? 1 : 0) : two(rnd, 0.05, 0.95);
            }
            p.sample(x, y);
        }
        return p.batchSize(samples).build();
    }

    private static double[][] weights(Random rnd, int rows, int cols) {
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            for (int i = 0; i < cols; i++) {
                row[i] = two(rnd, -0.9, 0.9);
            }
        }
        return w;
    }

    private static double[] biases(Random rnd, int n) {
        double[] b = new double[n];
        for (int j = 0; j < n; j++) {
            b[j] = two(rnd, -0.5, 0.5);
        }
        return b;
    }

    private static double two(Random rnd, double lo, double hi) {
        double v = Math.round((lo + (hi - lo) * rnd.nextDouble()) * 100) / 100.0;
        return v == 0 ? 0.01 : v;
    }

    /** The keys of the steps a slip can be made in, for this problem. */
    static List<String> where(Slip slip, Problem p, AnswerKey key) {
        int out = p.network().depth() - 1;
        Loss loss = p.loss();
        boolean squared = !loss.deltaIsOutputMinusTarget();
        List<String> keys = new ArrayList<>();
        for (Step s : key.steps()) {
            Quantity q = s.quantity();
            boolean outputDelta = s instanceof Step.OutputDelta;
            boolean hiddenDelta = s instanceof Step.HiddenDelta;
            boolean ok = switch (slip) {
                case SIGN_FLIPPED -> outputDelta || hiddenDelta || s instanceof Step.WeightGradient
                        || s instanceof Step.BiasGradient;
                case MISSING_DERIVATIVE, DERIVATIVE_OF_Z, OTHER_DERIVATIVE -> outputDelta && squared || hiddenDelta;
                case HALF_DROPPED -> loss == Loss.HALF_SQUARED_ERROR && (outputDelta || s instanceof Step.SampleLoss
                        && q.kind() == Quantity.Kind.LOSS);
                case TWO_DROPPED -> (loss == Loss.SQUARED_ERROR || loss == Loss.MEAN_SQUARED_ERROR) && outputDelta;
                case MSE_WITHOUT_MEAN -> loss == Loss.MEAN_SQUARED_ERROR && p.network().size(out) > 1
                        && (outputDelta || s instanceof Step.SampleLoss && q.kind() == Quantity.Kind.LOSS);
                case BATCH_SUM -> p.effectiveBatchSize() > 1 && (s instanceof Step.WeightGradient || s instanceof Step.BiasGradient);
                case UPDATED_WEIGHTS, SWAPPED_HIDDEN_WEIGHTS -> hiddenDelta;
                case UPDATE_DIRECTION, LEARNING_RATE_OMITTED, NOT_UPDATED -> s instanceof Step.Update;
                case GRADIENT_FROM_Z -> s instanceof Step.WeightGradient && q.layer() >= 2;
                case EXTRA_DERIVATIVE -> !squared && outputDelta;
                case BIAS_OMITTED -> s instanceof Step.WeightedSum;
                case SWAPPED_FORWARD_WEIGHTS -> s instanceof Step.WeightedSum
                        && q.row() < p.network().layer(q.layer()).inputs()
                        && p.network().layer(q.layer()).inputs() <= p.network().size(q.layer());
                case FIXED_BIAS_UPDATED -> s instanceof Step.Unchanged;
            };
            if (ok) {
                keys.add(q.key());
            }
        }
        return keys;
    }

    /** The answered quantities: every z, a, loss, δ, gradient and updated parameter (not stated values). */
    static boolean answered(Step s) {
        return switch (s.quantity().kind()) {
            case Z, A, LOSS, DELTA, DW, DB, W, B -> !(s instanceof Step.Given);
            default -> false;
        };
    }

    /** A student's answers: their values, written to six figures or to the figures they rounded to. */
    static Map<String, BigDecimal> answers(AnswerKey key, Map<String, Double> values, int figures) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Step s : key.steps()) {
            Double v = values.get(s.quantity().key());
            if (v != null && answered(s)) {
                out.put(s.quantity().key(), ByHand.written(v, figures));
            }
        }
        return out;
    }

    /** The quantities a step was worked from, transitively, with the companions an explanation may name. */
    static Set<String> related(AnswerKey key, String k) {
        Set<String> from = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(k));
        while (!todo.isEmpty()) {
            String at = todo.remove(todo.size() - 1);
            if (from.add(at) && key.has(at)) {
                for (Operand op : Steps.operands(key.step(at))) {
                    todo.add(op.key());
                }
            }
        }
        Set<String> out = new HashSet<>(from);
        for (String at : from) {
            Quantity q = Quantity.parse(at).orElseThrow();
            // a weight before and after the update and its transpose (what the weight mistakes read),
            // a bias and its gradient (what updating a fixed bias reads), a neuron's z beside its a
            switch (q.kind()) {
                case W_OLD, W -> {
                    for (Quantity.Kind kind : List.of(Quantity.Kind.W, Quantity.Kind.W_OLD)) {
                        out.add(new Quantity(kind, q.layer(), q.row(), q.col(), 0).key());
                        out.add(new Quantity(kind, q.layer(), q.col(), q.row(), 0).key());
                    }
                }
                case B_OLD, B -> {
                    out.add(new Quantity(Quantity.Kind.B, q.layer(), q.row(), -1, 0).key());
                    out.add(new Quantity(Quantity.Kind.DB, q.layer(), q.row(), -1, 0).key());
                }
                case A, DELTA -> out.add(new Quantity(Quantity.Kind.Z, q.layer(), q.row(), -1, q.sample()).key());
                default -> {
                }
            }
        }
        return out;
    }

    /**
     * What is wrong with the explanation's subject: "" when it is about the quantity marked (its
     * subject, named first) and names only quantities that quantity is worked from; else what it names.
     */
    static String offTopic(AnswerKey key, QuantityResult r) {
        Explanation e = r.explanation();
        if (!e.subject().key().equals(r.quantity()) || !e.mentions().iterator().next().key().equals(r.quantity())) {
            return "about " + e.subject().key();
        }
        Set<String> allowed = related(key, r.quantity());
        List<String> others = new ArrayList<>();
        for (Quantity q : e.mentions()) {
            if (!allowed.contains(q.key())) {
                others.add(q.key());
            }
        }
        return others.isEmpty() ? "" : "names " + others;
    }

    /**
     * A number in some feedback that gives away the right value (to 3 significant figures) of an
     * asked quantity — one that is neither the student's own answer nor the problem's data; "" if none.
     */
    static String giveaway(AnswerKey key, Map<String, BigDecimal> answers, Set<String> asked, CheckResult r) {
        MathContext three = new MathContext(3, RoundingMode.HALF_UP);
        Set<BigDecimal> theirs = new HashSet<>();
        answers.values().forEach(a -> theirs.add(a.stripTrailingZeros()));
        Map<BigDecimal, String> secret = new LinkedHashMap<>();
        for (String k : asked) {
            double v = key.exact(k);
            if (v != 0) {
                secret.putIfAbsent(new BigDecimal(v).round(three), k);
            }
        }
        for (QuantityResult q : r.results()) {
            for (Explanation.Part p : q.feedback().parts()) {
                if (p instanceof Explanation.Num n && !n.written() && !theirs.contains(n.value().stripTrailingZeros())) {
                    String k = secret.get(n.value().round(three));
                    if (k != null && (answers.get(k) == null || answers.get(k).round(three).compareTo(n.value().round(three)) != 0)) {
                        return q.quantity() + "'s feedback shows " + n.value() + ", the value of " + k + ": " + q.feedback().text();
                    }
                }
            }
        }
        return "";
    }

    /** The nearest answered quantity the step is worked from (a δ or an activation), or null. */
    static String earlier(AnswerKey key, String k) {
        for (Operand op : Steps.operands(key.step(k))) {
            String o = op.key();
            if (key.has(o) && answered(key.step(o)) && (op.quantity().kind() == Quantity.Kind.DELTA
                    || op.quantity().kind() == Quantity.Kind.A || op.quantity().kind() == Quantity.Kind.DW
                    || op.quantity().kind() == Quantity.Kind.DB)) {
                return o;
            }
        }
        return null;
    }

    @Test
    void every_slip_is_named_in_its_step_and_no_right_working_is_marked_wrong() {
        Map<Way, int[]> named = new EnumMap<>(Way.class);
        Map<Slip, int[]> bySlip = new EnumMap<>(Slip.class);
        int others = 0;
        List<String> misnamed = new ArrayList<>();
        List<String> wronglyWrong = new ArrayList<>();
        List<String> offTopic = new ArrayList<>();
        List<String> depends = new ArrayList<>();
        List<String> giveaways = new ArrayList<>();
        for (Way w : Way.values()) {
            named.put(w, new int[2]);
        }
        for (long seed = 1; seed <= PROBLEMS; seed++) {
            Problem p = problem(seed);
            AnswerKey key = Checker.answerKey(p);
            Random rnd = new Random(seed * 7919);
            for (Slip slip : Slip.values()) {
                List<String> at = where(slip, p, key);
                if (at.isEmpty()) {
                    continue;
                }
                String k = at.get(rnd.nextInt(at.size()));
                Map<Way, Diagnosis> diagnosed = new EnumMap<>(Way.class);
                for (Way way : Way.values()) {
                    int figures = way == Way.ROUNDED ? 3 + rnd.nextInt(2) : 6;
                    ByHand base = way == Way.ROUNDED ? ByHand.careful().toFigures(figures) : ByHand.careful();
                    String wrongKey = null;
                    if (way == Way.WRONG_EARLIER) {
                        wrongKey = earlier(key, k);
                        if (wrongKey == null) {
                            continue;
                        }
                        double truth = ByHand.careful().work(p).get(wrongKey);
                        // a number no mistake explains: off by an awkward factor
                        base = base.writing(wrongKey, truth * (1.21 + 0.2 * rnd.nextDouble()) + 0.0137);
                    }
                    Map<String, Double> without = base.work(p);
                    ByHand student = base.slipAt(k, slip);
                    Map<String, Double> with = student.work(p);
                    BigDecimal slipped = ByHand.written(with.get(k), figures);
                    if (Marking.agrees(slipped, without.get(k)) || !ByHand.distinct(with.get(k), without.get(k))
                            || Marking.agrees(slipped, key.exact(k))) {
                        continue; // the slip changes nothing that can be seen at these digits, or lands on the right value
                    }
                    Map<String, BigDecimal> answers = answers(key, with, figures);
                    AnswerKey.Options options = AnswerKey.Options.DEFAULT;
                    if (way == Way.FROM_THE_SLIP_ON) {
                        options = options.withAsked(answers.keySet());
                        int from = key.index(k);
                        answers.keySet().removeIf(x -> key.index(x) < from);
                    }
                    CheckResult r = key.check(answers, options);
                    // named: the slip's diagnosis, or another slip's that gives the same number here
                    Set<Diagnosis> fits = new HashSet<>(List.of(named(slip)));
                    for (Slip other : Slip.values()) {
                        if (other != slip && where(other, p, key).contains(k)) {
                            Double v = base.slipAt(k, other).work(p).get(k);
                            if (v != null && Marking.agrees(slipped, v)) {
                                fits.add(named(other));
                            }
                        }
                    }
                    QuantityResult q = r.result(k).orElseThrow();
                    boolean ok = fits.contains(q.diagnosis());
                    if (fits.size() == 1) {
                        diagnosed.put(way, q.diagnosis());
                    }
                    String given = giveaway(key, answers, options.asked().isEmpty() ? answers.keySet() : options.asked(), r);
                    if (!given.isEmpty()) {
                        giveaways.add(way + " " + slip + " at " + k + " in problem " + seed + ": " + given);
                    }
                    named.get(way)[ok ? 0 : 1]++;
                    bySlip.computeIfAbsent(slip, x -> new int[2])[ok ? 0 : 1]++;
                    if (!ok) {
                        misnamed.add(way + " " + slip + " at " + k + " in problem " + seed + ": " + q.mark() + " "
                                + q.diagnoses() + " — " + q.explanation().text());
                    }
                    String off = offTopic(key, q);
                    if (!off.isEmpty()) {
                        offTopic.add(k + " in problem " + seed + " " + off + ": " + q.explanation().text());
                    }
                    for (QuantityResult o : r.results()) {
                        if (o.quantity().equals(k) || o.quantity().equals(wrongKey)) {
                            continue;
                        }
                        others++;
                        if (o.mark() == QuantityResult.Mark.WRONG) {
                            wronglyWrong.add(way + " " + slip + " at " + k + " in problem " + seed + ": " + o.quantity()
                                    + " " + o.diagnoses() + " — " + o.explanation().text());
                        }
                    }
                }
                // the same slip in the same step is named the same, however the earlier answers were
                if (diagnosed.size() > 1 && diagnosed.values().stream().distinct().count() > 1) {
                    depends.add(slip + " at " + k + " in problem " + seed + ": " + diagnosed);
                }
            }
        }
        int total = 0;
        int right = 0;
        StringBuilder report = new StringBuilder("Slips named correctly:");
        for (Way w : Way.values()) {
            int[] c = named.get(w);
            total += c[0] + c[1];
            right += c[0];
            report.append(String.format(" %s %d/%d (%.1f%%);", w, c[0], c[0] + c[1], 100.0 * c[0] / Math.max(1, c[0] + c[1])));
        }
        report.append(String.format(" overall %d/%d (%.1f%%). By slip:", right, total, 100.0 * right / total));
        bySlip.forEach((s, c) -> report.append(String.format(" %s %d/%d;", s, c[0], c[0] + c[1])));
        report.append(String.format(" Other answers marked wrong: %d of %d. Explanations off the quantity: %d."
                + " Diagnoses depending on the earlier answers: %d. Feedback giving an answer away: %d.",
                wronglyWrong.size(), others, offTopic.size(), depends.size(), giveaways.size()));
        System.out.println(report);
        misnamed.stream().limit(40).forEach(m -> System.out.println("  misnamed: " + m));
        wronglyWrong.stream().limit(40).forEach(m -> System.out.println("  marked wrong: " + m));
        offTopic.stream().limit(40).forEach(m -> System.out.println("  off the quantity: " + m));
        depends.stream().limit(20).forEach(m -> System.out.println("  depends: " + m));
        giveaways.stream().limit(20).forEach(m -> System.out.println("  gives away: " + m));
        assertTrue(total > 500, "enough cases: " + total);
        for (Way w : Way.values()) {
            int[] c = named.get(w);
            assertTrue(c[0] >= NAMED_AT_LEAST * (c[0] + c[1]), report::toString);
        }
        assertEquals(0, wronglyWrong.size(), report::toString);
        assertEquals(0, offTopic.size(), report::toString);
        assertEquals(0, depends.size(), report::toString);
        assertEquals(0, giveaways.size(), report::toString);
    }

    @Test
    void true_values_rounded_to_three_or_four_significant_figures_are_right_on_random_networks() {
        for (long seed = 1; seed <= PROBLEMS; seed++) {
            Problem p = problem(seed);
            AnswerKey key = Checker.answerKey(p);
            for (int k : new int[] {3, 4}) {
                Map<String, BigDecimal> answers = new LinkedHashMap<>();
                for (Step s : key.steps()) {
                    if (answered(s)) {
                        answers.put(s.quantity().key(), new BigDecimal(s.value()).round(new MathContext(k, RoundingMode.HALF_UP)));
                    }
                }
                CheckResult r = key.check(answers);
                assertEquals(r.total(), r.correct(), () -> r.results().stream().filter(x -> !x.correct())
                        .map(x -> x.quantity() + ": " + x.explanation().text()).findFirst().orElse(""));
            }
        }
    }
}
