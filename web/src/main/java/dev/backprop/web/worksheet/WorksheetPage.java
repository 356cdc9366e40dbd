package dev.backprop.web.worksheet;

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
import static j2html.TagCreator.link;
import static j2html.TagCreator.main;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.text;
import static j2html.TagCreator.ul;

import dev.backprop.engine.check.CheckResult;
import dev.backprop.engine.check.Explanation;
import dev.backprop.engine.check.Hint;
import dev.backprop.engine.check.QuantityResult;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.render.Derivation;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Outline;
import dev.backprop.engine.render.Worked;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import dev.backprop.web.math.MathMl;
import dev.backprop.web.view.Html;
import dev.backprop.web.view.Layout;
import dev.backprop.web.view.Links;
import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.FormTag;
import j2html.tags.specialized.InputTag;
import j2html.tags.specialized.SectionTag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The worksheet page: the worked solution with blanks. The forward pass and the loss are worked
 * out; each asked quantity is an input to fill in. Once submitted, each answer is marked (right,
 * wrong, or following correctly from an earlier wrong answer), a wrong one says which known mistake
 * explains it without giving the value away, and offers the formula first, then the full worked
 * step. Every button submits the form with every answer, so nothing typed is lost, and no script
 * is needed.
 *
 * <pre>{@code
 * String html = WorksheetPage.render(new WorksheetPage.Model(worked, json, blanks, List.of(), style,
 *         typed, errors, result, hinted, shown, link, rule, 0.5));
 * }</pre>
 */
public final class WorksheetPage {
    /** Where the worksheet's own styles are. */
    public static final String CSS = "/assets/worksheet.css";
    /** The prefix of an answer's form field: {@code answer:delta[2][0]}. */
    public static final String ANSWER = "answer:";
    /** The most quantities offered one by one in the chooser. */
    static final int MAX_CHOICES = 300;

    private WorksheetPage() {
    }

    /**
     * A worksheet to draw.
     *
     * @param worked  the solved problem
     * @param json    the problem's JSON, carried in the forms and links
     * @param blanks  the quantities left blank
     * @param chosen  the keys chosen one by one (for the links and the chooser)
     * @param style   how numbers are written in the worked steps
     * @param typed   the answers as typed, by key (empty before the first submission)
     * @param errors  answers that could not be read, by key
     * @param result  the marks, or null before anything was submitted
     * @param hinted  keys whose formula the student asked for
     * @param shown   keys whose worked step the student asked for
     * @param link    the shareable link to this worksheet, blank
     * @param rule    how answers are marked, in a sentence whose example is no value of this page
     * @param carriedForward the share of a mark an answer carried forward from a wrong one earns
     */
    public record Model(Worked worked, String json, Blanks blanks, List<String> chosen, NumberStyle style,
                        Map<String, String> typed, Map<String, String> errors, @Nullable CheckResult result,
                        Set<String> hinted, Set<String> shown, String link, String rule, double carriedForward) {
        /** Copies the collections. */
        public Model {
            chosen = List.copyOf(chosen);
            typed = Map.copyOf(typed);
            errors = Map.copyOf(errors);
            hinted = Set.copyOf(hinted);
            shown = Set.copyOf(shown);
        }
    }

    /** The page. */
    public static String render(Model model) {
        Worked w = model.worked();
        MathMl m = new MathMl(model.style());
        Map<String, Derivation> derivations = new HashMap<>();
        for (Derivation d : w.derivations()) {
            derivations.putIfAbsent(d.step().quantity().key(), d);
        }
        List<DomContent> content = new ArrayList<>();
        content.add(link().withRel("stylesheet").withHref(CSS));
        content.add(div(
                h1("Worksheet"),
                p(lede(model)).withClass("lede"),
                div(h2("How answers are marked"),
                        p(model.rule()).withId("marking-rule"),
                        p("Any blank offers its formula as a hint. A wrong answer says which common mistake explains"
                                + " it, if one does; the worked step comes after the hint, when you ask for it.")).withClass("rule"),
                p(text("Share this worksheet: "), a("the link to it, blank").withHref(model.link()).withId("share-link"),
                        text(" "), input().withType("text").isReadonly().withValue(model.link()).withClass("share-url")
                                .attr("aria-label", "the link to this worksheet, to copy")).withClass("share"))
                .withClass("intro").withId("top"));
        if (model.blanks().total() > model.blanks().steps().size()) {
            content.add(p("This choice makes " + model.blanks().total() + " blanks; the worksheet shows the first "
                    + model.blanks().steps().size() + ". Choose fewer quantities below for the rest.")
                    .withClass("notice").withId("notice"));
        }
        if (model.result() != null || !model.errors().isEmpty()) {
            content.add(score(model));
        }
        content.add(chooser(model));
        content.add(givenSection(model, m));
        content.add(answerForm(model, derivations, m));
        content.add(p(a("See the whole worked solution").withHref(Links.solve(model.json())).withId("worked-link"),
                text(" · "), a("Edit the problem").withHref(Links.edit(model.json()))).withClass("share"));
        return Layout.page("Worksheet, " + w.shape() + " network", "worksheet", main(content.toArray(new DomContent[0])));
    }

