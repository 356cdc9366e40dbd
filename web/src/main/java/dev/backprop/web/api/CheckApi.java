package dev.backprop.web.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.check.CheckResult;
import dev.backprop.engine.check.Checker;
import dev.backprop.engine.json.Limits;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.web.Json;
import dev.backprop.web.SolveGate;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/check} (contract §3): a problem and a student's answers in, a mark for each
 * answer out, with the known mistake that explains a wrong one. The request is read and checked
 * inside the server's {@link SolveGate}, shared with the solver and the pages.
 *
 * <pre>{@code
 * curl -s -H 'Content-Type: application/json' \
 *      -d '{"problem": {...}, "answers": {"delta[2][0]": 0.1385}}' http://localhost:7070/api/check
 * }</pre>
 *
 * <p>Answers are numbers, or text holding one (as a spreadsheet cell would), read with the digits
 * they were written with (0.1380 is not 0.138: it claims one more digit), since an answer is
 * marked to the precision it states; empty text is a blank, listed and not marked. The optional
 * {@code "marking": {"carriedForward": 0.5}} sets the share of a mark an answer carried forward
 * from a wrong earlier one earns. A problem's own errors are named by their path in this body
 * ({@code problem.layers[2].weights}); an answer that is not a number, or names no quantity of
 * the problem, by {@code answers.<key>}.
 */
public final class CheckApi {
    /** The most answers checked in one request. */
    public static final int MAX_ANSWERS = 2_000;

    private CheckApi() {
    }

    /** Registers the route. */
    public static void register(JavalinConfig config) {
        config.routes.post("/api/check", SolveApi.json(CheckApi::check));
    }

    /** Parse → engine → JSON (inside the gate): each refusal is thrown and answered by {@link ApiErrors}. */
    static void check(Context ctx) {
        Request request = Request.read(SolveGate.body(ctx));
        ctx.contentType(ContentType.APPLICATION_JSON).result(CheckJson.toJson(request.check(), request.blank));
    }

    /**
     * Marks answers given apart from their problem, as the command line's {@code check} has them:
     * read and marked exactly as a request is, the problem's errors named by their fields in it
     * (no limits: it is the user's own file), the answers' by {@code answers.<key>}; throws
     * {@link ProblemException} listing every mistake.
     */
    public static Marked check(byte[] problem, byte[] answers, double carriedForward) {
        Request r = Request.read(problem, answers).carriedForward(carriedForward);
        return new Marked(r.check(), List.copyOf(r.blank));
    }

    /**
     * Marked answers: the result, and the keys left blank.
     *
     * @param result the marks
     * @param blank  the keys answered with empty text, not marked
     */
    public record Marked(CheckResult result, List<String> blank) {
        /** The {@code POST /api/check} answer for these marks. */
        public String json() {
            return CheckJson.toJson(result, blank);
        }
    }

    /**
     * A check request read from its body: the problem, the answers that are numbers (with their
     * digits), and the errors found so far, each named by its field.
     */
    static final class Request {
        private @Nullable Problem problem;
        private final Map<String, BigDecimal> answers = new LinkedHashMap<>();
        private final List<String> order = new ArrayList<>();
        private final List<FieldError> problemErrors = new ArrayList<>();
        private long problemMore;
        private final List<FieldError> bodyErrors = new ArrayList<>();
        private final Map<String, String> answerErrors = new HashMap<>();
        private final List<String> blank = new ArrayList<>();
        private AnswerKey.Options options = AnswerKey.Options.DEFAULT;

