package dev.backprop.engine.nn;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every problem found with a problem or its training, each naming its field. At most
 * {@link #MAX_LISTED} are listed; {@link #more()} counts the rest, so that a body with sixty
 * thousand bad values is answered with a page of them, not megabytes.
 */
public final class ProblemException extends IllegalArgumentException {
    /** The most errors one exception lists; the rest are only counted. */
    public static final int MAX_LISTED = 100;

    private final List<FieldError> errors;
    private final long more;

    /** An exception carrying the given errors (at least one); beyond {@link #MAX_LISTED} they are counted, not kept. */
    public ProblemException(List<FieldError> errors) {
        this(errors, 0);
    }

    /**
     * An exception carrying the given errors and a count of further errors found but not listed;
     * beyond {@link #MAX_LISTED} listed errors, the rest join that count.
     */
    public ProblemException(List<FieldError> errors, long more) {
        super(message(errors, more));
        if (more < 0) {
            throw new IllegalArgumentException("a count of further errors cannot be negative, was " + more);
        }
        int listed = Math.min(errors.size(), MAX_LISTED);
        this.errors = List.copyOf(errors.subList(0, listed));
        this.more = more + (errors.size() - listed);
    }

    /** An exception for a single field. */
    public static ProblemException of(String field, String message) {
        return new ProblemException(List.of(new FieldError(field, message)));
    }

    /** The errors listed, in the order found: at most {@link #MAX_LISTED}. */
    public List<FieldError> errors() {
        return errors;
    }

    /** How many further errors were found and not listed (0 when every error is listed). */
    public long more() {
        return more;
    }

    /** The sentence that says how many errors are not listed, e.g. "… and 59,900 more mistakes, not listed". */
    public static String moreSentence(long more) {
        return String.format(Locale.ROOT, "… and %,d more mistake%s, not listed: fix these and send the problem again",
                more, more == 1 ? "" : "s");
    }

    private static String message(List<FieldError> errors, long more) {
        long total = errors.size() + more;
        String listed = errors.stream().limit(MAX_LISTED).map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; "));
        long rest = total - Math.min(errors.size(), MAX_LISTED);
        return rest == 0 ? listed : listed + "; " + moreSentence(rest);
    }
}