    private static String lede(Model model) {
        Worked w = model.worked();
        Problem p = w.problem();
        String asked = model.blanks().ask() == Blanks.Ask.CHOSEN
                ? model.blanks().steps().size() + " chosen " + (model.blanks().steps().size() == 1 ? "quantity" : "quantities")
                : model.blanks().ask().label();
        return "A " + w.shape() + " network (" + w.activations() + ") with the " + p.loss().id() + " loss and learning rate "
                + NumberStyle.DEFAULT.text(p.learningRate()) + ": work out " + asked + " of the first update."
                + " The forward pass and the loss are worked for you.";
    }

    private static DomContent score(Model model) {
        CheckResult r = model.result();
        List<DomContent> lines = new ArrayList<>();
        if (r != null) {
            String s = r.correct() + " of " + r.total() + (r.total() == 1 ? " answer" : " answers") + " right";
            if (r.carriedForward() > 0) {
                s += "; " + r.carriedForward() + " more " + (r.carriedForward() == 1 ? "follows" : "follow")
                        + " correctly from your earlier answers";
            }
            int empty = model.blanks().steps().size() - r.total() - model.errors().size();
            if (empty > 0) {
                s += "; " + empty + (empty == 1 ? " blank" : " blanks") + " left empty";
            }
            lines.add(p(s + ".").withClass("score-line"));
            lines.add(p("Marks: " + marks(r.marks()) + " of " + model.blanks().steps().size() + " (an answer carried"
                    + " forward from a wrong one earns " + marks(model.carriedForward()) + ")." ).withClass("marks-line")
                    .withId("marks"));
        }
        if (!model.errors().isEmpty()) {
            lines.add(p(model.errors().size() + (model.errors().size() == 1 ? " answer is" : " answers are")
                    + " not a number; " + (model.errors().size() == 1 ? "it is" : "they are") + " marked below."));
        }
        // every answer that is not right, in the page's order, linked to its blank
        List<DomContent> again = new ArrayList<>();
        for (Step s : model.blanks().steps()) {
            String key = s.quantity().key();
            QuantityResult q = r == null ? null : r.result(key).orElse(null);
            String state = state(q, model.errors().containsKey(key));
            String why = switch (state) {
                case "wrong" -> q.diagnosis() == null ? "not right" : "not right; the blank names the likely mistake";
                case "carried" -> "follows from an earlier answer that is not right";
                case "invalid" -> "not a number";
                default -> "";
            };
            if (!why.isEmpty()) {
                again.add(li(a(model.worked().notation().text(s.quantity())).withHref("#ws-" + Derivation.anchor(key)),
                        text(" — " + why)));
            }
        }
        if (!again.isEmpty()) {
            lines.add(p("To look at again:").withClass("again-head"));
            lines.add(ul(again.toArray(new DomContent[0])).withClass("again").withId("again"));
        }
        return div(lines.toArray(new DomContent[0])).withClass("score").withId("score").attr("role", "status");
    }

    /** Marks as written on the page: 1, 0.5, 3.25, without trailing zeros. */
    static String marks(double m) {
        return java.math.BigDecimal.valueOf(m).stripTrailingZeros().toPlainString();
    }