        /** Reads the body; throws {@link ProblemException} when it is not JSON or not an object. */
        static Request read(byte[] body) {
            JsonNode root = Json.tree(body);
            if (!root.isObject()) {
                throw ProblemException.of(ProblemJson.BODY, "must be a JSON object {\"problem\": {…}, \"answers\": {…}}");
            }
            Request r = new Request();
            Iterator<String> names = root.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("problem") && !name.equals("answers") && !name.equals("marking")) {
                    r.bodyErrors.add(new FieldError(name, "is not a field of a check request; it has \"problem\","
                            + " \"answers\" and \"marking\""));
                }
            }
            JsonNode problem = root.get("problem");
            if (problem == null || problem.isNull()) {
                r.problemErrors.add(new FieldError("problem", "is missing; send the problem as in POST /api/solve"));
            } else {
                r.readProblem(() -> ProblemJson.readMember(body, "problem", Limits.SERVER), "problem");
            }
            r.readAnswers(root.get("answers"), numberTexts(body, "answers"));
            r.readMarking(root.get("marking"));
            return r;
        }

        /**
         * Reads a problem and a sheet of answers given apart, as the command line's {@code check}
         * has them: the problem's errors named by their fields in it, with no limits (it is the
         * user's own file), the answers' by {@code answers.<key>}.
         */
        static Request read(byte[] problem, byte[] answers) {
            Request r = new Request();
            r.readProblem(() -> ProblemJson.read(problem), "");
            r.readAnswers(Json.tree(answers), numberTexts(answers, null));
            return r;
        }

        /** The carried-forward share of a mark (default 0.5). */
        Request carriedForward(double share) {
            options = options.withCarriedForward(share);
            return this;
        }

        private void readMarking(@Nullable JsonNode node) {
            Marking m = marking(node);
            bodyErrors.addAll(m.errors());
            options = options.withCarriedForward(m.share());
        }

        /**
         * The teacher's marking settings read: the share of a mark for an answer carried forward
         * (the default when left out), and the errors found, naming {@code marking} or {@code marking.<name>}.
         *
         * @param share  the share of a mark, 0 to 1
         * @param errors what is wrong with the settings
         */
        record Marking(double share, List<FieldError> errors) {
        }

        /** Reads {@code {"carriedForward": 0.5}}, or nothing. */
        static Marking marking(@Nullable JsonNode node) {
            double fallback = AnswerKey.Options.DEFAULT.carriedForward();
            List<FieldError> errors = new ArrayList<>();
            if (node == null || node.isNull()) {
                return new Marking(fallback, errors);
            }
            if (!node.isObject()) {
                errors.add(new FieldError("marking", "must be an object like {\"carriedForward\": 0.5}"));
                return new Marking(fallback, errors);
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("carriedForward")) {
                    errors.add(new FieldError("marking." + name, "is not a marking setting; the one there is is"
                            + " \"carriedForward\", the share of a mark for an answer carried forward"));
                }
            }
            JsonNode share = node.get("carriedForward");
            if (share == null || share.isNull()) {
                return new Marking(fallback, errors);
            }
            double v = share.isNumber() ? share.doubleValue() : Double.NaN;
            if (!(v >= 0 && v <= 1)) {
                errors.add(new FieldError("marking.carriedForward", "must be a number from 0 to 1 (the share of a"
                        + " mark), was " + (share.isNumber() ? share.asText() : describe(share))));
                return new Marking(fallback, errors);
            }
            return new Marking(v, errors);
        }

        /** Reads the problem, its errors named under {@code prefix} (its whole self as the prefix, when it has one). */
        private void readProblem(Supplier<Problem> reading, String prefix) {
            try {
                problem = reading.get();
            } catch (ProblemException e) {
                for (FieldError f : e.errors()) {
                    String field = prefix.isEmpty() ? f.field()
                            : f.field().equals(ProblemJson.BODY) ? prefix : prefix + "." + f.field();
                    problemErrors.add(new FieldError(field, f.message()));
                }
                problemMore = e.more();
            }
        }

        private void readAnswers(@Nullable JsonNode node, Map<String, String> texts) {
            if (node == null || node.isNull()) {
                bodyErrors.add(new FieldError("answers", "is missing; send {\"delta[2][0]\": 0.1385, …}"));
                return;
            }
            if (!node.isObject()) {
                bodyErrors.add(new FieldError("answers", "must be an object of quantity keys and numbers,"
                        + " like {\"delta[2][0]\": 0.1385}"));
                return;
            }
            if (node.size() > MAX_ANSWERS) {
                bodyErrors.add(new FieldError("answers", "has " + node.size() + " answers; at most " + MAX_ANSWERS
                        + " are checked at a time"));
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = f.getKey();
                order.add(key);
                JsonNode v = f.getValue();
                if (v.isTextual()) {
                    // text holding a number, as a spreadsheet cell would give it; empty text is a blank
                    String t = v.textValue();
                    if (t.isBlank()) {
                        blank.add(key);
                        continue;
                    }
                    BigDecimal d = Checker.parse(t);
                    if (d == null) {
                        answerErrors.put(key, "must be a number, was " + describe(v));
                    } else {
                        answers.put(key, d);
                    }
                    continue;
                }
                String text = texts.get(key);
                if (!v.isNumber() || text == null) {
                    answerErrors.put(key, "must be a number, was " + describe(v));
                    continue;
                }
                BigDecimal d = Checker.parse(text);
                if (d == null) {
                    answerErrors.put(key, Double.isNaN(v.doubleValue()) || Double.isInfinite(v.doubleValue())
                            ? "must be a finite number, was " + text
                            : "is out of range (answers are below 10^15 and have at most " + Checker.MAX_DECIMALS
                            + " decimal places), was " + (text.length() > 40 ? text.substring(0, 40) + "…" : text));
                } else {
                    answers.put(key, d);
                }
            }
        }

        private static String describe(JsonNode v) {
            if (v.isTextual()) {
                String t = v.textValue();
                return "the text \"" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "\", which is not a number";
            }
            if (v.isBoolean()) {
                return v.asText();
            }
            if (v.isNull()) {
                return "null";
            }
            return v.isArray() ? "a list" : "an object";
        }

        /**
         * The literal text of each number directly under the top-level object {@code member} (or
         * the top-level object itself, for null), as written: a tree node would keep only a double,
         * and 0.1380 would read as 0.138.
         */
        static Map<String, String> numberTexts(byte[] body, @Nullable String member) {
            Map<String, String> texts = new HashMap<>();
            try (JsonParser p = Json.parser(body)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return texts;
                }
                if (member == null) {
                    numbersOf(p, texts);
                    return texts;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    if (name.equals(member) && t == JsonToken.START_OBJECT) {
                        numbersOf(p, texts);
                    } else {
                        p.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return texts;
        }

        /**
         * Reads the object the parser has just entered to its end, keeping the literal text of each
         * number directly in it by its key (a nested value is skipped).
         */
        static void numbersOf(JsonParser p, Map<String, String> texts) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v.isNumeric()) {
                    texts.put(key, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }

        /**
         * Checks the answers, or throws every error found: the body's, the problem's, then the
         * answers' in the order they were given.
         */
        CheckResult check() {
            List<FieldError> errors = new ArrayList<>(bodyErrors);
            errors.addAll(problemErrors);
            Map<String, String> byKey = new HashMap<>(answerErrors);
            CheckResult result = null;
            if (problem != null) {
                try {
                    result = Checker.check(problem, answers, options);
                } catch (ProblemException e) {
                    for (FieldError f : e.errors()) {
                        if (f.field().startsWith("answers.") && answers.containsKey(f.field().substring("answers.".length()))) {
                            byKey.put(f.field().substring("answers.".length()), f.message());
                        } else {
                            errors.add(new FieldError("problem." + f.field(), f.message()));
                        }
                    }
                }
            }
            for (String key : order) {
                String why = byKey.get(key);
                if (why != null) {
                    errors.add(new FieldError("answers." + key, why));
                }
            }
            if (!errors.isEmpty() || result == null) {
                throw new ProblemException(errors, problemMore);
            }
            return result;
        }
    }
}
