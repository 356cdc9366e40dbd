package dev.backprop.engine.nn;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.train.Solver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Problem.builder() and check(): every problem found, each naming its field, all at once. */
class ValidationTest {

    /** A 2-2-2 network; the output activation is the argument. */
    private static Network net(Activation hidden, Activation output) {
        return Network.builder().input(2)
                .dense(hidden, new double[][] {{0.15, 0.20}, {0.25, 0.30}}, 0.35, 0.35)
                .dense(output, new double[][] {{0.40, 0.45}, {0.50, 0.55}}, 0.60, 0.60)
                .build();
    }

    private static Problem.Builder valid() {
        return Problem.builder().network(net(Activation.SIGMOID, Activation.SIGMOID)).learningRate(0.5)
                .sample(new double[] {0.05, 0.10}, new double[] {0.01, 0.99});
    }

    private static List<FieldError> errors(Problem.Builder b) {
        return assertThrows(ProblemException.class, b::build).errors();
    }

    /** What build(errors) hands over; a problem is built exactly when that is nothing. */
    private static List<FieldError> found(Problem.Builder b) {
        List<FieldError> found = new ArrayList<>();
        boolean built = b.build(found::add).isPresent();
        assertEquals(found.isEmpty(), built, "built exactly when nothing is wrong");
        return found;
    }

    private static void assertError(List<FieldError> errors, String field, String... fragments) {
        List<FieldError> onField = errors.stream().filter(e -> e.field().equals(field)).collect(Collectors.toList());
        assertEquals(1, onField.size(), () -> "one error on " + field + " in " + errors);
        for (String fragment : fragments) {
            assertTrue(onField.get(0).message().contains(fragment),
                    () -> field + ": \"" + onField.get(0).message() + "\" should say \"" + fragment + "\"");
        }
    }

    @Test
    void a_valid_problem_has_no_errors() {
        assertEquals(List.of(), found(valid()));
        assertEquals(List.of(), found(valid().loss(Loss.CROSS_ENTROPY).network(net(Activation.RELU, Activation.SOFTMAX))));
        assertEquals(List.of(), found(valid().loss(Loss.BINARY_CROSS_ENTROPY).given("z[1][0]", 0.3).given("a[2][1]", 0.4)));
    }

    @Test
    void softmax_in_a_hidden_layer_is_refused_on_that_layers_activation() {
        List<FieldError> errors = errors(valid().network(net(Activation.SOFTMAX, Activation.SIGMOID)));
        assertError(errors, "layers[1].activation", "softmax", "output layer only");
        assertEquals(1, errors.size(), errors.toString());
    }

    @Test
    void softmax_with_a_loss_other_than_cross_entropy_is_refused_on_the_output_activation() {
        List<FieldError> errors = errors(valid().network(net(Activation.SIGMOID, Activation.SOFTMAX)).loss(Loss.SQUARED_ERROR));
        assertError(errors, "layers[2].activation", "cross-entropy", "squared-error");
    }

    @Test
    void cross_entropy_without_a_softmax_output_is_refused_on_the_loss() {
        List<FieldError> errors = errors(valid().loss(Loss.CROSS_ENTROPY));
        assertError(errors, "loss", "cross-entropy", "softmax", "sigmoid");
    }

    @Test
    void binary_cross_entropy_without_a_sigmoid_output_is_refused_on_the_loss() {
        List<FieldError> errors = errors(valid().network(net(Activation.SIGMOID, Activation.TANH)).loss(Loss.BINARY_CROSS_ENTROPY));
        assertError(errors, "loss", "binary-cross-entropy", "sigmoid", "tanh");
    }

    @Test
    void samples_of_the_wrong_shape_are_refused_on_their_input_or_target() {
        List<FieldError> errors = errors(valid()
                .sample(new double[] {1, 2, 3}, new double[] {0.5, 0.5})
                .sample(new double[] {1, 2}, new double[] {0.5}));
        assertError(errors, "samples[1].input", "3 values", "layer 0 has 2 neurons");
        assertError(errors, "samples[2].target", "1 values", "output layer has 2 neurons");
        assertEquals(2, errors.size(), errors.toString());
    }

