package dev.backprop.engine.render;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.trace.Quantity;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one object that names the symbols of a worked solution: what a neuron is called, how each
 * quantity of the trace is written (Z_h1, net_h1 or z⁽¹⁾₁), how it is described, and how the
 * names map onto the contract's indices. Every format (plain text, Markdown, LaTeX, the web
 * pages) takes its symbols from here, so a notation is changed in one place.
 *
 * <p>Three {@linkplain Profile profiles}: the seed document's ({@link Profile#SEED}, the
 * default), Matt Mazur's ({@link Profile#MAZUR}) and the matrix textbook form
 * ({@link Profile#MATRIX}).
 *
 * <pre>{@code
 * Notation n = Notation.of(problem, Notation.Profile.MAZUR);
 * n.text(Quantity.wOld(2, 0, 0));   // "w₅"
 * }</pre>
 */
public abstract class Notation {
    /** The notations on offer, each with an id for links and forms. */
    public enum Profile {
        /**
         * The seed document's: inputs x1…, hidden h1… (numbered on across hidden layers), outputs o1…;
         * Z, A, δ, W_ij from neuron number i into neuron j, B_k, X, Y, L, α.
         */
        SEED("seed", "the seed document's"),
        /**
         * Matt Mazur's ("A Step by Step Backpropagation Example"): inputs i1…, net_h1 and out_h1,
         * weights w1, w2 … numbered by target neuron, then source, layer after layer; biases b1, b2
         * (one per layer where his are shared), E_total, target_o1, η.
         */
        MAZUR("mazur", "Matt Mazur's"),
        /**
         * The matrix textbook form (as in Nielsen's book): W⁽ˡ⁾_jk from neuron k of layer l − 1
         * into neuron j of layer l, b⁽ˡ⁾_j, z⁽ˡ⁾_j, a⁽ˡ⁾_j, δ⁽ˡ⁾_j, x_k, y_j, the cost C and η;
         * indices count from 1.
         */
        MATRIX("matrix", "the matrix textbook form");

        private final String id;
        private final String title;

        Profile(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** The id used in links and forms, e.g. {@code mazur}. */
        public String id() {
            return id;
        }

        /** Its name in a sentence, e.g. "Matt Mazur's". */
        public String title() {
            return title;
        }

        /** The profile with this id (case and surrounding spaces ignored), if there is one. */
        public static Optional<Profile> byId(@Nullable String id) {
            if (id != null) {
                String wanted = id.trim().toLowerCase(Locale.ROOT);
                for (Profile p : values()) {
                    if (p.id.equals(wanted)) {
                        return Optional.of(p);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** The longest neuron name {@link #parseNeuron} reads. */
    private static final int LONGEST_NAME = 12;

    private final Profile profile;
    private final int[] sizes;
    private final int[] firstNumber;
    private final int[] firstHidden;
    private final boolean batch;
    private final boolean severalSamples;

    /** A notation for layer sizes (the input layer first); {@code batch} marks per-sample quantities with the sample's number. */
    Notation(Profile profile, int[] layerSizes, boolean batch, boolean severalSamples) {
        this.profile = profile;
        int depth = layerSizes.length;
        this.sizes = layerSizes.clone();
        this.firstNumber = new int[depth];
        this.firstHidden = new int[depth];
        int number = 1;
        int hidden = 1;
        for (int l = 0; l < depth; l++) {
            firstNumber[l] = number;
            firstHidden[l] = hidden;
            number += sizes[l];
            if (l > 0 && l < depth - 1) {
                hidden += sizes[l];
            }
        }
        this.batch = batch;
        this.severalSamples = severalSamples;
    }

    /** The seed's notation for a problem's network, batch size and samples. */
    public static Notation of(Problem problem) {
        return of(problem, Profile.SEED);
    }

    /** A profile's notation for a problem's network, batch size, samples and bias rule. */
    public static Notation of(Problem problem, Profile profile) {
        Network net = problem.network();
        int[] sizes = sizes(net);
        boolean batch = problem.effectiveBatchSize() > 1;
        boolean several = problem.samples().size() > 1;
        return switch (profile) {
            case SEED -> new SeedNotation(sizes, batch, several);
            case MAZUR -> new MazurNotation(sizes, batch, several, MazurNotation.shared(net, problem.updateBiases()));
            case MATRIX -> new MatrixNotation(sizes, batch, several);
        };
    }

    /** A profile's notation for a network trained on one sample at a time, biases updated. */
    public static Notation of(Profile profile, Network network) {
        return of(profile, sizes(network));
    }

    /**
     * A profile's notation for a network of these layer sizes (the input layer first), trained on
     * one sample at a time with its biases updated: for naming a network being typed in.
     *
     * @throws IllegalArgumentException when there is no layer or a layer has no neuron
     */
    public static Notation of(Profile profile, int... layerSizes) {
        if (layerSizes.length == 0) {
            throw new IllegalArgumentException("a network has at least its input layer");
        }
        for (int l = 0; l < layerSizes.length; l++) {
            if (layerSizes[l] < 1) {
                throw new IllegalArgumentException("layer " + l + " must have at least one neuron, has " + layerSizes[l]);
            }
        }
        return switch (profile) {
            case SEED -> new SeedNotation(layerSizes, false, false);
            case MAZUR -> new MazurNotation(layerSizes, false, false, new boolean[layerSizes.length]);
            case MATRIX -> new MatrixNotation(layerSizes, false, false);
        };
    }

    private static int[] sizes(Network net) {
        int[] sizes = new int[net.depth()];
        for (int l = 0; l < sizes.length; l++) {
            sizes[l] = net.size(l);
        }
        return sizes;
    }

    /** Which notation this is. */
    public Profile profile() {
        return profile;
    }

    /** The number of layers, counting the input layer. */
    public int depth() {
        return sizes.length;
    }

    /** The size of layer l. */
    public int size(int l) {
        return sizes[l];
    }

    /** Whether layer l is the output layer. */
    public boolean isOutput(int l) {
        return l == sizes.length - 1;
    }

    /** Whether per-sample quantities carry the sample's number (a batch of several samples). */
    boolean batch() {
        return batch;
    }

    /** Whether the problem has several samples, so that each sample's loss is told apart. */
    boolean severalSamples() {
        return severalSamples;
    }

    /** The number in a neuron's label (1 for h1), counting hidden neurons on across hidden layers. */
    public int labelNumber(int l, int j) {
        return l == 0 || isOutput(l) ? j + 1 : firstHidden[l] + j;
    }

    /** The neuron's place when all neurons are numbered 1, 2, 3 … inputs first. */
    public int number(int l, int j) {
        return firstNumber[l] + j;
    }

    /**
     * The neuron's id, the same in every notation, for links and forms: x1 …, h1 … (numbered on
     * across hidden layers), o1 ….
     */
    public String id(int l, int j) {
        return (l == 0 ? "x" : isOutput(l) ? "o" : "h") + labelNumber(l, j);
    }

    /** Reads a neuron id such as {@code h3} or {@code o1} (of a dense layer) into {layer, index}; null when there is none. */
    public int @Nullable [] parseNeuron(@Nullable String name) {
        if (name == null || name.length() < 2 || name.length() > LONGEST_NAME) {
            return null;
        }
        char letter = name.charAt(0);
        int n;
        try {
            n = Integer.parseInt(name.substring(1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (!name.substring(1).chars().allMatch(Character::isDigit)) {
            return null;
        }
        for (int l = 1; l < sizes.length; l++) {
            if ((isOutput(l) ? 'o' : 'h') == letter) {
                int j = n - labelNumber(l, 0);
                if (j >= 0 && j < sizes[l]) {
                    return new int[] {l, j};
                }
            }
        }
        return null;
    }

    /** The neuron's name in this notation, e.g. {@code h1}, {@code i2} (Mazur's input) or {@code a₁⁽¹⁾}. */
    public abstract String neuron(int l, int j);

    /** A layer's neurons, e.g. "h1–h2", or "o1" for a single neuron. */
    public String range(int l) {
        int size = sizes[l];
        return size == 1 ? neuron(l, 0) : neuron(l, 0) + "–" + neuron(l, size - 1);
    }

    /**
     * The symbol for a quantity with its description (e.g. W_31 for {@code Wold[2][0][0]} in the
     * seed's notation); gradients are written with {@link #expr(Quantity)}.
     *
     * @throws IllegalArgumentException for a gradient ({@code dW}, {@code db})
     */
    public Expr.Sym symbol(Quantity q) {
        Expr.Sym s = bare(q);
        return new Expr.Sym(s.base(), s.sub(), s.sup(), describe(q));
    }

    /**
     * The symbol for any quantity: gradients as ∂L/∂W_31 (∂L^⟨t⟩/∂W_31 in update t ≥ 2, the loss of
     * that update's batch), everything else as {@link #symbol(Quantity)}.
     */
    public Expr expr(Quantity q) {
        return switch (q.kind()) {
            case DW, DB -> derivative(gradientParameter(q), describe(q), q.update());
            default -> symbol(q);
        };
    }

    /**
     * The parameter a gradient ({@code dW} or {@code db}) is taken with respect to, as the gradient
     * writes it: the weight's or bias's symbol (Mazur's notation names one neuron's share of a
     * layer's shared bias by the neuron).
     */
    Expr.Sym gradientParameter(Quantity gradient) {
        return symbol(gradient.kind() == Quantity.Kind.DW ? Quantity.wOld(gradient.layer(), gradient.row(), gradient.col())
                : Quantity.bOld(gradient.layer(), gradient.row()));
    }

    /** A quantity's name as plain Unicode text, for sentences: {@code δ_o1}, {@code W₃₁^new}, {@code ∂L/∂W₃₁}. */
    public String text(Quantity q) {
        return new Unicode(NumberStyle.DEFAULT).write(expr(q));
    }

    /** What the loss is called in words: "loss" in the seed's notation, Mazur's "total error", the textbooks' "cost". */
    public String lossWord() {
        return switch (profile) {
            case SEED -> "loss";
            case MAZUR -> "total error";
            case MATRIX -> "cost";
        };
    }

    /** The same, starting a heading: "Loss", "Total error", "Cost". */
    public String lossHeading() {
        String w = lossWord();
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    /** The loss's symbol: L, E_total or C. */
    public abstract Expr.Sym lossSymbol();

    /** ∂L/∂(something), the loss as this notation writes it; {@code title} describes the whole. */
    public Expr derivative(Expr.Sym of, String title) {
        return derivative(of, title, 1);
    }

    /** ∂L/∂(something) in update t: from t = 2 on the loss carries the update's mark, ∂L^⟨t⟩/∂W_31. */
    public Expr derivative(Expr.Sym of, String title, int update) {
        Expr.Sym wrt = new Expr.Sym(of.base(), of.sub(), of.sup(), title);
        Expr.Sym plain = lossSymbol();
        Expr.Sym loss = update > 1 ? plain.withSup(plain.sup() + step(update)) : plain;
        return Expr.frac(Expr.row(new Expr.Sym("∂", "", "", ""), new Expr.Sym(loss.base(), loss.sub(), loss.sup(), title)),
                Expr.row(new Expr.Sym("∂", "", "", ""), wrt));
    }

    /**
     * Whether a weighted sum writes each weight before the value it multiplies (w₁ · i₁, as Mazur
     * and the matrix textbooks do) rather than after it (X₁ · W₁₁, as the seed does).
     */
    public boolean weightFirst() {
        return false;
    }

    /** Whether a weighted sum writes its bias times the constant input 1 (b₁ · 1), as Mazur does. */
    public boolean biasTimesOne() {
        return false;
    }

    /**
     * A neuron's activation derivative by name, at its weighted input: σ′(Z_h1), tanh′(Z_h1) … in
     * the seed's notation; Mazur writes the partial derivative ∂out_h1/∂net_h1.
     *
     * @param f the activation
     * @param z the neuron's weighted input (its sample marked as in the step)
     * @param a the neuron's activation
     */
    public Expr activationDerivative(Activation f, Expr.Sym z, Expr.Sym a) {
        return switch (f) {
            case SIGMOID -> Expr.fn("σ′", z);
            case TANH -> Expr.fn("tanh′", z);
            case RELU -> Expr.fn("ReLU′", z);
            case LINEAR, SOFTMAX -> Expr.fn("f′", z);
        };
    }

    /** The activation derivative in a sentence, with the notation's letters: "σ′(Z)" or Mazur's "∂out/∂net". */
    public String activationDerivativeName(Activation f) {
        return new Unicode(NumberStyle.DEFAULT).write(activationDerivative(f, Expr.sym(name(Quantity.Kind.Z), ""),
                Expr.sym(name(Quantity.Kind.A), "")));
    }

    /** A parameter before the update as the update rule writes it: W_31^old in the seed's notation, w5 in Mazur's. */
    public Expr.Sym before(Quantity old) {
        return symbol(old);
    }

    /** The symbol of the output k of the last layer in a formula over the outputs: A_k, out_k, a⁽ᴸ⁾_k. */
    public abstract Expr.Sym outputSymbol(String k);

    /** The target of output k in a formula over the outputs: Y_k, target_k, y_k. */
    public abstract Expr.Sym targetSymbol(String k);

    /** A layer's vector or matrix in the matrix form: for {@code Kind.Z} and layer 2 the seed's Z⁽²⁾, the matrix form's z⁽²⁾. */
    public abstract Expr.Sym layerSymbol(Quantity.Kind kind, int l);

    /** A layer's weight matrix or bias vector after the update ({@code Kind.W} or {@code Kind.B}). */
    public abstract Expr.Sym layerUpdated(Quantity.Kind kind, int l);

    /** The transpose of a layer's matrix or vector, e.g. the seed's W⁽³⁾ᵀ. */
    public Expr.Sym transposed(Quantity.Kind kind, int l) {
        Expr.Sym s = layerSymbol(kind, l);
        return new Expr.Sym(s.base(), s.sub(), s.sup() + "T", "");
    }

    /** The target vector in the matrix form: Y, target or y. */
    public abstract Expr.Sym targetVector();

    /**
     * A kind of quantity's letter in a sentence, such as "the activation derivative, written from
     * A": Z, A, δ, W, B, Y, L, α in the seed's notation ({@code Kind.A} of the inputs is X).
     */
    public abstract String name(Quantity.Kind kind);

    /** How this notation names things and maps onto the contract, with examples from this network. */
    public abstract Prose explain();

    /** The contract path of a parameter or sample value ({@code layers[2].weights[0][0]}), or "" for other quantities. */
    public String path(Quantity q) {
        int l = q.layer();
        int j = q.row();
        return switch (q.kind()) {
            case W, W_OLD -> "layers[" + l + "].weights[" + j + "][" + q.col() + "]";
            case B, B_OLD -> "layers[" + l + "].biases[" + j + "]";
            case A -> l == 0 ? "samples[" + q.sample() + "].input[" + j + "]" : "";
            case TARGET -> "samples[" + q.sample() + "].target[" + j + "]";
            case ALPHA -> "learningRate";
            case MU -> "optimizer.momentum";
            case RHO -> "optimizer.alpha";
            case BETA1 -> "optimizer.beta1";
            case BETA2 -> "optimizer.beta2";
            case EPSILON -> "optimizer.epsilon";
            case LAMBDA -> "optimizer.weightDecay";
            default -> "";
        };
    }

    /** A symbol's name in a description: the seed writes W31 and Zh1, the other notations their Unicode text. */
    String flat(Expr.Sym s) {
        return Unicode.symbol(s);
    }

    /**
     * The symbol for a quantity with no description, its sample marked when {@code marked};
     * gradients throw {@link IllegalArgumentException}.
     */
    abstract Expr.Sym bare(Quantity q, boolean marked);

    /** The symbol for a quantity with no description, its sample marked within a batch. */
    private Expr.Sym bare(Quantity q) {
        return named(q, batch);
    }

    /** The symbol for a quantity of whichever sample, without a description: for a table's headings (Y_o1 of every sample). */
    public Expr.Sym unmarked(Quantity q) {
        return named(q, false);
    }

    /** The superscript that marks update t: ⟨2⟩, as a time step is marked. */
    public static String step(int t) {
        return "⟨" + t + "⟩";
    }

    /**
     * Any quantity's symbol without a description: the optimizer's state and settings the same way
     * in every notation (m_W31: a letter with the parameter's name beneath), the rest as the
     * notation's {@link #bare}; a quantity of update t ≥ 2 with ⟨t⟩ added to its superscript (a
     * parameter after update t as the parameter's name with ⟨t⟩, in place of the notation's "new").
     */
    private Expr.Sym named(Quantity q, boolean marked) {
        Quantity.Kind k = q.kind();
        Expr.Sym s;
        if (k.state().isPresent()) {
            Expr.Sym p = bare(q.parameter(), false);
            s = new Expr.Sym(optimizerName(k), p.base() + p.sub(), p.sup(), "");
        } else if (isSetting(k)) {
            s = switch (k) {
                case BETA1 -> Expr.sym("β", "1");
                case BETA2 -> Expr.sym("β", "2");
                default -> Expr.sym(optimizerName(k), "");
            };
        } else if (q.update() > 1 && (k == Quantity.Kind.W || k == Quantity.Kind.B)) {
            s = bare(q.parameter(), false);
        } else {
            s = bare(q, marked);
        }
        return q.update() > 1 ? s.withSup(s.sup() + step(q.update())) : s;
    }

    private static boolean isSetting(Quantity.Kind k) {
        return switch (k) {
            case MU, RHO, BETA1, BETA2, EPSILON, LAMBDA -> true;
            default -> false;
        };
    }

    /**
     * The letters of the optimizer's quantities, the same in every notation: g (the gradient with
     * weight decay), v (the momentum buffer, a velocity), s (RMSprop's square average), m and v
     * (Adam's moments), m̂ and v̂, and the settings μ, ρ, β₁, β₂, ε, λ.
     *
     * @throws IllegalArgumentException for any other kind
     */
    public static String optimizerName(Quantity.Kind kind) {
        return switch (kind) {
            case G_W, G_B -> "g";
            case MOMENTUM_W, MOMENTUM_B, V_W, V_B -> "v";
            case SQUARE_W, SQUARE_B -> "s";
            case M_W, M_B -> "m";
            case MHAT_W, MHAT_B -> "m\u0302";
            case VHAT_W, VHAT_B -> "v\u0302";
            case MU -> "μ";
            case RHO -> "ρ";
            case BETA1 -> "β₁";
            case BETA2 -> "β₂";
            case EPSILON -> "ε";
            case LAMBDA -> "λ";
            default -> throw new IllegalArgumentException("not an optimizer quantity: " + kind);
        };
    }

    /** The heading of a parameter's gradient, "∂L/∂θ" in the seed's notation. */
    public String parameterGradient() {
        return "∂" + name(Quantity.Kind.LOSS) + "/∂θ";
    }

    /** The refusal for a gradient asked for as a symbol. */
    static IllegalArgumentException gradient(Quantity q) {
        return new IllegalArgumentException("gradients are written with expr(), not symbol(): " + q);
    }

    private String flat(Quantity q) {
        return flat(bare(q));
    }

    /** A one-line description, e.g. "W31: weight from h1 into o1, before the update · layers[2].weights[0][0]". */
    public String describe(Quantity q) {
        int l = q.layer();
        int j = q.row();
        String sample = (q.sample() > 0 || batch ? " of sample " + (q.sample() + 1) : "")
                + (q.update() > 1 ? " in update " + q.update() : "");
        String key = q.key();
        String path = path(q);
        String where = path.isEmpty() ? "key " + key : path + " · key " + key;
        String loss = flat(lossSymbol());
        int out = sizes.length - 1;
        return switch (q.kind()) {
            case Z -> flat(q) + ": weighted input of " + neuron(l, j) + sample + " · key " + key;
            case A -> l == 0
                    ? flat(q) + ": input " + (j + 1) + sample + " · " + where
                    : flat(q) + ": activation (output) of " + neuron(l, j) + sample + " · key " + key;
            case A_AFTER -> flat(Quantity.a(l, j)) + " after the update · key " + key;
            case DELTA -> flat(q) + " = ∂" + loss + "/∂" + flat(q.withKind(Quantity.Kind.Z))
                    + ": error term of " + neuron(l, j) + sample + " · key " + key;
            case DW -> "∂" + loss + "/∂" + flat(Quantity.wOld(l, j, q.col())) + ": gradient of the weight from "
                    + neuron(l - 1, q.col()) + " into " + neuron(l, j) + sample + " · key " + key;
            case DB -> "∂" + loss + "/∂" + flat(Quantity.bOld(l, j)) + ": gradient of " + neuron(l, j) + "'s bias" + sample
                    + " · key " + key;
            case W_OLD -> flat(q) + ": weight from " + neuron(l - 1, q.col()) + " into " + neuron(l, j)
                    + ", before the update · " + path;
            case W -> flat(Quantity.wOld(l, j, q.col())) + " after " + update(q) + " · key " + key;
            case B_OLD -> flat(q) + ": bias of " + neuron(l, j) + ", before the update · " + path;
            case B -> flat(Quantity.bOld(l, j)) + " after " + update(q) + " · key " + key;
            case TARGET -> flat(q) + ": target for " + neuron(out, j) + sample + " · " + path;
            case ALPHA -> flat(q) + ": the learning rate · learningRate";
            case LOSS -> flat(q) + ": the loss of sample " + (q.sample() + 1) + " · key " + key;
            case LOSS_BEFORE -> "the data-set loss before the update (mean over the samples)";
            case LOSS_AFTER -> "the data-set loss after the first update · key lossAfter";
            case SAMPLE_LOSS_AFTER -> "the loss of sample " + (j + 1) + " after the first update";
            case G_W, G_B -> flat(q) + " = " + parameterGradientOf(q) + " + λ·" + flat(q.parameter())
                    + ": the gradient with weight decay" + sample + " · key " + key;
            case MOMENTUM_W, MOMENTUM_B -> flat(q) + ": the momentum buffer (velocity) of " + flat(q.parameter())
                    + " after " + update(q) + " · key " + key;
            case SQUARE_W, SQUARE_B -> flat(q) + ": RMSprop's moving average of the squared gradient of "
                    + flat(q.parameter()) + " after " + update(q) + " · key " + key;
            case M_W, M_B -> flat(q) + ": Adam's first moment (moving average of the gradient) of " + flat(q.parameter())
                    + " after " + update(q) + " · key " + key;
            case V_W, V_B -> flat(q) + ": Adam's second moment (moving average of the squared gradient) of "
                    + flat(q.parameter()) + " after " + update(q) + " · key " + key;
            case MHAT_W, MHAT_B -> flat(q) + ": the first moment of " + flat(q.parameter()) + " corrected for its bias"
                    + " towards 0, in " + update(q) + " · key " + key;
            case VHAT_W, VHAT_B -> flat(q) + ": the second moment of " + flat(q.parameter()) + " corrected for its bias"
                    + " towards 0, in " + update(q) + " · key " + key;
            case MU -> flat(q) + ": the momentum · " + path;
            case RHO -> flat(q) + ": RMSprop's smoothing constant (PyTorch's alpha) · " + path;
            case BETA1 -> flat(q) + ": Adam's rate for the first moment · " + path;
            case BETA2 -> flat(q) + ": Adam's rate for the second moment · " + path;
            case EPSILON -> flat(q) + ": added to the root so that the step is defined · " + path;
            case LAMBDA -> flat(q) + ": the weight decay (L2) · " + path;
        };
    }

    /** "the update" when one update is worked, else "update t". */
    private String update(Quantity q) {
        return q.update() > 1 ? "update " + q.update() : "the update";
    }

    /** ∂L/∂θ of a state quantity's parameter, as a description writes it. */
    private String parameterGradientOf(Quantity q) {
        return "∂" + flat(lossSymbol()) + "/∂" + flat(q.parameter());
    }
}
