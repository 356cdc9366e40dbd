package dev.backprop.engine.render;

import static dev.backprop.engine.render.Expr.c;
import static dev.backprop.engine.render.Expr.factor;
import static dev.backprop.engine.render.Expr.fn;
import static dev.backprop.engine.render.Expr.frac;
import static dev.backprop.engine.render.Expr.join;
import static dev.backprop.engine.render.Expr.num;
import static dev.backprop.engine.render.Expr.op;
import static dev.backprop.engine.render.Expr.paren;
import static dev.backprop.engine.render.Expr.pow;
import static dev.backprop.engine.render.Expr.row;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.trace.Operand;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns each step of the engine's trace into a {@link Derivation}: the symbolic formula, the
 * numbers substituted, the intermediate factors the engine reports, and the value. This is the one
 * place that knows how each kind of step is written; the HTML, LaTeX and Markdown writers only lay
 * derivations out. It does no arithmetic: every number comes from the step.
 *
 * <pre>{@code
 * Derivations d = new Derivations(Notation.of(problem), problem.roundingRule().isPresent());
 * Derivation delta = step.accept(d);
 * }</pre>
 */
public final class Derivations implements Step.Visitor<Derivation> {
    /** Terms per line before a long weighted sum continues on the next line. */
    static final int TERMS_PER_LINE = 4;

    private final Notation n;
    private final String result;

    /** Derivations in the given notation; with {@code rounded}, results are written "≈" (they are rounded as computed). */
    public Derivations(Notation notation, boolean rounded) {
        this.n = notation;
        this.result = rounded ? "≈" : "=";
    }

    /** Sums over samples longer than this are written with their first terms, "⋯" and the last. */
    static final int MAX_SAMPLE_TERMS = 8;

    /** The terms of a sum over samples, cut short in the middle when there are many. */
    static List<Expr> elide(List<Expr> terms) {
        if (terms.size() <= MAX_SAMPLE_TERMS) {
            return terms;
        }
        List<Expr> out = new ArrayList<>(terms.subList(0, 3));
        out.add(c("⋯"));
        out.add(terms.get(terms.size() - 1));
        return out;
    }

    /** Whether this is the first neuron of its layer for the first sample: general remarks are made there once. */
    private static boolean first(Quantity q) {
        return q.row() == 0 && q.sample() == 0;
    }

    private Expr sym(Operand o) {
        return n.expr(o.quantity());
    }

    private Expr sym(Quantity q) {
        return n.expr(q);
    }

    private static Derivation.Line eq(Expr rhs) {
        return new Derivation.Line("=", rhs);
    }

    private Derivation.Line value(double v) {
        return new Derivation.Line(result, num(v));
    }

    /** A stated value: the value, and that the exercise gave it. */
    @Override
    public Derivation given(Step.Given step) {
        return new Derivation(step, sym(step.quantity()), List.of(new Derivation.Line("=", num(step.value()))),
                List.of(Prose.of("Given by the exercise, in place of the computed value.")));
    }

    /** Z = Σ X·W + B: the inputs times their weights and the bias, then the numbers, then the sum. */
    @Override
    public Derivation weightedSum(Step.WeightedSum step) {
        List<Expr> symbolic = new ArrayList<>();
        List<Expr> numbers = new ArrayList<>();
        for (int k = 0; k < step.weights().size(); k++) {
            Operand in = step.inputs().get(k);
            Operand w = step.weights().get(k);
            symbolic.add(n.weightFirst() ? row(sym(w), op("·"), sym(in)) : row(sym(in), op("·"), sym(w)));
            numbers.add(n.weightFirst() ? row(factor(w.value()), op("·"), factor(in.value()))
                    : row(factor(in.value()), op("·"), factor(w.value())));
        }
        // Mazur writes the bias as the weight of a constant input 1: b₁ · 1
        symbolic.add(n.biasTimesOne() ? row(sym(step.bias()), op("·"), c("1")) : sym(step.bias()));
        numbers.add(n.biasTimesOne() ? row(factor(step.bias().value()), op("·"), c("1")) : factor(step.bias().value()));
        List<Derivation.Line> lines = new ArrayList<>();
        lines.addAll(sumLines(symbolic));
        lines.addAll(sumLines(numbers));
        lines.add(value(step.value()));
        return new Derivation(step, sym(step.quantity()), lines, List.of());
    }

