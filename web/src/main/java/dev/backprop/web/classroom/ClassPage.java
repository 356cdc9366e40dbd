package dev.backprop.web.classroom;

import static j2html.TagCreator.a;
import static j2html.TagCreator.b;
import static j2html.TagCreator.button;
import static j2html.TagCreator.caption;
import static j2html.TagCreator.code;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.fieldset;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.legend;
import static j2html.TagCreator.li;
import static j2html.TagCreator.link;
import static j2html.TagCreator.main;
import static j2html.TagCreator.option;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.select;
import static j2html.TagCreator.span;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.textarea;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import dev.backprop.engine.check.Diagnosis;
import dev.backprop.engine.check.QuantityResult;
import dev.backprop.engine.classroom.ClassMarking;
import dev.backprop.engine.classroom.Variant;
import dev.backprop.engine.classroom.Variants;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.render.Derivation;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.web.api.ClassApi;
import dev.backprop.web.form.Presets;
import dev.backprop.web.math.El;
import dev.backprop.web.view.Html;
import dev.backprop.web.view.Layout;
import dev.backprop.web.view.Links;
import j2html.tags.DomContent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The teacher's page: the form (the exercise, what is asked, the class, the salt, the answers),
 * and below it what was asked for: the class's variants with codes and worksheet links, or the
 * class marked — the most common mistake in words linked to the worked step, a table and a heat map
 * of quantities × mistakes, and the gradebook. Everything typed is kept, errors at their fields.
 */
final class ClassPage {
    private ClassPage() {
    }

    /** The page's model: the form, and the variants or the marking to show (either may be null). */
    record Model(ClassForm form, @Nullable List<Variant> variants, @Nullable ClassMarking marked, String base) {
    }

    /** The page. */
    static String render(Model model) {
        ClassForm f = model.form();
        List<DomContent> content = new ArrayList<>();
        content.add(link().withRel("stylesheet").withHref(ClassDocs.CSS));
        content.add(div(h1("Teach a class"),
                p("One exercise, a different set of numbers for each student: describe the exercise, list the class and"
                        + " choose a salt, then take away handouts, answer keys and a Moodle file. After the lesson, paste"
                        + " or upload the class's answers to mark every student against their own numbers.").withClass("lede"))
                .withClass("intro"));
        if (f.failed()) {
            content.add(errorSummary(f));
        }
        content.add(classForm(f));
        if (model.variants() != null) {
            content.add(variantsSection(f, model.variants(), model.base()));
        }
        if (model.marked() != null) {
            content.add(markedSection(f, model.marked()));
        }
        return Layout.page("Teach a class", "class-page", main(content.toArray(new DomContent[0])));
    }

    private static DomContent errorSummary(ClassForm f) {
        List<DomContent> items = new ArrayList<>();
        for (Map.Entry<String, List<FieldError>> e : f.errors().entrySet()) {
            for (FieldError x : e.getValue()) {
                items.add(li(a(x.field()).withHref("#" + e.getKey()), text(": " + x.message())));
            }
        }
        return div(h2("Some of this cannot be used yet"), ul(items.toArray(new DomContent[0])))
                .withClass("error-summary").attr("role", "alert").withId("errors");
    }

    /** A field's errors beneath it, with the id its input's aria-describedby names. */
    private static DomContent errorsOf(ClassForm f, String field) {
        List<FieldError> list = f.errors().get(field);
        if (list == null) {
            return text("");
        }
        return ul(each(list, x -> li(x.field() + ": " + x.message()))).withClass("field-errors").withId(field + "-errors");
    }

    private static String describedBy(ClassForm f, String field) {
        return f.errors().containsKey(field) ? field + "-hint " + field + "-errors" : field + "-hint";
    }

