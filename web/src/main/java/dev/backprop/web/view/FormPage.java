package dev.backprop.web.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.button;
import static j2html.TagCreator.code;
import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.fieldset;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.legend;
import static j2html.TagCreator.li;
import static j2html.TagCreator.main;
import static j2html.TagCreator.option;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.select;
import static j2html.TagCreator.span;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.textarea;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.render.Conventions;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.render.Expr;
import dev.backprop.engine.render.FieldNames;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Unicode;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.json.Limits;
import dev.backprop.web.form.FormEdits;
import dev.backprop.web.form.FormState;
import dev.backprop.web.form.Presets;
import dev.backprop.web.math.MathMl;
import dev.backprop.web.worksheet.Blanks;
import dev.backprop.web.worksheet.Worksheets;
import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.InputTag;
import j2html.tags.specialized.SelectTag;
import j2html.tags.specialized.TdTag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The problem form ({@code GET /}): the presets, then every field of the contract, each input
 * named by its contract path and labelled in the seed's notation. Structural buttons (add a layer,
 * a neuron, a sample …) submit the form and the server draws it again, so it works without
 * JavaScript. A form sent back with mistakes shows each message at its field, with every value as
 * typed (escaped), and a list of all of them at the top.
 *
 * <pre>{@code
 * String html = FormPage.render(new FormPage.Model(state, errors, notice, json));
 * }</pre>
 */
public final class FormPage {
    /** The most options the given values' quantity lists have in all; beyond it each is typed instead. */
    static final int MAX_GIVEN_OPTIONS = 20_000;
    /** The most mistakes a list of them shows; the rest are counted (each is still shown at its field when drawn). */
    static final int MAX_LISTED = 200;

    private FormPage() {
    }

    /**
     * What the form shows.
     *
     * @param state  the values as typed
     * @param errors mistakes, each at its field (empty for none)
     * @param more   further mistakes the engine found and did not list
     * @param notice a line about what the last button did, or ""
     * @param json   the text for the JSON box, as typed or as the form's problem
     */
    public record Model(FormState state, List<FieldError> errors, long more, String notice, String json) {
        /** Copies the list. */
        public Model {
            errors = List.copyOf(errors);
        }

        /** The form with these mistakes, all of them listed. */
        public Model(FormState state, List<FieldError> errors, String notice, String json) {
            this(state, errors, 0, notice, json);
        }
    }

    /** The form page. */
    public static String render(Model model) {
        Errors errors = new Errors(model.errors());
        FormState s = model.state();
        List<DomContent> content = new ArrayList<>();
        content.add(div(
                h1("Backpropagation, worked by hand"),
                p("Type in a network and its numbers and get every step of one gradient-descent update worked out the "
                        + "way you would write it on paper: each weighted input Z, activation A, the loss, each error "
                        + "term δ, each gradient and each updated weight, as formula → numbers → value. Start from a "
                        + "preset or change anything below.").withClass("lede")).withClass("intro"));
        boolean mistakes = !model.errors().isEmpty();
        if (!mistakes) {
            content.add(presets());
        }
        // The form is posted to /#problem, so the page comes back scrolled to it, mistakes and notice first.
        DomContent top = mistakes ? errorSummary(model.errors(), model.more(), FieldNames.of(new Names(s).notation()))
                : model.notice().isEmpty() ? text("") : p(model.notice()).withClass("notice").withId("notice");
        content.add(problemForm(s, errors, model.json(), top, mistakes && !model.notice().isEmpty()
                ? p(model.notice()).withClass("notice").withId("notice") : text("")));
        if (mistakes) {
            // After a mistake the presets move below the form.
            content.add(presets());
        }
        return Layout.page(model.errors().isEmpty() ? "Problem" : "Problem (please check)", "form-page",
                main(content.toArray(new DomContent[0])));
    }

    private static DomContent presets() {
        List<DomContent> cards = new ArrayList<>();
        for (Presets.Preset preset : Presets.ALL) {
            cards.add(div(
                    h3(preset.title()),
                    p(preset.description()),
                    div(
                            a("Worked solution →").withHref(Links.solve(compact(preset), preset.notation())).withClass("button")
                                    .withId("solve-" + preset.id()),
                            a("Worksheet").withHref(Links.withNotation(Worksheets.link(compact(preset), Blanks.Ask.ALL, List.of(),
                                    NumberStyle.DEFAULT), preset.notation())).withClass("button secondary")
                                    .withId("worksheet-" + preset.id())
                                    .withTitle("This preset with blanks for every δ, gradient and update, marked as you go"),
                            a("Load into the form").withHref(Links.preset(preset.id())).withClass("button secondary")
                                    .withId("load-" + preset.id())
                    ).withClass("card-actions")).withClass("card"));
        }
        return section(h2("Presets"), div(cards.toArray(new DomContent[0])).withClass("cards")).withId("presets");
    }

    private static String compact(Presets.Preset preset) {
        return dev.backprop.engine.json.ProblemJson.toJson(preset.problem());
    }

