package dev.backprop.engine.render;

import static dev.backprop.engine.render.Expr.c;
import static dev.backprop.engine.render.Expr.fn;
import static dev.backprop.engine.render.Expr.op;
import static dev.backprop.engine.render.Expr.row;
import static dev.backprop.engine.trace.Quantity.Kind.A;
import static dev.backprop.engine.trace.Quantity.Kind.B;
import static dev.backprop.engine.trace.Quantity.Kind.B_OLD;
import static dev.backprop.engine.trace.Quantity.Kind.DELTA;
import static dev.backprop.engine.trace.Quantity.Kind.W;
import static dev.backprop.engine.trace.Quantity.Kind.W_OLD;
import static dev.backprop.engine.trace.Quantity.Kind.Z;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.trace.LayerUpdate;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first update of a big network in matrix and vector form, layer by layer: Z = W·A + B,
 * A = f(Z), the error vectors, the gradient matrices and the updated parameters. Big matrices and
 * vectors are cut short (first rows and columns, the dots, the last) so a page stays small; one
 * neuron's full working is shown separately.
 */
public final class MatrixForm {
    /** The most rows or columns of a matrix written out before it is cut short. */
    public static final int SHOWN = 6;
    /** Matrix entries are written to at most this many significant figures (hover shows each exactly). */
    public static final int MATRIX_DIGITS = 4;

    /**
     * One equation of the matrix form.
     *
     * @param id    an HTML id
     * @param lhs   the left-hand side
     * @param lines the right-hand sides
     * @param notes remarks
     */
    public record Equation(String id, Expr lhs, List<Derivation.Line> lines, List<Prose> notes) {
        /** Copies the lists. */
        public Equation {
            lines = List.copyOf(lines);
            notes = List.copyOf(notes);
        }
    }

    /**
     * A layer's equations under a heading.
     *
     * @param id        an HTML id
     * @param title     the heading
     * @param equations the equations
     */
    public record Block(String id, String title, List<Equation> equations) {
        /** Copies the list. */
        public Block {
            equations = List.copyOf(equations);
        }
    }

    private MatrixForm() {
    }

    /** The forward pass, the backward pass and the update, one block per layer and pass. */
    public static List<Block> of(Worked w) {
        Problem p = w.problem();
        Notation n = w.notation();
        Network net = p.network();
        List<LayerUpdate> layers = w.solution().firstUpdate().layers();
        int depth = net.depth();
        boolean batch = p.effectiveBatchSize() > 1;
        String sampleNote = batch ? "Vectors are those of the batch's first sample; gradients are the batch means." : "";
        List<Block> blocks = new ArrayList<>();
        for (int l = 1; l < depth; l++) {
            Layer layer = net.layer(l);
            LayerUpdate u = layers.get(l);
            List<Equation> eqs = new ArrayList<>();
            eqs.add(new Equation("m-z-" + l, n.layerSymbol(Z, l), List.of(
                    line(row(n.layerSymbol(W_OLD, l), n.layerSymbol(A, l - 1), op("+"), n.layerSymbol(B_OLD, l))),
                    line(row(matrix(layer.weights()), column(layers.get(l - 1).a()), op("+"), column(layer.biases()))),
                    line(column(u.z()))), notes(sampleNote)));
            Expr f = layer.activation() == Activation.SOFTMAX ? fn("softmax", n.layerSymbol(Z, l))
                    : fn(fName(layer.activation()), n.layerSymbol(Z, l));
            eqs.add(new Equation("m-a-" + l, n.layerSymbol(A, l), List.of(line(f), line(column(u.a()))),
                    notes(layer.activation() == Activation.SOFTMAX ? "" : "Applied to each entry.")));
            blocks.add(new Block("m-forward-" + l, Outline.layerTitle(n, net, l) + ": forward", eqs));
        }
        for (int l = depth - 1; l >= 1; l--) {
            Layer layer = net.layer(l);
            LayerUpdate u = layers.get(l);
            List<Equation> eqs = new ArrayList<>();
            Expr derivative = fn(fName(layer.activation()) + "′", n.layerSymbol(Z, l));
            if (l == depth - 1) {
                Expr rule = p.loss().deltaIsOutputMinusTarget()
                        ? row(n.layerSymbol(A, l), op("−"), n.targetVector())
                        : row(n.derivative(n.layerSymbol(A, l), ""), op("⊙"), derivative);
                eqs.add(new Equation("m-delta-" + l, n.layerSymbol(DELTA, l), List.of(line(rule), line(column(u.delta()))), List.of()));
            } else {
                eqs.add(new Equation("m-delta-" + l, n.layerSymbol(DELTA, l), List.of(
                        line(row(Expr.paren(row(n.transposed(W_OLD, l + 1), n.layerSymbol(DELTA, l + 1))), op("⊙"), derivative)),
                        line(column(u.delta()))),
                        notes(n.name(W_OLD) + "ᵀ is the transposed weight matrix of layer " + (l + 1)
                                + ", before the update; ⊙ multiplies entry by entry.")));
            }
            Expr gradientW = n.derivative(n.layerSymbol(W_OLD, l), "");
            Expr gradientB = n.derivative(n.layerSymbol(B_OLD, l), "");
            Expr.Sym alpha = n.symbol(Quantity.alpha());
            Expr.Sym bare = new Expr.Sym(alpha.base(), alpha.sub(), alpha.sup(), "");
            eqs.add(new Equation("m-dw-" + l, gradientW, List.of(
                    line(row(n.layerSymbol(DELTA, l), n.transposed(A, l - 1))), line(matrix(u.weightGradients()))), notes(sampleNote)));
            eqs.add(new Equation("m-db-" + l, gradientB, List.of(
                    line(n.layerSymbol(DELTA, l)), line(column(u.biasGradients()))), List.of()));
            Expr stepW = gradientW;
            Expr stepB = gradientB;
            if (!p.optimizer().plain()) {
                Map<String, Double> values = new HashMap<>();
                for (Step st : w.solution().firstUpdate().steps()) {
                    if (st.quantity().update() == 1) {
                        values.putIfAbsent(st.quantity().key(), st.value());
                    }
                }
                stepW = state(eqs, p.optimizer(), n, l, false, gradientW, layer.size(), layer.inputs(), values);
                if (p.updateBiases()) {
                    stepB = state(eqs, p.optimizer(), n, l, true, gradientB, layer.size(), layer.inputs(), values);
                }
            }
            eqs.add(new Equation("m-w-" + l, n.layerUpdated(W, l), List.of(
                    line(row(n.layerSymbol(W_OLD, l), op("−"), bare, stepW)),
                    line(matrix(u.weights()))), notes(p.optimizer().plain() ? "" : "Entry by entry.")));
            eqs.add(new Equation("m-b-" + l, n.layerUpdated(B, l), List.of(
                    line(p.updateBiases() ? row(n.layerSymbol(B_OLD, l), op("−"), bare, stepB) : n.layerSymbol(B_OLD, l)),
                    line(column(u.biases()))), notes(p.updateBiases() ? "" : "Biases are kept fixed.")));
            blocks.add(new Block("m-backward-" + l, Outline.layerTitle(n, net, l) + ": backward and update", eqs));
        }
        return blocks;
    }