    /** A sum written over several lines when it is long: the first starts with "=", the rest continue with "+". */
    private static List<Derivation.Line> sumLines(List<Expr> terms) {
        List<Derivation.Line> lines = new ArrayList<>();
        for (int from = 0; from < terms.size(); from += TERMS_PER_LINE) {
            List<Expr> chunk = terms.subList(from, Math.min(from + TERMS_PER_LINE, terms.size()));
            Expr sum = join("+", chunk);
            lines.add(from == 0 ? eq(sum) : new Derivation.Line("", row(op("+"), sum)));
        }
        return lines;
    }

    /** A = f(Z): the activation by name and formula, then with Z substituted. */
    @Override
    public Derivation activate(Step.Activate step) {
        Expr z = sym(step.z());
        Expr zv = num(step.z().value());
        List<Derivation.Line> lines = new ArrayList<>();
        List<Prose> notes = new ArrayList<>();
        switch (step.activation()) {
            case SIGMOID -> {
                lines.add(eq(fn("σ", z)));
                lines.add(eq(frac(c("1"), row(c("1"), op("+"), pow(c("e"), row(op("−"), z))))));
                lines.add(eq(frac(c("1"), row(c("1"), op("+"), pow(c("e"), row(op("−"), factor(step.z().value())))))));
            }
            case TANH -> {
                lines.add(eq(fn("tanh", z)));
                lines.add(eq(fn("tanh", zv)));
            }
            case RELU -> {
                lines.add(eq(fn("max", c("0"), z)));
                lines.add(eq(fn("max", c("0"), zv)));
            }
            case LINEAR -> {
                lines.add(eq(z));
                notes.add(Prose.of("A linear neuron passes its weighted input on unchanged."));
            }
            case SOFTMAX -> throw new IllegalStateException("softmax is a Softmax step");
        }
        lines.add(value(step.value()));
        return new Derivation(step, sym(step.quantity()), lines, notes);
    }

    /** A softmax output: its exponential over the sum of the layer's exponentials. */
    @Override
    public Derivation softmax(Step.Softmax step) {
        List<Expr> symbolic = new ArrayList<>();
        List<Expr> numbers = new ArrayList<>();
        for (Operand o : step.layer()) {
            symbolic.add(pow(c("e"), sym(o)));
            // exp(…) rather than e to a small superscript, so the numbers stay legible.
            numbers.add(fn("exp", num(o.value())));
        }
        List<Derivation.Line> lines = List.of(
                eq(frac(pow(c("e"), sym(step.z())), join("+", symbolic))),
                eq(frac(fn("exp", num(step.z().value())), join("+", numbers))),
                value(step.value()));
        return new Derivation(step, sym(step.quantity()), lines, first(step.quantity())
                ? List.of(Prose.of("Softmax: each output's share of the exponentials of the whole layer."))
                : List.of());
    }

    /** The loss of one sample over its outputs, symbolic and with the numbers. */
    @Override
    public Derivation sampleLoss(Step.SampleLoss step) {
        List<Expr> symbolic = new ArrayList<>();
        List<Expr> numbers = new ArrayList<>();
        Loss loss = step.loss();
        for (int k = 0; k < step.outputs().size(); k++) {
            Operand a = step.outputs().get(k);
            Operand y = step.targets().get(k);
            symbolic.add(lossTerm(loss, sym(y), sym(a)));
            numbers.add(lossTerm(loss, num(y.value()), num(a.value())));
        }
        int outputs = step.outputs().size();
        List<Derivation.Line> lines = new ArrayList<>();
        lines.add(eq(lossSum(loss, symbolic, outputs)));
        lines.add(eq(lossSum(loss, numbers, outputs)));
        lines.add(value(step.value()));
        List<Prose> notes = new ArrayList<>();
        if (step.quantity().kind() == Quantity.Kind.LOSS_AFTER) {
            notes.add(Prose.of("The same sample through the updated network: the loss after one step."));
        }
        return new Derivation(step, sym(step.quantity()), lines, notes);
    }