    /** Every mistake at the top, each named in the form's notation and linked to its field, its path only as the key. */
    private static DomContent errorSummary(List<FieldError> errors, long more, FieldNames names) {
        List<DomContent> items = new ArrayList<>();
        for (FieldError e : errors.subList(0, Math.min(errors.size(), MAX_LISTED))) {
            items.add(li(a(names.name(e.field())).withHref("#" + Errors.id(e.field())), text(" " + e.message() + " "),
                    code(e.field()).withClass("key").withTitle("the field's path in the problem's JSON")));
        }
        long rest = errors.size() - Math.min(errors.size(), MAX_LISTED) + more;
        if (rest > 0) {
            items.add(li("… and " + String.format(Locale.ROOT, "%,d", rest) + " more").withClass("more"));
        }
        long total = errors.size() + more;
        return div(
                h2(total == 1 ? "One thing to fix" : String.format(Locale.ROOT, "%,d", total) + " things to fix"),
                p("Each message is also shown at its field below; everything you typed is kept."),
                ul(items.toArray(new DomContent[0]))).withClass("error-summary").withId("errors").attr("role", "alert");
    }

    private static DomContent problemForm(FormState s, Errors errors, String json, DomContent top, DomContent notice) {
        return form(
                div(h2("Your problem"),
                        button("Solve ▸").withType("submit").withName("action").withValue("solve").withClass("primary")
                                .withId("solve-top")).withClass("form-head"),
                notationChooser(s),
                notice,
                top,
                networkFieldset(s, errors),
                trainingFieldset(s, errors),
                samplesFieldset(s, errors),
                givenFieldset(s, errors),
                div(button("Solve ▸").withType("submit").withName("action").withValue("solve").withClass("primary")
                        .withId("solve"),
                        button("Make a worksheet of it").withType("submit").withName("action").withValue("worksheet")
                                .withClass("secondary").withId("make-worksheet")
                                .withTitle("This problem with blanks for every δ, gradient and update, to fill in and have marked"),
                        button("Teach it to a class").withType("submit").withName("action").withValue("class")
                                .withClass("secondary").withId("make-class")
                                .withTitle("This network with its numbers drawn for each student: handouts, keys, Moodle XML, marking"))
                        .withClass("form-foot"),
                jsonBox(json, errors)
        ).withMethod("post").withAction(Links.FORM + "#problem").withId("problem").withClass("problem");
    }

    /** The notation the form names things in, and the worked page and worksheet open in. */
    private static DomContent notationChooser(FormState s) {
        SelectTag choose = select().withName("notation").withId("f-notation");
        for (Notation.Profile p : Notation.Profile.values()) {
            String example = switch (p) {
                case SEED -> "Z, A, δ, W₃₁, B₃";
                case MAZUR -> "net, out, w₁ … w₈, E_total";
                case MATRIX -> "z⁽ˡ⁾, a⁽ˡ⁾, W⁽ˡ⁾_jk, b⁽ˡ⁾, C";
            };
            choose.with(option(Character.toUpperCase(p.title().charAt(0)) + p.title().substring(1) + " (" + example + ")")
                    .withValue(p.id()).withCondSelected(p == s.profile()));
        }
        return div(label("Notation").withFor("f-notation"), choose,
                button("Rename the fields").withType("submit").withName("action").withValue("notation").withClass("small secondary")
                        .withId("apply-notation"),
                span("the worked page, the worksheet and the exports use it too").withClass("field-hint"))
                .withClass("field notation-field");
    }

    // ---------------------------------------------------------------- network

    private static DomContent networkFieldset(FormState s, Errors errors) {
        List<DomContent> parts = new ArrayList<>();
        parts.add(legend("Network"));
        Names names = new Names(s);
        // How the chosen notation names things, with examples from the network as typed
        parts.add(p(names.explain(), text(" Leave a layer's weights all empty to draw them at random, its biases empty for 0."))
                .withClass("hint"));
        parts.add(errors.at("layers"));
        for (int l = 0; l < s.depth(); l++) {
            parts.add(layerCard(s, l, names, errors));
        }
        parts.add(div(label("Seed for weights left empty").withFor(Errors.id("seed")),
                field("seed", s.seed, errors).withClass("size").attr("inputmode", "numeric").attr("placeholder", "1"),
                span("any whole number; the same seed draws the same weights").withClass("field-hint"),
                errors.at("seed")).withClass("field seed-field"));
        parts.add(div(
                button("+ Add a hidden layer").withType("submit").withName("action").withValue("add-layer").withClass("small")
                        .withId("add-layer"),
                button("Apply the sizes typed above").withType("submit").withName("action").withValue("resize")
                        .withClass("small secondary").withId("resize")).withClass("row-actions"));
        return fieldset(parts.toArray(new DomContent[0])).withClass("network").withId(Errors.id("layers"));
    }

