package dev.backprop.web.form;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.web.Json;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The form checked as a problem: every value that is not a number, and every mistake the engine's
 * reader finds in the rest (shapes, names, pairings, limits), each at its field.
 *
 * <pre>{@code
 * Submission sub = Submission.check(state);
 * if (sub.ok()) redirect("/solve?problem=" + ProblemJson.toJson(sub.problem()));
 * }</pre>
 *
 * @param problem the problem, or null when there are errors
 * @param json    the form as contract JSON (with any bad values as text)
 * @param errors  every mistake, each naming its field (the engine's first ones)
 * @param more    further mistakes the engine found and did not list
 */
public record Submission(Problem problem, ObjectNode json, List<FieldError> errors, long more) {
    /** Copies the list. */
    public Submission {
        errors = List.copyOf(errors);
    }

    /** Whether the form makes a problem. */
    public boolean ok() {
        return problem != null && errors.isEmpty();
    }

    /** Checks a form. */
    public static Submission check(FormState state) {
        FormState.Converted converted = state.toJson();
        List<FieldError> errors = new ArrayList<>(converted.errors());
        Set<String> reported = new HashSet<>();
        for (FieldError e : errors) {
            reported.add(e.field());
        }
        Problem problem = null;
        long more = 0;
        try {
            problem = Json.problem(converted.json());
        } catch (ProblemException e) {
            more = e.more();
            for (FieldError fe : e.errors()) {
                // The form's own message ("“abc” is not a number") replaces the reader's at the same field.
                if (!reported.contains(fe.field())) {
                    errors.add(fe);
                }
            }
        }
        return new Submission(errors.isEmpty() ? problem : null, converted.json(), errors, more);
    }
}
