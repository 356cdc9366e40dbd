package dev.backprop.engine.render;

/**
 * How {@link dev.backprop.engine.train.Solution#render} writes a worked solution: in which
 * notation, to how many significant figures, and (for a big network) which neuron's working in
 * full.
 *
 * <pre>{@code
 * solution.render(Format.TEXT, RenderOptions.DEFAULT.withNotation(Notation.Profile.MAZUR).withDigits(6));
 * }</pre>
 *
 * @param notation the notation's profile
 * @param digits   significant figures, {@value NumberStyle#MIN_DIGITS}..{@value NumberStyle#MAX_DIGITS}
 * @param neuron   for a big network, the id of the neuron whose working is written in full
 *                 ({@code h3}, {@code o1}; see {@link Notation#id}), or "" for none
 */
public record RenderOptions(Notation.Profile notation, int digits, String neuron) {
    /** The seed's notation, 9 significant figures, no neuron chosen. */
    public static final RenderOptions DEFAULT = new RenderOptions(Notation.Profile.SEED, NumberStyle.DEFAULT.digits(), "");

    /** Checks the values. */
    public RenderOptions {
        if (notation == null || neuron == null) {
            throw new IllegalArgumentException("the notation and the neuron must be given (\"\" for no neuron)");
        }
        new NumberStyle(digits); // refuses a digit count out of range, naming it
    }

    /** The same options in another notation. */
    public RenderOptions withNotation(Notation.Profile profile) {
        return new RenderOptions(profile, digits, neuron);
    }

    /** The same options with values to another number of significant figures. */
    public RenderOptions withDigits(int significant) {
        return new RenderOptions(notation, significant, neuron);
    }

    /** The same options with one neuron's working written in full, by its id ({@code h3}); "" for none. */
    public RenderOptions withNeuron(String id) {
        return new RenderOptions(notation, digits, id);
    }
}