    private static DomContent layerCard(FormState s, int l, Names names, Errors errors) {
        FormState.LayerRow row = s.layers.get(l);
        String path = "layers[" + l + "]";
        boolean output = l == s.depth() - 1 && l > 0;
        String role = l == 0 ? "Input layer" : output ? "Output layer" : "Hidden layer";
        DivTag card = div().withClass("layer-card" + (l == 0 ? " input-layer" : "")).withId(Errors.id(path));
        DivTag head = div(h3(span("Layer " + l).withClass("layer-no"), text(" " + role + " "),
                span(names.range(l)).withClass("names"))).withClass("layer-head");
        DivTag controls = div().withClass("layer-controls");
        controls.with(label("Neurons").withFor(Errors.id(path + ".size")),
                field(path + ".size", row.size, errors).withClass("size").attr("inputmode", "numeric"),
                button("−").withType("submit").withName("action").withValue("remove-neuron:" + l).withClass("small icon")
                        .withTitle("Remove a neuron from layer " + l).withId("remove-neuron-" + l),
                button("+").withType("submit").withName("action").withValue("add-neuron:" + l).withClass("small icon")
                        .withTitle("Add a neuron to layer " + l).withId("add-neuron-" + l));
        if (l > 0) {
            SelectTag act = select().withName(path + ".activation").withId(Errors.id(path + ".activation"));
            boolean known = false;
            for (Activation a : Activation.values()) {
                known |= a.id().equals(row.activation);
                act.with(option(a.id()).withValue(a.id()).withCondSelected(a.id().equals(row.activation)));
            }
            if (!known) {
                act.with(option(row.activation).withValue(row.activation).isSelected());
            }
            errors.mark(act, path + ".activation");
            controls.with(label("Activation").withFor(Errors.id(path + ".activation")), act);
        }
        if (l > 0 && !output) {
            controls.with(button("Remove layer").withType("submit").withName("action").withValue("remove-layer:" + l)
                    .withClass("small secondary").withId("remove-layer-" + l));
        }
        head.with(controls);
        card.with(head, errors.at(path), errors.at(path + ".size"), errors.at(path + ".activation"));
        if (l > 0) {
            card.with(weightsGrid(s, l, names, errors));
        }
        return card;
    }

    private static DomContent weightsGrid(FormState s, int l, Names names, Errors errors) {
        FormState.LayerRow row = s.layers.get(l);
        String path = "layers[" + l + "]";
        int cols = 0;
        for (List<String> r : row.weights) {
            cols = Math.max(cols, r.size());
        }
        String weightsText = row.weightsText != null ? row.weightsText
                : (long) row.weights.size() * cols > FormState.MAX_DRAWN_CELLS ? FormState.weightLines(row.weights) : null;
        if (weightsText != null) {
            return div(
                    label(text("Weights W of layer " + l + ": one line per neuron " + names.range(l)
                            + ", its " + names.count(l - 1) + " incoming weights separated by spaces (layers[" + l
                            + "].weights[j][i] is line j, value i)")).withFor(Errors.id(path + ".weights")),
                    errors.mark(textarea(weightsText).withName(path + ".weights").withId(Errors.id(path + ".weights"))
                            .attr("rows", Math.min(12, Math.max(3, weightsText.split("\n").length + 1)))
                            .withClass("matrix-text"), path + ".weights"),
                    errors.under(path + ".weights"),
                    biasesLine(s, l, names, errors)).withClass("weights-text");
        }
        List<DomContent> head = new ArrayList<>();
        head.add(th(span("from → into").withClass("corner")));
        for (int i = 0; i < cols; i++) {
            head.add(th(names.neuron(l - 1, i)).withClass("from"));
        }
        head.add(th("bias").withClass("bias-head"));
        List<DomContent> rows = new ArrayList<>();
        for (int j = 0; j < row.weights.size(); j++) {
            List<DomContent> cells = new ArrayList<>();
            cells.add(th(names.neuron(l, j)).withClass("into"));
            List<String> r = row.weights.get(j);
            for (int i = 0; i < cols; i++) {
                String p = path + ".weights[" + j + "][" + i + "]";
                String value = i < r.size() ? r.get(i) : "";
                Expr.Sym w = names.weight(l, j, i);
                cells.add(cell(p, value, w, Unicode.symbol(w) + ": weight from " + names.neuron(l - 1, i) + " into "
                        + names.neuron(l, j) + " (" + p + ")", errors, s));
            }
            String bp = path + ".biases[" + j + "]";
            String bias = j < row.biases.size() ? row.biases.get(j) : "";
            Expr.Sym b = names.bias(l, j);
            cells.add(cell(bp, bias, b, Unicode.symbol(b) + ": bias of " + names.neuron(l, j) + " (" + bp + ")", errors, s)
                    .withClass("bias"));
            rows.add(tr(cells.toArray(new DomContent[0])));
        }
        return div(
                table(thead(tr(head.toArray(new DomContent[0]))), tbody(rows.toArray(new DomContent[0]))).withClass("grid"),
                errors.underGrid(path + ".weights", row.weights.size(), cols), errors.underGrid(path + ".biases", row.biases.size(), 1))
                .withClass("grid-wrap");
    }

