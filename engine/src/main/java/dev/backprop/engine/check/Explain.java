package dev.backprop.engine.check;

import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.trace.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The sentences a student reads: what each mark means, naming the quantity. */
final class Explain {
    private Explain() {
    }

    /** How a quantity is named in a sentence: {@code δ[2][0]}, {@code the updated W[2][0][1]}. */
    static String name(Quantity q) {
        String s = Hint.symbol(q);
        return switch (q.kind()) {
            case W, B -> "the updated " + s;
            case LOSS_AFTER -> "the loss after the update";
            case LOSS_BEFORE -> "the data-set loss";
            default -> s;
        };
    }

    private static String capital(String s) {
        return s.startsWith("the ") ? "T" + s.substring(1) : s;
    }

    private static String names(List<String> keys) {
        List<String> ns = keys.stream().map(k -> name(Quantity.parse(k).orElseThrow())).collect(Collectors.toList());
        if (ns.size() == 1) {
            return ns.get(0);
        }
        return String.join(", ", ns.subList(0, ns.size() - 1)) + " and " + ns.get(ns.size() - 1);
    }

    /** A right answer. */
    static String right(Quantity q, BigDecimal given, double exact, Marking.MarkedBy by, Marking marking) {
        String head = "Right: " + name(q) + " = " + given.toPlainString();
        if (by == Marking.MarkedBy.ROUNDING_RULE && marking.rounding() != null) {
            return head + " is the value rounded as you go to " + marking.rounding().describe() + ".";
        }
        return head + " agrees with " + Marking.show(exact) + " to the digits you wrote.";
    }

    /** "is not 0.138498562", or "is not right" when the value is not to be given away (null). */
    private static String isNot(@Nullable Double expected) {
        return expected == null ? " is not right" : " is not " + Marking.show(expected);
    }

    /** A wrong answer that follows correctly from the student's own earlier wrong answers. */
    static String carriedForward(Quantity q, BigDecimal given, @Nullable Double expected, List<String> sources) {
        return capital(name(q)) + " = " + given.toPlainString() + isNot(expected)
                + ", but it follows correctly from your " + names(sources) + ", which "
                + (sources.size() == 1 ? "was" : "were") + " wrong: the method here is right.";
    }

    /** A wrong answer no known mistake explains (without the right value or the formula when expected is null). */
    static String unexplained(Quantity q, BigDecimal given, @Nullable Double expected, Hint hint) {
        // feedback (no value given) leaves the formula to the hint, which the student asks for
        return capital(name(q)) + " = " + given.toPlainString() + isNot(expected)
                + ", and no common mistake explains it: check this step against "
                + (expected == null ? "its formula." : "the formula " + hint.text() + ".");
    }

    /** A wrong answer the diagnosed mistake explains; {@code sources} are wrong answers it also builds on. */
    static String diagnosed(Quantity q, BigDecimal given, @Nullable Double expected, String clause, List<String> sources) {
        String s = capital(name(q)) + " = " + given.toPlainString() + isNot(expected) + ": " + clause + ".";
        if (!sources.isEmpty()) {
            s += " It also builds on your " + names(sources) + ", which " + (sources.size() == 1 ? "was" : "were") + " wrong.";
        }
        return s;
    }