    private static DomContent classForm(ClassForm f) {
        List<DomContent> presets = new ArrayList<>();
        for (Presets.Preset p : Presets.ALL) {
            presets.add(li(a(p.title()).withHref(Links.CLASS + "?preset=" + p.id())));
        }
        List<DomContent> kinds = new ArrayList<>();
        for (String k : ClassForm.KINDS) {
            var box = input().withType("checkbox").withName("ask").withValue(k).withId("ask-" + k);
            if (f.kinds.contains(k)) {
                box.isChecked();
            }
            kinds.add(label(box, text(" " + kindName(k))).withClass("check"));
        }
        List<DomContent> notations = new ArrayList<>();
        for (Notation.Profile p : Notation.Profile.values()) {
            var o = option(p.title()).withValue(p.id());
            if (p == f.profile) {
                o.isSelected();
            }
            notations.add(o);
        }
        var hints = input().withType("checkbox").withName("hints").withValue("on").withId("hints");
        if (f.hints) {
            hints.isChecked();
        }
        return form(
                fieldset(legend("1. The exercise"),
                        label("The exercise, as JSON").attr("for", "exercise"),
                        p("A problem as the form writes it (its JSON), in which any layer's weights and biases, and the"
                                + " samples, may be left out: what is left out is drawn for each student, what is written stays"
                                + " as written for everyone. \"samples\": 2 draws two samples. Shape, activations, loss,"
                                + " learning rate, rounding and given values are as in the form.").withClass("hint")
                                .withId("exercise-hint"),
                        textarea(f.exercise).withName("exercise").withId("exercise").attr("rows", "10")
                                .attr("spellcheck", "false").attr("aria-describedby", describedBy(f, "exercise")),
                        errorsOf(f, "exercise"),
                        div(p("Start from a preset (its numbers all drawn), or from the problem form's “Teach it to a"
                                + " class” button:"), ul(presets.toArray(new DomContent[0])).withClass("presets"))
                                .withClass("starts")),
                fieldset(legend("2. What each student works out"),
                        p("Every quantity of each kind ticked, in the first update; or name quantities by key.")
                                .withClass("hint").withId("ask-hint"),
                        div(kinds.toArray(new DomContent[0])).withClass("kinds").withId("ask"),
                        errorsOf(f, "ask"),
                        label("More quantities by key").attr("for", "keys"),
                        input().withType("text").withName("keys").withId("keys").withValue(f.keys)
                                .attr("placeholder", "e.g. z[2][0] a[2][0]").attr("aria-describedby", describedBy(f, "keys")),
                        p("Separated by spaces, as in the API: z[l][j], a[l][j], loss, delta[l][j], dW[l][j][i], db[l][j],"
                                + " W[l][j][i], b[l][j].").withClass("hint").withId("keys-hint"),
                        errorsOf(f, "keys")),
                fieldset(legend("3. The class"),
                        label("Student ids, one a line").attr("for", "students"),
                        textarea(f.students).withName("students").withId("students").attr("rows", "6")
                                .attr("spellcheck", "false").attr("aria-describedby", describedBy(f, "students")),
                        p("Or a CSV file with a column headed “student” (or “id”), as a register exports it. At most "
                                + Variants.MAX_STUDENTS + " students.").withClass("hint").withId("students-hint"),
                        label("Student list file (CSV)").attr("for", "studentsFile"),
                        input().withType("file").withName("studentsFile").withId("studentsFile").attr("accept", ".csv,.txt,text/csv,text/plain"),
                        errorsOf(f, "students"),
                        label("Salt").attr("for", "salt"),
                        input().withType("text").withName("salt").withId("salt").withValue(f.salt)
                                .attr("placeholder", "e.g. week-3").attr("aria-describedby", describedBy(f, "salt")),
                        p("Any word: the same salt gives the same numbers every time; another gives new ones (next year's"
                                + " class).").withClass("hint").withId("salt-hint"),
                        errorsOf(f, "salt"),
                        label(hints, text(" Handouts carry hints: the link to each student's online worksheet, which marks"
                                + " and can show the worked steps")).withClass("check"),
                        label("Notation").attr("for", "notation"),
                        select(notations.toArray(new DomContent[0])).withName("notation").withId("notation")),
                div(button("Make the variants").withType("submit").withName("action").withValue("variants")
                                .withClass("primary").withId("make-variants"),
                        button("Handouts").withType("submit").attr("formaction", "/class/handouts").withClass("secondary")
                                .withId("handouts"),
                        button("Answer keys").withType("submit").attr("formaction", "/class/keys").withClass("secondary")
                                .withId("keys-doc"),
                        button("Moodle XML").withType("submit").attr("formaction", "/class/moodle.xml").withClass("secondary")
                                .withId("moodle"))
                        .withClass("form-foot"),
                fieldset(legend("4. Marking the class"),
                        label("The class's answers (CSV)").attr("for", "answers"),
                        textarea(f.answers).withName("answers").withId("answers").attr("rows", "8").attr("spellcheck", "false")
                                .attr("aria-describedby", describedBy(f, "answers")),
                        p(text("A header row with a “student” column, then a column per asked quantity, headed by its key"
                                + " (delta[2][0]) or its name (δ_o1, W31); one row per student, an empty cell for a blank."
                                + " For this exercise: "), code(template(f))).withClass("hint").withId("answers-hint"),
                        label("Answers file (CSV)").attr("for", "answersFile"),
                        input().withType("file").withName("answersFile").withId("answersFile").attr("accept", ".csv,.txt,text/csv,text/plain"),
                        errorsOf(f, "answers"),
                        div(button("Mark the class").withType("submit").withName("action").withValue("mark")
                                        .withClass("primary").withId("mark"),
                                button("Gradebook CSV").withType("submit").attr("formaction", "/class/gradebook.csv")
                                        .withClass("secondary").withId("gradebook"))
                                .withClass("form-foot"))
        ).withMethod("post").withAction(Links.CLASS).attr("enctype", "multipart/form-data").withId("class-form")
                .withClass("class-form");
    }

