package dev.backprop.engine.render;

import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Which steps a page or an export shows. A small network shows every step. A big one shows its
 * layers in matrix form, the loss, and one neuron's full working when asked for (by name, e.g.
 * {@code h3}); that neuron's incoming weights come {@value #WEIGHTS_PER_PAGE} at a time, so no page
 * grows large.
 *
 * @param big    whether the network is big
 * @param layer  the chosen neuron's layer, or −1 for none
 * @param neuron the chosen neuron's index in its layer, or −1
 * @param name   its name, e.g. {@code h3}, or ""
 * @param from   the first incoming weight shown
 * @param fanIn  how many incoming weights the chosen neuron has (0 for none)
 * @param batch  the samples per update (for which sample's forward pass is shown in each update)
 * @param samples the samples in the data set
 */
public record Selection(boolean big, int layer, int neuron, String name, int from, int fanIn, int batch, int samples) {
    /** Incoming weights shown per page of one neuron's working. */
    public static final int WEIGHTS_PER_PAGE = 32;

    /**
     * The selection for a worked problem and the page's parameters; an unknown neuron name or
     * offset falls back to none and to the first weights.
     */
    public static Selection of(Worked w, @Nullable String neuronName, @Nullable String fromParam) {
        int batch = w.problem().effectiveBatchSize();
        int samples = w.problem().samples().size();
        if (!w.big()) {
            return new Selection(false, -1, -1, "", 0, 0, batch, samples);
        }
        int[] at = w.notation().parseNeuron(neuronName);
        if (at == null) {
            return new Selection(true, -1, -1, "", 0, 0, batch, samples);
        }
        String name = neuronName == null ? "" : neuronName;
        int fanIn = w.problem().network().size(at[0] - 1);
        int from = 0;
        if (fromParam != null && fromParam.matches("\\d{1,6}")) {
            from = Integer.parseInt(fromParam);
            from = from >= fanIn ? 0 : from - from % WEIGHTS_PER_PAGE;
        }
        return new Selection(true, at[0], at[1], name, from, fanIn, batch, samples);
    }

    /** Whether one neuron is chosen. */
    public boolean focused() {
        return layer >= 1;
    }

    /** Which steps to show. */
    public Predicate<Step> filter() {
        if (!big) {
            return s -> true;
        }
        int batches = (samples + batch - 1) / batch;
        return s -> {
            Quantity q = s.quantity();
            // A big batch's forward pass is shown for its first sample; gradients still average them all.
            boolean first = q.sample() == (q.update() - 1) % batches * batch;
            if (q.kind().state().isPresent()) {
                return focused() && q.layer() == layer && q.row() == neuron
                        && (q.kind().ofBias() || q.col() >= from && q.col() < from + WEIGHTS_PER_PAGE);
            }
            switch (q.kind()) {
                case LOSS:
                    return first;
                case LOSS_BEFORE, LOSS_AFTER:
                    return true;
                case Z, A, DELTA:
                    return focused() && q.layer() == layer && q.row() == neuron && first;
                case DB, B:
                    return focused() && q.layer() == layer && q.row() == neuron;
                case DW, W:
                    return focused() && q.layer() == layer && q.row() == neuron
                            && q.col() >= from && q.col() < from + WEIGHTS_PER_PAGE;
                default:
                    return false;
            }
        };
    }
}
