package dev.backprop.web.math;

import j2html.tags.DomContent;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link Expr expressions} as MathML (MathML Core, which browsers draw without scripts),
 * as j2html elements. Every number carries its exact double in a {@code title} (shown on hover),
 * every symbol its description.
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

    /** An inline {@code <math>} element. */
    public El inline(Expr e) {
        return new El("math").with(node(e));
    }

    /** The MathML for an expression, without the {@code <math>} wrapper. */
    public El node(Expr e) {
        if (e instanceof Expr.Sym s) {
            return symbol(s);
        }
        if (e instanceof Expr.Num n) {
            return number(n.value(), n.style(style));
        }
        if (e instanceof Expr.Const c) {
            return c.numeral() ? new El("mn").withText(c.text()) : new El("mi").withText(c.text());
        }
        if (e instanceof Expr.Op o) {
            return new El("mo").withText(operator(o.symbol()));
        }
        if (e instanceof Expr.Row r) {
            El row = new El("mrow");
            for (Expr item : r.items()) {
                row.with(node(item));
            }
            return row;
        }
        if (e instanceof Expr.Frac f) {
            return new El("mfrac").with(node(f.numerator()), node(f.denominator()));
        }
        if (e instanceof Expr.Pow p) {
            return new El("msup").with(node(p.base()), node(p.exponent()));
        }
        if (e instanceof Expr.Paren p) {
            return new El("mrow").with(new El("mo").withText(p.open()), node(p.inner()), new El("mo").withText(p.close()));
        }
        if (e instanceof Expr.Fn f) {
            El args = new El("mrow").with(new El("mo").withText("("));
            for (int k = 0; k < f.args().size(); k++) {
                if (k > 0) {
                    args.with(new El("mo").attr("separator", "true").withText(","));
                }
                args.with(node(f.args().get(k)));
            }
            args.with(new El("mo").withText(")"));
            return new El("mrow").with(name(f.name()), new El("mo").withText("\u2061"), args);
        }
        if (e instanceof Expr.Text t) {
            return new El("mtext").withText(t.text());
        }
        if (e instanceof Expr.Sum s) {
            return new El("mrow").with(new El("munder").with(new El("mo").withText("∑"), node(s.under())), node(s.body()));
        }
        if (e instanceof Expr.Matrix m) {
            El table = new El("mtable");
            for (List<Expr> r : m.rows()) {
                El tr = new El("mtr");
                for (Expr cell : r) {
                    tr.with(new El("mtd").with(node(cell)));
                }
                table.with(tr);
            }
            return new El("mrow").with(new El("mo").withText("["), table, new El("mo").withText("]"));
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    private static El number(double value, NumberStyle style) {
        NumberStyle.Written w = style.write(value);
        El digits = new El("mn").withText(w.digits());
        El magnitude = w.scientific()
                ? new El("mrow").with(digits, new El("mo").withText("×"),
                        new El("msup").with(new El("mn").withText("10"), exponent(w.exponent())))
                : digits;
        El out = w.negative() ? new El("mrow").with(new El("mo").attr("form", "prefix").withText("−"), magnitude) : magnitude;
        return out.withTitle(NumberStyle.exact(value));
    }

    private static El exponent(int e) {
        return e < 0
                ? new El("mrow").with(new El("mo").attr("form", "prefix").withText("−"), new El("mn").withText(Integer.toString(-e)))
                : new El("mn").withText(Integer.toString(e));
    }

    private static El symbol(Expr.Sym s) {
        El base = name(s.base());
        El out;
        boolean hasSub = !s.sub().isEmpty();
        boolean hasSup = !s.sup().isEmpty();
        if (hasSub && hasSup) {
            out = new El("msubsup").with(base, script(s.sub()), script(s.sup()));
        } else if (hasSub) {
            out = new El("msub").with(base, script(s.sub()));
        } else if (hasSup) {
            out = new El("msup").with(base, script(s.sup()));
        } else {
            out = base;
        }
        if (!s.title().isEmpty()) {
            out.withTitle(s.title());
        }
        return out;
    }

    private static El name(String base) {
        El mi = new El("mi").withText(base);
        // Single Latin letters and lower-case Greek are italic by default; ∂, Σ and words are upright.
        if (base.length() == 1 && !Character.isLetter(base.charAt(0))) {
            mi.attr("mathvariant", "normal");
        }
        return mi;
    }

    /** A subscript or superscript: words as text, "(2)" as a parenthesised number, otherwise letter and digit runs. */
    private static El script(String text) {
        if (Expr.word(text)) {
            return new El("mtext").withText(text);
        }
        List<El> parts = new ArrayList<>();
        int k = 0;
        while (k < text.length()) {
            char ch = text.charAt(k);
            int end = k + 1;
            if (Character.isDigit(ch)) {
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                parts.add(new El("mn").withText(text.substring(k, end)));
            } else if (Character.isLetter(ch)) {
                parts.add(new El("mi").withText(String.valueOf(ch)));
            } else {
                parts.add(new El("mo").withText(String.valueOf(ch)));
            }
            k = end;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        El row = new El("mrow");
        parts.forEach(row::with);
        return row;
    }

    private static String operator(String symbol) {
        return switch (symbol) {
            case "·" -> "⋅";
            case "-" -> "−";
            default -> symbol;
        };
    }

    /** The HTML of an expression in an inline {@code <math>} element, for tests and small fragments. */
    public String render(Expr e) {
        return inline(e).render();
    }
}
