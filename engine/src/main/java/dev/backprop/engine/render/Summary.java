package dev.backprop.engine.render;

import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.trace.LayerUpdate;
import dev.backprop.engine.trace.Quantity;
import java.util.ArrayList;
import java.util.List;

/**
 * Every parameter of the network in one table: its symbol, its place in the contract, its value
 * before the first update, its gradient and its value after; and the same parameters' values
 * after the first few epochs and the last.
 */
public final class Summary {
    /**
     * One parameter's row.
     *
     * @param symbol   W_31 or B_3
     * @param path     its contract path, e.g. {@code layers[2].weights[0][0]}
     * @param where    "h1 → o1", or "o1" for a bias
     * @param update   the key of the step that updates it, e.g. {@code W[2][0][0]}
     * @param old      before the first update
     * @param gradient ∂L/∂θ of the first update
     * @param updated  after the first update
     */
    public record Row(Expr.Sym symbol, String path, String where, String update, double old, double gradient, double updated) {
    }

    /**
     * A parameter's values at each snapshot.
     *
     * @param symbol W_31 or B_3
     * @param path   its contract path
     * @param values one per snapshot
     */
    public record History(Expr.Sym symbol, String path, double[] values) {
    }

    private Summary() {
    }

    /** The number of parameters (weights and biases) of the network. */
    public static int count(Worked w) {
        return w.problem().network().parameterCount();
    }

    /** The first {@code limit} parameters' rows: each layer's weights, then its biases. */
    public static List<Row> rows(Worked w, int limit) {
        Notation n = w.notation();
        Network net = w.problem().network();
        List<LayerUpdate> after = w.solution().firstUpdate().layers();
        List<Row> rows = new ArrayList<>();
        for (int l = 1; l < net.depth() && rows.size() < limit; l++) {
            Layer layer = net.layer(l);
            LayerUpdate u = after.get(l);
            double[][] g = u.weightGradients();
            double[][] nw = u.weights();
            for (int j = 0; j < layer.size() && rows.size() < limit; j++) {
                for (int i = 0; i < layer.inputs() && rows.size() < limit; i++) {
                    Quantity q = Quantity.wOld(l, j, i);
                    rows.add(new Row(n.symbol(q), n.path(q), n.neuron(l - 1, i) + " → " + n.neuron(l, j),
                            Quantity.w(l, j, i).key(), layer.weight(j, i), g[j][i], nw[j][i]));
                }
            }
            double[] gb = u.biasGradients();
            double[] nb = u.biases();
            for (int j = 0; j < layer.size() && rows.size() < limit; j++) {
                Quantity q = Quantity.bOld(l, j);
                rows.add(new Row(n.symbol(q), n.path(q), n.neuron(l, j), Quantity.b(l, j).key(), layer.bias(j), gb[j], nb[j]));
            }
        }
        return rows;
    }

    /** The first {@code limit} parameters' values at each of the worked solution's snapshots. */
    public static List<History> history(Worked w, int limit) {
        Notation n = w.notation();
        Network net = w.problem().network();
        List<Worked.Snapshot> snaps = w.snapshots();
        List<History> out = new ArrayList<>();
        for (int l = 1; l < net.depth() && out.size() < limit; l++) {
            Layer layer = net.layer(l);
            for (int j = 0; j < layer.size() && out.size() < limit; j++) {
                for (int i = 0; i < layer.inputs() && out.size() < limit; i++) {
                    double[] v = new double[snaps.size()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = snaps.get(k).network().layer(l).weight(j, i);
                    }
                    Quantity q = Quantity.wOld(l, j, i);
                    out.add(new History(n.symbol(q), n.path(q), v));
                }
            }
            for (int j = 0; j < layer.size() && out.size() < limit; j++) {
                double[] v = new double[snaps.size()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = snaps.get(k).network().layer(l).bias(j);
                }
                Quantity q = Quantity.bOld(l, j);
                out.add(new History(n.symbol(q), n.path(q), v));
            }
        }
        return out;
    }
}
