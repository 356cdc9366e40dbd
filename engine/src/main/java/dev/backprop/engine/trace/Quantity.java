package dev.backprop.engine.trace;

import java.util.Optional;

/**
 * A named quantity of the calculation, with its key as in contract §2 ({@code z[l][j]},
 * {@code delta[l][j]}, {@code dW[l][j][i]}, {@code W[l][j][i]} …).
 *
 * <p>Keys the contract does not define, used for operands: {@code y[j]} (target),
 * {@code Wold[l][j][i]} and {@code bold[l][j]} (parameters before the update), {@code alpha}
 * (learning rate), {@code lossBefore} (data-set loss before the update, with several samples),
 * {@code aAfter[l][j]} and {@code lossAfter[s]} (outputs and per-sample losses after the update).
 * A per-sample quantity of sample s ≥ 1 of the batch carries the suffix {@code @s}.
 *
 * @param kind   what the quantity is
 * @param layer  l (or −1)
 * @param row    j, the neuron (or −1)
 * @param col    i, the neuron of the layer below for weights (or −1)
 * @param sample index into the problem's samples (0 for the first)
 */
public record Quantity(Kind kind, int layer, int row, int col, int sample) {

    /** The kinds of quantity; {@link #contract()} says whether the contract defines its key. */
    public enum Kind {
        Z("z", 2, true), A("a", 2, true), LOSS("loss", 0, true), DELTA("delta", 2, true),
        DW("dW", 3, true), DB("db", 2, true), W("W", 3, true), B("b", 2, true), LOSS_AFTER("lossAfter", 0, true),
        TARGET("y", 1, false), W_OLD("Wold", 3, false), B_OLD("bold", 2, false), ALPHA("alpha", 0, false),
        LOSS_BEFORE("lossBefore", 0, false), A_AFTER("aAfter", 2, false), SAMPLE_LOSS_AFTER("lossAfter", 1, false);

        private final String name;
        private final int indices;
        private final boolean contract;

        Kind(String name, int indices, boolean contract) {
            this.name = name;
            this.indices = indices;
            this.contract = contract;
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
    }

    /** The kinds, once: {@code Kind.values()} copies the array on every call. */
    private static final Kind[] KINDS = Kind.values();
    /** The most digits an index or a sample number has in a key. */
    private static final int MAX_DIGITS = 6;

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

    /** The same quantity for sample s of the problem. */
    public Quantity ofSample(int s) {
        return new Quantity(kind, layer, row, col, s);
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
        if (i != n) {
            return Optional.empty();
        }
        for (Kind k : KINDS) {
            if (k.indices == count && k.name.length() == nameLength && key.startsWith(k.name)) {
                return Optional.of(switch (count) {
                    case 1 -> new Quantity(k, -1, idx[0], -1, sample);
                    case 2 -> new Quantity(k, idx[0], idx[1], -1, sample);
                    case 3 -> new Quantity(k, idx[0], idx[1], idx[2], sample);
                    default -> new Quantity(k, -1, -1, -1, sample);
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
