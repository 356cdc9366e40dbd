package dev.backprop.engine.render;

import static dev.backprop.engine.render.Expr.c;
import static dev.backprop.engine.render.Expr.fn;
import static dev.backprop.engine.render.Expr.frac;
import static dev.backprop.engine.render.Expr.num;
import static dev.backprop.engine.render.Expr.op;
import static dev.backprop.engine.render.Expr.paren;
import static dev.backprop.engine.render.Expr.pow;
import static dev.backprop.engine.render.Expr.row;

import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.trace.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The conventions in force, stated at the top of a worked solution in every format: the network,
 * the loss, the learning rate, training, bias updates, the hidden-δ rule, rounding and given
 * values, and how the notation maps onto the contract's indices.
 */
public final class Conventions {
    /** What a convention is about, so that a format may add what only it can say (HTML: hover for more). */
    public enum Topic {
        /** The layers and their activations. */
        NETWORK,
        /** The loss and its formula. */
        LOSS,
        /** The learning rate. */
        LEARNING_RATE,
        /** Epochs, samples and batches. */
        TRAINING,
        /** Whether biases are updated. */
        BIASES,
        /** Which weights the hidden δ use. */
        HIDDEN_DELTA,
        /** The signs of δ and of the update, where sources differ. */
        SIGNS,
        /** Rounding as on paper, or none. */
        ROUNDING,
        /** Values the exercise states. */
        GIVEN,
        /** How the notation maps onto the contract. */
        NOTATION,
        /** The update rule, when it is not plain gradient descent. */
        OPTIMIZER
    }

    /**
     * One convention.
     *
     * @param topic what it is about
     * @param label what it is about in words, e.g. "Loss"
     * @param text  what holds
     */
    public record Item(Topic topic, String label, Prose text) {
    }

    private Conventions() {
    }

    /** The conventions of a problem, in the order a reader needs them. */
    public static List<Item> of(Problem p, Notation n) {
        List<Item> items = new ArrayList<>();
        Network net = p.network();
        StringBuilder layers = new StringBuilder();
        layers.append("inputs ").append(n.range(0));
        for (int l = 1; l < net.depth(); l++) {
            layers.append(n.isOutput(l) ? (n.size(l) == 1 ? "; output " : "; outputs ") : "; hidden ")
                    .append(n.range(l)).append(" (").append(net.layer(l).activation().id()).append(')');
        }
        items.add(new Item(Topic.NETWORK, "Network", Prose.of(shape(net) + ": " + layers + ".")));
        items.add(new Item(Topic.LOSS, "Loss", Prose.of(p.loss().id() + ", per sample ", lossFormula(p.loss(), n),
                lossRemark(p.loss(), n.profile()))));
        Expr.Sym alpha = n.symbol(Quantity.alpha());
        items.add(new Item(Topic.LEARNING_RATE, "Learning rate", Prose.of(row(new Expr.Sym(alpha.base(), alpha.sub(), alpha.sup(),
                "learningRate"), op("="), num(p.learningRate())))));
        int samples = p.samples().size();
        int batch = p.effectiveBatchSize();
        String size = NumberStyle.count(batch);
        String batchText = batch == 1 ? "batch size 1: one update per sample"
                : batch == samples ? "batch size " + size + " = all samples: one update per epoch with the mean gradient (full batch)"
                : "batch size " + size + ": one update per " + size + " samples, with the batch's mean gradient";
        String worked = p.workedUpdates() == 1 ? "" : " The first " + NumberStyle.count(p.workedUpdates()) + " updates are worked step by step.";
        items.add(new Item(Topic.TRAINING, "Training", Prose.of(NumberStyle.count(p.epochs(), "epoch", "epochs") + " over "
                + NumberStyle.count(samples, "sample", "samples") + "; " + batchText + "." + worked)));
        if (!p.optimizer().plain()) {
            items.add(new Item(Topic.OPTIMIZER, "Update rule", optimizer(p, n)));
        }
        items.add(new Item(Topic.BIASES, "Biases", Prose.of(p.updateBiases() ? "updated along with the weights."
                : "kept fixed: only the weights are updated (updateBiases is false).")));
        if (net.depth() > 2) {
            items.add(new Item(Topic.HIDDEN_DELTA, "Hidden " + n.name(Quantity.Kind.DELTA), Prose.of(p.hiddenDeltaWeights() == HiddenDeltaWeights.ORIGINAL
                    ? "computed from the weights as they were before the update (correct backpropagation)."
                    : "computed from the already-updated weights of the layer above (hiddenDeltaWeights “updated”): "
                    + "the slip behind some published examples, reproduced on purpose.")));
        }
        items.add(new Item(Topic.SIGNS, "Signs", signs(p, n)));
        Rounding r = p.rounding();
        items.add(new Item(Topic.ROUNDING, "Rounding", Prose.of(r == null
                ? "none: full double precision throughout. Values are shown to a chosen number of significant figures."
                : "as on paper: every named quantity is rounded to " + r.describe() + " (half away from zero) as soon "
                + "as it is computed, and later steps use the rounded value; sums and products are exact decimals.")));
        if (!p.given().isEmpty()) {
            List<Object> parts = new ArrayList<>();
            parts.add("stated by the exercise and used instead of the computed values: ");
            int k = 0;
            for (Map.Entry<Quantity, Double> e : p.given().entrySet()) {
                if (k++ > 0) {
                    parts.add(", ");
                }
                parts.add(row(n.symbol(e.getKey()), op("="), num(e.getValue())));
            }
            parts.add(". Derivatives are taken from these values.");
            items.add(new Item(Topic.GIVEN, "Given values", Prose.of(parts.toArray())));
        }
        items.add(new Item(Topic.NOTATION, "Notation", n.explain()));
        return items;
    }