    /**
     * The optimizer's state of a layer's weights (or biases) in the first update, one equation per
     * value kept, entry by entry, and what the update subtracts α times: the buffer, g over the root
     * of its average, or m̂ over the root of v̂ plus ε.
     */
    private static Expr state(List<Equation> eqs, Optimizer o, Notation n, int l, boolean bias, Expr gradient,
                              int rows, int cols, Map<String, Double> values) {
        String sup = n.layerSymbol(W_OLD, l).sup();
        String sub = bias ? "b" : "W";
        String id = "m-" + (bias ? "b" : "w") + "-";
        java.util.function.Function<Quantity.State, Expr.Sym> sym = st ->
                new Expr.Sym(Notation.optimizerName(Quantity.Kind.of(st, bias)), sub, sup, "");
        Expr g = gradient;
        Expr theta = n.layerSymbol(bias ? B_OLD : W_OLD, l);
        if (o.decays()) {
            Expr.Sym gs = sym.apply(Quantity.State.DECAYED);
            eqs.add(stateEquation(eqs, id + "g-" + l, gs, row(gradient, op("+"), Expr.sym("λ", ""), theta),
                    Quantity.State.DECAYED, bias, l, rows, cols, values));
            g = gs;
        }
        Expr eps = Expr.sym("ε", "");
        switch (o.kind()) {
            case SGD -> {
                return g;
            }
            case MOMENTUM, NESTEROV -> {
                Expr.Sym v = sym.apply(Quantity.State.MOMENTUM);
                eqs.add(stateEquation(eqs, id + "mom-" + l, v, g, Quantity.State.MOMENTUM, bias, l, rows, cols, values));
                return o.kind() == Optimizer.Kind.MOMENTUM ? v : Expr.paren(row(g, op("+"), Expr.sym("μ", ""), v));
            }
            case RMSPROP -> {
                Expr.Sym sq = sym.apply(Quantity.State.SQUARE_AVERAGE);
                Expr rho = Expr.sym("ρ", "");
                eqs.add(stateEquation(eqs, id + "sq-" + l, sq, row(Expr.paren(row(c("1"), op("−"), rho)), Expr.pow(g, c("2"))),
                        Quantity.State.SQUARE_AVERAGE, bias, l, rows, cols, values));
                return Expr.frac(g, row(Expr.sqrt(sq), op("+"), eps));
            }
            case ADAM -> {
                Expr b1 = Expr.sym("β", "1");
                Expr b2 = Expr.sym("β", "2");
                Expr.Sym m = sym.apply(Quantity.State.FIRST_MOMENT);
                Expr.Sym v = sym.apply(Quantity.State.SECOND_MOMENT);
                Expr.Sym mh = sym.apply(Quantity.State.FIRST_CORRECTED);
                Expr.Sym vh = sym.apply(Quantity.State.SECOND_CORRECTED);
                eqs.add(stateEquation(eqs, id + "m-" + l, m, row(Expr.paren(row(c("1"), op("−"), b1)), g),
                        Quantity.State.FIRST_MOMENT, bias, l, rows, cols, values));
                eqs.add(stateEquation(eqs, id + "v-" + l, v, row(Expr.paren(row(c("1"), op("−"), b2)), Expr.pow(g, c("2"))),
                        Quantity.State.SECOND_MOMENT, bias, l, rows, cols, values));
                eqs.add(stateEquation(eqs, id + "mhat-" + l, mh, Expr.frac(m, row(c("1"), op("−"), b1)),
                        Quantity.State.FIRST_CORRECTED, bias, l, rows, cols, values));
                eqs.add(stateEquation(eqs, id + "vhat-" + l, vh, Expr.frac(v, row(c("1"), op("−"), b2)),
                        Quantity.State.SECOND_CORRECTED, bias, l, rows, cols, values));
                return Expr.frac(mh, row(Expr.sqrt(vh), op("+"), eps));
            }
            default -> throw new IllegalStateException(o.kind().toString());
        }
    }

