package dev.backprop.engine.check;

import dev.backprop.engine.render.Notation;
import dev.backprop.engine.trace.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a mark says to the student, as a model rather than text: words, references to quantities
 * (written by whichever notation renders it: δ_o1 in the seed's, a MathML symbol on a page) and
 * numbers (the digits as the student wrote them, or a worked value). The engine spells no symbol
 * itself: {@link #text(Notation)} names each quantity through a {@link Notation}, {@link #text()}
 * through the seed's notation for the problem marked.
 *
 * <pre>{@code
 * String s = result.explanation().text(Notation.of(problem, Notation.Profile.MAZUR));
 * }</pre>
 */
public final class Explanation {
    private final Quantity subject;
    private final List<Part> parts;
    private final Notation notation;

    /**
     * An explanation.
     *
     * @param subject  the quantity it is about: the one marked
     * @param parts    the sentence, in order
     * @param notation the notation {@link #text()} writes it in
     */
    public Explanation(Quantity subject, List<Part> parts, Notation notation) {
        this.subject = subject;
        this.parts = List.copyOf(parts);
        this.notation = notation;
    }

    /** The quantity the explanation is about: the one marked. */
    public Quantity subject() {
        return subject;
    }

    /** The sentence, in order. */
    public List<Part> parts() {
        return parts;
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

    /** The explanation as text, each quantity named in the notation given. */
    public String text(Notation n) {
        return text(n::text);
    }

    /** The explanation as text in the seed's notation for the problem marked: δ_o1, ∂L/∂W₃₁, W₃₁^new. */
    public String text() {
        return text(notation);
    }

    /**
     * The explanation as text in the notation given, each answerable quantity's key (contract §2)
     * after its first mention as its secondary name ({@code δ_o1 (delta[2][0])}), for readers who
     * script against the keys; the problem's own data (W₃₁ before the update, α, a target) is named
     * by its symbol alone.
     */
    public String textWithKeys(Notation n) {
        Set<Quantity> named = new HashSet<>();
        return text(q -> q.kind().answerable() && !(q.kind() == Quantity.Kind.A && q.layer() == 0) && named.add(q)
                ? n.text(q) + " (" + q.key() + ")" : n.text(q));
    }

    /** {@link #textWithKeys(Notation)} in the seed's notation for the problem marked. */
    public String textWithKeys() {
        return textWithKeys(notation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Explanation e && e.subject.equals(subject) && e.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return subject.hashCode() * 31 + parts.hashCode();
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
        private final Notation notation;
        private final List<Part> parts = new ArrayList<>();

        Builder(Quantity subject, Notation notation) {
            this.subject = subject;
            this.notation = notation;
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
            return new Explanation(subject, parts, notation);
        }
    }
}
