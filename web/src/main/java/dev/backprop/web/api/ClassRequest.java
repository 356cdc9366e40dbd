package dev.backprop.web.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.classroom.ClassMarking;
import dev.backprop.engine.classroom.Exercise;
import dev.backprop.engine.classroom.Variants;
import dev.backprop.engine.json.ExerciseJson;
import dev.backprop.engine.json.Limits;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.web.Json;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/variants} and {@code POST /api/mark} (contract §4, §5) read: the
 * exercise, the asked quantities and the salt both share, then the class's student ids or its
 * submissions. Every error found is kept, each naming its field as the body does:
 * {@code exercise.<field>}, {@code ask[i]}, {@code salt}, {@code students[i]},
 * {@code submissions[i].student}, {@code submissions[i].answers.<key>}.
 */
final class ClassRequest {
    private final List<FieldError> errors = new ArrayList<>();
    private long more;
    private @Nullable Variants variants;
    private final List<String> students = new ArrayList<>();
    private final List<ClassMarking.Submission> submissions = new ArrayList<>();
    private AnswerKey.Options options = AnswerKey.Options.DEFAULT;

    private ClassRequest() {
    }

    /** Reads a variants request: {@code exercise}, {@code ask}, {@code salt}, {@code students}. */
    static ClassRequest variants(byte[] body) {
        JsonNode root = object(body, "{\"exercise\": {…}, \"ask\": […], \"salt\": \"…\", \"students\": […]}");
        ClassRequest r = new ClassRequest();
        r.fields(root, Set.of("exercise", "ask", "salt", "students"));
        r.readVariants(root);
        r.readStudents(root.get("students"));
        if (r.variants != null && r.errors.isEmpty()) {
            r.errors.addAll(r.variants.checkStudents(r.students));
        }
        return r.done();
    }

    /** Reads a marking request: {@code exercise}, {@code ask}, {@code salt}, {@code submissions}, {@code marking}. */
    static ClassRequest mark(byte[] body) {
        JsonNode root = object(body, "{\"exercise\": {…}, \"ask\": […], \"salt\": \"…\", \"submissions\": […]}");
        ClassRequest r = new ClassRequest();
        r.fields(root, Set.of("exercise", "ask", "salt", "submissions", "marking"));
        r.readVariants(root);
        r.readSubmissions(root.get("submissions"), body);
        CheckApi.Request.Marking m = CheckApi.Request.marking(root.get("marking"));
        r.errors.addAll(m.errors());
        r.options = AnswerKey.Options.DEFAULT.withCarriedForward(m.share());
        return r.done();
    }

    private static JsonNode object(byte[] body, String shape) {
        JsonNode root = Json.tree(body);
        if (!root.isObject()) {
            throw ProblemException.of(ProblemJson.BODY, "must be a JSON object " + shape);
        }
        return root;
    }

    private ClassRequest done() {
        if (!errors.isEmpty()) {
            throw new ProblemException(errors, more);
        }
        return this;
    }

