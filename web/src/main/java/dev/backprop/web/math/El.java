package dev.backprop.web.math;

import j2html.tags.ContainerTag;

/**
 * An element with any tag name (MathML and SVG have no j2html methods of their own); text and
 * attributes are escaped by j2html as usual.
 *
 * <pre>{@code
 * new El("mi").withTitle("W[2][0][0]").withText("W")
 * }</pre>
 */
public final class El extends ContainerTag<El> {
    /** An element with the given tag name. */
    public El(String name) {
        super(name);
    }

    /** An element with the given tag name. */
    public static El el(String name) {
        return new El(name);
    }

    /**
     * Text and attribute values escaped as j2html escapes them (&amp;, &lt;, &gt;, &quot; and &#x27;),
     * except that a string with nothing to escape, nearly every one on these pages, is returned as
     * it is instead of being copied a character at a time. The pages render with this escaper.
     */
    public static String escape(String text) {
        int n = text.length();
        int k = 0;
        while (k < n && !special(text.charAt(k))) {
            k++;
        }
        if (k == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(text, 0, k);
        for (; k < n; k++) {
            char ch = text.charAt(k);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#x27;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean special(char ch) {
        return ch == '<' || ch == '>' || ch == '&' || ch == '"' || ch == '\'';
    }
}
