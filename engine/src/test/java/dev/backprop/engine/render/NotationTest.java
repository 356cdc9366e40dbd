package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.trace.Quantity;
import org.junit.jupiter.api.Test;

class NotationTest {
    private static Notation shape(int... sizes) {
        Network.Builder b = Network.builder().input(sizes[0]);
        for (int l = 1; l < sizes.length; l++) {
            b.dense(sizes[l], Activation.SIGMOID);
        }
        return Notation.of(Notation.Profile.SEED, b.build());
    }

    private static String index(Notation n, int l, int j, int i) {
        return n.symbol(Quantity.wOld(l, j, i)).sub();
    }

    private static String bias(Notation n, int l, int j) {
        return n.symbol(Quantity.bOld(l, j)).sub();
    }

    @Test
    void names_the_seeds_network_as_the_seed_does() {
        Notation n = shape(2, 2, 1);
        assertEquals("x1", n.neuron(0, 0));
        assertEquals("h2", n.neuron(1, 1));
        assertEquals("o1", n.neuron(2, 0));
        // The seed: W11 x1→h1, W21 x2→h1, W12 x1→h2, W22 x2→h2, W31 h1→o1, W41 h2→o1; B1, B2 hidden, B3 output.
        assertEquals("11", index(n, 1, 0, 0));
        assertEquals("21", index(n, 1, 0, 1));
        assertEquals("12", index(n, 1, 1, 0));
        assertEquals("22", index(n, 1, 1, 1));
        assertEquals("31", index(n, 2, 0, 0));
        assertEquals("41", index(n, 2, 0, 1));
        assertEquals("1", bias(n, 1, 0));
        assertEquals("3", bias(n, 2, 0));
    }

    @Test
    void maps_the_seeds_names_onto_the_contracts_paths() {
        Notation n = shape(2, 2, 1);
        assertEquals("layers[1].weights[0][1]", n.path(Quantity.wOld(1, 0, 1)), "the contract: the seed's W21 is layers[1].weights[0][1]");
        assertEquals("layers[2].biases[0]", n.path(Quantity.bOld(2, 0)));
        assertEquals("samples[0].target[0]", n.path(Quantity.target(0)));
    }

    @Test
    void numbers_hidden_neurons_on_across_hidden_layers() {
        Notation n = shape(2, 3, 2, 1);
        assertEquals("h4", n.neuron(2, 0));
        assertEquals("h5", n.neuron(2, 1));
        assertEquals("34", index(n, 2, 0, 0), "from h1 (neuron 3) into h4");
        assertEquals("71", index(n, 3, 0, 1), "from h5 (neuron 7) into o1");
        assertEquals("6", bias(n, 3, 0));
    }

    @Test
    void separates_indices_with_a_comma_once_they_reach_ten() {
        Notation n = shape(4, 4, 2);
        assertEquals("5,1", index(n, 2, 0, 0));
        assertEquals("1,1", index(n, 1, 0, 0));
    }

    @Test
    void reads_a_neuron_name_back() {
        Notation n = shape(2, 3, 2, 1);
        assertArrayEquals(new int[] {1, 1}, n.parseNeuron("h2"));
        assertArrayEquals(new int[] {2, 1}, n.parseNeuron("h5"));
        assertArrayEquals(new int[] {3, 0}, n.parseNeuron("o1"));
        assertNull(n.parseNeuron("x1"));
        assertNull(n.parseNeuron("h6"));
        assertNull(n.parseNeuron("o2"));
        assertNull(n.parseNeuron("<b>"));
        assertNull(n.parseNeuron(null));
    }

    @Test
    void writes_per_sample_quantities_with_the_samples_number_in_a_batch() {
        Network net = Network.builder().input(2).dense(1, Activation.SIGMOID).build();
        Problem batch = Problem.builder().network(net).learningRate(0.5).batchSize(2)
                .sample(new double[] {1, 2}, new double[] {0}).sample(new double[] {3, 4}, new double[] {1}).build();
        Notation n = Notation.of(batch);
        assertEquals("(2)", n.symbol(Quantity.delta(1, 0).ofSample(1)).sup());
        assertEquals("(1)", n.symbol(Quantity.z(1, 0)).sup());
        assertEquals("new", n.symbol(Quantity.w(1, 0, 1)).sup());
    }

    @Test
    void a_notation_from_typed_sizes_names_as_one_from_the_network_and_refuses_empty_layers() {
        Notation typed = Notation.of(Notation.Profile.SEED, 2, 3, 2, 1);
        Notation built = shape(2, 3, 2, 1);
        for (Quantity q : new Quantity[] {Quantity.wOld(2, 1, 2), Quantity.bOld(3, 0), Quantity.target(0), Quantity.z(2, 1)}) {
            assertEquals(built.describe(q), typed.describe(q));
        }
        assertEquals("x3", Notation.of(Notation.Profile.SEED, 3).neuron(0, 2), "an input layer alone, as a form may have it");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notation.of(Notation.Profile.SEED, 2, 0, 1));
        assertTrue(e.getMessage().contains("layer 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Notation.of(Notation.Profile.MATRIX, new int[0]));
    }
}