    private static DomContent biasesLine(FormState s, int l, Names names, Errors errors) {
        FormState.LayerRow row = s.layers.get(l);
        String path = "layers[" + l + "]";
        List<DomContent> cells = new ArrayList<>();
        for (int j = 0; j < row.biases.size(); j++) {
            String bp = path + ".biases[" + j + "]";
            Expr.Sym b = names.bias(l, j);
            cells.add(span(label(symbolLabel(b)).withFor(Errors.id(bp)),
                    errors.mark(field(bp, row.biases.get(j), errors), bp), errors.at(bp)).withClass("inline-field"));
        }
        return div(span("Biases: ").withClass("label"), each(cells, c -> c)).withClass("biases-line");
    }

    /**
     * A grid cell: the value's symbol as its label, the field, its mistake; a value an edit just put
     * there (a new neuron's weights) is marked as new, so that nothing is filled in unseen.
     */
    private static TdTag cell(String path, String value, Expr.Sym symbol, String title, Errors errors, FormState s) {
        boolean fresh = s.fresh.contains(path);
        return td(
                label(symbolLabel(symbol)).withFor(Errors.id(path)).withClass("cell-label"),
                field(path, value, errors).withTitle(fresh ? title + "; new, put in by the form: change it as you like" : title),
                fresh ? span("new").withClass("fresh-mark") : text(""),
                errors.at(path)).withClass((errors.has(path) ? "invalid" : "") + (fresh ? " fresh" : ""));
    }

    /** A symbol as a label's text: its letters, subscript and superscript (the matrix form's layer). */
    private static DomContent symbolLabel(Expr.Sym symbol) {
        return each(span(symbol.base()), span(symbol.sub()).withClass("subscript"),
                symbol.sup().isEmpty() ? text("") : span(symbol.sup()).withClass("superscript"));
    }

    private static InputTag field(String path, String value, Errors errors) {
        InputTag in = input().withType("text").withName(path).withId(Errors.id(path)).withValue(value)
                .attr("autocomplete", "off").attr("spellcheck", "false");
        return errors.mark(in, path);
    }

    // ---------------------------------------------------------------- training

    private static DomContent trainingFieldset(FormState s, Errors errors) {
        SelectTag loss = select().withName("loss").withId(Errors.id("loss"));
        Notation n = new Names(s).notation();
        Unicode u = new Unicode(NumberStyle.DEFAULT);
        Map<String, String> losses = new LinkedHashMap<>();
        for (Loss each : Loss.values()) {
            String use = switch (each) {
                case HALF_SQUARED_ERROR -> n.profile() == Notation.Profile.SEED ? ", the seed's “MSE”" : "";
                case BINARY_CROSS_ENTROPY -> " (sigmoid outputs)";
                case CROSS_ENTROPY -> " (softmax outputs)";
                default -> "";
            };
            losses.put(each.id(), each.id() + ": " + u.write(Conventions.lossFormula(each, n)) + use);
        }
        boolean known = losses.containsKey(s.loss);
        for (Map.Entry<String, String> e : losses.entrySet()) {
            loss.with(option(e.getValue()).withValue(e.getKey()).withCondSelected(e.getKey().equals(s.loss)));
        }
        if (!known) {
            loss.with(option(s.loss).withValue(s.loss).isSelected());
        }
        errors.mark(loss, "loss");
        SelectTag rounding = select().withName("rounding.kind").withId("f-rounding-kind");
        rounding.with(option("none (full precision)").withValue("none").withCondSelected(s.roundingKind.equals("none")),
                option("decimal places").withValue("decimals").withCondSelected(s.roundingKind.equals("decimals")),
                option("significant figures").withValue("significant").withCondSelected(s.roundingKind.equals("significant")));
        String roundingPath = "rounding." + (s.roundingKind.equals("significant") ? "significant" : "decimals");
        InputTag digits = input().withType("text").withName("rounding.digits").withId(Errors.id(roundingPath))
                .withValue(s.roundingDigits).withClass("size").attr("inputmode", "numeric");
        errors.mark(digits, roundingPath);
        return fieldset(
                legend("Loss and training"),
                div(
                        div(label("Loss").withFor(Errors.id("loss")), loss, errors.at("loss")).withClass("field wide"),
                        div(label("Learning rate " + n.name(Quantity.Kind.ALPHA)).withFor(Errors.id("learningRate")),
                                field("learningRate", s.learningRate, errors), errors.at("learningRate")).withClass("field"),
                        div(label("Epochs").withFor(Errors.id("epochs")), field("epochs", s.epochs, errors).attr("inputmode", "numeric"),
                                errors.at("epochs")).withClass("field"),
                        div(label("Batch size").withFor(Errors.id("batchSize")),
                                field("batchSize", s.batchSize, errors).attr("inputmode", "numeric"),
                                span("1 = one update per sample").withClass("field-hint"), errors.at("batchSize")).withClass("field"),
                        div(label("Rounding").withFor("f-rounding-kind"),
                                div(rounding, label("to").withFor(Errors.id(roundingPath)).withClass("inline-label"), digits)
                                        .withClass("inline"),
                                span("each quantity rounded as soon as it is computed, as on paper").withClass("field-hint"),
                                errors.at("rounding"), errors.at("rounding.decimals"), errors.at("rounding.significant"))
                                .withClass("field wide").withId(Errors.id("rounding"))
                ).withClass("fields"),
                optimizerFields(s, errors),
                div(
                        radios("Biases", "updateBiases", s.updateBiases, errors,
                                new String[][] {{"true", "updated with the weights"}, {"false", "kept fixed (as in Mazur's example)"}}),
                        radios("Hidden " + n.name(Quantity.Kind.DELTA) + " uses", "hiddenDeltaWeights", s.hiddenDeltaWeights, errors,
                                new String[][] {{"original", "the weights before the update (correct)"},
                                        {"updated", "the already-updated weights (a published slip)"}})
                ).withClass("fields")
        ).withClass("training");
    }

