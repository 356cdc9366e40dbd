package dev.backprop.engine.trace;

import java.util.List;
import java.util.Optional;

/**
 * The first update, worked: each layer's values ({@link LayerUpdate}, indexed like the problem's
 * layers) and every step in the order a person writes them.
 *
 * @param layers the layers' records, layer 0 (the input) first
 * @param steps  the worked solution
 */
public record Trace(List<LayerUpdate> layers, List<Step> steps) {
    /** Copies the lists. */
    public Trace {
        layers = List.copyOf(layers);
        steps = List.copyOf(steps);
    }

    /** The step that computes the quantity with this key, if any. */
    public Optional<Step> step(String key) {
        return steps.stream().filter(s -> s.quantity().key().equals(key)).findFirst();
    }
}
