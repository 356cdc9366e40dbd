package dev.backprop.engine.classroom;

import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.nn.Problem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One student's variant of a class's exercise (contract §4): the full problem with the student's
 * own numbers, the quantities asked, their exact values, and the code printed on the handout.
 * Its {@link #key()} marks the student's answers.
 */
public final class Variant {
    private final String student;
    private final String code;
    private final Problem problem;
    private final List<String> ask;
    private final Map<String, Double> answers;
    private final Map<String, Double> worked;
    private final int draws;
    private final List<Warning> warnings;
    private final AnswerKey key;

    Variant(String student, String code, Problem problem, List<String> ask, AnswerKey key, int draws,
            List<Warning> warnings) {
        this.student = student;
        this.code = code;
        this.problem = problem;
        this.ask = List.copyOf(ask);
        this.key = key;
        this.draws = draws;
        this.warnings = List.copyOf(warnings);
        Map<String, Double> exact = new LinkedHashMap<>();
        Map<String, Double> asWorked = new LinkedHashMap<>();
        for (String k : ask) {
            exact.put(k, key.exact(k));
            asWorked.put(k, key.step(k).value());
        }
        this.answers = Collections.unmodifiableMap(exact);
        this.worked = Collections.unmodifiableMap(asWorked);
    }

    /** The student's id, as given. */
    public String student() {
        return student;
    }

    /** The code printed on the handout, e.g. {@code K7QF-2MX} (see {@link VariantCode}). */
    public String code() {
        return code;
    }

    /** The full problem with the student's numbers (contract §1). */
    public Problem problem() {
        return problem;
    }

    /** The keys of the quantities asked, in the order of the worked solution. */
    public List<String> ask() {
        return ask;
    }

    /** The exact value of every asked quantity, by key, in the order asked. */
    public Map<String, Double> answers() {
        return answers;
    }

    /**
     * The value of every asked quantity as worked under the problem's rounding rule (rounded as you
     * go); the same as {@link #answers()} when the problem has none.
     */
    public Map<String, Double> worked() {
        return worked;
    }

    /** How many sets of numbers were drawn before these were accepted (1 when nothing is drawn). */
    public int draws() {
        return draws;
    }

    /**
     * What keeps these numbers from teaching as they should (a saturated unit, two mistakes that
     * give nearly the same value), when no draw within {@link Variants#MAX_DRAWS} avoided it, or when
     * nothing is drawn; empty for a variant that passed every test.
     */
    public List<Warning> warnings() {
        return warnings;
    }

    /** The answer key of this variant, solved once, for marking the student's answers. */
    public AnswerKey key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Variant v && student.equals(v.student) && code.equals(v.code) && problem.equals(v.problem)
                && ask.equals(v.ask);
    }

    @Override
    public int hashCode() {
        return Objects.hash(student, code, problem, ask);
    }

    @Override
    public String toString() {
        return "Variant[" + student + ", " + code + "]";
    }

    /**
     * Something about a variant's numbers a teacher should know.
     *
     * @param quantity the quantity it concerns (a key), or "" for the variant as a whole
     * @param message  what it is, in words
     */
    public record Warning(String quantity, String message) {
    }
}
