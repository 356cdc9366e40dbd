package dev.backprop.web.math;

import static j2html.TagCreator.rawHtml;

import dev.backprop.engine.render.Expr;
import dev.backprop.engine.render.NumberStyle;
import j2html.tags.DomContent;
import java.util.List;

/**
 * Writes {@link Expr expressions} as MathML (MathML Core, which browsers draw without scripts).
 * Every number carries its exact double in a {@code title} (shown on hover), every symbol its
 * description. The markup is written straight into a buffer rather than built as j2html elements:
 * formulas are most of a worked page, and a tree of small objects per number cost more than the
 * numbers. Text and attribute values are escaped as j2html escapes them ({@link El#escape}).
 *
 * <pre>{@code
 * DomContent m = new MathMl(NumberStyle.DEFAULT).inline(Expr.sym("W", "31"));
 * }</pre>
 */
public final class MathMl {
    private final NumberStyle style;

    /** A writer using the given number style. */
    public MathMl(NumberStyle style) {
        this.style = style;
    }

    /** The number style the writer uses. */
    public NumberStyle style() {
        return style;
    }

    /** An inline {@code <math>} element. */
    public DomContent inline(Expr e) {
        return rawHtml(render(e));
    }

    /** The HTML of an expression in an inline {@code <math>} element. */
    public String render(Expr e) {
        StringBuilder sb = new StringBuilder(256).append("<math>");
        write(e, sb);
        return sb.append("</math>").toString();
    }

    private void write(Expr e, StringBuilder sb) {
        if (e instanceof Expr.Sym s) {
            symbol(s, sb);
        } else if (e instanceof Expr.Num n) {
            number(n.value(), n.style(style), sb);
        } else if (e instanceof Expr.Const c) {
            leaf(sb, c.numeral() ? "mn" : "mi", c.text());
        } else if (e instanceof Expr.Op o) {
            leaf(sb, "mo", operator(o.symbol()));
        } else if (e instanceof Expr.Row r) {
            sb.append("<mrow>");
            for (Expr item : r.items()) {
                write(item, sb);
            }
            sb.append("</mrow>");
        } else if (e instanceof Expr.Frac f) {
            sb.append("<mfrac>");
            write(f.numerator(), sb);
            write(f.denominator(), sb);
            sb.append("</mfrac>");
        } else if (e instanceof Expr.Pow p) {
            sb.append("<msup>");
            write(p.base(), sb);
            write(p.exponent(), sb);
            sb.append("</msup>");
        } else if (e instanceof Expr.Sqrt r) {
            sb.append("<msqrt>");
            write(r.radicand(), sb);
            sb.append("</msqrt>");
        } else if (e instanceof Expr.Paren p) {
            sb.append("<mrow>");
            leaf(sb, "mo", p.open());
            write(p.inner(), sb);
            leaf(sb, "mo", p.close());
            sb.append("</mrow>");
        } else if (e instanceof Expr.Fn f) {
            sb.append("<mrow>");
            name(f.name(), "", sb);
            sb.append("<mo>\u2061</mo><mrow><mo>(</mo>");
            for (int k = 0; k < f.args().size(); k++) {
                if (k > 0) {
                    sb.append("<mo separator=\"true\">,</mo>");
                }
                write(f.args().get(k), sb);
            }
            sb.append("<mo>)</mo></mrow></mrow>");
        } else if (e instanceof Expr.Text t) {
            leaf(sb, "mtext", t.text());
        } else if (e instanceof Expr.Sum s) {
            sb.append("<mrow><munder><mo>∑</mo>");
            write(s.under(), sb);
            sb.append("</munder>");
            write(s.body(), sb);
            sb.append("</mrow>");
        } else if (e instanceof Expr.Matrix m) {
            sb.append("<mrow><mo>[</mo><mtable>");
            for (List<Expr> r : m.rows()) {
                sb.append("<mtr>");
                for (Expr cell : r) {
                    sb.append("<mtd>");
                    write(cell, sb);
                    sb.append("</mtd>");
                }
                sb.append("</mtr>");
            }
            sb.append("</mtable><mo>]</mo></mrow>");
        } else {
            throw new IllegalStateException("unknown expression " + e);
        }
    }