    /**
     * The update rule and its settings (each labelled with the rules that read it; the stylesheet
     * shows only the chosen rule's, and without it every one is there), weight decay, and how many
     * updates are worked.
     */
    private static DomContent optimizerFields(FormState s, Errors errors) {
        SelectTag rule = select().withName("optimizer.name").withId(Errors.id("optimizer.name"));
        boolean known = false;
        for (Optimizer.Kind k : Optimizer.Kind.values()) {
            known |= k.id().equals(s.optimizer);
            rule.with(option(k.title() + (k == Optimizer.Kind.SGD ? ", the seed's update" : ""))
                    .withValue(k.id()).withCondSelected(k.id().equals(s.optimizer)));
        }
        if (!known) {
            rule.with(option(s.optimizer).withValue(s.optimizer).isSelected());
        }
        errors.mark(rule, "optimizer.name");
        return div(
                div(label("Optimizer").withFor(Errors.id("optimizer.name")), rule,
                        span("PyTorch's torch.optim rules").withClass("field-hint"),
                        errors.at("optimizer"), errors.at("optimizer.name")).withClass("field wide"),
                setting(s.momentum, "optimizer.momentum", "Momentum μ", "momentum and Nesterov", "opt-momentum", errors),
                setting(s.rmspropAlpha, "optimizer.alpha", "Smoothing ρ", "RMSprop (PyTorch's alpha)", "opt-rmsprop", errors),
                setting(s.beta1, "optimizer.beta1", "β₁", "Adam", "opt-adam", errors),
                setting(s.beta2, "optimizer.beta2", "β₂", "Adam", "opt-adam", errors),
                setting(s.epsilon, "optimizer.epsilon", "ε", "RMSprop and Adam", "opt-rmsprop opt-adam", errors),
                setting(s.weightDecay, "optimizer.weightDecay", "Weight decay λ", "L2, added to the gradient; 0 for none",
                        "", errors),
                div(label("Updates worked").withFor(Errors.id("workedUpdates")),
                        field("workedUpdates", s.workedUpdates, errors).attr("inputmode", "numeric"),
                        span("step by step, up to " + Limits.MAX_WORKED_UPDATES).withClass("field-hint"),
                        errors.at("workedUpdates")).withClass("field")
        ).withClass("fields optimizer");
    }

    private static DomContent setting(String value, String path, String label, String which, String cls, Errors errors) {
        return div(label(label).withFor(Errors.id(path)), field(path, value, errors),
                span(which).withClass("field-hint"), errors.at(path)).withClass(("field " + cls).trim());
    }

    private static DomContent radios(String title, String name, String value, Errors errors, String[][] choices) {
        List<DomContent> items = new ArrayList<>();
        for (String[] c : choices) {
            String id = Errors.id(name) + "-" + c[0];
            items.add(label(input().withType("radio").withName(name).withValue(c[0]).withId(id)
                    .withCondChecked(c[0].equals(value)), text(" " + c[1])).withFor(id).withClass("radio"));
        }
        return fieldset(legend(title), each(items, i -> i), errors.at(name)).withClass("radios").withId(Errors.id(name));
    }

    // ---------------------------------------------------------------- samples

