package dev.backprop.engine.train;

import static dev.backprop.engine.support.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.support.IndependentBackprop;
import dev.backprop.engine.support.RandomProblems;
import dev.backprop.engine.trace.LayerUpdate;
import dev.backprop.engine.trace.Step;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer against PyTorch's rules written separately for the tests ({@link
 * dev.backprop.engine.support.TorchRules}, inside the independent implementation of the contract):
 * on 250 random problems — each rule with and without weight decay and frozen biases, online,
 * mini and full batches, several epochs, some rounded as on paper — the losses, the first update,
 * the trained network and every worked value of the optimizer's state and of the parameters over
 * the worked updates agree to 1e-9.
 */
class OptimizerOracleTest {
    static final int PROBLEMS = 250;

    static LongStream seeds() {
        return LongStream.range(0, PROBLEMS);
    }

    @ParameterizedTest(name = "random problem {0}")
    @MethodSource("seeds")
    void every_optimizer_agrees_with_pytorchs_rules_written_separately(long seed) {
        Problem p = RandomProblems.withOptimizer(seed);
        IndependentBackprop.Result expected;
        try {
            expected = IndependentBackprop.solve(p);
        } catch (IndependentBackprop.LogOfZero | IndependentBackprop.Diverged e) {
            // a cross-entropy met ln 0, or the steps grew without bound: the engine refuses it too
            assertThrows(ProblemException.class, () -> Solver.solve(p), p.toString());
            return;
        }
        Solution actual = Solver.solve(p);
        String where = "seed " + seed + " " + p.optimizer().describe() + ", batch " + p.effectiveBatchSize() + " of "
                + p.samples().size() + ", " + p.epochs() + " epochs, biases " + (p.updateBiases() ? "updated" : "fixed")
                + (p.rounding() == null ? "" : ", " + p.rounding().describe()) + ": ";

        assertClose(expected.lossBefore.doubleValue(), actual.lossBefore(), where + "lossBefore");
        for (int e = 0; e < p.epochs(); e++) {
            assertClose(expected.lossHistory[e].doubleValue(), actual.lossHistory()[e], where + "lossHistory[" + e + "]");
        }
        for (int l = 1; l < p.network().depth(); l++) {
            LayerUpdate u = actual.firstUpdate().layers().get(l);
            assertClose(doubles(expected.weightsAfterFirst[l]), u.weights(), where + "first update, layer " + l + " weights");
            assertClose(doubles(expected.biasesAfterFirst[l]), u.biases(), where + "first update, layer " + l + " biases");
            Layer trained = actual.network().layer(l);
            assertClose(doubles(expected.weights[l]), trained.weights(), where + "trained layer " + l + " weights");
            assertClose(doubles(expected.biases[l]), trained.biases(), where + "trained layer " + l + " biases");
        }
        assertTrue(!expected.worked.isEmpty(), where + "the oracle recorded the worked values");
        for (Map.Entry<String, BigDecimal> e : expected.worked.entrySet()) {
            Step step = actual.firstUpdate().step(e.getKey()).orElse(null);
            assertTrue(step != null, where + "no worked step " + e.getKey());
            assertClose(e.getValue().doubleValue(), step.value(), where + e.getKey());
        }
    }

    @Test
    void the_random_problems_cover_every_optimizer_with_and_without_decay_and_frozen_biases_and_every_batching() {
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < PROBLEMS; seed++) {
            Problem p = RandomProblems.withOptimizer(seed);
            String rule = p.optimizer().kind().id();
            seen.add(rule + (p.optimizer().decays() ? " with decay" : " without decay"));
            seen.add(rule + (p.updateBiases() ? " biases updated" : " biases fixed"));
            int m = p.effectiveBatchSize();
            int count = p.samples().size();
            seen.add(rule + (m == 1 ? " online" : m == count ? " full batch" : " mini-batch"));
            if (p.updateCount() > 1) {
                seen.add(rule + " several updates");
            }
            if (p.workedUpdates() > 1) {
                seen.add(rule + " several worked updates");
            }
            if (p.rounding() != null) {
                seen.add(rule + " rounded");
            }
        }
        for (Optimizer.Kind k : Optimizer.Kind.values()) {
            String rule = k.id();
            for (String what : new String[] {" with decay", " biases updated", " biases fixed", " online", " full batch",
                    " mini-batch", " several updates", " several worked updates", " rounded"}) {
                assertTrue(seen.contains(rule + what), "no random problem has " + rule + what + "; saw " + seen);
            }
            if (k != Optimizer.Kind.SGD) {
                assertTrue(seen.contains(rule + " without decay"), rule + " without decay");
            }
        }
        assertEquals(Optimizer.Kind.values().length, 5);
    }

    private static double[] doubles(BigDecimal[] xs) {
        double[] d = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            d[i] = xs[i].doubleValue();
        }
        return d;
    }

    private static double[][] doubles(BigDecimal[][] xs) {
        double[][] d = new double[xs.length][];
        for (int j = 0; j < xs.length; j++) {
            d[j] = doubles(xs[j]);
        }
        return d;
    }
}
