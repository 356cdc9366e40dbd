package dev.backprop.engine.json;

import static dev.backprop.engine.json.ProblemJsonTest.assertError;
import static dev.backprop.engine.json.ProblemJsonTest.assertHasError;
import static dev.backprop.engine.json.ProblemJsonTest.errors;
import static dev.backprop.engine.json.ProblemJsonTest.mazur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.train.Limits;
import dev.backprop.engine.train.Solver;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code optimizer} and {@code workedUpdates} fields (contract §1): read with PyTorch's
 * defaults, written back only when they differ from the defaults, every bad value refused at its
 * field with a message saying what is allowed, and the worked updates' steps in the JSON answer.
 */
class OptimizerJsonTest {

    @Test
    void a_problem_without_an_optimizer_is_plain_gradient_descent_and_is_written_as_before() {
        Problem p = ProblemJson.read(mazur(""));
        assertEquals(Optimizer.SGD, p.optimizer());
        assertEquals(1, p.workedUpdates());
        String json = ProblemJson.toJson(p);
        assertFalse(json.contains("optimizer"), json);
        assertFalse(json.contains("workedUpdates"), json);
    }

    @Test
    void reads_each_optimizer_with_pytorchs_defaults() {
        assertEquals(Optimizer.momentum(0.9), ProblemJson.read(mazur("\"optimizer\": {\"name\": \"momentum\", \"momentum\": 0.9}")).optimizer());
        assertEquals(Optimizer.nesterov(0.5), ProblemJson.read(mazur("\"optimizer\": {\"name\": \"nesterov\", \"momentum\": 0.5}")).optimizer());
        assertEquals(Optimizer.rmsprop(0.99, 1e-8), ProblemJson.read(mazur("\"optimizer\": {\"name\": \"rmsprop\"}")).optimizer());
        assertEquals(Optimizer.adam(0.9, 0.999, 1e-8), ProblemJson.read(mazur("\"optimizer\": {\"name\": \"adam\"}")).optimizer());
        assertEquals(Optimizer.adam(0.8, 0.99, 1e-6).withWeightDecay(0.01), ProblemJson.read(mazur(
                "\"optimizer\": {\"name\": \"adam\", \"beta1\": 0.8, \"beta2\": 0.99, \"epsilon\": 1e-6, \"weightDecay\": 0.01}"))
                .optimizer());
        assertEquals(Optimizer.SGD.withWeightDecay(0.01), ProblemJson.read(mazur(
                "\"optimizer\": {\"name\": \"sgd\", \"weightDecay\": 0.01}")).optimizer());
    }

    @Test
    void round_trips_every_optimizer_and_the_worked_updates() {
        for (Optimizer o : List.of(Optimizer.SGD.withWeightDecay(0.001), Optimizer.momentum(0.9).withWeightDecay(0.1),
                Optimizer.nesterov(0.7), Optimizer.rmsprop(0.95, 1e-6), Optimizer.adam(0.85, 0.995, 1e-7))) {
            Problem p = Published.seedComputed().optimizer(o).epochs(3).workedUpdates(3).build();
            String json = ProblemJson.toJson(p);
            assertEquals(p, ProblemJson.read(json), json);
            assertTrue(json.contains("\"workedUpdates\":3"), json);
        }
        String adam = ProblemJson.toJson(Published.seedComputed().optimizer(Optimizer.adam()).build());
        assertTrue(adam.contains("\"optimizer\":{\"name\":\"adam\",\"beta1\":0.9,\"beta2\":0.999,\"epsilon\":1.0E-8}"), adam);
    }

    @Test
    void names_an_unknown_optimizer_with_the_choices_and_a_near_miss() {
        assertError("optimizer.name", "unknown optimizer \"adm\" (did you mean \"adam\"?); one of sgd, momentum, nesterov, rmsprop, adam",
                mazur("\"optimizer\": {\"name\": \"adm\"}"));
        assertError("optimizer.name", "is required: one of sgd, momentum, nesterov, rmsprop, adam",
                mazur("\"optimizer\": {\"beta1\": 0.9}"));
        assertError("optimizer", "must be an object like {\"name\": \"adam\"} (one of sgd, momentum, nesterov, rmsprop, adam), was \"adam\"",
                mazur("\"optimizer\": \"adam\""));
    }

