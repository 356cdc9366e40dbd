package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.train.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optimised fast path against the traced path, bit for bit, and its reloading. */
class TrainerIdentityTest {

    @Test
    void fast_path_matches_the_traced_path_bit_for_bit_on_small_random_problems() {
        assertEquals(List.of(), PathIdentity.check(200, 11L));
    }

    @Test
    void fast_path_matches_the_traced_path_bit_for_bit_on_wide_layers() {
        // widths past 8 run the JIT's vectorised loops and the four-neuron blocks of the forward pass
        assertEquals(List.of(), PathIdentity.check(25, 12L, 40));
    }

    @Test
    void signed_zeros_come_out_as_on_the_traced_path() {
        // −0 weights and 0 inputs make gradients of −0: the traced path's batch mean (0 + δ·a)/1 turns them into +0
        Network net = Network.of(3, List.of(
                new Layer(Activation.RELU, new double[][] {{-0.0, 0.5, -0.0}, {0.3, -0.0, -0.2}}, new double[] {-0.0, 0.1}),
                new Layer(Activation.LINEAR, new double[][] {{-0.0, 0.7}}, new double[] {-0.0})));
        for (HiddenDeltaWeights rule : HiddenDeltaWeights.values()) {
            Problem p = Problem.builder().network(net).learningRate(0.1).hiddenDeltaWeights(rule)
                    .sample(new double[] {0.0, -0.0, 1.0}, new double[] {0.25})
                    .sample(new double[] {-0.0, 0.0, 0.0}, new double[] {-0.5})
                    .build();
            assertNull(PathIdentity.compare(p), rule.toString());
        }
    }

    @Test
    void loading_the_same_network_again_starts_training_over() {
        TrainCase c = TrainCase.xor();
        Trainer fresh = Trainer.of(c.problem());
        fresh.epoch();
        Network once = fresh.network();

        Trainer reused = Trainer.of(c.problem());
        for (int k = 0; k < 3; k++) {
            reused.epoch();
        }
        assertNotEquals(once, reused.network());
        reused.load(c.network());
        assertEquals(c.network(), reused.network());
        reused.epoch();
        assertEquals(once, reused.network());
    }

    @Test
    void loading_another_network_then_the_first_again_uses_each_ones_values() {
        TrainCase c = TrainCase.xor();
        Network other = TrainCase.named("xor").network().withLayer(1, new Layer(Activation.SIGMOID,
                new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}}, new double[] {0, 0, 0, 0}));
        Trainer t = Trainer.of(c.problem());
        t.load(other);
        assertEquals(other, t.network());
        t.epoch();
        t.load(c.network());
        t.epoch();
        Trainer fresh = Trainer.of(c.problem());
        fresh.epoch();
        assertEquals(fresh.network(), t.network());
    }

    @Test
    void load_refuses_a_network_of_another_shape() {
        Trainer t = Trainer.of(TrainCase.xor().problem());
        assertThrows(IllegalArgumentException.class, () -> t.load(TrainCase.mazur().network()));
    }
}
