package dev.backprop.web.view;

import dev.backprop.web.math.NumberStyle;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The site's URLs. A worked solution's URL carries the whole problem in its query
 * ({@code /solve?problem=<contract JSON>}), so it is a permanent link anyone can share.
 */
public final class Links {
    /** The form. */
    public static final String FORM = "/";
    /** The worked solution. */
    public static final String SOLVE = "/solve";
    /** The stylesheet. */
    public static final String CSS = "/assets/workbook.css";
    /** The print stylesheet. */
    public static final String PRINT_CSS = "/assets/print.css";

    private Links() {
    }

    /** Encodes a query parameter's value. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The worked solution of a problem. */
    public static String solve(String json) {
        return SOLVE + "?problem=" + encode(json);
    }

    /** The worked solution with a precision and, for a big network, a neuron and its first weight shown. */
    public static String solve(String json, NumberStyle style, String neuron, int from) {
        StringBuilder sb = new StringBuilder(solve(json));
        if (style.digits() != NumberStyle.DEFAULT.digits()) {
            sb.append("&digits=").append(style.digits());
        }
        if (neuron != null && !neuron.isEmpty()) {
            sb.append("&neuron=").append(encode(neuron));
            if (from > 0) {
                sb.append("&from=").append(from);
            }
        }
        return sb.toString();
    }

    /** An export of the worked solution: {@code tex}, {@code md} or {@code json}. */
    public static String export(String format, String json, NumberStyle style, String neuron) {
        StringBuilder sb = new StringBuilder(SOLVE + "." + format + "?problem=" + encode(json));
        if (!format.equals("json") && style.digits() != NumberStyle.DEFAULT.digits()) {
            sb.append("&digits=").append(style.digits());
        }
        if (!format.equals("json") && neuron != null && !neuron.isEmpty()) {
            sb.append("&neuron=").append(encode(neuron));
        }
        return sb.toString();
    }

    /** The form filled with a problem. */
    public static String edit(String json) {
        return FORM + "?problem=" + encode(json);
    }

    /** The form filled with a preset. */
    public static String preset(String id) {
        return FORM + "?preset=" + encode(id) + "#problem";
    }
}
