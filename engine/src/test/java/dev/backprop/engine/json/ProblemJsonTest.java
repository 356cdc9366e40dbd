package dev.backprop.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.trace.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProblemJsonTest {

    /** Mazur's network and sample, written by hand in the contract's form; {@code %s} takes extra fields. */
    static final String MAZUR = """
            {"layers": [
               {"size": 2},
               {"size": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35]},
               {"size": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60]}
             ],
             "learningRate": 0.5,
             "samples": [{"input": [0.05, 0.10], "target": [0.01, 0.99]}]%s}
            """;

    static String mazur(String extra) {
        return String.format(MAZUR, extra.isEmpty() ? "" : ", " + extra);
    }

    static String resource(String name) {
        try (InputStream in = ProblemJsonTest.class.getResourceAsStream("/reference/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The names of every file in the reference folder, so that a new published example is read too. */
    static Stream<String> referenceFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(ProblemJsonTest.class.getResource("/reference").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .collect(Collectors.toList());
            assertTrue(names.size() >= 3, names::toString);
            return names.stream();
        }
    }

    static JsonNode referenceProblem(String name) {
        return ProblemJson.parse(resource(name)).get("problem");
    }

    /** The errors the server's reader (with its {@link Limits}) refuses the text with. */
    static List<FieldError> errors(String json) {
        ProblemException e = assertThrows(ProblemException.class, () -> ProblemJson.read(json, Limits.SERVER));
        return e.errors();
    }

    static FieldError only(String json) {
        List<FieldError> errors = errors(json);
        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        return errors.get(0);
    }

    static void assertError(String field, String message, String json) {
        FieldError e = only(json);
        assertEquals(field, e.field(), () -> "field of " + e);
        assertEquals(message, e.message(), () -> "message of " + e);
    }

    static void assertHasError(String field, String messagePart, List<FieldError> errors) {
        assertTrue(errors.stream().anyMatch(e -> e.field().equals(field) && e.message().contains(messagePart)),
                () -> "no error at " + field + " containing \"" + messagePart + "\" in " + errors);
    }

    // ---- reading what is right ----

    @Test
    void reads_mazur_with_the_contract_defaults() {
        Problem p = ProblemJson.read(mazur(""));
        Network net = p.network();
        assertEquals(3, net.depth());
        assertEquals(2, net.inputSize());
        assertEquals(0.20, net.layer(1).weight(0, 1));
        assertEquals(0.50, net.layer(2).weight(1, 0));
        assertEquals(0.60, net.layer(2).bias(1));
        assertEquals(Activation.SIGMOID, net.layer(2).activation());
        assertEquals(Loss.HALF_SQUARED_ERROR, p.loss());
        assertEquals(0.5, p.learningRate());
        assertEquals(1, p.epochs());
        assertEquals(1, p.batchSize());
        assertTrue(p.updateBiases());
        assertEquals(HiddenDeltaWeights.ORIGINAL, p.hiddenDeltaWeights());
        assertNull(p.rounding());
        assertTrue(p.given().isEmpty());
        assertEquals(0.99, p.samples().get(0).target(1));
    }

    @Test
    void reads_every_optional_field() {
        Problem p = ProblemJson.read(mazur("\"loss\": \"squared-error\", \"epochs\": 3, \"batchSize\": 2,"
                + " \"updateBiases\": false, \"hiddenDeltaWeights\": \"original\", \"rounding\": {\"significant\": 3}"));
        assertEquals(Loss.SQUARED_ERROR, p.loss());
        assertEquals(3, p.epochs());
        assertEquals(2, p.batchSize());
        assertFalse(p.updateBiases());
        assertEquals(HiddenDeltaWeights.ORIGINAL, p.hiddenDeltaWeights());
        assertEquals(Rounding.significant(3), p.rounding());
    }

    @Test
    void reads_the_seed_examples_given_values() {
        Problem p = ProblemJson.readTree(referenceProblem("seed-example.json"), null);
        assertEquals(0.59, p.given().get(Quantity.a(1, 0)));
        assertEquals(0.6, p.given().get(Quantity.a(1, 1)));
        assertEquals(0.7, p.given().get(Quantity.a(2, 0)));
        assertEquals(0.75, p.samples().get(0).target(0));
        assertEquals(1, p.network().output().size());
    }

    @ParameterizedTest
    @MethodSource("referenceFiles")
    void reads_each_reference_problem_and_writes_it_back_equal(String file) {
        Problem p = ProblemJson.readTree(referenceProblem(file), null);
        assertEquals(p, ProblemJson.read(ProblemJson.toJson(p)));
    }

    @Test
    void reads_mazur_as_published_with_its_conventions() {
        Problem p = ProblemJson.readTree(referenceProblem("mazur-as-published.json"), null);
        assertEquals(10_000, p.epochs());
        assertFalse(p.updateBiases());
        assertEquals(HiddenDeltaWeights.UPDATED, p.hiddenDeltaWeights());
    }

    @Test
    void round_trips_a_problem_using_every_field() {
        Problem p = Problem.builder()
                .network(Network.builder().input(3)
                        .dense(Activation.TANH, new double[][] {{0.1, -0.2, 0.3}, {1e-7, 2.5, -3}}, 0.5, -0.25)
                        .dense(Activation.SOFTMAX, new double[][] {{1, 2}, {3, 4}, {-5, 6.125}}, 0, 0.1, 0.2)
                        .build())
                .loss(Loss.CROSS_ENTROPY)
                .learningRate(0.01)
                .sample(new double[] {1, 2, 3}, new double[] {0, 1, 0})
                .sample(new double[] {-1, 0.5, 1e-3}, new double[] {0.2, 0.3, 0.5})
                .epochs(7)
                .batchSize(2)
                .updateBiases(false)
                .rounding(Rounding.decimals(4))
                .build();
        String json = ProblemJson.toJson(p);
        assertEquals(p, ProblemJson.read(json));
        assertTrue(json.contains("\"rounding\":{\"decimals\":4}"), json);
    }

    @Test
    void round_trips_given_values_and_significant_rounding() {
        Problem p = ProblemJson.readTree(referenceProblem("seed-example.json"), null);
        Problem rounded = p.toBuilder().epochs(1).batchSize(1).updateBiases(true)
                .hiddenDeltaWeights(HiddenDeltaWeights.ORIGINAL).rounding(Rounding.significant(3)).build();
        ObjectNode written = ProblemJson.write(rounded);
        assertEquals(0.59, written.get("given").get("a[1][0]").doubleValue());
        assertEquals(3, written.get("rounding").get("significant").intValue());
        assertEquals(rounded, ProblemJson.readTree(written, null));
    }

    @Test
    void writes_layers_in_the_contract_form() {
        ObjectNode o = ProblemJson.write(ProblemJson.read(mazur("")));
        JsonNode layers = o.get("layers");
        assertEquals(1, layers.get(0).size(), "the input layer has its size only");
        assertEquals(2, layers.get(0).get("size").intValue());
        assertEquals("sigmoid", layers.get(1).get("activation").textValue());
        assertEquals(0.25, layers.get(1).get("weights").get(1).get(0).doubleValue());
        assertEquals(0.6, layers.get(2).get("biases").get(0).doubleValue());
        assertEquals("half-squared-error", o.get("loss").textValue());
    }

    @Test
    void draws_left_out_weights_as_the_builder_does_with_the_same_seed() {
        Problem p = ProblemJson.read("""
                {"layers": [{"size": 2}, {"size": 3, "activation": "tanh"}, {"size": 1, "activation": "linear", "biases": [0.5]}],
                 "learningRate": 0.1, "seed": 42, "samples": [{"input": [1, 2], "target": [3]}]}""");
        Network built = Network.builder().input(2).dense(3, Activation.TANH).dense(1, Activation.LINEAR).seed(42).build();
        assertEquals(built.layer(1), p.network().layer(1));
        assertEquals(built.layer(2).weight(0, 2), p.network().layer(2).weight(0, 2));
        assertEquals(0.5, p.network().layer(2).bias(0));
        assertEquals(0.0, p.network().layer(1).bias(2));
    }

    @Test
    void reads_text_that_starts_with_a_byte_order_mark() {
        assertEquals(0.5, ProblemJson.read("\uFEFF" + mazur("")).learningRate());
    }

    @Test
    void reads_bytes_as_it_reads_text_in_utf_8_with_or_without_a_byte_order_mark_and_in_utf_16() {
        Problem fromText = ProblemJson.read(mazur(""));
        byte[] utf8 = mazur("").getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[utf8.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withMark, 3, utf8.length);
        for (byte[] bytes : new byte[][] {utf8, withMark, mazur("").getBytes(StandardCharsets.UTF_16)}) {
            assertEquals(ProblemJson.toJson(fromText), ProblemJson.toJson(ProblemJson.read(bytes)));
        }
        String broken = mazur("").replace("0.5,", "0.5,,");
        ProblemException text = assertThrows(ProblemException.class, () -> ProblemJson.read(broken));
        ProblemException bytes = assertThrows(ProblemException.class,
                () -> ProblemJson.read(broken.getBytes(StandardCharsets.UTF_8)));
        assertEquals(text.errors(), bytes.errors(), "the same words, the same place");
    }

    @Test
    void accepts_whole_numbers_written_with_a_decimal_point() {
        assertEquals(3, ProblemJson.read(mazur("\"epochs\": 3.0")).epochs());
    }

    // ---- shapes ----

    @Test
    void names_a_weight_matrix_with_too_many_rows() {
        assertError("layers[2].weights", "has 3 rows; layer 2 has 2 neurons",
                mazur("").replace("[[0.40, 0.45], [0.50, 0.55]]", "[[0.40, 0.45], [0.50, 0.55], [1, 2]]"));
    }

    @Test
    void names_a_weight_row_of_the_wrong_length() {
        assertError("layers[1].weights[0]", "has 3 values; layer 0 has 2 neurons",
                mazur("").replace("[[0.15, 0.20],", "[[0.15, 0.20, 0.3],"));
    }

    @Test
    void names_biases_of_the_wrong_length() {
        assertError("layers[1].biases", "has 1 value; layer 1 has 2 neurons",
                mazur("").replace("\"biases\": [0.35, 0.35]", "\"biases\": [0.35]"));
    }

    @Test
    void names_a_sample_whose_target_does_not_fit_the_output_layer() {
        assertError("samples[0].target", "has 3 values; the output layer has 2 neurons",
                mazur("").replace("[0.01, 0.99]", "[0.01, 0.99, 0.5]"));
    }

    @Test
    void names_a_weight_matrix_that_is_not_a_list() {
        FieldError e = only(mazur("").replace("[[0.15, 0.20], [0.25, 0.30]]", "0.15"));
        assertEquals("layers[1].weights", e.field());
        assertTrue(e.message().startsWith("must be a list of rows"), e.message());
        assertTrue(e.message().endsWith("was 0.15"), e.message());
    }

    @Test
    void refuses_a_network_without_a_dense_layer() {
        assertError("layers", "has 1 layer; a network needs the input layer and at least one dense layer", """
                {"layers": [{"size": 2}], "learningRate": 0.5, "samples": [{"input": [1, 2], "target": [1]}]}""");
    }

    @Test
    void tells_that_the_input_layer_has_a_size_only() {
        assertError("layers[0].activation", "the input layer has a size only (it has no activation)",
                mazur("").replace("{\"size\": 2},", "{\"size\": 2, \"activation\": \"sigmoid\"},"));
    }

    // ---- types and values ----

    @Test
    void names_a_string_where_a_number_belongs() {
        assertError("layers[1].weights[0][1]", "must be a number, was \"abc\"",
                mazur("").replace("[[0.15, 0.20]", "[[0.15, \"abc\"]"));
    }

    @Test
    void names_a_nan_literal() {
        assertError("samples[0].input[1]", "must be a finite number, was NaN", mazur("").replace("0.10]", "NaN]"));
    }

    @Test
    void names_an_infinity_literal_and_an_overflowing_number() {
        List<FieldError> errors = errors(mazur("").replace("[0.60, 0.60]", "[-Infinity, 1e400]"));
        assertEquals(List.of(new FieldError("layers[2].biases[0]", "must be a finite number, was -Infinity"),
                new FieldError("layers[2].biases[1]", "must be a finite number, was Infinity")), errors);
    }

    @Test
    void names_a_number_in_quotes() {
        assertError("learningRate", "must be a number, was \"0.5\"", mazur("").replace("0.5,", "\"0.5\","));
    }

    @Test
    void names_an_unknown_activation_with_the_choices() {
        assertError("layers[1].activation", "unknown activation \"sigmod\"; one of sigmoid, tanh, relu, linear, softmax",
                mazur("").replace("\"sigmoid\", \"weights\": [[0.15", "\"sigmod\", \"weights\": [[0.15"));
    }

    @Test
    void names_an_unknown_loss_with_the_choices() {
        assertError("loss", "unknown loss \"mse\"; one of half-squared-error, squared-error, mean-squared-error,"
                + " binary-cross-entropy, cross-entropy", mazur("\"loss\": \"mse\""));
    }

    @Test
    void names_an_unknown_hidden_delta_rule() {
        assertError("hiddenDeltaWeights", "unknown rule \"new\"; one of original, updated",
                mazur("\"hiddenDeltaWeights\": \"new\""));
    }

    @Test
    void names_a_missing_learning_rate_once() {
        assertError("learningRate", "is required: the learning rate α, e.g. 0.5",
                mazur("").replace("\"learningRate\": 0.5,", ""));
    }

    @Test
    void names_a_non_positive_learning_rate() {
        assertError("learningRate", "must be a positive number, was -0.5", mazur("").replace("0.5,", "-0.5,"));
    }

    @Test
    void names_missing_layers_and_samples() {
        List<FieldError> errors = errors("{\"learningRate\": 0.5}");
        assertHasError("layers", "is required", errors);
        assertHasError("samples", "is required", errors);
        assertEquals(2, errors.size(), errors::toString);
    }

    @Test
    void names_a_missing_size_and_a_missing_activation() {
        List<FieldError> errors = errors(mazur("").replace("{\"size\": 2, \"activation\": \"sigmoid\", \"weights\": [[0.4",
                "{\"weights\": [[0.4"));
        assertEquals(List.of(new FieldError("layers[2].size", "is required: the number of neurons"),
                new FieldError("layers[2].activation", "is required; one of sigmoid, tanh, relu, linear, softmax")),
                errors);
    }

    @Test
    void names_a_size_that_is_not_a_whole_number() {
        assertError("layers[1].size", "must be a whole number, was 2.5",
                mazur("").replace("{\"size\": 2, \"activation\": \"sigmoid\", \"weights\": [[0.15",
                        "{\"size\": 2.5, \"activation\": \"sigmoid\", \"weights\": [[0.15"));
    }

    @Test
    void names_a_size_of_zero() {
        assertError("layers[0].size", "must be at least 1, was 0", mazur("").replace("{\"size\": 2},", "{\"size\": 0},"));
    }

    @Test
    void names_a_boolean_given_as_text() {
        assertError("updateBiases", "must be true or false, was \"false\"", mazur("\"updateBiases\": \"false\""));
    }

    @Test
    void names_epochs_below_one() {
        assertError("epochs", "must be at least 1, was 0", mazur("\"epochs\": 0"));
    }

    @Test
    void names_a_misspelt_field_with_the_nearest_name() {
        assertError("learningrate", "unknown field; did you mean \"learningRate\"?", mazur("\"learningrate\": 0.1"));
    }

    @Test
    void ignores_an_extra_field_that_is_no_near_miss_of_a_known_one() {
        Problem p = ProblemJson.read(mazur("").replace("\"target\": [0.01, 0.99]",
                "\"target\": [0.01, 0.99], \"comment\": \"from the homework sheet\""));
        assertEquals(2, p.samples().get(0).targetSize());
    }

    // ---- rounding and given ----

    @Test
    void names_rounding_beyond_its_range() {
        assertError("rounding.decimals", "must be from 0 to " + Rounding.MAX_DECIMALS + ", was 20",
                mazur("\"rounding\": {\"decimals\": 20}"));
    }

    @Test
    void names_rounding_with_both_rules() {
        assertError("rounding", "give decimals or significant, not both",
                mazur("\"rounding\": {\"decimals\": 2, \"significant\": 3}"));
    }

    @Test
    void names_rounding_digits_given_as_text() {
        assertError("rounding.significant", "must be a whole number, was \"3\"", mazur("\"rounding\": {\"significant\": \"3\"}"));
    }

    @Test
    void names_a_given_key_that_is_not_a_quantity() {
        assertError("given.A_o1", "is not a quantity key; use z[l][j] or a[l][j], e.g. a[1][0]",
                mazur("\"given\": {\"A_o1\": 0.7}"));
    }

    @Test
    void names_a_given_quantity_that_cannot_be_given() {
        assertError("given.delta[2][0]", "only z[l][j] and a[l][j] can be given", mazur("\"given\": {\"delta[2][0]\": 0.1}"));
    }

    @Test
    void names_a_given_neuron_that_does_not_exist() {
        assertError("given.a[1][5]", "layer 1 has 2 neurons", mazur("\"given\": {\"a[1][5]\": 0.1}"));
    }

    @Test
    void names_a_given_value_that_is_not_a_number() {
        assertError("given.a[1][0]", "must be a number, was \"x\"", mazur("\"given\": {\"a[1][0]\": \"x\"}"));
    }

    // ---- cross-field rules (Problem.check) ----

    @Test
    void names_softmax_outputs_without_cross_entropy() {
        assertError("layers[2].activation", "softmax outputs go with the cross-entropy loss, not half-squared-error",
                mazur("").replace("\"sigmoid\", \"weights\": [[0.40", "\"softmax\", \"weights\": [[0.40"));
    }

    @Test
    void names_softmax_in_a_hidden_layer() {
        List<FieldError> errors = errors(mazur("\"loss\": \"cross-entropy\"")
                .replace("\"sigmoid\", \"weights\": [[0.15", "\"softmax\", \"weights\": [[0.15"));
        assertHasError("layers[1].activation", "softmax is for the output layer only", errors);
        assertHasError("loss", "cross-entropy needs a softmax output layer", errors);
    }

    @Test
    void names_updated_hidden_delta_weights_with_a_batch() {
        assertError("hiddenDeltaWeights", "\"updated\" is defined for batchSize 1 only; batchSize is 2",
                mazur("\"hiddenDeltaWeights\": \"updated\", \"batchSize\": 2"));
    }

    // ---- limits, before anything is allocated ----

    @Test
    void reading_applies_no_limits_unless_asked_so_a_wide_network_round_trips() {
        Network wide = Network.builder().input(1).dense(300, Activation.TANH).dense(1, Activation.LINEAR).build();
        Problem p = Problem.builder().network(wide).learningRate(0.01).sample(new double[] {0.5}, new double[] {0.2})
                .epochs(60_000).build();
        String json = ProblemJson.toJson(p);
        assertEquals(p, ProblemJson.read(json));
        assertEquals(p, ProblemJson.read(json.getBytes(StandardCharsets.UTF_8)));
        List<String> refused = assertThrows(ProblemException.class, () -> ProblemJson.read(json, Limits.SERVER))
                .errors().stream().map(FieldError::field).collect(Collectors.toList());
        assertEquals(List.of("layers[1].size", "epochs"), refused, "the server's limits: 256 neurons, 50,000 epochs");
    }

    @Test
    void a_member_of_a_larger_body_is_read_as_a_problem_of_its_own() {
        String body = "{\"answers\": {\"delta[2][0]\": 0.1}, \"problem\": " + mazur("") + ", \"marking\": {}}";
        assertEquals(ProblemJson.read(mazur("")),
                ProblemJson.readMember(body.getBytes(StandardCharsets.UTF_8), "problem", Limits.SERVER));
        ProblemException bad = assertThrows(ProblemException.class, () -> ProblemJson.readMember(
                body.replace("\"learningRate\": 0.5", "\"learningRate\": \"fast\"").getBytes(StandardCharsets.UTF_8),
                "problem", Limits.SERVER));
        assertEquals(List.of("learningRate"), bad.errors().stream().map(FieldError::field).collect(Collectors.toList()));
        assertEquals(ProblemJson.BODY, assertThrows(ProblemException.class, () -> ProblemJson.readMember(
                "{\"answers\": {}}".getBytes(StandardCharsets.UTF_8), "problem", Limits.SERVER)).errors().get(0).field());
    }

    @Test
    void well_formed_json_is_told_from_malformed_in_the_readers_words() {
        ProblemJson.requireWellFormed("{\"a\": [1, NaN, {\"b\": null}]}");
        ProblemJson.requireWellFormed("{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of("", "{\"a\": 1} x", "{\"a\": 1, \"a\": 2}", "{\"a\": [1, 2}", "[".repeat(40) + "]".repeat(40))) {
            FieldError e = assertThrows(ProblemException.class, () -> ProblemJson.requireWellFormed(bad)).errors().get(0);
            assertEquals(ProblemJson.BODY, e.field(), bad);
            ProblemException asRead = assertThrows(ProblemException.class, () -> ProblemJson.read(bad));
            assertEquals(List.of(e), asRead.errors(), "the same words as read(text) for " + bad);
        }
    }

    @Test
    void refuses_a_huge_layer_without_allocating_it() {
        assertError("layers[1].size", "is 100,000,000; at most " + Limits.MAX_NEURONS + " neurons per layer are allowed", """
                {"layers": [{"size": 2}, {"size": 100000000, "activation": "relu"}, {"size": 1, "activation": "linear"}],
                 "learningRate": 0.1, "samples": [{"input": [1, 2], "target": [3]}]}""");
    }

    @Test
    void refuses_a_size_beyond_any_integer() {
        FieldError e = only(mazur("").replace("{\"size\": 2},", "{\"size\": 1" + "0".repeat(30) + "},"));
        assertEquals("layers[0].size", e.field());
        assertTrue(e.message().contains("far too large"), e.message());
    }

    @Test
    void refuses_too_many_parameters() {
        int n = Limits.MAX_NEURONS;
        FieldError e = only("{\"layers\": [{\"size\": " + n + "}, {\"size\": " + n + ", \"activation\": \"relu\"},"
                + " {\"size\": " + n + ", \"activation\": \"relu\"}], \"learningRate\": 0.1, \"samples\": []}");
        assertEquals("layers", e.field());
        assertTrue(e.message().contains("at most " + String.format("%,d", Limits.MAX_PARAMETERS)), e.message());
    }

    @Test
    void refuses_too_many_layers() {
        String dense = ", {\"size\": 1, \"activation\": \"linear\"}";
        assertError("layers", "has " + (Limits.MAX_LAYERS + 1) + " layers; at most " + Limits.MAX_LAYERS
                + " are allowed (the input layer counts)", "{\"layers\": [{\"size\": 1}" + dense.repeat(Limits.MAX_LAYERS)
                + "], \"learningRate\": 0.1, \"samples\": [{\"input\": [1], \"target\": [1]}]}");
    }

    @Test
    void refuses_too_many_samples() {
        String sample = "{\"input\": [0, 0], \"target\": [0, 0]}";
        String samples = String.join(",", java.util.Collections.nCopies(Limits.MAX_SAMPLES + 1, sample));
        FieldError e = only(mazur("").replace("[{\"input\": [0.05, 0.10], \"target\": [0.01, 0.99]}]", "[" + samples + "]"));
        assertEquals("samples", e.field());
        assertTrue(e.message().startsWith("has " + String.format("%,d", Limits.MAX_SAMPLES + 1) + " samples"), e.message());
    }

    @Test
    void refuses_too_many_epochs() {
        assertError("epochs", "is 1,000,000,000; at most " + String.format("%,d", Limits.MAX_EPOCHS) + " are allowed",
                mazur("\"epochs\": 1000000000"));
    }

    /** Mazur's problem (12 parameters) with {@code count} copies of its sample and the given extra fields. */
    static String mazurWithSamples(int count, String extra) {
        String sample = "{\"input\": [0.05, 0.10], \"target\": [0.01, 0.99]}";
        return mazur(extra).replace("[" + sample + "]",
                "[" + String.join(",", java.util.Collections.nCopies(count, sample)) + "]");
    }

    @Test
    void refuses_too_much_training_work() {
        int epochs = 1000;
        int samples = (int) (Limits.MAX_WORK / (12L * epochs)) + 1;
        FieldError e = only(mazurWithSamples(samples, "\"epochs\": " + epochs));
        assertEquals("epochs", e.field());
        assertTrue(e.message().startsWith(epochs + " epochs × " + samples + " samples × 12 parameters is "), e.message());
        assertTrue(e.message().contains("at most " + String.format("%,d", Limits.MAX_WORK) + " are allowed"), e.message());
    }

    @Test
    void allows_much_less_training_work_with_rounding() {
        int epochs = 10;
        int samples = (int) (Limits.MAX_EXACT_WORK / (12L * epochs)) + 1;
        assertEquals(epochs, ProblemJson.read(mazurWithSamples(samples, "\"epochs\": " + epochs), Limits.SERVER).epochs());
        FieldError e = only(mazurWithSamples(samples, "\"epochs\": " + epochs + ", \"rounding\": {\"decimals\": 4}"));
        assertEquals("epochs", e.field());
        assertTrue(e.message().contains("with rounding"), e.message());
    }

    @Test
    void allows_only_a_few_hundred_sample_passes_with_rounding() {
        String epochs = "\"epochs\": 501";
        assertEquals(501, ProblemJson.read(mazur(epochs), Limits.SERVER).epochs());
        assertError("epochs", "501 epochs × 1 samples is 501 passes; at most 500 are allowed with rounding"
                + " (exact decimals are slow): use fewer epochs or samples", mazur(epochs + ", \"rounding\": {\"decimals\": 3}"));
    }

    @Test
    void bounds_sample_passes_on_the_fast_path_too() {
        // 1,000 samples × 2,001 epochs × 12 parameters is within the work limit, but not the passes.
        assertError("epochs", "2001 epochs × 1000 samples is 2,001,000 passes; at most 2,000,000 are allowed:"
                + " use fewer epochs or samples", mazurWithSamples(1000, "\"epochs\": 2001"));
    }

    @Test
    void refuses_a_batch_whose_worked_solution_would_be_too_long() {
        int batch = (int) (Limits.MAX_TRACE / 12) + 1;
        FieldError e = only(mazurWithSamples(batch, "\"batchSize\": " + batch));
        assertEquals("batchSize", e.field());
        assertTrue(e.message().startsWith("a batch of " + batch + " samples × 12 parameters"), e.message());
    }

    // ---- the body as a whole ----

    @Test
    void names_truncated_json_with_its_place() {
        FieldError e = only(mazur("").substring(0, 60));
        assertEquals(ProblemJson.BODY, e.field());
        assertTrue(e.message().startsWith("ends before the JSON is complete"), e.message());
        assertTrue(e.message().contains(" at line 3, column "), e.message());
    }

    @Test
    void names_invalid_json_with_its_place() {
        FieldError e = only("{\"layers\": [1, 2,, 3]}");
        assertEquals(ProblemJson.BODY, e.field());
        assertTrue(e.message().startsWith("is not valid JSON at line 1, column 18"), e.message());
    }

    @Test
    void refuses_deep_nesting() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertError(ProblemJson.BODY, "nests lists and objects more than " + ProblemJson.MAX_NESTING + " deep",
                "{\"layers\": " + deep + "}");
    }

    @Test
    void refuses_an_empty_body() {
        assertError(ProblemJson.BODY, "is empty; send a problem as a JSON object", "  ");
    }

    @Test
    void refuses_a_missing_problem_node() {
        ProblemException e = assertThrows(ProblemException.class, () -> ProblemJson.readTree(ProblemJson.parse("{}").get("problem"), null));
        assertEquals(List.of(new FieldError(ProblemJson.BODY, "is empty; send a problem as a JSON object")), e.errors());
    }

    @Test
    void refuses_a_body_that_is_not_an_object() {
        assertError(ProblemJson.BODY, "must be a JSON object (a problem), was a list", "[1, 2]");
    }

    @Test
    void refuses_text_after_the_object() {
        FieldError e = only(mazur("") + " {}");
        assertEquals(ProblemJson.BODY, e.field());
        assertTrue(e.message().startsWith("has more text after the JSON value ends"), e.message());
    }

    @Test
    void refuses_a_field_given_twice() {
        FieldError e = only(mazur("\"loss\": \"squared-error\", \"loss\": \"cross-entropy\""));
        assertEquals(ProblemJson.BODY, e.field());
        assertTrue(e.message().contains("loss"), e.message());
    }

    @Test
    void names_each_of_ten_thousand_short_samples_once_without_comparing_every_pair() {
        String sample = "{\"input\": [0.05], \"target\": [0.01, 0.99]}";
        String many = "[" + String.join(", ", java.util.Collections.nCopies(Limits.MAX_SAMPLES, sample)) + "]";
        String json = mazur("").replace("[{\"input\": [0.05, 0.10], \"target\": [0.01, 0.99]}]", many);
        long start = System.nanoTime();
        ProblemException e = assertThrows(ProblemException.class, () -> ProblemJson.read(json));
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<FieldError> errors = e.errors();
        assertEquals(ProblemException.MAX_LISTED, errors.size(), () -> errors.subList(0, 3).toString());
        for (int s = 0; s < ProblemException.MAX_LISTED; s++) {
            assertEquals("samples[" + s + "].input", errors.get(s).field());
        }
        // Each sample is named once: the rest are counted exactly, not once per rule that found them.
        assertEquals(Limits.MAX_SAMPLES - ProblemException.MAX_LISTED, e.more());
        // Checking each cross-field error against every error already found took seconds here.
        assertTrue(millis < 1_000, "took " + millis + " ms");
    }

    @Test
    void more_given_values_than_the_network_has_neurons_are_refused_as_one_mistake() {
        StringBuilder given = new StringBuilder("\"given\": {");
        for (int k = 0; k < 60_000; k++) {
            given.append(k == 0 ? "" : ", ").append("\"a[1][").append(k + 2).append("]\": 0.5");
        }
        ProblemException e = assertThrows(ProblemException.class, () -> ProblemJson.read(mazur(given.append('}').toString())));
        // It listed 60,000 errors, and joined them into a message of 3.6 MB.
        assertEquals(List.of(new FieldError("given", "has 60000 values; the network's dense layers have 4 neurons, and each"
                + " may have its z or its a given, so at most 4 values can be")), e.errors());
        assertEquals(0, e.more());
    }

    @Test
    void bad_given_keys_within_the_bound_are_each_named() {
        String json = mazur("\"given\": {\"a[1][5]\": 0.5, \"z[2][7]\": 0.1, \"q[1]\": 2}");
        List<FieldError> errors = errors(json);
        assertHasError("given.a[1][5]", "layer 1 has 2 neurons", errors);
        assertHasError("given.z[2][7]", "layer 2 has 2 neurons", errors);
        assertHasError("given.q[1]", "is not a quantity key", errors);
    }

    // ---- all at once ----

    @Test
    void collects_every_error_instead_of_stopping_at_the_first() {
        String json = mazur("\"loss\": \"squared-error\", \"epochs\": \"ten\", \"rounding\": {\"decimals\": -1},"
                + " \"given\": {\"b[1][0]\": 1}")
                .replace("[[0.15, 0.20]", "[[0.15, \"x\"]")
                .replace("[0.60, 0.60]", "[0.60]")
                .replace("[0.05, 0.10]", "[0.05]")
                .replace("0.5,", "0,");
        List<FieldError> errors = errors(json);
        String fields = errors.stream().map(FieldError::field).collect(Collectors.joining(" "));
        assertEquals("layers[1].weights[0][1] layers[2].biases samples[0].input epochs rounding.decimals learningRate"
                + " given.b[1][0]", fields, errors::toString);
    }
}
