package dev.backprop.engine.classroom;

import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.check.CheckResult;
import dev.backprop.engine.check.Checker;
import dev.backprop.engine.check.Diagnosis;
import dev.backprop.engine.check.QuantityResult;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.ProblemException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A class marked (contract §5): each student's answers against their own variant, as
 * {@link Checker} marks them (right, carried forward from their own earlier answers, or wrong with
 * the known mistake that explains it), a blank where they wrote nothing; then the class at a
 * glance: per asked quantity how many right, carried forward, wrong and blank, and which mistakes
 * how often, and the class's most common mistake.
 *
 * <pre>{@code
 * ClassMarking marked = ClassMarking.mark(week3, List.of(
 *         new ClassMarking.Submission("s001", Map.of("delta[2][0]", "-0.0105", "W[2][0][0]", ""))),
 *         AnswerKey.Options.DEFAULT);
 * marked.students().get(0).correct();                 // right or carried forward
 * marked.summary().get("delta[2][0]").diagnoses();    // {SIGN_FLIPPED=2, …}
 * marked.mostCommonMistake();                          // the class's most frequent diagnosis
 * }</pre>
 */
public final class ClassMarking {
    private final Variants variants;
    private final List<Student> students;
    private final Map<String, Summary> summary;

    private ClassMarking(Variants variants, List<Student> students, Map<String, Summary> summary) {
        this.variants = variants;
        this.students = List.copyOf(students);
        this.summary = Collections.unmodifiableMap(summary);
    }

    /**
     * One student's answers, as written: by quantity key, text holding a number ({@code "0.1385"},
     * {@code "-1.2e-3"}); an empty text, or an asked quantity left out, is a blank.
     *
     * @param student the student's id
     * @param answers the answers by key
     */
    public record Submission(String student, Map<String, String> answers) {
        /** Copies the answers, keeping their order. */
        public Submission {
            answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        }
    }

    /** How one asked quantity of one student is marked, with the codes of contract §5's gradebook. */
    public enum Mark {
        /** Agrees with the exact value (or the problem's rounding rule). */
        RIGHT("right"),
        /** Right from the student's own earlier answers. */
        CARRIED_FORWARD("carried-forward"),
        /** Neither. */
        WRONG("wrong"),
        /** Nothing written. */
        BLANK("blank");

        private final String code;

        Mark(String code) {
            this.code = code;
        }

        /** The gradebook's code, e.g. {@code carried-forward}. */
        public String code() {
            return code;
        }
    }

    /**
     * One student marked against their variant.
     *
     * @param variant the student's variant
     * @param result  the marks of the answers written (blanks are not in it)
     * @param answers the answers as written, by key, blanks left out
     * @param blank   the asked quantities left blank, in the order asked
     */
    public record Student(Variant variant, CheckResult result, Map<String, String> answers, List<String> blank) {
        /** Copies the collections. */
        public Student {
            answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
            blank = List.copyOf(blank);
        }

        /** The student's id. */
        public String student() {
            return variant.student();
        }

        /** The code of their variant. */
        public String code() {
            return variant.code();
        }

        /** As contract §5 counts: answers right, and answers carried forward from their own earlier ones. */
        public int correct() {
            return result.correct() + result.carriedForward();
        }

        /** How many quantities were asked. */
        public int total() {
            return variant.ask().size();
        }

        /** The marks earned: 1 per right answer, the carried-forward share (or 1) per carried-forward one. */
        public double marks() {
            return result.marks();
        }

        /** How an asked quantity is marked. */
        public Mark mark(String key) {
            QuantityResult r = result.result(key).orElse(null);
            if (r == null) {
                return Mark.BLANK;
            }
            return switch (r.mark()) {
                case RIGHT -> Mark.RIGHT;
                case CARRIED_FORWARD -> Mark.CARRIED_FORWARD;
                case WRONG -> Mark.WRONG;
            };
        }

        /** The result for an asked quantity, when the student answered it. */
        public Optional<QuantityResult> result(String key) {
            return result.result(key);
        }
    }

