package dev.backprop.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.trace.LayerUpdate;
import dev.backprop.engine.trace.Operand;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.train.Solution;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The worked solution as the contract's {@code POST /api/solve} JSON (losses, first update, network and
 * every step with its formula and substituted operands), written with Jackson's streaming generator.
 * The page benchmarks time the traced solve plus this rendering while no HTML view can be called from
 * here; it writes the same numbers a worked page shows, so its size grows the same way with the network.
 *
 * <pre>{@code
 * String json = JsonPage.render(Solver.solve(problem));
 * }</pre>
 */
public final class JsonPage {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonPage() {
    }

    /** The solution as a JSON string. */
    public static String render(Solution s) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("lossBefore", s.lossBefore());
            g.writeNumberField("lossAfter", s.lossAfter());
            g.writeArrayFieldStart("lossHistory");
            for (double v : s.lossHistory()) {
                g.writeNumber(v);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("firstUpdate");
            g.writeArrayFieldStart("layers");
            for (LayerUpdate u : s.firstUpdate().layers()) {
                g.writeStartObject();
                if (!u.isInput()) {
                    vector(g, "z", u.z());
                }
                vector(g, "a", u.a());
                if (!u.isInput()) {
                    vector(g, "delta", u.delta());
                    matrix(g, "weightGradients", u.weightGradients());
                    vector(g, "biasGradients", u.biasGradients());
                    matrix(g, "weights", u.weights());
                    vector(g, "biases", u.biases());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            network(g, s.network());
            g.writeArrayFieldStart("steps");
            for (Step step : s.firstUpdate().steps()) {
                g.writeStartObject();
                g.writeStringField("quantity", step.quantity().key());
                g.writeNumberField("value", step.value());
                g.writeStringField("formula", step.formula());
                g.writeArrayFieldStart("operands");
                for (Operand o : step.accept(OPERANDS)) {
                    g.writeStartObject();
                    g.writeStringField("quantity", o.key());
                    g.writeNumberField("value", o.value());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void network(JsonGenerator g, Network net) throws IOException {
        g.writeObjectFieldStart("network");
        g.writeArrayFieldStart("layers");
        g.writeStartObject();
        g.writeNumberField("size", net.inputSize());
        g.writeEndObject();
        for (int l = 1; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            g.writeStartObject();
            g.writeNumberField("size", layer.size());
            g.writeStringField("activation", layer.activation().id());
            matrix(g, "weights", layer.weights());
            vector(g, "biases", layer.biases());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void vector(JsonGenerator g, String name, double[] v) throws IOException {
        g.writeArrayFieldStart(name);
        for (double x : v) {
            g.writeNumber(x);
        }
        g.writeEndArray();
    }

    private static void matrix(JsonGenerator g, String name, double[][] m) throws IOException {
        g.writeArrayFieldStart(name);
        for (double[] row : m) {
            g.writeStartArray();
            for (double x : row) {
                g.writeNumber(x);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    // The values substituted into each formula, in the order the formula names them.
    private static final Step.Visitor<List<Operand>> OPERANDS = new Step.Visitor<>() {
        @Override
        public List<Operand> given(Step.Given s) {
            return List.of();
        }

        @Override
        public List<Operand> weightedSum(Step.WeightedSum s) {
            List<Operand> ops = new ArrayList<>(s.weights().size() * 2 + 1);
            for (int i = 0; i < s.weights().size(); i++) {
                ops.add(s.weights().get(i));
                ops.add(s.inputs().get(i));
            }
            ops.add(s.bias());
            return ops;
        }

        @Override
        public List<Operand> activate(Step.Activate s) {
            return List.of(s.z());
        }

        @Override
        public List<Operand> softmax(Step.Softmax s) {
            return s.layer();
        }

        @Override
        public List<Operand> sampleLoss(Step.SampleLoss s) {
            List<Operand> ops = new ArrayList<>(s.outputs());
            ops.addAll(s.targets());
            return ops;
        }

        @Override
        public List<Operand> datasetLoss(Step.DatasetLoss s) {
            return s.sampleLosses();
        }

        @Override
        public List<Operand> outputDelta(Step.OutputDelta s) {
            return List.of(s.output(), s.target());
        }

        @Override
        public List<Operand> hiddenDelta(Step.HiddenDelta s) {
            List<Operand> ops = new ArrayList<>(s.weights().size() * 2 + 1);
            for (int k = 0; k < s.weights().size(); k++) {
                ops.add(s.weights().get(k));
                ops.add(s.nextDeltas().get(k));
            }
            ops.add(s.output());
            return ops;
        }

        @Override
        public List<Operand> weightGradient(Step.WeightGradient s) {
            List<Operand> ops = new ArrayList<>(s.deltas());
            ops.addAll(s.inputs());
            return ops;
        }

        @Override
        public List<Operand> biasGradient(Step.BiasGradient s) {
            return s.deltas();
        }

        @Override
        public List<Operand> update(Step.Update s) {
            return List.of(s.old(), s.learningRate(), s.gradient());
        }

        @Override
        public List<Operand> unchanged(Step.Unchanged s) {
            return List.of(s.old());
        }
    };
}