    /** What the mistake is, as the second half of a sentence. */
    static String clause(Mistake m, Problem p) {
        int outputs = p.network().output().size();
        return switch (m) {
            case SIGN_FLIPPED -> "the sign is flipped; the output δ starts from a − y (output minus target), not y − a,"
                    + " and every gradient keeps the sign of its δ";
            case MISSING_DERIVATIVE -> "the activation's derivative f′(z) is missing; each δ is multiplied by it"
                    + " (a(1 − a) for sigmoid, 1 − a² for tanh)";
            case HALF_DROPPED -> "it is off by a factor of two; the ½ of the half-squared-error loss ½(y − a)² cancels"
                    + " the 2 from differentiating the square, so ∂L/∂a = a − y, and the loss itself keeps its ½";
            case TWO_DROPPED -> "it is off by a factor of two; the " + p.loss().id()
                    + " loss has no ½, so differentiating (y − a)² gives 2(a − y)";
            case BATCH_SUM -> "the batch's gradients are added instead of averaged; divide their sum by the batch size "
                    + p.effectiveBatchSize();
            case MSE_WITHOUT_MEAN -> "mean-squared-error's 1/n is missing; with n = " + outputs
                    + " outputs the loss and its derivative are divided by " + outputs;
            case SUM_AS_MEAN -> "it is divided by the number of outputs (n = " + outputs + "), but the " + p.loss().id()
                    + " loss is a sum over the outputs, not a mean";
            case DATASET_SUM -> "the samples' losses are added instead of averaged; the data-set loss is their mean over the "
                    + p.samples().size() + " samples";
            case UPDATED_WEIGHTS -> "the hidden δ uses the already-updated weights of the layer above; it must use the weights"
                    + " as they were before the update (the slip in Mazur's published example)";
            case UPDATE_DIRECTION -> "α·gradient is added; gradient descent subtracts it: new θ = θ − α·∂L/∂θ";
            case LEARNING_RATE_OMITTED -> "the learning rate is left out; subtract α·gradient with α = "
                    + Marking.show(p.learningRate()) + ", not the whole gradient";
            case NOT_UPDATED -> "that is the value before the update; subtract α·gradient from it";
            case SWAPPED_FORWARD -> "the weights' indices are swapped; z[l][j] uses W[l][j][i], the weight into neuron j"
                    + " of layer l from neuron i of layer l − 1, not W[l][i][j]";
            case SWAPPED_BACKWARD -> "the weights' indices are swapped; δ[l][j] collects W[l+1][k][j]·δ[l+1][k], the"
                    + " weights out of neuron j (a column of W), not the row W[l+1][j][k]";
            case DERIVATIVE_OF_Z -> "the activation's derivative is taken from z instead of a; it is written in the"
                    + " activation a: a(1 − a) for sigmoid, 1 − a² for tanh";
            case GRADIENT_FROM_Z -> "the gradient uses z of the layer below where that neuron's activation belongs;"
                    + " ∂L/∂W = δ·a";
            case OTHER_DERIVATIVE -> "it uses another activation's derivative; sigmoid's is a(1 − a), tanh's 1 − a²,"
                    + " relu's 1 where a > 0, linear's 1";
            case EXTRA_DERIVATIVE -> "δ is multiplied by the activation's derivative a(1 − a); with the " + p.loss().id()
                    + " loss that derivative cancels and δ = a − y";
            case BIAS_OMITTED -> "the bias is left out; z = Σ W·a + b";
            case FIXED_BIAS_UPDATED -> "this problem keeps the biases fixed (updateBiases is false), so the bias stays"
                    + " as it was";
        };
    }

    /** The swapped-indices clause naming the quantity whose value was given. */
    static String swappedValue(Quantity transposed) {
        return "that is the value of " + name(transposed) + "; the indices are swapped: in W[l][j][i], j is the neuron"
                + " of layer l and i the neuron of layer l − 1 it comes from";
    }

    /** The rounding clause for an answer that is the value (shown unless null) rounded to too few digits. */
    static String roundedTooCoarsely(@Nullable BigDecimal value, int decimals, Marking marking) {
        Rounding r = marking.rounding();
        return "that is " + (value == null ? "the value" : Marking.show(value)) + " rounded to " + Rounding.decimals(decimals).describe()
                + ", too coarsely to be marked right; keep at least " + Marking.MIN_SIGNIFICANT
                + " significant figures of the value" + (r == null ? "" : ", or round to " + r.describe() + " as the problem says");
    }

    /** The rounding clause for an answer worked from values rounded too early. */
    static String roundedTooEarly(Rounding early, Marking marking) {
        Rounding r = marking.rounding();
        return "that is what you get when every value is rounded to " + early.describe()
                + " as you go; rounding that early loses accuracy, so keep "
                + (r == null ? "more digits until the end" : r.describe() + " as the problem says");
    }
}
