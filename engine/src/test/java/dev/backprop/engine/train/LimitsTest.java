package dev.backprop.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LimitsTest {

    static Problem.Builder mazurLike(Network net) {
        double[] x = new double[net.inputSize()];
        double[] y = new double[net.output().size()];
        return Problem.builder().network(net).learningRate(0.5).sample(x, y);
    }

    static Network net(int... sizes) {
        Network.Builder b = Network.builder().input(sizes[0]);
        for (int l = 1; l < sizes.length; l++) {
            b.dense(sizes[l], Activation.SIGMOID);
        }
        return b.build();
    }

    @Test
    void accepts_a_textbook_problem() {
        assertEquals(List.of(), Limits.check(mazurLike(net(2, 2, 2)).epochs(10_000).build()));
    }

    @Test
    void names_each_shape_limit_at_its_field() {
        Network tall = net(2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertEquals(List.of(Limits.layerCount(11)), Limits.check(mazurLike(tall).build()));
        List<FieldError> wide = Limits.check(mazurLike(net(300, 20, 1)).build());
        assertEquals("layers[0].size layers", wide.stream().map(FieldError::field).collect(Collectors.joining(" ")), wide::toString);
        assertEquals("is 300; at most 256 neurons per layer are allowed", wide.get(0).message());
        assertEquals("the network has 6,041 weights and biases; at most 5,000 are allowed", wide.get(1).message());
    }

    @Test
    void names_the_epochs_beyond_the_limit() {
        assertEquals(List.of(new FieldError("epochs", "is 50,001; at most 50,000 are allowed")),
                Limits.check(mazurLike(net(2, 2, 2)).epochs(50_001).build()));
    }

    @Test
    void bounds_work_by_epochs_samples_and_parameters() {
        // 12 parameters × 1 sample × 50,000 epochs = 600,000 units: fine on the fast path, far too much with rounding.
        Problem.Builder b = mazurLike(net(2, 2, 2)).epochs(50_000);
        assertEquals(List.of(), Limits.check(b.build()));
        List<FieldError> exact = Limits.check(b.rounding(Rounding.decimals(4)).build());
        assertEquals(1, exact.size());
        assertEquals("epochs", exact.get(0).field());
        assertTrue(exact.get(0).message().startsWith("50000 epochs × 1 samples × 12 parameters is 600,000 units of work;"
                + " at most 10,000 are allowed with rounding"), exact.get(0).message());
    }

    @Test
    void a_network_near_the_parameter_limit_may_take_one_rounded_step() {
        // A network near the parameter limit can be solved once, with rounding, without meeting another limit.
        Network big = net(47, 100, 1);   // 4,901 parameters
        assertTrue(big.parameterCount() <= Limits.MAX_PARAMETERS);
        assertEquals(List.of(), Limits.check(mazurLike(big).rounding(Rounding.decimals(4)).build()));
    }

    @Test
    void bounds_the_worked_solution_by_batch_and_parameters() {
        Network net = net(30, 30, 2);   // 992 parameters
        Problem.Builder b = mazurLike(net);
        for (int s = 0; s < 10; s++) {
            b.sample(new double[30], new double[2]);
        }
        List<FieldError> errors = Limits.check(b.batchSize(11).build());
        assertEquals(List.of(new FieldError("batchSize", "a batch of 11 samples × 992 parameters makes a worked solution"
                + " of 10,912 terms; at most 10,000 are allowed: use a smaller batch or network")), errors);
    }

    @Test
    void bounds_the_worked_solution_by_worked_updates_and_the_optimizers_state_too() {
        Network net = net(30, 30, 2);   // 992 parameters
        Problem.Builder b = mazurLike(net).epochs(20);
        // ten updates of plain descent: 9,920 terms, allowed
        assertEquals(List.of(), Limits.check(b.workedUpdates(10).build()));
        // Adam keeps four values per parameter and update, 2/5 of a term each: 992 + 1,588 terms an update
        List<FieldError> adam = Limits.check(b.workedUpdates(4).optimizer(Optimizer.adam()).build());
        assertEquals(List.of(new FieldError("workedUpdates", "4 worked updates × (a batch of 1 sample + 4 optimizer values at"
                + " 2/5 each) × 992 parameters makes a worked solution of 10,320 terms; at most 10,000 are allowed: work"
                + " fewer updates, or use a smaller batch or network")), adam);
        assertEquals(List.of(), Limits.check(b.workedUpdates(3).optimizer(Optimizer.adam()).build()));
        assertEquals(List.of(new FieldError("workedUpdates", "is 11; at most 10 updates are worked step by step (training goes"
                + " on for every epoch all the same)")), Limits.check(b.workedUpdates(11).optimizer(Optimizer.SGD).build()));
    }

    @Test
    void a_network_at_the_parameter_limit_may_take_one_adam_step_worked() {
        Network big = net(47, 100, 1);   // 4,901 parameters: 4,901 + 7,842 terms with Adam
        assertEquals("batchSize", Limits.check(mazurLike(big).optimizer(Optimizer.adam()).build()).get(0).field());
        Network half = net(20, 100, 1);  // 2,201 parameters: 2,201 + 3,522 terms
        assertEquals(List.of(), Limits.check(mazurLike(half).optimizer(Optimizer.adam()).build()));
    }
}
