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
import java.util.ArrayList;
import java.util.List;

/**
 * The network drawn as inline SVG: neurons named in the page's notation (x1, h1, o1 in the seed's), each weight and bias
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
    /** The row height where two neighbouring layers both have three or more neurons: their lines cross more, labels need room. */
    private static final int DENSE_ROW = 136;
    /** The most significant figures on a dense drawing's labels. */
    static final int DENSE_DIGITS = 5;
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
        boolean dense = dense(net);
        int row = dense ? DENSE_ROW : ROW;
        NumberStyle brief = new NumberStyle(Math.min(style.digits(), dense ? Math.min(DENSE_DIGITS, labelDigits(column)) : labelDigits(column)));
        int height = MARGIN_TOP + MARGIN_BOTTOM + tallest * row;
        El svg = el("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("viewBox", "0 0 " + width + " " + height)
                .attr("width", width).attr("height", height).attr("role", "img").withClass("network")
                .attr("aria-label", caption);
        svg.with(el("title").withText(caption + ": the network " + Conventions.shape(net)));
        svg.with(el("text").withClass("caption").attr("x", 8).attr("y", 20).withText(caption));

        double[][] ys = new double[depth][];
        for (int l = 0; l < depth; l++) {
            List<Integer> shown = drawn(net.size(l));
            ys[l] = new double[shown.size()];
            double top = MARGIN_TOP + (tallest - shown.size()) * row / 2.0 + row / 2.0;
            for (int k = 0; k < shown.size(); k++) {
                ys[l][k] = top + k * row;
            }
        }
        // Every line first, so that each label can be put where no other line crosses it.
        List<LabelLayout.Segment> segments = new ArrayList<>();
        LabelLayout.Segment[][][] edgeAt = new LabelLayout.Segment[depth][][];
        for (int l = 1; l < depth; l++) {
            List<Integer> to = drawn(net.size(l));
            List<Integer> from = drawn(net.size(l - 1));
            edgeAt[l] = new LabelLayout.Segment[to.size()][from.size()];
            double x0 = x(l - 1, column) + RADIUS;
            double x1 = x(l, column) - RADIUS;
            for (int a = 0; a < to.size(); a++) {
                for (int b = 0; b < from.size(); b++) {
                    if (to.get(a) >= 0 && from.get(b) >= 0) {
                        edgeAt[l][a][b] = new LabelLayout.Segment(x0, ys[l - 1][b], x1, ys[l][a]);
                        segments.add(edgeAt[l][a][b]);
                    }
                }
            }
        }
        LabelLayout layout = new LabelLayout(segments, width, height);
        layout.block(new LabelLayout.Box(0, 0, 8 + 8 * caption.length(), 26));
        for (int l = 0; l < depth; l++) {
            List<Integer> shown = drawn(net.size(l));
            for (int k = 0; k < shown.size(); k++) {
                double cx = x(l, column);
                double cy = ys[l][k];
                layout.block(new LabelLayout.Box(cx - RADIUS - 2, cy - RADIUS - 2, cx + RADIUS + 2, cy + RADIUS + 2));
            }
            layout.block(new LabelLayout.Box(x(l, column) - 70, height - 26, x(l, column) + 70, height));
        }

        El edgesGroup = el("g").withClass("edges");
        El labels = el("g").withClass("labels");
        El neurons = el("g").withClass("neurons");
        List<El> biasLabels = new ArrayList<>();
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
                if (l == 0 && inputs != null && labelled) {
                    String v = brief.text(inputs[j]);
                    layout.block(new LabelLayout.Spot(cx - RADIUS - 6, cy + 4, "end", 0).box(LabelLayout.width(v, "", true)));
                    g.with(el("text").withClass("value").attr("x", fmt(cx - RADIUS - 6)).attr("y", fmt(cy + 4))
                            .attr("text-anchor", "end").withText(v));
                }
                if (n.isOutput(l) && targets != null && labelled) {
                    String v = n.name(Quantity.Kind.TARGET) + " = " + brief.text(targets[j]);
                    layout.block(new LabelLayout.Spot(cx + RADIUS + 6, cy + 4, "start", 0).box(LabelLayout.width(v, "", true)));
                    g.with(el("text").withClass("value").attr("x", fmt(cx + RADIUS + 6)).attr("y", fmt(cy + 4))
                            .attr("text-anchor", "start").withText(v));
                }
                neurons.with(g);
            }
            String layerName = l == 0 ? net.size(0) + (net.size(0) == 1 ? " input" : " inputs")
                    : net.size(l) + " " + (n.isOutput(l) ? "output" : "hidden") + ", " + net.layer(l).activation().id();
            neurons.with(el("text").withClass("layer-name").attr("x", fmt(x(l, column))).attr("y", height - 12)
                    .attr("text-anchor", "middle").withText(layerName));
        }
        // Biases next, beside their neurons, then the weights along their lines.
        for (int l = 1; l < depth && labelled; l++) {
            List<Integer> shown = drawn(net.size(l));
            for (int k = 0; k < shown.size(); k++) {
                int j = shown.get(k);
                double cx = x(l, column);
                double cy = ys[l][k];
                double bias = net.layer(l).bias(j);
                boolean changed = previous != null && previous.layer(l).bias(j) != bias;
                Expr.Sym symbol = n.unmarked(Quantity.bOld(l, j));
                String value = brief.text(bias);
                String tip = symbol.base() + symbol.sub() + symbol.sup() + " = " + style.text(bias) + " (bias of " + n.neuron(l, j)
                        + "; layers[" + l + "].biases[" + j + "])";
                double w = LabelLayout.width(symbol.base() + " = " + value, symbol.sub() + symbol.sup(), changed);
                // Below and to the left first, where only the incoming edges run; then below, below right, above.
                LabelLayout.Spot spot = layout.place(List.of(
                        new LabelLayout.Spot(cx + 10, cy + RADIUS + 16, "end", 0),
                        new LabelLayout.Spot(cx, cy + RADIUS + 16, "middle", 0.5),
                        new LabelLayout.Spot(cx + RADIUS - 6, cy + RADIUS + 16, "start", 1),
                        new LabelLayout.Spot(cx, cy - RADIUS - 12, "middle", 1.5)), w, null);
                biasLabels.add(label(spot, w, symbol, value, changed, tip));
            }
        }
        for (int l = 1; l < depth; l++) {
            Layer layer = net.layer(l);
            List<Integer> to = drawn(net.size(l));
            List<Integer> from = drawn(net.size(l - 1));
            // the lines that cross others first: they have the fewest clear places
            List<int[]> order = new ArrayList<>();
            for (int a = 0; a < to.size(); a++) {
                for (int b = 0; b < from.size(); b++) {
                    if (edgeAt[l][a][b] != null) {
                        order.add(new int[] {a, b});
                    }
                }
            }
            double[] above = ys[l];
            double[] below = ys[l - 1];
            order.sort((p, q) -> Double.compare(Math.abs(above[q[0]] - below[q[1]]), Math.abs(above[p[0]] - below[p[1]])));
            for (int[] ab : order) {
                int a = ab[0];
                int b = ab[1];
                int j = to.get(a);
                int i = from.get(b);
                LabelLayout.Segment seg = edgeAt[l][a][b];
                double w = layer.weight(j, i);
                boolean changed = previous != null && previous.layer(l).weight(j, i) != w;
                Expr.Sym symbol = n.unmarked(Quantity.wOld(l, j, i));
                String name = symbol.base() + symbol.sub() + symbol.sup();
                String tip = name + " = " + style.text(w) + " (from " + n.neuron(l - 1, i) + " into " + n.neuron(l, j)
                        + "; layers[" + l + "].weights[" + j + "][" + i + "])";
                String edgeId = l + "-" + j + "-" + i;
                edgesGroup.with(el("line").withClass(changed ? "edge changed" : "edge").attr("data-edge", edgeId)
                        .attr("x1", fmt(seg.x0())).attr("y1", fmt(seg.y0())).attr("x2", fmt(seg.x1())).attr("y2", fmt(seg.y1()))
                        .with(el("title").withText(tip)));
                if (labelled && !dense(net, l)) {
                    String value = brief.text(w);
                    double labelWidth = LabelLayout.width(symbol.base() + " = " + value, symbol.sub() + symbol.sup(), changed);
                    // Preferred near the source, where edges from one neuron fan apart (t = 1/(n+1) of the way
                    // to n targets); elsewhere along the line where no other line crosses the label.
                    double preferred = from.size() > 1 && to.size() > 1 ? 1.0 / (to.size() + 1) : 0.45;
                    List<LabelLayout.Spot> spots = new ArrayList<>();
                    for (double t = 0.08; t <= 0.921; t += 0.02) {
                        double cost = 2 * Math.abs(t - preferred);
                        // on its line, which it interrupts (so it reads as that line's), or just above it
                        spots.add(new LabelLayout.Spot(seg.x(t), seg.y(t) + 4, "middle", cost));
                        spots.add(new LabelLayout.Spot(seg.x(t), seg.y(t) - 5, "middle", cost + 0.3));
                        spots.add(new LabelLayout.Spot(seg.x(t), seg.y(t) + 15, "middle", cost + 0.4));
                    }
                    spots.sort((p, q) -> Double.compare(p.cost(), q.cost()));
                    LabelLayout.Spot spot = layout.place(spots, labelWidth, seg);
                    labels.with(label(spot, labelWidth, symbol, value, changed, tip).attr("data-edge", edgeId));
                }
            }
        }
        for (El b : biasLabels) {
            labels.with(b);
        }
        svg.with(edgesGroup, neurons, labels);
        return svg;
    }

    /**
     * Whether the lines from layer l − 1 into layer l are too many to label cleanly: both layers
     * have three or more neurons drawn, so that nine or more lines cross between them. Their
     * weights are then left to the lines' hover titles and the table of every parameter.
     */
    public static boolean dense(Network net, int l) {
        return drawn(net.size(l)).size() >= 3 && drawn(net.size(l - 1)).size() >= 3;
    }

    /** Whether any pair of neighbouring layers is {@linkplain #dense dense}. */
    public static boolean dense(Network net) {
        for (int l = 1; l < net.depth(); l++) {
            if (dense(net, l)) {
                return true;
            }
        }
        return false;
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

    /**
     * A label "W31 = 0.4" with the subscript lowered (and a superscript raised), on a plate of the
     * card's colour so that no line shows through it, at a place the layout chose.
     */
    private static El label(LabelLayout.Spot spot, double width, Expr.Sym symbol, String value, boolean changed, String tip) {
        El text = el("text").withClass(changed ? "label changed" : "label").attr("x", fmt(spot.x())).attr("y", fmt(spot.y()))
                .attr("text-anchor", spot.anchor())
                .with(el("title").withText(tip))
                .with(el("tspan").withText(symbol.base()))
                .with(el("tspan").withClass("sub").attr("dy", "3").withText(symbol.sub()));
        if (!symbol.sup().isEmpty()) {
            text.with(el("tspan").withClass("sup").attr("dy", "-7").withText(symbol.sup()));
            text.with(el("tspan").attr("dy", "4").withText(" = " + value));
        } else {
            text.with(el("tspan").attr("dy", "-3").withText(" = " + value));
        }
        LabelLayout.Box plate = spot.box(width);
        double padX = LabelLayout.PAD - 2;
        double padY = LabelLayout.PAD_Y - 1;
        return el("g").withClass("label-group").with(el("rect").withClass("label-plate")
                .attr("x", fmt(plate.x0() + padX)).attr("y", fmt(plate.y0() + padY))
                .attr("width", fmt(plate.x1() - plate.x0() - 2 * padX)).attr("height", fmt(plate.y1() - plate.y0() - 2 * padY))
                .attr("rx", 3), text);
    }

    private static double x(int l, int column) {
        return MARGIN_X + l * column;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