    @Test
    void non_finite_numbers_are_refused_where_they_stand() {
        Network net = Network.builder().input(2)
                .dense(Activation.SIGMOID, new double[][] {{0.15, Double.NaN}, {0.25, 0.30}}, 0.35, 0.35)
                .dense(Activation.SIGMOID, new double[][] {{0.40, 0.45}, {0.50, 0.55}}, Double.POSITIVE_INFINITY, 0.60)
                .build();
        List<FieldError> errors = errors(Problem.builder().network(net).learningRate(0.5)
                .sample(new double[] {0.05, Double.NaN}, new double[] {Double.NEGATIVE_INFINITY, 0.99})
                .given("a[1][0]", Double.NaN));
        assertError(errors, "layers[1].weights[0][1]", "finite");
        assertError(errors, "layers[2].biases[0]", "finite");
        assertError(errors, "samples[0].input[1]", "finite");
        assertError(errors, "samples[0].target[0]", "finite");
        assertError(errors, "given.a[1][0]", "finite");
        assertEquals(5, errors.size(), errors.toString());
    }

    @Test
    void targets_outside_what_a_cross_entropy_accepts_are_refused() {
        assertError(errors(valid().loss(Loss.BINARY_CROSS_ENTROPY).sample(new double[] {0, 0}, new double[] {1.5, 0})),
                "samples[1].target[0]", "[0, 1]", "1.5");
        assertError(errors(Problem.builder().network(net(Activation.SIGMOID, Activation.SOFTMAX)).loss(Loss.CROSS_ENTROPY)
                        .learningRate(0.1).sample(new double[] {0, 0}, new double[] {-0.5, 1.5})),
                "samples[0].target[0]", "-0.5");
    }

    /** Softmax outputs for three classes with cross-entropy, and one sample with this target. */
    private static Problem.Builder softmaxWithTarget(double... target) {
        Network net = Network.builder().input(2)
                .dense(Activation.SIGMOID, new double[][] {{0.15, 0.20}, {0.25, 0.30}}, 0.35, 0.35)
                .dense(Activation.SOFTMAX, new double[][] {{0.40, 0.45}, {0.50, 0.55}, {-0.3, 0.1}}, 0.60, 0.60, 0.1)
                .build();
        return Problem.builder().network(net).loss(Loss.CROSS_ENTROPY).learningRate(0.5)
                .sample(new double[] {0.05, 0.10}, target);
    }

    @Test
    void cross_entropy_targets_that_do_not_sum_to_one_are_refused_at_the_target_saying_why_and_what_to_use() {
        // [1, 1, 0] would be answered with δ = a − y, while the gradient is a·Σy − y = 2a − y.
        List<FieldError> errors = errors(softmaxWithTarget(1, 1, 0));
        assertError(errors, "samples[0].target", "sums to 2", "sum to 1", "a·Σy − y", "sigmoid", "binary-cross-entropy");
        assertEquals(1, errors.size(), errors::toString);
        assertError(errors(softmaxWithTarget(0.3, 0.3, 0.3)), "samples[0].target", "sums to 0.9");
        assertError(errors(softmaxWithTarget(0, 0, 0)), "samples[0].target", "sums to 0");
        assertError(errors(softmaxWithTarget(0.333333333, 0.333333333, 0.333333333)), "samples[0].target",
                "sums to 0.999999999");
    }

    @Test
    void cross_entropy_targets_that_sum_to_one_as_typed_are_accepted() {
        for (double[] y : new double[][] {{1, 0, 0}, {0.2, 0.3, 0.5}, {0.1, 0.2, 0.7}, {1.0 / 3, 1.0 / 3, 1.0 / 3},
                {0.333333333, 0.333333333, 0.333333334}}) {
            assertEquals(List.of(), found(softmaxWithTarget(y)), () -> java.util.Arrays.toString(y));
        }
    }