    private void fields(JsonNode root, Set<String> known) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "is not a field of this request; it has " + String.join(", ",
                        known.stream().sorted().map(k -> "\"" + k + "\"").toList())));
            }
        }
    }

    private void readVariants(JsonNode root) {
        Exercise exercise = null;
        JsonNode e = root.get("exercise");
        if (e == null || e.isNull()) {
            errors.add(new FieldError("exercise", "is missing; send a problem (as for POST /api/solve) whose weights,"
                    + " biases or samples may be left out to be drawn for each student"));
        } else {
            try {
                exercise = ExerciseJson.read(Json.write(e), Limits.SERVER);
            } catch (ProblemException x) {
                for (FieldError f : x.errors()) {
                    errors.add(new FieldError(f.field().equals(ProblemJson.BODY) ? "exercise" : "exercise." + f.field(),
                            f.message()));
                }
                more = x.more();
            }
        }
        List<String> ask = new ArrayList<>();
        JsonNode a = root.get("ask");
        if (a == null || a.isNull()) {
            errors.add(new FieldError("ask", "is missing; list the quantities asked: kinds (delta, dW, W …) or keys"
                    + " like delta[2][0]"));
        } else if (!a.isArray()) {
            errors.add(new FieldError("ask", "must be a list like [\"delta\", \"W[2][0][0]\"]"));
        } else if (a.size() > CheckApi.MAX_ANSWERS) {
            errors.add(new FieldError("ask", "has " + a.size() + " entries; at most " + CheckApi.MAX_ANSWERS));
        } else {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    ask.add(a.get(i).textValue());
                } else {
                    errors.add(new FieldError("ask[" + i + "]", "must be a kind or a quantity key in quotes"));
                }
            }
        }
        String salt = "";
        JsonNode s = root.get("salt");
        if (s != null && !s.isNull()) {
            if (s.isTextual()) {
                salt = s.textValue();
            } else {
                errors.add(new FieldError("salt", "must be text, like \"week-3\""));
            }
        }
        if (exercise != null && errors.isEmpty()) {
            try {
                variants = Variants.of(exercise, ask, salt);
            } catch (ProblemException x) {
                errors.addAll(x.errors());
            }
        }
    }

    private void readStudents(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("students", "is missing; list the students' ids, like [\"s001\", \"s002\"]"));
            return;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("students", "must be a list of ids, like [\"s001\", \"s002\"]"));
            return;
        }
        if (node.size() > Variants.MAX_STUDENTS) {
            errors.add(new FieldError("students", "has " + node.size() + " students; a class has at most "
                    + Variants.MAX_STUDENTS));
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            if (id.isTextual()) {
                students.add(id.textValue());
            } else if (id.isIntegralNumber()) {
                students.add(id.asText()); // a spreadsheet's number column: the id as written
            } else {
                errors.add(new FieldError("students[" + i + "]", "must be an id in quotes, like \"s001\""));
            }
        }
    }

    private void readSubmissions(@Nullable JsonNode node, byte[] body) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("submissions", "is missing; send [{\"student\": \"s001\", \"answers\":"
                    + " {\"delta[2][0]\": \"-0.0105\"}}, …]"));
            return;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("submissions", "must be a list of {\"student\": …, \"answers\": {…}}"));
            return;
        }
        if (node.size() > Variants.MAX_STUDENTS) {
            errors.add(new FieldError("submissions", "has " + node.size() + " students; a class has at most "
                    + Variants.MAX_STUDENTS));
            return;
        }
        Map<Integer, Map<String, String>> texts = numberTexts(body);
        int answers = 0;
        for (int i = 0; i < node.size(); i++) {
            JsonNode sub = node.get(i);
            String at = "submissions[" + i + "]";
            if (!sub.isObject()) {
                errors.add(new FieldError(at, "must be an object {\"student\": …, \"answers\": {…}}"));
                continue;
            }
            Iterator<String> names = sub.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("student") && !name.equals("answers")) {
                    errors.add(new FieldError(at + "." + name, "is not a field of a submission; it has \"student\" and"
                            + " \"answers\""));
                }
            }
            JsonNode id = sub.get("student");
            String student = null;
            if (id != null && (id.isTextual() || id.isIntegralNumber())) {
                student = id.asText();
            } else {
                errors.add(new FieldError(at + ".student", id == null ? "is missing; give the student's id"
                        : "must be the student's id in quotes"));
            }
            Map<String, String> written = new LinkedHashMap<>();
            JsonNode a = sub.get("answers");
            if (a != null && !a.isNull() && !a.isObject()) {
                errors.add(new FieldError(at + ".answers", "must be an object of quantity keys and numbers"));
            } else if (a != null && a.isObject()) {
                answers += a.size();
                if (answers > Variants.MAX_WORK) {
                    errors.add(new FieldError(at + ".answers", "brings the class's answers past "
                            + Variants.MAX_WORK + ", more than one request marks"));
                    return;
                }
                Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    JsonNode v = f.getValue();
                    if (v.isTextual()) {
                        written.put(f.getKey(), v.textValue());
                    } else if (v.isNull()) {
                        written.put(f.getKey(), "");
                    } else if (v.isNumber()) {
                        // the number's digits as written: 0.1380 claims four places
                        written.put(f.getKey(), texts.getOrDefault(i, Map.of()).getOrDefault(f.getKey(), v.asText()));
                    } else {
                        errors.add(new FieldError(at + ".answers." + f.getKey(), "must be a number, or text holding one"));
                    }
                }
            }
            if (student != null) {
                submissions.add(new ClassMarking.Submission(student, written));
            } else {
                submissions.add(new ClassMarking.Submission("", written)); // keeps the indices; refused above
            }
        }
    }

    /**
     * The literal text of each number under {@code submissions[i].answers}, by submission and key,
     * as written (a tree node keeps only a double).
     */
    private static Map<Integer, Map<String, String>> numberTexts(byte[] body) {
        Map<Integer, Map<String, String>> texts = new HashMap<>();
        try (JsonParser p = Json.parser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return texts;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (!name.equals("submissions") || t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                int i = 0;
                for (JsonToken s = p.nextToken(); s != JsonToken.END_ARRAY; s = p.nextToken(), i++) {
                    if (s != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        continue;
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        if (!field.equals("answers") || v != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        CheckApi.Request.numbersOf(p, texts.computeIfAbsent(i, k -> new HashMap<>()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    /** The class's variants. */
    Variants variants() {
        return java.util.Objects.requireNonNull(variants);
    }

    /** The student ids of a variants request, in the order given. */
    List<String> students() {
        return students;
    }

    /** The submissions of a marking request, in the order given. */
    List<ClassMarking.Submission> submissions() {
        return submissions;
    }

    /** The teacher's marking options. */
    AnswerKey.Options options() {
        return options;
    }
}
