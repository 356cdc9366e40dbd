package dev.backprop.bench;

import dev.backprop.engine.nn.Network;
import dev.backprop.engine.train.Trainer;

/**
 * The check made before any timing: one epoch of the engine's fast path, the two hand-written loops and Encog,
 * from the same start, must give the same weights and biases (to {@link #TOLERANCE}), and must have moved
 * them (so three implementations that do nothing cannot agree).
 *
 * <pre>{@code
 * Agreement.Result r = Agreement.of(TrainCase.mazur());
 * r.requireAgreement();
 * }</pre>
 */
public final class Agreement {
    /** The largest difference allowed between two implementations' parameters after one epoch. */
    public static final double TOLERANCE = 1e-12;

    /** The smallest total movement of the parameters that counts as "trained". */
    static final double MOVED = 1e-9;

    private Agreement() {
    }

    /**
     * The differences found for one workload.
     *
     * @param name       the workload
     * @param parameters how many weights and biases were compared
     * @param bestDiff   the largest |engine − best loop| over all parameters
     * @param handDiff   the largest |engine − old hand loop| over all parameters
     * @param encogDiff  the largest |engine − Encog| over all parameters
     * @param moved      the largest |after − before| of the engine's parameters
     */
    public record Result(String name, int parameters, double bestDiff, double handDiff, double encogDiff, double moved) {
        /** Throws {@link IllegalStateException} naming the workload when the three disagree or nothing moved. */
        public void requireAgreement() {
            if (!(bestDiff <= TOLERANCE) || !(handDiff <= TOLERANCE) || !(encogDiff <= TOLERANCE)) {
                throw new IllegalStateException(name + ": the implementations disagree after one epoch: max |engine − best| = "
                        + bestDiff + ", max |engine − hand| = " + handDiff + ", max |engine − encog| = " + encogDiff
                        + " (allowed " + TOLERANCE + ")");
            }
            if (!(moved > MOVED)) {
                throw new IllegalStateException(name + ": one epoch did not move the parameters (max change " + moved + ")");
            }
        }
    }

    /** Runs one epoch of each implementation from the workload's start and compares every parameter. */
    public static Result of(TrainCase c) {
        Trainer trainer = Trainer.of(c.problem());
        trainer.epoch();
        Network engine = trainer.network();

        BestLoop best = new BestLoop(c.network(), c.alpha());
        best.epoch(c.inputs(), c.targets());
        HandLoop hand = new HandLoop(c.network(), c.alpha());
        hand.epoch(c.inputs(), c.targets());

        EncogSgd encog = new EncogSgd(c.network(), c.inputs(), c.targets(), c.alpha());
        encog.epoch();

        double bestDiff = 0;
        double handDiff = 0;
        double encogDiff = 0;
        double moved = 0;
        int count = 0;
        for (int l = 1; l < engine.depth(); l++) {
            for (int j = 0; j < engine.size(l); j++) {
                for (int i = 0; i < engine.size(l - 1); i++) {
                    double e = engine.layer(l).weight(j, i);
                    bestDiff = max(bestDiff, Math.abs(e - best.weight(l, j, i)));
                    handDiff = max(handDiff, Math.abs(e - hand.weight(l, j, i)));
                    encogDiff = max(encogDiff, Math.abs(e - encog.weight(l, j, i)));
                    moved = max(moved, Math.abs(e - c.network().layer(l).weight(j, i)));
                    count++;
                }
                double e = engine.layer(l).bias(j);
                bestDiff = max(bestDiff, Math.abs(e - best.bias(l, j)));
                handDiff = max(handDiff, Math.abs(e - hand.bias(l, j)));
                encogDiff = max(encogDiff, Math.abs(e - encog.bias(l, j)));
                moved = max(moved, Math.abs(e - c.network().layer(l).bias(j)));
                count++;
            }
        }
        return new Result(c.name(), count, bestDiff, handDiff, encogDiff, moved);
    }

    // Math.max, except that a NaN difference is kept (Math.max would too, but say so: NaN must fail).
    private static double max(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }
}