    /** One state's equation: its rule in the first update (the state before being 0), entry by entry, then its values. */
    private static Equation stateEquation(List<Equation> eqs, String id, Expr lhs, Expr rule, Quantity.State st, boolean bias,
                                          int l, int rows, int cols, Map<String, Double> values) {
        Expr value;
        if (bias) {
            double[] v = new double[rows];
            for (int j = 0; j < rows; j++) {
                v[j] = values.getOrDefault(Quantity.biasState(st, l, j).key(), Double.NaN);
            }
            value = column(v);
        } else {
            double[][] m = new double[rows][cols];
            for (int j = 0; j < rows; j++) {
                for (int i = 0; i < cols; i++) {
                    m[j][i] = values.getOrDefault(Quantity.weightState(st, l, j, i).key(), Double.NaN);
                }
            }
            value = matrix(m);
        }
        // said once per layer, at its weights' first equation of state
        boolean first = !bias && eqs.stream().noneMatch(e -> e.id().startsWith("m-w-") || e.id().startsWith("m-b-"));
        return new Equation(id, lhs, List.of(line(rule), line(value)),
                notes(first ? "Entry by entry, in the first update (where the state before it is 0)." : ""));
    }

    private static List<Prose> notes(String text) {
        return text.isEmpty() ? List.of() : List.of(Prose.of(text));
    }

    private static Derivation.Line line(Expr e) {
        return new Derivation.Line("=", e);
    }

    private static String fName(Activation f) {
        return switch (f) {
            case SIGMOID -> "σ";
            case TANH -> "tanh";
            case RELU -> "ReLU";
            case LINEAR -> "id";
            case SOFTMAX -> "softmax";
        };
    }

    /** A matrix, cut short past {@link #SHOWN} rows or columns. */
    public static Expr matrix(double[][] m) {
        List<Integer> rows = cut(m.length);
        List<Integer> cols = cut(m.length == 0 ? 0 : m[0].length);
        List<List<Expr>> out = new ArrayList<>();
        for (int r : rows) {
            List<Expr> line = new ArrayList<>();
            for (int k : cols) {
                if (r < 0 && k < 0) {
                    line.add(c("⋱"));
                } else if (r < 0) {
                    line.add(c("⋮"));
                } else if (k < 0) {
                    line.add(c("⋯"));
                } else {
                    line.add(Expr.num(m[r][k], MATRIX_DIGITS));
                }
            }
            out.add(line);
        }
        return new Expr.Matrix(out);
    }

    /** A column vector, cut short past {@link #SHOWN} entries. */
    public static Expr column(double[] v) {
        List<List<Expr>> out = new ArrayList<>();
        for (int r : cut(v.length)) {
            out.add(List.of(r < 0 ? c("⋮") : Expr.num(v[r])));
        }
        return new Expr.Matrix(out);
    }

    /** Indices to show, −1 for the dots. */
    static List<Integer> cut(int n) {
        return cut(n, SHOWN);
    }

    /**
     * Which of {@code n} items to show when at most {@code most} fit: all of them, or the first
     * {@code most − 2}, then −1 where the "⋮" goes, then the last (so 0, 1, 2, 3, −1, 99 of 100).
     */
    public static List<Integer> cut(int n, int most) {
        List<Integer> out = new ArrayList<>();
        if (n <= most) {
            for (int k = 0; k < n; k++) {
                out.add(k);
            }
        } else {
            for (int k = 0; k < most - 2; k++) {
                out.add(k);
            }
            out.add(-1);
            out.add(n - 1);
        }
        return out;
    }
}
