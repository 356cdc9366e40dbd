package dev.backprop.engine.train;

import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The largest problem a shared server solves for anyone who asks: bounds on the network's shape,
 * the data set, the training work and the size of the worked solution, chosen so that every
 * accepted problem is solved in well under a second on two cores and its JSON answer stays under
 * about 5 MB.
 *
 * <pre>{@code
 * List<FieldError> tooBig = Limits.check(problem);   // empty when the problem may be solved
 * }</pre>
 *
 * <p>{@code ProblemJson.read} applies these limits to every problem it reads (sizes before anything
 * is allocated); the solver itself does not, so trusted code may solve larger problems.
 *
 * <p>Training work is counted as epochs × samples × parameters (a multiply-add per parameter
 * forward and two backward, for each sample of each epoch); the fast path does one unit in 3–7 ns
 * and each sample pass (epochs × samples) costs another 110–160 ns, so the passes are bounded too.
 * With a rounding rule every quantity is an exact decimal: a unit costs 5–50 µs and a pass about
 * 0.1–1 ms, so both are bounded far more tightly. (Measured with other builds running on the two
 * cores; an idle machine is about twice as fast.) The worked solution of the first update has about
 * 650 bytes of JSON per parameter and sample of the first batch, and each worked update as much again,
 * with a term more per value of the optimizer's state; {@link #MAX_TRACE} bounds their sum.
 */
public final class Limits {
    /** The most entries in {@code layers}, the input layer included. */
    public static final int MAX_LAYERS = 10;
    /** The most neurons in one layer (the input layer included). */
    public static final int MAX_NEURONS = 256;
    /** The most weights and biases in the network. */
    public static final int MAX_PARAMETERS = 5_000;
    /** The most samples. */
    public static final int MAX_SAMPLES = 10_000;
    /** The most epochs. */
    public static final int MAX_EPOCHS = 50_000;
    /** The most training work (epochs × samples × parameters) without rounding. */
    public static final long MAX_WORK = 100_000_000L;
    /** The most sample passes (epochs × samples) without rounding. */
    public static final long MAX_PASSES = 2_000_000L;
    /** The most training work (epochs × samples × parameters) with a rounding rule (exact decimals). */
    public static final long MAX_EXACT_WORK = 10_000L;
    /** The most sample passes (epochs × samples) with a rounding rule (exact decimals). */
    public static final long MAX_EXACT_PASSES = 500L;
    /**
     * The most terms in the worked solution: it lists every parameter's gradient with one term per
     * sample of the batch in each worked update, and each value of the optimizer's state (2/5 of a
     * term each), so this bounds the size of {@code steps}.
     */
    public static final long MAX_TRACE = 10_000L;
    /** The most updates worked step by step ({@code workedUpdates}). */
    public static final int MAX_WORKED_UPDATES = 10;

    private Limits() {
    }

