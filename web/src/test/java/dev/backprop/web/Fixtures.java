package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.render.Derivation;
import dev.backprop.web.form.Presets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers shared by the page tests: problems, presets, and reading a rendered step back as text. */
public final class Fixtures {
    /** Mazur's problem as JSON, as published (biases fixed). */
    public static final String MAZUR = mazur("");

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private Fixtures() {
    }

    /** Mazur's problem as JSON with extra fields at its end, e.g. {@code mazur("\"epochs\": 25")}. */
    public static String mazur(String extra) {
        return """
                {"layers": [{"size": 2},
                   {"size": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35]},
                   {"size": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60]}],
                 "learningRate": 0.5, "updateBiases": false,
                 "samples": [{"input": [0.05, 0.10], "target": [0.01, 0.99]}]%s}""".formatted(extra.isEmpty() ? "" : ", " + extra);
    }

    /** A preset's problem. */
    public static Problem preset(String id) {
        return Presets.byId(id).orElseThrow().problem();
    }

    /** The HTML of the step computing the quantity with this key (from its div to the next step or heading). */
    public static String stepHtml(String html, String key) {
        String marker = "id=\"" + Derivation.anchor(key) + "\"";
        int at = html.indexOf(marker);
        assertTrue(at >= 0, "no step for " + key);
        int start = html.lastIndexOf("<div", at);
        int end = html.length();
        for (String next : new String[] {"<div class=\"step ", "<h3", "</section>"}) {
            int k = html.indexOf(next, at);
            if (k >= 0) {
                end = Math.min(end, k);
            }
        }
        return html.substring(start, end);
    }

    /** The text a reader sees, tags removed and entities decoded: "δo1=…=−0.0105". */
    public static String text(String html) {
        String t = TAG.matcher(html).replaceAll("");
        return t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'")
                .replace("&#39;", "'").replace("&amp;", "&").replace("\u2061", "");
    }

    /** The text of a step's result line (the value it arrives at). */
    public static String result(String stepHtml) {
        Matcher m = Pattern.compile("<div class=\"rhs result\">(.*?)</div>", Pattern.DOTALL).matcher(stepHtml);
        assertTrue(m.find(), "no result line in " + stepHtml);
        return text(m.group(1));
    }

    /** A number as the pages write it ("−0.0105", "4.67×10⁻⁶") read back. */
    public static double parseShown(String shown) {
        String s = shown.trim().replace('−', '-');
        int times = s.indexOf("×10");
        if (times < 0) {
            return Double.parseDouble(s);
        }
        String sup = s.substring(times + 3);
        StringBuilder exp = new StringBuilder();
        for (char ch : sup.toCharArray()) {
            int d = "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(ch);
            exp.append(ch == '⁻' || ch == '-' ? '-' : d >= 0 ? (char) ('0' + d) : ch);
        }
        return Double.parseDouble(s.substring(0, times)) * Math.pow(10, Integer.parseInt(exp.toString()));
    }
}
