package dev.backprop.engine.trace;

/**
 * A named value a formula is instantiated with: which quantity, and its value at that point.
 *
 * @param quantity the quantity
 * @param value    its value
 */
public record Operand(Quantity quantity, double value) {
    /** The operand's key. */
    public String key() {
        return quantity.key();
    }
}
