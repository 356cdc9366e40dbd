import dev.backprop.engine.check.CheckResult;
import dev.backprop.engine.check.Checker;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.render.Format;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.RenderOptions;
import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import java.util.Map;

/** A Java project's first program: Mazur's example built, solved, trained, written out and checked. */
public class MazurConsumer {
    public static void main(String[] args) {
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
        Solution solution = Solver.solve(problem);
        System.out.println("delta[2][0] = " + solution.firstUpdate().step("delta[2][0]").orElseThrow().value());
        System.out.println("lossAfter = " + solution.lossAfter());
        System.out.println(solution.render(Format.TEXT));
        System.out.println(solution.render(Format.LATEX, RenderOptions.DEFAULT.withNotation(Notation.Profile.MAZUR)));
        CheckResult marks = Checker.checkText(problem, Map.of("delta[2][0]", "0.1385", "W[2][0][0]", "0.4410835"));
        System.out.println("right: " + marks.correct() + " of " + marks.total());
    }
}
