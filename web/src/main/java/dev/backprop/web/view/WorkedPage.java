package dev.backprop.web.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.aside;
import static j2html.TagCreator.b;
import static j2html.TagCreator.button;
import static j2html.TagCreator.caption;
import static j2html.TagCreator.code;
import static j2html.TagCreator.dd;
import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.dl;
import static j2html.TagCreator.dt;
import static j2html.TagCreator.each;
import static j2html.TagCreator.figure;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.li;
import static j2html.TagCreator.main;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.option;
import static j2html.TagCreator.optgroup;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.section;
import static j2html.TagCreator.select;
import static j2html.TagCreator.span;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.render.Conventions;
import dev.backprop.engine.render.Derivation;
import dev.backprop.engine.render.Exports;
import dev.backprop.engine.render.Expr;
import dev.backprop.engine.render.MatrixForm;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Outline;
import dev.backprop.engine.render.Selection;
import dev.backprop.engine.render.Prose;
import dev.backprop.engine.render.Summary;
import dev.backprop.engine.render.Unicode;
import dev.backprop.engine.render.Worked;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.web.form.Presets;
import dev.backprop.web.math.MathMl;
import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.FigureTag;
import j2html.tags.specialized.SectionTag;
import j2html.tags.specialized.SelectTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The worked solution page ({@code GET /solve?problem=…}): the conventions, the network before
 * and after the update, every step as formula → numbers → value in MathML, a summary of every
 * parameter, training over the epochs, and the exports. A big network is shown layer by layer in
 * matrix form, with one neuron's full working at a time.
 *
 * <pre>{@code
 * String html = WorkedPage.render(worked, new WorkedPage.Options(NumberStyle.DEFAULT, json, selection, link));
 * }</pre>
 */
public final class WorkedPage {
    /** Summary rows shown for a big network (the JSON export has them all). */
    static final int BIG_SUMMARY_ROWS = 48;
    /** Parameters shown in the table by epoch. */
    static final int HISTORY_ROWS = 24;
    /** Precisions offered. */
    static final int[] PRECISIONS = {3, 4, 5, 6, 9, 12, 17};

    private WorkedPage() {
    }

    /**
     * How to show the page.
     *
     * @param style     how numbers are written
     * @param json      the problem's JSON, for links
     * @param selection what a big network shows
     * @param link      the page's permanent link
     * @param step      0 for every step; k ≥ 1 to go step by step, showing the first k steps with the
     *                  k-th's numbers folded away until asked for
     */
    public record Options(NumberStyle style, String json, Selection selection, String link, int step) {
        /** Every step shown. */
        public Options(NumberStyle style, String json, Selection selection, String link) {
            this(style, json, selection, link, 0);
        }
    }

    /** The query parameter that turns on going step by step, and says how far. */
    public static final String STEP = "step";
    /** The query parameter naming the notation ({@code seed}, {@code mazur}, {@code matrix}). */
    public static final String NOTATION = "notation";
    /** Sections with more groups than this are listed in the contents without them. */
    static final int TOC_GROUPS = 12;

    /** The page. */
    public static String render(Worked w, Options o) {
        MathMl m = new MathMl(o.style());
        Problem p = w.problem();
        List<DomContent> content = new ArrayList<>();
        List<DomContent> toc = new ArrayList<>();
        Outline outline = Outline.of(w, o.selection().filter());
        // Step by step: the steps so far, the last of them with its numbers folded away (big networks show all).
        int total = 0;
        for (Outline.Section s : outline.sections()) {
            for (Outline.Group g : s.groups()) {
                total += g.steps().size();
            }
        }
        int step = o.selection().big() || o.step() < 1 ? 0 : Math.min(o.step(), total);
        boolean all = step == 0;

        content.add(div(
                h1(all ? "Worked solution" : "Worked solution, step by step"),
                p(lede(w)).withClass("lede"),
                all ? results(w, o.style()) : text(""),
                all ? resultsNote(w) : text("")).withClass("intro").withId("top"));
        content.add(toolbar(w, o, step, total));

        toc.add(tocLink("conventions", "Conventions"));
        content.add(section(h2("Conventions"), conventions(w, m)).withId("conventions"));

        toc.add(tocLink("diagram", "The network"));
        content.add(diagrams(w, o.style(), all));

        if (o.selection().big()) {
            toc.add(tocLink("matrix", "Matrix form"));
            content.add(matrixSection(w, m));
            toc.add(tocLink("neuron", "One neuron's working"));
            content.add(neuronSection(w, o, outline, m));
        } else {
            int[] shown = {0};
            for (Outline.Section s : outline.sections()) {
                if (!all && shown[0] >= step) {
                    break;
                }
                toc.add(tocEntry(s, all ? Integer.MAX_VALUE : step - shown[0]));
                content.add(outlineSection(s, m, o, step, shown));
            }
            if (!all) {
                content.add(stepNavigation(w, o, step, total));
            }
        }
        if (all) {
            toc.add(tocLink("summary", "Every parameter"));
            content.add(summarySection(w, o, m));
            if (p.epochs() > 1) {
                toc.add(tocLink("training", "Training"));
                content.add(trainingSection(w, o, m));
            }
            toc.add(tocLink("exports", "Exports"));
            content.add(exportsSection(w, o));
        }

        // The contents twice, from one list: a sidebar on wide screens, folded up under the title on
        // narrow ones; the stylesheet shows one (display: none hides the other from screen readers too).
        content.add(1, details(summary("Contents"), nav(ul(toc.toArray(new DomContent[0]))).attr("aria-label", "Contents"))
                .withClass("toc-fold"));
        return Layout.page((all ? "Worked solution, " : "Step " + step + " of " + total + ", ") + w.shape() + " network",
                "worked",
                aside(nav(p("Contents").withClass("toc-title"), ul(toc.toArray(new DomContent[0])))
                        .attr("aria-label", "Contents")).withClass("toc"),
                main(content.toArray(new DomContent[0])));
    }

