package dev.backprop.engine.render;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
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
     * a full page, one neuron's for a big network). With several worked updates, each update's
     * forward pass, loss and backward pass follow the loss after the first, their titles saying
     * which update they are.
     */
    public static Outline of(Worked worked, Predicate<Step> keep) {
        Notation n = worked.notation();
        Problem p = worked.problem();
        Network net = p.network();
        int depth = net.depth();
        List<Derivation> all = new ArrayList<>();
        for (Derivation d : worked.derivations()) {
            if (keep.test(d.step())) {
                all.add(d);
            }
        }
        List<Section> sections = new ArrayList<>();
        int updates = p.workedUpdates();
        String state = stateTitle(p.optimizer());
        String lossTitle = n.lossHeading();
        for (int t = 1; t <= updates; t++) {
            int u = t;
            String id = t == 1 ? "" : "u" + t + "-";
            String update = updates == 1 ? "" : "Update " + t + ": ";
            int start = p.batchStart(t);
            int len = p.batchLength(t);
            boolean several = p.samples().size() > 1;

            List<Group> forward = new ArrayList<>();
            for (int s = start; s < start + len; s++) {
                for (int l = 1; l < depth; l++) {
                    int layer = l;
                    int sample = s;
                    List<Derivation> steps = select(all, q -> FORWARD.contains(q.kind()) && q.layer() == layer
                            && q.sample() == sample && q.update() == u);
                    String prefix = len > 1 || t > 1 && several ? "Sample " + (s + 1) + " · " : "";
                    add(forward, id + "forward-" + (s + 1) + "-" + l, prefix + layerTitle(n, net, l), steps);
                }
            }
            addSection(sections, id + "forward", update.isEmpty() ? "Forward pass" : update + "forward pass", forward);

            List<Group> loss = new ArrayList<>();
            add(loss, id + "loss-value", t == 1 && several ? lossTitle + " of each sample and of the data set"
                            : len > 1 ? lossTitle + " of each sample of the batch" : lossTitle,
                    select(all, q -> LOSS.contains(q.kind()) && q.update() == u));
            addSection(sections, id + "loss", update.isEmpty() ? lossTitle : update + n.lossWord(), loss);

            List<Group> backward = new ArrayList<>();
            for (int l = depth - 1; l >= 1; l--) {
                int layer = l;
                String where = "layer " + l + " (" + n.range(l) + ")";
                add(backward, id + "delta-" + l, "Error terms " + n.name(Quantity.Kind.DELTA) + " of " + where,
                        select(all, q -> q.kind() == Quantity.Kind.DELTA && q.layer() == layer && q.update() == u));
                add(backward, id + "grad-" + l, "Gradients for " + where,
                        select(all, q -> GRADIENTS.contains(q.kind()) && q.layer() == layer && q.update() == u));
                add(backward, id + "state-" + l, state + " for " + where,
                        select(all, q -> q.kind().state().isPresent() && q.layer() == layer && q.update() == u));
                add(backward, id + "update-" + l, "Updated weights and biases of " + where,
                        select(all, q -> UPDATES.contains(q.kind()) && q.layer() == layer && q.update() == u));
            }
            addSection(sections, id + "backward", update.isEmpty() ? "Backward pass and update"
                    : update + "backward pass and update", backward);

            if (t == 1) {
                List<Group> after = new ArrayList<>();
                // the chapter holds one group, titled as the chapter is, so that it is headed once
                String afterTitle = lossTitle + (updates == 1 ? " after the update" : " after the first update");
                add(after, "loss-after-value", afterTitle, select(all, q -> q.kind() == Quantity.Kind.LOSS_AFTER));
                addSection(sections, "after", afterTitle, after);
            }
        }
        return new Outline(sections);
    }

    /** What the optimizer's state is called in a heading: "Adam's moments", "Momentum buffers" …. */
    static String stateTitle(Optimizer o) {
        String rule = switch (o.kind()) {
            case SGD -> "";
            case MOMENTUM, NESTEROV -> "momentum buffers";
            case RMSPROP -> "average squared gradients";
            case ADAM -> "Adam's moments";
        };
        String all = o.decays() ? (rule.isEmpty() ? "gradients with weight decay" : "gradients with weight decay and " + rule)
                : rule;
        return all.isEmpty() ? "Optimizer state" : Character.toUpperCase(all.charAt(0)) + all.substring(1);
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
