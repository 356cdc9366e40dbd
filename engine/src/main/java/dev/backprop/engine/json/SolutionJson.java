package dev.backprop.engine.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.engine.trace.LayerUpdate;
import dev.backprop.engine.trace.Operand;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.trace.Trace;
import dev.backprop.engine.train.Solution;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a solution in the answer form of {@code POST /api/solve} (contract §2): the losses, the
 * first update layer by layer, the trained network and the worked steps.
 *
 * <p>Every step is {@code {"quantity", "value", "formula", "operands": [{"quantity", "value"}, …]}}:
 * the operands are the values substituted into the formula, in this order, and some kinds add
 * fields of their own:
 * <ul>
 *   <li>{@code weighted-sum} (z = Σ W·a + b): W₀, a₀, W₁, a₁, …, b;</li>
 *   <li>{@code activation} (a = f(z)): z; adds {@code activation};</li>
 *   <li>{@code softmax} (a = e^z / Σ e^z): this neuron's z, then every z of the layer; adds {@code activation};</li>
 *   <li>{@code sample-loss}: y₀, a₀, y₁, a₁, …; adds {@code loss};</li>
 *   <li>{@code mean-loss}: each sample's loss;</li>
 *   <li>{@code output-delta} (δ = ∂L/∂a · f'): a, y; adds {@code loss}, {@code activation},
 *       {@code outputCount} (n), {@code lossGradient} (∂L/∂a, or a − y for the cross-entropies) and
 *       {@code activationDerivative};</li>
 *   <li>{@code hidden-delta} (δ = Σ W·δ · f'): W₀, δ₀, W₁, δ₁, …, a; adds {@code activation},
 *       {@code weightedError} (Σ W·δ) and {@code activationDerivative};</li>
 *   <li>{@code weight-gradient} ((1/m) Σ δ·a): δ, a for each of the batch's m samples; adds {@code batch} (m);</li>
 *   <li>{@code bias-gradient} ((1/m) Σ δ): δ for each sample; adds {@code batch};</li>
 *   <li>{@code gradient-descent-update} (θ − α·x): θ, α, x (∂L/∂θ; g with weight decay; the momentum buffer);</li>
 *   <li>{@code unchanged}: θ;</li>
 *   <li>{@code given}: none;</li>
 *   <li>{@code weight-decay} (g = ∂L/∂θ + λ·θ): ∂L/∂θ, λ, θ;</li>
 *   <li>{@code momentum-buffer} (b = μ·b + g, or b = g on the first step): b before (not on the first step), μ, g;</li>
 *   <li>{@code moving-average} (β·m + (1 − β)·g) and {@code moving-average-of-squares} (β·v + (1 − β)·g²):
 *       the average before (not on the first step, where it is 0), β, g;</li>
 *   <li>{@code bias-correction} (m / (1 − βᵗ)): m, β; adds {@code step} (t) and {@code correction} (1 − βᵗ);</li>
 *   <li>{@code nesterov-update} (θ − α·(g + μ·b)): θ, α, g, μ, b; adds {@code direction} (g + μ·b);</li>
 *   <li>{@code adaptive-update} (θ − α·x / (√y + ε)): θ, α, x (g or m̂), y (s or v̂), ε; adds {@code root} (√y).</li>
 * </ul>
 * No number is ever written as NaN or Infinity (the solver refuses such training; should one slip
 * through it is written as null).
 */
public final class SolutionJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SolutionJson() {
    }

    /** The solution in contract §2 form. */
    public static ObjectNode write(Solution solution) {
        ObjectNode o = NODES.objectNode();
        o.set("lossBefore", ProblemJson.number(solution.lossBefore()));
        o.set("lossAfter", ProblemJson.number(solution.lossAfter()));
        o.set("lossHistory", ProblemJson.numbers(solution.lossHistory()));
        Trace trace = solution.firstUpdate();
        o.putObject("firstUpdate").set("layers", layers(trace.layers()));
        o.putObject("network").set("layers", ProblemJson.layers(solution.network()));
        o.set("steps", steps(trace.steps()));
        return o;
    }

    /** The solution as compact JSON text. */
    public static String toJson(Solution solution) {
        try {
            return ProblemJson.mapper().writeValueAsString(write(solution));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first update's layers: {@code {"a"}} for the input layer, all seven arrays for the others. */
    public static ArrayNode layers(List<LayerUpdate> layers) {
        ArrayNode a = NODES.arrayNode(layers.size());
        for (LayerUpdate u : layers) {
            ObjectNode lo = a.addObject();
            if (u.isInput()) {
                lo.set("a", ProblemJson.numbers(u.a()));
                continue;
            }
            lo.set("z", ProblemJson.numbers(u.z()));
            lo.set("a", ProblemJson.numbers(u.a()));
            lo.set("delta", ProblemJson.numbers(u.delta()));
            lo.set("weightGradients", ProblemJson.matrix(u.weightGradients()));
            lo.set("biasGradients", ProblemJson.numbers(u.biasGradients()));
            lo.set("weights", ProblemJson.matrix(u.weights()));
            lo.set("biases", ProblemJson.numbers(u.biases()));
        }
        return a;
    }

    /** The worked steps, in order. */
    public static ArrayNode steps(List<Step> steps) {
        ArrayNode a = NODES.arrayNode(steps.size());
        StepWriter writer = new StepWriter();
        for (Step s : steps) {
            a.add(s.accept(writer));
        }
        return a;
    }

    /** One step as JSON. */
    public static ObjectNode step(Step step) {
        return step.accept(new StepWriter());
    }

    private static ObjectNode operand(Operand op) {
        ObjectNode o = NODES.objectNode();
        o.put("quantity", op.key());
        o.set("value", ProblemJson.number(op.value()));
        return o;
    }

    private static ArrayNode operands(List<Operand> ops) {
        ArrayNode a = NODES.arrayNode(ops.size());
        for (Operand op : ops) {
            a.add(operand(op));
        }
        return a;
    }

    /** Writes each kind of step; the operand list follows the formula's order of substitution. */
    private static final class StepWriter implements Step.Visitor<ObjectNode> {

        private static ObjectNode base(Step s, ArrayNode operands) {
            ObjectNode o = NODES.objectNode();
            o.put("quantity", s.quantity().key());
            o.set("value", ProblemJson.number(s.value()));
            o.put("formula", s.formula());
            o.set("operands", operands);
            return o;
        }

        /** Operands taken pairwise from two lists: x₀, y₀, x₁, y₁, … (Σ x·y). */
        private static ArrayNode interleaved(List<Operand> xs, List<Operand> ys) {
            ArrayNode a = NODES.arrayNode(xs.size() + ys.size());
            int n = Math.max(xs.size(), ys.size());
            for (int k = 0; k < n; k++) {
                if (k < xs.size()) {
                    a.add(operand(xs.get(k)));
                }
                if (k < ys.size()) {
                    a.add(operand(ys.get(k)));
                }
            }
            return a;
        }

        @Override
        public ObjectNode given(Step.Given step) {
            return base(step, NODES.arrayNode());
        }

        @Override
        public ObjectNode weightedSum(Step.WeightedSum step) {
            ArrayNode ops = interleaved(step.weights(), step.inputs());
            ops.add(operand(step.bias()));
            ObjectNode o = base(step, ops);
            return o;
        }

        @Override
        public ObjectNode activate(Step.Activate step) {
            ObjectNode o = base(step, NODES.arrayNode().add(operand(step.z())));
            o.put("activation", step.activation().id());
            return o;
        }

        @Override
        public ObjectNode softmax(Step.Softmax step) {
            ArrayNode ops = NODES.arrayNode().add(operand(step.z()));
            ops.addAll(operands(step.layer()));
            ObjectNode o = base(step, ops);
            o.put("activation", "softmax");
            return o;
        }

        @Override
        public ObjectNode sampleLoss(Step.SampleLoss step) {
            ObjectNode o = base(step, interleaved(step.targets(), step.outputs()));
            o.put("loss", step.loss().id());
            return o;
        }

        @Override
        public ObjectNode datasetLoss(Step.DatasetLoss step) {
            ObjectNode o = base(step, operands(step.sampleLosses()));
            return o;
        }

        @Override
        public ObjectNode outputDelta(Step.OutputDelta step) {
            ObjectNode o = base(step, NODES.arrayNode().add(operand(step.output())).add(operand(step.target())));
            o.put("loss", step.loss().id());
            o.put("activation", step.activation().id());
            o.put("outputCount", step.outputs());
            o.set("lossGradient", ProblemJson.number(step.lossGradient()));
            o.set("activationDerivative", ProblemJson.number(step.activationDerivative()));
            return o;
        }

        @Override
        public ObjectNode hiddenDelta(Step.HiddenDelta step) {
            ArrayNode ops = interleaved(step.weights(), step.nextDeltas());
            ops.add(operand(step.output()));
            ObjectNode o = base(step, ops);
            o.put("activation", step.activation().id());
            o.set("weightedError", ProblemJson.number(step.weightedError()));
            o.set("activationDerivative", ProblemJson.number(step.activationDerivative()));
            return o;
        }

        @Override
        public ObjectNode weightGradient(Step.WeightGradient step) {
            ObjectNode o = base(step, interleaved(step.deltas(), step.inputs()));
            o.put("batch", step.deltas().size());
            return o;
        }

        @Override
        public ObjectNode biasGradient(Step.BiasGradient step) {
            ObjectNode o = base(step, operands(step.deltas()));
            o.put("batch", step.deltas().size());
            return o;
        }

        @Override
        public ObjectNode update(Step.Update step) {
            ObjectNode o = base(step, NODES.arrayNode().add(operand(step.old())).add(operand(step.learningRate()))
                    .add(operand(step.gradient())));
            return o;
        }

        @Override
        public ObjectNode unchanged(Step.Unchanged step) {
            ObjectNode o = base(step, NODES.arrayNode().add(operand(step.old())));
            return o;
        }

        @Override
        public ObjectNode decay(Step.Decay step) {
            return base(step, NODES.arrayNode().add(operand(step.gradient())).add(operand(step.decay()))
                    .add(operand(step.parameter())));
        }

        @Override
        public ObjectNode momentumBuffer(Step.MomentumBuffer step) {
            ArrayNode ops = NODES.arrayNode();
            if (step.previous() != null) {
                ops.add(operand(step.previous()));
            }
            return base(step, ops.add(operand(step.momentum())).add(operand(step.gradient())));
        }

        @Override
        public ObjectNode movingAverage(Step.MovingAverage step) {
            ArrayNode ops = NODES.arrayNode();
            if (step.previous() != null) {
                ops.add(operand(step.previous()));
            }
            return base(step, ops.add(operand(step.rate())).add(operand(step.gradient())));
        }

        @Override
        public ObjectNode biasCorrection(Step.BiasCorrection step) {
            ObjectNode o = base(step, NODES.arrayNode().add(operand(step.moment())).add(operand(step.rate())));
            o.put("step", step.step());
            o.set("correction", ProblemJson.number(step.correction()));
            return o;
        }

        @Override
        public ObjectNode nesterovUpdate(Step.NesterovUpdate step) {
            ObjectNode o = base(step, NODES.arrayNode().add(operand(step.old())).add(operand(step.learningRate()))
                    .add(operand(step.gradient())).add(operand(step.momentum())).add(operand(step.buffer())));
            o.set("direction", ProblemJson.number(step.direction()));
            return o;
        }

        @Override
        public ObjectNode adaptiveUpdate(Step.AdaptiveUpdate step) {
            ObjectNode o = base(step, NODES.arrayNode().add(operand(step.old())).add(operand(step.learningRate()))
                    .add(operand(step.numerator())).add(operand(step.average())).add(operand(step.epsilon())));
            o.set("root", ProblemJson.number(step.root()));
            return o;
        }
    }
}
