package dev.backprop.engine.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A piece of mathematical notation, independent of any output format: the worked solution is
 * built from these, and {@link Latex}, {@link Unicode} (plain text) and the web module's MathML
 * writer write them out. Expressions hold symbols and numbers only; they compute nothing.
 *
 * <pre>{@code
 * Expr e = Expr.row(Expr.sym("W", "31"), Expr.op("·"), Expr.num(0.4));
 * }</pre>
 */
public sealed interface Expr {

    /**
     * A named quantity: a base letter with an optional subscript and superscript, and a one-line
     * description of what it is (a format that can show it, such as HTML, shows it on hover).
     */
    record Sym(String base, String sub, String sup, String title) implements Expr {
        /** A symbol with the same base, subscript and description, and another superscript. */
        public Sym withSup(String superscript) {
            return new Sym(base, sub, superscript, title);
        }
    }

    /**
     * A number, written to the precision in force (or to at most {@code maxDigits} significant
     * figures where space is short, 0 for no cap).
     */
    record Num(double value, int maxDigits) implements Expr {
        /** A number written to the precision in force. */
        public Num(double value) {
            this(value, 0);
        }

        /** The style to write this number in, given the page's. */
        public NumberStyle style(NumberStyle page) {
            return maxDigits == 0 || maxDigits >= page.digits() ? page : new NumberStyle(maxDigits);
        }
    }

    /** A literal constant such as 1 or 2, written exactly as given. */
    record Const(String text) implements Expr {
        /** Whether the constant is a numeral (digits and decimal points only, such as 1 or 0.5), not a name. */
        public boolean numeral() {
            for (int k = 0; k < text.length(); k++) {
                char ch = text.charAt(k);
                if ((ch < '0' || ch > '9') && ch != '.') {
                    return false;
                }
            }
            return !text.isEmpty();
        }
    }

    /** An operator or relation: +, −, ·, =, ≈, ⊙ … */
    record Op(String symbol) implements Expr {
    }

    /** Expressions written one after another. */
    record Row(List<Expr> items) implements Expr {
        /** Copies the list. */
        public Row {
            items = List.copyOf(items);
        }
    }

    /** A fraction. */
    record Frac(Expr numerator, Expr denominator) implements Expr {
    }

    /** A base with a superscript, e.g. e to a power or a square. */
    record Pow(Expr base, Expr exponent) implements Expr {
    }

    /** A square root: √ over its radicand. */
    record Sqrt(Expr radicand) implements Expr {
    }

    /** An expression in parentheses (or other fences). */
    record Paren(Expr inner, String open, String close) implements Expr {
    }

    /** A named function applied to arguments: σ(z), tanh(z), max(0, z), ln a. */
    record Fn(String name, List<Expr> args) implements Expr {
        /** Copies the list. */
        public Fn {
            args = List.copyOf(args);
        }
    }

    /** Words inside a formula (e.g. "given"). */
    record Text(String text) implements Expr {
    }

    /** A summation sign with what it runs over written beneath, followed by its body. */
    record Sum(Expr under, Expr body) implements Expr {
    }

    /** A matrix or column vector of entries (numbers, or the dots ⋯ ⋮ ⋱ where a big one is cut short). */
    record Matrix(List<List<Expr>> rows) implements Expr {
        /** Copies the rows. */
        public Matrix {
            List<List<Expr>> copy = new ArrayList<>();
            for (List<Expr> r : rows) {
                copy.add(List.copyOf(r));
            }
            rows = List.copyOf(copy);
        }
    }

    /** Whether a subscript or superscript is a word (three or more Latin letters, as in "out"), set as text. */
    static boolean word(String script) {
        if (script.length() < 3) {
            return false;
        }
        for (int k = 0; k < script.length(); k++) {
            char ch = script.charAt(k);
            if ((ch < 'a' || ch > 'z') && (ch < 'A' || ch > 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** A symbol with a subscript. */
    static Sym sym(String base, String sub) {
        return new Sym(base, sub, "", "");
    }

    /** A symbol with a subscript and a description. */
    static Sym sym(String base, String sub, String title) {
        return new Sym(base, sub, "", title);
    }

    /** A number. */
    static Num num(double value) {
        return new Num(value);
    }

    /** A number written to at most {@code maxDigits} significant figures (for the entries of big matrices). */
    static Num num(double value, int maxDigits) {
        return new Num(value, maxDigits);
    }

    /** A number, in parentheses when negative (for use as a factor or after an operator). */
    static Expr factor(double value) {
        return value < 0 || (value == 0 && 1 / value < 0) ? paren(new Num(value)) : new Num(value);
    }

    /** A constant. */
    static Const c(String text) {
        return new Const(text);
    }

    /** An operator. */
    static Op op(String symbol) {
        return new Op(symbol);
    }

    /** A row of expressions. */
    static Row row(Expr... items) {
        return new Row(Arrays.asList(items));
    }

    /** A row of expressions. */
    static Row row(List<Expr> items) {
        return new Row(items);
    }

    /** A fraction. */
    static Frac frac(Expr numerator, Expr denominator) {
        return new Frac(numerator, denominator);
    }

    /** A power. */
    static Pow pow(Expr base, Expr exponent) {
        return new Pow(base, exponent);
    }

    /** A square root. */
    static Sqrt sqrt(Expr radicand) {
        return new Sqrt(radicand);
    }

    /** Round parentheses. */
    static Paren paren(Expr inner) {
        return new Paren(inner, "(", ")");
    }

    /** Square brackets. */
    static Paren brackets(Expr inner) {
        return new Paren(inner, "[", "]");
    }

    /** A function application. */
    static Fn fn(String name, Expr... args) {
        return new Fn(name, Arrays.asList(args));
    }

    /** Words. */
    static Text text(String text) {
        return new Text(text);
    }

    /** ½. */
    static Expr half() {
        return frac(c("1"), c("2"));
    }

    /**
     * Terms joined by an operator: {@code join("+", a, b, c)} is a + b + c.
     */
    static Row join(String operator, List<? extends Expr> terms) {
        List<Expr> items = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            if (k > 0) {
                items.add(op(operator));
            }
            items.add(terms.get(k));
        }
        return new Row(items);
    }
}
