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

    /** The output δ (see {@link Loss#outputDelta(Activation, double, double, int)}). */
    double outputDelta(Loss loss, Activation f, double a, double y, int n);

    /** δ_j = (Σ_k w_k·δ_k) · f'(a_j). */
    double hiddenDelta(double[] w, double[] nextDeltas, Activation f, double a);

    /** (1/m) Σ_s δ_s·a_s, a weight's gradient over a batch of m samples. */
    double meanProduct(double[] deltas, double[] inputs);

    /** θ − α·g. */
    double update(double theta, double alpha, double gradient);
}
