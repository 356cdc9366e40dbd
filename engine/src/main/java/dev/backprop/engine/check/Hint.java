package dev.backprop.engine.check;

import dev.backprop.engine.render.Derivation;
import dev.backprop.engine.render.Derivations;
import dev.backprop.engine.render.Expr;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Unicode;
import dev.backprop.engine.trace.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The formula to use for a quantity, as a hint before the worked step: the step's formula
 * identifier (as in the worked solution's steps), the quantity it computes, and the formula
 * itself, the symbolic lines of the step's derivation (those before any number is substituted),
 * as a model and as plain text in the notation it was made in.
 *
 * <pre>{@code
 * Hint h = key.hint("delta[2][0]");
 * h.text();   // δ_o1 = ∂L/∂A_o1 · f′(Z_o1) = (A_o1 − Y_o1) · A_o1(1 − A_o1)
 * }</pre>
 *
 * @param formula  the formula identifier, e.g. {@code output-delta}
 * @param quantity the key of the quantity, e.g. {@code delta[2][0]}
 * @param text     the formula in plain text
 * @param lhs      the quantity's symbol
 * @param lines    the formula's right-hand sides, without numbers
 */
public record Hint(String formula, String quantity, String text, Expr lhs, List<Derivation.Line> lines) {
    /** Copies the list. */
    public Hint {
        lines = List.copyOf(lines);
    }

    /** The hint for a step, in a notation; {@code rounded} when the problem rounds as you go. */
    public static Hint of(Step step, Notation notation, boolean rounded) {
        Derivation d = step.accept(new Derivations(notation, rounded));
        List<Derivation.Line> lines = formula(d);
        Unicode u = new Unicode(NumberStyle.DEFAULT);
        StringBuilder text = new StringBuilder(u.write(d.lhs()));
        for (Derivation.Line line : lines) {
            text.append(' ').append(line.relation().isEmpty() ? "" : line.relation() + " ").append(u.write(line.rhs()));
        }
        return new Hint(step.formula(), step.quantity().key(), text.toString().replaceAll(" {2,}", " "), d.lhs(), lines);
    }

    /**
     * The symbolic lines of a derivation (those before the first with a number): the formula,
     * without the answer; a stated value's is that it is stated.
     */
    public static List<Derivation.Line> formula(Derivation d) {
        List<Derivation.Line> lines = new ArrayList<>();
        for (Derivation.Line line : d.lines()) {
            if (hasNumber(line.rhs())) {
                break;
            }
            lines.add(line);
        }
        if (lines.isEmpty()) {
            lines.add(new Derivation.Line("=", Expr.text("(stated by the exercise)")));
        }
        return lines;
    }

    /** Whether an expression contains a number (as opposed to symbols and constants). */
    static boolean hasNumber(Expr e) {
        if (e instanceof Expr.Num) {
            return true;
        }
        if (e instanceof Expr.Row r) {
            return r.items().stream().anyMatch(Hint::hasNumber);
        }
        if (e instanceof Expr.Frac f) {
            return hasNumber(f.numerator()) || hasNumber(f.denominator());
        }
        if (e instanceof Expr.Pow p) {
            return hasNumber(p.base()) || hasNumber(p.exponent());
        }
        if (e instanceof Expr.Paren p) {
            return hasNumber(p.inner());
        }
        if (e instanceof Expr.Sqrt r) {
            return hasNumber(r.radicand());
        }
        if (e instanceof Expr.Fn f) {
            return f.args().stream().anyMatch(Hint::hasNumber);
        }
        if (e instanceof Expr.Sum s) {
            return hasNumber(s.under()) || hasNumber(s.body());
        }
        if (e instanceof Expr.Matrix mx) {
            return mx.rows().stream().anyMatch(row -> row.stream().anyMatch(Hint::hasNumber));
        }
        return false;
    }
}
