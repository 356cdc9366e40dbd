package dev.backprop.web.classroom;

import static j2html.TagCreator.a;
import static j2html.TagCreator.caption;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.figure;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.li;
import static j2html.TagCreator.link;
import static j2html.TagCreator.main;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import dev.backprop.engine.classroom.Variant;
import dev.backprop.engine.classroom.Variants;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.render.Derivation;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Outline;
import dev.backprop.engine.render.Worked;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.web.api.ClassApi;
import dev.backprop.web.math.MathMl;
import dev.backprop.web.view.Diagram;
import dev.backprop.web.view.Html;
import dev.backprop.web.view.Layout;
import dev.backprop.web.view.Links;
import j2html.tags.DomContent;
import j2html.tags.specialized.SectionTag;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A class's printable documents, each one HTML page laid out for paper (print CSS, a page per
 * student): the handouts (the student's id and code, their network drawn with its numbers, the
 * blanks), and the answer keys (a one-page key table, then the worked solution of every variant).
 * Renderers only: every number comes from the variants and the engine's derivations.
 */
final class ClassDocs {
    /** The stylesheet of the class's pages and documents. */
    static final String CSS = "/assets/class.css";
    /**
     * The most worked steps one answer-key document lays out (students × steps of the first update):
     * beyond it the key table links to each student's worked solution instead.
     */
    static final int MAX_KEY_STEPS = 6_000;

    private ClassDocs() {
    }

    /** The handouts: one printed page per student, no answers; with hints, the link to their online worksheet. */
    static String handouts(Variants variants, List<Variant> list, Notation.Profile profile, boolean hints, String base) {
        NumberStyle style = NumberStyle.DEFAULT;
        List<DomContent> pages = new ArrayList<>();
        for (Variant v : list) {
            Problem p = v.problem();
            Notation n = Notation.of(p, profile);
            Sample first = p.samples().get(0);
            SectionTag page = section(
                    div(h2("Backpropagation exercise" + (variants.salt().isBlank() ? "" : ", " + variants.salt())),
                            p(span("Student: ").withClass("label"), span(v.student()).withClass("student"),
                                    span(" · Code: ").withClass("label"), span(v.code()).withClass("code")))
                            .withClass("handout-head"),
                    p(task(p)).withClass("task"),
                    figure(Diagram.draw(p.network(), null, n, style, "Your network", first.input(), first.target()))
                            .withClass("handout-figure"),
                    samples(p, style),
                    h3("Work out, to at least 4 significant figures"),
                    blanks(v, n),
                    hints ? p(text("Check your answers online: "), a(base + ClassApi.worksheet(v))
                            .withHref(base + ClassApi.worksheet(v))).withClass("hint-link") : text(""))
                    .withClass("handout").attr("aria-label", "Handout for " + v.student());
            pages.add(page);
        }
        return Layout.page("Handouts", "class-doc", link().withRel("stylesheet").withHref(CSS),
                main(p("Print this page: each student's handout is a page of its own. The code identifies the"
                        + " student's numbers; marking follows it.").withClass("screen-only hint"),
                        each(pages.toArray(new DomContent[0]))));
    }

    /** What the student is to do, in a sentence from the problem's settings. */
    private static String task(Problem p) {
        return "One step of gradient descent (learning rate " + NumberStyle.DEFAULT.text(p.learningRate()) + ", "
                + p.loss().id() + " loss" + (p.samples().size() > 1 ? ", " + p.samples().size() + " samples, batch of "
                + p.effectiveBatchSize() : "") + (p.updateBiases() ? "" : ", biases kept fixed")
                + (p.rounding() == null ? "" : ", rounding " + (p.rounding().significant() ? "to " + p.rounding().digits()
                + " significant figures" : "to " + p.rounding().digits() + " decimal places") + " as you go")
                + ") on the network drawn, its weights on the connections and its biases by the neurons.";
    }

    /** Every sample's input and target, when there is more than the one the drawing shows. */
    private static DomContent samples(Problem p, NumberStyle style) {
        if (p.samples().size() < 2) {
            return text("");
        }
        List<DomContent> rows = new ArrayList<>();
        for (int s = 0; s < p.samples().size(); s++) {
            Sample x = p.samples().get(s);
            rows.add(tr(td(Integer.toString(s + 1)), td(vector(x.input(), style)), td(vector(x.target(), style))));
        }
        return table(caption("The samples"), thead(tr(th("Sample"), th("Input"), th("Target"))),
                tbody(rows.toArray(new DomContent[0]))).withClass("data");
    }