    // −1.5 × 10⁻⁵ as <mrow><mo form="prefix">−</mo><mrow><mn>1.5</mn><mo>×</mo><msup>…</msup></mrow></mrow>;
    // the outermost element carries the exact value as its title.
    private static void number(double value, NumberStyle style, StringBuilder sb) {
        NumberStyle.Written w = style.write(value);
        String title = NumberStyle.exact(value);
        if (w.negative()) {
            start(sb, "mrow", title);
            sb.append("<mo form=\"prefix\">−</mo>");
            title = "";
        }
        if (w.scientific()) {
            start(sb, "mrow", title);
            leaf(sb, "mn", w.digits());
            sb.append("<mo>×</mo><msup><mn>10</mn>");
            int exponent = w.exponent();
            if (exponent < 0) {
                sb.append("<mrow><mo form=\"prefix\">−</mo><mn>").append(-exponent).append("</mn></mrow>");
            } else {
                sb.append("<mn>").append(exponent).append("</mn>");
            }
            sb.append("</msup></mrow>");
        } else {
            start(sb, "mn", title);
            sb.append(El.escape(w.digits())).append("</mn>");
        }
        if (w.negative()) {
            sb.append("</mrow>");
        }
    }

    private static void symbol(Expr.Sym s, StringBuilder sb) {
        boolean hasSub = !s.sub().isEmpty();
        boolean hasSup = !s.sup().isEmpty();
        String wrapper = hasSub && hasSup ? "msubsup" : hasSub ? "msub" : hasSup ? "msup" : "";
        if (wrapper.isEmpty()) {
            name(s.base(), s.title(), sb);
            return;
        }
        start(sb, wrapper, s.title());
        name(s.base(), "", sb);
        if (hasSub) {
            script(s.sub(), sb);
        }
        if (hasSup) {
            script(s.sup(), sb);
        }
        sb.append("</").append(wrapper).append('>');
    }

    // Single Latin letters and lower-case Greek are italic by default; ∂, Σ and words are upright. A
    // letter with a combining circumflex (Adam's m̂) is the letter with an accent over it.
    private static void name(String base, String title, StringBuilder sb) {
        if (base.length() == 2 && base.charAt(1) == '\u0302') {
            sb.append("<mover accent=\"true\"");
            attribute(sb, title);
            sb.append("><mi>").append(El.escape(base.substring(0, 1))).append("</mi><mo>^</mo></mover>");
            return;
        }
        sb.append("<mi");
        if (base.length() == 1 && !Character.isLetter(base.charAt(0))) {
            sb.append(" mathvariant=\"normal\"");
        }
        attribute(sb, title);
        sb.append('>').append(El.escape(base)).append("</mi>");
    }

    /** A subscript or superscript: words as text, "(2)" as a parenthesised number, otherwise letter and digit runs. */
    private static void script(String text, StringBuilder sb) {
        if (Expr.word(text)) {
            leaf(sb, "mtext", text);
            return;
        }
        int parts = 0;
        for (int k = 0; k < text.length(); k = runEnd(text, k)) {
            parts++;
        }
        if (parts > 1) {
            sb.append("<mrow>");
        }
        for (int k = 0; k < text.length(); ) {
            char ch = text.charAt(k);
            int end = runEnd(text, k);
            leaf(sb, Character.isDigit(ch) ? "mn" : Character.isLetter(ch) ? "mi" : "mo", text.substring(k, end));
            k = end;
        }
        if (parts > 1) {
            sb.append("</mrow>");
        }
    }

    // The end of the part of a script starting at k: a run of digits, or one other character.
    private static int runEnd(String text, int k) {
        int end = k + 1;
        if (Character.isDigit(text.charAt(k))) {
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    private static void start(StringBuilder sb, String tag, String title) {
        sb.append('<').append(tag);
        attribute(sb, title);
        sb.append('>');
    }

    private static void attribute(StringBuilder sb, String title) {
        if (!title.isEmpty()) {
            sb.append(" title=\"").append(El.escape(title)).append('"');
        }
    }

    private static void leaf(StringBuilder sb, String tag, String text) {
        sb.append('<').append(tag).append('>').append(El.escape(text)).append("</").append(tag).append('>');
    }

    private static String operator(String symbol) {
        return switch (symbol) {
            case "·" -> "⋅";
            case "-" -> "−";
            default -> symbol;
        };
    }
}
