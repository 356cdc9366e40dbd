package dev.backprop.engine.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A sentence mixing words and inline formulas, written out by each format: {@link Expr.Text}
 * parts at the top level are ordinary words, any other part is inline math.
 *
 * <pre>{@code
 * Prose p = Prose.of("uses ", notation.symbol(Quantity.wOld(2, 0, 0)), " as it was before the update");
 * }</pre>
 *
 * @param parts words and formulas, in order
 */
public record Prose(List<Expr> parts) {
    /** Copies the list. */
    public Prose {
        parts = List.copyOf(parts);
    }

    /** A sentence from strings (words) and expressions (formulas). */
    public static Prose of(Object... parts) {
        List<Expr> list = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String s) {
                list.add(Expr.text(s));
            } else if (p instanceof Expr e) {
                list.add(e);
            } else {
                throw new IllegalArgumentException("a sentence is made of strings and expressions, not " + p);
            }
        }
        return new Prose(list);
    }
}
