package dev.backprop.engine.render;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes {@link Expr expressions} as plain Unicode text for a terminal: true minus signs, ·, ∂,
 * Greek letters, and subscripts and superscripts as Unicode characters where every character of
 * the script has one (digits, signs and parentheses, and ᵀ); otherwise a clear fallback,
 * {@code Z_h1} or {@code W₃₁^new}. Fractions are written on one line ({@code ∂L/∂W₃₁},
 * {@code 1/(1 + e^(−Z_h1))}), matrices as {@code [a, b; c, d]}.
 *
 * <pre>{@code
 * new Unicode(NumberStyle.DEFAULT).write(Expr.sym("W", "31"))   // "W₃₁"
 * }</pre>
 */
public final class Unicode {
    private static final String DIGITS = "0123456789+−-=()";
    private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎";
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾";
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private final NumberStyle style;

    /** A writer using the given number style. */
    public Unicode(NumberStyle style) {
        this.style = style;
    }

    /** The text of an expression. */
    public String write(Expr e) {
        StringBuilder sb = new StringBuilder();
        write(e, sb);
        return SPACES.matcher(sb.toString().trim()).replaceAll(" ");
    }

    /** A symbol's name with its subscript and superscript, e.g. {@code W₃₁}, {@code δ_o1}, {@code W₁₁⁽²⁾}. */
    public static String symbol(Expr.Sym s) {
        return s.base() + script(s.sub(), false) + script(s.sup(), true);
    }

    /**
     * A subscript or superscript: in Unicode sub- or superscript characters when each character has
     * one, otherwise after {@code _} or {@code ^} (empty for an empty script).
     */
    public static String script(String text, boolean sup) {
        if (text.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int k = 0; k < text.length(); k++) {
            char ch = text.charAt(k);
            int at = DIGITS.indexOf(ch);
            if (at >= 0) {
                sb.append((sup ? SUPERSCRIPTS : SUBSCRIPTS).charAt(at));
            } else if (sup && ch == 'T') {
                sb.append('ᵀ');
            } else if (sup && ch == 't') {
                sb.append('ᵗ');
            } else if (sup && ch == '′') {
                sb.append('′');
            } else {
                return (sup ? "^" : "_") + text;
            }
        }
        return sb.toString();
    }

    private void write(Expr e, StringBuilder sb) {
        if (e instanceof Expr.Sym s) {
            sb.append(symbol(s));
        } else if (e instanceof Expr.Num n) {
            sb.append(n.style(style).text(n.value()));
        } else if (e instanceof Expr.Const c) {
            sb.append(c.text());
        } else if (e instanceof Expr.Op o) {
            sb.append(spaced(o.symbol()));
        } else if (e instanceof Expr.Row r) {
            row(r.items(), sb);
        } else if (e instanceof Expr.Frac f) {
            fraction(f, sb);
        } else if (e instanceof Expr.Pow p) {
            // (A_h1)², not A_h1², where the base's own script is written after _ or ^
            if (p.base() instanceof Expr.Sym s && (symbol(s).contains("_") || symbol(s).contains("^"))) {
                sb.append('(').append(symbol(s)).append(')');
            } else {
                group(p.base(), sb);
            }
            String exponent = p.exponent() instanceof Expr.Const c ? script(c.text(), true) : "";
            if (!exponent.isEmpty() && !exponent.startsWith("^")) {
                sb.append(exponent);
            } else {
                sb.append("^(").append(write(p.exponent())).append(')');
            }
        } else if (e instanceof Expr.Paren p) {
            sb.append(p.open()).append(write(p.inner())).append(p.close());
        } else if (e instanceof Expr.Fn f) {
            sb.append(f.name()).append('(');
            for (int k = 0; k < f.args().size(); k++) {
                sb.append(k > 0 ? ", " : "").append(write(f.args().get(k)));
            }
            sb.append(')');
        } else if (e instanceof Expr.Sqrt r) {
            sb.append('√');
            Expr inner = r.radicand();
            boolean simple = inner instanceof Expr.Sym || inner instanceof Expr.Num || inner instanceof Expr.Const;
            sb.append(simple ? write(inner) : "(" + write(inner) + ")");
        } else if (e instanceof Expr.Text t) {
            sb.append(t.text());
        } else if (e instanceof Expr.Sum s) {
            sb.append('Σ').append(script(write(s.under()), false)).append(' ');
            write(s.body(), sb);
        } else if (e instanceof Expr.Matrix m) {
            sb.append('[');
            List<List<Expr>> rows = m.rows();
            for (int r = 0; r < rows.size(); r++) {
                sb.append(r > 0 ? "; " : "");
                for (int c = 0; c < rows.get(r).size(); c++) {
                    sb.append(c > 0 ? ", " : "").append(write(rows.get(r).get(c)));
                }
            }
            sb.append(']');
        } else {
            throw new IllegalStateException("unknown expression " + e);
        }
    }

    // A minus at the start of a row, or right after an operator, is a sign: −(Y − A), e^(−Z).
    private void row(List<Expr> items, StringBuilder sb) {
        boolean sign = true;
        for (Expr item : items) {
            if (item instanceof Expr.Op o && sign && (o.symbol().equals("−") || o.symbol().equals("-"))) {
                sb.append('−');
            } else {
                write(item, sb);
            }
            sign = item instanceof Expr.Op;
        }
    }

    // ½ for a half; (1/m) for a numeric fraction, which is always followed by what it scales;
    // a/b otherwise, with parentheses around a side that has operators: 1/(1 + e^(−Z)).
    private void fraction(Expr.Frac f, StringBuilder sb) {
        if (f.numerator() instanceof Expr.Const n && f.denominator() instanceof Expr.Const d) {
            sb.append(n.text().equals("1") && d.text().equals("2") ? "½" : "(" + n.text() + "/" + d.text() + ")");
            return;
        }
        group(f.numerator(), sb);
        sb.append('/');
        group(f.denominator(), sb);
    }

    // An expression in parentheses when it has an operator at its top level (a sum, a difference).
    private void group(Expr e, StringBuilder sb) {
        boolean compound = e instanceof Expr.Row r && r.items().stream().anyMatch(i -> i instanceof Expr.Op)
                || e instanceof Expr.Frac;
        String text = write(e);
        sb.append(compound ? "(" + text + ")" : text);
    }

    private static String spaced(String symbol) {
        return switch (symbol) {
            case "-", "−" -> " − ";
            case "," -> ", ";
            case "′" -> "′";
            default -> " " + symbol + " ";
        };
    }
}
