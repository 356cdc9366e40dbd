package dev.backprop.web.classroom;

import dev.backprop.engine.classroom.Variant;
import dev.backprop.engine.classroom.Variants;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Outline;
import dev.backprop.engine.trace.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * A class's exercise as a Moodle XML question file: a category question, then one Cloze
 * ("embedded answers") question per variant in that category, so that a quiz's random question
 * from the category gives each student one. Each asked quantity is a NUMERICAL blank,
 * {@code {1:NUMERICAL:=value:tolerance}}, its value the exact one to 6 significant figures and its
 * tolerance one unit of its third significant figure ({@link #tolerance}), so that an answer worked
 * carefully and rounded to three figures or more is accepted. Text is HTML inside the XML, escaped
 * twice over: once for the HTML, once for the XML; the Cloze's own special characters never appear
 * in a value.
 */
final class MoodleXml {
    private MoodleXml() {
    }

    /** The file. */
    static String of(Variants variants, List<Variant> list, Notation.Profile profile) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
        String category = "Backprop Workbook/" + (variants.salt().isBlank() ? "class exercise" : variants.salt());
        sb.append("  <question type=\"category\">\n    <category><text>$course$/top/").append(xml(category))
                .append("</text></category>\n  </question>\n");
        for (Variant v : list) {
            question(sb, v, profile);
        }
        return sb.append("</quiz>\n").toString();
    }

    private static void question(StringBuilder sb, Variant v, Notation.Profile profile) {
        Problem p = v.problem();
        Notation n = Notation.of(p, profile);
        StringBuilder html = new StringBuilder();
        html.append("<p>Code ").append(html(v.code())).append(". One step of gradient descent, learning rate ")
                .append(NumberStyle.DEFAULT.text(p.learningRate())).append(", ").append(html(p.loss().id()))
                .append(" loss, on this network:</p>\n<ul>\n");
        Network net = p.network();
        for (int l = 1; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            html.append("<li>").append(html(Outline.layerTitle(n, net, l))).append(" (").append(layer.activation().id())
                    .append("): ");
            for (int j = 0; j < layer.size(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    html.append(html(n.text(Quantity.wOld(l, j, i)))).append(" = ")
                            .append(NumberStyle.DEFAULT.text(layer.weights()[j][i])).append("; ");
                }
                html.append(html(n.text(Quantity.bOld(l, j)))).append(" = ").append(NumberStyle.DEFAULT.text(layer.biases()[j]))
                        .append(j + 1 < layer.size() ? "; " : "");
            }
            html.append("</li>\n");
        }
        for (int s = 0; s < p.samples().size(); s++) {
            Sample x = p.samples().get(s);
            html.append("<li>Sample ").append(s + 1).append(": input ").append(vector(x.input())).append(", target ")
                    .append(vector(x.target())).append("</li>\n");
        }
        html.append("</ul>\n<p>Give each value to at least 3 significant figures.</p>\n<table>\n");
        for (String key : v.ask()) {
            double value = v.answers().get(key);
            html.append("<tr><td>").append(html(n.text(Quantity.parse(key).orElseThrow()))).append("</td><td>")
                    .append(blank(value)).append("</td></tr>\n");
        }
        html.append("</table>\n");
        sb.append("  <question type=\"cloze\">\n")
                .append("    <name><text>").append(xml(v.student() + " · " + v.code())).append("</text></name>\n")
                .append("    <questiontext format=\"html\"><text>").append(xml(html.toString())).append("</text></questiontext>\n")
                .append("    <generalfeedback format=\"html\"><text></text></generalfeedback>\n")
                .append("    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n")
                .append("    <idnumber>").append(xml(v.code())).append("</idnumber>\n")
                .append("  </question>\n");
    }

    /** One NUMERICAL blank: the value to 6 significant figures, and its tolerance. */
    static String blank(double value) {
        return "{1:NUMERICAL:=" + plain(value, 6) + ":" + plain(tolerance(value), 2) + "}";
    }

    /** One unit of the value's third significant figure: 0.0123 has tolerance 0.0001. */
    static double tolerance(double value) {
        return Math.pow(10, Math.floor(Math.log10(Math.abs(value))) - 2);
    }

    private static String plain(double x, int figures) {
        return new BigDecimal(x).round(new MathContext(figures, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
    }

    private static String vector(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(NumberStyle.DEFAULT.text(v[i]));
        }
        return sb.append(')').toString();
    }

    /** Text escaped for HTML; the Cloze's special characters (braces, #, ~) as character references too. */
    static String html(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '{' -> sb.append("&#123;");
                case '}' -> sb.append("&#125;");
                case '#' -> sb.append("&#35;");
                case '~' -> sb.append("&#126;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Text escaped for XML character data; control characters XML cannot hold are dropped. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
