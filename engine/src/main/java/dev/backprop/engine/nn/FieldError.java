package dev.backprop.engine.nn;

/**
 * One problem with a user's input, naming its field by its path in the contract's JSON form
 * (e.g. {@code layers[2].weights}).
 *
 * @param field   the path of the field
 * @param message what is wrong, in words a user understands
 */
public record FieldError(String field, String message) {
}