    /** One output's term of the loss, e.g. ½(Y − A)². */
    private static Expr lossTerm(Loss loss, Expr y, Expr a) {
        return switch (loss) {
            case HALF_SQUARED_ERROR -> row(Expr.half(), pow(paren(row(y, op("−"), a)), c("2")));
            case SQUARED_ERROR, MEAN_SQUARED_ERROR -> pow(paren(row(y, op("−"), a)), c("2"));
            case BINARY_CROSS_ENTROPY -> Expr.brackets(row(y, op("·"), fn("ln", a), op("+"),
                    paren(row(c("1"), op("−"), y)), op("·"), fn("ln", row(c("1"), op("−"), a))));
            case CROSS_ENTROPY -> row(y, op("·"), fn("ln", a));
        };
    }

    /** The terms combined as the loss defines: a sum, a mean, or a negated sum. */
    private static Expr lossSum(Loss loss, List<Expr> terms, int outputs) {
        return switch (loss) {
            case HALF_SQUARED_ERROR, SQUARED_ERROR -> join("+", terms);
            case MEAN_SQUARED_ERROR -> row(frac(c("1"), c(Integer.toString(outputs))), paren(join("+", terms)));
            case BINARY_CROSS_ENTROPY, CROSS_ENTROPY -> row(op("−"), paren(join("+", terms)));
        };
    }

    /** The data-set loss: the mean of the samples' losses. */
    @Override
    public Derivation datasetLoss(Step.DatasetLoss step) {
        List<Expr> symbolic = new ArrayList<>();
        List<Expr> numbers = new ArrayList<>();
        for (Operand o : step.sampleLosses()) {
            symbolic.add(sym(o));
            numbers.add(num(o.value()));
        }
        Expr m = c(Integer.toString(step.sampleLosses().size()));
        List<Derivation.Line> lines = List.of(
                eq(row(frac(c("1"), m), paren(join("+", elide(symbolic))))),
                eq(row(frac(c("1"), m), paren(join("+", elide(numbers))))),
                value(step.value()));
        return new Derivation(step, sym(step.quantity()), lines,
                List.of(Prose.of("The loss of a data set is the mean of its samples' losses.")));
    }

    /** An output δ: the loss's derivative times the activation's, each spelled out, or A − Y for the cross-entropies. */
    @Override
    public Derivation outputDelta(Step.OutputDelta step) {
        Quantity q = step.quantity();
        Expr a = sym(step.output());
        Expr y = sym(step.target());
        double av = step.output().value();
        double yv = step.target().value();
        List<Derivation.Line> lines = new ArrayList<>();
        List<Prose> notes = new ArrayList<>();
        if (step.loss().deltaIsOutputMinusTarget()) {
            lines.add(eq(n.derivative(n.symbol(q.withKind(Quantity.Kind.Z)), "")));
            lines.add(eq(row(a, op("−"), y)));
            lines.add(eq(row(num(av), op("−"), factor(yv))));
            if (first(q)) {
                String dL = "∂" + n.name(Quantity.Kind.LOSS) + "/∂";
                String aName = n.name(Quantity.Kind.A);
                String yName = n.name(Quantity.Kind.TARGET);
                notes.add(step.loss() == Loss.CROSS_ENTROPY
                        ? Prose.of("With softmax outputs and the cross-entropy loss, the softmax's derivative cancels "
                        + "against the loss's, and " + dL + n.name(Quantity.Kind.Z) + " is simply the output minus the target.")
                        : Prose.of("With a sigmoid output and binary cross-entropy, " + dL + aName + " = (" + aName + " − "
                        + yName + ") / (" + aName + "(1 − " + aName + ")) and σ′ = " + aName + "(1 − " + aName
                        + ") cancel, leaving the output minus the target."));
            }
        } else {
            Expr dLdA = n.derivative(n.symbol(step.output().quantity()), "");
            lines.add(eq(row(dLdA, op("·"), fPrime(step.activation(), q))));
            lines.add(eq(row(lossGradient(step.loss(), y, a, step.outputs()), op("·"),
                    activationDerivative(step.activation(), a))));
            lines.add(eq(row(lossGradient(step.loss(), num(yv), num(av), step.outputs()), op("·"),
                    activationDerivative(step.activation(), num(av)))));
            lines.add(eq(row(num(step.lossGradient()), op("·"), factor(step.activationDerivative()))));
            if (first(q)) {
                notes.add(Prose.of("The loss's derivative with respect to the output, times the activation's derivative "
                        + activationNote(step.activation(), n)));
            }
        }
        lines.add(value(step.value()));
        return new Derivation(step, sym(q), lines, notes);
    }

