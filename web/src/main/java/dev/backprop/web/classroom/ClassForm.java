package dev.backprop.web.classroom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.classroom.ClassCsv;
import dev.backprop.engine.classroom.ClassMarking;
import dev.backprop.engine.classroom.Variant;
import dev.backprop.engine.classroom.Variants;
import dev.backprop.engine.json.ExerciseJson;
import dev.backprop.engine.json.Limits;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.web.Json;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.render.Notation;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The teacher's page as typed: the exercise (JSON, with what is drawn left out), the kinds and keys
 * asked, the salt, the student ids (typed, or a CSV file's column), whether handouts carry hints,
 * the notation, and the class's answers (pasted CSV, or a file). An uploaded file's text takes the
 * place of its field's, so that what was read is shown back in the field. {@link #variants()} and
 * {@link #marking()} work the class out, and {@link #errors()} says, by field, what could not be.
 */
final class ClassForm {
    /** The kinds a teacher can tick, in the order of the worked solution. */
    static final List<String> KINDS = List.of("z", "a", "loss", "delta", "dW", "db", "W", "b");
    /** The kinds ticked on a new page. */
    static final List<String> DEFAULT_KINDS = List.of("delta", "dW", "W");
    /** The longest text a field keeps. */
    static final int MAX_FIELD = 400_000;

    final String exercise;
    final List<String> kinds;
    final String keys;
    final String salt;
    final String students;
    final boolean hints;
    final Notation.Profile profile;
    final String answers;
    /** The errors by field of the form: exercise, ask, salt, students, answers. */
    private final Map<String, List<FieldError>> errors = new LinkedHashMap<>();
    private @Nullable Variants variants;
    private @Nullable List<String> ids;

    ClassForm(String exercise, List<String> kinds, String keys, String salt, String students, boolean hints,
              Notation.Profile profile, String answers) {
        this.exercise = exercise;
        this.kinds = List.copyOf(kinds);
        this.keys = keys;
        this.salt = salt;
        this.students = students;
        this.hints = hints;
        this.profile = profile;
        this.answers = answers;
    }

    /** A new page's form: the exercise made from a problem (its weights, biases and samples to be drawn), or the seed's. */
    static ClassForm start(@Nullable Problem from, Notation.Profile profile) {
        return new ClassForm(exerciseText(from), DEFAULT_KINDS, "", "", "", false, profile, "");
    }

    /**
     * The exercise text for a problem: its shape, activations, loss and conventions as they are, its
     * weights, biases and samples left out to be drawn (the samples as a count).
     */
    static String exerciseText(@Nullable Problem from) {
        if (from == null) {
            return "{\n  \"layers\": [{\"size\": 2}, {\"size\": 2, \"activation\": \"sigmoid\"}, {\"size\": 1,"
                    + " \"activation\": \"sigmoid\"}],\n  \"loss\": \"half-squared-error\",\n  \"learningRate\": 0.5,\n"
                    + "  \"samples\": 1\n}";
        }
        ObjectNode o = (ObjectNode) Json.tree(ProblemJson.toJson(from));
        for (JsonNode layer : (ArrayNode) o.get("layers")) {
            ((ObjectNode) layer).remove("weights");
            ((ObjectNode) layer).remove("biases");
        }
        int count = from.samples().size();
        o.put("samples", Math.max(1, Math.min(count, dev.backprop.engine.classroom.Exercise.MAX_DRAWN_SAMPLES)));
        // a given value was stated for the problem's own numbers: the drawn ones have their own
        o.remove("given");
        return Json.pretty(o);
    }

    /** Reads the form's fields (urlencoded or multipart); an uploaded file replaces its field's text. */
    static ClassForm read(Context ctx) {
        String exercise = field(ctx, "exercise");
        List<String> kinds = new ArrayList<>();
        for (String k : ctx.formParams("ask")) {
            if (KINDS.contains(k) && !kinds.contains(k)) {
                kinds.add(k);
            }
        }
        String students = field(ctx, "students");
        String answers = field(ctx, "answers");
        List<FieldError> uploads = new ArrayList<>();
        if (ctx.isMultipartFormData()) {
            String s = upload(ctx, "studentsFile", uploads);
            if (s != null) {
                students = s;
            }
            String a = upload(ctx, "answersFile", uploads);
            if (a != null) {
                answers = a;
            }
        }
        ClassForm f = new ClassForm(exercise, kinds, field(ctx, "keys"), field(ctx, "salt"), students,
                ctx.formParam("hints") != null, Notation.Profile.byId(ctx.formParam("notation")).orElse(Notation.Profile.SEED),
                answers);
        for (FieldError e : uploads) {
            f.error(e.field().startsWith("students") ? "students" : "answers", e);
        }
        return f;
    }

    private static String field(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null) {
            return "";
        }
        return v.length() > MAX_FIELD ? v.substring(0, MAX_FIELD) : v;
    }

    /** An uploaded file's text, or null when none was chosen. */
    private static @Nullable String upload(Context ctx, String name, List<FieldError> errors) {
        UploadedFile file = ctx.uploadedFile(name);
        if (file == null || file.size() == 0) {
            return null;
        }
        if (file.size() > MAX_FIELD) {
            errors.add(new FieldError(name.replace("File", ""), "the file " + file.filename() + " has " + file.size()
                    + " bytes; at most " + MAX_FIELD));
            return null;
        }
        try (InputStream in = file.content()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            errors.add(new FieldError(name.replace("File", ""), "the file " + file.filename() + " could not be read"));
            return null;
        }
    }

    /** The asked kinds and keys, as the engine reads them. */
    List<String> ask() {
        List<String> ask = new ArrayList<>(kinds);
        for (String k : keys.split("[\\s,;]+")) {
            if (!k.isBlank()) {
                ask.add(k.strip());
            }
        }
        return ask;
    }

    /** The class's variants, or null (with the errors by field) when the exercise, ask or salt cannot be used. */
    @Nullable Variants variants() {
        if (variants != null || !errors.isEmpty()) {
            return variants;
        }
        try {
            variants = Variants.of(ExerciseJson.read(exercise, Limits.SERVER), ask(), salt);
        } catch (ProblemException e) {
            for (FieldError f : e.errors()) {
                String at = f.field();
                if (at.equals("salt")) {
                    error("salt", f);
                } else if (at.startsWith("ask")) {
                    error("ask", keyed(f));
                } else {
                    error("exercise", new FieldError(at.equals(ProblemJson.BODY) ? "exercise" : "exercise." + at,
                            f.message()));
                }
            }
        }
        return variants;
    }

    /** An error of ask[i] named by what was asked: the kinds ticked come first, then the keys typed. */
    private FieldError keyed(FieldError f) {
        return new FieldError(f.field().equals("ask") ? "ask" : "keys", f.message());
    }

    /** The student ids, one a line or a CSV's student column; null (with errors) when they cannot be used. */
    @Nullable List<String> ids() {
        if (ids != null) {
            return ids;
        }
        Variants v = variants();
        if (v == null) {
            return null;
        }
        List<String> list;
        try {
            list = ClassCsv.students(students);
        } catch (ProblemException e) {
            e.errors().forEach(x -> error("students", new FieldError("students, " + x.field(), x.message())));
            return null;
        }
        List<FieldError> bad = v.checkStudents(list);
        if (!bad.isEmpty()) {
            for (FieldError x : bad) {
                // students[i] is line i + 1 of what was typed
                String at = x.field().startsWith("students[") ? "student " + (Integer.parseInt(x.field()
                        .substring(9, x.field().length() - 1)) + 1) + " (" + shorten(list.get(Integer.parseInt(x.field()
                        .substring(9, x.field().length() - 1)))) + ")" : "students";
                error("students", new FieldError(at, x.message()));
            }
            return null;
        }
        ids = list;
        return list;
    }

    /** Each student's variant, or null with errors. */
    @Nullable List<Variant> classVariants() {
        List<String> list = ids();
        return list == null ? null : variants().variants(list);
    }

    /** The class marked from the answers, or null (with errors naming the row and column) when it cannot be. */
    @Nullable ClassMarking marking() {
        List<String> list = ids();
        if (list == null) {
            return null;
        }
        if (answers.isBlank()) {
            error("answers", new FieldError("answers", "paste the class's answers (a CSV with a student column) or"
                    + " choose the file"));
            return null;
        }
        try {
            List<ClassMarking.Submission> subs = ClassCsv.answers(answers, variants(), profile, list);
            return ClassMarking.mark(variants(), subs, AnswerKey.Options.DEFAULT);
        } catch (ProblemException e) {
            e.errors().forEach(x -> error("answers", x));
            return null;
        }
    }

    private static String shorten(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…" : s;
    }

    void error(String field, FieldError e) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(e);
    }

    /** The errors by field of the form. */
    Map<String, List<FieldError>> errors() {
        return errors;
    }

    /** Whether any field has an error. */
    boolean failed() {
        return !errors.isEmpty();
    }

    /** The notation's id, lower case. */
    String notation() {
        return profile.id().toLowerCase(Locale.ROOT);
    }
}
