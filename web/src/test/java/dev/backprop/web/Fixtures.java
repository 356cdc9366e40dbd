package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Problem;
import dev.backprop.web.form.Presets;
import dev.backprop.web.worked.Derivation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers shared by the page tests: presets, and reading a rendered step back as text. */
public final class Fixtures {
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private Fixtures() {
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
