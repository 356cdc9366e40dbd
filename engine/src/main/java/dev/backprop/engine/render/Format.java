package dev.backprop.engine.render;

/**
 * The formats the worked solution is written in outside a web page.
 *
 * <pre>{@code
 * String text = solution.render(Format.TEXT);
 * }</pre>
 */
public enum Format {
    /** Plain Unicode text for a terminal, in a monospace font. */
    TEXT,
    /** Markdown with {@code $…$} and {@code $$…$$} formulas (LaTeX inside), as in the seed document. */
    MARKDOWN,
    /** One amsmath {@code align*} block, the conventions as comments above it, to paste into homework. */
    LATEX
}
