package dev.backprop.engine.render;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The worked solution's chapters, as a person sets them out: the forward pass layer by layer (per
 * sample of the batch), the loss, the backward pass from the output layer down (error terms,
 * gradients, updates), and the loss after the update. Every format writes the same outline.
 *
 * @param sections the chapters, in order; empty ones are left out
 */
public record Outline(List<Section> sections) {

    /**
     * One chapter.
     *
     * @param id     an HTML id, e.g. {@code forward}
     * @param title  the heading
     * @param groups its groups of steps
     */
    public record Section(String id, String title, List<Group> groups) {
        /** Copies the list. */
        public Section {
            groups = List.copyOf(groups);
        }

        /** Whether a group needs a heading of its own under the section's: not when it would only repeat it. */
        public boolean headed(Group g) {
            return !g.title().equals(title);
        }

        /**
         * A group's title where it stands without the section's heading: "Forward pass · Layer 1 — …",
         * or the section's title alone when the group's only repeats it.
         */
        public String titleOf(Group g) {
            return headed(g) ? title + " · " + g.title() : title;
        }
    }

    /**
     * A run of steps under a sub-heading, e.g. the error terms of layer 2.
     *
     * @param id     an HTML id
     * @param title  the sub-heading
     * @param steps  the derivations
     */
    public record Group(String id, String title, List<Derivation> steps) {
        /** Copies the list. */
        public Group {
            steps = List.copyOf(steps);
        }
    }

    /** Copies the list. */
    public Outline {
        sections = List.copyOf(sections);
    }

    private static final Set<Quantity.Kind> FORWARD = EnumSet.of(Quantity.Kind.Z, Quantity.Kind.A);
    private static final Set<Quantity.Kind> LOSS = EnumSet.of(Quantity.Kind.LOSS, Quantity.Kind.LOSS_BEFORE);
    private static final Set<Quantity.Kind> GRADIENTS = EnumSet.of(Quantity.Kind.DW, Quantity.Kind.DB);
    private static final Set<Quantity.Kind> UPDATES = EnumSet.of(Quantity.Kind.W, Quantity.Kind.B);

    /**
     * The outline of a worked solution, keeping only the steps the filter accepts (all of them for
     * a full page, one neuron's for a big network).
     */
    public static Outline of(Worked worked, Predicate<Step> keep) {
        Notation n = worked.notation();
        Network net = worked.problem().network();
        int depth = net.depth();
        int batch = worked.problem().effectiveBatchSize();
        List<Derivation> all = new ArrayList<>();
        for (Derivation d : worked.derivations()) {
            if (keep.test(d.step())) {
                all.add(d);
            }
        }
        List<Section> sections = new ArrayList<>();

        List<Group> forward = new ArrayList<>();
        for (int s = 0; s < batch; s++) {
            for (int l = 1; l < depth; l++) {
                int layer = l;
                int sample = s;
                List<Derivation> steps = select(all, q -> FORWARD.contains(q.kind()) && q.layer() == layer && q.sample() == sample);
                String prefix = batch > 1 ? "Sample " + (s + 1) + " · " : "";
                add(forward, "forward-" + (s + 1) + "-" + l, prefix + layerTitle(n, net, l), steps);
            }
        }
        addSection(sections, "forward", "Forward pass", forward);

        List<Group> loss = new ArrayList<>();
        String lossTitle = n.lossHeading();
        add(loss, "loss-value", worked.problem().samples().size() > 1 ? lossTitle + " of each sample and of the data set" : lossTitle,
                select(all, q -> LOSS.contains(q.kind())));
        addSection(sections, "loss", lossTitle, loss);

        List<Group> backward = new ArrayList<>();
        for (int l = depth - 1; l >= 1; l--) {
            int layer = l;
            String where = "layer " + l + " (" + n.range(l) + ")";
            add(backward, "delta-" + l, "Error terms " + n.name(Quantity.Kind.DELTA) + " of " + where,
                    select(all, q -> q.kind() == Quantity.Kind.DELTA && q.layer() == layer));
            add(backward, "grad-" + l, "Gradients for " + where,
                    select(all, q -> GRADIENTS.contains(q.kind()) && q.layer() == layer));
            add(backward, "update-" + l, "Updated weights and biases of " + where,
                    select(all, q -> UPDATES.contains(q.kind()) && q.layer() == layer));
        }
        addSection(sections, "backward", "Backward pass and update", backward);

        List<Group> after = new ArrayList<>();
        // the last chapter holds one group, titled as the chapter is, so that it is headed once
        String afterTitle = lossTitle + " after the update";
        add(after, "loss-after-value", afterTitle, select(all, q -> q.kind() == Quantity.Kind.LOSS_AFTER));
        addSection(sections, "after", afterTitle, after);
        return new Outline(sections);
    }

    /** "Layer 1 — hidden h1–h2, sigmoid". */
    public static String layerTitle(Notation n, Network net, int l) {
        String kind = n.isOutput(l) ? "output" : "hidden";
        Activation f = net.layer(l).activation();
        return "Layer " + l + " — " + kind + " " + n.range(l) + ", " + f.id();
    }

    private static List<Derivation> select(List<Derivation> all, Predicate<Quantity> which) {
        List<Derivation> out = new ArrayList<>();
        for (Derivation d : all) {
            if (which.test(d.step().quantity())) {
                out.add(d);
            }
        }
        return out;
    }

    private static void add(List<Group> groups, String id, String title, List<Derivation> steps) {
        if (!steps.isEmpty()) {
            groups.add(new Group(id, title, steps));
        }
    }

    private static void addSection(List<Section> sections, String id, String title, List<Group> groups) {
        if (!groups.isEmpty()) {
            sections.add(new Section(id, title, groups));
        }
    }
}