    /** The header row an answers file for this exercise may have. */
    private static String template(ClassForm f) {
        Variants v = f.variants();
        if (v == null) {
            return "student,delta[2][0],W[2][0][0],…";
        }
        Notation n = Notation.of(v.exercise().template(), f.profile);
        StringBuilder sb = new StringBuilder("student");
        for (String k : v.ask()) {
            sb.append(',').append(n.text(Quantity.parse(k).orElseThrow()));
        }
        return sb.toString();
    }

    private static String kindName(String k) {
        return switch (k) {
            case "z" -> "z (weighted inputs)";
            case "a" -> "a (activations)";
            case "loss" -> "the loss";
            case "delta" -> "δ (error terms)";
            case "dW" -> "weight gradients";
            case "db" -> "bias gradients";
            case "W" -> "updated weights";
            default -> "updated biases";
        };
    }

    private static DomContent variantsSection(ClassForm f, List<Variant> variants, String base) {
        List<DomContent> rows = new ArrayList<>();
        for (Variant v : variants) {
            String sheet = base + ClassApi.worksheet(v);
            rows.add(tr(th(v.student()).attr("scope", "row"), td(v.code()).withClass("code"),
                    td(a("worksheet").withHref(Links.withNotation(sheet, f.profile))
                            .attr("aria-label", "worksheet of " + v.student())),
                    td(v.warnings().isEmpty() ? text("") : span(v.warnings().get(0).message()).withClass("warning"))));
        }
        return section(h2("The class's variants"),
                p(variants.size() + " students, each with their own numbers. The code on a handout names its numbers;"
                        + " each worksheet link marks its student's own variant online.").withClass("hint"),
                Html.scrolling("The class's variants", table(caption("Each student's code and online worksheet"),
                        thead(tr(th("Student").attr("scope", "col"), th("Code").attr("scope", "col"),
                                th("Online worksheet").attr("scope", "col"), th("Note").attr("scope", "col"))),
                        tbody(rows.toArray(new DomContent[0]))).withClass("data variants")),
                h2("The key table"),
                ClassDocs.keyTable(f.variants(), variants, f.profile, false)).withId("variants");
    }

    private static DomContent markedSection(ClassForm f, ClassMarking marked) {
        Notation n = Notation.of(marked.variants().exercise().template(), f.profile);
        List<DomContent> parts = new ArrayList<>();
        parts.add(h2("The class at a glance"));
        parts.add(common(marked, n, f.profile));
        parts.add(summaryTable(marked, n));
        parts.add(heatMap(marked, n));
        parts.add(h2("Gradebook"));
        parts.add(gradebook(marked, n));
        return section(parts.toArray(new DomContent[0])).withId("marked");
    }