    private static DomContent chooser(Model model) {
        Worked w = model.worked();
        List<DomContent> radios = new ArrayList<>();
        for (Blanks.Ask ask : Blanks.Ask.values()) {
            if (ask == Blanks.Ask.STATE && w.problem().optimizer().plain()) {
                continue; // plain gradient descent keeps no state
            }
            InputTag radio = input().withType("radio").withName("ask").withValue(ask.id()).withId("ask-" + ask.id())
                    .withCondChecked(ask == model.blanks().ask());
            radios.add(label(radio, text(" " + ask.label())).withClass("radio").withFor("ask-" + ask.id()));
        }
        String[] problem = Links.problemParam(model.json());   // a GET form: a long problem goes packed
        FormTag f = form(
                input().withType("hidden").withName(problem[0]).withValue(problem[1]),
                input().withType("hidden").withName("digits").withValue(Integer.toString(model.style().digits())),
                fieldset(legend("Leave blank"), each(radios, r -> r)).withClass("radios"),
                p(label(text("Marks for an answer carried forward from a wrong one, 0 to 1: "),
                        input().withType("text").withName(Worksheets.CARRIED_FORWARD).withId("carried-forward")
                                .withValue(marks(model.carriedForward())).attr("inputmode", "decimal").withClass("share-input"))
                        .withFor("carried-forward")).withClass("setting"));
        List<Step> choices = new ArrayList<>();
        for (Step s : w.solution().firstUpdate().steps()) {
            if (!(s instanceof Step.Given) && !(s instanceof Step.Unchanged)) {
                choices.add(s);
            }
        }
        if (choices.size() <= MAX_CHOICES) {
            List<DomContent> boxes = new ArrayList<>();
            for (Step s : choices) {
                String key = s.quantity().key();
                String id = "q-" + Derivation.anchor(key);
                boxes.add(label(input().withType("checkbox").withName("q").withValue(key).withId(id)
                        .withCondChecked(model.chosen().contains(key)), text(" "), code(key)).withFor(id).withClass("choice"));
            }
            f.with(details(summary("Or tick the quantities to leave blank (this overrides the choice above)"),
                    div(each(boxes, b -> b)).withClass("choices"))
                    .withCondOpen(model.blanks().ask() == Blanks.Ask.CHOSEN));
        }
        f.with(button("Make the worksheet").withType("submit").withId("make-worksheet"));
        return section(h2("What to leave blank"), f.withMethod("get").withAction(Worksheets.PATH).withId("choose"))
                .withClass("chooser").withId("choose-section");
    }

    private static SectionTag givenSection(Model model, MathMl m) {
        Blanks blanks = model.blanks();
        Outline outline = Outline.of(model.worked(), blanks::given);
        SectionTag section = section(h2("Worked for you")).withId("given").withClass("steps given");
        for (Outline.Section s : outline.sections()) {
            for (Outline.Group g : s.groups()) {
                DivTag group = div(h3(s.title() + " · " + g.title())).withClass("group");
                for (Derivation d : g.steps()) {
                    group.with(Html.derivation(d, m));
                }
                section.with(group);
            }
        }
        return section;
    }

    private static FormTag answerForm(Model model, Map<String, Derivation> derivations, MathMl m) {
        Blanks blanks = model.blanks();
        FormTag f = form(
                input().withType("hidden").withName("problem").withValue(model.json()),
                input().withType("hidden").withName("ask").withValue(blanks.ask().id()),
                input().withType("hidden").withName("digits").withValue(Integer.toString(model.style().digits())),
                input().withType("hidden").withName(Worksheets.CARRIED_FORWARD).withValue(marks(model.carriedForward())))
                .withMethod("post").withAction(Worksheets.PATH).withId("answers").withClass("worksheet-form");
        for (String q : model.chosen()) {
            f.with(input().withType("hidden").withName("q").withValue(q));
        }
        for (String k : model.hinted()) {
            f.with(input().withType("hidden").withName("hinted").withValue(k));
        }
        for (String k : model.shown()) {
            f.with(input().withType("hidden").withName("shown").withValue(k));
        }
        // The first submit button is the one Enter presses: make it "Check", not a blank's hint button.
        f.with(div(h2("Your answers"), button("Check my answers").withType("submit").withName("action")
                .withValue("check").withClass("small").withId("check-top")).withClass("form-head"));
        Outline outline = Outline.of(model.worked(), s -> blanks.contains(s.quantity().key()));
        for (Outline.Section s : outline.sections()) {
            for (Outline.Group g : s.groups()) {
                DivTag group = div(h3(g.title())).withClass("group blanks");
                for (Derivation d : g.steps()) {
                    group.with(blank(d, model, m));
                }
                f.with(group);
            }
        }
        f.with(div(button("Check my answers").withType("submit").withName("action").withValue("check")
                .withClass("primary").withId("check")).withClass("form-foot"));
        return f;
    }

    /** The state of a blank, as a class and for tests: open, invalid, right, wrong or carried. */
    static String state(@Nullable QuantityResult r, boolean invalid) {
        if (invalid) {
            return "invalid";
        }
        if (r == null) {
            return "open";
        }
        return r.correct() ? "right" : r.carriedForward() ? "carried" : "wrong";
    }