    private static DomContent samplesFieldset(FormState s, Errors errors) {
        Names names = new Names(s);
        // The grid is as wide as the input and output layers (sizes the form could not make are not drawn).
        int in = s.depth() > 0 ? drawnSize(s.layers.get(0).size) : 0;
        int out = s.depth() > 1 ? drawnSize(s.layers.get(s.depth() - 1).size) : 0;
        int inCols = in;
        int outCols = out;
        for (FormState.SampleRow r : s.samples) {
            inCols = Math.max(inCols, r.input.size());
            outCols = Math.max(outCols, r.target.size());
        }
        String samplesText = s.samplesText != null ? s.samplesText
                : (long) s.samples.size() * (inCols + outCols + 1) > FormState.MAX_DRAWN_CELLS
                ? FormState.sampleLines(s.samples) : null;
        if (samplesText != null) {
            String targets = names.range(s.depth() - 1);
            return fieldset(
                    legend("Samples"),
                    errors.at("samples"),
                    label(text("One line per sample: the inputs " + names.range(0) + ", a bar |, then the targets for "
                            + targets + " (line s is samples[s − 1])")).withFor("f-samples-text").withClass("json-label"),
                    textarea(samplesText).withName("samples").withId("f-samples-text").withClass("matrix-text")
                            .attr("rows", Math.min(16, Math.max(4, samplesText.split("\n").length + 1))),
                    errors.under("samples"),
                    div(button("+ Add a sample").withType("submit").withName("action").withValue("add-sample").withClass("small")
                            .withId("add-sample")).withClass("row-actions")
            ).withClass("samples").withId(Errors.id("samples"));
        }
        List<DomContent> head = new ArrayList<>();
        head.add(th("Sample").withTitle("numbered from 1; the JSON counts from 0 (samples[0] is sample 1)"));
        for (int i = 0; i < inCols; i++) {
            head.add(th(names.neuron(0, i)).withClass("from"));
        }
        head.add(th("→").withClass("arrow"));
        for (int j = 0; j < outCols; j++) {
            Expr.Sym y = names.target(j);
            head.add(th(symbolLabel(y)).withClass("target").withTitle("target for " + names.neuron(s.depth() - 1, j)));
        }
        head.add(th(""));
        List<DomContent> rows = new ArrayList<>();
        for (int k = 0; k < s.samples.size(); k++) {
            FormState.SampleRow r = s.samples.get(k);
            String path = "samples[" + k + "]";
            List<DomContent> cells = new ArrayList<>();
            cells.add(th(Integer.toString(k + 1)).withId(Errors.id(path)).withTitle(path + " in the JSON"));
            for (int i = 0; i < inCols; i++) {
                String p = path + ".input[" + i + "]";
                cells.add(cell(p, i < r.input.size() ? r.input.get(i) : "", names.input(i),
                        "sample " + (k + 1) + ", input " + names.neuron(0, i) + " (" + p + ")", errors, s));
            }
            cells.add(td("→").withClass("arrow"));
            for (int j = 0; j < outCols; j++) {
                String p = path + ".target[" + j + "]";
                Expr.Sym y = names.target(j);
                cells.add(cell(p, j < r.target.size() ? r.target.get(j) : "", y,
                        "sample " + (k + 1) + ", target for " + names.neuron(s.depth() - 1, j) + " (" + p + ")", errors, s)
                        .withClass("target" + (errors.has(p) ? " invalid" : "")));
            }
            cells.add(td(button("Remove").withType("submit").withName("action").withValue("remove-sample:" + k)
                    .withClass("small secondary").withId("remove-sample-" + k)));
            rows.add(tr(cells.toArray(new DomContent[0])));
            rows.add(errors.rowUnder(path, inCols + outCols + 3));
        }
        return fieldset(
                legend("Samples"),
                errors.at("samples"),
                div(table(thead(tr(head.toArray(new DomContent[0]))), tbody(rows.toArray(new DomContent[0]))).withClass("grid samples"))
                        .withClass("grid-wrap"),
                div(button("+ Add a sample").withType("submit").withName("action").withValue("add-sample").withClass("small")
                        .withId("add-sample")).withClass("row-actions")
        ).withClass("samples").withId(Errors.id("samples"));
    }

    // ---------------------------------------------------------------- given values

    private static DomContent givenFieldset(FormState s, Errors errors) {
        Names names = new Names(s);
        long options = 0;
        for (int l = 1; l < s.depth(); l++) {
            options += 2L * Math.min(Math.max(FormState.parseCount(s.layers.get(l).size), 0), 256);
        }
        // A list per row while the lists stay small; beyond that (a hand-made request) the keys are typed.
        boolean lists = options * s.given.size() <= MAX_GIVEN_OPTIONS;
        List<DomContent> rows = new ArrayList<>();
        for (int k = 0; k < s.given.size(); k++) {
            FormState.GivenRow g = s.given.get(k);
            String path = "given." + g.key.trim();
            DomContent key;
            if (lists) {
                key = errors.mark(givenKeys(s, names, g.key.trim(), g.key).withName("given[" + k + "].key")
                        .withId("f-given-" + k + "-key"), path);
            } else {
                key = errors.mark(input().withType("text").withName("given[" + k + "].key").withId("f-given-" + k + "-key")
                        .withValue(g.key).attr("autocomplete", "off").attr("spellcheck", "false"), path);
            }
            rows.add(div(
                    label("Quantity").withFor("f-given-" + k + "-key"), key,
                    label("value").withFor(Errors.id(path)),
                    errors.mark(input().withType("text").withName("given[" + k + "].value").withId(Errors.id(path))
                            .withValue(g.value).attr("autocomplete", "off"), path),
                    button("Remove").withType("submit").withName("action").withValue("remove-given:" + k)
                            .withClass("small secondary").withId("remove-given-" + k),
                    errors.at(path)).withClass("given-row"));
        }
        return fieldset(
                legend("Given values (optional)"),
                p("An exercise may state forward values instead of letting you compute them, as the seed does "
                        + "(“assume A_o1 = 0.70”). A given " + names.name(Quantity.Kind.Z) + " feeds the activation; a given "
                        + names.name(Quantity.Kind.A) + " replaces it. One sample and one epoch only.").withClass("hint"),
                errors.at("given"),
                each(rows, r -> r),
                div(button("+ Add a given value").withType("submit").withName("action").withValue("add-given")
                        .withClass("small").withId("add-given")).withClass("row-actions")
        ).withClass("given").withId(Errors.id("given"));
    }

