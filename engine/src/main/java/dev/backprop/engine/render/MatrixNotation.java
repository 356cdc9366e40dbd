package dev.backprop.engine.render;

import dev.backprop.engine.trace.Quantity;

/**
 * The matrix textbook form (the notation of Nielsen's "Neural Networks and Deep Learning"), with
 * layer superscripts in parentheses and indices counting from 1: W⁽ˡ⁾_jk is the weight from
 * neuron k of layer l − 1 into neuron j of layer l (the contract's
 * {@code layers[l].weights[j−1][k−1]}), b⁽ˡ⁾_j neuron j's bias, z⁽ˡ⁾_j its weighted input,
 * a⁽ˡ⁾_j its activation, δ⁽ˡ⁾_j = ∂C/∂z⁽ˡ⁾_j its error term; x_k are the inputs, y_j the targets,
 * C the cost and η the learning rate. A prime marks a value after the update (W⁽ˡ⁾′_jk, C′).
 * Within a batch, a per-sample quantity's subscript names its sample: z⁽¹⁾_1,x2.
 */
final class MatrixNotation extends Notation {
    private final boolean wide;

    MatrixNotation(int[] sizes, boolean batch, boolean severalSamples) {
        super(Notation.Profile.MATRIX, sizes, batch, severalSamples);
        boolean w = false;
        for (int size : sizes) {
            w |= size >= 10;
        }
        this.wide = w;
    }

    @Override
    public String neuron(int l, int j) {
        return Unicode.symbol(l == 0 ? Expr.sym("x", Integer.toString(j + 1)) : activation(l, Integer.toString(j + 1)));
    }

    private static Expr.Sym activation(int l, String index) {
        return Expr.sym("a", index).withSup("(" + l + ")");
    }

    @Override
    Expr.Sym bare(Quantity q, boolean marked) {
        int l = q.layer();
        String j = Integer.toString(q.row() + 1);
        String s = marked ? j + ",x" + (q.sample() + 1) : j;
        String layer = "(" + l + ")";
        return switch (q.kind()) {
            case Z -> Expr.sym("z", s).withSup(layer);
            case A -> l == 0 ? Expr.sym("x", s) : Expr.sym("a", s).withSup(layer);
            case A_AFTER -> Expr.sym("a", j).withSup(layer + "′");
            case DELTA -> Expr.sym("δ", s).withSup(layer);
            case W_OLD -> Expr.sym("W", pair(j, q.col() + 1)).withSup(layer);
            case W -> Expr.sym("W", pair(j, q.col() + 1)).withSup(layer + "′");
            case B_OLD -> Expr.sym("b", j).withSup(layer);
            case B -> Expr.sym("b", j).withSup(layer + "′");
            case TARGET -> Expr.sym("y", s);
            case ALPHA -> Expr.sym("η", "");
            case LOSS -> Expr.sym("C", severalSamples() ? "x" + (q.sample() + 1) : "");
            case LOSS_BEFORE -> Expr.sym("C", "");
            case LOSS_AFTER -> Expr.sym("C", "").withSup("′");
            case SAMPLE_LOSS_AFTER -> Expr.sym("C", "x" + (q.row() + 1)).withSup("′");
            case DW, DB -> throw gradient(q);
            default -> throw new IllegalArgumentException("named by Notation: " + q);
        };
    }

    private String pair(String j, int k) {
        return wide ? j + "," + k : j + k;
    }

    /** The textbooks write z = Σ W_jk a_k + b_j, the weight first. */
    @Override
    public boolean weightFirst() {
        return true;
    }

    @Override
    public Expr.Sym lossSymbol() {
        return Expr.sym("C", "");
    }

    @Override
    public Expr.Sym outputSymbol(String k) {
        return activation(depth() - 1, k);
    }

    @Override
    public Expr.Sym targetSymbol(String k) {
        return Expr.sym("y", k);
    }

    @Override
    public Expr.Sym layerSymbol(Quantity.Kind kind, int l) {
        return l == 0 && kind == Quantity.Kind.A ? Expr.sym("x", "") : Expr.sym(name(kind), "").withSup("(" + l + ")");
    }

    @Override
    public Expr.Sym layerUpdated(Quantity.Kind kind, int l) {
        return Expr.sym(name(kind), "").withSup("(" + l + ")′");
    }

    @Override
    public Expr.Sym targetVector() {
        return Expr.sym("y", "");
    }

    @Override
    public String name(Quantity.Kind kind) {
        return switch (kind) {
            case Z -> "z";
            case A, A_AFTER -> "a";
            case DELTA -> "δ";
            case W, W_OLD -> "W";
            case B, B_OLD -> "b";
            case TARGET -> "y";
            case ALPHA -> "η";
            case LOSS, LOSS_BEFORE, LOSS_AFTER, SAMPLE_LOSS_AFTER -> "C";
            case DW -> "∂C/∂W";
            case DB -> "∂C/∂b";
            default -> optimizerName(kind);
        };
    }

    @Override
    public Prose explain() {
        int out = depth() - 1;
        return Prose.of(Expr.sym("x", "k"), " are the inputs; ", Expr.sym("z", "j").withSup("(l)"),
                " is the weighted input and ", Expr.sym("a", "j").withSup("(l)"), " the activation of neuron j of layer l "
                        + "(layer 0 is the input, so a⁽⁰⁾ = x); indices count from 1. ",
                Expr.sym("W", "jk").withSup("(l)"), " is the weight from neuron k of layer l − 1 into neuron j of layer l: ",
                symbol(Quantity.wOld(out, 0, 0)), " is the contract's layers[" + out + "].weights[0][0], and in general "
                        + "layers[l].weights[j − 1][k − 1]. ",
                Expr.sym("b", "j").withSup("(l)"), " is neuron j's bias (layers[l].biases[j − 1]), ",
                Expr.sym("δ", "j").withSup("(l)"), " = ∂C/∂z its error term, ", lossSymbol(), " the cost (the loss), ",
                Expr.sym("y", "j"), " the target and ", Expr.sym("η", ""), " the learning rate; a prime marks a value "
                        + "after the update.");
    }
}
