package dev.backprop.engine.trace;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A named quantity of the calculation, with its key as in contract §2 ({@code z[l][j]},
 * {@code delta[l][j]}, {@code dW[l][j][i]}, {@code W[l][j][i]} …).
 *
 * <p>Keys the contract does not define, used for operands: {@code y[j]} (target),
 * {@code Wold[l][j][i]} and {@code bold[l][j]} (parameters before the update), {@code alpha}
 * (learning rate), {@code lossBefore} (data-set loss before the update, with several samples),
 * {@code aAfter[l][j]} and {@code lossAfter[s]} (outputs and per-sample losses after the update).
 * A per-sample quantity of sample s ≥ 1 of the problem carries the suffix {@code @s}.
 *
 * <p>The optimizer's state has keys of its own, one per weight ({@code …W[l][j][i]}) and per bias
 * ({@code …b[l][j]}), named after the {@link State}: {@code gW} (the gradient with weight decay),
 * {@code momW} (the momentum buffer), {@code sqW} (RMSprop's square average), {@code mW} and
 * {@code vW} (Adam's moments), {@code mhatW} and {@code vhatW} (their bias corrections). Its
 * settings are operands {@code mu}, {@code rho}, {@code beta1}, {@code beta2}, {@code epsilon} and
 * {@code lambda}. A quantity of update t ≥ 2 carries the suffix {@code :t} after any {@code @s}
 * ({@code W[2][0][0]:2} is the weight after the second update, {@code delta[1][0]@1:2} sample 1's
 * δ in it); without it a key means the first update, as the contract has it.
 *
 * @param kind   what the quantity is
 * @param layer  l (or −1)
 * @param row    j, the neuron (or −1)
 * @param col    i, the neuron of the layer below for weights (or −1)
 * @param sample index into the problem's samples (0 for the first)
 * @param update the update it belongs to, from 1
 */
public record Quantity(Kind kind, int layer, int row, int col, int sample, int update) {

    /** The optimizer's state kept per weight and bias, and how its keys begin. */
    public enum State {
        /** g = ∂L/∂θ + λ·θ, the gradient with weight decay. */
        DECAYED("g"),
        /** b = μ·b + g, the momentum buffer. */
        MOMENTUM("mom"),
        /** s = ρ·s + (1 − ρ)·g², RMSprop's square average. */
        SQUARE_AVERAGE("sq"),
        /** m = β₁·m + (1 − β₁)·g, Adam's first moment. */
        FIRST_MOMENT("m"),
        /** v = β₂·v + (1 − β₂)·g², Adam's second moment. */
        SECOND_MOMENT("v"),
        /** m̂ = m / (1 − β₁ᵗ). */
        FIRST_CORRECTED("mhat"),
        /** v̂ = v / (1 − β₂ᵗ). */
        SECOND_CORRECTED("vhat");

        private final String prefix;

        State(String prefix) {
            this.prefix = prefix;
        }

        /** The start of its keys: {@code mhat} in {@code mhatW[2][0][0]}. */
        public String prefix() {
            return prefix;
        }
    }

    /** The kinds of quantity; {@link #contract()} says whether the contract defines its key. */
    public enum Kind {
        Z("z", 2, true), A("a", 2, true), LOSS("loss", 0, true), DELTA("delta", 2, true),
        DW("dW", 3, true), DB("db", 2, true), W("W", 3, true), B("b", 2, true), LOSS_AFTER("lossAfter", 0, true),
        TARGET("y", 1, false), W_OLD("Wold", 3, false), B_OLD("bold", 2, false), ALPHA("alpha", 0, false),
        LOSS_BEFORE("lossBefore", 0, false), A_AFTER("aAfter", 2, false), SAMPLE_LOSS_AFTER("lossAfter", 1, false),
        G_W(State.DECAYED, false), G_B(State.DECAYED, true),
        MOMENTUM_W(State.MOMENTUM, false), MOMENTUM_B(State.MOMENTUM, true),
        SQUARE_W(State.SQUARE_AVERAGE, false), SQUARE_B(State.SQUARE_AVERAGE, true),
        M_W(State.FIRST_MOMENT, false), M_B(State.FIRST_MOMENT, true),
        V_W(State.SECOND_MOMENT, false), V_B(State.SECOND_MOMENT, true),
        MHAT_W(State.FIRST_CORRECTED, false), MHAT_B(State.FIRST_CORRECTED, true),
        VHAT_W(State.SECOND_CORRECTED, false), VHAT_B(State.SECOND_CORRECTED, true),
        MU("mu", 0, false), RHO("rho", 0, false), BETA1("beta1", 0, false), BETA2("beta2", 0, false),
        EPSILON("epsilon", 0, false), LAMBDA("lambda", 0, false);

        private final String name;
        private final int indices;
        private final boolean contract;
        private final @Nullable State state;
        private final boolean bias;

        Kind(String name, int indices, boolean contract) {
            this.name = name;
            this.indices = indices;
            this.contract = contract;
            this.state = null;
            this.bias = false;
        }

        Kind(State state, boolean bias) {
            this.name = state.prefix() + (bias ? "b" : "W");
            this.indices = bias ? 2 : 3;
            this.contract = false;
            this.state = state;
            this.bias = bias;
        }

        /** The optimizer state this kind holds, if it is one. */
        public Optional<State> state() {
            return Optional.ofNullable(state);
        }

        /** Whether this is a bias's optimizer state ({@code mb}); false for a weight's and for every other kind. */
        public boolean ofBias() {
            return bias;
        }

        /** The kind holding a state of a weight or of a bias. */
        public static Kind of(State state, boolean bias) {
            for (Kind k : values()) {
                if (k.state == state && k.bias == bias) {
                    return k;
                }
            }
            throw new IllegalArgumentException(state + " " + bias);
        }

        /** The key's name part, e.g. {@code dW}. */
        public String keyName() {
            return name;
        }

        /** How many bracketed indices the key has. */
        public int indices() {
            return indices;
        }

        /** Whether contract §2 defines this key. */
        public boolean contract() {
            return contract;
        }

        /**
         * Whether a student works this quantity out (and may answer it): the contract's keys and the
         * optimizer's state; not the problem's data (targets, parameters before training, settings).
         */
        public boolean answerable() {
            return contract || state != null;
        }
    }

    /** The kinds, once: {@code Kind.values()} copies the array on every call. */
    private static final Kind[] KINDS = Kind.values();
    /** The most digits an index, a sample number or an update number has in a key. */
    private static final int MAX_DIGITS = 6;

    /** A quantity of the first update (or of no update). */
    public Quantity(Kind kind, int layer, int row, int col, int sample) {
        this(kind, layer, row, col, sample, 1);
    }

    /** z[l][j]. */
    public static Quantity z(int l, int j) {
        return new Quantity(Kind.Z, l, j, -1, 0);
    }

    /** a[l][j]. */
    public static Quantity a(int l, int j) {
        return new Quantity(Kind.A, l, j, -1, 0);
    }

    /** delta[l][j]. */
    public static Quantity delta(int l, int j) {
        return new Quantity(Kind.DELTA, l, j, -1, 0);
    }

    /** dW[l][j][i]. */
    public static Quantity dW(int l, int j, int i) {
        return new Quantity(Kind.DW, l, j, i, 0);
    }

    /** db[l][j]. */
    public static Quantity db(int l, int j) {
        return new Quantity(Kind.DB, l, j, -1, 0);
    }

    /** W[l][j][i], the weight after the update. */
    public static Quantity w(int l, int j, int i) {
        return new Quantity(Kind.W, l, j, i, 0);
    }

    /** b[l][j], the bias after the update. */
    public static Quantity b(int l, int j) {
        return new Quantity(Kind.B, l, j, -1, 0);
    }

    /** Wold[l][j][i], the weight before the update. */
    public static Quantity wOld(int l, int j, int i) {
        return new Quantity(Kind.W_OLD, l, j, i, 0);
    }

    /** bold[l][j], the bias before the update. */
    public static Quantity bOld(int l, int j) {
        return new Quantity(Kind.B_OLD, l, j, -1, 0);
    }

    /** y[j], the target of output j. */
    public static Quantity target(int j) {
        return new Quantity(Kind.TARGET, -1, j, -1, 0);
    }

    /** The per-sample loss. */
    public static Quantity loss() {
        return new Quantity(Kind.LOSS, -1, -1, -1, 0);
    }

    /** The data-set loss before the update (with more than one sample). */
    public static Quantity lossBefore() {
        return new Quantity(Kind.LOSS_BEFORE, -1, -1, -1, 0);
    }

    /** The data-set loss after the first update. */
    public static Quantity lossAfter() {
        return new Quantity(Kind.LOSS_AFTER, -1, -1, -1, 0);
    }

    /** The learning rate α. */
    public static Quantity alpha() {
        return new Quantity(Kind.ALPHA, -1, -1, -1, 0);
    }

    /** Output j of layer l after the update. */
    public static Quantity aAfter(int l, int j) {
        return new Quantity(Kind.A_AFTER, l, j, -1, 0);
    }

    /** The loss of sample s after the update. */
    public static Quantity sampleLossAfter(int s) {
        return new Quantity(Kind.SAMPLE_LOSS_AFTER, -1, s, -1, 0);
    }

    /** The optimizer's state of weight W[l][j][i], e.g. {@code mW[l][j][i]}. */
    public static Quantity weightState(State state, int l, int j, int i) {
        return new Quantity(Kind.of(state, false), l, j, i, 0);
    }

    /** The optimizer's state of bias b[l][j], e.g. {@code mb[l][j]}. */
    public static Quantity biasState(State state, int l, int j) {
        return new Quantity(Kind.of(state, true), l, j, -1, 0);
    }

    /** An optimizer setting or the learning rate as an operand: {@code kind} is one of ALPHA, MU, RHO, BETA1, BETA2, EPSILON, LAMBDA. */
    public static Quantity setting(Kind kind) {
        if (kind.indices != 0 || kind.state != null || kind.contract) {
            throw new IllegalArgumentException("not a setting: " + kind);
        }
        return new Quantity(kind, -1, -1, -1, 0);
    }

    /** The same quantity for sample s of the problem. */
    public Quantity ofSample(int s) {
        return new Quantity(kind, layer, row, col, s, update);
    }

    /** The quantity of another kind with the same indices, sample and update: z of a δ's neuron. */
    public Quantity withKind(Kind other) {
        return new Quantity(other, layer, row, col, sample, update);
    }

    /** The same quantity in update t (from 1). */
    public Quantity ofUpdate(int t) {
        return new Quantity(kind, layer, row, col, sample, t);
    }

    /** The parameter a gradient, an update or an optimizer state belongs to, as it was before training ({@code Wold} or {@code bold}). */
    public Quantity parameter() {
        boolean weight = indices() == 3;
        return weight ? wOld(layer, row, col) : bOld(layer, row);
    }

    private int indices() {
        return kind.indices;
    }

    /** The key, e.g. {@code dW[2][0][1]}, or {@code delta[1][0]@2} for the third sample. */
    public String key() {
        StringBuilder sb = new StringBuilder(24).append(kind.name);
        switch (kind.indices) {
            case 1 -> sb.append('[').append(row).append(']');
            case 2 -> sb.append('[').append(layer).append("][").append(row).append(']');
            case 3 -> sb.append('[').append(layer).append("][").append(row).append("][").append(col).append(']');
            default -> {
                // no indices
            }
        }
        if (sample > 0) {
            sb.append('@').append(sample);
        }
        if (update > 1) {
            sb.append(':').append(update);
        }
        return sb.toString();
    }

    /**
     * Parses a key such as {@code W[2][0][1]} or {@code delta[1][0]@2}: a name of ASCII letters, its
     * indices in brackets (one to six digits each), an optional {@code @sample}; empty when it is not
     * one. Read by hand, without allocating, since a request may hold tens of thousands of keys.
     */
    public static Optional<Quantity> parse(String key) {
        int n = key.length();
        int i = 0;
        while (i < n && (key.charAt(i) >= 'a' && key.charAt(i) <= 'z' || key.charAt(i) >= 'A' && key.charAt(i) <= 'Z')) {
            i++;
        }
        // a setting's name may end in a digit (beta1)
        while (i > 0 && i < n && key.charAt(i) >= '0' && key.charAt(i) <= '9') {
            i++;
        }
        int nameLength = i;
        if (nameLength == 0) {
            return Optional.empty();
        }
        int[] idx = new int[3];
        int count = 0;
        while (i < n && key.charAt(i) == '[') {
            int start = ++i;
            int value = 0;
            while (i < n && i - start < MAX_DIGITS && key.charAt(i) >= '0' && key.charAt(i) <= '9') {
                value = value * 10 + (key.charAt(i) - '0');
                i++;
            }
            if (i == start || i >= n || key.charAt(i) != ']' || count == 3) {
                return Optional.empty();
            }
            i++;
            idx[count++] = value;
        }
        int sample = 0;
        if (i < n && key.charAt(i) == '@') {
            int start = ++i;
            while (i < n && i - start < MAX_DIGITS && key.charAt(i) >= '0' && key.charAt(i) <= '9') {
                sample = sample * 10 + (key.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                return Optional.empty();
            }
        }
        int update = 1;
        if (i < n && key.charAt(i) == ':') {
            int start = ++i;
            update = 0;
            while (i < n && i - start < MAX_DIGITS && key.charAt(i) >= '0' && key.charAt(i) <= '9') {
                update = update * 10 + (key.charAt(i) - '0');
                i++;
            }
            if (i == start || update < 1) {
                return Optional.empty();
            }
        }
        if (i != n) {
            return Optional.empty();
        }
        for (Kind k : KINDS) {
            if (k.indices == count && k.name.length() == nameLength && key.startsWith(k.name)) {
                return Optional.of(switch (count) {
                    case 1 -> new Quantity(k, -1, idx[0], -1, sample, update);
                    case 2 -> new Quantity(k, idx[0], idx[1], -1, sample, update);
                    case 3 -> new Quantity(k, idx[0], idx[1], idx[2], sample, update);
                    default -> new Quantity(k, -1, -1, -1, sample, update);
                });
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return key();
    }
}
