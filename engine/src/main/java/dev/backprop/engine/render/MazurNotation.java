package dev.backprop.engine.render;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.trace.Quantity;

/**
 * Matt Mazur's notation ("A Step by Step Backpropagation Example"), generalised to any shape.
 *
 * <p>Inputs are i1, i2 …; hidden neurons h1, h2 … (numbered on across hidden layers) and outputs
 * o1, o2 … as in the seed. A neuron's weighted input is net_h1, its output out_h1. Weights are
 * numbered w1, w2 … by the neuron they feed, then the neuron they come from, layer after layer,
 * so that in his 2-2-2 network w1 = i1→h1, w2 = i2→h1, w3 = i1→h2, w4 = i2→h2, w5 = h1→o1,
 * w6 = h2→o1, w7 = h1→o2, w8 = h2→o2: w_n is the contract's {@code layers[l].weights[j][i]} in
 * reading order. Mazur shares one bias per layer, b1 for the hidden layer and b2 for the outputs;
 * a layer whose biases are all equal and kept fixed is written so (b1), any other bias by its
 * neuron (b_h1, b_o2). The loss is E_total, the target target_o1, the learning rate η, and an
 * updated weight w5⁺.
 */
final class MazurNotation extends Notation {
    private final int[] firstWeight;
    private final boolean[] shared;

    MazurNotation(int[] sizes, boolean batch, boolean severalSamples, boolean[] shared) {
        super(Notation.Profile.MAZUR, sizes, batch, severalSamples);
        this.firstWeight = new int[sizes.length];
        this.shared = shared.clone();
        int w = 1;
        for (int l = 1; l < sizes.length; l++) {
            firstWeight[l] = w;
            w += sizes[l] * sizes[l - 1];
        }
    }

    /** For each layer, whether its biases are one shared bias as in Mazur's post: all equal and kept fixed. */
    static boolean[] shared(Network network, boolean updateBiases) {
        boolean[] shared = new boolean[network.depth()];
        for (int l = 1; l < shared.length; l++) {
            double[] b = network.layer(l).biases();
            boolean equal = true;
            for (double v : b) {
                equal &= Double.compare(v, b[0]) == 0;
            }
            shared[l] = !updateBiases && equal;
        }
        return shared;
    }

    @Override
    public String neuron(int l, int j) {
        return l == 0 ? "i" + (j + 1) : id(l, j);
    }

    /** The number n of w_n, the weight from neuron i of layer l − 1 into neuron j of layer l. */
    int weightNumber(int l, int j, int i) {
        return firstWeight[l] + j * size(l - 1) + i;
    }

    private Expr.Sym bias(int l, int j) {
        return Expr.sym("b", shared[l] ? Integer.toString(l) : neuron(l, j));
    }

    @Override
    Expr.Sym bare(Quantity q, boolean marked) {
        int l = q.layer();
        int j = q.row();
        String sampleSup = marked ? "(" + (q.sample() + 1) + ")" : "";
        return switch (q.kind()) {
            case Z -> Expr.sym("net", neuron(l, j)).withSup(sampleSup);
            case A -> Expr.sym(l == 0 ? "i" : "out", l == 0 ? Integer.toString(j + 1) : neuron(l, j)).withSup(sampleSup);
            case A_AFTER -> Expr.sym("out", neuron(l, j)).withSup("after");
            case DELTA -> Expr.sym("δ", neuron(l, j)).withSup(sampleSup);
            case W_OLD -> Expr.sym("w", Integer.toString(weightNumber(l, j, q.col())));
            case W -> Expr.sym("w", Integer.toString(weightNumber(l, j, q.col()))).withSup("+");
            case B_OLD -> bias(l, j);
            case B -> bias(l, j).withSup("+");
            case TARGET -> Expr.sym("target", neuron(depth() - 1, j)).withSup(sampleSup);
            case ALPHA -> Expr.sym("η", "");
            case LOSS -> Expr.sym("E", "total").withSup(severalSamples() ? "(" + (q.sample() + 1) + ")" : "");
            case LOSS_BEFORE -> Expr.sym("E", "total").withSup("before");
            case LOSS_AFTER -> Expr.sym("E", "total").withSup("after");
            case SAMPLE_LOSS_AFTER -> Expr.sym("E", "after").withSup("(" + (j + 1) + ")");
            case DW, DB -> throw gradient(q);
            default -> throw new IllegalArgumentException("named by Notation: " + q);
        };
    }

