package dev.backprop.web.view;

import dev.backprop.engine.render.Notation;
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

    /** A link with the notation added to its query, when it is not the default (the seed's). */
    public static String withNotation(String link, Notation.Profile profile) {
        return profile == Notation.Profile.SEED ? link : link + (link.contains("?") ? "&" : "?") + "notation=" + profile.id();
    }

    /** The worked solution of a problem, in a notation. */
    public static String solve(String json, Notation.Profile profile) {
        return withNotation(solve(json), profile);
    }

    /** The form filled with a problem, to change it. */
    public static String edit(String json) {
        return FORM + "?problem=" + encode(json);
    }

    /** The form filled with a preset. */
    public static String preset(String id) {
        return FORM + "?preset=" + encode(id) + "#problem";
    }
}
