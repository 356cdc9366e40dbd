package dev.backprop.engine.check;

import dev.backprop.engine.trace.Operand;
import dev.backprop.engine.trace.Step;
import java.util.ArrayList;
import java.util.List;

/** The operands of a step, in the order its formula reads them (W₀, a₀, W₁, a₁, …, b for a weighted sum). */
final class Steps {
    private Steps() {
    }

    /** The step's operands, in formula order. */
    static List<Operand> operands(Step s) {
        return s.accept(OPERANDS);
    }

    private static List<Operand> interleave(List<Operand> a, List<Operand> b) {
        List<Operand> out = new ArrayList<>(a.size() + b.size());
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                out.add(a.get(i));
            }
            if (i < b.size()) {
                out.add(b.get(i));
            }
        }
        return out;
    }

    private static final Step.Visitor<List<Operand>> OPERANDS = new Step.Visitor<>() {
        @Override
        public List<Operand> given(Step.Given step) {
            return List.of();
        }

        @Override
        public List<Operand> weightedSum(Step.WeightedSum step) {
            List<Operand> out = interleave(step.weights(), step.inputs());
            out.add(step.bias());
            return out;
        }

        @Override
        public List<Operand> activate(Step.Activate step) {
            return List.of(step.z());
        }

        @Override
        public List<Operand> softmax(Step.Softmax step) {
            return step.layer();
        }

        @Override
        public List<Operand> sampleLoss(Step.SampleLoss step) {
            return interleave(step.outputs(), step.targets());
        }

        @Override
        public List<Operand> datasetLoss(Step.DatasetLoss step) {
            return step.sampleLosses();
        }

        @Override
        public List<Operand> outputDelta(Step.OutputDelta step) {
            return List.of(step.output(), step.target());
        }

        @Override
        public List<Operand> hiddenDelta(Step.HiddenDelta step) {
            List<Operand> out = interleave(step.weights(), step.nextDeltas());
            out.add(step.output());
            return out;
        }

        @Override
        public List<Operand> weightGradient(Step.WeightGradient step) {
            return interleave(step.deltas(), step.inputs());
        }

        @Override
        public List<Operand> biasGradient(Step.BiasGradient step) {
            return step.deltas();
        }

        @Override
        public List<Operand> update(Step.Update step) {
            return List.of(step.old(), step.learningRate(), step.gradient());
        }

        @Override
        public List<Operand> unchanged(Step.Unchanged step) {
            return List.of(step.old());
        }

        @Override
        public List<Operand> decay(Step.Decay step) {
            return List.of(step.gradient(), step.decay(), step.parameter());
        }

        @Override
        public List<Operand> momentumBuffer(Step.MomentumBuffer step) {
            return step.previous() == null ? List.of(step.momentum(), step.gradient())
                    : List.of(step.previous(), step.momentum(), step.gradient());
        }

        @Override
        public List<Operand> movingAverage(Step.MovingAverage step) {
            return step.previous() == null ? List.of(step.rate(), step.gradient())
                    : List.of(step.previous(), step.rate(), step.gradient());
        }

        @Override
        public List<Operand> biasCorrection(Step.BiasCorrection step) {
            return List.of(step.moment(), step.rate());
        }

        @Override
        public List<Operand> nesterovUpdate(Step.NesterovUpdate step) {
            return List.of(step.old(), step.learningRate(), step.gradient(), step.momentum(), step.buffer());
        }

        @Override
        public List<Operand> adaptiveUpdate(Step.AdaptiveUpdate step) {
            return List.of(step.old(), step.learningRate(), step.numerator(), step.average(), step.epsilon());
        }
    };
}