    @Test
    void names_each_setting_out_of_its_range() {
        assertError("optimizer.beta1", "must be in [0, 1), was 1.0", mazur("\"optimizer\": {\"name\": \"adam\", \"beta1\": 1}"));
        assertError("optimizer.beta2", "must be in [0, 1), was -0.1", mazur("\"optimizer\": {\"name\": \"adam\", \"beta2\": -0.1}"));
        assertError("optimizer.alpha", "must be in [0, 1), was 1.5", mazur("\"optimizer\": {\"name\": \"rmsprop\", \"alpha\": 1.5}"));
        assertHasError("optimizer.epsilon", "must be a positive number", errors(mazur("\"optimizer\": {\"name\": \"adam\", \"epsilon\": 0}")));
        assertHasError("optimizer.momentum", "must be in (0, 1) (Nesterov momentum needs μ > 0)",
                errors(mazur("\"optimizer\": {\"name\": \"nesterov\", \"momentum\": 0}")));
        assertError("optimizer.momentum", "is required for momentum: the momentum μ, e.g. 0.9",
                mazur("\"optimizer\": {\"name\": \"momentum\"}"));
        assertError("optimizer.weightDecay", "must be a number ≥ 0 (0 for none), was -0.01",
                mazur("\"optimizer\": {\"name\": \"sgd\", \"weightDecay\": -0.01}"));
        assertError("optimizer.beta1", "must be a number, was \"0.9\"", mazur("\"optimizer\": {\"name\": \"adam\", \"beta1\": \"0.9\"}"));
    }

    @Test
    void names_another_rules_setting_pytorchs_spellings_and_near_misses_at_their_fields() {
        assertError("optimizer.momentum", "rmsprop has no momentum; its fields are name, weightDecay, alpha, epsilon",
                mazur("\"optimizer\": {\"name\": \"rmsprop\", \"momentum\": 0.9}"));
        assertError("optimizer.eps", "is PyTorch's name; here it is \"epsilon\"", mazur("\"optimizer\": {\"name\": \"adam\", \"eps\": 1e-8}"));
        assertError("optimizer.weight_decay", "is PyTorch's name; here it is \"weightDecay\"",
                mazur("\"optimizer\": {\"name\": \"adam\", \"weight_decay\": 0.01}"));
        assertError("optimizer.betas", "is PyTorch's pair; here they are \"beta1\" and \"beta2\"",
                mazur("\"optimizer\": {\"name\": \"adam\", \"betas\": [0.9, 0.999]}"));
        assertError("optimizer.amsgrad", "is not offered: Adam here is PyTorch's without AMSGrad",
                mazur("\"optimizer\": {\"name\": \"adam\", \"amsgrad\": true}"));
        assertError("optimizer.beta_1", "unknown field; did you mean \"beta1\"?", mazur("\"optimizer\": {\"name\": \"adam\", \"beta_1\": 0.9}"));
        assertError("workedupdates", "unknown field; did you mean \"workedUpdates\"?", mazur("\"workedupdates\": 2"));
        // any other extra field of the optimizer (a note) is the caller's own
        assertEquals(Optimizer.adam(), ProblemJson.read(mazur("\"optimizer\": {\"name\": \"adam\", \"note\": \"as in class\"}")).optimizer());
    }

    @Test
    void names_worked_updates_beyond_the_training_and_the_limit() {
        assertError("workedUpdates", "is 2; training makes only 1 update (1 epoch × 1 batch)", mazur("\"workedUpdates\": 2"));
        assertError("workedUpdates", "must be at least 1, was 0", mazur("\"workedUpdates\": 0"));
        assertError("workedUpdates", "is 11; at most 10 updates are worked step by step (training goes on for every epoch all the same)",
                mazur("\"epochs\": 20, \"workedUpdates\": 11"));
        assertEquals(Limits.MAX_WORKED_UPDATES, 10);
        assertError("given", "stated values need exactly one sample and one epoch; there are 1 samples and 2 epochs",
                mazur("\"epochs\": 2, \"workedUpdates\": 2, \"given\": {\"a[1][0]\": 0.5}"));
    }