    private static String vector(double[] v, NumberStyle style) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) {
            sb.append(sb.length() == 0 ? "" : ", ").append(style.text(x));
        }
        return sb.toString();
    }

    /** The blanks: each asked quantity's name in the notation and a line to write on, in columns. */
    private static DomContent blanks(Variant v, Notation n) {
        List<DomContent> items = new ArrayList<>();
        for (String k : v.ask()) {
            Quantity q = Quantity.parse(k).orElseThrow();
            items.add(li(span(name(n, q)).withClass("name"), text(" = "), span(span("blank").withClass("sr-only"))
                    .withClass("line")));
        }
        return ul(items.toArray(new DomContent[0])).withClass("blanks").attr("aria-label", "Your answers");
    }

    /** The answer keys: the key table, then (within {@link #MAX_KEY_STEPS}) each variant's worked solution. */
    static String keys(Variants variants, List<Variant> list, Notation.Profile profile) {
        List<DomContent> content = new ArrayList<>();
        content.add(section(h1("Answer key" + (variants.salt().isBlank() ? "" : ", " + variants.salt())),
                keyTable(variants, list, profile, true)).withClass("key-page"));
        int steps = list.isEmpty() ? 0 : list.get(0).key().steps().size();
        if ((long) steps * list.size() > MAX_KEY_STEPS) {
            content.add(p("The worked solutions of " + list.size() + " students are more than one document holds ("
                    + String.format("%,d", MAX_KEY_STEPS) + " worked steps); each student's is a link in the table above.")
                    .withClass("notice").withId("keys-limit"));
        } else {
            for (Variant v : list) {
                content.add(worked(v, profile));
            }
        }
        return Layout.page("Answer keys", "class-doc", link().withRel("stylesheet").withHref(CSS),
                main(content.toArray(new DomContent[0])));
    }

    /**
     * The key table: each student, their code, and each asked value to 4 significant figures;
     * with {@code links}, the student's id links to their worked solution.
     */
    static DomContent keyTable(Variants variants, List<Variant> list, Notation.Profile profile, boolean links) {
        Notation n = Notation.of(variants.exercise().template(), profile);
        List<DomContent> head = new ArrayList<>(List.of(th("Student").attr("scope", "col"), th("Code").attr("scope", "col")));
        for (String k : variants.ask()) {
            head.add(th(ClassDocs.name(n, Quantity.parse(k).orElseThrow())).attr("scope", "col").withTitle(k));
        }
        List<DomContent> rows = new ArrayList<>();
        for (Variant v : list) {
            List<DomContent> cells = new ArrayList<>();
            cells.add(th(links ? a(v.student()).withHref("#" + anchor(v)) : text(v.student())).attr("scope", "row"));
            cells.add(td(v.code()).withClass("code"));
            for (String k : v.ask()) {
                cells.add(td(four(v.answers().get(k))).withClass("num"));
            }
            rows.add(tr(cells.toArray(new DomContent[0])));
        }
        return Html.scrolling("The key table", table(caption("Each student's code and the exact value of each asked"
                        + " quantity, to 4 significant figures"), thead(tr(head.toArray(new DomContent[0]))),
                tbody(rows.toArray(new DomContent[0]))).withClass("data key-table"));
    }

    /** A value to 4 significant figures, as a key states it. */
    static String four(double x) {
        return new BigDecimal(x).round(new MathContext(4, RoundingMode.HALF_UP)).toPlainString();
    }

    /** A quantity's name in the notation, in MathML (a gradient as its fraction ∂L/∂W). */
    static DomContent name(Notation n, Quantity q) {
        return new MathMl(NumberStyle.DEFAULT).inline(n.expr(q));
    }

    /** A mark as the gradebook writes it: 7.5, 8. */
    static String plain(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    private static String anchor(Variant v) {
        return "key-" + v.code();
    }

    /** One variant's worked solution: every step of the first update with its formula and numbers. */
    private static DomContent worked(Variant v, Notation.Profile profile) {
        Worked w = Worked.solve(v.problem(), profile);
        MathMl m = new MathMl(NumberStyle.DEFAULT);
        Set<String> asked = Set.copyOf(v.ask());
        List<DomContent> parts = new ArrayList<>();
        for (Outline.Section s : Outline.of(w, st -> true).sections()) {
            List<DomContent> cards = new ArrayList<>();
            for (Outline.Group g : s.groups()) {
                for (Derivation d : g.steps()) {
                    // an asked quantity's card is marked, so a teacher finds the answers among the steps
                    cards.add(asked.contains(d.step().quantity().key())
                            ? div(Html.derivation(d, m)).withClass("asked") : Html.derivation(d, m));
                }
            }
            parts.add(div(h3(s.title()), div(cards.toArray(new DomContent[0])).withClass("step-grid")).withClass("key-section"));
        }
        String json = ProblemJson.toJson(v.problem());
        return section(h2(text(v.student() + " · " + v.code())),
                p(text("The worked solution of this student's numbers; the asked quantities are marked. "),
                        a("Open it as a page").withHref(Links.solve(json, profile))).withClass("hint"),
                each(parts.toArray(new DomContent[0]))).withClass("worked-key").withId(anchor(v));
    }
}