    /** The list of the quantities a value may be given for (every A and Z), with the typed key selected. */
    private static SelectTag givenKeys(FormState s, Names names, String chosen, String typed) {
        SelectTag key = select();
        boolean known = false;
        for (int l = 1; l < s.depth(); l++) {
            int size = FormState.parseCount(s.layers.get(l).size);
            for (int j = 0; j < Math.min(size, 256); j++) {
                for (String kind : new String[] {"a", "z"}) {
                    String qk = kind + "[" + l + "][" + j + "]";
                    known |= qk.equals(chosen);
                    Quantity q = kind.equals("a") ? Quantity.a(l, j) : Quantity.z(l, j);
                    key.with(option(names.text(q) + (kind.equals("a") ? ", the activation of " : ", the weighted input of ")
                            + names.neuron(l, j) + "   (" + qk + ")")
                            .withValue(qk).withCondSelected(qk.equals(chosen)));
                }
            }
        }
        if (!known) {
            key.with(option(typed).withValue(typed).isSelected());
        }
        return key;
    }

    private static DomContent jsonBox(String json, Errors errors) {
        return details(
                summary("The problem as JSON (the API's format): view, paste or load"),
                p(text("This is the body "), code("POST /api/solve"), text(" takes. Paste a problem here and load it into the "
                        + "form.")).withClass("hint"),
                errors.at("(body)"),
                label("Problem JSON").withFor("f-json").withClass("json-label"),
                textarea(json).withName("json").withId("f-json").attr("rows", 14).withClass("json"),
                div(button("Load this JSON into the form").withType("submit").withName("action").withValue("load-json")
                        .withClass("small secondary").withId("load-json")).withClass("row-actions")
        ).withClass("json-box").condAttr(errors.has("(body)"), "open", "open");
    }

    // ---------------------------------------------------------------- helpers

    /** A typed layer size as the grids draw it: the size when the form could make it (up to 256), otherwise 0. */
    private static int drawnSize(String size) {
        int n = FormState.parseCount(size);
        return n >= 0 && n <= FormEdits.MAX_FORM_NEURONS ? n : 0;
    }

    /**
     * Names for the form, from the sizes typed: the worked page's notation over sizes that may
     * not make a network yet (a layer with no neurons counts as one, no layer at all names "?").
     */
    static final class Names {
        /** The letters when no layer is typed at all. */
        private static final Notation NO_LAYERS = Notation.of(Notation.Profile.SEED, 1);

        private final int[] sizes;
        private final Notation.Profile profile;
        private final @Nullable Notation notation;

        Names(FormState s) {
            sizes = new int[s.depth()];
            for (int l = 0; l < s.depth(); l++) {
                FormState.LayerRow row = s.layers.get(l);
                int size = FormState.parseCount(row.size);
                if (l > 0 && row.weightsText == null && !row.weights.isEmpty()) {
                    size = Math.max(size, row.weights.size());
                }
                sizes[l] = Math.max(size, 1);
            }
            profile = s.profile();
            notation = sizes.length == 0 ? null : Notation.of(profile, sizes);
        }

        /** The notation for the sizes typed (the seed's letters for a form with no layer at all). */
        Notation notation() {
            return notation == null ? Notation.of(profile, 1) : notation;
        }

        /** How the notation names things, as a sentence with formulas, its examples from the network typed. */
        DomContent explain() {
            // with no dense layer typed yet, the examples come from the smallest network there is
            Notation n = sizes.length >= 2 ? notation() : Notation.of(profile, sizes.length == 1 ? sizes[0] : 1, 1);
            return Html.prose(n.explain(), new MathMl(NumberStyle.DEFAULT));
        }

        /** The symbol of input i. */
        Expr.Sym input(int i) {
            return symbol(Quantity.a(0, i));
        }

        private boolean has(int l) {
            return notation != null && l >= 0 && l < sizes.length;
        }

        String neuron(int l, int j) {
            return has(l) ? notation.neuron(l, j) : "?";
        }

        /** The symbol of the weight from neuron i of layer l − 1 into neuron j of layer l. */
        Expr.Sym weight(int l, int j, int i) {
            return symbol(Quantity.wOld(l, j, i));
        }

        /** The symbol of neuron j's bias. */
        Expr.Sym bias(int l, int j) {
            return symbol(Quantity.bOld(l, j));
        }

        /** The symbol of output j's target. */
        Expr.Sym target(int j) {
            return symbol(Quantity.target(j));
        }

        // With no layer typed there is no neuron to name: the letter with "?" for its subscript.
        private Expr.Sym symbol(Quantity q) {
            return notation == null ? Expr.sym(NO_LAYERS.name(q.kind()), "?") : notation.unmarked(q);
        }

        /** A quantity's name as text, e.g. A_h1 or out_h1. */
        String text(Quantity q) {
            return notation == null ? "?" : notation.text(q);
        }

        /** A kind of quantity's letter, e.g. A or Z. */
        String name(Quantity.Kind kind) {
            return (notation == null ? NO_LAYERS : notation).name(kind);
        }

        String range(int l) {
            return has(l) ? notation.range(l) : "?";
        }

