package dev.backprop.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.engine.classroom.Exercise;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes a class's exercise (contract §4): a problem (§1) in which any dense layer's
 * {@code weights} and {@code biases}, and {@code samples}, may be left out, and {@code samples}
 * may be a count. What is left out is drawn for each student; {@code samples} left out is one
 * sample drawn. Errors name their field as in a problem ({@code layers[1].activation},
 * {@code samples}); a caller reading the exercise from a larger body puts its own prefix before
 * them ({@code exercise.layers[1].activation}).
 *
 * <pre>{@code
 * Exercise e = ExerciseJson.read("{\"layers\": [{\"size\": 2}, {\"size\": 1,"
 *         + " \"activation\": \"sigmoid\"}], \"learningRate\": 0.5, \"samples\": 1}");
 * }</pre>
 */
public final class ExerciseJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExerciseJson() {
    }

    /**
     * Reads an exercise from JSON text, applying no limits; throws {@link ProblemException} listing
     * every mistake, each naming its field.
     */
    public static Exercise read(String json) {
        return readTree(ProblemJson.parse(json), null);
    }

    /** Reads an exercise from JSON text as a server does: its problem refused beyond {@code limits}. */
    public static Exercise read(String json, Limits limits) {
        return readTree(ProblemJson.parse(json), Objects.requireNonNull(limits, "limits"));
    }

    /** Reads an exercise from a JSON tree with the given limits (null for none). */
    static Exercise readTree(@Nullable JsonNode node, @Nullable Limits limits) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ProblemException.of(ProblemJson.BODY, "is empty; send an exercise: a problem whose weights, biases"
                    + " or samples may be left out to be drawn");
        }
        if (!node.isObject()) {
            throw ProblemException.of(ProblemJson.BODY, "must be a JSON object (an exercise), was " + ProblemJson.describe(node));
        }
        ObjectNode filled = ((ObjectNode) node).deepCopy();
        List<FieldError> errors = new ArrayList<>();
        int[] sizes = sizes(filled.get("layers"));
        boolean[] drawnWeights = new boolean[sizes == null ? 0 : sizes.length];
        boolean[] drawnBiases = new boolean[drawnWeights.length];
        // What is left out is filled with placeholders of the right shape, so that the problem's own
        // reader checks everything else; the placeholders are drawn over for each student.
        if (sizes != null) {
            ArrayNode layers = (ArrayNode) filled.get("layers");
            for (int l = 1; l < sizes.length; l++) {
                ObjectNode layer = (ObjectNode) layers.get(l);
                if (absent(layer.get("weights"))) {
                    drawnWeights[l] = true;
                    ArrayNode w = layer.putArray("weights");
                    for (int j = 0; j < sizes[l]; j++) {
                        w.add(filledRow(sizes[l - 1]));
                    }
                }
                if (absent(layer.get("biases"))) {
                    drawnBiases[l] = true;
                    layer.set("biases", filledRow(sizes[l]));
                }
            }
        }
        int drawnSamples = 0;
        JsonNode samples = filled.get("samples");
        if (absent(samples) || samples.isNumber()) {
            drawnSamples = 1;
            if (!absent(samples)) {
                if (!samples.isIntegralNumber() && !(samples.isNumber() && samples.doubleValue() == Math.rint(samples.doubleValue()))
                        || samples.doubleValue() < 1 || samples.doubleValue() > Exercise.MAX_DRAWN_SAMPLES) {
                    errors.add(new FieldError("samples", "a count of samples to draw is a whole number from 1 to "
                            + Exercise.MAX_DRAWN_SAMPLES + ", was " + samples.asText()));
                } else {
                    drawnSamples = samples.intValue();
                }
            }
            // one placeholder sample stands in while the rest is read; the count is drawn below
            if (sizes != null) {
                ObjectNode s = NODES.objectNode();
                s.set("input", filledRow(sizes[0]));
                ArrayNode target = filledRow(sizes[sizes.length - 1]);
                if ("cross-entropy".equals(filled.path("loss").asText())) {
                    for (int j = 0; j < target.size(); j++) {
                        target.set(j, NODES.numberNode(j == 0 ? 1.0 : 0.0));
                    }
                }
                s.set("target", target);
                filled.putArray("samples").add(s);
            } else {
                filled.remove("samples");
            }
        }
        Problem template;
        try {
            template = ProblemJson.readTree(filled, limits);
        } catch (ProblemException e) {
            for (FieldError f : e.errors()) {
                // with the samples drawn, what the reader says of its stand-in is nobody's mistake
                if (drawnSamples == 0 || !f.field().startsWith("samples")) {
                    errors.add(f);
                }
            }
            throw new ProblemException(errors.isEmpty() ? e.errors() : errors, e.more());
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(errors);
        }
        Exercise exercise = Exercise.of(template);
        for (int l = 1; l < drawnWeights.length; l++) {
            if (drawnWeights[l]) {
                exercise = exercise.drawWeights(l);
            }
            if (drawnBiases[l]) {
                exercise = exercise.drawBiases(l);
            }
        }
        return drawnSamples > 0 ? exercise.drawSamples(drawnSamples) : exercise;
    }

    /**
     * The exercise in the form {@link #read} reads: the template's problem with every drawn part
     * left out, and {@code samples} a count when they are drawn.
     */
    public static ObjectNode write(Exercise exercise) {
        ObjectNode o = ProblemJson.write(exercise.template());
        ArrayNode layers = (ArrayNode) o.get("layers");
        for (int l = 1; l < layers.size(); l++) {
            ObjectNode layer = (ObjectNode) layers.get(l);
            if (exercise.weightsDrawn(l)) {
                layer.remove("weights");
            }
            if (exercise.biasesDrawn(l)) {
                layer.remove("biases");
            }
        }
        if (exercise.samplesDrawn() > 0) {
            o.put("samples", exercise.samplesDrawn());
        }
        return o;
    }

    /** The layer sizes when every layer is an object with a whole size within the limits; otherwise null. */
    private static int @Nullable [] sizes(@Nullable JsonNode layers) {
        if (layers == null || !layers.isArray() || layers.size() < 2 || layers.size() > Limits.MAX_LAYERS) {
            return null;
        }
        int[] sizes = new int[layers.size()];
        long parameters = 0;
        for (int l = 0; l < sizes.length; l++) {
            JsonNode layer = layers.get(l);
            JsonNode size = layer.get("size");
            if (!layer.isObject() || size == null || !size.canConvertToInt() || !size.isIntegralNumber()
                    || size.intValue() < 1 || size.intValue() > Limits.MAX_NEURONS) {
                return null;
            }
            sizes[l] = size.intValue();
            if (l > 0) {
                parameters += (long) sizes[l] * (sizes[l - 1] + 1);
            }
        }
        return parameters <= Limits.MAX_PARAMETERS ? sizes : null;
    }

    private static ArrayNode filledRow(int n) {
        ArrayNode row = NODES.arrayNode(n);
        for (int i = 0; i < n; i++) {
            row.add(0.5);
        }
        return row;
    }

    private static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
