package dev.backprop.engine.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Trace;
import dev.backprop.engine.train.Solver;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's Java builder example, compiled and run so the README cannot go stale. */
class ReadmeJavaExampleTest {

    @Test
    void readme_java_example_reproduces_mazurs_published_figures() {
        // README:begin
        Network network = Network.builder()
                .input(2)
                .dense(Activation.SIGMOID, new double[][] {{0.15, 0.20}, {0.25, 0.30}}, 0.35, 0.35)
                .dense(Activation.SIGMOID, new double[][] {{0.40, 0.45}, {0.50, 0.55}}, 0.60, 0.60)
                .build();
        Problem problem = Problem.builder()
                .network(network)
                .loss(Loss.HALF_SQUARED_ERROR)
                .learningRate(0.5)
                .sample(new double[] {0.05, 0.10}, new double[] {0.01, 0.99})
                .updateBiases(false)
                .build();
        Trace worked = Solver.solve(problem).firstUpdate();
        double deltaOut1 = worked.value(Quantity.delta(2, 0));   // or worked.step("delta[2][0]")
        double updatedW = worked.value(Quantity.w(2, 0, 0));
        System.out.println("δ of output 1 = " + deltaOut1);        // 0.138498562 in Mazur's post
        System.out.println("updated W[2][0][0] = " + updatedW);   // 0.35891648 in Mazur's post
        // README:end

        assertEquals(new BigDecimal("0.138498562"), printed(deltaOut1, 9));
        assertEquals(new BigDecimal("0.35891648"), printed(updatedW, 8));
        assertEquals(deltaOut1, worked.step("delta[2][0]").orElseThrow().value(), "the key and the quantity name one step");
    }

    @Test
    void readme_java_errors_example_names_every_mistake_by_its_field() {
        // README:begin
        Network.Builder wrong = Network.builder()
                .input(2)
                .dense(Activation.SIGMOID, new double[][] {{0.15, 0.20, 0.1}, {0.25}}, 0.35);
        try {
            wrong.build();
        } catch (ProblemException e) {
            e.errors().forEach(error -> System.out.println(error.field() + ": " + error.message()));
        }
        // layers[1].biases: has 1 value; layer 1 has 2 neurons (one row of weights each)
        // layers[1].weights[0]: has 3 values; layer 0 has 2 neurons
        // layers[1].weights[1]: has 1 value; layer 0 has 2 neurons
        // README:end
        List<String> errors = assertThrows(ProblemException.class, wrong::build).errors().stream()
                .map(error -> error.field() + ": " + error.message()).collect(Collectors.toList());
        assertEquals(List.of("layers[1].biases: has 1 value; layer 1 has 2 neurons (one row of weights each)",
                "layers[1].weights[0]: has 3 values; layer 0 has 2 neurons",
                "layers[1].weights[1]: has 1 value; layer 0 has 2 neurons"), errors);
    }

    /** The value rounded to as many decimal places as the post prints. */
    private static BigDecimal printed(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_UP);
    }
}