        int count(int l) {
            return l < 0 || l >= sizes.length ? 0 : sizes[l];
        }
    }

    /** The form's mistakes by field path, placed at their inputs. */
    static final class Errors {
        private final Map<String, List<String>> byField = new LinkedHashMap<>();
        /** Each field's place in the list of mistakes, so that messages looked up by field keep that order. */
        private final Map<String, Integer> order = new HashMap<>();
        /** The fields with mistakes at or below each path ({@code samples} → {@code samples[3].input[1]} …), as found. */
        private final Map<String, List<String>> atOrBelow = new HashMap<>();

        Errors(List<FieldError> errors) {
            for (FieldError e : errors) {
                if (!byField.containsKey(e.field())) {
                    String f = e.field();
                    atOrBelow.computeIfAbsent(f, k -> new ArrayList<>()).add(f);
                    for (int i = f.indexOf('['); i >= 0; i = f.indexOf('[', i + 1)) {
                        atOrBelow.computeIfAbsent(f.substring(0, i), k -> new ArrayList<>()).add(f);
                    }
                }
                List<String> messages = byField.computeIfAbsent(e.field(), k -> new ArrayList<>());
                // The same message for the same field (a quantity given in many rows) is shown once.
                if (!messages.contains(e.message())) {
                    messages.add(e.message());
                }
                order.putIfAbsent(e.field(), order.size());
            }
        }

        /** The HTML id of a field's input: {@code layers[1].weights[0][1]} → {@code f-layers-1-weights-0-1}. */
        static String id(String path) {
            String s = path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
            return "f-" + (s.isEmpty() ? "body" : s);
        }

        boolean has(String path) {
            return byField.containsKey(path);
        }

        /** The messages for exactly this field, beside it. */
        DomContent at(String path) {
            List<String> messages = byField.get(path);
            if (messages == null) {
                return text("");
            }
            return span(each(messages, msg -> span(msg).withClass("message"))).withClass("field-error")
                    .withId("e-" + id(path).substring(2));
        }

        /** The messages for fields under this path (e.g. every weight of a layer shown as one text box), beneath it. */
        DomContent under(String prefix) {
            return list(fieldsAt(prefix), f -> true);
        }

        /**
         * The messages under a grid about the grid as a whole or its rows (a row of the wrong length);
         * those about a cell the grid shows are at the cell already.
         */
        DomContent underGrid(String prefix, int rows, int cols) {
            Pattern cell = Pattern.compile(Pattern.quote(prefix) + "\\[(\\d{1,9})](?:\\[(\\d{1,9})])?");
            return list(fieldsAt(prefix), f -> {
                Matcher m = cell.matcher(f);
                boolean atCell = m.matches() && Integer.parseInt(m.group(1)) < rows
                        && (prefix.endsWith(".biases") ? m.group(2) == null
                        : m.group(2) != null && Integer.parseInt(m.group(2)) < cols);
                return !atCell;
            });
        }

        /** The fields with mistakes that are this path or below it by an index ({@code prefix[…]}), in the order found. */
        private List<String> fieldsAt(String prefix) {
            return atOrBelow.getOrDefault(prefix, List.of());
        }

        /** The chosen fields' messages as a list, the first {@value #MAX_LISTED} of them and a count of the rest. */
        private DomContent list(List<String> fields, Predicate<String> chosen) {
            List<DomContent> shown = new ArrayList<>();
            int count = 0;
            for (String f : fields) {
                if (!chosen.test(f)) {
                    continue;
                }
                for (String msg : byField.get(f)) {
                    if (count++ < MAX_LISTED) {
                        shown.add(li(code(f), text(" " + msg)));
                    }
                }
            }
            if (count > MAX_LISTED) {
                shown.add(li("… and " + (count - MAX_LISTED) + " more").withClass("more"));
            }
            return shown.isEmpty() ? text("") : ul(shown.toArray(new DomContent[0])).withClass("field-error list");
        }

        /** A table row under a sample with the messages about the sample as a whole. */
        DomContent rowUnder(String path, int span) {
            // Looked up, not searched for: a form of many samples asks this once per sample.
            List<String> fields = new ArrayList<>();
            for (String f : new String[] {path, path + ".input", path + ".target"}) {
                if (byField.containsKey(f)) {
                    fields.add(f);
                }
            }
            fields.sort(Comparator.comparing(order::get));
            List<String> messages = new ArrayList<>();
            for (String f : fields) {
                for (String msg : byField.get(f)) {
                    messages.add((f.equals(path) ? "" : f.substring(path.length() + 1) + ": ") + msg);
                }
            }
            if (messages.isEmpty()) {
                return text("");
            }
            return tr(td(span(each(messages, msg -> span(msg).withClass("message"))).withClass("field-error"))
                    .attr("colspan", span)).withClass("error-row");
        }

        /** Marks an input invalid (aria-invalid, which the stylesheet shows) when its field has a mistake. */
        <T extends j2html.tags.Tag<T>> T mark(T tag, String path) {
            if (has(path)) {
                tag.attr("aria-invalid", "true").attr("aria-describedby", "e-" + id(path).substring(2));
            }
            return tag;
        }
    }
}
