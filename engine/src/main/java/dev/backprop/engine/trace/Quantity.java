package dev.backprop.engine.trace;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern KEY = Pattern.compile(
            "([A-Za-z]+)((?:\\[\\d{1,6}])*)(?:@(\\d{1,6}))?");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,6})]");

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
        StringBuilder sb = new StringBuilder(kind.name);
        int[] idx = switch (kind.indices) {
            case 1 -> new int[] {row};
            case 2 -> new int[] {layer, row};
            case 3 -> new int[] {layer, row, col};
            default -> new int[0];
        };
        for (int v : idx) {
            sb.append('[').append(v).append(']');
        }
        if (sample > 0) {
            sb.append('@').append(sample);
        }
        return sb.toString();
    }

    /** Parses a key such as {@code W[2][0][1]}; empty when it is not one. */
    public static Optional<Quantity> parse(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1);
        Matcher im = INDEX.matcher(m.group(2));
        int[] idx = new int[3];
        int n = 0;
        while (im.find()) {
            if (n == 3) {
                return Optional.empty();
            }
            idx[n++] = Integer.parseInt(im.group(1));
        }
        int sample = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        for (Kind k : Kind.values()) {
            if (k.name.equals(name) && k.indices == n) {
                return Optional.of(switch (n) {
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
