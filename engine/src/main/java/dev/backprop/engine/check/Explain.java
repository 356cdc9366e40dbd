package dev.backprop.engine.check;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.trace.Operand;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The explanations a student reads, built as {@link Explanation} models: each about the quantity
 * it marks, naming quantities by reference (the renderer writes their symbols in its notation),
 * and quoting the numbers the student must have used. Built in two versions: in full (the right
 * value given), and quiet, which gives away no value of a quantity the page asks for (the
 * student's own answers and the problem's data are still quoted).
 */
final class Explain {
    private static final int MOST_OPERANDS = 6;
    private static final int MOST_TERMS = 3;

    private final AnswerKey key;
    private final Problem problem;
    private final Map<String, BigDecimal> answers;
    private final Map<String, Marking.MarkedBy> right;
    private final Set<String> asked;
    private final boolean full;

    /**
     * @param asked the quantities whose right values must not be given away; empty for the full version
     */
    Explain(AnswerKey key, Map<String, BigDecimal> answers, Map<String, Marking.MarkedBy> right, Set<String> asked) {
        this.key = key;
        this.problem = key.problem();
        this.answers = answers;
        this.right = right;
        this.asked = asked;
        this.full = asked.isEmpty();
    }

    /** A right answer. */
    Explanation right(Quantity q, BigDecimal given, Marking.MarkedBy by, Marking marking) {
        Explanation.Builder b = new Explanation.Builder(q, key.notation()).q(q).w(" = ").written(given);
        if (by == Marking.MarkedBy.ROUNDING_RULE && marking.rounding() != null) {
            return b.w(" is the value rounded as you go to " + marking.rounding().describe() + ".").build();
        }
        if (full) {
            return b.w(" agrees with ").value(key.exact(q.key())).w(" to the digits you wrote.").build();
        }
        return b.w(" agrees with the exact value to the digits you wrote.").build();
    }

    /** A wrong or carried-forward answer, explained by its finding. */
    Explanation explain(Step s, BigDecimal given, Judge.Finding f) {
        Quantity q = s.quantity();
        Explanation.Builder b = new Explanation.Builder(q, key.notation()).q(q).w(" = ").written(given);
        switch (f.kind()) {
            case CARRIED -> carried(b, s, f);
            case PRECISION -> precision(b, s, f);
            case TRIVIAL -> trivial(b, s, f);
            case LOCAL, GLOBAL, PAIR -> mistake(b, s, f);
            case SWAPPED -> isNot(b, q).w(": that is the value of ").q(f.other()).w("; the two indices are swapped.");
            case COARSE -> coarse(b, s, f);
            case ROUNDED -> rounded(b, s, f);
            case EARLY -> early(b, s, f);
            case NOTHING -> nothing(b, s);
            case NOT_SEARCHED -> isNot(b, q).w("; the common mistakes were not looked for in it, as this sheet has too many"
                    + " answers to look into them all. Check it against its formula (the hint).");
        }
        return b.build();
    }

    // ---- the verdicts ----

    private void carried(Explanation.Builder b, Step s, Judge.Finding f) {
        Quantity q = s.quantity();
        b.w(" is not the exact value");
        if (full) {
            b.w(" ").value(key.exact(q.key()));
        }
        b.w(", but it is worked correctly from ");
        operands(b, s, f.replay(), null);
        b.w(". It follows from your ");
        List<String> sources = ordered(f.sources());
        answersList(b, sources);
        List<String> wrong = sources.stream().filter(k -> !right.containsKey(k)).toList();
        if (wrong.isEmpty()) {
            b.w(sources.size() == 1 ? ", which was right to the digits you wrote." : ", which were right to the digits you wrote.");
        } else if (wrong.size() == sources.size()) {
            b.w(sources.size() == 1 ? ", which was wrong; the working here is right." : ", which were wrong; the working here is right.");
        } else {
            b.w("; of those ");
            refs(b, wrong);
            b.w(wrong.size() == 1 ? " was wrong; the working here is right." : " were wrong; the working here is right.");
        }
    }