    /** A chapter in the contents, with its groups beneath (the δs, gradients and updates of each layer), as far as shown. */
    private static DomContent tocEntry(Outline.Section s, int stepsLeft) {
        List<DomContent> groups = new ArrayList<>();
        int left = stepsLeft;
        if (s.groups().size() <= TOC_GROUPS) {
            for (Outline.Group g : s.groups()) {
                if (left <= 0) {
                    break;
                }
                left -= g.steps().size();
                if (s.headed(g)) {
                    groups.add(tocLink(g.id(), g.title()));
                }
            }
        }
        return groups.isEmpty() ? tocLink(s.id(), s.title())
                : li(a(s.title()).withHref("#" + s.id()), ul(groups.toArray(new DomContent[0])));
    }

    private static DomContent tocLink(String id, String title) {
        return li(a(title).withHref("#" + id));
    }

    private static String lede(Worked w) {
        Problem p = w.problem();
        // "one step of gradient descent", "the first 2 steps of Adam" …, then any training beyond them
        String worked = Exports.steps(w);
        boolean plainFirst = p.optimizer().plain() && p.workedUpdates() == 1;
        String steps = p.updateCount() <= p.workedUpdates() ? worked
                : (plainFirst ? "the first step of gradient descent" : worked) + " in full, then training for "
                + NumberStyle.count(p.epochs(), "epoch", "epochs");
        return "A " + w.shape() + " network (" + w.activations() + ") with the " + p.loss().id() + " loss, in "
                + w.notation().profile().title() + " notation: " + steps + ", every number shown as formula → numbers → value.";
    }

    private static DomContent results(Worked w, NumberStyle style) {
        Problem p = w.problem();
        String loss = w.notation().lossHeading();
        List<DomContent> items = new ArrayList<>();
        items.add(result(loss + " before", w.solution().lossBefore(), style));
        items.add(result("after the first update", w.solution().firstUpdate().step("lossAfter")
                .map(s -> s.value()).orElse(w.solution().lossAfter()), style));
        if (p.epochs() > 1) {
            items.add(result("after " + NumberStyle.count(p.epochs(), "epoch", "epochs"), w.solution().lossAfter(), style));
        }
        return div(items.toArray(new DomContent[0])).withClass("results");
    }

    /**
     * What the results need said beside them: that a loss before worked from stated values is
     * theirs, not the weights' (the loss after is a real forward pass), and what a preset's source
     * printed where it differs.
     */
    private static DomContent resultsNote(Worked w) {
        List<DomContent> notes = new ArrayList<>();
        Notation n = w.notation();
        Problem p = w.problem();
        if (!p.given().isEmpty()) {
            List<Object> stated = new ArrayList<>();
            int k = 0;
            for (Map.Entry<Quantity, Double> e : p.given().entrySet()) {
                stated.add(k++ == 0 ? "" : ", ");
                stated.add(Expr.row(n.symbol(e.getKey()), Expr.op("="), Expr.num(e.getValue())));
            }
            List<Object> parts = new ArrayList<>();
            parts.add("The " + n.lossWord() + " before comes from the values the exercise states (");
            parts.addAll(stated);
            parts.add("); the " + n.lossWord() + " after is a real forward pass through the updated weights, so the two are "
                    + "not before and after the same calculation.");
            w.lossBeforeFromWeights().ifPresent(v -> parts.add(" Worked from the weights alone, the " + n.lossWord()
                    + " before would be " + NumberStyle.DEFAULT.text(v) + "."));
            notes.add(p(Html.prose(Prose.of(parts.toArray()), new MathMl(NumberStyle.DEFAULT))).withClass("note results-note"));
        }
        Presets.matching(p).filter(pr -> !pr.note().isEmpty())
                .ifPresent(pr -> notes.add(p(pr.note()).withClass("note results-note").withId("source-note")));
        return notes.isEmpty() ? text("") : div(notes.toArray(new DomContent[0])).withClass("results-notes");
    }

