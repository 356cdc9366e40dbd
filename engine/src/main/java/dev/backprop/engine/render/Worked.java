package dev.backprop.engine.render;

import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import dev.backprop.engine.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A problem solved and ready to write out: the engine's solution, the notation, each step's
 * derivation, the network after the first few epochs and the last, and the trained network's
 * outputs. Everything here comes from the engine; the writers only lay it out.
 *
 * <pre>{@code
 * Worked w = Worked.solve(problem, Notation.Profile.MAZUR);
 * w.derivations().get(0).lines();
 * }</pre>
 */
public final class Worked {
    /** Past this many weights and biases a page shows layers in matrix form and one neuron's working at a time. */
    public static final int BIG_PARAMETERS = 60;
    /** Past this many neurons in a layer, likewise. */
    public static final int BIG_LAYER = 8;
    /** Past this many steps in the first update, likewise. */
    public static final int BIG_STEPS = 400;
    /** How many epochs after the start the parameter table shows before jumping to the last. */
    public static final int FIRST_EPOCHS = 3;
    /** The most samples whose trained outputs are listed. */
    public static final int MAX_PREDICTIONS = 16;

    private final Problem problem;
    private final Solution solution;
    private final Notation notation;
    private final List<Derivation> derivations;
    private final List<Snapshot> snapshots;
    private final List<double[]> predictions;
    private final OptionalDouble lossFromWeights;

    /**
     * The network after an epoch.
     *
     * @param epoch   0 for the start
     * @param network the weights and biases then
     */
    public record Snapshot(int epoch, Network network) {
    }

    private Worked(Problem problem, Solution solution, Notation.Profile profile, List<Snapshot> snapshots,
                   List<double[]> predictions, OptionalDouble lossFromWeights) {
        this.lossFromWeights = lossFromWeights;
        this.problem = problem;
        this.solution = solution;
        this.notation = Notation.of(problem, profile);
        Derivations writer = new Derivations(notation, problem.roundingRule().isPresent());
        List<Derivation> list = new ArrayList<>();
        for (Step s : solution.firstUpdate().steps()) {
            list.add(s.accept(writer));
        }
        this.derivations = List.copyOf(list);
        this.snapshots = List.copyOf(snapshots);
        this.predictions = List.copyOf(predictions);
    }

    /**
     * Solves the problem, in the seed's notation. Throws the engine's
     * {@link dev.backprop.engine.nn.ProblemException} when it cannot be solved (ln 0, divergence).
     */
    public static Worked solve(Problem problem) {
        return solve(problem, Notation.Profile.SEED);
    }

    /**
     * Solves the problem and writes it in a notation; also keeps the network after each of the
     * first few epochs and the trained network's outputs. Throws the engine's
     * {@link dev.backprop.engine.nn.ProblemException} when it cannot be solved (ln 0, divergence).
     */
    public static Worked solve(Problem problem, Notation.Profile profile) {
        Solution solution = Solver.solve(problem);
        List<Snapshot> snapshots = new ArrayList<>();
        snapshots.add(new Snapshot(0, problem.network()));
        int epochs = problem.epochs();
        for (int k = 1; k <= Math.min(FIRST_EPOCHS, epochs - 1); k++) {
            snapshots.add(new Snapshot(k, Solver.solve(problem.withEpochs(k)).network()));
        }
        snapshots.add(new Snapshot(epochs, solution.network()));
        List<double[]> predictions = new ArrayList<>();
        if (epochs > 1 && problem.samples().size() <= MAX_PREDICTIONS) {
            Trainer trained = Trainer.of(problem.withNetwork(solution.network()));
            for (Sample s : problem.samples()) {
                predictions.add(trained.predict(s.input()));
            }
        }
        // With stated values the loss before is theirs; the weights alone would make another.
        OptionalDouble fromWeights = problem.given().isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(Solver.solve(withoutGiven(problem).withEpochs(1)).lossBefore());
        return new Worked(problem, solution, profile, snapshots, predictions, fromWeights);
    }

    /**
     * A solution already found, written in a notation; it computes nothing more, so its snapshots
     * are the start and the end only, and it lists no trained outputs.
     */
    public static Worked of(Problem problem, Solution solution, Notation.Profile profile) {
        List<Snapshot> snapshots = List.of(new Snapshot(0, problem.network()), new Snapshot(problem.epochs(), solution.network()));
        return new Worked(problem, solution, profile, snapshots, List.of(), OptionalDouble.empty());
    }

    private static Problem withoutGiven(Problem p) {
        return new Problem(p.network(), p.loss(), p.learningRate(), p.samples(), p.epochs(), p.batchSize(),
                p.updateBiases(), p.hiddenDeltaWeights(), p.rounding(), java.util.Map.of(), p.optimizer(), p.workedUpdates());
    }

    /**
     * With values the exercise states, the data-set loss before the update that a forward pass
     * through the weights alone gives (the loss before is the stated values'); empty without them.
     * {@link #of} computes nothing more, so it is empty there.
     */
    public OptionalDouble lossBeforeFromWeights() {
        return lossFromWeights;
    }

    /** The problem. */
    public Problem problem() {
        return problem;
    }

    /** The engine's solution. */
    public Solution solution() {
        return solution;
    }

    /** The notation for this problem's network. */
    public Notation notation() {
        return notation;
    }

    /** Every step of the first update, derived, in the trace's order. */
    public List<Derivation> derivations() {
        return derivations;
    }

    /** The network at the start, after the first few epochs and after the last. */
    public List<Snapshot> snapshots() {
        return snapshots;
    }

    /** The trained network's output for each sample (after more than one epoch, for a few samples). */
    public List<double[]> predictions() {
        return predictions.stream().map(double[]::clone).toList();
    }

    /** Whether the network is big enough to be shown in matrix form, one neuron's working at a time. */
    public boolean big() {
        Network net = problem.network();
        int widest = 0;
        for (int l = 0; l < net.depth(); l++) {
            widest = Math.max(widest, net.size(l));
        }
        return net.parameterCount() > BIG_PARAMETERS || widest > BIG_LAYER || derivations.size() > BIG_STEPS;
    }

    /** The network's layers' sizes joined by dashes, e.g. "2-2-1". */
    public String shape() {
        return Conventions.shape(problem.network());
    }

    /** The activations of the dense layers joined by slashes, e.g. "sigmoid/sigmoid". */
    public String activations() {
        StringBuilder sb = new StringBuilder();
        for (Layer layer : problem.network().layers()) {
            sb.append(sb.length() == 0 ? "" : "/").append(layer.activation().id());
        }
        return sb.toString();
    }
}
