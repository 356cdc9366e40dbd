package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Network;
import dev.backprop.engine.train.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"mazur", "xor", "64-32-10", "4-8-8-4", "4-32-32-4"})
    void engine_both_hand_loops_and_encog_give_the_same_weights_after_one_epoch(String name) {
        Agreement.Result r = Agreement.of(TrainCase.named(name));
        assertTrue(r.bestDiff() <= Agreement.TOLERANCE, name + ": engine − best " + r.bestDiff());
        assertTrue(r.handDiff() <= Agreement.TOLERANCE, name + ": engine − hand " + r.handDiff());
        assertTrue(r.encogDiff() <= Agreement.TOLERANCE, name + ": engine − Encog " + r.encogDiff());
        assertTrue(r.moved() > 1e-3, name + ": one epoch moved the parameters by only " + r.moved());
    }

    @Test
    void the_tolerance_catches_a_learning_rate_off_by_one_part_in_a_billion() {
        TrainCase c = TrainCase.wide();
        Trainer t = Trainer.of(c.problem());
        t.epoch();
        Network engine = t.network();
        BestLoop off = new BestLoop(c.network(), c.alpha() * (1 + 1e-9));
        off.epoch(c.inputs(), c.targets());
        double diff = 0;
        for (int l = 1; l < engine.depth(); l++) {
            for (int j = 0; j < engine.size(l); j++) {
                for (int i = 0; i < engine.size(l - 1); i++) {
                    diff = Math.max(diff, Math.abs(engine.layer(l).weight(j, i) - off.weight(l, j, i)));
                }
            }
        }
        assertTrue(diff > Agreement.TOLERANCE, "a learning rate 1e-9 off changed the weights by only " + diff);
    }

    @Test
    void disagreement_and_standing_still_are_refused() {
        assertThrows(IllegalStateException.class, () -> new Agreement.Result("x", 1, 1e-9, 0, 0, 1).requireAgreement());
        assertThrows(IllegalStateException.class, () -> new Agreement.Result("x", 1, 0, 1e-9, 0, 1).requireAgreement());
        assertThrows(IllegalStateException.class, () -> new Agreement.Result("x", 1, 0, 0, Double.NaN, 1).requireAgreement());
        assertThrows(IllegalStateException.class, () -> new Agreement.Result("x", 1, 0, 0, 0, 0).requireAgreement());
    }
}