    /** The most common mistake, in words, with a link to the step of the worked solution that shows it. */
    private static DomContent common(ClassMarking marked, Notation n, Notation.Profile profile) {
        var c = marked.mostCommonMistake().orElse(null);
        int total = marked.students().size();
        if (c == null) {
            return p("No wrong answer in the class is explained by a known mistake.").withClass("common").withId("common");
        }
        ClassMarking.Student s = marked.student(c.example()).orElseThrow();
        QuantityResult r = s.result(c.quantity()).orElseThrow();
        Quantity q = Quantity.parse(c.quantity()).orElseThrow();
        String json = ProblemJson.toJson(s.variant().problem());
        String link = Links.solve(json, profile) + "#" + Derivation.anchor(c.quantity());
        return div(p(b("The class's most common mistake: " + c.diagnosis().code().replace('-', ' ')), text(
                        " — " + c.students() + " of " + total + " students, in " + c.count() + " answers, most often in "),
                        ClassDocs.name(n, q), text(".")),
                p(text("For example " + c.example() + "'s " + n.text(q) + ": " + r.explanation().text() + " ")),
                p(a("See the step " + n.text(q) + " worked for " + c.example()).withHref(link).withId("common-step")))
                .withClass("common").withId("common");
    }

    /** The diagnoses seen in the class, most frequent first. */
    private static List<Diagnosis> seen(ClassMarking marked) {
        Map<Diagnosis, Integer> total = new EnumMap<>(Diagnosis.class);
        marked.summary().values().forEach(q -> q.diagnoses().forEach((d, k) -> total.merge(d, k, Integer::sum)));
        List<Diagnosis> list = new ArrayList<>(total.keySet());
        list.sort((x, y) -> total.get(y) - total.get(x) != 0 ? total.get(y) - total.get(x) : x.compareTo(y));
        return list;
    }

    private static DomContent summaryTable(ClassMarking marked, Notation n) {
        List<DomContent> rows = new ArrayList<>();
        for (Map.Entry<String, ClassMarking.Summary> e : marked.summary().entrySet()) {
            ClassMarking.Summary q = e.getValue();
            StringBuilder d = new StringBuilder();
            q.diagnoses().forEach((x, k) -> d.append(d.length() == 0 ? "" : ", ").append(x.code()).append(" ").append(k));
            rows.add(tr(th(ClassDocs.name(n, Quantity.parse(e.getKey()).orElseThrow())).attr("scope", "row")
                            .withTitle(e.getKey()),
                    td(Integer.toString(q.right())), td(Integer.toString(q.carriedForward())), td(Integer.toString(q.wrong())),
                    td(Integer.toString(q.blank())), td(d.toString())));
        }
        return Html.scrolling("Each quantity across the class", table(caption("Each asked quantity across the class"),
                thead(tr(th("Quantity").attr("scope", "col"), th("Right").attr("scope", "col"),
                        th("Carried forward").attr("scope", "col"), th("Wrong").attr("scope", "col"),
                        th("Blank").attr("scope", "col"), th("Mistakes").attr("scope", "col"))),
                tbody(rows.toArray(new DomContent[0]))).withClass("data summary").withId("summary"));
    }

