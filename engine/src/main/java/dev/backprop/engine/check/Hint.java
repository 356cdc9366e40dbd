package dev.backprop.engine.check;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.trace.Operand;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The formula to use for a quantity, as a hint before the worked step: the step's formula
 * identifier (as in the worked solution's steps, for a renderer to draw), the quantity it computes,
 * and the formula written out in plain text with the quantity's own indices.
 *
 * @param formula  the formula identifier, e.g. {@code output-delta}
 * @param quantity the key of the quantity, e.g. {@code delta[2][0]}
 * @param text     the formula in plain text, e.g. {@code δ[2][0] = (a[2][0] − y[0]) · a[2][0](1 − a[2][0])}
 */
public record Hint(String formula, String quantity, String text) {

    /** The hint for a step of the worked solution. */
    public static Hint of(Step step) {
        return new Hint(step.formula(), step.quantity().key(), step.accept(new FormulaText()));
    }

    /** How a quantity is written in a formula: {@code δ[2][0]}, {@code ∂L/∂W[2][0][1]}, {@code a[1][0]@1}. */
    static String symbol(Quantity q) {
        String key = q.key();
        return switch (q.kind()) {
            case DELTA -> "δ" + key.substring("delta".length());
            case DW -> "∂L/∂W" + key.substring("dW".length());
            case DB -> "∂L/∂b" + key.substring("db".length());
            case W_OLD -> "W" + key.substring("Wold".length());
            case B_OLD -> "b" + key.substring("bold".length());
            case ALPHA -> "α";
            case LOSS -> "L" + key.substring("loss".length());
            default -> key;
        };
    }

    /** f′ written in terms of a, e.g. {@code a[1][0](1 − a[1][0])}. */
    static String derivativeText(Activation f, String a) {
        return switch (f) {
            case SIGMOID -> a + "(1 − " + a + ")";
            case TANH -> "(1 − " + a + "²)";
            case RELU -> "(1 if " + a + " > 0, else 0)";
            case LINEAR, SOFTMAX -> "1";
        };
    }

    private static String sum(List<String> terms) {
        return terms.size() <= 4 ? String.join(" + ", terms)
                : terms.get(0) + " + … + " + terms.get(terms.size() - 1);
    }

    /** Writes each kind of step's formula with its operands' symbols. */
    private static final class FormulaText implements Step.Visitor<String> {
        @Override
        public String given(Step.Given step) {
            return symbol(step.quantity()) + " is given by the exercise";
        }

        @Override
        public String weightedSum(Step.WeightedSum step) {
            List<String> terms = new java.util.ArrayList<>();
            for (int i = 0; i < step.weights().size(); i++) {
                terms.add(symbol(step.weights().get(i).quantity()) + "·" + symbol(step.inputs().get(i).quantity()));
            }
            return symbol(step.quantity()) + " = " + sum(terms) + " + " + symbol(step.bias().quantity())
                    + " (weights and bias before the update)";
        }

        @Override
        public String activate(Step.Activate step) {
            String z = symbol(step.z().quantity());
            String f = switch (step.activation()) {
                case SIGMOID -> "σ(" + z + ") = 1 / (1 + e^(−" + z + "))";
                case TANH -> "tanh(" + z + ")";
                case RELU -> "max(0, " + z + ")";
                case LINEAR, SOFTMAX -> z;
            };
            return symbol(step.quantity()) + " = " + f;
        }

        @Override
        public String softmax(Step.Softmax step) {
            String all = step.layer().stream().map(o -> "e^" + symbol(o.quantity())).collect(Collectors.joining(" + "));
            return symbol(step.quantity()) + " = e^" + symbol(step.z().quantity()) + " / (" + all + ")";
        }

        @Override
        public String sampleLoss(Step.SampleLoss step) {
            String terms = switch (step.loss()) {
                case HALF_SQUARED_ERROR -> "Σ_j ½(y_j − a_j)²";
                case SQUARED_ERROR -> "Σ_j (y_j − a_j)²";
                case MEAN_SQUARED_ERROR -> "(1/" + step.targets().size() + ") Σ_j (y_j − a_j)²";
                case BINARY_CROSS_ENTROPY -> "−Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]";
                case CROSS_ENTROPY -> "−Σ_j y_j ln a_j";
            };
            String of = step.quantity().kind() == Quantity.Kind.LOSS_AFTER
                    ? ", with the outputs a of a forward pass through the updated weights and biases"
                    : ", with the outputs " + step.outputs().stream().map(o -> symbol(o.quantity())).collect(Collectors.joining(", "));
            return symbol(step.quantity()) + " = " + terms + of;
        }

        @Override
        public String datasetLoss(Step.DatasetLoss step) {
            return symbol(step.quantity()) + " = the mean of the " + step.sampleLosses().size() + " samples' losses";
        }

        @Override
        public String outputDelta(Step.OutputDelta step) {
            String a = symbol(step.output().quantity());
            String y = symbol(step.target().quantity());
            String d = symbol(step.quantity());
            if (step.loss().deltaIsOutputMinusTarget()) {
                return d + " = " + a + " − " + y + " (the " + step.loss().id()
                        + " loss's derivative cancels the activation's)";
            }
            String grad = switch (step.loss()) {
                case SQUARED_ERROR -> "2(" + a + " − " + y + ")";
                case MEAN_SQUARED_ERROR -> "(2/" + step.outputs() + ")(" + a + " − " + y + ")";
                default -> "(" + a + " − " + y + ")";
            };
            return d + " = " + grad + " · " + derivativeText(step.activation(), a);
        }

        @Override
        public String hiddenDelta(Step.HiddenDelta step) {
            List<String> terms = new java.util.ArrayList<>();
            for (int k = 0; k < step.weights().size(); k++) {
                terms.add(symbol(step.weights().get(k).quantity()) + "·" + symbol(step.nextDeltas().get(k).quantity()));
            }
            boolean before = step.weights().stream().allMatch(o -> o.quantity().kind() == Quantity.Kind.W_OLD);
            return symbol(step.quantity()) + " = (" + sum(terms) + ") · "
                    + derivativeText(step.activation(), symbol(step.output().quantity()))
                    + (before ? " (weights before the update)" : " (the already-updated weights, as this problem asks)");
        }

        @Override
        public String weightGradient(Step.WeightGradient step) {
            if (step.deltas().size() == 1) {
                return symbol(step.quantity()) + " = " + symbol(step.deltas().get(0).quantity()) + " · "
                        + symbol(step.inputs().get(0).quantity());
            }
            return symbol(step.quantity()) + " = (1/" + step.deltas().size() + ")("
                    + products(step.deltas(), step.inputs()) + "), the mean over the batch";
        }

        private String products(List<Operand> ds, List<Operand> as) {
            List<String> terms = new java.util.ArrayList<>();
            for (int s = 0; s < ds.size(); s++) {
                terms.add(symbol(ds.get(s).quantity()) + "·" + symbol(as.get(s).quantity()));
            }
            return sum(terms);
        }

        @Override
        public String biasGradient(Step.BiasGradient step) {
            if (step.deltas().size() == 1) {
                return symbol(step.quantity()) + " = " + symbol(step.deltas().get(0).quantity());
            }
            List<String> ds = step.deltas().stream().map(o -> symbol(o.quantity())).collect(Collectors.toList());
            return symbol(step.quantity()) + " = (1/" + ds.size() + ")(" + sum(ds) + "), the mean over the batch";
        }

        @Override
        public String update(Step.Update step) {
            String old = symbol(step.old().quantity());
            return "new " + old + " = " + old + " − α·" + symbol(step.gradient().quantity())
                    + " (α = " + Marking.show(step.learningRate().value()) + ")";
        }

        @Override
        public String unchanged(Step.Unchanged step) {
            String old = symbol(step.old().quantity());
            return "new " + old + " = " + old + " (this problem keeps the biases fixed)";
        }
    }
}
