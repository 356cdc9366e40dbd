package dev.backprop.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SolutionJsonTest {

    static ObjectNode solve(String json) {
        return SolutionJson.write(Solver.solve(ProblemJson.read(json)));
    }

    static ObjectNode solveReference(String file) {
        return SolutionJson.write(Solver.solve(ProblemJson.readTree(ProblemJsonTest.referenceProblem(file), null)));
    }

    /** Asserts that every number of {@code expected} is in {@code actual} at the same place, to 1e-9 relative. */
    static void assertMatches(JsonNode expected, JsonNode actual, String path) {
        if (expected.isNumber()) {
            assertTrue(actual.isNumber(), path + " should be a number, was " + actual);
            double e = expected.doubleValue();
            double a = actual.doubleValue();
            assertTrue(Math.abs(a - e) <= 1e-9 * Math.max(Math.abs(e), 1e-300) || a == e,
                    path + ": expected " + e + ", was " + a);
        } else if (expected.isArray()) {
            assertTrue(actual.isArray(), path + " should be a list, was " + actual);
            assertEquals(expected.size(), actual.size(), path + " length");
            for (int k = 0; k < expected.size(); k++) {
                assertMatches(expected.get(k), actual.get(k), path + "[" + k + "]");
            }
        } else if (expected.isObject()) {
            assertTrue(actual.isObject(), path + " should be an object, was " + actual);
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode a = actual.get(f.getKey());
                if (a == null) {
                    fail(path + "." + f.getKey() + " is missing");
                }
                assertMatches(f.getValue(), a, path + "." + f.getKey());
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.backprop.engine.json.ProblemJsonTest#referenceFiles")
    void writes_each_reference_solution_as_the_reference_file_expects(String file) {
        JsonNode expected = ProblemJson.parse(ProblemJsonTest.resource(file)).get("expected");
        ObjectNode actual = solveReference(file);
        assertMatches(expected, actual, "");
    }

    @Test
    void writes_mazurs_published_figures_among_the_steps() {
        ObjectNode o = solveReference("mazur-one-step.json");
        Map<String, JsonNode> steps = byQuantity(o);
        assertEquals(0.75136507, steps.get("a[2][0]").get("value").doubleValue(), 5e-9);
        assertEquals(0.35891648, steps.get("W[2][0][0]").get("value").doubleValue(), 5e-9);
        assertEquals(0.149780716, steps.get("W[1][0][0]").get("value").doubleValue(), 5e-10);
        assertEquals(0.298371109, o.get("lossBefore").doubleValue(), 5e-10);
    }

    static Map<String, JsonNode> byQuantity(JsonNode solution) {
        Map<String, JsonNode> m = new HashMap<>();
        for (JsonNode s : solution.get("steps")) {
            m.put(s.get("quantity").textValue(), s);
        }
        return m;
    }

    @Test
    void gives_the_input_layer_its_activations_only() {
        JsonNode input = solveReference("mazur-one-step.json").get("firstUpdate").get("layers").get(0);
        assertEquals(1, input.size());
        assertEquals(0.05, input.get("a").get(0).doubleValue());
    }

    @Test
    void writes_the_trained_network_in_the_problems_layer_form() {
        ObjectNode o = solveReference("mazur-one-step.json");
        ObjectNode problem = ProblemJson.write(ProblemJson.readTree(ProblemJsonTest.referenceProblem("mazur-one-step.json"), null));
        problem.set("layers", o.get("network").get("layers"));
        Network trained = ProblemJson.readTree(problem, null).network();
        assertEquals(0.35891648, trained.layer(2).weight(0, 0), 5e-9);
        assertEquals(0.35, trained.layer(1).bias(0), "Mazur keeps the biases fixed");
    }

    @Test
    void substituting_the_operands_of_each_step_gives_its_value() {
        ObjectNode o = solveReference("mazur-one-step.json");
        double alpha = 0.5;
        int checked = 0;
        for (JsonNode s : o.get("steps")) {
            double value = s.get("value").doubleValue();
            JsonNode ops = s.get("operands");
            switch (s.get("formula").textValue()) {
                case "weighted-sum": {
                    // z = Σ W·a + b: operands are W₀, a₀, W₁, a₁, …, b
                    double z = ops.get(ops.size() - 1).get("value").doubleValue();
                    for (int k = 0; k + 1 < ops.size(); k += 2) {
                        z += ops.get(k).get("value").doubleValue() * ops.get(k + 1).get("value").doubleValue();
                    }
                    assertEquals(z, value, 1e-15, s.toString());
                    checked++;
                    break;
                }
                case "activation": {
                    double z = ops.get(0).get("value").doubleValue();
                    assertEquals(1 / (1 + Math.exp(-z)), value, 1e-15, s.toString());
                    checked++;
                    break;
                }
                case "gradient-descent-update": {
                    double expected = ops.get(0).get("value").doubleValue() - ops.get(1).get("value").doubleValue()
                            * ops.get(2).get("value").doubleValue();
                    assertEquals(alpha, ops.get(1).get("value").doubleValue());
                    assertEquals(expected, value, 1e-15, s.toString());
                    checked++;
                    break;
                }
                case "weight-gradient": {
                    assertEquals(ops.get(0).get("value").doubleValue() * ops.get(1).get("value").doubleValue(), value,
                            1e-15, s.toString());
                    assertTrue(ops.get(0).get("quantity").textValue().startsWith("delta["), s.toString());
                    checked++;
                    break;
                }
                case "hidden-delta": {
                    double sum = 0;
                    for (int k = 0; k + 1 < ops.size(); k += 2) {
                        sum += ops.get(k).get("value").doubleValue() * ops.get(k + 1).get("value").doubleValue();
                    }
                    double a = ops.get(ops.size() - 1).get("value").doubleValue();
                    assertEquals(sum, s.get("weightedError").doubleValue(), 1e-15, s.toString());
                    assertEquals(sum * a * (1 - a), value, 1e-15, s.toString());
                    checked++;
                    break;
                }
                case "output-delta": {
                    double a = ops.get(0).get("value").doubleValue();
                    double y = ops.get(1).get("value").doubleValue();
                    assertEquals(a - y, s.get("lossGradient").doubleValue(), 1e-15, s.toString());
                    assertEquals(a * (1 - a), s.get("activationDerivative").doubleValue(), 1e-15, s.toString());
                    assertEquals((a - y) * a * (1 - a), value, 1e-15, s.toString());
                    checked++;
                    break;
                }
                default:
                    break;
            }
        }
        // 4 z, 4 a, 2 output δ, 2 hidden δ, 8 dW, 8 W
        assertEquals(28, checked);
    }

    @Test
    void writes_every_kind_of_step_with_its_fields() {
        // softmax + cross-entropy, a batch of two (mean-loss, batch gradients), frozen biases (unchanged),
        // and a given value, across two problems.
        ObjectNode batch = solve("""
                {"layers": [{"size": 2},
                  {"size": 2, "activation": "tanh", "weights": [[0.1, 0.2], [0.3, -0.4]], "biases": [0, 0.1]},
                  {"size": 2, "activation": "softmax", "weights": [[0.5, -0.6], [0.7, 0.8]], "biases": [0.2, -0.2]}],
                 "loss": "cross-entropy", "learningRate": 0.1, "batchSize": 2, "updateBiases": false,
                 "samples": [{"input": [1, 2], "target": [1, 0]}, {"input": [-1, 0.5], "target": [0, 1]}]}""");
        ObjectNode given = solveReference("seed-example.json");
        Set<String> formulas = new HashSet<>();
        for (ObjectNode o : List.of(batch, given)) {
            for (JsonNode s : o.get("steps")) {
                String formula = s.get("formula").textValue();
                formulas.add(formula);
                assertTrue(s.get("quantity").isTextual(), s.toString());
                assertTrue(s.get("value").isNumber(), s.toString());
                assertTrue(s.get("operands").isArray(), s.toString());
                for (JsonNode op : s.get("operands")) {
                    assertEquals(2, op.size(), op.toString());
                    assertTrue(op.get("quantity").isTextual() && op.get("value").isNumber(), op.toString());
                }
                for (String field : fieldsOf(formula)) {
                    assertTrue(s.has(field), formula + " lacks " + field + ": " + s);
                }
            }
        }
        assertEquals(Set.of("given", "weighted-sum", "activation", "softmax", "sample-loss", "mean-loss", "output-delta",
                "hidden-delta", "weight-gradient", "bias-gradient", "gradient-descent-update", "unchanged"), formulas);
        JsonNode dW = byQuantity(batch).get("dW[2][0][1]");
        assertEquals(2, dW.get("batch").intValue());
        assertEquals(4, dW.get("operands").size(), "two samples' δ and a");
        assertEquals("delta[2][0]@1", dW.get("operands").get(2).get("quantity").textValue());
        assertEquals("a[1][1]@1", dW.get("operands").get(3).get("quantity").textValue());
    }

    static List<String> fieldsOf(String formula) {
        switch (formula) {
            case "activation": return List.of("activation");
            case "softmax": return List.of("activation");
            case "sample-loss": return List.of("loss");
            case "output-delta": return List.of("loss", "activation", "outputCount", "lossGradient", "activationDerivative");
            case "hidden-delta": return List.of("activation", "weightedError", "activationDerivative");
            case "weight-gradient": return List.of("batch");
            case "bias-gradient": return List.of("batch");
            case "weighted-sum": case "mean-loss": case "gradient-descent-update": case "unchanged": case "given":
                return List.of();
            default: throw new AssertionError("unknown formula " + formula);
        }
    }

    @Test
    void never_writes_nan_or_infinity() {
        assertTrue(ProblemJson.number(Double.NaN).isNull());
        assertTrue(ProblemJson.number(Double.POSITIVE_INFINITY).isNull());
        Problem p = ProblemJson.readTree(ProblemJsonTest.referenceProblem("mazur-one-step.json"), null);
        Solution s = Solver.solve(p);
        String text = SolutionJson.toJson(s);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
    }
}
