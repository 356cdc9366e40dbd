/**
 * The worked solution written out: the derivation model between the trace and every format, and
 * the formats outside a web page.
 *
 * <p>{@link dev.backprop.engine.render.Derivations} turns each step of the trace into a
 * {@link dev.backprop.engine.render.Derivation} (formula → numbers substituted → value, with
 * remarks as {@link dev.backprop.engine.render.Prose}) without any arithmetic; a
 * {@link dev.backprop.engine.render.Notation} names every symbol (the seed's, Mazur's or the
 * matrix form); {@link dev.backprop.engine.render.Outline}, {@link dev.backprop.engine.render.Conventions},
 * {@link dev.backprop.engine.render.MatrixForm} and {@link dev.backprop.engine.render.Summary}
 * arrange them; {@link dev.backprop.engine.render.Exports} writes plain text, Markdown and LaTeX.
 * The web module adds HTML and MathML over the same model.
 *
 * <pre>{@code
 * String text = Solver.solve(problem).render(Format.TEXT,
 *         RenderOptions.DEFAULT.withNotation(Notation.Profile.MAZUR));
 * }</pre>
 *
 * <p>Every type here is {@code @NullMarked}: nothing is null unless it is marked {@code @Nullable}.
 */
@NullMarked
package dev.backprop.engine.render;

import org.jspecify.annotations.NullMarked;
