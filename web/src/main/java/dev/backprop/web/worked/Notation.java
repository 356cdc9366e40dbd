package dev.backprop.web.worked;

import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.web.math.Expr;
import java.util.regex.Pattern;

/**
 * The seed document's notation for a network of any shape, and how it maps onto the contract's
 * indices.
 *
 * <p>Neurons are named x1, x2 … (inputs), h1, h2 … (hidden neurons, numbered on across all hidden
 * layers) and o1, o2 … (outputs). They are also numbered 1, 2, 3 … in that order, inputs first.
 * The seed's W_ij is the weight from neuron number i into the neuron whose own label is j: in a
 * 2-2-1 network W31 runs from h1 (neuron 3) into o1 and is the contract's
 * {@code layers[2].weights[0][0]}. Biases B_k number the non-input neurons in order (B3 is o1's,
 * {@code layers[2].biases[0]}). Subscripts are separated by a comma once any index reaches 10.
 */
public final class Notation {
    private static final Pattern NEURON = Pattern.compile("[ho]\\d{1,6}");

    private final int[] sizes;
    private final int[] firstNumber;
    private final int[] firstHidden;
    private final boolean batch;
    private final boolean severalSamples;
    private final boolean wide;

    /** The notation for a problem's network, batch size and samples. */
    public Notation(Problem problem) {
        this(problem.network(), problem.effectiveBatchSize() > 1, problem.samples().size() > 1);
    }

