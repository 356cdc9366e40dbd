package dev.backprop.engine.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The update rule applied once per batch, following PyTorch's {@code torch.optim} exactly (contract
 * §1 {@code optimizer}): plain gradient descent (the default), SGD with momentum (dampening 0),
 * Nesterov momentum, RMSprop (not centred, no momentum) and Adam with bias correction (not
 * AMSGrad). Every rule may add L2 weight decay to the gradient, g = ∂L/∂θ + λ·θ, as PyTorch's
 * {@code weight_decay} does (not AdamW's decoupled decay). The learning rate α is the problem's.
 *
 * <pre>{@code
 * Optimizer adam = Optimizer.adam(0.9, 0.999, 1e-8).withWeightDecay(0.01);
 * Problem p = Problem.builder().network(net).learningRate(0.1).optimizer(adam).sample(x, y).build();
 * }</pre>
 *
 * <p>The factories refuse a bad value at once, naming its field ({@code optimizer.beta1});
 * {@link #check()} lists every bad value of an optimizer made with the record's constructor (as the
 * JSON reader and the Kotlin DSL make them). Parameters a rule does not use are 0.
 *
 * @param kind        which rule
 * @param momentum    μ, for momentum and Nesterov
 * @param alpha       ρ, RMSprop's smoothing constant (PyTorch's {@code alpha})
 * @param epsilon     ε, for RMSprop and Adam
 * @param beta1       β₁, Adam's first-moment rate
 * @param beta2       β₂, Adam's second-moment rate
 * @param weightDecay λ, L2 weight decay added to the gradient (0 for none)
 */