    /** The heat map: a row per asked quantity, a column per mistake seen, each cell's shade its count. */
    static DomContent heatMap(ClassMarking marked, Notation n) {
        List<Diagnosis> cols = seen(marked);
        if (cols.isEmpty()) {
            return text("");
        }
        List<String> keys = new ArrayList<>(marked.summary().keySet());
        int max = 1;
        for (ClassMarking.Summary q : marked.summary().values()) {
            for (int k : q.diagnoses().values()) {
                max = Math.max(max, k);
            }
        }
        int left = 110;
        int top = 120;
        int cell = 34;
        int width = left + cols.size() * cell + 10;
        int height = top + keys.size() * cell + 10;
        El svg = El.el("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("viewBox", "0 0 " + width + " " + height)
                .attr("width", width).attr("height", height).attr("role", "img")
                .attr("aria-label", "Heat map: asked quantities down, mistakes across; darker is more students")
                .withClass("heat-map");
        for (int c = 0; c < cols.size(); c++) {
            int x = left + c * cell + cell / 2;
            svg.with(El.el("text").attr("transform", "translate(" + x + "," + (top - 6) + ") rotate(-55)")
                    .withClass("heat-col").withText(cols.get(c).code()));
        }
        for (int r = 0; r < keys.size(); r++) {
            String key = keys.get(r);
            int y = top + r * cell;
            svg.with(El.el("text").attr("x", left - 6).attr("y", y + cell / 2 + 4).attr("text-anchor", "end")
                    .withClass("heat-row").withText(n.text(Quantity.parse(key).orElseThrow())));
            Map<Diagnosis, Integer> d = marked.summary().get(key).diagnoses();
            for (int c = 0; c < cols.size(); c++) {
                int k = d.getOrDefault(cols.get(c), 0);
                double shade = k == 0 ? 0 : 0.15 + 0.85 * k / max;
                El rect = El.el("rect").attr("x", left + c * cell).attr("y", y).attr("width", cell - 2).attr("height", cell - 2)
                        .attr("fill-opacity", String.format(Locale.ROOT, "%.2f", shade)).withClass(k == 0 ? "heat-cell empty" : "heat-cell");
                rect.with(El.el("title").withText(n.text(Quantity.parse(key).orElseThrow()) + ", " + cols.get(c).code() + ": "
                        + k));
                svg.with(rect);
                if (k > 0) {
                    svg.with(El.el("text").attr("x", left + c * cell + cell / 2 - 1).attr("y", y + cell / 2 + 4)
                            .attr("text-anchor", "middle").withClass(shade > 0.55 ? "heat-count dark" : "heat-count")
                            .withText(Integer.toString(k)));
                }
            }
        }
        return div(svg).withClass("heat-wrap").attr("tabindex", "0").attr("role", "region")
                .attr("aria-label", "Heat map of the class's mistakes").withId("heat-map");
    }

    private static DomContent gradebook(ClassMarking marked, Notation n) {
        List<String> ask = marked.variants().ask();
        List<DomContent> head = new ArrayList<>(List.of(th("Student").attr("scope", "col"), th("Code").attr("scope", "col"),
                th("Correct").attr("scope", "col"), th("Marks").attr("scope", "col")));
        for (String k : ask) {
            head.add(th(ClassDocs.name(n, Quantity.parse(k).orElseThrow())).attr("scope", "col").withTitle(k));
        }
        List<DomContent> rows = new ArrayList<>();
        for (ClassMarking.Student s : marked.students()) {
            List<DomContent> cells = new ArrayList<>(List.of(th(s.student()).attr("scope", "row"), td(s.code()).withClass("code"),
                    td(s.correct() + " / " + s.total()), td(ClassDocs.plain(s.marks()))));
            for (String k : ask) {
                ClassMarking.Mark m = s.mark(k);
                QuantityResult r = s.result(k).orElse(null);
                String d = r == null || r.mark() != QuantityResult.Mark.WRONG || r.diagnosis() == null ? ""
                        : r.diagnosis().code();
                cells.add(td(span(symbolOf(m)).attr("aria-hidden", "true"), span(m.code() + (d.isEmpty() ? "" : ": " + d))
                        .withClass(d.isEmpty() ? "sr-only" : "diag")).withClass("mark " + m.code()).withTitle(
                        (r == null ? "blank" : s.answers().get(k)) + " — " + m.code() + (d.isEmpty() ? "" : ", " + d)));
            }
            rows.add(tr(cells.toArray(new DomContent[0])));
        }
        return Html.scrolling("The gradebook", table(caption("Each student's marks: ✓ right, ↪ carried forward from their"
                        + " own earlier answer, ✗ wrong (with the mistake, when known), – blank"),
                thead(tr(head.toArray(new DomContent[0]))), tbody(rows.toArray(new DomContent[0]))).withClass("data gradebook")
                .withId("gradebook-table"));
    }

    private static String symbolOf(ClassMarking.Mark m) {
        return switch (m) {
            case RIGHT -> "✓";
            case CARRIED_FORWARD -> "↪";
            case WRONG -> "✗";
            case BLANK -> "–";
        };
    }
}
