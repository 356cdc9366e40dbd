package dev.backprop.engine.train;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;

/**
 * How the traced path computes each named quantity: in plain double precision, or in exact
 * decimal arithmetic rounded as on paper. Values travel as doubles either way; under rounding
 * they are short decimals, which a double holds and gives back exactly.
 */
interface Arith {
    /** z = Σ_i w_i·a_i + b. */
    double weightedSum(double[] w, double[] a, double b);

    /** a = f(z), element-wise. */
    double activate(Activation f, double z);

    /** a = softmax(z) over the layer. */
    double[] softmax(double[] z);

    /** The loss of one sample. */
    double sampleLoss(Loss loss, double[] a, double[] y);

    /** The mean of xs (data-set loss, a batch's bias gradient). */
    double mean(double[] xs);

    /**
     * f′ of a neuron whose z and a = f(z) were computed: in double precision f′(z) to full relative
     * precision ({@link Activation#derivativeAt}); under rounding f′ written in the rounded a, as on paper.
     */
    double derivative(Activation f, double z, double a);

    /**
     * The output δ (see {@link Loss#outputDelta(double, double, int, double)}), with f′ = derivative;
     * under rounding the product ∂L/∂a·f′(a) is taken exactly from a and rounded once.
     */
    double outputDelta(Loss loss, Activation f, double a, double derivative, double y, int n);

    /**
     * δ_j = (Σ_k w_k·δ_k) · f′_j with f′_j = derivative; under rounding the product with f′ written
     * in a is exact and rounded once.
     */
    double hiddenDelta(double[] w, double[] nextDeltas, Activation f, double a, double derivative);

    /** (1/m) Σ_s δ_s·a_s, a weight's gradient over a batch of m samples. */
    double meanProduct(double[] deltas, double[] inputs);

    /** θ − α·g. */
    double update(double theta, double alpha, double gradient);

    /** g = ∂L/∂θ + λ·θ. */
    double decayed(double gradient, double lambda, double theta);

    /** b = μ·b + g (after the first step, where b = g). */
    double momentumBuffer(double buffer, double mu, double g);

    /** θ − α·(g + μ·b). */
    double nesterovUpdate(double theta, double alpha, double g, double mu, double buffer);

    /** β·previous + (1 − β)·g, or of g² when {@code squared}. */
    double movingAverage(double previous, double rate, double g, boolean squared);

    /** 1 − βᵗ, written as a double (for showing it). */
    double correction(double rate, int t);

    /** m / (1 − βᵗ). */
    double corrected(double moment, double rate, int t);

    /** θ − α·(x / (√y + ε)); the square root in double precision. */
    double adaptiveUpdate(double theta, double alpha, double x, double y, double epsilon);
}
