package dev.backprop.web.view;

import static dev.backprop.web.math.El.el;

import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.render.Conventions;
import dev.backprop.engine.render.Expr;
import dev.backprop.engine.render.MatrixForm;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.web.math.El;
import java.util.List;

/**
 * The network drawn as inline SVG: neurons named as in the seed (x1, h1, o1), each weight and bias
 * labelled with its symbol and value, the inputs' values and the targets alongside. Big layers are
 * drawn cut short (a few neurons, a "⋮", the last), and labels are left to hover titles when there
 * are too many edges to label legibly. Styling is by class, from the static stylesheet.
 *
 * <pre>{@code
 * El svg = Diagram.draw(network, previous, notation, style, "Before the update", inputs, targets);
 * }</pre>
 */
public final class Diagram {
    /** The most edges that are labelled with their weights. */
    static final int MAX_LABELLED_EDGES = 24;
    /** The most neurons drawn in one layer. */
    static final int MAX_DRAWN = 6;

    /** The width the drawing aims for; columns are spaced to fill it. */
    static final int TARGET_WIDTH = 950;
    /** The most significant figures written on the drawing (hover shows the value to the page's precision). */
    static final int LABEL_DIGITS = 7;

    /** Significant figures for labels that fit between columns this far apart: fewer when columns are close. */
    static int labelDigits(int column) {
        return column >= 280 ? LABEL_DIGITS : column >= 220 ? 5 : 4;
    }

    private static final int ROW = 100;
    private static final int RADIUS = 22;
    private static final int MARGIN_X = 78;
    private static final int MARGIN_TOP = 44;
    private static final int MARGIN_BOTTOM = 40;

    private Diagram() {
    }

