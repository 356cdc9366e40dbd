package dev.backprop.engine.render;

import dev.backprop.engine.trace.Quantity;

/**
 * The seed document's notation for a network of any shape.
 *
 * <p>Neurons are named x1, x2 … (inputs), h1, h2 … (hidden neurons, numbered on across all hidden
 * layers) and o1, o2 … (outputs). They are also numbered 1, 2, 3 … in that order, inputs first.
 * The seed's W_ij is the weight from neuron number i into the neuron whose own label is j: in a
 * 2-2-1 network W31 runs from h1 (neuron 3) into o1 and is the contract's
 * {@code layers[2].weights[0][0]}. Biases B_k number the non-input neurons in order (B3 is o1's,
 * {@code layers[2].biases[0]}). Subscripts are separated by a comma once any index reaches 10.
 */
final class SeedNotation extends Notation {
    private final boolean wide;
    private final int inputs;

    SeedNotation(int[] sizes, boolean batch, boolean severalSamples) {
        super(Notation.Profile.SEED, sizes, batch, severalSamples);
        int out = sizes.length - 1;
        this.wide = number(out, sizes[out] - 1) >= 10;
        this.inputs = sizes[0];
    }

    @Override
    public String neuron(int l, int j) {
        return id(l, j);
    }

    /** The subscript of W_ij for the weight from neuron i of layer l − 1 into neuron j of layer l, e.g. {@code 31}. */
    String weightIndex(int l, int j, int i) {
        int from = number(l - 1, i);
        int to = labelNumber(l, j);
        return wide ? from + "," + to : from + "" + to;
    }

    /** The subscript of neuron j's bias B_k, e.g. {@code 3}. */
    String biasIndex(int l, int j) {
        return Integer.toString(number(l, j) - inputs);
    }

    @Override
    Expr.Sym bare(Quantity q, boolean marked) {
        int l = q.layer();
        int j = q.row();
        String sampleSup = marked ? "(" + (q.sample() + 1) + ")" : "";
        return switch (q.kind()) {
            case Z -> Expr.sym("Z", neuron(l, j)).withSup(sampleSup);
            case A -> l == 0
                    ? Expr.sym("X", Integer.toString(j + 1)).withSup(sampleSup)
                    : Expr.sym("A", neuron(l, j)).withSup(sampleSup);
            case A_AFTER -> Expr.sym("A", neuron(l, j)).withSup("after");
            case DELTA -> Expr.sym("δ", neuron(l, j)).withSup(sampleSup);
            case W_OLD -> Expr.sym("W", weightIndex(l, j, q.col()));
            case W -> Expr.sym("W", weightIndex(l, j, q.col())).withSup("new");
            case B_OLD -> Expr.sym("B", biasIndex(l, j));
            case B -> Expr.sym("B", biasIndex(l, j)).withSup("new");
            case TARGET -> Expr.sym("Y", neuron(depth() - 1, j)).withSup(sampleSup);
            case ALPHA -> Expr.sym("α", "");
            case LOSS -> Expr.sym("L", "").withSup(severalSamples() ? "(" + (q.sample() + 1) + ")" : "");
            case LOSS_BEFORE -> Expr.sym("L", "before");
            case LOSS_AFTER -> Expr.sym("L", "after");
            case SAMPLE_LOSS_AFTER -> Expr.sym("L", "after").withSup("(" + (j + 1) + ")");
            case DW, DB -> throw gradient(q);
            default -> throw new IllegalArgumentException("named by Notation: " + q);
        };
    }

    /** The seed's descriptions name symbols by their letters and subscripts run together: W31, Zh1. */
    @Override
    String flat(Expr.Sym s) {
        return s.base() + s.sub();
    }

    @Override
    public Expr.Sym before(Quantity old) {
        // before training: W31^old; in a later update the parameter as the update before left it
        boolean initial = old.kind() == Quantity.Kind.W_OLD || old.kind() == Quantity.Kind.B_OLD;
        return initial ? symbol(old).withSup("old") : symbol(old);
    }

    @Override
    public Expr.Sym lossSymbol() {
        return Expr.sym("L", "");
    }

    @Override
    public Expr.Sym outputSymbol(String k) {
        return Expr.sym("A", k);
    }

    @Override
    public Expr.Sym targetSymbol(String k) {
        return Expr.sym("Y", k);
    }

    @Override
    public Expr.Sym layerSymbol(Quantity.Kind kind, int l) {
        // The layer in square brackets, as in Ng's courses: A^(2) is already sample 2's value.
        return l == 0 && kind == Quantity.Kind.A ? Expr.sym("X", "") : Expr.sym(name(kind), "").withSup("[" + l + "]");
    }

    @Override
    public Expr.Sym layerUpdated(Quantity.Kind kind, int l) {
        return Expr.sym(name(kind), "new").withSup("[" + l + "]");
    }

    @Override
    public Expr.Sym targetVector() {
        return Expr.sym("Y", "");
    }

    @Override
    public String name(Quantity.Kind kind) {
        return switch (kind) {
            case Z -> "Z";
            case A, A_AFTER -> "A";
            case DELTA -> "δ";
            case W, W_OLD -> "W";
            case B, B_OLD -> "B";
            case TARGET -> "Y";
            case ALPHA -> "α";
            case LOSS, LOSS_BEFORE, LOSS_AFTER, SAMPLE_LOSS_AFTER -> "L";
            case DW -> "∂L/∂W";
            case DB -> "∂L/∂B";
            default -> optimizerName(kind);
        };
    }

    @Override
    public Prose explain() {
        int out = depth() - 1;
        Expr w = symbol(Quantity.wOld(out, 0, 0));
        Expr b = symbol(Quantity.bOld(out, 0));
        return Prose.of("x… are the inputs, h… the hidden neurons (numbered on across hidden layers), o… the outputs; "
                        + "they are also numbered 1, 2, 3 … in that order. ",
                Expr.sym("W", "ij"), " is the weight from neuron number i into neuron j (j as in its label): ",
                w, " runs from " + neuron(out - 1, 0) + " (neuron " + number(out - 1, 0) + ") into " + neuron(out, 0)
                        + " and is the contract's layers[" + out + "].weights[0][0] — in general layers[l].weights[j][i] "
                        + "for neuron i of layer l − 1 and neuron j of layer l. ",
                Expr.sym("B", "k"), " is the bias of the k-th non-input neuron: ", b, " is layers[" + out
                        + "].biases[0]. ",
                Expr.sym("Z", ""), " is a neuron's weighted input, ", Expr.sym("A", ""),
                " its activation, ", Expr.sym("δ", ""), " = ∂L/∂Z its error term.");
    }
}