    private static DivTag blank(Derivation d, Model model, MathMl m) {
        String key = d.step().quantity().key();
        String id = "ws-" + d.anchor();
        String inputId = "in-" + d.anchor();
        QuantityResult r = model.result() == null ? null : model.result().result(key).orElse(null);
        String error = model.errors().get(key);
        String state = state(r, error != null);
        InputTag field = input().withType("text").withName(ANSWER + key).withId(inputId)
                .withValue(model.typed().getOrDefault(key, "")).attr("inputmode", "decimal").attr("autocomplete", "off")
                .attr("spellcheck", "false").withClass("answer");
        if (error != null) {
            field.attr("aria-invalid", "true").attr("aria-describedby", id + "-error");
        }
        DivTag blank = div(div(
                label(m.inline(d.lhs()), text(" =")).withFor(inputId).withClass("lhs"),
                field,
                span(key).withClass("key").withTitle("the quantity's key in the JSON API")).withClass("answer-line"))
                .withClass("blank " + state).withId(id);
        if (error != null) {
            blank.with(p(error).withClass("field-error").withId(id + "-error"));
        }
        if (r != null) {
            DivTag mark = div(span(badge(state)).withClass("badge"),
                    span(marks(r.marks()) + (r.marks() == 0 || r.marks() > 1 ? " marks" : " mark")).withClass("marks"));
            if (r.diagnosis() != null) {
                mark.with(span(r.diagnosis().code()).withClass("diagnosis").withTitle("the mistake's code in the JSON API"));
            }
            mark.with(span(explanation(r.feedback(), model.worked().notation(), model.style(), m)).withClass("feedback"));
            blank.with(mark.withClass("mark"));
            if (r.correct()) {
                return blank;
            }
        }
        // every blank not yet right offers its formula, answered or not
        String here = Worksheets.PATH + "#" + id;
        if (!model.hinted().contains(key) && !model.shown().contains(key)) {
            blank.with(button("Hint: the formula").withType("submit").withName("action").withValue("hint:" + key)
                    .attr("formaction", here).withClass("small secondary hint-button"));
            return blank;
        }
        blank.with(hint(d, id, m));
        if (r == null) {
            return blank;
        }
        if (!model.shown().contains(key)) {
            blank.with(button("Show the worked step").withType("submit").withName("action").withValue("show:" + key)
                    .attr("formaction", here).withClass("small secondary show-button"));
        } else {
            blank.with(div(p("The worked step:").withClass("hint-title"), Html.derivation(d, m)).withClass("worked-step"));
        }
        return blank;
    }

    /**
     * The formula for a blank, as a hint: its symbolic lines written on one line, in the page's
     * notation, in a box of its own (not laid out or coloured like a worked result).
     */
    private static DivTag hint(Derivation d, String id, MathMl m) {
        DivTag formula = div(m.inline(d.lhs())).withClass("hint-formula").withId(id + "-formula");
        for (Derivation.Line line : Hint.formula(d)) {
            formula.with(text(" " + (line.relation().isEmpty() ? "" : line.relation() + " ")), m.inline(line.rhs()));
        }
        return div(p("Hint, the formula to use:").withClass("hint-title"), formula).withClass("hint-box");
    }

    /** An explanation on the page: words as text, quantities in the page's notation, numbers in its style. */
    static DomContent explanation(Explanation e, Notation notation, NumberStyle style, MathMl m) {
        List<DomContent> parts = new ArrayList<>();
        for (Explanation.Part p : e.parts()) {
            if (p instanceof Explanation.Words w) {
                parts.add(text(w.text()));
            } else if (p instanceof Explanation.Ref ref) {
                parts.add(m.inline(notation.expr(ref.quantity())));
            } else if (p instanceof Explanation.Num n) {
                parts.add(span(n.written() ? Explanation.number(n) : style.text(n.value().doubleValue())).withClass("num"));
            }
        }
        return each(parts.toArray(new DomContent[0]));
    }

    /** The colour class of a step, as the worked page uses them. */
    private static String kind(Quantity q) {
        return switch (q.kind()) {
            case DELTA -> "delta";
            case DW, DB -> "gradient";
            case W, B -> "update";
            case LOSS, LOSS_BEFORE, LOSS_AFTER -> "loss";
            default -> "forward";
        };
    }

    private static String badge(String state) {
        return switch (state) {
            case "right" -> "✓ Right";
            case "carried" -> "↳ Follows from an earlier answer";
            default -> "✗ Not right";
        };
    }

    /** The page for a problem that cannot be made into a worksheet: its errors, and the way back to the form. */
    public static String refused(String json, List<FieldError> errors) {
        return Layout.page("Worksheet", "worksheet", main(
                link().withRel("stylesheet").withHref(CSS),
                h1("This problem cannot be made into a worksheet"),
                div(h2("What is wrong"),
                        ul(each(errors, e -> li(code(e.field()), text(": " + e.message()))))).withClass("error-summary")
                        .withId("errors").attr("role", "alert"),
                p(a("Edit the problem in the form").withHref(json.length() <= 100_000 ? Links.edit(json) : Links.FORM))));
    }
}
