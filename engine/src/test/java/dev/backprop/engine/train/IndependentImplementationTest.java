package dev.backprop.engine.train;

import static dev.backprop.engine.support.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.support.IndependentBackprop;
import dev.backprop.engine.support.RandomProblems;
import dev.backprop.engine.trace.LayerUpdate;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The solver against a second implementation written from the contract alone
 * ({@link IndependentBackprop}: exact decimals, plain loops), on 200 random problems covering
 * every activation, loss and convention: everything a solution reports must agree to 1e-9
 * relative.
 */
class IndependentImplementationTest {
    static final int PROBLEMS = 200;

    static LongStream seeds() {
        return LongStream.range(0, PROBLEMS);
    }

    @ParameterizedTest(name = "random problem {0}")
    @MethodSource("seeds")
    void solver_agrees_with_an_independent_implementation(long seed) {
        Problem p = RandomProblems.problem(seed);
        IndependentBackprop.Result expected;
        try {
            expected = IndependentBackprop.solve(p);
        } catch (IndependentBackprop.LogOfZero e) {
            // Rounding drove an output to exactly 0 or 1 where a cross-entropy needs its logarithm.
            ProblemException thrown = assertThrows(ProblemException.class, () -> Solver.solve(p), p.toString());
            assertEquals("loss", thrown.errors().get(0).field(), thrown.getMessage());
            return;
        }
        Solution actual = Solver.solve(p);
        String where = "seed " + seed + " " + describe(p) + ": ";

        assertClose(expected.lossBefore.doubleValue(), actual.lossBefore(), where + "lossBefore");
        assertEquals(p.epochs(), actual.lossHistory().length, where + "lossHistory length");
        for (int e = 0; e < p.epochs(); e++) {
            assertClose(expected.lossHistory[e].doubleValue(), actual.lossHistory()[e], where + "lossHistory[" + e + "]");
        }
        assertEquals(actual.lossHistory()[p.epochs() - 1], actual.lossAfter(), where + "lossAfter is the last epoch's loss");

        int depth = p.network().depth();
        assertEquals(depth, actual.firstUpdate().layers().size(), where + "firstUpdate.layers");
        LayerUpdate input = actual.firstUpdate().layers().get(0);
        assertClose(doubles(expected.a[0]), input.a(), where + "firstUpdate.layers[0].a");
        for (int l = 1; l < depth; l++) {
            LayerUpdate u = actual.firstUpdate().layers().get(l);
            String at = where + "firstUpdate.layers[" + l + "].";
            assertClose(doubles(expected.z[l]), u.z(), at + "z");
            assertClose(doubles(expected.a[l]), u.a(), at + "a");
            assertClose(doubles(expected.delta[l]), u.delta(), at + "delta");
            assertClose(doubles(expected.weightGradients[l]), u.weightGradients(), at + "weightGradients");
            assertClose(doubles(expected.biasGradients[l]), u.biasGradients(), at + "biasGradients");
            assertClose(doubles(expected.weightsAfterFirst[l]), u.weights(), at + "weights");
            assertClose(doubles(expected.biasesAfterFirst[l]), u.biases(), at + "biases");

            Layer trained = actual.network().layer(l);
            assertEquals(p.network().layer(l).activation(), trained.activation(), where + "network.layers[" + l + "].activation");
            assertClose(doubles(expected.weights[l]), trained.weights(), where + "network.layers[" + l + "].weights");
            assertClose(doubles(expected.biases[l]), trained.biases(), where + "network.layers[" + l + "].biases");
        }
    }

    @Test
    void random_problems_cover_every_pairing_and_convention() {
        Set<String> seen = new HashSet<>();
        EnumSet<Activation> hidden = EnumSet.noneOf(Activation.class);
        for (long seed = 0; seed < PROBLEMS; seed++) {
            Problem p = RandomProblems.problem(seed);
            int depth = p.network().depth();
            seen.add("pairing " + p.network().output().activation().id() + " + " + p.loss().id());
            for (int l = 1; l < depth - 1; l++) {
                hidden.add(p.network().layer(l).activation());
            }
            seen.add("dense layers " + (depth - 1));
            int count = p.samples().size();
            int m = p.effectiveBatchSize();
            if (m > 1 && m < count) {
                seen.add("mini-batch");
            }
            if (m > 1 && m == count) {
                seen.add("full batch");
            }
            if (p.batchSize() > count) {
                seen.add("batch size beyond the sample count");
            }
            if (m > 1 && count % m != 0) {
                seen.add("last batch smaller");
            }
            if (m == 1 && count > 1) {
                seen.add("online");
            }
            if (p.epochs() > 1) {
                seen.add("several epochs");
            }
            if (!p.updateBiases()) {
                seen.add("frozen biases");
            }
            if (p.hiddenDeltaWeights() == HiddenDeltaWeights.UPDATED && depth > 2) {
                seen.add("updated weights in hidden deltas");
            }
            p.roundingRule().ifPresent(r -> seen.add(r.significant() ? "significant figures" : "decimal places"));
            p.given().keySet().forEach(q -> seen.add("given " + q.kind().keyName()));
        }
        for (RandomProblems.Pairing pairing : RandomProblems.PAIRINGS) {
            assertTrue(seen.contains("pairing " + pairing), "no problem pairs " + pairing);
        }
        assertEquals(EnumSet.copyOf(RandomProblems.HIDDEN), hidden, "hidden activations");
        for (String convention : new String[] {"dense layers 1", "dense layers 2", "dense layers 3", "dense layers 4",
                "mini-batch", "full batch", "batch size beyond the sample count", "last batch smaller", "online",
                "several epochs", "frozen biases", "updated weights in hidden deltas", "significant figures",
                "decimal places", "given z", "given a"}) {
            assertTrue(seen.contains(convention), "no random problem has " + convention + "; saw " + seen);
        }
    }

    private static String describe(Problem p) {
        StringBuilder sb = new StringBuilder("[");
        sb.append(p.network().inputSize());
        for (Layer layer : p.network().layers()) {
            sb.append('-').append(layer.size()).append(' ').append(layer.activation().id());
        }
        sb.append(", ").append(p.loss().id()).append(", α=").append(p.learningRate())
                .append(", samples=").append(p.samples().size()).append(", batch=").append(p.batchSize())
                .append(", epochs=").append(p.epochs()).append(", biases ").append(p.updateBiases() ? "updated" : "frozen")
                .append(", ").append(p.hiddenDeltaWeights().id());
        p.roundingRule().ifPresent(r -> sb.append(", ").append(r.describe()));
        if (!p.given().isEmpty()) {
            sb.append(", given ").append(p.given());
        }
        return sb.append(']').toString();
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
