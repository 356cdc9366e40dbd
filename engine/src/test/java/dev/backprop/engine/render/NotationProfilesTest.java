package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.trace.Quantity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Mazur's notation and the matrix form, each named as its source names things: Mazur's post ("A
 * Step by Step Backpropagation Example") for his 2-2-2 network, Nielsen's book for the matrix
 * form; and how each generalises to other shapes.
 */
class NotationProfilesTest {
    private static final Notation MAZUR = Notation.of(Published.mazur().build(), Notation.Profile.MAZUR);
    private static final Notation MATRIX = Notation.of(Published.mazur().build(), Notation.Profile.MATRIX);

    private static String name(Notation n, Quantity q) {
        Expr.Sym s = n.symbol(q);
        return s.base() + s.sub() + s.sup();
    }

    @Test
    void mazurs_weights_are_numbered_as_in_his_post() {
        // His post: w1 = i1→h1, w2 = i2→h1, w3 = i1→h2, w4 = i2→h2, w5 = h1→o1, w6 = h2→o1, w7 = h1→o2, w8 = h2→o2.
        String[][] post = {
            {"w1", "layers[1].weights[0][0]", "i1", "h1"}, {"w2", "layers[1].weights[0][1]", "i2", "h1"},
            {"w3", "layers[1].weights[1][0]", "i1", "h2"}, {"w4", "layers[1].weights[1][1]", "i2", "h2"},
            {"w5", "layers[2].weights[0][0]", "h1", "o1"}, {"w6", "layers[2].weights[0][1]", "h2", "o1"},
            {"w7", "layers[2].weights[1][0]", "h1", "o2"}, {"w8", "layers[2].weights[1][1]", "h2", "o2"}};
        int k = 0;
        for (int l = 1; l <= 2; l++) {
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 2; i++) {
                    Quantity w = Quantity.wOld(l, j, i);
                    String[] expected = post[k++];
                    assertEquals(expected[0], name(MAZUR, w));
                    assertEquals(expected[1], MAZUR.path(w));
                    assertEquals("w" + Unicode.script(expected[0].substring(1), false) + ": weight from " + expected[2] + " into "
                            + expected[3] + ", before the update · " + expected[1], MAZUR.describe(w));
                }
            }
        }
    }

    @Test
    void mazurs_other_symbols_are_his() {
        assertEquals("net_h1", MAZUR.text(Quantity.z(1, 0)));
        assertEquals("out_h2", MAZUR.text(Quantity.a(1, 1)));
        assertEquals("out_o1", MAZUR.text(Quantity.a(2, 0)));
        assertEquals("i₁", MAZUR.text(Quantity.a(0, 0)));
        assertEquals("target_o1", MAZUR.text(Quantity.target(0)));
        assertEquals("δ_o1", MAZUR.text(Quantity.delta(2, 0)));
        assertEquals("E_total", MAZUR.text(Quantity.loss()));
        assertEquals("η", MAZUR.text(Quantity.alpha()));
        assertEquals("∂E_total/∂w₅", MAZUR.text(Quantity.dW(2, 0, 0)));
        assertEquals("w₅⁺", MAZUR.text(Quantity.w(2, 0, 0)), "his updated weight is w5⁺");
        assertEquals("∂E_total/∂out_o1", new Unicode(NumberStyle.DEFAULT).write(MAZUR.derivative(MAZUR.symbol(Quantity.a(2, 0)), "")));
        assertEquals("i1", MAZUR.neuron(0, 0));
        assertEquals("h1–h2", MAZUR.range(1));
    }

    @Test
    void mazurs_shared_biases_are_b1_and_b2_and_other_biases_are_named_by_their_neuron() {
        // His post shares one bias per layer, kept fixed: b1 for the hidden layer, b2 for the outputs.
        assertEquals("b1", name(MAZUR, Quantity.bOld(1, 0)));
        assertEquals("b1", name(MAZUR, Quantity.bOld(1, 1)));
        assertEquals("b2", name(MAZUR, Quantity.bOld(2, 1)));
        Notation updated = Notation.of(Published.mazur().updateBiases(true).build(), Notation.Profile.MAZUR);
        assertEquals("bh1", name(updated, Quantity.bOld(1, 0)));
        assertEquals("bo2", name(updated, Quantity.bOld(2, 1)));
        assertEquals("b_o2⁺", updated.text(Quantity.b(2, 1)));
        Network unequal = Network.builder().input(2).dense(Activation.SIGMOID, new double[][] {{1, 2}, {3, 4}}, 0.1, 0.2).build();
        Notation fixedButUnequal = Notation.of(Problem.builder().network(unequal).learningRate(1).updateBiases(false)
                .sample(new double[] {1, 1}, new double[] {0, 1}).build(), Notation.Profile.MAZUR);
        assertEquals("bo1", name(fixedButUnequal, Quantity.bOld(1, 0)), "biases that differ are not one shared bias");
    }

    @Test
    void mazurs_numbering_continues_across_the_layers_of_any_network() {
        Network net = Network.builder().input(3).dense(4, Activation.SIGMOID).dense(2, Activation.TANH).dense(1, Activation.LINEAR).build();
        Notation n = Notation.of(Notation.Profile.MAZUR, net);
        assertEquals("w1", name(n, Quantity.wOld(1, 0, 0)));
        assertEquals("w3", name(n, Quantity.wOld(1, 0, 2)));
        assertEquals("w4", name(n, Quantity.wOld(1, 1, 0)));
        assertEquals("w12", name(n, Quantity.wOld(1, 3, 2)));
        assertEquals("w13", name(n, Quantity.wOld(2, 0, 0)), "the second layer's first weight follows the first layer's last");
        assertEquals("w20", name(n, Quantity.wOld(2, 1, 3)));
        assertEquals("w21", name(n, Quantity.wOld(3, 0, 0)));
        assertEquals("w22", name(n, Quantity.wOld(3, 0, 1)));
        assertEquals("w₂₂: weight from h6 into o1, before the update · layers[3].weights[0][1]", n.describe(Quantity.wOld(3, 0, 1)));
        assertEquals("i3", n.neuron(0, 2));
        assertEquals("h5", n.neuron(2, 0));
    }

    @Test
    void the_matrix_form_writes_layers_in_parentheses_and_counts_from_one() {
        Expr.Sym w = MATRIX.symbol(Quantity.wOld(2, 0, 0));
        assertEquals("W", w.base());
        assertEquals("11", w.sub(), "W⁽²⁾_11 is the weight from neuron 1 of layer 1 into neuron 1 of layer 2");
        assertEquals("(2)", w.sup());
        assertEquals("W₁₁⁽²⁾", MATRIX.text(Quantity.wOld(2, 0, 0)));
        assertEquals("W₁₂⁽²⁾", MATRIX.text(Quantity.wOld(2, 0, 1)), "W_jk runs from k into j");
        assertEquals("W₂₁⁽²⁾", MATRIX.text(Quantity.wOld(2, 1, 0)));
        assertEquals("z₁⁽¹⁾", MATRIX.text(Quantity.z(1, 0)));
        assertEquals("a₂⁽²⁾", MATRIX.text(Quantity.a(2, 1)));
        assertEquals("x₂", MATRIX.text(Quantity.a(0, 1)));
        assertEquals("y₂", MATRIX.text(Quantity.target(1)));
        assertEquals("b₂⁽¹⁾", MATRIX.text(Quantity.bOld(1, 1)));
        assertEquals("δ₁⁽²⁾", MATRIX.text(Quantity.delta(2, 0)));
        assertEquals("C", MATRIX.text(Quantity.loss()));
        assertEquals("∂C/∂W₁₂⁽²⁾", MATRIX.text(Quantity.dW(2, 0, 1)));
        assertEquals("W₁₁⁽²⁾′", MATRIX.text(Quantity.w(2, 0, 0)));
        assertEquals("W₁₁⁽²⁾: weight from a₁⁽¹⁾ into a₁⁽²⁾, before the update · layers[2].weights[0][0]",
                MATRIX.describe(Quantity.wOld(2, 0, 0)));
        assertEquals("layers[2].weights[0][0]", MATRIX.path(Quantity.wOld(2, 0, 0)));
    }

    @Test
    void the_matrix_form_separates_indices_with_a_comma_once_a_layer_has_ten_neurons() {
        Network net = Network.builder().input(10).dense(2, Activation.SIGMOID).build();
        Notation n = Notation.of(Notation.Profile.MATRIX, net);
        assertEquals("1,10", n.symbol(Quantity.wOld(1, 0, 9)).sub());
        assertEquals("2,1", n.symbol(Quantity.wOld(1, 1, 0)).sub());
    }

    @Test
    void every_profile_has_an_id_for_links_and_forms() {
        assertEquals(Optional.of(Notation.Profile.SEED), Notation.Profile.byId("seed"));
        assertEquals(Optional.of(Notation.Profile.MAZUR), Notation.Profile.byId(" Mazur "));
        assertEquals(Optional.of(Notation.Profile.MATRIX), Notation.Profile.byId("matrix"));
        assertEquals(Optional.empty(), Notation.Profile.byId("nielsen"));
        assertEquals(Optional.empty(), Notation.Profile.byId(null));
        for (Notation.Profile p : Notation.Profile.values()) {
            assertEquals(Optional.of(p), Notation.Profile.byId(p.id()));
            assertEquals(p, Notation.of(Published.mazur().build(), p).profile());
        }
    }

    @Test
    void a_neuron_id_means_the_same_neuron_in_every_notation() {
        for (Notation.Profile p : Notation.Profile.values()) {
            Notation n = Notation.of(Published.mazur().build(), p);
            assertArrayEquals(new int[] {1, 1}, n.parseNeuron("h2"), p.id());
            assertArrayEquals(new int[] {2, 0}, n.parseNeuron("o1"), p.id());
            assertEquals("h2", n.id(1, 1));
        }
    }

    @Test
    void each_profile_explains_itself_with_an_example_from_the_network() {
        assertTrue(prose(MAZUR.explain()).contains("w₅ runs from h1 into o1 and is the contract's layers[2].weights[0][0]"),
                prose(MAZUR.explain()));
        assertTrue(prose(MATRIX.explain()).contains("W₁₁⁽²⁾ is the contract's layers[2].weights[0][0]"), prose(MATRIX.explain()));
        assertTrue(prose(Notation.of(Published.mazur().build()).explain()).contains("W₃₁ runs from h1 (neuron 3) into o1"));
    }

    private static String prose(Prose p) {
        StringBuilder sb = new StringBuilder();
        for (Expr e : p.parts()) {
            sb.append(e instanceof Expr.Text t ? t.text() : new Unicode(NumberStyle.DEFAULT).write(e));
        }
        return sb.toString();
    }
}