    /** ∂L/∂A for the squared-error losses: −(Y − A), −2(Y − A), −(2/n)(Y − A). */
    private static Expr lossGradient(Loss loss, Expr y, Expr a, int outputs) {
        Expr diff = paren(row(y, op("−"), a));
        return switch (loss) {
            case HALF_SQUARED_ERROR -> row(op("−"), diff);
            case SQUARED_ERROR -> row(op("−"), c("2"), diff);
            case MEAN_SQUARED_ERROR -> row(op("−"), frac(c("2"), c(Integer.toString(outputs))), diff);
            case BINARY_CROSS_ENTROPY, CROSS_ENTROPY ->
                    throw new IllegalStateException(loss.id() + " writes δ as A − Y");
        };
    }

    /** f′ at the neuron of a δ, by the notation's name for it: σ′(Z_h1), or Mazur's ∂out_h1/∂net_h1. */
    private Expr fPrime(Activation f, Quantity delta) {
        Quantity z = new Quantity(Quantity.Kind.Z, delta.layer(), delta.row(), -1, delta.sample());
        Quantity a = new Quantity(Quantity.Kind.A, delta.layer(), delta.row(), -1, delta.sample());
        return n.activationDerivative(f, n.symbol(z), n.symbol(a));
    }

    /** f′ written from the activation a: A(1 − A), 1 − A², 1 or 0 for ReLU, 1 for linear. */
    private static Expr activationDerivative(Activation f, Expr a) {
        return switch (f) {
            case SIGMOID -> row(a, paren(row(c("1"), op("−"), a)));
            case TANH -> paren(row(c("1"), op("−"), pow(a, c("2"))));
            case RELU -> a instanceof Expr.Num v ? c(v.value() > 0 ? "1" : "0")
                    : paren(row(Expr.text("1 if "), a, op(">"), c("0"), Expr.text(", else 0")));
            case LINEAR, SOFTMAX -> c("1");
        };
    }

    /** What the activation's derivative is, written with the notation's letters for z and a. */
    private static String activationNote(Activation f, Notation n) {
        String a = n.name(Quantity.Kind.A);
        String d = n.activationDerivativeName(f);
        return switch (f) {
            case SIGMOID -> "(for the sigmoid, " + d + " = " + a + "(1 − " + a + "), written from the activation as on paper).";
            case TANH -> "(for tanh, " + d + " = 1 − " + a + "²).";
            case RELU -> "(for ReLU, " + d + " is 1 where the neuron is active, " + a + " > 0, and 0 otherwise).";
            case LINEAR, SOFTMAX -> "(" + d + " is 1 for a linear neuron).";
        };
    }

