package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.engine.support.Published;
import org.junit.jupiter.api.Test;

/** Fields named in the page's notation, the contract path kept only as a key. */
class FieldNamesTest {
    private static final FieldNames SEED = FieldNames.of(Notation.of(Published.seed().build()));
    private static final FieldNames MAZUR = FieldNames.of(Notation.of(Published.mazur().build(), Notation.Profile.MAZUR));
    private static final FieldNames MATRIX = FieldNames.of(Notation.of(Published.mazur().build(), Notation.Profile.MATRIX));

    @Test
    void a_weight_is_named_by_its_symbol_and_the_neurons_it_joins() {
        // the contract's note: the seed's W_21 is layers[1].weights[0][1]
        assertEquals("W₂₁, the weight from x2 into h1", SEED.name("layers[1].weights[0][1]"));
        assertEquals("w₂, the weight from i2 into h1", MAZUR.name("layers[1].weights[0][1]"));
        assertEquals("w₅, the weight from h1 into o1", MAZUR.name("layers[2].weights[0][0]"));
        assertEquals("W₁₂⁽¹⁾, the weight from x₂ into a₁⁽¹⁾", MATRIX.name("layers[1].weights[0][1]"));
    }

    @Test
    void biases_samples_and_settings_are_named_in_words() {
        assertEquals("B₃, the bias of o1", SEED.name("layers[2].biases[0]"));
        assertEquals("b₂, the bias of o1", MAZUR.name("layers[2].biases[0]"));
        assertEquals("Sample 1's target Y_o1", SEED.name("samples[0].target[0]"));
        assertEquals("Sample 2's input i₁", MAZUR.name("samples[1].input[0]"));
        assertEquals("The learning rate η", MAZUR.name("learningRate"));
        assertEquals("The size of layer 1", SEED.name("layers[1].size"));
        assertEquals("The given value of A_o1", SEED.name("given.a[2][0]"));
        assertEquals("The weights the hidden δ use", SEED.name("hiddenDeltaWeights"));
        assertEquals("Adam's β₂", SEED.name("optimizer.beta2"));
        assertEquals("The weight decay λ", MAZUR.name("optimizer.weightDecay"));
        assertEquals("The number of updates worked step by step", SEED.name("workedUpdates"));
    }

    @Test
    void a_path_beyond_the_network_or_unknown_is_still_named_without_a_made_up_symbol() {
        assertEquals("Weight [5][0] of layer 1", SEED.name("layers[1].weights[5][0]"));
        assertEquals("The given value z[7][0]", SEED.name("given.z[7][0]"));
        assertEquals("nonsense.field", SEED.name("nonsense.field"));
    }
}
