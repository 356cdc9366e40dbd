package dev.backprop.engine.train;

import static dev.backprop.engine.support.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.support.IndependentBackprop;
import dev.backprop.engine.support.ReferenceFile;
import dev.backprop.engine.trace.LayerUpdate;
import dev.backprop.engine.trace.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every published worked example in {@code src/test/resources/reference/}: the expected values to
 * 1e-9 relative, and the published figures to the precision they were printed with.
 */
class ReferenceExamplesTest {
    private static final double RELATIVE = 1e-9;
    private static final double FLOOR = 1e-18;

    static List<String> names() {
        return ReferenceFile.names();
    }

    @Test
    void the_reference_folder_holds_the_three_published_examples() {
        assertTrue(names().containsAll(List.of("mazur-as-published.json", "mazur-one-step.json", "seed-example.json")),
                names().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void expected_values_are_reproduced_to_1e_9_relative(String name) {
        ReferenceFile ref = ReferenceFile.load(name);
        Solution s = Solver.solve(ref.problem());
        JsonNode e = ref.expected();
        List<Executable> checks = new ArrayList<>();

        checks.add(() -> assertClose(e.get("lossBefore").doubleValue(), s.lossBefore(), RELATIVE, FLOOR, "lossBefore"));
        checks.add(() -> assertClose(e.get("lossAfter").doubleValue(), s.lossAfter(), RELATIVE, FLOOR, "lossAfter"));
        JsonNode history = e.get("lossHistory");
        checks.add(() -> assertEquals(history.size(), s.lossHistory().length, "lossHistory length"));
        checks.add(() -> {
            double[] actual = s.lossHistory();
            for (int k = 0; k < history.size(); k++) {
                assertClose(history.get(k).doubleValue(), actual[k], RELATIVE, FLOOR, "lossHistory[" + k + "]");
            }
        });

        JsonNode layers = e.get("firstUpdate").get("layers");
        checks.add(() -> assertEquals(layers.size(), s.firstUpdate().layers().size(), "firstUpdate.layers size"));
        for (int l = 0; l < layers.size(); l++) {
            JsonNode expected = layers.get(l);
            LayerUpdate actual = s.firstUpdate().layers().get(l);
            String at = "firstUpdate.layers[" + l + "].";
            checks.add(() -> vector(expected.get("a"), actual.a(), at + "a"));
            if (l == 0) {
                checks.add(() -> assertTrue(actual.isInput(), at + " is the input layer's record"));
                continue;
            }
            checks.add(() -> vector(expected.get("z"), actual.z(), at + "z"));
            checks.add(() -> vector(expected.get("delta"), actual.delta(), at + "delta"));
            checks.add(() -> matrix(expected.get("weightGradients"), actual.weightGradients(), at + "weightGradients"));
            checks.add(() -> vector(expected.get("biasGradients"), actual.biasGradients(), at + "biasGradients"));
            checks.add(() -> matrix(expected.get("weights"), actual.weights(), at + "weights"));
            checks.add(() -> vector(expected.get("biases"), actual.biases(), at + "biases"));
        }

        JsonNode net = e.get("network").get("layers");
        checks.add(() -> assertEquals(net.get(0).get("size").intValue(), s.network().inputSize(), "network.layers[0].size"));
        checks.add(() -> assertEquals(net.size(), s.network().depth(), "network.layers size"));
        for (int l = 1; l < net.size(); l++) {
            JsonNode expected = net.get(l);
            Layer actual = s.network().layer(l);
            String at = "network.layers[" + l + "].";
            checks.add(() -> assertEquals(expected.get("size").intValue(), actual.size(), at + "size"));
            checks.add(() -> assertEquals(expected.get("activation").textValue(), actual.activation().id(), at + "activation"));
            checks.add(() -> matrix(expected.get("weights"), actual.weights(), at + "weights"));
            checks.add(() -> vector(expected.get("biases"), actual.biases(), at + "biases"));
        }
        assertAll(name, checks);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void published_figures_are_reproduced_to_their_printed_precision(String name) {
        ReferenceFile ref = ReferenceFile.load(name);
        Solution s = Solver.solve(ref.problem());
        List<Executable> checks = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> published = ref.published().fields();
        assertTrue(published.hasNext(), name + " publishes no figures");
        while (published.hasNext()) {
            Map.Entry<String, JsonNode> entry = published.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.equals("outputsAfter")) {
                // The trained network's outputs for the (single) sample, by an independent forward pass.
                double[] out = IndependentBackprop.outputs(s.network(), ref.problem().samples().get(0).input());
                for (int j = 0; j < value.size(); j++) {
                    int jj = j;
                    checks.add(() -> printed(value.get(jj).decimalValue(), out[jj], "outputsAfter[" + jj + "]"));
                }
            } else if (name.equals("seed-example.json") && key.equals("delta[1][0]")) {
                checks.add(() -> truncated(value.decimalValue(), computed(s, key), key));
            } else if (name.equals("seed-example.json") && key.equals("dW[1][0][0]")) {
                BigDecimal delta = ref.published().get("delta[1][0]").decimalValue();
                BigDecimal x = BigDecimal.valueOf(ref.problem().samples().get(0).input(0));
                checks.add(() -> assertEquals(0, delta.multiply(x).compareTo(value.decimalValue()),
                        key + " is the published (truncated) delta[1][0] × a[0][0]"));
            } else {
                checks.add(() -> printed(value.decimalValue(), computed(s, key), key));
            }
        }
        assertAll(name, checks);
    }

    /**
     * The seed rounds as it goes, and not quite by the rules: its δ_h1 = −0.00101 is the exact
     * −0.00101598 cut off after five decimals (rounding would give −0.00102), and its
     * ∂L/∂W11 = −0.0000505 is that cut-off δ times X1 = 0.05, not the exact −0.000050799.
     */
    @Test
    void the_seed_truncates_delta_h1_and_carries_the_truncated_value_into_dw11() {
        ReferenceFile seed = ReferenceFile.load("seed-example.json");
        Solution s = Solver.solve(seed.problem());
        double delta = s.firstUpdate().layers().get(1).delta()[0];
        double dW11 = s.firstUpdate().layers().get(1).weightGradients()[0][0];

        assertEquals(-0.00101598, delta, 1e-12, "the exact δ_h1 = (0.40 · −0.0105) · 0.59 · 0.41");
        BigDecimal exact = new BigDecimal("-0.00101598");
        assertEquals(new BigDecimal("-0.00101"), exact.setScale(5, RoundingMode.DOWN), "cut off after 5 decimals");
        assertEquals(new BigDecimal("-0.00102"), exact.setScale(5, RoundingMode.HALF_UP), "rounded, it would read −0.00102");
        assertNotEquals(0, new BigDecimal("-0.00101").compareTo(exact.setScale(5, RoundingMode.HALF_UP)));

        assertEquals(new BigDecimal("-0.0000505"), new BigDecimal("-0.00101").multiply(new BigDecimal("0.05")).stripTrailingZeros()
                .setScale(7, RoundingMode.UNNECESSARY), "−0.00101 × 0.05");
        assertEquals(-0.000050799, dW11, 1e-15, "the exact ∂L/∂W11 = δ_h1 · X1");
        assertFalse(Math.abs(dW11 - -0.0000505) <= 0.5e-7, "the published −0.0000505 is not the exact gradient rounded");
    }

    /** The computed value of a published key: a contract quantity key, lossBefore, lossAfter or lossAfterFirstStep. */
    private static double computed(Solution s, String key) {
        switch (key) {
            case "lossBefore":
                return s.lossBefore();
            case "lossAfter":
                return s.lossAfter();
            case "lossAfterFirstStep": {
                double traced = s.firstUpdate().step("lossAfter").orElseThrow().value();
                assertEquals(traced, s.lossHistory()[0], "the traced lossAfter is the first epoch's loss (one sample)");
                return traced;
            }
            default:
                break;
        }
        Quantity q = Quantity.parse(key).orElseThrow(() -> new AssertionError("unknown published key " + key));
        if (q.kind() == Quantity.Kind.LOSS) {
            return s.firstUpdate().step(key).orElseThrow().value();
        }
        LayerUpdate u = s.firstUpdate().layers().get(q.layer());
        double value;
        switch (q.kind()) {
            case Z:
                value = u.z()[q.row()];
                break;
            case A:
                value = u.a()[q.row()];
                break;
            case DELTA:
                value = u.delta()[q.row()];
                break;
            case DW:
                value = u.weightGradients()[q.row()][q.col()];
                break;
            case DB:
                value = u.biasGradients()[q.row()];
                break;
            case W:
                value = u.weights()[q.row()][q.col()];
                break;
            case B:
                value = u.biases()[q.row()];
                break;
            default:
                throw new AssertionError("unknown published key " + key);
        }
        // The trace's step for the key says the same as the contract's firstUpdate.layers.
        assertEquals(value, s.firstUpdate().step(key).orElseThrow().value(), "step " + key);
        return value;
    }

    /** |x − p| ≤ ½·10^−k, k the number of decimals p was printed with. */
    private static void printed(BigDecimal published, double x, String what) {
        int k = published.scale();
        BigDecimal half = BigDecimal.valueOf(5, k + 1);
        BigDecimal diff = new BigDecimal(x).subtract(published).abs();
        if (diff.compareTo(half) > 0) {
            fail(what + ": published " + published.toPlainString() + " (" + k + " decimals) but computed " + x
                    + ", which rounds to " + new BigDecimal(x).setScale(k, RoundingMode.HALF_UP).toPlainString());
        }
    }

    /** The published figure is the computed value cut off (towards zero) after its printed decimals. */
    private static void truncated(BigDecimal published, double x, String what) {
        assertEquals(published, new BigDecimal(x).setScale(published.scale(), RoundingMode.DOWN), what + " truncated");
    }

    private static void vector(JsonNode expected, double[] actual, String what) {
        assertEquals(expected.size(), actual.length, what + " length");
        for (int j = 0; j < actual.length; j++) {
            assertClose(expected.get(j).doubleValue(), actual[j], RELATIVE, FLOOR, what + "[" + j + "]");
        }
    }

    private static void matrix(JsonNode expected, double[][] actual, String what) {
        assertEquals(expected.size(), actual.length, what + " rows");
        for (int j = 0; j < actual.length; j++) {
            vector(expected.get(j), actual[j], what + "[" + j + "]");
        }
    }
}
