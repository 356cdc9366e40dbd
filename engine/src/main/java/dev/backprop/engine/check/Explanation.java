package dev.backprop.engine.check;

import dev.backprop.engine.trace.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a mark says to the student, as a model rather than text: words, references to quantities
 * (written by whichever notation renders it: δ_h1 in the seed's, a symbol in MathML on a page)
 * and numbers (the digits as the student wrote them, or a worked value). The engine writes no
 * symbol itself; {@link #text(Function)} lays the parts out with the symbols it is given.
 *
 * <pre>{@code
 * String s = result.explanation().text(q -> notation.text(q));
 * }</pre>
 *
 * @param subject the quantity the explanation is about: the one marked
 * @param parts   the sentence, in order
 */
public record Explanation(Quantity subject, List<Part> parts) {
    /** Copies the list. */
    public Explanation {
        parts = List.copyOf(parts);
    }

    /** One piece of the sentence. */
    public sealed interface Part permits Words, Ref, Num {
    }

    /**
     * Plain words.
     *
     * @param text the words, with their spaces and punctuation
     */
    public record Words(String text) implements Part {
    }

    /**
     * A quantity, to be written as a symbol of the notation in use.
     *
     * @param quantity the quantity
     */
    public record Ref(Quantity quantity) implements Part {
    }

    /**
     * A number: an answer with the digits it was written with, or a worked value.
     *
     * @param value   the number
     * @param written whether it is shown with exactly its digits (an answer, a rounded value) rather
     *                than to the renderer's precision (a worked value, 9 significant figures in text)
     */
    public record Num(BigDecimal value, boolean written) implements Part {
    }

    /** The quantities the explanation names, in order of first mention, the subject among them. */
    public Set<Quantity> mentions() {
        Set<Quantity> out = new LinkedHashSet<>();
        for (Part p : parts) {
            if (p instanceof Ref r) {
                out.add(r.quantity());
            }
        }
        return out;
    }

    /** The explanation as text, with each quantity written by {@code symbol}. */
    public String text(Function<Quantity, String> symbol) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Words w) {
                sb.append(w.text());
            } else if (p instanceof Ref r) {
                sb.append(symbol.apply(r.quantity()));
            } else if (p instanceof Num n) {
                sb.append(number(n));
            }
        }
        return sb.toString();
    }

    /** The explanation as text in the engine's default notation. */
    public String text() {
        return text(Hint::symbol);
    }

    /** How a number is written in text: as written, or to 9 significant figures, with a true minus sign. */
    public static String number(Num n) {
        String s = n.written() ? n.value().toPlainString() : Marking.show(n.value());
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }

    @Override
    public String toString() {
        return text();
    }

    /** Builds an explanation part by part. */
    static final class Builder {
        private final Quantity subject;
        private final List<Part> parts = new ArrayList<>();

        Builder(Quantity subject) {
            this.subject = subject;
        }

        /** Words. */
        Builder w(String text) {
            if (!text.isEmpty()) {
                int last = parts.size() - 1;
                if (last >= 0 && parts.get(last) instanceof Words prev) {
                    parts.set(last, new Words(prev.text() + text));
                } else {
                    parts.add(new Words(text));
                }
            }
            return this;
        }

        /** A quantity's symbol. */
        Builder q(Quantity q) {
            parts.add(new Ref(q));
            return this;
        }

        /** A number as written. */
        Builder written(BigDecimal v) {
            parts.add(new Num(v, true));
            return this;
        }

        /** A worked value, shown to the renderer's precision. */
        Builder value(BigDecimal v) {
            parts.add(new Num(v, false));
            return this;
        }

        /** A worked double, shown to the renderer's precision. */
        Builder value(double v) {
            return value(new BigDecimal(v));
        }

        /** Appends another builder's parts. */
        Builder with(Builder other) {
            for (Part p : other.parts) {
                if (p instanceof Words w) {
                    w(w.text());
                } else {
                    parts.add(p);
                }
            }
            return this;
        }

        boolean isEmpty() {
            return parts.isEmpty();
        }

        Explanation build() {
            return new Explanation(subject, parts);
        }
    }
}