    private static DomContent result(String label, double v, NumberStyle style) {
        return div(span(label).withClass("label"), Html.num(v, style).withClass("num big")).withClass("result");
    }

    private static DomContent toolbar(Worked w, Options o, int step, int total) {
        SelectTag digits = select().withName("digits").withId("digits");
        for (int d : PRECISIONS) {
            digits.with(option(d + " significant figures").withValue(Integer.toString(d))
                    .withCondSelected(d == o.style().digits()));
        }
        boolean known = false;
        for (int d : PRECISIONS) {
            known |= d == o.style().digits();
        }
        if (!known) {
            digits.with(option(o.style().digits() + " significant figures").withValue(Integer.toString(o.style().digits())).isSelected());
        }
        Notation.Profile profile = w.notation().profile();
        SelectTag notation = select().withName(NOTATION).withId("notation");
        for (Notation.Profile pr : Notation.Profile.values()) {
            notation.with(option(capital(pr.title()) + " notation").withValue(pr.id()).withCondSelected(pr == profile));
        }
        String neuron = o.selection().name();
        List<DomContent> tools = new ArrayList<>(List.of(
                tool("Edit this problem", Links.FORM, "edit-link", "secondary", "Load this problem into the form"),
                tool("Worksheet", "/worksheet", "worksheet-link", "secondary", "This problem with blanks to fill in and have marked")));
        if (!o.selection().big() && step == 0) {
            tools.add(button("Step by step").withType("submit").withName(STEP).withValue("1").attr("formaction", Links.SOLVE + "#current")
                    .withClass("button secondary").withId("step-by-step")
                    .withTitle("One step at a time, each step's numbers hidden until you ask, to work along on paper"));
        }
        tools.addAll(List.of(
                export("LaTeX", Links.SOLVE + ".tex", "export-latex", "Download an align* block to paste into homework (.tex)"),
                export("Markdown", Links.SOLVE + ".md", "export-markdown", "Download the solution as Markdown with $…$ formulas (.md)"),
                export("Text", Links.SOLVE + ".txt", "export-text", "Download the solution as plain text for a terminal (.txt)"),
                export("JSON", Links.SOLVE + ".json", "export-json", "Download the answer of POST /api/solve for this problem (.json)"),
                a("Permanent link").withHref(o.link()).withClass("button secondary").withId("permalink")
                        .withTitle("This page; the link holds the whole problem")));
        // One form carries the problem for every tool (a big problem's JSON is long; it appears once here, packed).
        String[] problem = Links.problemParam(o.json());
        return form(
                input().withType("hidden").withName(problem[0]).withValue(problem[1]),
                iffNeuron(neuron),
                div(tools.toArray(new DomContent[0])).withClass("actions"),
                div(
                        label("Precision").withFor("digits"), digits,
                        label("Notation").withFor("notation"), notation,
                        step > 0 ? input().withType("hidden").withName(STEP).withValue(Integer.toString(step)) : text(""),
                        button("Apply").withType("submit").withClass("small").withId("apply-precision")
                                .attr("formaction", Links.SOLVE)).withClass("precision")
        ).withMethod("get").withAction(Links.SOLVE).withClass("toolbar").withId("tools");
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static DomContent tool(String label, String action, String id, String cls, String title) {
        return button(label).withType("submit").attr("formaction", action).withClass(("button " + cls).trim())
                .withId(id).withTitle(title);
    }

    /** An export's button: its own name and value ask for the file to be saved rather than shown. */
    private static DomContent export(String label, String action, String id, String title) {
        return button(label).withType("submit").attr("formaction", action).withName("download").withValue("1")
                .withClass("button").withId(id).withTitle(title);
    }

    private static DomContent iffNeuron(String neuron) {
        return neuron.isEmpty() ? text("") : input().withType("hidden").withName("neuron").withValue(neuron);
    }

    private static DomContent conventions(Worked w, MathMl m) {
        List<DomContent> items = new ArrayList<>();
        for (Conventions.Item item : Conventions.of(w.problem(), w.notation())) {
            items.add(dt(item.label()));
            // the notation's item maps its symbols onto the contract's paths: the one place they are explained
            items.add(dd(Html.prose(item.text(), m), text(onHover(item, w.problem())))
                    .withCondClass(item.topic() == Conventions.Topic.NOTATION, "notation-map"));
        }
        Problem p = w.problem();
        List<Sample> samples = p.samples();
        DomContent sampleTable = samples.size() <= 16 ? sampleTable(w) : p("There are " + samples.size() + " samples.");
        items.add(dt("Samples"));
        items.add(dd(sampleTable));
        return dl(items.toArray(new DomContent[0])).withClass("conventions");
    }

    /** What a page's reader can hover over for more, said after the convention it concerns (other formats cannot show it). */
    private static String onHover(Conventions.Item item, Problem p) {
        return switch (item.topic()) {
            case ROUNDING -> p.rounding() == null ? " Hover over a number for its exact double." : "";
            case NOTATION -> " Hover over a symbol for its contract key.";
            default -> "";
        };
    }

    private static DomContent sampleTable(Worked w) {
        Notation n = w.notation();
        Network net = w.problem().network();
        int in = net.size(0);
        int out = net.output().size();
        int outLayer = net.depth() - 1;
        List<DomContent> head = new ArrayList<>();
        head.add(th("Sample").withTitle("Samples are numbered from 1 here; the JSON counts them from 0 (samples[0] is sample 1)"));
        for (int i = 0; i < in; i++) {
            head.add(th(n.neuron(0, i)));
        }
        for (int j = 0; j < out; j++) {
            head.add(th(Html.symbol(n.unmarked(Quantity.target(j)))).withTitle("target for " + n.neuron(outLayer, j)));
        }
        List<DomContent> rows = new ArrayList<>();
        List<Sample> samples = w.problem().samples();
        for (int s = 0; s < samples.size(); s++) {
            List<DomContent> cells = new ArrayList<>();
            cells.add(td(Integer.toString(s + 1)).withTitle("samples[" + s + "] in the JSON"));
            for (int i = 0; i < in; i++) {
                cells.add(td(Html.num(samples.get(s).input(i), NumberStyle.DEFAULT)));
            }
            for (int j = 0; j < out; j++) {
                cells.add(td(Html.num(samples.get(s).target(j), NumberStyle.DEFAULT)).withClass("target"));
            }
            rows.add(tr(cells.toArray(new DomContent[0])));
        }
        return Html.scrolling("Samples", table(thead(tr(head.toArray(new DomContent[0]))), tbody(rows.toArray(new DomContent[0])))
                .withClass("data samples"));
    }

    private static SectionTag diagrams(Worked w, NumberStyle style, boolean after) {
        Problem p = w.problem();
        Notation n = w.notation();
        Network before = p.network();
        Sample first = p.samples().get(0);
        StringBuilder names = new StringBuilder("Neurons are named as in the notation above: inputs ").append(n.range(0));
        for (int l = 1; l < before.depth(); l++) {
            names.append(n.isOutput(l) ? (n.size(l) == 1 ? ", output " : ", outputs ") : ", hidden ").append(n.range(l));
        }
        names.append(Diagram.dense(before)
                ? ". Each neuron is labelled with its bias and each connection with its weight, except between layers of three "
                + "or more neurons, whose lines cross too often to label: hover over one, or see every parameter below"
                : ". Each connection is labelled with its weight and each neuron with its bias");
        names.append(after ? "; values the update changed are green in the second drawing." : ".");
        names.append(" Hover over a connection for its place in the contract.");
        DivTag drawings = div(scrollingFigure(Diagram.draw(before, null, n, style, "Before the update", first.input(), first.target())))
                .withClass("diagrams");
        if (after) {
            drawings.with(scrollingFigure(Diagram.draw(networkAfterFirstUpdate(w), before, n, style, "After the first update",
                    first.input(), first.target())));
        }
        return section(
                h2(after ? "The network, before and after the first update" : "The network"),
                p(names.toString()).withClass("hint"),
                drawings
        ).withId("diagram");
    }

    /** A drawing in a figure that scrolls sideways on a phone; a keyboard can reach it to scroll it. */
    private static FigureTag scrollingFigure(DomContent drawing) {
        return figure(drawing).attr("tabindex", "0");
    }

    private static Network networkAfterFirstUpdate(Worked w) {
        List<dev.backprop.engine.trace.LayerUpdate> layers = w.solution().firstUpdate().layers();
        Network before = w.problem().network();
        Network net = before;
        for (int l = 1; l < before.depth(); l++) {
            dev.backprop.engine.trace.LayerUpdate u = layers.get(l);
            net = net.withLayer(l, new dev.backprop.engine.nn.Layer(before.layer(l).activation(), u.weights(), u.biases()));
        }
        return net;
    }

    /**
     * A chapter of the worked solution. Going step by step, only the steps up to the current one
     * ({@code step}, counted over the whole page by {@code shown}) are drawn, the current one with
     * its numbers folded away.
     */
    private static SectionTag outlineSection(Outline.Section s, MathMl m, Options o, int step, int[] shown) {
        SectionTag section = section(h2(s.title())).withId(s.id()).withClass("steps " + s.id());
        for (Outline.Group g : s.groups()) {
            if (step > 0 && shown[0] >= step) {
                break;
            }
            // A group titled like its chapter ("Loss") needs no second heading.
            DomContent heading = s.headed(g) ? h3(g.title()) : text("");
            DivTag grid = div().withClass("step-grid");
            for (Derivation d : g.steps()) {
                if (step > 0 && shown[0] >= step) {
                    break;
                }
                shown[0]++;
                grid.with(step > 0 && shown[0] == step ? current(d, m, o.style()) : card(d, m, o.style()));
            }
            section.with(div(heading, grid).withClass("group").withId(g.id()));
        }
        return section;
    }

    /** A step's card: its derivation, and its LaTeX source folded beneath to copy. */
    private static DivTag card(Derivation d, MathMl m, NumberStyle style) {
        DivTag card = Html.derivation(d, m);
        if (Html.wide(d, style)) {
            card.withClass("step wide " + Html.kind(d));
        }
        return card.with(latexSource(d, style));
    }

    /** A step's LaTeX source from the engine's LaTeX writer, in a fold: an align* block to paste. */
    private static DomContent latexSource(Derivation d, NumberStyle style) {
        return details(summary("LaTeX").attr("aria-label", "This step's LaTeX source"),
                pre(Exports.latex(d, style)).withClass("latex")).withClass("step-latex");
    }

    /**
     * The step a student is on, going step by step: what it computes and its formula, then the
     * numbers and the value folded away, to be worked out first and then checked.
     */
    private static DivTag current(Derivation d, MathMl m, NumberStyle style) {
        List<Derivation.Line> lines = d.lines();
        DivTag card = Html.equation("current", Html.kind(d), d.step().quantity().key(), d.lhs(), lines.subList(0, 1), List.of(), m)
                .withClass("step wide current " + Html.kind(d)).attr("aria-live", "polite");
        card.with(span().withId(d.anchor()));
        if (lines.size() > 1) {
            card.with(details(summary("Show the numbers and the value"),
                    Html.continued(lines.subList(1, lines.size()), m),
                    each(d.notes(), note -> p(Html.prose(note, m)).withClass("note"))).withClass("reveal"));
        }
        return card.with(latexSource(d, style));
    }

    /** Going step by step: how far along, the previous step, the next, and the whole page. */
    private static DomContent stepNavigation(Worked w, Options o, int step, int total) {
        String base = Links.SOLVE + "?" + query(w, o);
        List<DomContent> links = new ArrayList<>();
        if (step > 1) {
            links.add(a("◂ Previous step").withHref(base + "&" + STEP + "=" + (step - 1) + "#current").withClass("button secondary"));
        }
        if (step < total) {
            links.add(a("Show me the next step ▸").withHref(base + "&" + STEP + "=" + (step + 1) + "#current")
                    .withClass("button").withId("next-step"));
        }
        links.add(a(step < total ? "Show every step" : "The whole worked solution").withHref(base + "#top")
                .withClass("button secondary").withId("every-step"));
        return div(p("Step " + step + " of " + total + (step < total ? ". Work it out on paper, open its numbers to check, then go on."
                        : ": the last. Every number of the update is worked.")).withClass("hint"),
                div(links.toArray(new DomContent[0])).withClass("actions"))
                .withClass("step-nav").withId("step-nav");
    }

    /** The query that reopens this page (its problem, precision and notation), without a step. */
    private static String query(Worked w, Options o) {
        StringBuilder q = new StringBuilder(Links.problemQuery(o.json()));
        if (o.style().digits() != NumberStyle.DEFAULT.digits()) {
            q.append("&digits=").append(o.style().digits());
        }
        return Links.withNotation(q.toString(), w.notation().profile());
    }

    private static SectionTag matrixSection(Worked w, MathMl m) {
        SectionTag section = section(
                h2("The layers in matrix form"),
                p("This network is too big to write every step out on one page, so each layer is shown as vectors and "
                        + "matrices, cut short where they are long (⋯ and ⋮ stand for the entries left out; the exports "
                        + "and the JSON have them all). Matrix entries are shown to " + MatrixForm.MATRIX_DIGITS
                        + " significant figures; hover over one for its exact value. "
                        + Unicode.symbol(w.notation().layerSymbol(Quantity.Kind.W_OLD, 1)) + " is layers[1].weights (and so for "
                        + "each layer): row j holds neuron j's incoming weights. Choose a neuron below to see its every step.")
                        .withClass("hint")
        ).withId("matrix").withClass("steps matrix");
        for (MatrixForm.Block block : MatrixForm.of(w)) {
            DivTag grid = div().withClass("step-grid");
            for (MatrixForm.Equation eq : block.equations()) {
                grid.with(Html.equation(eq.id(), block.id().startsWith("m-forward") ? "forward" : "delta", "",
                        eq.lhs(), eq.lines(), eq.notes(), m).withClass("step wide " + (block.id().startsWith("m-forward") ? "forward" : "delta")));
            }
            section.with(div(h3(block.title()), grid).withClass("group").withId(block.id()));
        }
        return section;
    }

    private static SectionTag neuronSection(Worked w, Options o, Outline outline, MathMl m) {
        Notation n = w.notation();
        Network net = w.problem().network();
        Selection sel = o.selection();
        SelectTag choose = select().withName("neuron").withId("neuron-choice");
        if (!sel.focused()) {
            // Nothing is shown until a neuron is chosen, so none is shown as chosen.
            choose.with(option("Choose a neuron…").withValue("").isSelected());
        }
        for (int l = 1; l < net.depth(); l++) {
            var group = optgroup().attr("label", Outline.layerTitle(n, net, l));
            for (int j = 0; j < net.size(l); j++) {
                String id = n.id(l, j);
                group.with(option(n.neuron(l, j)).withValue(id).withCondSelected(sel.focused() && l == sel.layer() && j == sel.neuron()));
            }
            choose.with(group);
        }
        String[] problem = Links.problemParam(o.json());
        var chooser = form(
                input().withType("hidden").withName(problem[0]).withValue(problem[1]),
                input().withType("hidden").withName("digits").withValue(Integer.toString(o.style().digits())),
                input().withType("hidden").withName(NOTATION).withValue(n.profile().id()),
                div(label("Neuron").withFor("neuron-choice"), choose,
                        button("Show its working").withType("submit").withClass("small").withId("show-neuron"))
                        .withClass("neuron-form"))
                .withMethod("get").withAction(Links.SOLVE + "#neuron");
        if (sel.focused() && sel.fanIn() > Selection.WEIGHTS_PER_PAGE) {
            chooser.with(weightPages(sel));
        }
        SectionTag section = section(h2("One neuron's working"), chooser).withId("neuron").withClass("steps");
        if (!sel.focused()) {
            section.with(p("Choose a neuron to see its weighted input, activation, error term, and each incoming "
                    + "weight's gradient and update, formula by formula. The loss is worked out below.").withClass("hint"));
        } else {
            section.with(p("The working of " + n.neuron(sel.layer(), sel.neuron()) + " (layer " + sel.layer() + ", index "
                    + sel.neuron() + " in the contract)" + (w.problem().effectiveBatchSize() > 1 ? "; the forward pass and δ are the "
                    + "batch's first sample's" : "") + ".").withClass("hint"));
        }
        for (Outline.Section s : outline.sections()) {
            section.with(h3(s.title()));
            for (Outline.Group g : s.groups()) {
                DivTag grid = div().withClass("step-grid");
                for (Derivation d : g.steps()) {
                    grid.with(card(d, m, o.style()));
                }
                section.with(div(s.headed(g) ? h3(g.title()).withClass("sub") : text(""), grid).withClass("group").withId(g.id()));
            }
        }
        return section;
    }

    /** Buttons for the chosen neuron's incoming weights, a page at a time (part of the neuron form, so the problem is not repeated). */
    private static DomContent weightPages(Selection sel) {
        List<DomContent> buttons = new ArrayList<>();
        for (int from = 0; from < sel.fanIn(); from += Selection.WEIGHTS_PER_PAGE) {
            int to = Math.min(sel.fanIn(), from + Selection.WEIGHTS_PER_PAGE);
            String label = "weights " + (from + 1) + "–" + to;
            buttons.add(from == sel.from()
                    ? span(label).withClass("current")
                    : button(label).withType("submit").withName("from").withValue(Integer.toString(from))
                    .withClass("small secondary"));
        }
        return div(span("Incoming weights, " + Selection.WEIGHTS_PER_PAGE + " at a time:"), each(buttons, b -> b))
                .withClass("pager");
    }

    private static SectionTag summarySection(Worked w, Options o, MathMl m) {
        NumberStyle style = o.style();
        int limit = o.selection().big() ? BIG_SUMMARY_ROWS : Integer.MAX_VALUE;
        List<Summary.Row> rows = Summary.rows(w, limit);
        List<DomContent> trs = new ArrayList<>();
        for (Summary.Row r : rows) {
            boolean linked = !o.selection().big();
            // Only a value the update changed is marked new: a bias kept fixed is the same before and after.
            boolean changed = Double.compare(r.updated(), r.old()) != 0;
            trs.add(tr(
                    // the numbers beside the symbol, so that on a phone they are what shows before the box scrolls
                    td(linked ? a(m.inline(r.symbol())).withHref("#" + Derivation.anchor(r.update()))
                            .attr("aria-label", plain(r.symbol()) + ", its update worked out") : m.inline(r.symbol())),
                    td(Html.num(r.old(), style)).withClass("n"),
                    td(Html.num(r.gradient(), style)).withClass("n"),
                    changed ? td(Html.num(r.updated(), style)).withClass("n new")
                            : td(Html.num(r.updated(), style), span(" unchanged").withClass("same-note")).withClass("n same"),
                    td(r.where()),
                    td(code(r.path())).withClass("key")));
        }
        int count = Summary.count(w);
        return section(
                h2("Every parameter: before, gradient, after"),
                Html.scrolling("Every parameter", table(
                        caption(count > rows.size()
                                ? "The first " + rows.size() + " of " + NumberStyle.count(count) + " weights and biases (the JSON export has them all)."
                                : "All " + count + " weights and biases of the first update"
                                + (w.problem().updateBiases() ? "." : "; the biases are kept fixed, so their gradients are not applied.")),
                        thead(tr(th("Parameter"), th("Before").withClass("n"),
                                th(w.notation().parameterGradient()).withClass("n"), th("After").withClass("n"),
                                th("Connects"), th("Key").withTitle("The parameter's place in the problem's JSON"))),
                        tbody(trs.toArray(new DomContent[0]))).withClass("data summary")).withClass("table-scroll full")
        ).withId("summary");
    }

    /** A symbol as plain text, for a name read out where MathML is not (W₃₁ → "W31"). */
    private static String plain(Expr.Sym symbol) {
        return symbol.base() + symbol.sub() + (symbol.sup().isEmpty() ? "" : " " + symbol.sup());
    }

    private static SectionTag trainingSection(Worked w, Options o, MathMl m) {
        NumberStyle style = o.style();
        Problem p = w.problem();
        SectionTag section = section(
                h2("Training over " + NumberStyle.count(p.epochs(), "epoch", "epochs")),
                p("The data-set " + w.notation().lossWord() + " (the mean over the samples) before training and after each epoch.")
                        .withClass("hint"),
                figure(LossPlot.draw(w.solution().lossBefore(), w.solution().lossHistory(), style)).withClass("plot"));
        List<Worked.Snapshot> snaps = w.snapshots();
        List<Summary.History> history = Summary.history(w, HISTORY_ROWS);
        List<DomContent> head = new ArrayList<>();
        head.add(th("Parameter"));
        for (int k = 0; k < snaps.size(); k++) {
            int e = snaps.get(k).epoch();
            boolean gap = k > 0 && e - snaps.get(k - 1).epoch() > 1;
            head.add(th((gap ? "… " : "") + (e == 0 ? "Start" : "Epoch " + NumberStyle.count(e))).withClass("n"));
        }
        List<DomContent> rows = new ArrayList<>();
        for (Summary.History h : history) {
            List<DomContent> cells = new ArrayList<>();
            cells.add(td(m.inline(h.symbol())));
            for (double v : h.values()) {
                cells.add(td(Html.num(v, style)).withClass("n"));
            }
            rows.add(tr(cells.toArray(new DomContent[0])));
        }
        List<DomContent> lossCells = new ArrayList<>();
        lossCells.add(td(b(w.notation().lossHeading())));
        for (Worked.Snapshot s : snaps) {
            double loss = s.epoch() == 0 ? w.solution().lossBefore() : w.solution().lossHistory()[s.epoch() - 1];
            lossCells.add(td(Html.num(loss, style)).withClass("n"));
        }
        rows.add(tr(lossCells.toArray(new DomContent[0])).withClass("loss-row"));
        int count = Summary.count(w);
        section.with(h3("Parameters by epoch"),
                Html.scrolling("Parameters by epoch", table(caption(count > history.size() ? "The first " + history.size() + " of " + count + " parameters."
                                : "Each parameter at the start, after the first epochs, and at the end."),
                        thead(tr(head.toArray(new DomContent[0]))), tbody(rows.toArray(new DomContent[0])))
                        .withClass("data epochs")).withClass("table-scroll full"));
        Network last = w.solution().network();
        Sample first = p.samples().get(0);
        section.with(h3("The final network"),
                scrollingFigure(Diagram.draw(last, p.network(), w.notation(), style, "After " + NumberStyle.count(p.epochs(), "epoch", "epochs"),
                        first.input(), first.target())).withClass("final"));
        Presets.matching(p).filter(pr -> !pr.note().isEmpty() && p.epochs() > 1)
                .ifPresent(pr -> section.with(p(pr.note()).withClass("note results-note")));
        List<double[]> predictions = w.predictions();
        if (!predictions.isEmpty()) {
            section.with(h3("What the trained network outputs"), predictionTable(w, predictions, style));
        }
        return section;
    }

    private static DomContent predictionTable(Worked w, List<double[]> predictions, NumberStyle style) {
        Notation n = w.notation();
        Network net = w.problem().network();
        int outLayer = net.depth() - 1;
        List<DomContent> head = new ArrayList<>();
        head.add(th("#"));
        for (int i = 0; i < net.size(0); i++) {
            head.add(th(n.neuron(0, i)));
        }
        for (int j = 0; j < net.output().size(); j++) {
            head.add(th(Html.symbol(n.unmarked(Quantity.target(j)))).withClass("n").withTitle("target"));
            head.add(th(Html.symbol(n.unmarked(Quantity.a(outLayer, j)))).withClass("n").withTitle("the trained network's output"));
        }
        List<DomContent> rows = new ArrayList<>();
        for (int s = 0; s < predictions.size(); s++) {
            Sample sample = w.problem().samples().get(s);
            List<DomContent> cells = new ArrayList<>();
            cells.add(td(Integer.toString(s + 1)));
            for (int i = 0; i < net.size(0); i++) {
                cells.add(td(Html.num(sample.input(i), style)));
            }
            for (int j = 0; j < net.output().size(); j++) {
                cells.add(td(Html.num(sample.target(j), style)).withClass("n target"));
                cells.add(td(Html.num(predictions.get(s)[j], style)).withClass("n new"));
            }
            rows.add(tr(cells.toArray(new DomContent[0])));
        }
        return Html.scrolling("What the trained network outputs", table(caption("Each sample's target "
                        + n.name(Quantity.Kind.TARGET) + " beside the trained network's output " + n.name(Quantity.Kind.A) + "."),
                thead(tr(head.toArray(new DomContent[0]))), tbody(rows.toArray(new DomContent[0]))).withClass("data predictions"));
    }

    private static SectionTag exportsSection(Worked w, Options o) {
        SectionTag section = section(
                h2("Exports"),
                p("The buttons at the top of the page download this solution, in this notation and precision, as a file "
                        + "to take away:").withClass("hint"),
                ul(
                        li(b("LaTeX"), text(" (.tex): one align* block (amsmath) to paste into homework.")),
                        li(b("Markdown"), text(" (.md): the whole solution with $…$ formulas, as in the seed document.")),
                        li(b("Text"), text(" (.txt): the whole solution as plain Unicode text, for a terminal or an e-mail.")),
                        li(b("JSON"), text(" (.json): exactly what POST /api/solve answers for this problem, every step included.")),
                        li(b("Permanent link"),
                                text(": this page; the link holds the whole problem, so anyone can open it."))
                ).withClass("exports"),
                p("Each step's LaTeX is also under the step itself, to copy one at a time.").withClass("hint")
        ).withId("exports");
        if (!o.selection().big()) {
            section.with(details(summary("Show the whole LaTeX source"),
                    // pasted elsewhere, a relative link means nothing: the block names the page only on a public address
                    pre(Exports.latex(w, o.selection(), o.style(), o.link().startsWith("/") ? "" : o.link()))
                            .withClass("latex")).withClass("latex-source"));
        }
        return section;
    }
}
