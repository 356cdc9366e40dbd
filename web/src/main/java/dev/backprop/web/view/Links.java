package dev.backprop.web.view;

import dev.backprop.engine.render.Notation;
import dev.backprop.engine.nn.ProblemException;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The site's URLs. A worked solution's URL carries the whole problem in its query, so it is a
 * permanent link anyone can share: a short problem as its JSON ({@code /solve?problem=<contract
 * JSON>}, readable and editable by hand), a long one packed ({@code /solve?packed=<…>}: the JSON
 * deflated and written in URL-safe base64), which makes a link of 266 samples about a fifth as long.
 * Links are relative; the pages make them absolute with the configured public address.
 */
public final class Links {
    /** The form. */
    public static final String FORM = "/";
    /** The worked solution. */
    public static final String SOLVE = "/solve";
    /** The teacher's page: a class's variants, handouts, keys and marking. */
    public static final String CLASS = "/class";
    /** The stylesheet. */
    public static final String CSS = "/assets/workbook.css";
    /** The print stylesheet. */
    public static final String PRINT_CSS = "/assets/print.css";
    /** The query parameter holding a problem as JSON. */
    public static final String PROBLEM = "problem";
    /** The query parameter holding a problem packed (deflated, URL-safe base64). */
    public static final String PACKED = "packed";
    /** A problem whose JSON, URL-encoded, is longer than this many characters travels packed. */
    public static final int PACK_BEYOND = 1_500;

    private Links() {
    }

    /** Encodes a query parameter's value. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The worked solution of a problem. */
    public static String solve(String json) {
        return SOLVE + "?" + problemQuery(json);
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
        return FORM + "?" + problemQuery(json);
    }

    /** The form filled with a preset. */
    public static String preset(String id) {
        return FORM + "?preset=" + encode(id) + "#problem";
    }

    /** The query that carries a problem: {@code problem=<JSON>} when short, {@code packed=<…>} when long. */
    public static String problemQuery(String json) {
        String[] p = problemParam(json);
        return p[0] + "=" + (p[0].equals(PROBLEM) ? encode(p[1]) : p[1]);
    }

    /**
     * The query parameter that carries a problem, as {name, value} with the value not yet URL-encoded
     * (for a form's hidden field): {@value #PROBLEM} with the JSON, or {@value #PACKED} with it packed.
     */
    public static String[] problemParam(String json) {
        // Encoding only ever lengthens: JSON longer than the limit is packed without being encoded first.
        if (json.length() <= PACK_BEYOND) {
            String plain = encode(json);
            if (plain.length() <= PACK_BEYOND) {
                return new String[] {PROBLEM, json};
            }
        }
        return new String[] {PACKED, pack(json)};
    }

    /** The JSON deflated and written in URL-safe base64 without padding (nothing in it needs escaping in a URL). */
    public static String pack(String json) {
        // A page writes its problem's link three times over (toolbar, neuron chooser, permanent link):
        // the same text, so the last packing is kept (one, for the whole server, so it holds little).
        String[] last = lastPacked;
        if (last[0] == json) {
            return last[1];
        }
        String packed = deflate(json);
        lastPacked = new String[] {json, packed};
        return packed;
    }

    /** The text last packed (compared by identity) and its packing; replaced whole, so always a pair. */
    private static volatile String[] lastPacked = new String[2];

    private static String deflate(String json) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(json.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length() / 3 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /**
     * The JSON a packed problem holds; refused at {@value #PACKED} when it is not one this site packed
     * (a damaged or cut-short link) or unpacks to more than {@code maxBytes} bytes, which is stopped
     * as soon as it is passed, so that no small link can unpack to gigabytes.
     */
    public static String unpack(String packed, int maxBytes) {
        byte[] deflated;
        try {
            deflated = Base64.getUrlDecoder().decode(packed.strip());
        } catch (IllegalArgumentException e) {
            throw damaged();
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            // JSON of decimal numbers deflates to a fifth or so: start there rather than grow by doubling.
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes + 1L, deflated.length * 6L + 64));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw damaged();
                }
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw ProblemException.of(PACKED, "unpacks to more than " + String.format(Locale.ROOT, "%,d", maxBytes)
                            + " bytes of JSON, more than a problem may have");
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw damaged();
        } finally {
            inflater.end();
        }
    }

    private static ProblemException damaged() {
        return ProblemException.of(PACKED, "is not a problem packed by this site: the link is damaged or cut short");
    }
}