    /** A hidden δ: the δ of the layer above through their weights (saying which weights), times f′. */
    @Override
    public Derivation hiddenDelta(Step.HiddenDelta step) {
        Quantity q = step.quantity();
        Expr a = sym(step.output());
        List<Expr> symbolic = new ArrayList<>();
        List<Expr> numbers = new ArrayList<>();
        boolean updated = false;
        for (int k = 0; k < step.weights().size(); k++) {
            Operand w = step.weights().get(k);
            Operand d = step.nextDeltas().get(k);
            // the weights this update gives (the "updated" rule); from update 2 on, W of the update before is the old value
            updated |= w.quantity().kind() == Quantity.Kind.W && w.quantity().update() == q.update();
            symbolic.add(row(sym(w), op("·"), sym(d)));
            numbers.add(row(factor(w.value()), op("·"), factor(d.value())));
        }
        List<Derivation.Line> lines = new ArrayList<>();
        lines.add(eq(row(paren(join("+", symbolic)), op("·"), fPrime(step.activation(), q))));
        lines.add(eq(row(paren(join("+", symbolic)), op("·"), activationDerivative(step.activation(), a))));
        lines.add(eq(row(paren(join("+", numbers)), op("·"), activationDerivative(step.activation(), num(step.output().value())))));
        lines.add(eq(row(num(step.weightedError()), op("·"), factor(step.activationDerivative()))));
        lines.add(value(step.value()));
        List<Expr> weightNames = new ArrayList<>();
        for (Operand w : step.weights()) {
            weightNames.add(sym(w));
        }
        Prose which = updated
                ? Prose.of("Uses the already-updated weights ", join(",", weightNames),
                " (the “updated” rule): this reproduces the slip in some published examples; "
                        + "backpropagation proper uses the weights as they were before the update.")
                : q.update() > 1 && weightNames.size() == 1
                ? Prose.of("Uses the weight ", weightNames.get(0), " as it was before this update (as the update before left it, "
                + "not the value this update gives it).")
                : q.update() > 1
                ? Prose.of("Uses the weights ", join(",", weightNames), " as they were before this update (as the update "
                + "before left them, not the values this update gives them).")
                : weightNames.size() == 1
                ? Prose.of("Uses the weight ", weightNames.get(0), " as it was before this update (its original value, not the new one).")
                : Prose.of("Uses the weights ", join(",", weightNames),
                " as they were before this update (the original values, not the new ones).");
        return new Derivation(step, sym(q), lines, first(q)
                ? List.of(Prose.of("The error flowing back from the layer above: each " + n.name(Quantity.Kind.DELTA)
                        + " there times the weight it flows through, summed, times this neuron's activation derivative."), which)
                : List.of(which));
    }

    /** ∂L/∂W = δ·A, or the batch mean of it. */
    @Override
    public Derivation weightGradient(Step.WeightGradient step) {
        List<Derivation.Line> lines = new ArrayList<>();
        if (step.deltas().size() == 1) {
            Operand d = step.deltas().get(0);
            Operand in = step.inputs().get(0);
            lines.add(eq(row(sym(d), op("·"), sym(in))));
            lines.add(eq(row(num(d.value()), op("·"), factor(in.value()))));
        } else {
            List<Expr> symbolic = new ArrayList<>();
            List<Expr> numbers = new ArrayList<>();
            for (int s = 0; s < step.deltas().size(); s++) {
                Operand d = step.deltas().get(s);
                Operand in = step.inputs().get(s);
                symbolic.add(row(sym(d), op("·"), sym(in)));
                numbers.add(row(factor(d.value()), op("·"), factor(in.value())));
            }
            Expr m = c(Integer.toString(step.deltas().size()));
            lines.add(eq(row(frac(c("1"), m), paren(join("+", elide(symbolic))))));
            lines.add(eq(row(frac(c("1"), m), paren(join("+", elide(numbers))))));
        }
        lines.add(value(step.value()));
        List<Prose> notes = step.deltas().size() > 1
                ? List.of(Prose.of("The mean over the batch of each sample's " + n.name(Quantity.Kind.DELTA)
                        + " times the input the weight carries."))
                : List.of();
        return new Derivation(step, sym(step.quantity()), lines, notes);
    }

    /** ∂L/∂B = δ, or the batch mean of it. */
    @Override
    public Derivation biasGradient(Step.BiasGradient step) {
        List<Derivation.Line> lines = new ArrayList<>();
        if (step.deltas().size() == 1) {
            lines.add(eq(sym(step.deltas().get(0))));
        } else {
            List<Expr> symbolic = new ArrayList<>();
            List<Expr> numbers = new ArrayList<>();
            for (Operand d : step.deltas()) {
                symbolic.add(sym(d));
                numbers.add(factor(d.value()));
            }
            Expr m = c(Integer.toString(step.deltas().size()));
            lines.add(eq(row(frac(c("1"), m), paren(join("+", elide(symbolic))))));
            lines.add(eq(row(frac(c("1"), m), paren(join("+", elide(numbers))))));
        }
        lines.add(value(step.value()));
        return new Derivation(step, sym(step.quantity()), lines, List.of());
    }