    /** The notation for a network; {@code batch} marks per-sample quantities with the sample's number. */
    public Notation(Network network, boolean batch, boolean severalSamples) {
        int depth = network.depth();
        this.sizes = new int[depth];
        this.firstNumber = new int[depth];
        this.firstHidden = new int[depth];
        int number = 1;
        int hidden = 1;
        for (int l = 0; l < depth; l++) {
            sizes[l] = network.size(l);
            firstNumber[l] = number;
            firstHidden[l] = hidden;
            number += sizes[l];
            if (l > 0 && l < depth - 1) {
                hidden += sizes[l];
            }
        }
        this.batch = batch;
        this.severalSamples = severalSamples;
        this.wide = number - 1 >= 10;
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

    /** The letter naming layer l's neurons: x, h or o. */
    public String letter(int l) {
        return l == 0 ? "x" : isOutput(l) ? "o" : "h";
    }

    /** The number in neuron j's label (1 for h1), counting hidden neurons on across hidden layers. */
    public int labelNumber(int l, int j) {
        return l == 0 || isOutput(l) ? j + 1 : firstHidden[l] + j;
    }

    /** The neuron's name, e.g. {@code h1}. */
    public String neuron(int l, int j) {
        return letter(l) + labelNumber(l, j);
    }

    /** The neuron's place when all neurons are numbered 1, 2, 3 … inputs first. */
    public int number(int l, int j) {
        return firstNumber[l] + j;
    }

    /** The subscript of W_ij for the weight from neuron i of layer l − 1 into neuron j of layer l, e.g. {@code 31}. */
    public String weightIndex(int l, int j, int i) {
        return pair(number(l - 1, i), labelNumber(l, j));
    }

    /** The subscript of neuron j's bias B_k, e.g. {@code 3}. */
    public String biasIndex(int l, int j) {
        return Integer.toString(number(l, j) - sizes[0]);
    }

    private String pair(int a, int b) {
        return wide ? a + "," + b : a + "" + b;
    }

    /** Parses a neuron name such as {@code h3} or {@code o1} into {layer, index}; null when there is none. */
    public int[] parseNeuron(String name) {
        if (name == null || !NEURON.matcher(name).matches()) {
            return null;
        }
        int n = Integer.parseInt(name.substring(1));
        for (int l = 1; l < sizes.length; l++) {
            if (letter(l).charAt(0) == name.charAt(0)) {
                int j = n - labelNumber(l, 0);
                if (j >= 0 && j < sizes[l]) {
                    return new int[] {l, j};
                }
            }
        }
        return null;
    }

    /** The symbol for a quantity, with its description on hover (e.g. W_31 for {@code Wold[2][0][0]}). */
    public Expr.Sym symbol(Quantity q) {
        String title = describe(q);
        int l = q.layer();
        int j = q.row();
        String sampleSup = sampleSup(q);
        return switch (q.kind()) {
            case Z -> new Expr.Sym("Z", neuron(l, j), sampleSup, title);
            case A -> l == 0
                    ? new Expr.Sym("X", Integer.toString(j + 1), sampleSup, title)
                    : new Expr.Sym("A", neuron(l, j), sampleSup, title);
            case A_AFTER -> new Expr.Sym("A", neuron(l, j), "after", title);
            case DELTA -> new Expr.Sym("δ", neuron(l, j), sampleSup, title);
            case W_OLD -> new Expr.Sym("W", weightIndex(l, j, q.col()), "", title);
            case W -> new Expr.Sym("W", weightIndex(l, j, q.col()), "new", title);
            case B_OLD -> new Expr.Sym("B", biasIndex(l, j), "", title);
            case B -> new Expr.Sym("B", biasIndex(l, j), "new", title);
            case TARGET -> new Expr.Sym("Y", neuron(sizes.length - 1, j), sampleSup, title);
            case ALPHA -> new Expr.Sym("α", "", "", title);
            case LOSS -> new Expr.Sym("L", "", severalSamples ? "(" + (q.sample() + 1) + ")" : "", title);
            case LOSS_BEFORE -> new Expr.Sym("L", "before", "", title);
            case LOSS_AFTER -> new Expr.Sym("L", "after", "", title);
            case SAMPLE_LOSS_AFTER -> new Expr.Sym("L", "after", "(" + (j + 1) + ")", title);
            case DW, DB -> throw new IllegalArgumentException("gradients are written with derivative(), not symbol(): " + q);
        };
    }

    /** The symbol for any quantity: gradients as ∂L/∂W_31, everything else as {@link #symbol(Quantity)}. */
    public Expr expr(Quantity q) {
        return switch (q.kind()) {
            case DW -> derivative(symbol(new Quantity(Quantity.Kind.W_OLD, q.layer(), q.row(), q.col(), 0)), describe(q));
            case DB -> derivative(symbol(new Quantity(Quantity.Kind.B_OLD, q.layer(), q.row(), -1, 0)), describe(q));
            default -> symbol(q);
        };
    }

    /** ∂L/∂(something). */
    public static Expr derivative(Expr.Sym of, String title) {
        Expr.Sym wrt = new Expr.Sym(of.base(), of.sub(), of.sup(), title);
        return Expr.frac(Expr.row(new Expr.Sym("∂", "", "", ""), new Expr.Sym("L", "", "", title)),
                Expr.row(new Expr.Sym("∂", "", "", ""), wrt));
    }

    private String sampleSup(Quantity q) {
        return batch ? "(" + (q.sample() + 1) + ")" : "";
    }

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
            default -> "";
        };
    }

    /** A one-line description for hovering, e.g. "W31: weight from h1 into o1 before the update · layers[2].weights[0][0]". */
    public String describe(Quantity q) {
        int l = q.layer();
        int j = q.row();
        String sample = q.sample() > 0 || batch ? " of sample " + (q.sample() + 1) : "";
        String key = q.key();
        String path = path(q);
        String where = path.isEmpty() ? "key " + key : path + " · key " + key;
        return switch (q.kind()) {
            case Z -> "Z" + neuron(l, j) + ": weighted input of " + neuron(l, j) + sample + " · key " + key;
            case A -> l == 0
                    ? "X" + (j + 1) + ": input " + (j + 1) + sample + " · " + where
                    : "A" + neuron(l, j) + ": activation (output) of " + neuron(l, j) + sample + " · key " + key;
            case A_AFTER -> "A" + neuron(l, j) + " after the update · key " + key;
            case DELTA -> "δ" + neuron(l, j) + " = ∂L/∂Z" + neuron(l, j) + ": error term of " + neuron(l, j) + sample + " · key " + key;
            case DW -> "∂L/∂W" + weightIndex(l, j, q.col()) + ": gradient of the weight from " + neuron(l - 1, q.col())
                    + " into " + neuron(l, j) + " · key " + key;
            case DB -> "∂L/∂B" + biasIndex(l, j) + ": gradient of " + neuron(l, j) + "'s bias · key " + key;
            case W_OLD -> "W" + weightIndex(l, j, q.col()) + ": weight from " + neuron(l - 1, q.col()) + " into "
                    + neuron(l, j) + ", before the update · " + path;
            case W -> "W" + weightIndex(l, j, q.col()) + " after the update · key " + key;
            case B_OLD -> "B" + biasIndex(l, j) + ": bias of " + neuron(l, j) + ", before the update · " + path;
            case B -> "B" + biasIndex(l, j) + " after the update · key " + key;
            case TARGET -> "Y" + neuron(sizes.length - 1, j) + ": target for " + neuron(sizes.length - 1, j) + sample + " · " + path;
            case ALPHA -> "α: the learning rate · learningRate";
            case LOSS -> "L: the loss of sample " + (q.sample() + 1) + " · key " + key;
            case LOSS_BEFORE -> "the data-set loss before the update (mean over the samples)";
            case LOSS_AFTER -> "the data-set loss after the first update · key lossAfter";
            case SAMPLE_LOSS_AFTER -> "the loss of sample " + (j + 1) + " after the first update";
        };
    }
}
