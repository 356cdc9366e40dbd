package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import org.junit.jupiter.api.Test;

/** {@code Solution.render}: the worked solution from code, with the options a library user has. */
class SolutionRenderTest {
    private static final Solution MAZUR = Solver.solve(Published.mazur().build());

    @Test
    void render_writes_the_seeds_notation_to_nine_figures_by_default() {
        String text = MAZUR.render(Format.TEXT);
        assertTrue(text.contains("    δ_o1 = ∂L/∂A_o1 · σ′(Z_o1)\n"), text);
        assertTrue(text.contains("         = 0.138498562\n"), text);
        assertTrue(text.startsWith("Worked solution: a 2-2-2 network\n"), text);
        assertFalse(text.contains("Permanent link"), "a library user's solution has no page to link to");
    }

    @Test
    void render_takes_the_notation_and_the_precision() {
        String tex = MAZUR.render(Format.LATEX, RenderOptions.DEFAULT.withNotation(Notation.Profile.MAZUR).withDigits(6));
        assertTrue(tex.contains("w_{5}^{+} &= w_{5} - \\eta \\cdot \\frac{\\partial E_{\\text{total}}}{\\partial w_{5}}"), tex);
        assertTrue(tex.contains("&= 0.358916 \\\\[4pt]\n"), tex);
        assertTrue(tex.contains("Values to 6 significant figures"), tex);
        String md = MAZUR.render(Format.MARKDOWN, RenderOptions.DEFAULT.withNotation(Notation.Profile.MATRIX));
        assertTrue(md.contains("W_{11}^{(2)\\prime } &= W_{11}^{(2)} - \\eta \\cdot"), md);
        assertTrue(md.contains("| Parameter | Connects | Contract path | Before | ∂C/∂θ | After |"), md);
    }

    @Test
    void render_options_refuse_a_precision_out_of_range_naming_it() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RenderOptions.DEFAULT.withDigits(1));
        assertTrue(e.getMessage().contains("digits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RenderOptions.DEFAULT.withDigits(18));
    }

    @Test
    void a_big_network_is_written_in_matrix_form_with_the_chosen_neuron_in_full() {
        Solution big = Solver.solve(ProblemJson.read(RenderCases.BIG));
        String text = big.render(Format.TEXT);
        assertTrue(text.contains("Layers in matrix form"), text);
        assertTrue(text.contains("    Z^[1] = W^[1]X + B^[1]\n"), "layers in square brackets, as no sample is: " + text);
        assertFalse(text.contains("    Z_h3 = "), "no neuron's working unless one is asked for");
        String h3 = big.render(Format.TEXT, RenderOptions.DEFAULT.withNeuron("h3"));
        assertTrue(h3.contains("    Z_h3 = "), h3);
        assertTrue(h3.contains("    δ_h3 = "), h3);
    }
}
