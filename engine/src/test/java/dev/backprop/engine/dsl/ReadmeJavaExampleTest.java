package dev.backprop.engine.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.trace.Trace;
import dev.backprop.engine.train.Solver;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
        double deltaOut1 = worked.step("delta[2][0]").orElseThrow().value();
        double updatedW = worked.step("W[2][0][0]").orElseThrow().value();
        System.out.println("δ of output 1 = " + deltaOut1);        // 0.138498562 in Mazur's post
        System.out.println("updated W[2][0][0] = " + updatedW);   // 0.35891648 in Mazur's post
        // README:end

        assertEquals(new BigDecimal("0.138498562"), printed(deltaOut1, 9));
        assertEquals(new BigDecimal("0.35891648"), printed(updatedW, 8));
    }

    /** The value rounded to as many decimal places as the post prints. */
    private static BigDecimal printed(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_UP);
    }
}
