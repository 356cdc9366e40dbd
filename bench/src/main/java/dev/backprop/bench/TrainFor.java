package dev.backprop.bench;

import dev.backprop.engine.train.Trainer;

/**
 * Trains one workload for a while with the engine and the best hand loop, so the JIT compiles their
 * hot code; {@code bench/vectorised} runs it with the JIT's code printed.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.backprop.bench.TrainFor 64-32-10 5
 * }</pre>
 */
public final class TrainFor {
    private TrainFor() {
    }

    /** Arguments: a workload name ({@link TrainCase#named}) and seconds (default 5). */
    public static void main(String[] args) {
        TrainCase c = TrainCase.named(args.length > 0 ? args[0] : "64-32-10");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Trainer engine = Trainer.of(c.problem());
        BestLoop best = new BestLoop(c.network(), c.alpha());
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long epochs = 0;
        while (System.nanoTime() < end) {
            engine.epoch();
            best.epoch(c.inputs(), c.targets());
            epochs++;
        }
        System.out.println(c.name() + ": " + epochs + " epochs of each; engine loss " + engine.loss());
    }
}
