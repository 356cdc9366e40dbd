package dev.backprop.engine.classroom;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.backprop.engine.check.Diagnosis;
import dev.backprop.engine.check.QuantityResult;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.trace.Quantity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A class's CSV files: the list of students, the class's answers, and the gradebook. Rows and
 * columns in messages count from 1, the header row being row 1, as a spreadsheet shows them.
 * Commas separate cells; a file whose header row has none but has semicolons or tabs (as some
 * spreadsheets save) is read with those.
 *
 * <pre>{@code
 * List<String> ids = ClassCsv.students("student,name\ns001,Ada\ns002,Alan\n");
 * List<ClassMarking.Submission> subs = ClassCsv.answers(csv, week3, Notation.Profile.SEED, ids);
 * String gradebook = ClassCsv.gradebook(ClassMarking.mark(week3, subs, AnswerKey.Options.DEFAULT));
 * }</pre>
 */
public final class ClassCsv {
    /** The heading of the column of student ids. */
    public static final String STUDENT = "student";
    /** The heading of an optional column of variant codes, checked against each student's variant. */
    public static final String CODE = "code";

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).build();
    private static final Pattern GRADIENT = Pattern.compile("^[∂d][a-z]*/[∂d]");

    private ClassCsv() {
    }

    /**
     * The student ids in a CSV file: the column headed {@code student} (or {@code id}) when the
     * first row has one, otherwise the first column of every row (a plain list, one id a line).
     * Blank rows are skipped. Throws {@link ProblemException} naming {@code row r, column c} for
     * a file that cannot be read.
     */
    public static List<String> students(String csv) {
        List<List<String>> rows = rows(csv);
        List<String> ids = new ArrayList<>();
        if (rows.isEmpty()) {
            return ids;
        }
        int column = 0;
        int first = 0;
        List<String> head = rows.get(0);
        for (int c = 0; c < head.size(); c++) {
            String h = head.get(c).strip().toLowerCase(Locale.ROOT);
            if (h.equals(STUDENT) || h.equals("id") || h.equals("student id")) {
                column = c;
                first = 1;
                break;
            }
        }
        for (int r = first; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String id = column < row.size() ? row.get(column).strip() : "";
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * A class's answers: a header row with a {@code student} column, then one column per asked
     * quantity headed by its key ({@code delta[2][0]}) or its name in the notation
     * ({@code δ_o1}, {@code delta_o1}, {@code W31} for the updated weight, {@code dW31} or
     * {@code ∂L/∂W31} for its gradient; see {@link #heading}), and optionally a {@code code}
     * column, which must hold each student's own variant's code. Each row is a student's answers;
     * an empty cell is a blank, and blank rows are skipped. {@code classIds}, when not null, is the
     * class: a student not in it is refused. Throws {@link ProblemException} with every problem
     * found, each naming its row and column: a missing {@code student} column, a heading that is no
     * asked quantity, a cell that is not a number, an unknown or repeated student, a wrong code.
     */
    public static List<ClassMarking.Submission> answers(String csv, Variants variants, Notation.Profile profile,
                                                        @Nullable List<String> classIds) {
        List<List<String>> rows = rows(csv);
        List<FieldError> errors = new ArrayList<>();
        if (rows.isEmpty()) {
            throw ProblemException.of("row 1", "the file is empty; its first row names the columns: student, then"
                    + " one column per asked quantity");
        }
        List<String> head = rows.get(0);
        Map<String, String> names = headings(variants, profile);
        int studentColumn = -1;
        int codeColumn = -1;
        String[] keys = new String[head.size()];
        Map<String, Integer> seenKeys = new HashMap<>();
        for (int c = 0; c < head.size(); c++) {
            String h = head.get(c).strip();
            String where = "row 1, column " + (c + 1);
            if (h.equalsIgnoreCase(STUDENT) || h.equalsIgnoreCase("id") || h.equalsIgnoreCase("student id")) {
                if (studentColumn >= 0) {
                    errors.add(new FieldError(where, "a second student column (the first is column " + (studentColumn + 1) + ")"));
                }
                studentColumn = c;
                continue;
            }
            if (h.equalsIgnoreCase(CODE)) {
                codeColumn = c;
                continue;
            }
            if (h.isEmpty()) {
                errors.add(new FieldError(where, "has no heading; head it with a quantity's key or name, or delete the column"));
                continue;
            }
            String key = names.get(h);
            if (key == null) {
                key = names.get(normalise(h));
            }
            if (key == null) {
                errors.add(new FieldError(where, "“" + shorten(h) + "” " + unknownHeading(h, variants)));
                continue;
            }
            Integer before = seenKeys.putIfAbsent(key, c);
            if (before != null) {
                errors.add(new FieldError(where, "“" + shorten(h) + "” is " + key + " again (also column " + (before + 1) + ")"));
                continue;
            }
            keys[c] = key;
        }
        if (studentColumn < 0) {
            errors.add(new FieldError("row 1", "has no student column: head the column of student ids “student”"));
        }
        Set<String> inClass = classIds == null ? null : Set.copyOf(classIds);
        Map<String, Integer> seenStudents = new HashMap<>();
        List<ClassMarking.Submission> out = new ArrayList<>();
        for (int r = 1; r < rows.size() && studentColumn >= 0; r++) {
            List<String> row = rows.get(r);
            String line = "row " + (r + 1);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            if (out.size() >= Variants.MAX_STUDENTS) {
                errors.add(new FieldError(line, "is past " + Variants.MAX_STUDENTS + " students, the most in a class"));
                break;
            }
            if (row.size() > head.size()) {
                errors.add(new FieldError(line + ", column " + (head.size() + 1), "has " + row.size()
                        + " cells; the header row has " + head.size()));
            }
            String id = cell(row, studentColumn);
            String where = line + ", column " + (studentColumn + 1);
            if (id.isEmpty()) {
                errors.add(new FieldError(where, "has answers but no student id"));
                continue;
            }
            if (inClass != null && !inClass.contains(id)) {
                errors.add(new FieldError(where, "“" + shorten(id) + "” is not in the class"));
                continue;
            }
            Integer before = seenStudents.putIfAbsent(id, r + 1);
            if (before != null) {
                errors.add(new FieldError(where, "“" + shorten(id) + "” already has answers in row " + before));
                continue;
            }
            String why = Variants.idProblem(id);
            if (why != null) {
                errors.add(new FieldError(where, why));
                continue;
            }
            if (codeColumn >= 0) {
                String typed = cell(row, codeColumn);
                if (!typed.isEmpty()) {
                    String code = variants.variant(id).code();
                    if (!VariantCode.normalise(typed).map(code::equals).orElse(false)) {
                        errors.add(new FieldError(line + ", column " + (codeColumn + 1), "the code “" + shorten(typed)
                                + "” is not the one on " + id + "'s handout (" + code + ")"));
                    }
                }
            }
            Map<String, String> answers = new LinkedHashMap<>();
            for (int c = 0; c < head.size(); c++) {
                if (keys[c] == null) {
                    continue;
                }
                String text = cell(row, c);
                if (!text.isEmpty() && dev.backprop.engine.check.Checker.parse(text) == null) {
                    errors.add(new FieldError(line + ", column " + (c + 1) + " (" + keys[c] + ")", "“" + shorten(text)
                            + "” is not a number; write it like 0.1385, -0.0105 or 1.2e-3"));
                }
                answers.put(keys[c], text);
            }
            out.add(new ClassMarking.Submission(id, answers));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(errors);
        }
        return out;
    }

    private static String unknownHeading(String h, Variants variants) {
        Quantity q = Quantity.parse(h).orElse(null);
        if (q != null) {
            return "is not asked in this exercise";
        }
        return "is neither the key nor the name of an asked quantity (" + String.join(", ", variants.ask().subList(0,
                Math.min(4, variants.ask().size()))) + (variants.ask().size() > 4 ? ", …" : "") + ")";
    }

    private static String cell(List<String> row, int c) {
        return c < row.size() ? row.get(c).strip() : "";
    }

    /**
     * The headings the answers file may use for each asked quantity, by heading: its key, its
     * name in the notation as printed (δ_o1, W₃₁^new), and that name {@link #normalise normalised}.
     * A normalised name two quantities share is left out: those need their key.
     */
    public static Map<String, String> headings(Variants variants, Notation.Profile profile) {
        Notation n = Notation.of(variants.exercise().template(), profile);
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> normal = new HashMap<>();
        Set<String> shared = new java.util.HashSet<>();
        for (String k : variants.ask()) {
            out.put(k, k);
            Quantity q = Quantity.parse(k).orElseThrow();
            String printed = n.text(q);
            out.putIfAbsent(printed, k);
            for (String name : List.of(normalise(printed), normalise(k))) {
                String was = normal.putIfAbsent(name, k);
                if (was != null && !was.equals(k)) {
                    shared.add(name);
                }
            }
        }
        normal.keySet().removeAll(shared);
        normal.forEach(out::putIfAbsent);
        return out;
    }

    /** The heading printed for a quantity in the notation: δ_o1, ∂L/∂W₃₁, W₃₁^new. */
    public static String heading(Variants variants, Notation.Profile profile, String key) {
        return Notation.of(variants.exercise().template(), profile).text(Quantity.parse(key).orElseThrow());
    }

    /**
     * A heading as compared: compatibility-normalised (W₃₁ is W31, w₅⁺ is w5+), lower case,
     * without spaces, underscores, carets, braces, brackets or parentheses, {@code delta} as δ, a
     * gradient's ∂L/∂ (or dL/d, ∂E_total/∂, ∂C/∂) as a single d, and the mark of an updated value
     * (new, +, ′, ') dropped: so {@code W31}, {@code W_31^new} and {@code W₃₁⁺} are one heading,
     * {@code dW31} and {@code ∂L/∂W₃₁} another.
     */
    static String normalise(String heading) {
        String s = Normalizer.normalize(heading, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = s.replaceAll("[\\s_^{}()\\[\\]⁽⁾]", "").replace("delta", "δ");
        s = GRADIENT.matcher(s).replaceFirst("d");
        s = s.replaceAll("(new|\\+|′|')$", "");
        return s;
    }

    private static List<List<String>> rows(String csv) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        char separator = separator(text);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).with(schema).readValues(text)) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
                if (rows.size() > Variants.MAX_STUDENTS + 50) {
                    throw ProblemException.of("row " + rows.size(), "the file has more rows than a class of "
                            + Variants.MAX_STUDENTS + " students needs");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw ProblemException.of("row " + (rows.size() + 1), "cannot be read as CSV: "
                    + firstLine(e.getMessage()));
        }
        return rows;
    }

    private static char separator(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        if (first.indexOf(',') >= 0) {
            return ',';
        }
        if (first.indexOf(';') >= 0) {
            return ';';
        }
        return first.indexOf('\t') >= 0 ? '\t' : ',';
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "malformed";
        }
        String line = message.lines().findFirst().orElse("malformed");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /**
     * The gradebook (contract §5): a header row, then one row per student — {@code student},
     * {@code code}, {@code correct} (right or carried forward), {@code total}, then for each asked
     * quantity its answer as written, its mark ({@code right}, {@code carried-forward},
     * {@code wrong}, {@code blank}) and its diagnosis (the mistake made in that step, when a known
     * one explains it); then {@code marks}, the marks earned. A cell that a spreadsheet would take
     * for a formula (beginning with =, +, @, a tab or a carriage return) is written with a leading
     * apostrophe.
     */
    public static String gradebook(ClassMarking marked) {
        List<String> ask = marked.variants().ask();
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of(STUDENT, CODE, "correct", "total"));
        for (String k : ask) {
            head.add(k);
            head.add(k + " mark");
            head.add(k + " diagnosis");
        }
        head.add("marks");
        rows.add(head);
        for (ClassMarking.Student s : marked.students()) {
            List<String> row = new ArrayList<>(List.of(safe(s.student()), s.code(), Integer.toString(s.correct()),
                    Integer.toString(s.total())));
            for (String k : ask) {
                QuantityResult r = s.result(k).orElse(null);
                row.add(r == null ? "" : s.answers().get(k));
                row.add(s.mark(k).code());
                Diagnosis d = r == null || r.mark() != QuantityResult.Mark.WRONG ? null : r.diagnosis();
                row.add(d == null ? "" : d.code());
            }
            row.add(BigDecimal.valueOf(s.marks()).stripTrailingZeros().toPlainString());
            rows.add(row);
        }
        try {
            return CSV.writer(CsvSchema.emptySchema().withLineSeparator("\r\n"))
                    .without(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS).writeValueAsString(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell a spreadsheet will not run as a formula. */
    private static String safe(String cell) {
        return !cell.isEmpty() && "=+@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }
}
