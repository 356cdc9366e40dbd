package dev.backprop.web.form;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.render.Notation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The ready-made problems offered on the form, the seed's example first (and loaded by default).
 * Each is a contract JSON file under {@code /presets/} on the class path.
 *
 * <pre>{@code
 * Problem p = Presets.byId("mazur").orElseThrow().problem();
 * }</pre>
 */
public final class Presets {
    /**
     * One ready-made problem.
     *
     * @param id          its name in URLs, e.g. {@code seed-given}
     * @param title       a short title
     * @param description one or two sentences on what it shows
     * @param notation    the notation it opens in (Mazur's presets in his)
     * @param note        what its worked page says beside the results, where they differ from a source's, or ""
     */
    public record Preset(String id, String title, String description, Notation.Profile notation, String note) {
        /** A preset in the seed's notation with nothing to add beside its results. */
        public Preset(String id, String title, String description) {
            this(id, title, description, Notation.Profile.SEED, "");
        }

        /** The problem's JSON text, as stored. */
        public String json() {
            String path = "/presets/" + id + ".json";
            try (InputStream in = Presets.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing preset " + path);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The problem. */
        public Problem problem() {
            return ProblemJson.read(json());
        }
    }

    /** Every preset, in the order shown; the first is the default. */
    public static final List<Preset> ALL = List.of(
            new Preset("seed-given", "The seed's example, its stated values",
                    "2-2-1 sigmoid network, half squared error. Like the seed document it takes the activations as "
                            + "stated (0.59 and 0.60 for h1 and h2, 0.70 for o1) and reproduces its numbers: δ of o1 is "
                            + "−0.0105, W31 becomes 0.4030975."),
            new Preset("seed-computed", "The seed's network, computed",
                    "The same 2-2-1 network and sample with nothing assumed: every activation is computed."),
            new Preset("seed-momentum", "The seed's network with momentum",
                    "The seed's 2-2-1 network and sample trained by SGD with momentum μ = 0.9, as PyTorch has it: "
                            + "two updates worked, the buffer v = g on the first, then v = 0.9·v + g."),
            new Preset("seed-adam", "The seed's network with Adam",
                    "The same network and sample trained by Adam (β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸, α = 0.01): two "
                            + "updates worked, every moment m and v and its bias correction m̂ and v̂ shown as formula → "
                            + "numbers → value."),
            new Preset("mazur", "Mazur's 2-2-2 example, as stated",
                    "Matt Mazur's well-known step-by-step example, in his notation: two outputs, fixed biases, one "
                            + "step. The total error after the step is 0.291027774.", Notation.Profile.MAZUR,
                    "Mazur's post gives 0.291027924 for the total error after this step. That figure comes from code "
                            + "whose hidden δ used the already-updated output weights; worked as his post sets it out "
                            + "(and as here) the step gives 0.291027774. The preset “Mazur's example, as published” "
                            + "reproduces his figure."),
            new Preset("mazur-published", "Mazur's example, as published",
                    "The same network with the hidden δ computed from the already-updated weights, which gives "
                            + "the published 0.291027924, then trained 10,000 steps as in the post.", Notation.Profile.MAZUR,
                    "Mazur's post says that after 10,000 steps “the error plummets to 0.0000351085”, the outputs then "
                            + "being 0.015912196 and 0.984065734. The outputs here, after 10,000 steps with the hidden δ "
                            + "from the already-updated weights, are his to every digit, but the total error is "
                            + "0.0000350847863. His error figure comes from another run: 9,999 steps with the hidden δ "
                            + "from the weights before each update (correct backpropagation) give 0.0000351085481, his "
                            + "figure to the ten places he printed, and 10,000 such steps give 0.0000351018778. No step "
                            + "count of this preset's run gives 0.0000351085 (after 9,996 steps it is 0.0000351114667, "
                            + "after 9,997 0.000035104794). So the two figures of his sentence come from two runs: the "
                            + "error from correct backpropagation after 9,999 steps, the outputs from the code with the "
                            + "slip after 10,000."),
            new Preset("xor", "XOR, learned over 4,000 epochs",
                    "A 2-2-1 sigmoid network learning exclusive-or from its four samples, one update per sample."),
            new Preset("softmax", "Softmax with cross-entropy",
                    "2-3-3 network: tanh hidden layer, softmax outputs, cross-entropy loss, three samples in one "
                            + "batch (mean gradients), 100 epochs."));

    private Presets() {
    }

    /** The preset whose problem this is, if there is one (a worked page then says what the preset adds). */
    public static Optional<Preset> matching(Problem problem) {
        String json = ProblemJson.toJson(problem);
        for (int k = 0; k < ALL.size(); k++) {
            if (CANONICAL.get(k).equals(json)) {
                return Optional.of(ALL.get(k));
            }
        }
        return Optional.empty();
    }

    /** Each preset's problem as the engine writes it, to recognise it in a link. */
    private static final List<String> CANONICAL = ALL.stream().map(p -> ProblemJson.toJson(p.problem())).toList();

    /** The preset with this id. */
    public static Optional<Preset> byId(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The default preset: the seed's example with its stated values. */
    public static Preset first() {
        return ALL.get(0);
    }
}