    /**
     * Every limit the problem goes beyond, each naming the field to change and the limit in its
     * message; empty when the problem may be solved.
     */
    public static List<FieldError> check(Problem problem) {
        List<FieldError> errors = new ArrayList<>();
        int depth = problem.network().depth();
        if (depth > MAX_LAYERS) {
            errors.add(layerCount(depth));
        }
        for (int l = 0; l < depth; l++) {
            int size = problem.network().size(l);
            if (size > MAX_NEURONS) {
                errors.add(layerSize(l, size));
            }
        }
        long parameters = problem.network().parameterCount();
        if (parameters > MAX_PARAMETERS) {
            errors.add(parameterCount(parameters));
        }
        int samples = problem.samples().size();
        if (samples > MAX_SAMPLES) {
            errors.add(sampleCount(samples));
        }
        if (problem.epochs() > MAX_EPOCHS) {
            errors.add(epochCount(problem.epochs()));
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        long work = (long) problem.epochs() * samples * parameters;
        boolean exact = problem.rounding() != null;
        long maxWork = exact ? MAX_EXACT_WORK : MAX_WORK;
        long passes = (long) problem.epochs() * samples;
        if (work > maxWork) {
            errors.add(new FieldError("epochs", problem.epochs() + " epochs × " + samples + " samples × "
                    + parameters + " parameters is " + number(work) + " units of work; at most "
                    + number(maxWork) + " are allowed" + (exact ? " with rounding (exact decimals are slow)" : "")
                    + ": use fewer epochs or samples, or a smaller network"));
        } else if (passes > (exact ? MAX_EXACT_PASSES : MAX_PASSES)) {
            errors.add(new FieldError("epochs", problem.epochs() + " epochs × " + samples + " samples is "
                    + number(passes) + " passes; at most " + number(exact ? MAX_EXACT_PASSES : MAX_PASSES)
                    + " are allowed" + (exact ? " with rounding (exact decimals are slow)" : "")
                    + ": use fewer epochs or samples"));
        }
        int worked = problem.workedUpdates();
        if (worked > MAX_WORKED_UPDATES) {
            errors.add(new FieldError("workedUpdates", "is " + worked + "; at most " + MAX_WORKED_UPDATES
                    + " updates are worked step by step (training goes on for every epoch all the same)"));
            return errors;
        }
        // Each worked update lists every parameter's gradient with a term per sample of its batch (about
        // 650 bytes of JSON with the forward pass and the update), and every value of the optimizer's
        // state for each parameter, about 250 bytes each: 2/5 of a term.
        int batch = problem.effectiveBatchSize();
        int state = problem.optimizer().stateSteps();
        long trace = traceTerms(worked, batch, state, parameters);
        if (trace > MAX_TRACE) {
            if (worked == 1 && state == 0) {
                errors.add(new FieldError("batchSize", "a batch of " + batch + " samples × "
                        + parameters + " parameters makes a worked solution of " + number(trace)
                        + " terms; at most " + number(MAX_TRACE) + " are allowed: use a smaller batch or network"));
            } else {
                errors.add(new FieldError(worked > 1 ? "workedUpdates" : "batchSize", worked + (worked == 1 ? " worked update" : " worked updates")
                        + " × (a batch of " + batch + (batch == 1 ? " sample" : " samples")
                        + (state > 0 ? " + " + state + " optimizer " + (state == 1 ? "value" : "values") + " at 2/5 each" : "")
                        + ") × " + parameters + " parameters makes a worked solution of " + number(trace) + " terms; at most "
                        + number(MAX_TRACE) + " are allowed: work fewer updates, or use a smaller batch or network"));
            }
        }
        return errors;
    }

    /**
     * The size of a worked solution in terms: per worked update, each parameter's gradient has a term
     * per sample of the batch, and each value of the optimizer's state counts 2/5 of a term.
     */
    static long traceTerms(int worked, int batch, int state, long parameters) {
        long perUpdate = (long) batch * parameters + (2L * state * parameters + 4) / 5;
        return worked * perUpdate;
    }

    /** The error for a {@code layers} array of {@code count} entries, beyond {@link #MAX_LAYERS}. */
    public static FieldError layerCount(long count) {
        return new FieldError("layers", "has " + count + " layers; at most " + MAX_LAYERS
                + " are allowed (the input layer counts)");
    }

    /** The error for layer l of {@code size} neurons, beyond {@link #MAX_NEURONS}. */
    public static FieldError layerSize(int l, long size) {
        return new FieldError("layers[" + l + "].size", "is " + number(size) + "; at most " + MAX_NEURONS
                + " neurons per layer are allowed");
    }

    /** The error for a network of {@code count} parameters, beyond {@link #MAX_PARAMETERS}. */
    public static FieldError parameterCount(long count) {
        return new FieldError("layers", "the network has " + number(count) + " weights and biases; at most "
                + number(MAX_PARAMETERS) + " are allowed");
    }

    /** The error for {@code count} samples, beyond {@link #MAX_SAMPLES}. */
    public static FieldError sampleCount(long count) {
        return new FieldError("samples", "has " + number(count) + " samples; at most " + number(MAX_SAMPLES)
                + " are allowed");
    }

    /** The error for {@code count} epochs, beyond {@link #MAX_EPOCHS}. */
    public static FieldError epochCount(long count) {
        return new FieldError("epochs", "is " + number(count) + "; at most " + number(MAX_EPOCHS) + " are allowed");
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
