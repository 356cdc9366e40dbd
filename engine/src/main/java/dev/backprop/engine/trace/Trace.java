package dev.backprop.engine.trace;

import java.util.List;
import java.util.NoSuchElementException;
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

    /** The step that computes the quantity with this key ({@code "delta[2][0]"}), if any. */
    public Optional<Step> step(String key) {
        return steps.stream().filter(s -> s.quantity().key().equals(key)).findFirst();
    }

    /** The step that computes this quantity ({@code Quantity.delta(2, 0)}), if any. */
    public Optional<Step> step(Quantity quantity) {
        return steps.stream().filter(s -> s.quantity().equals(quantity)).findFirst();
    }

    /**
     * The value of this quantity in the first update ({@code Quantity.w(2, 0, 0)} is the weight
     * after it); throws {@link NoSuchElementException} naming the key when no step computes it.
     */
    public double value(Quantity quantity) {
        return step(quantity).orElseThrow(() -> new NoSuchElementException(
                "the first update has no quantity " + quantity.key())).value();
    }
}
