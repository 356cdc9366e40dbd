package dev.backprop.engine.nn;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found with a problem or its training, each naming its field. */
public final class ProblemException extends IllegalArgumentException {
    private final List<FieldError> errors;

    /** An exception carrying the given errors (at least one). */
    public ProblemException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** An exception for a single field. */
    public static ProblemException of(String field, String message) {
        return new ProblemException(List.of(new FieldError(field, message)));
    }

    /** The errors, in the order found. */
    public List<FieldError> errors() {
        return errors;
    }
}