    @Test
    void each_sample_whose_cross_entropy_target_does_not_sum_to_one_is_named() {
        Problem.Builder b = softmaxWithTarget(1, 0, 0).sample(new double[] {0.1, 0.2}, new double[] {0.5, 0.5, 0.5})
                .sample(new double[] {0.1, 0.2}, new double[] {0, 1, 0});
        assertError(errors(b), "samples[1].target", "sums to 1.5");
    }

    @Test
    void given_keys_outside_the_network_are_refused_on_the_key() {
        List<FieldError> errors = errors(valid().given("z[3][0]", 0.5).given("a[0][1]", 0.5).given("a[1][2]", 0.5)
                .given("delta[1][0]", 0.5));
        assertError(errors, "given.z[3][0]", "layer 3", "not a dense layer", "1..2");
        assertError(errors, "given.a[0][1]", "layer 0", "not a dense layer");
        assertError(errors, "given.a[1][2]", "layer 1 has 2 neurons");
        assertError(errors, "given.delta[1][0]", "only z[l][j] and a[l][j]");
        assertEquals(4, errors.size(), errors.toString());
    }

    @Test
    void a_neuron_cannot_have_both_z_and_a_given() {
        List<FieldError> errors = errors(valid().given("z[1][0]", 0.5).given("a[1][0]", 0.6));
        assertError(errors, "given.a[1][0]", "z[1][0]", "not both");
        assertEquals(1, errors.size(), errors.toString());
    }

    @Test
    void given_values_need_one_sample_and_one_epoch() {
        assertError(errors(valid().given("a[1][0]", 0.5).sample(new double[] {1, 1}, new double[] {0, 1})),
                "given", "one sample", "2 samples");
        assertError(errors(valid().given("a[1][0]", 0.5).epochs(3)), "given", "one epoch", "3 epochs");
    }

    @Test
    void a_key_that_is_not_a_key_is_refused_at_its_field_with_the_rest() {
        List<FieldError> errors = errors(valid().given("a[1", 0.5).epochs(0));
        assertError(errors, "given.a[1", "not a key", "a[1");
        assertError(errors, "epochs", "at least 1");
    }

    @Test
    void a_network_builder_names_every_layer_that_does_not_fit_by_its_path() {
        Network.Builder b = Network.builder().input(2)
                .dense(Activation.SIGMOID, new double[][] {{0.15, 0.20, 0.1}, {0.25, 0.30}}, 0.35, 0.35, 0.35)
                .dense(0, Activation.TANH)
                .dense(Activation.SIGMOID, new double[][] {}, 0.6);
        List<FieldError> errors = assertThrows(ProblemException.class, b::build).errors();
        assertEquals(List.of("layers[1].biases", "layers[1].weights[0]", "layers[2].size", "layers[3].weights"),
                errors.stream().map(FieldError::field).collect(Collectors.toList()), errors::toString);
        assertError(errors, "layers[1].biases", "has 3 values; layer 1 has 2 neurons");
        assertError(errors, "layers[1].weights[0]", "has 3 values; layer 0 has 2 neurons");
        assertEquals("layers[0].size", assertThrows(ProblemException.class,
                () -> Network.builder().dense(2, Activation.TANH).build()).errors().get(0).field());
    }

