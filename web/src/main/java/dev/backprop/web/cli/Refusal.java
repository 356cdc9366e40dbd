package dev.backprop.web.cli;

import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.ProblemException;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's input refused: what to print on standard error, one mistake a line, each naming the
 * file and the field; the command exits with status 2.
 */
final class Refusal extends RuntimeException {
    private final List<String> lines;

    private Refusal(List<String> lines) {
        super(String.join("; ", lines), null, false, false);
        this.lines = List.copyOf(lines);
    }

    /** Every mistake of a problem or an answers file, each as {@code file: field: message}. */
    static Refusal of(String file, ProblemException e) {
        List<String> lines = new ArrayList<>();
        for (FieldError f : e.errors()) {
            lines.add(file + ": " + f.field() + ": " + f.message());
        }
        if (e.more() > 0) {
            lines.add(file + ": " + ProblemException.moreSentence(e.more()));
        }
        return new Refusal(lines);
    }

    /** One line about a file as a whole (it cannot be read, it is too large). */
    static Refusal of(String file, String message) {
        return new Refusal(List.of(file + ": " + message));
    }

    /** The lines for standard error. */
    List<String> lines() {
        return lines;
    }
}
