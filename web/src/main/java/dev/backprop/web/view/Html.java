package dev.backprop.web.view;

import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.p;
import static j2html.TagCreator.span;
import static j2html.TagCreator.sub;
import static j2html.TagCreator.sup;
import static j2html.TagCreator.text;

import dev.backprop.engine.render.Derivation;
import dev.backprop.engine.render.Expr;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Prose;
import dev.backprop.web.math.MathMl;
import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.SpanTag;
import java.util.ArrayList;
import java.util.List;

/** Small pieces shared by the pages: a number with its exact value on hover, a sentence with formulas, a derivation. */
public final class Html {
    private Html() {
    }

    /** A number to the style's precision, its exact double in the title. */
    public static SpanTag num(double v, NumberStyle style) {
        return span(style.text(v)).withClass("num").withTitle(NumberStyle.exact(v));
    }

    /**
     * A table in a box of its own that scrolls sideways where the table is wider than the screen;
     * a keyboard can reach the box and scroll it (it is a named region for screen readers).
     */
    public static DivTag scrolling(String label, DomContent table) {
        return div(table).withClass("table-scroll").attr("tabindex", "0").attr("role", "region").attr("aria-label", label);
    }

    /** A symbol as HTML text, its subscript and superscript as {@code <sub>} and {@code <sup>} (for table headings). */
    public static DomContent symbol(Expr.Sym s) {
        return each(text(s.base()), s.sub().isEmpty() ? text("") : sub(s.sub()), s.sup().isEmpty() ? text("") : sup(s.sup()));
    }

    /** A sentence: words as text, formulas as inline MathML. */
    public static DomContent prose(Prose prose, MathMl m) {
        List<DomContent> parts = new ArrayList<>();
        for (Expr e : prose.parts()) {
            parts.add(e instanceof Expr.Text t ? text(t.text()) : m.inline(e));
        }
        return each(parts.toArray(new DomContent[0]));
    }

    /**
     * An equation laid out as on paper: the left-hand side, then one line per right-hand side
     * with the relations aligned, the result emphasised, and remarks beneath.
     */
    public static DivTag equation(String id, String kind, String key, Expr lhs, List<Derivation.Line> lines,
                                  List<Prose> notes, MathMl m) {
        DivTag grid = div().withClass("eq");
        if (widest(lhs, lines, m.style()) > SCROLLS) {
            // It may scroll sideways on a phone: a keyboard must be able to reach it to scroll it.
            grid.attr("tabindex", "0");
        }
        for (int k = 0; k < lines.size(); k++) {
            Derivation.Line line = lines.get(k);
            boolean last = k == lines.size() - 1;
            grid.with(div(k == 0 ? m.inline(lhs) : text("")).withClass("lhs"));
            grid.with(div(line.relation().isEmpty() ? text("") : m.inline(Expr.op(line.relation()))).withClass("rel"));
            grid.with(div(m.inline(line.rhs())).withClass(last && lines.size() > 1 ? "rhs result" : "rhs"));
        }
        DivTag step = div().withClass("step " + kind).withId(id);
        if (!key.isEmpty()) {
            step.with(span(key).withClass("key").withTitle(keyTitle(key)));
        }
        step.with(grid);
        for (Prose note : notes) {
            step.with(p(prose(note, m)).withClass("note"));
        }
        return step;
    }

    /**
     * What a step's key is, said where it is hovered over: the key counts samples from 0 where the
     * page's headings count from 1, so a key of sample 2 says so.
     */
    static String keyTitle(String key) {
        int at = key.indexOf('@');
        if (at < 0) {
            return "the quantity's key in the JSON API";
        }
        String sample = key.substring(at + 1);
        String shown = sample.chars().allMatch(Character::isDigit) && sample.length() < 7
                ? Integer.toString(Integer.parseInt(sample) + 1) : sample;
        return "the quantity's key in the JSON API; keys count samples from 0, so @" + sample + " is sample " + shown;
    }

    /** The lines of an equation after its first, as on paper under it: the relations aligned, the result emphasised. */
    public static DivTag continued(List<Derivation.Line> lines, MathMl m) {
        DivTag grid = div().withClass("eq");
        for (int k = 0; k < lines.size(); k++) {
            Derivation.Line line = lines.get(k);
            grid.with(div().withClass("lhs"));
            grid.with(div(line.relation().isEmpty() ? text("") : m.inline(Expr.op(line.relation()))).withClass("rel"));
            grid.with(div(m.inline(line.rhs())).withClass(k == lines.size() - 1 ? "rhs result" : "rhs"));
        }
        return grid;
    }

