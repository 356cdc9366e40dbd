import dev.backprop.engine.check.CheckResult;
import dev.backprop.engine.check.Checker;
import dev.backprop.engine.check.QuantityResult;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.render.Format;
import dev.backprop.engine.render.Latex;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.RenderOptions;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import dev.backprop.engine.train.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Mazur's example built, solved, written out as text and as LaTeX, trained and checked. */
public class MazurConsumer {
    public static void main(String[] args) throws IOException {
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

        // The first update, worked: every value by its quantity, and the whole solution written out.
        Solution solution = Solver.solve(problem);
        System.out.println("delta[2][0] = " + solution.firstUpdate().value(Quantity.delta(2, 0)));
        System.out.println("lossAfter = " + solution.lossAfter());
        RenderOptions mazurs = RenderOptions.DEFAULT.withNotation(Notation.Profile.MAZUR);
        System.out.println(solution.render(Format.TEXT, mazurs));
        String latex = Latex.document(solution.render(Format.LATEX, mazurs));
        Files.writeString(Path.of(args.length > 0 ? args[0] : "mazur.tex"), latex, StandardCharsets.UTF_8);

        // Training as Mazur did (his hidden deltas use the updated weights): 10,000 updates.
        Problem asPublished = problem.toBuilder().hiddenDeltaWeights(HiddenDeltaWeights.UPDATED).build();
        Trainer trainer = Trainer.of(asPublished).train(10_000);
        System.out.println("loss after 10000 epochs = " + trainer.loss());

        // A student's answers, marked.
        CheckResult marks = Checker.checkText(problem, Map.of("delta[2][0]", "0.1385", "W[2][0][0]", "0.4410835"));
        for (QuantityResult q : marks.results()) {
            String mistake = q.diagnosis() == null ? "" : " (" + q.diagnosis().code() + ")";
            System.out.println(q.quantity() + ": " + q.mark().code() + mistake);
        }
        System.out.println("right: " + marks.correct() + " of " + marks.total());
    }
}