    private void precision(Explanation.Builder b, Step s, Judge.Finding f) {
        Quantity q = s.quantity();
        List<String> sources = ordered(f.sources());
        b.w(" is not the exact value, but it is worked correctly from ");
        refs(b, sources);
        b.w(" as far as the digits you wrote for " + (sources.size() == 1 ? "it" : "them") + " go");
        if (full) {
            b.w("; exactly, it is ").value(key.exact(q.key()));
        }
        b.w(".");
        List<String> wrong = sources.stream().filter(k -> !right.containsKey(k)).toList();
        if (!wrong.isEmpty()) {
            b.w(" Check your ");
            answersList(b, wrong);
            b.w(": this answer was not worked from " + (wrong.size() == 1 ? "it" : "them") + " as written.");
        }
    }

    private void trivial(Explanation.Builder b, Step s, Judge.Finding f) {
        List<String> sources = ordered(f.sources());
        b.w(" follows from your ");
        answersList(b, sources);
        b.w(", but " + (sources.size() == 1 ? "that makes" : "those make") + " this step trivial: ");
        Replay.Val v = f.value();
        String zero = sources.stream().filter(k -> answers.get(k).signum() == 0).findFirst().orElse(null);
        if (zero != null) {
            b.w("with ").q(ref(zero)).w(" = 0 ");
        }
        b.w(v != null && v.value().signum() == 0 ? "it comes out 0 whatever the formula" : "it carries a value over unchanged");
        b.w(", so it earns nothing for following from " + (sources.size() == 1 ? "it" : "them") + ".");
        if (full) {
            b.w(" The exact value is ").value(key.exact(s.quantity().key())).w(".");
        }
    }

    private void mistake(Explanation.Builder b, Step s, Judge.Finding f) {
        List<Mistake> ms = f.mistakes();
        isNot(b, s.quantity()).w(": ");
        boolean here = f.kind() != Judge.Finding.Kind.GLOBAL;
        clause(b, ms.get(0), s, here);
        b.w(".");
        Replay r = f.replay();
        if (here && r != null) {
            // on the student's own numbers, or (when those do not give it) on the right earlier values
            b.w(f.sources().isEmpty() && !answeredOperands(s) ? " You worked from " : f.sources().isEmpty()
                    ? " That is what it gives from the right earlier values, " : " You worked from ");
            operands(b, s, r, ms.get(0));
            b.w(".");
        } else if (r != null) {
            evidence(b, s, r);
        }
        if (f.kind() == Judge.Finding.Kind.PAIR) {
            b.w(" It also builds on an earlier slip: ");
            clause(b, ms.get(1), s, false);
            b.w(".");
        }
        List<String> wrong = ordered(f.sources()).stream().filter(k -> !right.containsKey(k)).toList();
        if (!wrong.isEmpty()) {
            b.w(" It builds on your ");
            answersList(b, wrong);
            b.w(wrong.size() == 1 ? ", which was wrong." : ", which were wrong.");
        }
    }

    /** Whether the student answered any of the step's operands. */
    private boolean answeredOperands(Step s) {
        for (Operand op : Steps.operands(s)) {
            if (answers.containsKey(op.key())) {
                return true;
            }
        }
        return false;
    }