    /**
     * A shared bias b₂ enters every neuron of its layer, so ∂E_total/∂b₂ would be the sum over them;
     * the gradient of one neuron's bias is written by the neuron, ∂E_total/∂b_o1.
     */
    @Override
    Expr.Sym gradientParameter(Quantity gradient) {
        if (gradient.kind() == Quantity.Kind.DB && shared[gradient.layer()]) {
            Quantity b = Quantity.bOld(gradient.layer(), gradient.row());
            return new Expr.Sym("b", neuron(gradient.layer(), gradient.row()), "", describe(b));
        }
        return super.gradientParameter(gradient);
    }

    /** Mazur writes w₁ · i₁ + w₂ · i₂ + b₁ · 1. */
    @Override
    public boolean weightFirst() {
        return true;
    }

    @Override
    public boolean biasTimesOne() {
        return true;
    }

    /** Mazur's ∂out_h1/∂net_h1, whatever the activation. */
    @Override
    public Expr activationDerivative(Activation f, Expr.Sym z, Expr.Sym a) {
        Expr.Sym d = Expr.sym("∂", "");
        return Expr.frac(Expr.row(d, a), Expr.row(d, z));
    }

    @Override
    public Expr.Sym lossSymbol() {
        return Expr.sym("E", "total");
    }

    @Override
    public Expr.Sym outputSymbol(String k) {
        return Expr.sym("out", k);
    }

    @Override
    public Expr.Sym targetSymbol(String k) {
        return Expr.sym("target", k);
    }

    @Override
    public Expr.Sym layerSymbol(Quantity.Kind kind, int l) {
        // The layer in square brackets, as in Ng's courses: out^(2) is already sample 2's value.
        return l == 0 && kind == Quantity.Kind.A ? Expr.sym("i", "") : Expr.sym(name(kind), "").withSup("[" + l + "]");
    }

    @Override
    public Expr.Sym layerUpdated(Quantity.Kind kind, int l) {
        return Expr.sym(name(kind), "").withSup("[" + l + "]+");
    }

    @Override
    public Expr.Sym targetVector() {
        return Expr.sym("target", "");
    }

    @Override
    public String name(Quantity.Kind kind) {
        return switch (kind) {
            case Z -> "net";
            case A, A_AFTER -> "out";
            case DELTA -> "δ";
            case W, W_OLD -> "w";
            case B, B_OLD -> "b";
            case TARGET -> "target";
            case ALPHA -> "η";
            case LOSS, LOSS_BEFORE, LOSS_AFTER, SAMPLE_LOSS_AFTER -> "E_total";
            case DW -> "∂E_total/∂w";
            case DB -> "∂E_total/∂b";
            default -> optimizerName(kind);
        };
    }

    @Override
    public Prose explain() {
        int out = depth() - 1;
        Expr w = symbol(Quantity.wOld(out, 0, 0));
        Expr b = symbol(Quantity.bOld(out, 0));
        String bias = shared[out]
                ? " is the bias of every neuron of layer " + out + " (layers[" + out + "].biases, all equal and kept fixed, "
                + "as Mazur's are); a bias that is updated or differs is named by its neuron, and so is the gradient of "
                + "one neuron's bias (∂E_total/∂b_" + neuron(out, 0) + "). "
                : " is the bias of " + neuron(out, 0) + ", layers[" + out + "].biases[0]. ";
        return Prose.of("As in Mazur's post: i1, i2 … are the inputs, h… the hidden neurons (numbered on across hidden "
                        + "layers), o… the outputs; ", Expr.sym("net", ""), " is a neuron's total net input and ",
                Expr.sym("out", ""), " its output. The weights are numbered ", Expr.sym("w", "1"), ", ", Expr.sym("w", "2"),
                " … by the neuron they feed, then the neuron they come from, layer after layer: ", w,
                " runs from " + neuron(out - 1, 0) + " into " + neuron(out, 0) + " and is the contract's layers[" + out
                        + "].weights[0][0]. ", b, bias, lossSymbol(), " is the total error over the outputs, ",
                Expr.sym("η", ""), " the learning rate, ", Expr.sym("δ", ""), " = ∂E_total/∂net a neuron's error term, and ",
                Expr.sym("w", "").withSup("+"), " a weight after the update.");
    }
}