    /**
     * The signs of δ and of the update in words, with the other convention some sources use: this
     * page's δ is ∂L/∂Z and the update subtracts α·∂L/∂W; texts that define the error as target
     * minus output get the opposite δ and add α·δ·A, reaching the same new weights.
     */
    static Prose signs(Problem p, Notation n) {
        int out = p.network().depth() - 1;
        Expr.Sym a = n.unmarked(Quantity.a(out, 0));
        Expr.Sym y = n.unmarked(Quantity.target(0));
        Expr.Sym delta = n.unmarked(Quantity.delta(out, 0));
        Expr.Sym w = n.unmarked(Quantity.wOld(out, 0, 0));
        Expr.Sym below = n.unmarked(Quantity.a(out - 1, 0));
        Expr.Sym alpha = n.unmarked(Quantity.alpha());
        Expr fPrime = n.activationDerivative(p.network().layer(out).activation(), n.unmarked(Quantity.z(out, 0)), a);
        Expr ownDelta;
        Expr otherDelta;
        if (p.loss().deltaIsOutputMinusTarget()) {
            ownDelta = row(a, op("−"), y);
            otherDelta = row(y, op("−"), a);
        } else {
            // ∂L/∂A of each squared-error loss, written (A − Y) times its constant
            Expr factor = switch (p.loss()) {
                case SQUARED_ERROR -> c("2");
                case MEAN_SQUARED_ERROR -> frac(c("2"), c(Integer.toString(p.network().output().size())));
                default -> row();
            };
            // Mazur writes the output's error derivative as −(target − out)
            ownDelta = n.profile() == Notation.Profile.MAZUR
                    ? row(op("−"), factor, paren(row(y, op("−"), a)), op("·"), fPrime)
                    : row(factor, paren(row(a, op("−"), y)), op("·"), fPrime);
            otherDelta = row(factor, paren(row(y, op("−"), a)), op("·"), fPrime);
        }
        String whose = switch (n.profile()) {
            case SEED -> "As in the seed, ";
            case MAZUR -> "As in Mazur's post, ";
            case MATRIX -> "As in the matrix textbooks, ";
        };
        Expr definition = row(delta, op("="), n.derivative(n.unmarked(Quantity.z(out, 0)), ""));
        Expr other = row(delta, op("="), otherDelta);
        if (!p.optimizer().plain()) {
            // the optimizer's rule (its own item) takes the gradient as defined here
            return Prose.of(whose, definition, " (for this loss ", row(delta, op("="), ownDelta),
                    ") and the update rule works from ", n.derivative(w, ""), " so defined. Some texts define the error"
                    + " the other way round, ", other, ": every δ then has the opposite sign, and the new weights are the same.");
        }
        return Prose.of(whose, definition, " (for this loss ", row(delta, op("="), ownDelta), ") and every update subtracts: ",
                row(n.unmarked(Quantity.w(out, 0, 0)), op("="), n.before(Quantity.wOld(out, 0, 0)), op("−"), alpha, op("·"),
                        n.derivative(w, "")),
                ". Some texts define the error the other way round, ", other, ", and then add ",
                row(alpha, op("·"), delta, op("·"), below), " to the weight: every δ has the opposite sign, and the new"
                + " weights are the same.");
    }

