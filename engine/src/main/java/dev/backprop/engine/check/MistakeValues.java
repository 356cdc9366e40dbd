package dev.backprop.engine.check;

import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The values the checker's known mistakes give for the quantities of an answer key's first
 * update, as the checker works them when it looks for the mistake behind a wrong answer: each
 * mistake possible in the problem made in the quantity's own step on the true values of its
 * operands ({@link #inStep}), made throughout the calculation from the start ({@link #throughout}),
 * and for a weight or weight gradient the value of the one with its indices swapped. Worked as
 * they are asked for, so a caller that stops early pays only for what it read: {@link #inStep}
 * costs one replay of the calculation in all, each mistake made throughout one replay of its own
 * (kept by the answer key). Not safe to share between threads; make one per thread.
 *
 * <pre>{@code
 * MistakeValues values = key.mistakes();
 * values.inStep("W[2][0][0]");                        // update-direction, learning-rate-omitted, …
 * for (MistakeValues.Throughout t : values.throughout()) {
 *     Double v = t.value("delta[1][0]");              // null where the mistake leaves it undefined
 * }
 * }</pre>
 */
public final class MistakeValues {
    private final AnswerKey key;
    private final List<Throughout> throughout = new ArrayList<>();
    private @Nullable Replay truth;

    MistakeValues(AnswerKey key) {
        this.key = key;
        for (Mistake m : Mistake.values()) {
            if (m.possibleIn(key.problem())) {
                throughout.add(new Throughout(m));
            }
        }
    }

    /**
     * The values of the mistakes made in this quantity's own step, on the true values of its
     * operands, and (for a weight or weight gradient) of the one with its indices swapped; a
     * mistake that leaves the value undefined gives none, one that does not change it the right
     * value. Throws {@link IllegalArgumentException} for a key the first update does not have.
     */
    public List<MistakeValue> inStep(String k) {
        Step s = key.step(k);
        if (truth == null) {
            // The true values worked again (a replay of its own: working a step again with a mistake
            // in it changes the replay's state while it runs).
            truth = Replay.run(key.problem(), key.trail(), key.problem().rounding(), Replay.Inputs.NONE, null,
                    key.steps().size() - 1);
        }
        List<MistakeValue> values = new ArrayList<>();
        for (Throughout t : throughout) {
            if (t.mistake.changesLocally(s.getClass())) {
                Double v = finite(truth.local(s, t.mistake));
                if (v != null) {
                    values.add(new MistakeValue(t.mistake.diagnosis(), MistakeValue.Where.IN_STEP, v));
                }
            }
        }
        Quantity q = s.quantity();
        if ((q.kind() == Quantity.Kind.W || q.kind() == Quantity.Kind.DW) && q.row() != q.col()) {
            String swapped = new Quantity(q.kind(), q.layer(), q.col(), q.row(), q.sample()).key();
            if (key.has(swapped)) {
                values.add(new MistakeValue(Diagnosis.SWAPPED_INDICES, MistakeValue.Where.TRANSPOSED, key.exact(swapped)));
            }
        }
        return values;
    }

    /** The mistakes possible in this problem, each made throughout the calculation, in the order the checker tries them. */
    public List<Throughout> throughout() {
        return List.copyOf(throughout);
    }

    private static @Nullable Double finite(Replay.@Nullable Val v) {
        if (v == null) {
            return null;
        }
        double x = v.value().doubleValue();
        return Double.isFinite(x) ? x : null;
    }

    /** One known mistake made in every step it applies to, from the start of the calculation. */
    public final class Throughout {
        private final Mistake mistake;

        private Throughout(Mistake mistake) {
            this.mistake = mistake;
        }

        /** What the checker names the mistake. */
        public Diagnosis diagnosis() {
            return mistake.diagnosis();
        }

        /**
         * The value the mistake gives for a quantity (the right one when it does not change it), or
         * null where it leaves it undefined; the first call works the whole calculation with it.
         */
        public @Nullable Double value(String k) {
            key.step(k);
            return finite(key.pureGlobal(mistake).computed(k));
        }

        /**
         * Whether the mistake reaches this quantity through a value the student does not write
         * down: one its step reads (worked with the mistake) that the mistake changes and that is
         * not among {@code written}. Where every changed value it reads is written, the student's
         * own answers carry the mistake, and the checker marks this quantity as worked from them.
         */
        public boolean reachesUnwritten(String k, Set<String> written) {
            Replay r = key.pureGlobal(mistake);
            for (String read : r.reads(key.index(k))) {
                if (written.contains(read) || !key.has(read)) {
                    continue;
                }
                Replay.Val v = r.computed(read);
                double truth = key.step(read).value();
                if (v == null || !same(v.value().doubleValue(), truth)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean same(double u, double v) {
        return Math.abs(u - v) <= 1e-12 * Math.max(Math.max(Math.abs(u), Math.abs(v)), 1e-300);
    }
}
