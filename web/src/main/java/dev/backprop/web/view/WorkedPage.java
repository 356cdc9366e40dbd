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
import dev.backprop.engine.render.Summary;
import dev.backprop.engine.render.Worked;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.web.math.MathMl;
import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.FigureTag;
import j2html.tags.specialized.SectionTag;
import j2html.tags.specialized.SelectTag;
import java.util.ArrayList;
import java.util.List;

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
     */
    public record Options(NumberStyle style, String json, Selection selection, String link) {
    }

    /** The page. */
    public static String render(Worked w, Options o) {
        MathMl m = new MathMl(o.style());
        Problem p = w.problem();
        Notation n = w.notation();
        List<DomContent> content = new ArrayList<>();
        List<DomContent> toc = new ArrayList<>();

        content.add(div(
                h1("Worked solution"),
                p(lede(w)).withClass("lede"),
                results(w, o.style())).withClass("intro").withId("top"));
        content.add(toolbar(w, o));

        toc.add(tocLink("conventions", "Conventions"));
        content.add(section(h2("Conventions"), conventions(w, m)).withId("conventions"));

        toc.add(tocLink("diagram", "The network"));
        content.add(diagrams(w, o.style()));

        Outline outline = Outline.of(w, o.selection().filter());
        if (o.selection().big()) {
            toc.add(tocLink("matrix", "Matrix form"));
            content.add(matrixSection(w, m));
            toc.add(tocLink("neuron", "One neuron's working"));
            content.add(neuronSection(w, o, outline, m));
        } else {
            for (Outline.Section s : outline.sections()) {
                toc.add(tocLink(s.id(), s.title()));
                content.add(outlineSection(s, m, o.style()));
            }
        }
        toc.add(tocLink("summary", "Every parameter"));
        content.add(summarySection(w, o, m));
        if (p.epochs() > 1) {
            toc.add(tocLink("training", "Training"));
            content.add(trainingSection(w, o, m));
        }
        toc.add(tocLink("exports", "Exports"));
        content.add(exportsSection(w, o));

        // The contents twice, from one list: a sidebar on wide screens, folded up under the title on
        // narrow ones; the stylesheet shows one (display: none hides the other from screen readers too).
        content.add(1, details(summary("Contents"), nav(ul(toc.toArray(new DomContent[0]))).attr("aria-label", "Contents"))
                .withClass("toc-fold"));
        return Layout.page("Worked solution, " + w.shape() + " network", "worked",
                aside(nav(p("Contents").withClass("toc-title"), ul(toc.toArray(new DomContent[0])))
                        .attr("aria-label", "Contents")).withClass("toc"),
                main(content.toArray(new DomContent[0])));
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
                : (plainFirst ? "the first step of gradient descent" : worked) + " in full, then training for " + p.epochs()
                + (p.epochs() == 1 ? " epoch" : " epochs");
        return "A " + w.shape() + " network (" + w.activations() + ") with the " + p.loss().id() + " loss: "
                + steps + ", every number shown as formula → numbers → value.";
    }

    private static DomContent results(Worked w, NumberStyle style) {
        Problem p = w.problem();
        List<DomContent> items = new ArrayList<>();
        items.add(result("Loss before", w.solution().lossBefore(), style));
        items.add(result("after the first update", w.solution().firstUpdate().step("lossAfter")
                .map(s -> s.value()).orElse(w.solution().lossAfter()), style));
        if (p.epochs() > 1) {
            items.add(result("after " + p.epochs() + " epochs", w.solution().lossAfter(), style));
        }
        return div(items.toArray(new DomContent[0])).withClass("results");
    }

    private static DomContent result(String label, double v, NumberStyle style) {
        return div(span(label).withClass("label"), Html.num(v, style).withClass("num big")).withClass("result");
    }

    private static DomContent toolbar(Worked w, Options o) {
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
        String neuron = o.selection().name();
        // One form carries the problem for every tool (a big problem's JSON is long; it appears once here, packed).
        String[] problem = Links.problemParam(o.json());
        return form(
                input().withType("hidden").withName(problem[0]).withValue(problem[1]),
                iffNeuron(neuron),
                div(
                        tool("Edit this problem", Links.FORM, "edit-link", "secondary", "Load this problem into the form"),
                        tool("Worksheet", "/worksheet", "worksheet-link", "secondary", "This problem with blanks to fill in and have marked"),
                        tool("LaTeX", Links.SOLVE + ".tex", "export-latex", "", "An align* block to paste into homework"),
                        tool("Markdown", Links.SOLVE + ".md", "export-markdown", "", "The solution as Markdown with $…$ formulas"),
                        tool("JSON", Links.SOLVE + ".json", "export-json", "", "The answer of POST /api/solve for this problem"),
                        a("Permanent link").withHref(o.link()).withClass("button secondary").withId("permalink")
                                .withTitle("This page; the link holds the whole problem")
                ).withClass("actions"),
                div(
                        label("Precision").withFor("digits"), digits,
                        button("Apply").withType("submit").withClass("small").withId("apply-precision")
                                .attr("formaction", Links.SOLVE)).withClass("precision")
        ).withMethod("get").withAction(Links.SOLVE).withClass("toolbar").withId("tools");
    }

    private static DomContent tool(String label, String action, String id, String cls, String title) {
        return button(label).withType("submit").attr("formaction", action).withClass(("button " + cls).trim())
                .withId(id).withTitle(title);
    }

    private static DomContent iffNeuron(String neuron) {
        return neuron.isEmpty() ? text("") : input().withType("hidden").withName("neuron").withValue(neuron);
    }

    private static DomContent conventions(Worked w, MathMl m) {
        List<DomContent> items = new ArrayList<>();
        for (Conventions.Item item : Conventions.of(w.problem(), w.notation())) {
            items.add(dt(item.label()));
            items.add(dd(Html.prose(item.text(), m), text(onHover(item, w.problem()))));
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
        head.add(th("#"));
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
            cells.add(td(Integer.toString(s + 1)));
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

    private static SectionTag diagrams(Worked w, NumberStyle style) {
        Problem p = w.problem();
        Network before = p.network();
        Network after = networkAfterFirstUpdate(w);
        Sample first = p.samples().get(0);
        return section(
                h2("The network, before and after the first update"),
                p("Neurons are named as in the seed: x for inputs, h for hidden neurons, o for outputs. Each connection "
                        + "is labelled with its weight and each neuron with its bias; values that the update changed are "
                        + "green in the second drawing. Hover over a connection for its place in the contract.").withClass("hint"),
                div(
                        scrollingFigure(Diagram.draw(before, null, w.notation(), style, "Before the update", first.input(), first.target())),
                        scrollingFigure(Diagram.draw(after, before, w.notation(), style, "After the first update", first.input(), first.target()))
                ).withClass("diagrams")
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

    private static SectionTag outlineSection(Outline.Section s, MathMl m, NumberStyle style) {
        SectionTag section = section(h2(s.title())).withId(s.id()).withClass("steps " + s.id());
        for (Outline.Group g : s.groups()) {
            // A section of one group titled like itself ("Loss") needs no second heading.
            DomContent heading = g.title().equals(s.title()) ? text("") : h3(g.title());
            section.with(div(heading, Html.steps(g.steps(), m, style)).withClass("group").withId(g.id()));
        }
        return section;
    }

    private static SectionTag matrixSection(Worked w, MathMl m) {
        SectionTag section = section(
                h2("The layers in matrix form"),
                p("This network is too big to write every step out on one page, so each layer is shown as vectors and "
                        + "matrices, cut short where they are long (⋯ and ⋮ stand for the entries left out; the exports "
                        + "and the JSON have them all). Matrix entries are shown to " + MatrixForm.MATRIX_DIGITS
                        + " significant figures; hover over one for its exact value. " + w.notation().name(Quantity.Kind.W_OLD)
                        + "⁽ˡ⁾ is layers[l].weights: row j holds neuron j's incoming "
                        + "weights. Choose a neuron below to see its every step.").withClass("hint")
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
        for (int l = 1; l < net.depth(); l++) {
            var group = optgroup().attr("label", Outline.layerTitle(n, net, l));
            for (int j = 0; j < net.size(l); j++) {
                String name = n.neuron(l, j);
                group.with(option(name).withValue(name).withCondSelected(name.equals(sel.name())));
            }
            choose.with(group);
        }
        String[] problem = Links.problemParam(o.json());
        var chooser = form(
                input().withType("hidden").withName(problem[0]).withValue(problem[1]),
                input().withType("hidden").withName("digits").withValue(Integer.toString(o.style().digits())),
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
            section.with(p("The working of " + sel.name() + " (layer " + sel.layer() + ", index " + sel.neuron()
                    + " in the contract)" + (w.problem().effectiveBatchSize() > 1 ? "; the forward pass and δ are the "
                    + "batch's first sample's" : "") + ".").withClass("hint"));
        }
        for (Outline.Section s : outline.sections()) {
            section.with(h3(s.title()));
            for (Outline.Group g : s.groups()) {
                section.with(div(h3(g.title()).withClass("sub"), Html.steps(g.steps(), m, o.style())).withClass("group").withId(g.id()));
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
            trs.add(tr(
                    // the numbers beside the symbol, so that on a phone they are what shows before the box scrolls
                    td(linked ? a(m.inline(r.symbol())).withHref("#" + Derivation.anchor(r.update()))
                            .attr("aria-label", plain(r.symbol()) + ", its update worked out") : m.inline(r.symbol())),
                    td(Html.num(r.old(), style)).withClass("n"),
                    td(Html.num(r.gradient(), style)).withClass("n"),
                    td(Html.num(r.updated(), style)).withClass("n new"),
                    td(r.where()),
                    td(code(r.path()))));
        }
        int count = Summary.count(w);
        return section(
                h2("Every parameter: before, gradient, after"),
                Html.scrolling("Every parameter", table(
                        caption(count > rows.size()
                                ? "The first " + rows.size() + " of " + count + " weights and biases (the JSON export has them all)."
                                : "All " + count + " weights and biases of the first update."),
                        thead(tr(th("Parameter"), th("Before").withClass("n"),
                                th(w.notation().parameterGradient()).withClass("n"), th("After").withClass("n"),
                                th("Connects"), th("Contract path"))),
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
                h2("Training over " + p.epochs() + " epochs"),
                p("The data-set loss (the mean over the samples) before training and after each epoch.").withClass("hint"),
                figure(LossPlot.draw(w.solution().lossBefore(), w.solution().lossHistory(), style)).withClass("plot"));
        List<Worked.Snapshot> snaps = w.snapshots();
        List<Summary.History> history = Summary.history(w, HISTORY_ROWS);
        List<DomContent> head = new ArrayList<>();
        head.add(th("Parameter"));
        for (int k = 0; k < snaps.size(); k++) {
            int e = snaps.get(k).epoch();
            boolean gap = k > 0 && e - snaps.get(k - 1).epoch() > 1;
            head.add(th((gap ? "… " : "") + (e == 0 ? "Start" : "Epoch " + e)).withClass("n"));
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
        lossCells.add(td(b("Loss")));
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
                scrollingFigure(Diagram.draw(last, p.network(), w.notation(), style, "After " + p.epochs() + " epochs",
                        first.input(), first.target())).withClass("final"));
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
                p("The buttons at the top of the page give this solution as text to take away:").withClass("hint"),
                ul(
                        li(b("LaTeX"), text(": one align* block (amsmath) to paste into homework.")),
                        li(b("Markdown"), text(": the whole solution with $…$ formulas, as in the seed document.")),
                        li(b("JSON"), text(": exactly what POST /api/solve answers for this problem, every step included.")),
                        li(b("Permanent link"),
                                text(": this page; the link holds the whole problem, so anyone can open it."))
                ).withClass("exports")
        ).withId("exports");
        if (!o.selection().big()) {
            section.with(details(summary("Show the LaTeX source"),
                    // pasted elsewhere, a relative link means nothing: the block names the page only on a public address
                    pre(Exports.latex(w, o.selection(), o.style(), o.link().startsWith("/") ? "" : o.link()))
                            .withClass("latex")).withClass("latex-source"));
        }
        return section;
    }
}