    /**
     * The update rule in formulas, with its settings, as PyTorch's torch.optim has it: θ a weight or
     * bias, g its gradient (with weight decay where there is some), t the update's number.
     */
    static Prose optimizer(Problem p, Notation n) {
        Optimizer o = p.optimizer();
        Expr theta = Expr.sym("θ", "");
        Expr g = Expr.sym("g", "");
        Expr.Sym alpha = n.symbol(Quantity.alpha());
        Expr a = new Expr.Sym(alpha.base(), alpha.sub(), alpha.sup(), "");
        Expr lambda = Expr.sym("λ", "");
        Expr mu = Expr.sym("μ", "");
        Expr v = Expr.sym("v", "");
        Expr eps = Expr.sym("ε", "");
        Expr gradient = n.derivative(Expr.sym("θ", ""), "");
        List<Object> parts = new ArrayList<>();
        parts.add(o.kind().title() + ", as PyTorch's torch.optim." + switch (o.kind()) {
            case SGD, MOMENTUM, NESTEROV -> "SGD";
            case RMSPROP -> "RMSprop (not centred, no momentum)";
            case ADAM -> "Adam (not AMSGrad)";
        } + " has it, for each weight and bias θ: ");
        if (o.decays()) {
            parts.add(row(g, op("="), gradient, op("+"), lambda, op("·"), theta));
            parts.add(" (weight decay, λ = ");
            parts.add(num(o.weightDecay()));
            parts.add(", L2 added to the gradient, not AdamW's); ");
        } else {
            parts.add(row(g, op("="), gradient));
            parts.add("; ");
        }
        switch (o.kind()) {
            case SGD -> parts.add(row(theta, op("←"), theta, op("−"), a, op("·"), g));
            case MOMENTUM, NESTEROV -> {
                parts.add(row(v, op("="), mu, op("·"), v, op("+"), g));
                parts.add(" (the momentum buffer, ");
                parts.add(row(v, op("="), g));
                parts.add(" on the first step), ");
                parts.add(o.kind() == Optimizer.Kind.MOMENTUM ? row(theta, op("←"), theta, op("−"), a, op("·"), v)
                        : row(theta, op("←"), theta, op("−"), a, op("·"), paren(row(g, op("+"), mu, op("·"), v))));
                parts.add(", with ");
                parts.add(row(mu, op("="), num(o.momentum())));
            }
            case RMSPROP -> {
                Expr sq = Expr.sym("s", "");
                Expr rho = Expr.sym("ρ", "");
                parts.add(row(sq, op("="), rho, op("·"), sq, op("+"), paren(row(c("1"), op("−"), rho)), op("·"), pow(g, c("2"))));
                parts.add(", ");
                parts.add(row(theta, op("←"), theta, op("−"), a, op("·"), frac(g, row(Expr.sqrt(sq), op("+"), eps))));
                parts.add(", with ");
                parts.add(row(rho, op("="), num(o.alpha())));
                parts.add(" and ");
                parts.add(row(eps, op("="), num(o.epsilon())));
            }
            case ADAM -> {
                Expr m = Expr.sym("m", "");
                Expr b1 = Expr.sym("β", "1");
                Expr b2 = Expr.sym("β", "2");
                Expr mh = Expr.sym("m\u0302", "");
                Expr vh = Expr.sym("v\u0302", "");
                Expr t = c("t");
                parts.add(row(m, op("="), b1, op("·"), m, op("+"), paren(row(c("1"), op("−"), b1)), op("·"), g));
                parts.add(", ");
                parts.add(row(v, op("="), b2, op("·"), v, op("+"), paren(row(c("1"), op("−"), b2)), op("·"), pow(g, c("2"))));
                parts.add(", ");
                parts.add(row(mh, op("="), frac(m, row(c("1"), op("−"), pow(b1, t)))));
                parts.add(", ");
                parts.add(row(vh, op("="), frac(v, row(c("1"), op("−"), pow(b2, t)))));
                parts.add(", ");
                parts.add(row(theta, op("←"), theta, op("−"), a, op("·"), frac(mh, row(Expr.sqrt(vh), op("+"), eps))));
                parts.add(", t counting the updates from 1, with ");
                parts.add(row(b1, op("="), num(o.beta1())));
                parts.add(", ");
                parts.add(row(b2, op("="), num(o.beta2())));
                parts.add(" and ");
                parts.add(row(eps, op("="), num(o.epsilon())));
            }
        }
        parts.add(o.stateful() ? ". The state starts at 0 for every weight and bias" + (p.updateBiases() ? "."
                : "; the biases are fixed and keep none.") : ".");
        parts.add(p.rounding() == null ? "" : " Square roots are taken in double precision, then rounded as exp is.");
        return Prose.of(parts.toArray());
    }