    /** For a mistake made throughout: the operands of this step that it changed, as the student must have had them. */
    private void evidence(Explanation.Builder b, Step s, Replay r) {
        List<Operand> changed = new ArrayList<>();
        for (Operand op : Steps.operands(s)) {
            Replay.Val v = r.used(op.key());
            if (v != null && key.has(op.key()) && v.value().compareTo(BigDecimal.valueOf(key.step(op.key()).value())) != 0
                    && changed.size() < MOST_TERMS) {
                changed.add(op);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        b.w(" Your working must have had ");
        for (int i = 0; i < changed.size(); i++) {
            b.w(i == 0 ? "" : i == changed.size() - 1 ? " and " : ", ");
            quote(b, changed.get(i).quantity(), r.used(changed.get(i).key()).value());
        }
        b.w(".");
    }

    private void coarse(Explanation.Builder b, Step s, Judge.Finding f) {
        Quantity q = s.quantity();
        isNot(b, q).w(": that is ");
        if (f.value() != null) {
            b.w("the value worked from your ");
            answersList(b, ordered(f.sources()));
        } else if (full) {
            b.value(key.exact(q.key()));
        } else {
            b.w("the right value");
        }
        Rounding rule = problem.rounding();
        b.w(" rounded to " + f.rule().describe() + ", too coarsely to be marked right; keep at least "
                + Marking.MIN_SIGNIFICANT + " significant figures" + (rule == null ? "" : ", or round to "
                + rule.describe() + " as the problem says") + ".");
    }

    private void rounded(Explanation.Builder b, Step s, Judge.Finding f) {
        Quantity q = s.quantity();
        isNot(b, q).w(": you used ");
        List<Judge.Rounded> rs = f.rounded();
        for (int i = 0; i < rs.size(); i++) {
            b.w(i == 0 ? "" : i == rs.size() - 1 ? " and " : ", ");
            b.q(rs.get(i).quantity()).w(" = ").written(rs.get(i).used());
        }
        b.w(", rounded to " + f.rule().describe() + "; with ");
        for (int i = 0; i < rs.size(); i++) {
            b.w(i == 0 ? "" : i == rs.size() - 1 ? " and " : ", ");
            Judge.Rounded r = rs.get(i);
            if (hidden(r.quantity(), r.was())) {
                b.w("the unrounded ").q(r.quantity());
            } else {
                b.value(r.was());
            }
        }
        b.w(" it gives ");
        Replay.Val mine = f.replay() == null ? null : f.replay().computed(q.key());
        boolean fromWrong = f.sources().stream().anyMatch(k -> !right.containsKey(k));
        if (mine != null && fromWrong) {
            b.value(mine.value()).w(" from your ");
            answersList(b, ordered(f.sources()));
        } else if (full) {
            b.value(key.exact(q.key()));
        } else {
            b.w("the right value");
        }
        b.w(".");
    }

    private void early(Explanation.Builder b, Step s, Judge.Finding f) {
        isNot(b, s.quantity()).w(": that is what you get when every value is rounded to " + f.rule().describe()
                + " as you go");
        List<Judge.Rounded> rs = f.rounded();
        if (!rs.isEmpty()) {
            b.w(" (");
            for (int i = 0; i < rs.size(); i++) {
                b.w(i == 0 ? "" : ", ");
                b.q(rs.get(i).quantity()).w(" = ").written(rs.get(i).used());
            }
            b.w(")");
        }
        Rounding rule = problem.rounding();
        b.w("; rounding that early loses accuracy, so keep " + (rule == null ? "more digits until the end"
                : rule.describe() + " as the problem says") + ".");
    }

    private void nothing(Explanation.Builder b, Step s) {
        isNot(b, s.quantity()).w(", and no common mistake explains it");
        if (full && !Steps.operands(s).isEmpty()) {
            b.w(": it is worked from ");
            operands(b, s, null, null);
        }
        b.w(". Check it against its formula (the hint).");
    }

    /** "is not 0.138498562", or "is not right" in the quiet version. */
    private Explanation.Builder isNot(Explanation.Builder b, Quantity q) {
        if (full) {
            return b.w(" is not ").value(key.exact(q.key()));
        }
        return b.w(" is not right");
    }

    // ---- quoting ----

    /**
     * Whether a value may not be quoted in the quiet version: it is the right value (to 3
     * significant figures) of a quantity the page asks for, and not the student's own answer.
     */
    private boolean hidden(Quantity q, BigDecimal v) {
        if (full || !asked.contains(q.key()) || !key.has(q.key())) {
            return false;
        }
        BigDecimal answer = answers.get(q.key());
        if (answer != null && answer.compareTo(v) == 0) {
            return false;
        }
        MathContext three = new MathContext(3, RoundingMode.HALF_UP);
        return v.round(three).compareTo(new BigDecimal(key.step(q.key()).value()).round(three)) == 0
                || v.round(three).compareTo(new BigDecimal(key.exact(q.key())).round(three)) == 0;
    }

    /** "δ = v", or the symbol alone where the value would give an answer away. */
    private void quote(Explanation.Builder b, Quantity q, BigDecimal v) {
        b.q(q);
        if (hidden(q, v)) {
            return;
        }
        b.w(" = ");
        BigDecimal answer = answers.get(q.key());
        if (answer != null && answer.compareTo(v) == 0) {
            b.written(answer);
        } else if (data(q)) {
            b.written(v);
        } else {
            b.value(v);
        }
    }

    /** Whether a quantity is the problem's data (written with its own digits): a target, an input, a weight or bias before the update, α. */
    private static boolean data(Quantity q) {
        return switch (q.kind()) {
            case TARGET, W_OLD, B_OLD, ALPHA, MU, RHO, BETA1, BETA2, EPSILON, LAMBDA -> true;
            case A -> q.layer() == 0;
            default -> false;
        };
    }

    /**
     * The values the step was worked from, as it read them in the replay (with the mistake made in
     * it, when one is), up to six; the true operands when there is no replay.
     */
    private void operands(Explanation.Builder b, Step s, @Nullable Replay r, @Nullable Mistake m) {
        Map<String, BigDecimal> read = new LinkedHashMap<>();
        if (r != null) {
            read.putAll(r.reads(s, m));
        } else {
            for (Operand op : Steps.operands(s)) {
                read.putIfAbsent(op.key(), BigDecimal.valueOf(op.value()));
            }
        }
        List<Map.Entry<String, BigDecimal>> ops = new ArrayList<>(read.entrySet());
        int n = Math.min(ops.size(), MOST_OPERANDS);
        for (int i = 0; i < n; i++) {
            b.w(i == 0 ? "" : i == n - 1 && n == ops.size() ? " and " : ", ");
            quote(b, ref(ops.get(i).getKey()), ops.get(i).getValue());
        }
        if (n < ops.size()) {
            b.w(" and " + (ops.size() - n) + " more");
        }
    }

    /** The student's answers with their values, as written: "δ[2][0] = 0.2 and a[1][0] = 0.59". */
    private void answersList(Explanation.Builder b, List<String> keys) {
        for (int i = 0; i < keys.size(); i++) {
            b.w(i == 0 ? "" : i == keys.size() - 1 ? " and " : ", ");
            b.q(ref(keys.get(i))).w(" = ").written(answers.get(keys.get(i)));
        }
    }

    private void refs(Explanation.Builder b, List<String> keys) {
        for (int i = 0; i < keys.size(); i++) {
            b.w(i == 0 ? "" : i == keys.size() - 1 ? " and " : ", ");
            b.q(ref(keys.get(i)));
        }
    }

    private static Quantity ref(String key) {
        return Quantity.parse(key).orElseThrow();
    }

    private List<String> ordered(Set<String> keys) {
        return keys.stream().sorted(java.util.Comparator.comparingInt(key::index)).toList();
    }

    // ---- what each mistake is, about the step it is seen in ----

    /** f′ written in the activation a: a(1 − a), (1 − a²), 1 where a > 0, 1. */
    private static void derivative(Explanation.Builder b, Activation f, Quantity a) {
        switch (f) {
            case SIGMOID -> b.q(a).w("(1 − ").q(a).w(")");
            case TANH -> b.w("(1 − ").q(a).w("²)");
            case RELU -> b.w("(1 where ").q(a).w(" > 0, else 0)");
            case LINEAR, SOFTMAX -> b.w("1");
        }
    }

    /** W₀·δ₀ + W₁·δ₁ + …: the weighted error of a hidden δ. */
    private static void weightedError(Explanation.Builder b, Step.HiddenDelta h) {
        int n = Math.min(h.weights().size(), MOST_TERMS);
        for (int k = 0; k < n; k++) {
            b.w(k == 0 ? "" : " + ").q(h.weights().get(k).quantity()).w("·").q(h.nextDeltas().get(k).quantity());
        }
        if (n < h.weights().size()) {
            b.w(" + …");
        }
    }

    private static Quantity z(Quantity q) {
        return q.withKind(Quantity.Kind.Z);
    }

    /**
     * What the mistake is, as the second half of a sentence about the marked step: made in this
     * step ({@code here}), with the step's own symbols, or made throughout, where it first happens.
     */
    void clause(Explanation.Builder b, Mistake m, Step s, boolean here) {
        Quantity q = s.quantity();
        int outputs = problem.network().output().size();
        String loss = problem.loss().id();
        if (here) {
            if (s instanceof Step.OutputDelta o && outputDelta(b, m, o, loss, outputs)) {
                return;
            }
            if (s instanceof Step.HiddenDelta h && hiddenDelta(b, m, h)) {
                return;
            }
            if (s instanceof Step.WeightGradient g && weightGradient(b, m, g)) {
                return;
            }
            if (s instanceof Step.Update u && update(b, m, u)) {
                return;
            }
            if (s instanceof Step.NesterovUpdate u && nesterov(b, m, u)) {
                return;
            }
            if (s instanceof Step.AdaptiveUpdate u && adaptive(b, m, u)) {
                return;
            }
            if (s instanceof Step.MomentumBuffer mb && m == Mistake.MOMENTUM_SIGN && mb.previous() != null) {
                b.w("the momentum term ").q(mb.momentum().quantity()).w("·").q(mb.previous().quantity())
                        .w(" is subtracted, but it is added: ").q(q).w(" = ").q(mb.momentum().quantity()).w("·")
                        .q(mb.previous().quantity()).w(" + ").q(mb.gradient().quantity());
                return;
            }
            if (s instanceof Step.MovingAverage ma && m == Mistake.BETA_SWAPPED) {
                Quantity beta = ma.rate().quantity();
                b.w("β and 1 − β are swapped: the average before is kept with weight ").q(beta).w(" = ")
                        .written(BigDecimal.valueOf(ma.rate().value())).w(ma.squared() ? " and the new squared gradient gets"
                        : " and the new gradient gets").w(" 1 − ").q(beta).w(", so ").q(q).w(" = ").q(beta).w("·");
                if (ma.previous() == null) {
                    b.w("0");
                } else {
                    b.q(ma.previous().quantity());
                }
                b.w(" + (1 − ").q(beta).w(")·").q(ma.gradient().quantity()).w(ma.squared() ? "²" : "");
                return;
            }
            if (s instanceof Step.BiasCorrection bc && m == Mistake.CORRECTION_OMITTED) {
                String power = dev.backprop.engine.render.Unicode.script(Integer.toString(bc.step()), true);
                b.w("the bias correction is left out: ").q(q).w(" = ").q(bc.moment().quantity()).w(" / (1 − ")
                        .q(bc.rate().quantity()).w(power + "), and after " + bc.step()
                        + (bc.step() == 1 ? " update" : " updates") + " 1 − ").q(bc.rate().quantity()).w(power + " = ")
                        .value(bc.correction());
                return;
            }
            if (s instanceof Step.BiasGradient g && m == Mistake.SIGN_FLIPPED) {
                b.w("the sign is flipped; ").q(q).w(" = ").q(g.deltas().get(0).quantity());
                return;
            }
            if (s instanceof Step.WeightedSum ws && weightedSum(b, m, ws)) {
                return;
            }
            if (s instanceof Step.SampleLoss && lossClause(b, m, q, outputs, loss)) {
                return;
            }
            if (s instanceof Step.Unchanged u && m == Mistake.FIXED_BIAS_UPDATED) {
                b.w("this problem keeps the biases fixed (updateBiases is false), so ").q(q).w(" = ").q(u.old().quantity());
                return;
            }
        }
        b.w("it is what you get when ");
        switch (m) {
            case SIGN_FLIPPED -> b.w("the output δ is worked from target minus output (y − a) instead of output minus"
                    + " target (a − y), the sign every δ and gradient after it takes");
            case MISSING_DERIVATIVE -> b.w("each δ is worked without its activation's derivative f′");
            case HALF_DROPPED -> b.w("the ½ of the half-squared-error loss is dropped: it cancels the 2 from"
                    + " differentiating the square, so ∂L/∂a = a − y, and the loss keeps its ½");
            case TWO_DROPPED -> b.w("the output δ is worked without the 2 from differentiating the square (y − a)²");
            case BATCH_SUM -> b.w("the batch's gradients are added instead of averaged over its "
                    + problem.effectiveBatchSize() + " samples");
            case MSE_WITHOUT_MEAN -> b.w("mean-squared-error's 1/n (n = " + outputs + ") is left out");
            case SUM_AS_MEAN -> b.w("the " + loss + " loss is divided by the number of outputs (n = " + outputs
                    + ") as if it were a mean; it is a sum over the outputs");
            case DATASET_SUM -> b.w("the samples' losses are added instead of averaged over the "
                    + problem.samples().size() + " samples");
            case UPDATED_WEIGHTS -> b.w("the hidden δs use the already-updated weights of the layer above instead of the"
                    + " weights before the update (the slip in Mazur's published example)");
            case UPDATE_DIRECTION -> b.w("each update adds α·gradient instead of subtracting it");
            case LEARNING_RATE_OMITTED -> b.w("each update subtracts the whole gradient, without the learning rate α = ")
                    .written(BigDecimal.valueOf(problem.learningRate()));
            case NOT_UPDATED -> b.w("the weights and biases are left as they were before the update");
            case SWAPPED_FORWARD -> b.w("the weighted sums use the weights with their two indices swapped");
            case SWAPPED_BACKWARD -> b.w("the hidden δs use the weights of the layer above with their two indices swapped"
                    + " (a row of the matrix where its column belongs)");
            case DERIVATIVE_OF_Z -> b.w("each δ takes its activation's derivative from z instead of from the activation a");
            case GRADIENT_FROM_Z -> b.w("each weight's gradient uses z of the layer below instead of its activation a");
            case OTHER_DERIVATIVE -> b.w("each δ uses another activation's derivative (sigmoid's a(1 − a) for tanh,"
                    + " tanh's 1 − a² for sigmoid)");
            case EXTRA_DERIVATIVE -> b.w("the output δ is multiplied by a(1 − a) again, which the " + loss
                    + " loss cancels (δ = a − y)");
            case BIAS_OMITTED -> b.w("each weighted sum z leaves out its bias");
            case FIXED_BIAS_UPDATED -> b.w("the biases are updated although this problem keeps them fixed");
            case MOMENTUM_SIGN -> b.w("the momentum term μ times the buffer is subtracted instead of added");
            case BETA_SWAPPED -> b.w("β and 1 − β are swapped in the moving averages: the new gradient is weighted by β"
                    + " and the average before by 1 − β");
            case CORRECTION_OMITTED -> b.w("Adam's bias correction is left out: the moments themselves are used where"
                    + " they are divided by 1 − βᵗ");
            case EPSILON_INSIDE -> b.w("ε is added inside the square root, √(v̂ + ε), instead of to the root, √v̂ + ε");
        }
    }

    private boolean outputDelta(Explanation.Builder b, Mistake m, Step.OutputDelta o, String loss, int n) {
        Quantity q = o.quantity();
        Quantity a = o.output().quantity();
        Quantity y = o.target().quantity();
        switch (m) {
            case SIGN_FLIPPED -> b.w("the sign is flipped; ").q(q).w(" starts from ").q(a).w(" − ").q(y)
                    .w(" (output minus target), not ").q(y).w(" − ").q(a);
            case MISSING_DERIVATIVE -> {
                b.w("the factor f′ = ");
                derivative(b, o.activation(), a);
                b.w(" is missing, so ").q(q).w(" = ");
                lossGradient(b, o, a, y);
                b.w(" · ");
                derivative(b, o.activation(), a);
            }
            case HALF_DROPPED -> {
                b.w("it is twice the right value; the ½ of the half-squared-error loss cancels the 2 from"
                        + " differentiating the square, so ").q(q).w(" = (").q(a).w(" − ").q(y).w(") · ");
                derivative(b, o.activation(), a);
            }
            case TWO_DROPPED -> {
                b.w("it is half the right value; (y − a)² differentiates to 2(a − y), so ").q(q).w(" = ");
                lossGradient(b, o, a, y);
                b.w(" · ");
                derivative(b, o.activation(), a);
            }
            case MSE_WITHOUT_MEAN -> b.w("mean-squared-error's 1/n is missing; with n = " + n + " outputs, ").q(q)
                    .w(" is divided by " + n);
            case SUM_AS_MEAN -> b.q(q).w(" is divided by the number of outputs (n = " + n + "), but the " + loss
                    + " loss is a sum over the outputs, not a mean");
            case DERIVATIVE_OF_Z -> {
                b.w("f′ is taken from ").q(z(q)).w(" instead of ").q(a).w("; it is written in the activation, ");
                derivative(b, o.activation(), a);
            }
            case OTHER_DERIVATIVE -> otherDerivative(b, o.activation(), a);
            case EXTRA_DERIVATIVE -> b.w("it multiplies ").q(a).w(" − ").q(y).w(" by ").q(a).w("(1 − ").q(a)
                    .w(") again; with the " + loss + " loss that derivative cancels, and ").q(q).w(" = ").q(a).w(" − ").q(y);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** ∂L/∂a of an output: (a − y), 2(a − y) or (2/n)(a − y). */
    private void lossGradient(Explanation.Builder b, Step.OutputDelta o, Quantity a, Quantity y) {
        switch (o.loss()) {
            case SQUARED_ERROR -> b.w("2(").q(a).w(" − ").q(y).w(")");
            case MEAN_SQUARED_ERROR -> b.w("(2/" + o.outputs() + ")(").q(a).w(" − ").q(y).w(")");
            default -> b.w("(").q(a).w(" − ").q(y).w(")");
        }
    }

    private static void otherDerivative(Explanation.Builder b, Activation f, Quantity a) {
        Activation other = f == Activation.SIGMOID ? Activation.TANH : Activation.SIGMOID;
        b.w("it uses " + other.id() + "'s derivative ");
        derivative(b, other, a);
        b.w(", but this is a " + f.id() + " neuron, so f′ = ");
        derivative(b, f, a);
    }

    private boolean hiddenDelta(Explanation.Builder b, Mistake m, Step.HiddenDelta h) {
        Quantity q = h.quantity();
        Quantity a = h.output().quantity();
        switch (m) {
            case SIGN_FLIPPED -> {
                b.w("the sign is flipped; ").q(q).w(" has the sign of ");
                weightedError(b, h);
                b.w(", since f′ = ");
                derivative(b, h.activation(), a);
                b.w(" is not negative");
            }
            case MISSING_DERIVATIVE -> {
                b.w("the factor f′ = ");
                derivative(b, h.activation(), a);
                b.w(" is missing, so ").q(q).w(" = (");
                weightedError(b, h);
                b.w(") · ");
                derivative(b, h.activation(), a);
            }
            case UPDATED_WEIGHTS -> {
                Quantity w = h.weights().get(0).quantity();
                b.q(q).w(" uses the already-updated weights ").q(Quantity.w(w.layer(), w.row(), w.col()).ofUpdate(q.update()))
                        .w(h.weights().size() > 1 ? " …" : "").w(" where the weights before the update, ").q(w)
                        .w(h.weights().size() > 1 ? " …," : ",").w(" belong: the slip in Mazur's published example");
            }
            case SWAPPED_BACKWARD -> {
                Quantity w = h.weights().get(0).quantity();
                b.w("the two indices of the weights are swapped; ").q(q).w(" collects ").q(w).w("·")
                        .q(h.nextDeltas().get(0).quantity()).w(h.weights().size() > 1 ? " + …" : "")
                        .w(", the weights out of its neuron, not ").q(new Quantity(w.kind(), w.layer(), w.col(), w.row(), 0, w.update()))
                        .w(h.weights().size() > 1 ? " …" : "");
            }
            case DERIVATIVE_OF_Z -> {
                b.w("f′ is taken from ").q(z(q)).w(" instead of ").q(a).w("; it is written in the activation, ");
                derivative(b, h.activation(), a);
            }
            case OTHER_DERIVATIVE -> otherDerivative(b, h.activation(), a);
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean weightGradient(Explanation.Builder b, Mistake m, Step.WeightGradient g) {
        Quantity q = g.quantity();
        Quantity d = g.deltas().get(0).quantity();
        Quantity a = g.inputs().get(0).quantity();
        switch (m) {
            case SIGN_FLIPPED -> b.w("the sign is flipped; ").q(q).w(" = ").q(d).w("·").q(a).w(" takes the signs of ")
                    .q(d).w(" and ").q(a);
            case GRADIENT_FROM_Z -> b.w("it uses ").q(z(a)).w(" where ").q(a).w(" belongs, and ").q(q).w(" = ").q(d).w("·").q(a);
            case BATCH_SUM -> b.w("the batch's " + g.deltas().size() + " samples are added instead of averaged; ").q(q)
                    .w(" is their mean, the sum divided by " + g.deltas().size());
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean update(Explanation.Builder b, Mistake m, Step.Update u) {
        Quantity q = u.quantity();
        Quantity old = u.old().quantity();
        Quantity grad = u.gradient().quantity();
        switch (m) {
            case UPDATE_DIRECTION -> b.w("α·").q(grad).w(" is added, but " + (grad.kind().state().isPresent()
                    ? "the update" : "gradient descent") + " subtracts it, ").q(q).w(" = ").q(old).w(" − α·").q(grad);
            case LEARNING_RATE_OMITTED -> b.w("the learning rate is left out, and ").q(q).w(" = ").q(old).w(" − α·").q(grad)
                    .w(", with α = ").written(BigDecimal.valueOf(problem.learningRate()));
            case NOT_UPDATED -> b.w("that is ").q(old).w(" before the update, and ").q(q).w(" = ").q(old).w(" − α·").q(grad);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The update mistakes of a Nesterov step, θ − α·(g + μ·b), and its momentum term's sign. */
    private boolean nesterov(Explanation.Builder b, Mistake m, Step.NesterovUpdate u) {
        Quantity q = u.quantity();
        Quantity old = u.old().quantity();
        Runnable rule = () -> b.q(q).w(" = ").q(old).w(" − ").q(Quantity.alpha()).w("·(").q(u.gradient().quantity()).w(" + ")
                .q(u.momentum().quantity()).w("·").q(u.buffer().quantity()).w(")");
        switch (m) {
            case MOMENTUM_SIGN -> b.w("the momentum term ").q(u.momentum().quantity()).w("·").q(u.buffer().quantity())
                    .w(" is subtracted from the gradient, but Nesterov's step adds it: ");
            case UPDATE_DIRECTION -> b.w("the step is added, but it is subtracted: ");
            case LEARNING_RATE_OMITTED -> b.w("the learning rate ").q(Quantity.alpha()).w(" = ").written(BigDecimal.valueOf(problem.learningRate()))
                    .w(" is left out: ");
            case NOT_UPDATED -> b.w("that is ").q(old).w(" before the update: ");
            default -> {
                return false;
            }
        }
        rule.run();
        return true;
    }

    /** The update mistakes of an RMSprop or Adam step, θ − α·x/(√y + ε), and ε put inside the root. */
    private boolean adaptive(Explanation.Builder b, Mistake m, Step.AdaptiveUpdate u) {
        Quantity q = u.quantity();
        Quantity old = u.old().quantity();
        Quantity x = u.numerator().quantity();
        Quantity y = u.average().quantity();
        Quantity eps = u.epsilon().quantity();
        Runnable rule = () -> b.q(q).w(" = ").q(old).w(" − ").q(Quantity.alpha()).w("·").q(x).w(" / (√").q(y).w(" + ").q(eps).w(")");
        switch (m) {
            case EPSILON_INSIDE -> b.w("ε is added inside the square root, √(").q(y).w(" + ").q(eps).w("), but it is added to the root: ");
            case UPDATE_DIRECTION -> b.w("the step is added, but it is subtracted: ");
            case LEARNING_RATE_OMITTED -> b.w("the learning rate ").q(Quantity.alpha()).w(" = ").written(BigDecimal.valueOf(problem.learningRate()))
                    .w(" is left out: ");
            case NOT_UPDATED -> b.w("that is ").q(old).w(" before the update: ");
            default -> {
                return false;
            }
        }
        rule.run();
        return true;
    }

    private boolean weightedSum(Explanation.Builder b, Mistake m, Step.WeightedSum ws) {
        Quantity q = ws.quantity();
        switch (m) {
            case BIAS_OMITTED -> b.w("the bias ").q(ws.bias().quantity()).w(" is left out, and ").q(q).w(" = Σ W·a + ")
                    .q(ws.bias().quantity());
            case SWAPPED_FORWARD -> {
                Quantity w = ws.weights().get(Math.min(1, ws.weights().size() - 1)).quantity();
                b.w("the two indices of the weights are swapped; ").q(q).w(" uses ").q(w)
                        .w(" …, the weights into its neuron, not ").q(new Quantity(w.kind(), w.layer(), w.col(), w.row(), 0, w.update()))
                        .w(" …");
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean lossClause(Explanation.Builder b, Mistake m, Quantity q, int n, String loss) {
        switch (m) {
            case HALF_DROPPED -> b.w("the loss keeps its ½, ").q(q).w(" = Σ ½(y − a)²");
            case MSE_WITHOUT_MEAN -> b.w("mean-squared-error's 1/n is missing; with n = " + n + " outputs, ").q(q)
                    .w(" is divided by " + n);
            case SUM_AS_MEAN -> b.q(q).w(" is divided by the number of outputs (n = " + n + "), but the " + loss
                    + " loss is a sum over the outputs, not a mean");
            default -> {
                return false;
            }
        }
        return true;
    }
}
