package dev.backprop.web.view;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the network drawing's labels go: each label is tried at several places along its edge (or
 * around its neuron) and put where the fewest other lines cross it, covering no label, neuron or
 * value already placed, as near its preferred place as that allows. Layout only: it sizes text by
 * an estimate of the glyphs' widths, since the server has no fonts to measure.
 *
 * <pre>{@code
 * LabelLayout layout = new LabelLayout(edges);
 * LabelLayout.Spot spot = layout.place(candidates, ownEdge);
 * }</pre>
 */
final class LabelLayout {
    /** Height of a label's box above its baseline (12 px text). */
    static final double ASCENT = 11;
    /** Depth of a label's box below its baseline (its lowered subscript). */
    static final double DESCENT = 5;
    /** Space kept clear beside a label, so that no line even grazes its ends. */
    static final double PAD = 6;
    /** Space kept clear above and below a label (lines run closer there where they fan out). */
    static final double PAD_Y = 3;

    /**
     * A straight line of the drawing.
     *
     * @param x0 one end's x
     * @param y0 one end's y
     * @param x1 the other end's x
     * @param y1 the other end's y
     */
    record Segment(double x0, double y0, double x1, double y1) {
        /** The point a fraction t of the way along. */
        double x(double t) {
            return x0 + t * (x1 - x0);
        }

        double y(double t) {
            return y0 + t * (y1 - y0);
        }
    }

    /**
     * A rectangle of the drawing that a label must not cover.
     *
     * @param x0 left
     * @param y0 top
     * @param x1 right
     * @param y1 bottom
     */
    record Box(double x0, double y0, double x1, double y1) {
        boolean overlaps(Box o) {
            return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
        }

        boolean inside(double x, double y) {
            return x >= x0 && x <= x1 && y >= y0 && y <= y1;
        }

        /** Whether the segment passes through the box (Liang–Barsky clipping). */
        boolean crossedBy(Segment s) {
            double dx = s.x1() - s.x0();
            double dy = s.y1() - s.y0();
            double[] p = {-dx, dx, -dy, dy};
            double[] q = {s.x0() - x0, x1 - s.x0(), s.y0() - y0, y1 - s.y0()};
            double lo = 0;
            double hi = 1;
            for (int k = 0; k < 4; k++) {
                if (p[k] == 0) {
                    if (q[k] < 0) {
                        return false;
                    }
                } else {
                    double r = q[k] / p[k];
                    if (p[k] < 0) {
                        lo = Math.max(lo, r);
                    } else {
                        hi = Math.min(hi, r);
                    }
                }
            }
            return lo <= hi;
        }
    }

    /**
     * A place a label may go: its anchor point, which side of its text the anchor is on, and how
     * far it is from the label's preferred place (added to its cost, so that among equally clear
     * places the nearest wins).
     *
     * @param x      the anchor's x
     * @param y      the baseline's y
     * @param anchor SVG's text-anchor: start, middle or end
     * @param cost   how much less preferred than the best place this is
     */
    record Spot(double x, double y, String anchor, double cost) {
        /** The box the text covers at this place. */
        Box box(double width) {
            double left = switch (anchor) {
                case "start" -> x;
                case "end" -> x - width;
                default -> x - width / 2;
            };
            return new Box(left - PAD, y - ASCENT - PAD_Y, left + width + PAD, y + DESCENT + PAD_Y);
        }
    }

    private final List<Segment> edges;
    private final List<Box> taken = new ArrayList<>();
    private final double width;
    private final double height;

    /** A layout for a drawing of this size with these lines. */
    LabelLayout(List<Segment> edges, double width, double height) {
        this.edges = List.copyOf(edges);
        this.width = width;
        this.height = height;
    }

    /** Marks part of the drawing (a neuron, a value, a caption) as not to be covered. */
    void block(Box box) {
        taken.add(box);
    }

    /**
     * The best of the places for a label of this width, which is then taken: the fewest lines
     * crossing it other than its own edge (null for a neuron's label), nothing covered, least cost.
     */
    Spot place(List<Spot> spots, double width, Segment own) {
        Spot best = spots.get(0);
        double bestScore = Double.MAX_VALUE;
        for (Spot s : spots) {
            Box box = s.box(width);
            double score = s.cost();
            for (Segment e : edges) {
                if (e != own && box.crossedBy(e)) {
                    score += 100;
                }
            }
            for (Box t : taken) {
                if (box.overlaps(t)) {
                    score += 1_000;
                }
            }
            if (box.x0() < 0 || box.y0() < 0 || box.x1() > width || box.y1() > height) {
                score += 1_000; // cut off at the drawing's edge
            }
            if (score < bestScore) {
                bestScore = score;
                best = s;
            }
        }
        taken.add(best.box(width));
        return best;
    }


    /**
     * About how wide a label is drawn: its text at 12 px and its subscript and superscript at 9 px,
     * each character by its advance in the sans font the pages ask for (DejaVu Sans, in ems), a
     * bold label a tenth wider.
     */
    static double width(String main, String script, boolean bold) {
        double w = 12 * ems(main) + 9 * ems(script);
        return bold ? w * 1.1 : w;
    }

    private static double ems(String s) {
        double w = 0;
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            w += switch (ch) {
                case '.', ',', ' ', 'i', 'l', 'j', ':' -> 0.318;
                case '(', ')', '[', ']' -> 0.39;
                case '=', '+', '−', '-' -> 0.838;
                case 'W' -> 0.989;
                case 'w', 'm' -> 0.818;
                case '′', '⁽', '⁾' -> 0.3;
                default -> ch >= '0' && ch <= '9' ? 0.636 : 0.64;
            };
        }
        return w;
    }
}
