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
}