    /**
     * One asked quantity across the class.
     *
     * @param right          answers right
     * @param carriedForward answers carried forward from the students' own earlier answers
     * @param wrong          answers wrong
     * @param blank          quantities left blank
     * @param diagnoses      how often each known mistake explains a wrong answer, most frequent first
     */
    public record Summary(int right, int carriedForward, int wrong, int blank, Map<Diagnosis, Integer> diagnoses) {
        /** Copies the map, keeping its order. */
        public Summary {
            diagnoses = Collections.unmodifiableMap(new LinkedHashMap<>(diagnoses));
        }

        /** As contract §5 counts: right and carried forward. */
        public int correct() {
            return right + carriedForward;
        }

        /** Every student counted once: right + carried forward + wrong + blank. */
        public int total() {
            return right + carriedForward + wrong + blank;
        }
    }

    /**
     * The class's most common mistake.
     *
     * @param diagnosis the mistake
     * @param count     how many wrong answers it explains, over every quantity
     * @param students  how many students made it
     * @param quantity  the asked quantity where it was made most often (the first of those)
     * @param example   a student who made it there: the first in the class
     */
    public record Common(Diagnosis diagnosis, int count, int students, String quantity, String example) {
    }

    /**
     * Marks every submission against its student's variant (the carried-forward share of
     * {@code options}; the asked quantities are the variants'). Throws {@link ProblemException}
     * with every problem found: {@code submissions} when there are more than
     * {@link Variants#MAX_STUDENTS} or none, {@code submissions[i].student} for an id that cannot be
     * used or is listed twice, {@code submissions[i].answers.<key>} for a key that is not asked or
     * an answer that is not a number.
     */
    public static ClassMarking mark(Variants variants, List<Submission> submissions, AnswerKey.Options options) {
        List<FieldError> errors = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Submission s : submissions) {
            ids.add(s.student());
        }
        for (FieldError e : variants.checkStudents(ids)) {
            errors.add(new FieldError(e.field().replace("students", "submissions")
                    + (e.field().startsWith("students[") ? ".student" : ""), e.message()));
        }
        Set<String> asked = Set.copyOf(variants.ask());
        List<Map<String, BigDecimal>> parsed = new ArrayList<>();
        for (int i = 0; i < submissions.size() && i < Variants.MAX_STUDENTS; i++) {
            Map<String, BigDecimal> numbers = new LinkedHashMap<>();
            for (Map.Entry<String, String> a : submissions.get(i).answers().entrySet()) {
                String field = "submissions[" + i + "].answers." + a.getKey();
                String text = a.getValue();
                if (!asked.contains(a.getKey())) {
                    errors.add(new FieldError(field, "is not asked in this exercise; it asks " + describe(variants.ask())));
                } else if (text != null && !text.isBlank()) {
                    BigDecimal d = Checker.parse(text);
                    if (d == null) {
                        errors.add(new FieldError(field, "\"" + shorten(text) + "\" is not a number"));
                    } else if (d.abs().compareTo(Checker.MAX_MAGNITUDE) >= 0 || d.scale() > Checker.MAX_DECIMALS) {
                        errors.add(new FieldError(field, "\"" + shorten(text) + "\" is out of range (below 10^15, at most "
                                + Checker.MAX_DECIMALS + " decimal places)"));
                    } else {
                        numbers.put(a.getKey(), d);
                    }
                }
            }
            parsed.add(numbers);
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(errors);
        }
        AnswerKey.Options opts = options.withAsked(variants.ask());
        List<Student> students = new ArrayList<>();
        for (int i = 0; i < submissions.size(); i++) {
            Submission s = submissions.get(i);
            Variant v = variants.variant(s.student());
            Map<String, BigDecimal> numbers = parsed.get(i);
            Map<String, String> written = new LinkedHashMap<>();
            List<String> blank = new ArrayList<>();
            for (String k : v.ask()) {
                if (numbers.containsKey(k)) {
                    written.put(k, s.answers().get(k).strip());
                } else {
                    blank.add(k);
                }
            }
            // marked from the text as written, so that 0.1380 claims the four places it shows
            CheckResult result = v.key().checkText(written, opts);
            students.add(new Student(v, result, written, blank));
        }
        return new ClassMarking(variants, students, summarise(variants.ask(), students));
    }

    private static Map<String, Summary> summarise(List<String> ask, List<Student> students) {
        Map<String, Summary> out = new LinkedHashMap<>();
        for (String k : ask) {
            int[] counts = new int[Mark.values().length];
            Map<Diagnosis, Integer> diagnoses = new EnumMap<>(Diagnosis.class);
            for (Student s : students) {
                counts[s.mark(k).ordinal()]++;
                s.result(k).ifPresent(r -> {
                    if (r.mark() == QuantityResult.Mark.WRONG) {
                        r.diagnoses().forEach(d -> diagnoses.merge(d, 1, Integer::sum));
                    }
                });
            }
            out.put(k, new Summary(counts[0], counts[1], counts[2], counts[3], byCount(diagnoses)));
        }
        return out;
    }

    /** The counts, most frequent first (ties in the vocabulary's order). */
    private static Map<Diagnosis, Integer> byCount(Map<Diagnosis, Integer> counts) {
        List<Map.Entry<Diagnosis, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> b.getValue() - a.getValue() != 0 ? b.getValue() - a.getValue()
                : a.getKey().compareTo(b.getKey()));
        Map<Diagnosis, Integer> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String describe(List<String> keys) {
        return keys.size() <= 6 ? String.join(", ", keys) : String.join(", ", keys.subList(0, 6)) + " and "
                + (keys.size() - 6) + " more";
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** The class's variants. */
    public Variants variants() {
        return variants;
    }

    /** Every student marked, in the order submitted. */
    public List<Student> students() {
        return students;
    }

    /** Per asked quantity, in the order asked: the class's marks and mistakes. */
    public Map<String, Summary> summary() {
        return summary;
    }

    /**
     * The mistake that explains the most wrong answers across the class (ties: the one more
     * students made, then the vocabulary's order), where it was made most often, and the first
     * student who made it there; empty when no wrong answer is explained by a known mistake.
     */
    public Optional<Common> mostCommonMistake() {
        Map<Diagnosis, Integer> total = new EnumMap<>(Diagnosis.class);
        Map<Diagnosis, Set<String>> who = new EnumMap<>(Diagnosis.class);
        for (Map.Entry<String, Summary> e : summary.entrySet()) {
            e.getValue().diagnoses().forEach((d, n) -> total.merge(d, n, Integer::sum));
        }
        for (Student s : students) {
            for (QuantityResult r : s.result().results()) {
                if (r.mark() == QuantityResult.Mark.WRONG) {
                    for (Diagnosis d : r.diagnoses()) {
                        who.computeIfAbsent(d, x -> new HashSet<>()).add(s.student());
                    }
                }
            }
        }
        Diagnosis best = null;
        for (Diagnosis d : total.keySet()) {
            if (best == null || total.get(d) > total.get(best)
                    || total.get(d).equals(total.get(best)) && who.get(d).size() > who.get(best).size()) {
                best = d;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String where = null;
        int most = 0;
        for (Map.Entry<String, Summary> e : summary.entrySet()) {
            int n = e.getValue().diagnoses().getOrDefault(best, 0);
            if (n > most) {
                most = n;
                where = e.getKey();
            }
        }
        return Optional.of(new Common(best, total.get(best), who.get(best).size(), where, firstWith(best, where)));
    }

    /** The first student whose answer to this quantity the mistake explains ("" when none does). */
    private String firstWith(Diagnosis d, String key) {
        for (Student s : students) {
            QuantityResult r = s.result(key).orElse(null);
            if (r != null && r.mark() == QuantityResult.Mark.WRONG && r.diagnoses().contains(d)) {
                return s.student();
            }
        }
        return "";
    }

    /** The student's result by id, if they are in the class. */
    public Optional<Student> student(String id) {
        return students.stream().filter(s -> s.student().equals(id)).findFirst();
    }
}
