package dev.backprop.engine.render;

import dev.backprop.engine.trace.Step;
import java.util.List;

/**
 * One step of the worked solution written as mathematics, independent of the output format: the
 * quantity on the left, then lines such as "= formula", "= numbers", "= value", and any remarks.
 *
 * @param step  the engine's step this derives from
 * @param lhs   the quantity computed, e.g. δ_o1
 * @param lines the right-hand sides, in order; the last is the value
 * @param notes remarks, such as which weights a hidden δ uses
 */
public record Derivation(Step step, Expr lhs, List<Line> lines, List<Prose> notes) {
    /** Copies the lists. */
    public Derivation {
        lines = List.copyOf(lines);
        notes = List.copyOf(notes);
    }

    /**
     * One line of a derivation: a relation (=, ≈, or "" for a line continuing the one before) and
     * the right-hand side.
     *
     * @param relation "=", "≈" or "" for a continuation
     * @param rhs      the right-hand side
     */
    public record Line(String relation, Expr rhs) {
    }

    /** An HTML id and URL fragment for this step, e.g. {@code q-delta-2-0} for {@code delta[2][0]}. */
    public String anchor() {
        return anchor(step.quantity().key());
    }

    /** The anchor for a quantity key. */
    public static String anchor(String key) {
        // runs of '[', ']' and '@' become one '-', and none is left at the end: delta[2][0] → q-delta-2-0;
        // an update's ':' becomes "-u", so that delta[1][0]:2 (q-delta-1-0-u2) is not delta[1][0]@2 (q-delta-1-0-2)
        StringBuilder sb = new StringBuilder(key.length() + 4).append("q-");
        boolean run = false;
        for (int k = 0; k < key.length(); k++) {
            char ch = key.charAt(k);
            if (ch == ':') {
                sb.append("-u");
                run = false;
                continue;
            }
            boolean separator = ch == '[' || ch == ']' || ch == '@';
            if (!separator) {
                if (run) {
                    sb.append('-');
                }
                sb.append(ch);
            }
            run = separator;
        }
        return sb.toString();
    }
}