    /** W_new = W_old − α·∂L/∂W, with the numbers. */
    @Override
    public Derivation update(Step.Update step) {
        Expr oldSym = n.before(step.old().quantity());
        List<Derivation.Line> lines = List.of(
                eq(row(oldSym, op("−"), sym(step.learningRate()), op("·"), sym(step.gradient()))),
                eq(row(num(step.old().value()), op("−"), factor(step.learningRate().value()), op("·"),
                        factor(step.gradient().value()))),
                value(step.value()));
        return new Derivation(step, sym(step.quantity()), lines, List.of());
    }

    /** A bias kept as it was. */
    @Override
    public Derivation unchanged(Step.Unchanged step) {
        return new Derivation(step, sym(step.quantity()), List.of(eq(n.before(step.old().quantity())), eq(num(step.value()))),
                List.of(Prose.of("Biases are kept fixed in this problem (bias updates are off).")));
    }

    // ---------------------------------------------------------------- the optimizers

    /** Whether this is the first weight of its layer in the first update: remarks about a rule are made there once a layer. */
    private static boolean firstParameter(Quantity q) {
        return q.row() == 0 && q.col() == 0 && q.update() == 1 && q.sample() == 0;
    }

    /** g², or (∂L/∂W)² for a gradient written as a fraction. */
    private static Expr squared(Expr g) {
        return Expr.pow(g instanceof Expr.Frac ? paren(g) : g, c("2"));
    }

    /** g = ∂L/∂θ + λ·θ: the gradient with L2 weight decay. */
    @Override
    public Derivation decay(Step.Decay step) {
        Expr theta = n.before(step.parameter().quantity());
        List<Derivation.Line> lines = List.of(
                eq(row(sym(step.gradient()), op("+"), sym(step.decay()), op("·"), theta)),
                eq(row(num(step.gradient().value()), op("+"), factor(step.decay().value()), op("·"),
                        factor(step.parameter().value()))),
                value(step.value()));
        return new Derivation(step, sym(step.quantity()), lines, firstParameter(step.quantity())
                ? List.of(Prose.of("Weight decay (L2) adds λ times the parameter to its gradient, as PyTorch's "
                        + "weight_decay does (not AdamW's decoupled decay)."))
                : List.of());
    }

    /** The momentum buffer: the first gradient itself, then μ·v + g. */
    @Override
    public Derivation momentumBuffer(Step.MomentumBuffer step) {
        Quantity q = step.quantity();
        Operand g = step.gradient();
        List<Derivation.Line> lines = new ArrayList<>();
        List<Prose> notes = new ArrayList<>();
        if (step.previous() == null) {
            lines.add(eq(sym(g)));
            if (firstParameter(q)) {
                notes.add(Prose.of("On the first step the momentum buffer is the gradient itself, as PyTorch starts it; "
                        + "from then on it is μ times itself plus the new gradient."));
            }
        } else {
            Operand before = step.previous();
            lines.add(eq(row(sym(step.momentum()), op("·"), sym(before), op("+"), sym(g))));
            lines.add(eq(row(num(step.momentum().value()), op("·"), factor(before.value()), op("+"), factor(g.value()))));
        }
        lines.add(value(step.value()));
        return new Derivation(step, sym(q), lines, notes);
    }

    /** A moving average β·m + (1 − β)·g (or of g²), the average before being 0 on the first step. */
    @Override
    public Derivation movingAverage(Step.MovingAverage step) {
        Quantity q = step.quantity();
        Operand rate = step.rate();
        Operand g = step.gradient();
        Expr before = step.previous() == null ? c("0") : sym(step.previous());
        Expr gs = step.squared() ? squared(sym(g)) : sym(g);
        // a number squared is written in parentheses, so that 1.2×10⁻⁶ squared reads as one number
        Expr gv = step.squared() ? Expr.pow(paren(num(g.value())), c("2")) : factor(g.value());
        List<Derivation.Line> lines = List.of(
                eq(row(sym(rate), op("·"), before, op("+"), paren(row(c("1"), op("−"), sym(rate))), op("·"), gs)),
                eq(row(num(rate.value()), op("·"), factor(step.previousValue()), op("+"),
                        paren(row(c("1"), op("−"), num(rate.value()))), op("·"), gv)),
                value(step.value()));
        List<Prose> notes = new ArrayList<>();
        if (firstParameter(q)) {
            String what = switch (q.kind().state().orElseThrow()) {
                case FIRST_MOMENT -> "Adam's first moment: a moving average of the gradient, kept with weight β₁ and "
                        + "starting at 0.";
                case SECOND_MOMENT -> "Adam's second moment: a moving average of the squared gradient, kept with weight "
                        + "β₂ and starting at 0.";
                default -> "RMSprop's moving average of the squared gradient, kept with weight ρ and starting at 0.";
            };
            notes.add(Prose.of(what));
        }
        return new Derivation(step, sym(q), lines, notes);
    }

