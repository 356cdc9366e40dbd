package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Trace;
import dev.backprop.engine.train.Solver;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * What the conventions box says in words: the signs of δ and of the update (and the other
 * convention some texts use), the counts, and the headings of the outline.
 */
class ConventionsTextTest {

    private static String text(Prose p, Notation n) {
        StringBuilder sb = new StringBuilder();
        Unicode u = new Unicode(NumberStyle.DEFAULT);
        for (Expr e : p.parts()) {
            sb.append(e instanceof Expr.Text t ? t.text() : u.write(e));
        }
        return sb.toString();
    }

    private static String signs(Problem p, Notation.Profile profile) {
        Notation n = Notation.of(p, profile);
        for (Conventions.Item item : Conventions.of(p, n)) {
            if (item.topic() == Conventions.Topic.SIGNS) {
                return text(item.text(), n);
            }
        }
        throw new AssertionError("no signs convention");
    }

    @Test
    void the_signs_are_said_in_the_seeds_own_symbols() {
        String s = signs(Published.seed().build(), Notation.Profile.SEED);
        assertTrue(s.startsWith("As in the seed, δ_o1 = ∂L/∂Z_o1 (for this loss δ_o1 = (A_o1 − Y_o1) · σ′(Z_o1))"), s);
        assertTrue(s.contains("every update subtracts: W₃₁^new = W₃₁^old − α · ∂L/∂W₃₁"), s);
        assertTrue(s.contains("δ_o1 = (Y_o1 − A_o1) · σ′(Z_o1), and then add α · δ_o1 · A_h1"), s);
    }

    @Test
    void mazurs_signs_are_said_in_his_symbols() {
        String s = signs(Published.mazur().build(), Notation.Profile.MAZUR);
        assertTrue(s.startsWith("As in Mazur's post, δ_o1 = ∂E_total/∂net_o1 (for this loss δ_o1 = −(target_o1 − out_o1) · "
                + "∂out_o1/∂net_o1)"), s);
        assertTrue(s.contains("w₅⁺ = w₅ − η · ∂E_total/∂w₅"), s);
        assertTrue(s.contains("round, δ_o1 = (target_o1 − out_o1) · ∂out_o1/∂net_o1, and then add η · δ_o1 · out_h1"), s);
        assertFalse(s.contains("Y_") || s.contains("α"), "no seed symbol in Mazur's notation: " + s);
    }

    @Test
    void with_softmax_and_cross_entropy_the_error_is_output_minus_target() {
        Problem p = ProblemJson.read(RenderCases.SOFTMAX);
        String s = signs(p, Notation.Profile.MATRIX);
        assertTrue(s.contains("(for this loss δ₁⁽²⁾ = a₁⁽²⁾ − y₁)"), s);
        assertTrue(s.contains("δ₁⁽²⁾ = y₁ − a₁⁽²⁾"), s);
    }

    /** The sentence's claim, checked on the numbers: the other convention's δ and update give the same new weight. */
    @ParameterizedTest
    @EnumSource(Notation.Profile.class)
    void the_other_sign_convention_reaches_the_same_new_weights(Notation.Profile profile) {
        Problem p = Published.mazur().build();
        assertTrue(signs(p, profile).contains("the new weights are the same"));
        Trace t = Solver.solve(p).firstUpdate();
        // δ' = (y − a)·a(1 − a), computed here from the forward values, then w + η·δ'·out_h1
        double a = t.step("a[2][0]").orElseThrow().value();
        double y = 0.01;
        double otherDelta = (y - a) * a * (1 - a);
        double otherUpdate = 0.40 + 0.5 * otherDelta * t.step("a[1][0]").orElseThrow().value();
        assertEquals(t.step(Quantity.w(2, 0, 0).key()).orElseThrow().value(), otherUpdate, 1e-15);
        assertEquals(-t.step("delta[2][0]").orElseThrow().value(), otherDelta, 1e-15, "the opposite sign");
    }

    @Test
    void counts_are_written_with_thousands_grouped() {
        Problem p = ProblemJson.read(RenderCases.XOR);
        String training = "";
        Notation n = Notation.of(p);
        for (Conventions.Item item : Conventions.of(p, n)) {
            if (item.topic() == Conventions.Topic.TRAINING) {
                training = text(item.text(), n);
            }
        }
        assertTrue(training.startsWith("4,000 epochs over 4 samples"), training);
        assertEquals("10,000", NumberStyle.count(10_000));
        assertEquals("1 epoch", NumberStyle.count(1, "epoch", "epochs"));
    }

    @Test
    void no_heading_only_repeats_the_one_above_it() {
        Worked w = Worked.solve(Published.mazur().build());
        List<Outline.Section> sections = Outline.of(w, s -> true).sections();
        for (Outline.Section s : sections) {
            for (Outline.Group g : s.groups()) {
                String full = s.titleOf(g);
                assertFalse(full.equals(s.title() + " · " + s.title()), full);
                assertFalse(s.headed(g) && g.title().equals(s.title()));
            }
        }
        Outline.Section loss = sections.stream().filter(s -> s.id().equals("loss")).findFirst().orElseThrow();
        assertEquals("Loss", loss.titleOf(loss.groups().get(0)), "not “Loss · Loss”");
        String md = Exports.markdown(w, Selection.of(w, null, null), NumberStyle.DEFAULT, "");
        assertFalse(md.contains("## Loss\n\n### Loss\n"), md);
        assertFalse(md.contains("## After the update"), "the last chapter is named for what it holds");
        assertTrue(md.contains("## Loss after the update\n"), md);
    }
}
