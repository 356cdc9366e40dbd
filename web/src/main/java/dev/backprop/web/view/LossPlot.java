package dev.backprop.web.view;

import static dev.backprop.web.math.El.el;

import dev.backprop.engine.render.NumberStyle;
import dev.backprop.web.math.El;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data-set loss by epoch as an inline SVG line plot with labelled axes: epoch 0 is the loss
 * before training. A loss that falls through more than two powers of ten is drawn on a log scale
 * (and the axis says so). Long histories are thinned to a few hundred points, keeping each
 * stretch's highest and lowest value, so the page stays small.
 */
public final class LossPlot {
    /** The most points drawn. */
    static final int MAX_POINTS = 600;

    private static final int WIDTH = 900;
    private static final int HEIGHT = 320;
    private static final int LEFT = 78;
    private static final int RIGHT = 20;
    private static final int TOP = 18;
    private static final int BOTTOM = 50;

    private LossPlot() {
    }

    /** Plots the loss before training followed by the loss after each epoch. */
    public static El draw(double before, double[] history, NumberStyle style) {
        int count = history.length + 1;
        double[] loss = new double[count];
        loss[0] = before;
        System.arraycopy(history, 0, loss, 1, history.length);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : loss) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        boolean log = min > 0 && max / min > 100;
        double yLow;
        double yHigh;
        if (log) {
            yLow = Math.pow(10, Math.floor(Math.log10(min)));
            yHigh = Math.pow(10, Math.ceil(Math.log10(max)));
        } else {
            yLow = 0;
            yHigh = max > 0 ? niceCeil(max) : 1;
        }
        int lastEpoch = history.length;
        Scale sx = v -> LEFT + (WIDTH - LEFT - RIGHT) * (lastEpoch == 0 ? 0 : v / lastEpoch);
        double ly = log ? Math.log10(yLow) : yLow;
        double hy = log ? Math.log10(yHigh) : yHigh;
        Scale sy = v -> {
            double t = ((log ? Math.log10(v) : v) - ly) / (hy - ly);
            return TOP + (HEIGHT - TOP - BOTTOM) * (1 - t);
        };

        El svg = el("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("viewBox", "0 0 " + WIDTH + " " + HEIGHT)
                .attr("width", WIDTH).attr("height", HEIGHT).withClass("loss-plot").attr("role", "img")
                .attr("aria-label", "Loss by epoch");
        svg.with(el("title").withText("The data-set loss by epoch, from " + style.text(before) + " to "
                + style.text(loss[count - 1]) + " after " + lastEpoch + " epochs"));
        El axes = el("g").withClass("axes");
        double x0 = LEFT;
        double y0 = HEIGHT - BOTTOM;
        axes.with(line(x0, TOP, x0, y0), line(x0, y0, WIDTH - RIGHT, y0));
        // x ticks
        for (double t : ticks(0, lastEpoch, 6, true)) {
            double px = sx.at(t);
            axes.with(line(px, y0, px, y0 + 5));
            axes.with(el("text").withClass("tick").attr("x", f(px)).attr("y", f(y0 + 19)).attr("text-anchor", "middle")
                    .withText(Long.toString(Math.round(t))));
        }
        // y ticks and grid
        List<Double> yTicks = new ArrayList<>();
        if (log) {
            for (double d = yLow; d <= yHigh * 1.0001; d *= 10) {
                yTicks.add(d);
            }
        } else {
            yTicks.addAll(ticks(yLow, yHigh, 5, false));
        }
        for (double t : yTicks) {
            double py = sy.at(t);
            axes.with(el("line").withClass("grid").attr("x1", f(x0)).attr("y1", f(py)).attr("x2", f(WIDTH - RIGHT)).attr("y2", f(py)));
            axes.with(el("text").withClass("tick").attr("x", f(x0 - 8)).attr("y", f(py + 4)).attr("text-anchor", "end")
                    .withText(new NumberStyle(3).text(t)));
        }
        axes.with(el("text").withClass("axis-label").attr("x", f((LEFT + WIDTH - RIGHT) / 2.0)).attr("y", f(HEIGHT - 8))
                .attr("text-anchor", "middle").withText("epoch"));
        axes.with(el("text").withClass("axis-label").attr("x", 16).attr("y", f((TOP + y0) / 2))
                .attr("text-anchor", "middle").attr("transform", "rotate(-90 16 " + f((TOP + y0) / 2) + ")")
                .withText(log ? "loss (log scale)" : "loss"));
        svg.with(axes);

        StringBuilder points = new StringBuilder();
        for (int k : thin(loss)) {
            points.append(f(sx.at(k))).append(',').append(f(sy.at(Math.max(loss[k], log ? yLow : -Double.MAX_VALUE)))).append(' ');
        }
        svg.with(el("polyline").withClass("series").attr("points", points.toString().trim()));
        if (count <= 40) {
            El dots = el("g").withClass("dots");
            for (int k = 0; k < count; k++) {
                dots.with(el("circle").attr("cx", f(sx.at(k))).attr("cy", f(sy.at(loss[k]))).attr("r", 3)
                        .with(el("title").withText("epoch " + k + ": loss " + style.text(loss[k]))));
            }
            svg.with(dots);
        }
        return svg;
    }

    /** The indices of the points to draw: all of them, or each stretch's first, lowest, highest and the very last. */
    static List<Integer> thin(double[] v) {
        List<Integer> keep = new ArrayList<>();
        if (v.length <= MAX_POINTS) {
            for (int k = 0; k < v.length; k++) {
                keep.add(k);
            }
            return keep;
        }
        int buckets = MAX_POINTS / 3;
        double size = (double) v.length / buckets;
        for (int b = 0; b < buckets; b++) {
            int from = (int) Math.floor(b * size);
            int to = (int) Math.min(v.length, Math.floor((b + 1) * size));
            int lo = from;
            int hi = from;
            for (int k = from; k < to; k++) {
                if (v[k] < v[lo]) {
                    lo = k;
                }
                if (v[k] > v[hi]) {
                    hi = k;
                }
            }
            keep.add(from);
            if (Math.min(lo, hi) != from) {
                keep.add(Math.min(lo, hi));
            }
            if (Math.max(lo, hi) != Math.min(lo, hi)) {
                keep.add(Math.max(lo, hi));
            }
        }
        if (keep.get(keep.size() - 1) != v.length - 1) {
            keep.add(v.length - 1);
        }
        return keep;
    }

    /** Round tick values (1, 2 or 5 times a power of ten apart) from low to high. */
    static List<Double> ticks(double low, double high, int wanted, boolean integers) {
        List<Double> out = new ArrayList<>();
        if (high <= low) {
            out.add(low);
            return out;
        }
        double raw = (high - low) / wanted;
        double step = niceStep(raw);
        if (integers) {
            step = Math.max(1, Math.round(step));
        }
        for (double t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    private static double niceCeil(double v) {
        double step = niceStep(v / 5);
        return Math.ceil(v / step) * step;
    }

    private static El line(double x1, double y1, double x2, double y2) {
        return el("line").attr("x1", f(x1)).attr("y1", f(y1)).attr("x2", f(x2)).attr("y2", f(y2));
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private interface Scale {
        double at(double v);
    }
}