    /** m̂ = m / (1 − βᵗ). */
    @Override
    public Derivation biasCorrection(Step.BiasCorrection step) {
        Quantity q = step.quantity();
        Expr t = c(Integer.toString(step.step()));
        List<Derivation.Line> lines = List.of(
                eq(frac(sym(step.moment()), row(c("1"), op("−"), pow(sym(step.rate()), t)))),
                eq(frac(num(step.moment().value()), row(c("1"), op("−"), pow(num(step.rate().value()), t)))),
                eq(frac(num(step.moment().value()), num(step.correction()))),
                value(step.value()));
        return new Derivation(step, sym(q), lines, firstParameter(q) && q.kind().state().orElseThrow()
                == Quantity.State.FIRST_CORRECTED
                ? List.of(Prose.of("The moments start at 0, so early on they are too small; dividing by 1 − βᵗ after t "
                        + "updates corrects that (the correction fades as t grows)."))
                : List.of());
    }

    /** θ − α·(g + μ·v). */
    @Override
    public Derivation nesterovUpdate(Step.NesterovUpdate step) {
        Operand lr = step.learningRate();
        List<Derivation.Line> lines = List.of(
                eq(row(n.before(step.old().quantity()), op("−"), sym(lr), op("·"),
                        paren(row(sym(step.gradient()), op("+"), sym(step.momentum()), op("·"), sym(step.buffer()))))),
                eq(row(num(step.old().value()), op("−"), factor(lr.value()), op("·"),
                        paren(row(num(step.gradient().value()), op("+"), factor(step.momentum().value()), op("·"),
                                factor(step.buffer().value()))))),
                eq(row(num(step.old().value()), op("−"), factor(lr.value()), op("·"), factor(step.direction()))),
                value(step.value()));
        return new Derivation(step, sym(step.quantity()), lines, firstParameter(step.quantity())
                ? List.of(Prose.of("Nesterov's step looks ahead: the gradient plus μ times the momentum buffer just updated."))
                : List.of());
    }

    /** θ − α·x / (√y + ε), for RMSprop (x = g, y = s) and Adam (x = m̂, y = v̂). */
    @Override
    public Derivation adaptiveUpdate(Step.AdaptiveUpdate step) {
        Operand lr = step.learningRate();
        Operand x = step.numerator();
        Operand y = step.average();
        Operand eps = step.epsilon();
        List<Derivation.Line> lines = List.of(
                eq(row(n.before(step.old().quantity()), op("−"), sym(lr), op("·"),
                        frac(sym(x), row(Expr.sqrt(sym(y)), op("+"), sym(eps))))),
                eq(row(num(step.old().value()), op("−"), factor(lr.value()), op("·"),
                        frac(num(x.value()), row(Expr.sqrt(num(y.value())), op("+"), num(eps.value()))))),
                eq(row(num(step.old().value()), op("−"), factor(lr.value()), op("·"),
                        frac(num(x.value()), row(num(step.root()), op("+"), num(eps.value()))))),
                value(step.value()));
        List<Prose> notes = new ArrayList<>();
        if (firstParameter(step.quantity())) {
            boolean adam = y.quantity().kind().state().orElse(null) == Quantity.State.SECOND_CORRECTED;
            notes.add(Prose.of(adam
                    ? "Adam's step: α times the corrected first moment over the root of the corrected second moment, "
                    + "so each parameter moves by about α at most; ε keeps the step defined where the root is 0."
                    : "RMSprop's step: the gradient over the root of its moving average of squares, times α; ε keeps "
                    + "the step defined where the average is 0."));
        }
        return new Derivation(step, sym(step.quantity()), lines, notes);
    }
}
