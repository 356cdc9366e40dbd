package dev.backprop.web.worksheet;

import dev.backprop.engine.render.Worked;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which quantities of the first update a worksheet leaves blank, in the order of the worked
 * solution; the rest of the forward pass and the loss are worked out for the student.
 */
public final class Blanks {
    /** The most blanks on one worksheet. */
    public static final int MAX = 200;

    private final Ask ask;
    private final List<Step> steps;
    private final int total;
    private final Set<String> keys = new LinkedHashSet<>();

    private Blanks(Ask ask, List<Step> steps, int total) {
        this.ask = ask;
        this.steps = List.copyOf(steps);
        this.total = total;
        for (Step s : this.steps) {
            keys.add(s.quantity().key());
        }
    }

    /** What was asked for. */
    public Ask ask() {
        return ask;
    }

    /** The blanked steps, in order, at most {@link #MAX} of them. */
    public List<Step> steps() {
        return steps;
    }

    /** How many blanks the choice made before it was cut to {@link #MAX}. */
    public int total() {
        return total;
    }

    /** What a worksheet asks for. */
    public enum Ask {
        /** Every δ. */
        DELTAS("deltas", "every error term δ"),
        /** Every ∂L/∂W and ∂L/∂b. */
        GRADIENTS("gradients", "every gradient ∂L/∂W and ∂L/∂b"),
        /** Every updated weight and bias. */
        UPDATES("updates", "every updated weight and bias"),
        /** Every value of the optimizer's state: gradients with weight decay, momentum buffers, averages, moments. */
        STATE("state", "every value of the optimizer's state (momentum buffers, averages, moments)"),
        /** Every δ, gradient, value of the optimizer's state and updated parameter. */
        ALL("all", "every error term δ, gradient and updated weight and bias"),
        /** The quantities chosen one by one. */
        CHOSEN("chosen", "the quantities chosen");

        private final String id;
        private final String label;

        Ask(String id, String label) {
            this.id = id;
            this.label = label;
        }

        /** The value in the URL, e.g. {@code deltas}. */
        public String id() {
            return id;
        }

        /** What is asked, in words. */
        public String label() {
            return label;
        }

        /** The choice named in the URL; {@link #ALL} when absent or unknown. */
        public static Ask of(@Nullable String id) {
            if (id != null) {
                for (Ask a : values()) {
                    if (a.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                        return a;
                    }
                }
            }
            return ALL;
        }
    }

    private static final Set<Quantity.Kind> FORWARD = EnumSet.of(Quantity.Kind.Z, Quantity.Kind.A,
            Quantity.Kind.LOSS, Quantity.Kind.LOSS_BEFORE);

    /** The blanks for a choice; {@code chosen} (quantity keys) is read for {@link Ask#CHOSEN} only. */
    public static Blanks of(Worked w, Ask ask, Collection<String> chosen) {
        Set<String> keys = new LinkedHashSet<>(chosen);
        List<Step> steps = new ArrayList<>();
        for (Step s : w.solution().firstUpdate().steps()) {
            if (asked(s, ask, keys)) {
                steps.add(s);
            }
        }
        int total = steps.size();
        return new Blanks(ask, total > MAX ? steps.subList(0, MAX) : steps, total);
    }

    private static boolean asked(Step s, Ask ask, Set<String> chosen) {
        Quantity.Kind k = s.quantity().kind();
        // a bias the problem keeps fixed is not asked for: it is not computed
        boolean update = (k == Quantity.Kind.W || k == Quantity.Kind.B) && !(s instanceof Step.Unchanged);
        return switch (ask) {
            case DELTAS -> k == Quantity.Kind.DELTA;
            case GRADIENTS -> k == Quantity.Kind.DW || k == Quantity.Kind.DB;
            case UPDATES -> update;
            case STATE -> k.state().isPresent();
            case ALL -> k == Quantity.Kind.DELTA || k == Quantity.Kind.DW || k == Quantity.Kind.DB || update
                    || k.state().isPresent();
            case CHOSEN -> chosen.contains(s.quantity().key());
        };
    }

    /** Whether a step is worked out on the sheet: the forward pass and the loss, unless asked for. */
    public boolean given(Step s) {
        return FORWARD.contains(s.quantity().kind()) && !contains(s.quantity().key());
    }

    /** Whether a quantity is blank. */
    public boolean contains(String key) {
        return keys.contains(key);
    }

    /** The blank quantities' keys, in order. */
    public List<String> keys() {
        return new ArrayList<>(keys);
    }
}
