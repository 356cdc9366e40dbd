package dev.backprop.engine.train;

import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.render.Exports;
import dev.backprop.engine.render.Format;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.RenderOptions;
import dev.backprop.engine.render.Selection;
import dev.backprop.engine.render.Worked;
import dev.backprop.engine.trace.Trace;
import java.util.Arrays;

/**
 * What training a problem gives: the data-set loss before training and after each epoch, the
 * first update worked step by step, and the final network; {@link #render(Format)} writes the
 * worked solution out.
 *
 * <pre>{@code
 * Solution s = Solver.solve(problem);
 * System.out.println(s.render(Format.TEXT));
 * }</pre>
 */
public final class Solution {
    private final Problem problem;
    private final double lossBefore;
    private final double[] lossHistory;
    private final Trace firstUpdate;
    private final Network network;

    Solution(Problem problem, double lossBefore, double[] lossHistory, Trace firstUpdate, Network network) {
        this.problem = problem;
        this.lossBefore = lossBefore;
        this.lossHistory = lossHistory.clone();
        this.firstUpdate = firstUpdate;
        this.network = network;
    }

    /** The data-set loss before training (with given values, the loss of the stated values). */
    public double lossBefore() {
        return lossBefore;
    }

    /** The data-set loss after each epoch; element e is after epoch e + 1. */
    public double[] lossHistory() {
        return lossHistory.clone();
    }

    /** The data-set loss after the last epoch. */
    public double lossAfter() {
        return lossHistory[lossHistory.length - 1];
    }

    /** The first update, worked step by step. */
    public Trace firstUpdate() {
        return firstUpdate;
    }

    /** The network after the last epoch. */
    public Network network() {
        return network;
    }

    /** The problem this solves. */
    public Problem problem() {
        return problem;
    }

    /**
     * The worked solution written out in the seed's notation, values to 9 significant figures:
     * the conventions, every step of the first update as formula → numbers → value, and every
     * parameter before and after. A big network's layers are written in matrix form instead of
     * step by step ({@link RenderOptions#withNeuron} adds one neuron's full working).
     */
    public String render(Format format) {
        return render(format, RenderOptions.DEFAULT);
    }

    /** The worked solution written out with the given notation, precision and neuron. */
    public String render(Format format, RenderOptions options) {
        Worked w = Worked.of(problem, this, options.notation());
        return Exports.write(format, w, Selection.of(w, options.neuron(), null), new NumberStyle(options.digits()), "");
    }

    @Override
    public String toString() {
        return "Solution[lossBefore=" + lossBefore + ", lossHistory=" + Arrays.toString(lossHistory) + "]";
    }
}
