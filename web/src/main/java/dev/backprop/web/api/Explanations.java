package dev.backprop.web.api;

import dev.backprop.engine.check.Explanation;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.web.math.Expr;
import dev.backprop.web.worked.Notation;
import java.util.HashSet;
import java.util.Set;

/**
 * An explanation written as plain text for the JSON answer: each quantity in the seed's notation
 * (δ_o1, ∂L/∂W_31, W_31^new), with its key after its first mention as the secondary name
 * ({@code δ_o1 (delta[2][0])}).
 */
final class Explanations {
    private Explanations() {
    }

    /** The explanation as text, quantities named by the notation. */
    static String text(Explanation e, Notation notation) {
        Set<Quantity> named = new HashSet<>();
        return e.text(q -> {
            String symbol = symbol(notation.expr(q));
            return named.add(q) ? symbol + " (" + q.key() + ")" : symbol;
        });
    }

    /** A symbol's text: base, _subscript, ^superscript; ∂L/∂W_31 for a gradient. */
    static String symbol(Expr e) {
        if (e instanceof Expr.Sym s) {
            return s.base() + (s.sub().isEmpty() ? "" : "_" + s.sub()) + (s.sup().isEmpty() ? "" : "^" + s.sup());
        }
        if (e instanceof Expr.Row r) {
            StringBuilder sb = new StringBuilder();
            r.items().forEach(x -> sb.append(symbol(x)));
            return sb.toString();
        }
        if (e instanceof Expr.Frac f) {
            return symbol(f.numerator()) + "/" + symbol(f.denominator());
        }
        return e.toString();
    }
}