    /** The per-sample loss as a formula over the outputs k. */
    public static Expr lossFormula(Loss loss, Notation n) {
        Expr y = n.targetSymbol("k");
        Expr a = n.outputSymbol("k");
        Expr diff2 = pow(paren(row(y, op("−"), a)), c("2"));
        Expr under = c("k");
        Expr body = switch (loss) {
            case HALF_SQUARED_ERROR -> new Expr.Sum(under, row(Expr.half(), diff2));
            case SQUARED_ERROR -> new Expr.Sum(under, diff2);
            case MEAN_SQUARED_ERROR -> row(frac(c("1"), c("n")), new Expr.Sum(under, diff2));
            case BINARY_CROSS_ENTROPY -> row(op("−"), new Expr.Sum(under, Expr.brackets(row(y, op("·"), fn("ln", a), op("+"),
                    paren(row(c("1"), op("−"), y)), op("·"), fn("ln", row(c("1"), op("−"), a))))));
            case CROSS_ENTROPY -> row(op("−"), new Expr.Sum(under, row(y, op("·"), fn("ln", a))));
        };
        return row(n.lossSymbol(), op("="), body);
    }

    private static String lossRemark(Loss loss, Notation.Profile profile) {
        return switch (loss) {
            case HALF_SQUARED_ERROR -> switch (profile) {
                case SEED -> " (the seed's “MSE”)";
                case MAZUR -> " (Mazur's “squared error function”, his total error)";
                case MATRIX -> " (the quadratic cost)";
            } + "; the data-set loss is the mean over the samples.";
            case SQUARED_ERROR -> "; the data-set loss is the mean over the samples.";
            case MEAN_SQUARED_ERROR -> " with n outputs (PyTorch's MSELoss); the data-set loss is the mean over the samples.";
            case BINARY_CROSS_ENTROPY -> " for sigmoid outputs; the data-set loss is the mean over the samples.";
            case CROSS_ENTROPY -> " for softmax outputs; the data-set loss is the mean over the samples.";
        };
    }

    /** "2-2-1". */
    public static String shape(Network net) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < net.depth(); l++) {
            sb.append(l == 0 ? "" : "-").append(net.size(l));
        }
        return sb.toString();
    }
}
