package dev.backprop.engine.train;

import dev.backprop.engine.nn.Network;
import dev.backprop.engine.trace.Trace;
import java.util.Arrays;

/**
 * What training a problem gives: the data-set loss before training and after each epoch, the
 * first update worked step by step, and the final network.
 */
public final class Solution {
    private final double lossBefore;
    private final double[] lossHistory;
    private final Trace firstUpdate;
    private final Network network;

    Solution(double lossBefore, double[] lossHistory, Trace firstUpdate, Network network) {
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

    @Override
    public String toString() {
        return "Solution[lossBefore=" + lossBefore + ", lossHistory=" + Arrays.toString(lossHistory) + "]";
    }
}
