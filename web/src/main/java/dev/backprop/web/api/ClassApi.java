package dev.backprop.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.engine.check.Diagnosis;
import dev.backprop.engine.classroom.ClassCsv;
import dev.backprop.engine.classroom.ClassMarking;
import dev.backprop.engine.classroom.Variant;
import dev.backprop.engine.classroom.Variants;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.web.Json;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.web.SolveGate;
import dev.backprop.web.worksheet.Blanks;
import dev.backprop.web.worksheet.Worksheets;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A class's exercise over JSON: {@code POST /api/variants} (contract §4) gives each student their
 * own numbers, code, answers and worksheet link; {@code POST /api/mark} (§5) marks each student's
 * answers against their own variant, with error carried forward, and sums up the class — as JSON,
 * or with {@code Accept: text/csv} as the gradebook. Both are read, drawn and marked inside the
 * server's {@link SolveGate}, like the other JSON routes; a class has at most
 * {@value Variants#MAX_STUDENTS} students (fewer on a larger network: students × worked quantities
 * at most {@value Variants#MAX_WORK}).
 *
 * <pre>{@code
 * curl -s -H 'Content-Type: application/json' -d @class.json http://localhost:7070/api/variants
 * curl -s -H 'Content-Type: application/json' -H 'Accept: text/csv' -d @answers.json http://localhost:7070/api/mark
 * }</pre>
 *
 * <p>Beyond the contract, each variant has {@code draws} (how many sets of numbers were drawn) and
 * {@code warnings} (what keeps its numbers from teaching as they should, when no draw avoided it);
 * each marked student {@code carriedForward} (how many of {@code correct} were carried forward),
 * {@code marks} and {@code blank}; each quantity of the summary {@code right} (right from the exact
 * values), so that {@code correct} = {@code right} + {@code carriedForward}; and the answer's
 * {@code mostCommonMistake}.
 */
public final class ClassApi {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CSV = "text/csv; charset=utf-8";

    private ClassApi() {
    }

    /** Registers the routes. */
    public static void register(JavalinConfig config) {
        config.routes.post("/api/variants", SolveApi.json(ClassApi::variants));
        config.routes.post("/api/mark", SolveApi.json(ClassApi::mark));
    }

    /** A class's variants (inside the gate). */
    static void variants(Context ctx) {
        ClassRequest r = ClassRequest.variants(SolveGate.body(ctx));
        List<Variant> variants = r.variants().variants(r.students());
        ObjectNode o = NODES.objectNode();
        ArrayNode list = o.putArray("variants");
        for (Variant v : variants) {
            list.add(variant(v));
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(text(o));
    }

    /** One variant as contract §4 writes it. */
    public static ObjectNode variant(Variant v) {
        ObjectNode o = NODES.objectNode();
        o.put("student", v.student());
        o.put("code", v.code());
        o.set("problem", Json.tree(ProblemJson.toJson(v.problem())));
        ArrayNode ask = o.putArray("ask");
        v.ask().forEach(ask::add);
        ObjectNode answers = o.putObject("answers");
        v.answers().forEach((k, x) -> answers.set(k, Json.number(x)));
        o.put("worksheet", worksheet(v));
        o.put("draws", v.draws());
        ArrayNode warnings = o.putArray("warnings");
        for (Variant.Warning w : v.warnings()) {
            warnings.addObject().put("quantity", w.quantity()).put("message", w.message());
        }
        return o;
    }

    /** The relative link to the student's blank worksheet: their problem, their asked quantities. */
    public static String worksheet(Variant v) {
        return Worksheets.link(ProblemJson.toJson(v.problem()), Blanks.Ask.CHOSEN, v.ask(), NumberStyle.DEFAULT);
    }

    /** A class marked (inside the gate): JSON, or the gradebook CSV for {@code Accept: text/csv}. */
    static void mark(Context ctx) {
        ClassRequest r = ClassRequest.mark(SolveGate.body(ctx));
        ClassMarking marked = ClassMarking.mark(r.variants(), r.submissions(), r.options());
        if (wantsCsv(ctx.header("Accept"))) {
            ctx.contentType(CSV).header("Content-Disposition", "attachment; filename=\"gradebook.csv\"")
                    .result(ClassCsv.gradebook(marked));
            return;
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(text(marking(marked)));
    }

    /** Whether the client asks for CSV before JSON. */
    static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        int csv = a.indexOf("text/csv");
        int json = a.indexOf("application/json");
        return csv >= 0 && (json < 0 || csv < json);
    }

    /** A class marked as contract §5 writes it. */
    public static ObjectNode marking(ClassMarking marked) {
        ObjectNode o = NODES.objectNode();
        ArrayNode students = o.putArray("students");
        for (ClassMarking.Student s : marked.students()) {
            ObjectNode so = CheckJson.write(s.result(), s.blank());
            ObjectNode st = NODES.objectNode();
            st.put("student", s.student());
            st.put("code", s.code());
            st.set("results", so.get("results"));
            st.put("correct", s.correct());
            st.put("total", s.total());
            st.put("carriedForward", s.result().carriedForward());
            st.put("marks", s.marks());
            st.set("blank", so.has("blank") ? so.get("blank") : NODES.arrayNode());
            students.add(st);
        }
        ObjectNode summary = o.putObject("summary");
        for (Map.Entry<String, ClassMarking.Summary> e : marked.summary().entrySet()) {
            ClassMarking.Summary q = e.getValue();
            ObjectNode qo = summary.putObject(e.getKey());
            qo.put("correct", q.correct());
            qo.put("right", q.right());
            qo.put("carriedForward", q.carriedForward());
            qo.put("wrong", q.wrong());
            qo.put("blank", q.blank());
            ObjectNode d = qo.putObject("diagnoses");
            for (Map.Entry<Diagnosis, Integer> n : q.diagnoses().entrySet()) {
                d.put(n.getKey().code(), n.getValue());
            }
        }
        marked.mostCommonMistake().ifPresentOrElse(c -> o.putObject("mostCommonMistake")
                        .put("diagnosis", c.diagnosis().code()).put("count", c.count()).put("students", c.students())
                        .put("quantity", c.quantity()).put("example", c.example()),
                () -> o.putNull("mostCommonMistake"));
        return o;
    }

    private static String text(ObjectNode o) {
        return Json.write(o);
    }
}