    /** Lines wider than this many characters (roughly) get a whole row of the grid. */
    static final double WIDE = 34;
    /**
     * Lines wider than this many characters (roughly) may not fit a phone's screen, and scroll there
     * (a phone's card holds about 290 px, some 18 of these characters where subscripts abound).
     */
    static final double SCROLLS = 16;

    /**
     * The steps of a group in a grid of cards, two abreast where they are short (so that, say, the
     * two hidden δ sit side by side); a derivation with a long line takes the whole row.
     */
    public static DivTag steps(List<Derivation> steps, MathMl m, NumberStyle style) {
        DivTag grid = div().withClass("step-grid");
        for (Derivation d : steps) {
            DivTag card = derivation(d, m);
            if (wide(d, style)) {
                card.withClass("step wide " + kind(d));
            }
            grid.with(card);
        }
        return grid;
    }

    /** Whether a derivation needs a whole row. */
    static boolean wide(Derivation d, NumberStyle style) {
        return widest(d.lhs(), d.lines(), style) > WIDE;
    }

    /** Roughly how many characters wide the widest line of an equation is, its left-hand side included. */
    static double widest(Expr lhs, List<Derivation.Line> lines, NumberStyle style) {
        double left = width(lhs, style);
        double most = left;
        for (Derivation.Line line : lines) {
            most = Math.max(most, left + width(line.rhs(), style));
        }
        return most;
    }

    /** Roughly how many characters wide an expression is written: layout only, nothing is computed. */
    static double width(Expr e, NumberStyle style) {
        if (e instanceof Expr.Row r) {
            double n = 0;
            for (Expr item : r.items()) {
                n += width(item, style);
            }
            return n;
        }
        if (e instanceof Expr.Num num) {
            return num.style(style).text(num.value()).length();
        }
        if (e instanceof Expr.Sym s) {
            return s.base().length() + 0.7 * (s.sub().length() + s.sup().length());
        }
        if (e instanceof Expr.Op) {
            return 1.6;
        }
        if (e instanceof Expr.Const c) {
            return c.text().length();
        }
        if (e instanceof Expr.Text t) {
            return t.text().length();
        }
        if (e instanceof Expr.Frac f) {
            return Math.max(width(f.numerator(), style), width(f.denominator(), style)) * 0.8;
        }
        if (e instanceof Expr.Pow p) {
            return width(p.base(), style) + 0.7 * width(p.exponent(), style);
        }
        if (e instanceof Expr.Paren p) {
            return width(p.inner(), style) + 1.2;
        }
        if (e instanceof Expr.Sqrt r) {
            return width(r.radicand(), style) + 1.2;
        }
        if (e instanceof Expr.Fn f) {
            double n = f.name().length() + 1.2;
            for (Expr a : f.args()) {
                n += width(a, style) + 0.8;
            }
            return n;
        }
        if (e instanceof Expr.Sum s) {
            return 1.5 + width(s.body(), style);
        }
        if (e instanceof Expr.Matrix m) {
            double widest = 0;
            for (List<Expr> r : m.rows()) {
                double w = 0;
                for (Expr cell : r) {
                    w += width(cell, style) + 1;
                }
                widest = Math.max(widest, w);
            }
            return widest;
        }
        return 1;
    }

    /** A derivation of one step. */
    public static DivTag derivation(Derivation d, MathMl m) {
        return equation(d.anchor(), kind(d), d.step().quantity().key(), d.lhs(), d.lines(), d.notes(), m);
    }

    /** The kind of a step, for colour: forward, loss, delta, gradient or update. */
    static String kind(Derivation d) {
        return switch (d.step().quantity().kind()) {
            case Z, A, A_AFTER -> "forward";
            case LOSS, LOSS_BEFORE, LOSS_AFTER, SAMPLE_LOSS_AFTER -> "loss";
            case DELTA -> "delta";
            case DW, DB -> "gradient";
            case W, B, W_OLD, B_OLD -> "update";
            case TARGET, ALPHA, MU, RHO, BETA1, BETA2, EPSILON, LAMBDA -> "other";
            // the optimizer's state is the gradient as the rule has made it
            case G_W, G_B, MOMENTUM_W, MOMENTUM_B, SQUARE_W, SQUARE_B, M_W, M_B, V_W, V_B, MHAT_W, MHAT_B, VHAT_W, VHAT_B -> "gradient";
        };
    }
}