    @Test
    void the_builder_refuses_a_bad_setting_at_once_naming_its_field() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(1.2, 0.999, 1e-8));
        assertEquals("optimizer.beta1 must be in [0, 1), was 1.2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizer.momentum(-0.5));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam().withWeightDecay(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Problem.builder().workedUpdates(0));
        ProblemException build = assertThrows(ProblemException.class, () -> Published.seedComputed().workedUpdates(3).build());
        assertEquals(List.of(new FieldError("workedUpdates", "is 3; training makes only 1 update (1 epoch × 1 batch)")), build.errors());
    }

    @Test
    void the_json_answer_has_each_rules_steps_with_their_operands_in_formula_order() {
        Problem p = Published.seedComputed().learningRate(0.01).optimizer(Optimizer.adam().withWeightDecay(0.1)).epochs(2)
                .workedUpdates(2).build();
        JsonNode steps = SolutionJson.write(Solver.solve(p)).get("steps");
        JsonNode decay = find(steps, "gW[2][0][0]");
        assertEquals("weight-decay", decay.get("formula").asText());
        assertEquals(List.of("dW[2][0][0]", "lambda", "Wold[2][0][0]"), keys(decay));
        JsonNode m1 = find(steps, "mW[2][0][0]");
        assertEquals("moving-average", m1.get("formula").asText());
        assertEquals(List.of("beta1", "gW[2][0][0]"), keys(m1));
        JsonNode v2 = find(steps, "vW[2][0][0]:2");
        assertEquals("moving-average-of-squares", v2.get("formula").asText());
        assertEquals(List.of("vW[2][0][0]", "beta2", "gW[2][0][0]:2"), keys(v2));
        JsonNode c2 = find(steps, "mhatW[2][0][0]:2");
        assertEquals("bias-correction", c2.get("formula").asText());
        assertEquals(2, c2.get("step").asInt());
        assertEquals(0.19, c2.get("correction").asDouble(), 1e-15);
        JsonNode w2 = find(steps, "W[2][0][0]:2");
        assertEquals("adaptive-update", w2.get("formula").asText());
        assertEquals(List.of("W[2][0][0]", "alpha", "mhatW[2][0][0]:2", "vhatW[2][0][0]:2", "epsilon"), keys(w2));
        assertEquals(Math.sqrt(find(steps, "vhatW[2][0][0]:2").get("value").asDouble()), w2.get("root").asDouble(), 1e-18);
        // the second update's forward pass reads the weights after the first
        assertEquals(List.of("W[2][0][0]", "a[1][0]:2", "W[2][0][1]", "a[1][1]:2", "b[2][0]"), keys(find(steps, "z[2][0]:2")));

        Problem n = Published.seedComputed().optimizer(Optimizer.nesterov(0.9)).epochs(2).workedUpdates(2).build();
        JsonNode nsteps = SolutionJson.write(Solver.solve(n)).get("steps");
        assertEquals(List.of("mu", "dW[2][0][0]"), keys(find(nsteps, "momW[2][0][0]")));
        assertEquals(List.of("momW[2][0][0]", "mu", "dW[2][0][0]:2"), keys(find(nsteps, "momW[2][0][0]:2")));
        JsonNode nw = find(nsteps, "W[2][0][0]:2");
        assertEquals("nesterov-update", nw.get("formula").asText());
        assertEquals(List.of("W[2][0][0]", "alpha", "dW[2][0][0]:2", "mu", "momW[2][0][0]:2"), keys(nw));
    }

    private static JsonNode find(JsonNode steps, String key) {
        for (JsonNode s : steps) {
            if (s.get("quantity").asText().equals(key)) {
                return s;
            }
        }
        throw new AssertionError("no step " + key);
    }

    private static List<String> keys(JsonNode step) {
        List<String> out = new java.util.ArrayList<>();
        step.get("operands").forEach(o -> out.add(o.get("quantity").asText()));
        return out;
    }
}