    @Test
    void a_layer_made_on_its_own_names_its_fields_within_it() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> new Layer(Activation.SIGMOID, new double[][] {{1, 2}, {3}}, new double[] {0}));
        assertEquals(List.of("biases", "weights[1]"), e.errors().stream().map(FieldError::field).collect(Collectors.toList()));
    }

    @Test
    void to_builder_copies_every_setting_and_builds_an_equal_problem() {
        Problem p = valid().epochs(3).batchSize(1).updateBiases(false).rounding(Rounding.decimals(4)).build();
        assertEquals(p, p.toBuilder().build());
        assertEquals(p.hashCode(), p.toBuilder().build().hashCode());
        Problem longer = p.toBuilder().epochs(7).build();
        assertEquals(7, longer.epochs());
        assertEquals(p.network(), longer.network());
        assertEquals(3, p.epochs(), "the original is untouched");
        Network n = p.network();
        assertEquals(n, n.toBuilder().build());
        assertEquals(4, n.toBuilder().dense(4, Activation.TANH).build().depth());
    }

    @Test
    void the_updated_weights_rule_needs_batch_size_1() {
        List<FieldError> errors = errors(valid().hiddenDeltaWeights(HiddenDeltaWeights.UPDATED).batchSize(2));
        assertError(errors, "hiddenDeltaWeights", "updated", "batchSize 1", "is 2");
        assertEquals(List.of(), found(valid().hiddenDeltaWeights(HiddenDeltaWeights.UPDATED)));
    }

    @Test
    void a_learning_rate_of_zero_or_less_is_refused() {
        for (double alpha : new double[] {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            ProblemException e = assertThrows(ProblemException.class, () -> valid().learningRate(alpha).build());
            assertTrue(e.getMessage().contains("learningRate") && e.getMessage().contains(String.valueOf(alpha)), e.getMessage());
            if (!Double.isNaN(alpha)) {
                assertError(e.errors(), "learningRate", "positive", String.valueOf(alpha));
            }
        }
        List<FieldError> missing = errors(Problem.builder().network(net(Activation.SIGMOID, Activation.SIGMOID))
                .sample(new double[] {0, 0}, new double[] {0, 0}));
        assertError(missing, "learningRate", "no learning rate");
    }

    @Test
    void epochs_and_batch_size_below_1_and_no_samples_are_refused() {
        Problem.Builder b = Problem.builder().network(net(Activation.SIGMOID, Activation.SIGMOID)).learningRate(0.5)
                .epochs(0).batchSize(0);
        List<FieldError> errors = errors(b);
        assertError(errors, "samples", "at least one sample");
        assertError(errors, "epochs", "at least 1", "0");
        assertError(errors, "batchSize", "at least 1", "0");
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(errors, found(b), "build(errors) hands over the same errors, one by one");
    }

    @Test
    void no_network_and_no_learning_rate_are_both_reported() {
        List<FieldError> errors = errors(Problem.builder());
        assertError(errors, "layers", "no network");
        assertError(errors, "learningRate", "no learning rate");
    }

    @Test
    void every_error_is_collected_at_once() {
        Network net = Network.builder().input(2)
                .dense(Activation.SOFTMAX, new double[][] {{0.15, 0.20}, {0.25, Double.NaN}}, 0.35, 0.35)
                .dense(Activation.SOFTMAX, new double[][] {{0.40, 0.45}, {0.50, 0.55}}, 0.60, 0.60)
                .build();
        Problem.Builder b = Problem.builder().network(net).loss(Loss.HALF_SQUARED_ERROR).learningRate(0.5)
                .sample(new double[] {0.05}, new double[] {0.01, 0.99})
                .sample(new double[] {0.05, 0.10}, new double[] {0.01, 0.99, 0.5})
                .sample(new double[] {Double.NaN, 0.10}, new double[] {0.01, 0.99})
                .batchSize(2).hiddenDeltaWeights(HiddenDeltaWeights.UPDATED)
                .given("z[7][0]", 1).given("z[2][0]", 1).given("a[2][0]", 1);
        ProblemException e = assertThrows(ProblemException.class, b::build);
        List<FieldError> errors = e.errors();
        List<Executable> checks = new ArrayList<>();
        String[][] expected = {
            {"layers[1].activation", "output layer only"},
            {"layers[1].weights[1][1]", "finite"},
            {"layers[2].activation", "half-squared-error"},
            {"samples[0].input", "1 values"},
            {"samples[1].target", "3 values"},
            {"samples[2].input[0]", "finite"},
            {"hiddenDeltaWeights", "batchSize 1"},
            {"given", "one sample"},
            {"given.z[7][0]", "not a dense layer"},
            {"given.a[2][0]", "not both"},
        };
        for (String[] fieldAndFragment : expected) {
            checks.add(() -> assertError(errors, fieldAndFragment[0], fieldAndFragment[1]));
            checks.add(() -> assertTrue(e.getMessage().contains(fieldAndFragment[0] + ": "), e.getMessage()));
        }
        checks.add(() -> assertEquals(expected.length, errors.size(), errors.toString()));
        assertAll(checks);
    }
}
