package dev.backprop.web.api;

import dev.backprop.engine.nn.FieldError;
import java.util.List;

/** A request refused before its problem is read (wrong content type, server busy), with its HTTP status. */
public final class RequestException extends RuntimeException {
    private final int status;
    private final transient List<FieldError> errors;

    /** A refusal with the given status and a single error. */
    public RequestException(int status, String field, String message) {
        super(field + ": " + message);
        this.status = status;
        this.errors = List.of(new FieldError(field, message));
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** The errors, in the contract's {@code errors} form. */
    public List<FieldError> errors() {
        return errors;
    }
}