public record Optimizer(Kind kind, double momentum, double alpha, double epsilon, double beta1, double beta2,
                        double weightDecay) {

    /** Plain gradient descent, θ ← θ − α·∂L/∂θ: the default. */
    public static final Optimizer SGD = new Optimizer(Kind.SGD, 0, 0, 0, 0, 0, 0);

    /** PyTorch's default ε for RMSprop and Adam. */
    public static final double DEFAULT_EPSILON = 1e-8;
    /** PyTorch's default ρ (its {@code alpha}) for RMSprop. */
    public static final double DEFAULT_RMSPROP_ALPHA = 0.99;
    /** PyTorch's default β₁ for Adam. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** PyTorch's default β₂ for Adam. */
    public static final double DEFAULT_BETA2 = 0.999;

    /** The rules on offer, each with its contract name and the fields it reads. */
    public enum Kind {
        /** θ ← θ − α·g. */
        SGD("sgd", "gradient descent (SGD)", List.of()),
        /** b = μ·b + g (b = g on the first step); θ ← θ − α·b. */
        MOMENTUM("momentum", "SGD with momentum", List.of("momentum")),
        /** b as for momentum; θ ← θ − α·(g + μ·b). */
        NESTEROV("nesterov", "SGD with Nesterov momentum", List.of("momentum")),
        /** s = ρ·s + (1 − ρ)·g²; θ ← θ − α·g / (√s + ε). */
        RMSPROP("rmsprop", "RMSprop", List.of("alpha", "epsilon")),
        /** m, v, their bias corrections m̂, v̂; θ ← θ − α·m̂ / (√v̂ + ε). */
        ADAM("adam", "Adam", List.of("beta1", "beta2", "epsilon"));

        private final String id;
        private final String title;
        private final List<String> fields;

        Kind(String id, String title, List<String> fields) {
            this.id = id;
            this.title = title;
            this.fields = fields;
        }

        /** The contract's name, e.g. {@code adam}. */
        public String id() {
            return id;
        }

        /** Its name in a sentence, e.g. "SGD with momentum". */
        public String title() {
            return title;
        }

        /** The fields of {@code optimizer} this rule reads besides {@code name} and {@code weightDecay}. */
        public List<String> fields() {
            return fields;
        }

        /** The rule with this contract name (case and surrounding spaces ignored), if there is one. */
        public static Optional<Kind> byId(String id) {
            String wanted = id.trim().toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.id.equals(wanted)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** SGD with momentum μ (dampening 0): b = μ·b + g, b = g on the first step; θ ← θ − α·b. */
    public static Optimizer momentum(double mu) {
        return checked(new Optimizer(Kind.MOMENTUM, mu, 0, 0, 0, 0, 0));
    }

    /** Nesterov momentum μ &gt; 0: b as for momentum; θ ← θ − α·(g + μ·b). */
    public static Optimizer nesterov(double mu) {
        return checked(new Optimizer(Kind.NESTEROV, mu, 0, 0, 0, 0, 0));
    }

    /** RMSprop with PyTorch's defaults ρ = 0.99, ε = 1e-8. */
    public static Optimizer rmsprop() {
        return rmsprop(DEFAULT_RMSPROP_ALPHA, DEFAULT_EPSILON);
    }

    /** RMSprop: s = ρ·s + (1 − ρ)·g²; θ ← θ − α·g / (√s + ε). */
    public static Optimizer rmsprop(double rho, double epsilon) {
        return checked(new Optimizer(Kind.RMSPROP, 0, rho, epsilon, 0, 0, 0));
    }

    /** Adam with PyTorch's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public static Optimizer adam() {
        return adam(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /** Adam: m = β₁·m + (1 − β₁)·g, v = β₂·v + (1 − β₂)·g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ); θ ← θ − α·m̂/(√v̂ + ε). */
    public static Optimizer adam(double beta1, double beta2, double epsilon) {
        return checked(new Optimizer(Kind.ADAM, 0, 0, epsilon, beta1, beta2, 0));
    }

    /** The same rule with L2 weight decay λ ≥ 0 added to the gradient: g = ∂L/∂θ + λ·θ. */
    public Optimizer withWeightDecay(double lambda) {
        return checked(new Optimizer(kind, momentum, alpha, epsilon, beta1, beta2, lambda));
    }

    private static Optimizer checked(Optimizer o) {
        List<FieldError> errors = o.check();
        if (!errors.isEmpty()) {
            FieldError e = errors.get(0);
            throw new IllegalArgumentException(e.field() + " " + e.message());
        }
        return o;
    }

    /** Whether this is plain gradient descent without weight decay: the update as it always was. */
    public boolean plain() {
        return kind == Kind.SGD && weightDecay == 0;
    }

    /** Whether the rule keeps state per weight and bias (momentum buffers, averages, moments). */
    public boolean stateful() {
        return kind != Kind.SGD;
    }

    /** Whether the gradient has weight decay added. */
    public boolean decays() {
        return weightDecay != 0;
    }

    /**
     * How many worked quantities the rule adds per parameter and update besides the gradient and the
     * updated value: g with weight decay, then the buffer, or the average, or the two moments and their
     * corrections.
     */
    public int stateSteps() {
        int decay = decays() ? 1 : 0;
        return decay + switch (kind) {
            case SGD -> 0;
            case MOMENTUM, NESTEROV, RMSPROP -> 1;
            case ADAM -> 4;
        };
    }

    /**
     * Every bad value, each naming its field ({@code optimizer.beta1} …): the ranges PyTorch accepts
     * (β₁, β₂, ρ and μ in [0, 1), Nesterov's μ above 0), ε above 0 (so that a step is defined where
     * the average is 0) and λ ≥ 0, all finite.
     */
    public List<FieldError> check() {
        List<FieldError> errors = new ArrayList<>();
        switch (kind) {
            case SGD -> {
            }
            case MOMENTUM -> unit(errors, "momentum", momentum, false);
            case NESTEROV -> unit(errors, "momentum", momentum, true);
            case RMSPROP -> {
                unit(errors, "alpha", alpha, false);
                positive(errors, "epsilon", epsilon);
            }
            case ADAM -> {
                unit(errors, "beta1", beta1, false);
                unit(errors, "beta2", beta2, false);
                positive(errors, "epsilon", epsilon);
            }
        }
        if (!Double.isFinite(weightDecay) || weightDecay < 0) {
            errors.add(new FieldError("optimizer.weightDecay", "must be a number ≥ 0 (0 for none), was " + weightDecay));
        }
        return errors;
    }

    // A rate in [0, 1), or (0, 1) where 0 is refused (Nesterov's momentum, as PyTorch refuses it).
    private static void unit(List<FieldError> errors, String field, double value, boolean above0) {
        boolean low = above0 ? !(value > 0) : !(value >= 0);
        if (!Double.isFinite(value) || low || value >= 1) {
            errors.add(new FieldError("optimizer." + field, "must be in " + (above0 ? "(0, 1)" : "[0, 1)")
                    + (above0 ? " (Nesterov momentum needs μ > 0)" : "") + ", was " + value));
        }
    }

    private static void positive(List<FieldError> errors, String field, double value) {
        if (!Double.isFinite(value) || !(value > 0)) {
            errors.add(new FieldError("optimizer." + field, "must be a positive number (it keeps the step defined "
                    + "where the average is 0), was " + value));
        }
    }

    /** The rule in words with its settings, e.g. "Adam (β₁ = 0.9, β₂ = 0.999, ε = 1.0E-8)". */
    public String describe() {
        String settings = switch (kind) {
            case SGD -> "";
            case MOMENTUM, NESTEROV -> "μ = " + momentum;
            case RMSPROP -> "ρ = " + alpha + ", ε = " + epsilon;
            case ADAM -> "β₁ = " + beta1 + ", β₂ = " + beta2 + ", ε = " + epsilon;
        };
        if (decays()) {
            settings += (settings.isEmpty() ? "" : ", ") + "weight decay λ = " + weightDecay;
        }
        return kind.title() + (settings.isEmpty() ? "" : " (" + settings + ")");
    }
}