    /**
     * Draws a network.
     *
     * @param net      the weights and biases to show
     * @param previous the network before, to mark changed values; null for none
     * @param n        the notation
     * @param style    how numbers are written
     * @param caption  the figure's title, e.g. "Before the update"
     * @param inputs   the first sample's input, written by the input neurons (null for none)
     * @param targets  its target, written by the outputs (null for none)
     */
    public static El draw(Network net, Network previous, Notation n, NumberStyle style, String caption,
                          double[] inputs, double[] targets) {
        int depth = net.depth();
        int edges = 0;
        int tallest = 0;
        for (int l = 0; l < depth; l++) {
            tallest = Math.max(tallest, drawn(net.size(l)).size());
            if (l > 0) {
                edges += drawn(net.size(l)).size() * drawn(net.size(l - 1)).size();
            }
        }
        boolean labelled = edges <= MAX_LABELLED_EDGES && tallest == Math.max(1, maxSize(net));
        int column = Math.max(110, Math.min(300, (TARGET_WIDTH - 2 * MARGIN_X - 40) / Math.max(1, depth - 1)));
        int width = 2 * MARGIN_X + (depth - 1) * column + 40;
        NumberStyle brief = new NumberStyle(Math.min(style.digits(), labelDigits(column)));
        int height = MARGIN_TOP + MARGIN_BOTTOM + tallest * ROW;
        El svg = el("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("viewBox", "0 0 " + width + " " + height)
                .attr("width", width).attr("height", height).attr("role", "img").withClass("network")
                .attr("aria-label", caption);
        svg.with(el("title").withText(caption + ": the network " + Conventions.shape(net)));
        svg.with(el("text").withClass("caption").attr("x", 8).attr("y", 20).withText(caption));

        double[][] ys = new double[depth][];
        for (int l = 0; l < depth; l++) {
            List<Integer> shown = drawn(net.size(l));
            ys[l] = new double[shown.size()];
            double top = MARGIN_TOP + (tallest - shown.size()) * ROW / 2.0 + ROW / 2.0;
            for (int k = 0; k < shown.size(); k++) {
                ys[l][k] = top + k * ROW;
            }
        }
        El edgesGroup = el("g").withClass("edges");
        El labels = el("g").withClass("labels");
        for (int l = 1; l < depth; l++) {
            Layer layer = net.layer(l);
            List<Integer> to = drawn(net.size(l));
            List<Integer> from = drawn(net.size(l - 1));
            double x0 = x(l - 1, column) + RADIUS;
            double x1 = x(l, column) - RADIUS;
            for (int a = 0; a < to.size(); a++) {
                int j = to.get(a);
                for (int b = 0; b < from.size(); b++) {
                    int i = from.get(b);
                    if (j < 0 || i < 0) {
                        continue;
                    }
                    double w = layer.weight(j, i);
                    boolean changed = previous != null && previous.layer(l).weight(j, i) != w;
                    Expr.Sym symbol = n.unmarked(Quantity.wOld(l, j, i));
                    String name = symbol.base() + symbol.sub() + symbol.sup();
                    String tip = name + " = " + style.text(w) + " (from " + n.neuron(l - 1, i) + " into " + n.neuron(l, j)
                            + "; layers[" + l + "].weights[" + j + "][" + i + "])";
                    edgesGroup.with(el("line").withClass(changed ? "edge changed" : "edge")
                            .attr("x1", fmt(x0)).attr("y1", fmt(ys[l - 1][b])).attr("x2", fmt(x1)).attr("y2", fmt(ys[l][a]))
                            .with(el("title").withText(tip)));
                    if (labelled) {
                        // Labels sit near the source, where edges from one neuron fan apart: at t = 1/(n+1) of the
                        // way to n targets, labels of edges from neighbouring sources stay a row/(n+1) apart.
                        double t = from.size() > 1 && to.size() > 1 ? 1.0 / (to.size() + 1) : 0.45;
                        double lx = x0 + t * (x1 - x0);
                        double ly = ys[l - 1][b] + t * (ys[l][a] - ys[l - 1][b]);
                        labels.with(label(lx, ly - 4, symbol, brief.text(w), changed, tip));
                    }
                }
            }
        }
        svg.with(edgesGroup, labels);

        El neurons = el("g").withClass("neurons");
        for (int l = 0; l < depth; l++) {
            List<Integer> shown = drawn(net.size(l));
            for (int k = 0; k < shown.size(); k++) {
                int j = shown.get(k);
                double cx = x(l, column);
                double cy = ys[l][k];
                if (j < 0) {
                    neurons.with(el("text").withClass("ellipsis").attr("x", fmt(cx)).attr("y", fmt(cy + 8))
                            .attr("text-anchor", "middle").withText("⋮"));
                    continue;
                }
                String kind = l == 0 ? "input" : n.isOutput(l) ? "output" : "hidden";
                El g = el("g").withClass("neuron " + kind);
                g.with(el("circle").attr("cx", fmt(cx)).attr("cy", fmt(cy)).attr("r", RADIUS)
                        .with(el("title").withText(neuronTitle(net, n, l, j))));
                g.with(el("text").withClass("name").attr("x", fmt(cx)).attr("y", fmt(cy + 5)).attr("text-anchor", "middle")
                        .withText(n.neuron(l, j)));
                if (l > 0 && labelled) {
                    double bias = net.layer(l).bias(j);
                    boolean changed = previous != null && previous.layer(l).bias(j) != bias;
                    Expr.Sym symbol = n.unmarked(Quantity.bOld(l, j));
                    String tip = symbol.base() + symbol.sub() + symbol.sup() + " = " + style.text(bias) + " (bias of " + n.neuron(l, j)
                            + "; layers[" + l + "].biases[" + j + "])";
                    // Below and to the left, where only the incoming edges run (their labels sit at their sources).
                    g.with(label(cx + 10, cy + RADIUS + 16, symbol, brief.text(bias), changed, tip)
                            .attr("text-anchor", "end"));
                }
                if (l == 0 && inputs != null && labelled) {
                    g.with(el("text").withClass("value").attr("x", fmt(cx - RADIUS - 6)).attr("y", fmt(cy + 4))
                            .attr("text-anchor", "end").withText(brief.text(inputs[j])));
                }
                if (n.isOutput(l) && targets != null && labelled) {
                    g.with(el("text").withClass("value").attr("x", fmt(cx + RADIUS + 6)).attr("y", fmt(cy + 4))
                            .attr("text-anchor", "start").withText(n.name(Quantity.Kind.TARGET) + " = " + brief.text(targets[j])));
                }
                neurons.with(g);
            }
            String layerName = l == 0 ? net.size(0) + (net.size(0) == 1 ? " input" : " inputs")
                    : net.size(l) + " " + (n.isOutput(l) ? "output" : "hidden") + ", " + net.layer(l).activation().id();
            neurons.with(el("text").withClass("layer-name").attr("x", fmt(x(l, column))).attr("y", height - 12)
                    .attr("text-anchor", "middle").withText(layerName));
        }
        svg.with(neurons);
        return svg;
    }

    /** Neuron indices to draw; −1 marks the "⋮" where a big layer is cut short. */
    static List<Integer> drawn(int size) {
        return MatrixForm.cut(size, MAX_DRAWN);
    }

    private static int maxSize(Network net) {
        int m = 0;
        for (int l = 0; l < net.depth(); l++) {
            m = Math.max(m, net.size(l));
        }
        return m;
    }

    private static String neuronTitle(Network net, Notation n, int l, int j) {
        if (l == 0) {
            return n.neuron(l, j) + ": input " + (j + 1) + " (neuron " + n.number(l, j) + ")";
        }
        return n.neuron(l, j) + ": neuron " + n.number(l, j) + ", " + net.layer(l).activation().id()
                + " — layer " + l + ", index " + j + " in the contract";
    }

    /** A label "W31 = 0.4" with the subscript lowered (and a superscript raised), on a halo so it reads over the edges. */
    private static El label(double x, double y, Expr.Sym symbol, String value, boolean changed, String tip) {
        El text = el("text").withClass(changed ? "label changed" : "label").attr("x", fmt(x)).attr("y", fmt(y))
                .attr("text-anchor", "middle")
                .with(el("title").withText(tip))
                .with(el("tspan").withText(symbol.base()))
                .with(el("tspan").withClass("sub").attr("dy", "3").withText(symbol.sub()));
        if (!symbol.sup().isEmpty()) {
            text.with(el("tspan").withClass("sup").attr("dy", "-7").withText(symbol.sup()));
            return text.with(el("tspan").attr("dy", "4").withText(" = " + value));
        }
        return text.with(el("tspan").attr("dy", "-3").withText(" = " + value));
    }

    private static double x(int l, int column) {
        return MARGIN_X + l * column;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
