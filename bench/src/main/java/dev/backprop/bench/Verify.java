package dev.backprop.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Run first by {@code bench/run}: the engine, the two hand loops and Encog agree after one epoch on every
 * workload, and the fast path matches the traced path bit for bit. Exits with status 1 otherwise, so
 * nothing is timed that computes something else.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.backprop.bench.Verify
 * java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar dev.backprop.bench.Verify
 * }</pre>
 */
public final class Verify {
    private Verify() {
    }

    /** Prints the checks and exits 1 if any fails. */
    public static void main(String[] args) {
        boolean ok = true;
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"false".equalsIgnoreCase(System.getProperty("backprop.vector"));
        System.out.println("The engine's loops: " + (vector ? "the Vector API's (jdk.incubator.vector given)"
                : "C2's auto-vectorised ones (no Vector API)"));
        System.out.println("Agreement after one epoch (max |difference| over all weights and biases):");
        System.out.printf("  %-12s %-12s %6s %12s %12s %13s %10s%n", "workload", "shape", "params", "engine-best", "engine-hand",
                "engine-encog", "moved");
        List<String> names = new ArrayList<>(TrainCase.NAMES);
        for (int w : TrainCase.WIDTHS) {
            names.add(TrainCase.square(w).name());
        }
        for (String name : names) {
            TrainCase c = TrainCase.named(name);
            Agreement.Result r = Agreement.of(c);
            System.out.printf("  %-12s %-12s %6d %12.3g %12.3g %13.3g %10.3g%n", name, c.shape(), r.parameters(),
                    r.bestDiff(), r.handDiff(), r.encogDiff(), r.moved());
            try {
                r.requireAgreement();
            } catch (IllegalStateException e) {
                System.out.println("  FAIL " + e.getMessage());
                ok = false;
            }
        }
        int count = 300;
        List<String> failures = new ArrayList<>(PathIdentity.check(count, 20_250_101L));
        failures.addAll(PathIdentity.check(count / 10, 20_250_102L, 40));
        int total = count + count / 10;
        System.out.println("Fast path against the traced path, bit for bit: " + (total - failures.size()) + " of "
                + total + " random problems (layers up to 7 neurons, and up to 40) identical over 2 epochs");
        for (String f : failures) {
            System.out.println("  FAIL " + f);
        }
        if (!ok || !failures.isEmpty()) {
            System.exit(1);
        }
    }
}
