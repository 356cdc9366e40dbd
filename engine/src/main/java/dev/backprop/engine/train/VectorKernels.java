package dev.backprop.engine.train;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The wide layers' loops written with the JDK's Vector API, at the machine's own vector width
 * ({@link DoubleVector#SPECIES_PREFERRED}: 8 doubles with AVX-512, 4 with AVX2). Only loaded when
 * {@link Lanes#AVAILABLE}. Every double is the one {@link Kernels} computes: a lane does one
 * neuron's (or one input's) arithmetic, the same operations on the same operands in the same order
 * (lane-wise addition, subtraction and multiplication are IEEE operations like the scalar ones, and
 * no sum is split across lanes). Columns the vectors do not cover are done one at a time, in scalar
 * code of the same order.
 *
 * <p>Why not leave it to C2's auto-vectoriser, as {@link Kernels} does: with a loop of 32 neurons,
 * C2 in JDK 17 unrolls too little to use more than 4 lanes, and surrounds the few vector iterations
 * with scalar ones for alignment and the remainder. Here the vectors are as wide as the hardware, a
 * neuron's sum stays in a register across all the inputs (up to four vectors of neurons at once, so
 * four sums are in flight), and the update of the first layer is fused with the next sample's sums.
 */
final class VectorKernels {
    private VectorKernels() {
    }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * z_j = Σ_i W_ji·a_i + b_j for a layer stored input-major ({@code wt[i][j]} = W_ji): each z_j from
     * 0, in input order, bias last — {@link Kernels#weightedSumsByInput}'s doubles.
     */
    static void weightedSumsByInput(double[][] wt, double[] a, int in, double[] b, double[] z, int n) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            for (int i = 0; i < in; i++) {
                double[] row = wt[i];
                double ai = a[i];
                s0 = s0.add(DoubleVector.fromArray(S, row, j).mul(ai));
                s1 = s1.add(DoubleVector.fromArray(S, row, j + L).mul(ai));
                s2 = s2.add(DoubleVector.fromArray(S, row, j + 2 * L).mul(ai));
                s3 = s3.add(DoubleVector.fromArray(S, row, j + 3 * L).mul(ai));
            }
            s0.add(DoubleVector.fromArray(S, b, j)).intoArray(z, j);
            s1.add(DoubleVector.fromArray(S, b, j + L)).intoArray(z, j + L);
            s2.add(DoubleVector.fromArray(S, b, j + 2 * L)).intoArray(z, j + 2 * L);
            s3.add(DoubleVector.fromArray(S, b, j + 3 * L)).intoArray(z, j + 3 * L);
        }
        for (; j + L <= n; j += L) {
            DoubleVector s = DoubleVector.zero(S);
            for (int i = 0; i < in; i++) {
                s = s.add(DoubleVector.fromArray(S, wt[i], j).mul(a[i]));
            }
            s.add(DoubleVector.fromArray(S, b, j)).intoArray(z, j);
        }
        for (; j < n; j++) {
            double s = 0;
            for (int i = 0; i < in; i++) {
                s += wt[i][j] * a[i];
            }
            z[j] = s + b[j];
        }
    }

    /**
     * W_ji ← W_ji − α·δ_j·a_i for a layer stored input-major, written to {@code to} (which may be
     * {@code from}): {@link Kernels#descendByInput}'s doubles.
     */
    static void descendByInput(double[][] from, double[][] to, double[] a, double[] delta, double rate, int in, int n,
                               boolean signedZeros) {
        int j = 0;
        for (; j + L <= n; j += L) {
            DoubleVector d = DoubleVector.fromArray(S, delta, j);
            for (int i = 0; i < in; i++) {
                step(DoubleVector.fromArray(S, from[i], j), d, a[i], rate, signedZeros).intoArray(to[i], j);
            }
        }
        for (; j < n; j++) {
            double dj = delta[j];
            for (int i = 0; i < in; i++) {
                to[i][j] = Kernels.descendOneSample(from[i][j], rate, dj, a[i], signedZeros);
            }
        }
    }

    /**
     * {@link #descendByInput} fused with the next sample's sums through the updated weights:
     * W_ji ← W_ji − α·δ_j·a_i, then z_j = Σ_i W_ji·x_i + b_j for the next sample's input {@code x}
     * and the biases as updated ({@code b}), each weight read once. The same doubles as the update
     * followed by {@link Kernels#weightedSumsByInput}.
     */
    static void descendThenSum(double[][] from, double[][] to, double[] a, double[] delta, double rate, int in, int n,
                               boolean signedZeros, double[] x, double[] b, double[] z) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            DoubleVector d0 = DoubleVector.fromArray(S, delta, j);
            DoubleVector d1 = DoubleVector.fromArray(S, delta, j + L);
            DoubleVector d2 = DoubleVector.fromArray(S, delta, j + 2 * L);
            DoubleVector d3 = DoubleVector.fromArray(S, delta, j + 3 * L);
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            for (int i = 0; i < in; i++) {
                double[] src = from[i];
                double[] dst = to[i];
                double ai = a[i];
                double xi = x[i];
                DoubleVector w0 = step(DoubleVector.fromArray(S, src, j), d0, ai, rate, signedZeros);
                DoubleVector w1 = step(DoubleVector.fromArray(S, src, j + L), d1, ai, rate, signedZeros);
                DoubleVector w2 = step(DoubleVector.fromArray(S, src, j + 2 * L), d2, ai, rate, signedZeros);
                DoubleVector w3 = step(DoubleVector.fromArray(S, src, j + 3 * L), d3, ai, rate, signedZeros);
                w0.intoArray(dst, j);
                w1.intoArray(dst, j + L);
                w2.intoArray(dst, j + 2 * L);
                w3.intoArray(dst, j + 3 * L);
                s0 = s0.add(w0.mul(xi));
                s1 = s1.add(w1.mul(xi));
                s2 = s2.add(w2.mul(xi));
                s3 = s3.add(w3.mul(xi));
            }
            s0.add(DoubleVector.fromArray(S, b, j)).intoArray(z, j);
            s1.add(DoubleVector.fromArray(S, b, j + L)).intoArray(z, j + L);
            s2.add(DoubleVector.fromArray(S, b, j + 2 * L)).intoArray(z, j + 2 * L);
            s3.add(DoubleVector.fromArray(S, b, j + 3 * L)).intoArray(z, j + 3 * L);
        }
        for (; j + L <= n; j += L) {
            DoubleVector d = DoubleVector.fromArray(S, delta, j);
            DoubleVector s = DoubleVector.zero(S);
            for (int i = 0; i < in; i++) {
                DoubleVector w = step(DoubleVector.fromArray(S, from[i], j), d, a[i], rate, signedZeros);
                w.intoArray(to[i], j);
                s = s.add(w.mul(x[i]));
            }
            s.add(DoubleVector.fromArray(S, b, j)).intoArray(z, j);
        }
        for (; j < n; j++) {
            double dj = delta[j];
            double s = 0;
            for (int i = 0; i < in; i++) {
                double w = Kernels.descendOneSample(from[i][j], rate, dj, a[i], signedZeros);
                to[i][j] = w;
                s += w * x[i];
            }
            z[j] = s + b[j];
        }
    }

    /**
     * The rows of a row-major layer ({@code src[k]} is neuron k's row), "original" rule: the sums of
     * the δ below, Σ_k W_ki·δ_k (from 0, in k order, from the weights before the update), into
     * {@code sums}, and every W_ki ← W_ki − α·δ_k·a_i into {@code dst} — {@link Kernels#shareThenDescend}
     * row after row, with the sums kept in registers across the rows. Biases are not touched.
     */
    static void shareThenDescendRows(double[][] src, double[][] dst, double[] a, double[] sums, double[] delta,
                                     double rate, int in, int size, boolean signedZeros) {
        int i = 0;
        for (; i + 2 * L <= in; i += 2 * L) {
            DoubleVector a0 = DoubleVector.fromArray(S, a, i);
            DoubleVector a1 = DoubleVector.fromArray(S, a, i + L);
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = s0;
            for (int k = 0; k < size; k++) {
                double[] from = src[k];
                double[] to = dst[k];
                double dk = delta[k];
                DoubleVector w0 = DoubleVector.fromArray(S, from, i);
                DoubleVector w1 = DoubleVector.fromArray(S, from, i + L);
                s0 = s0.add(w0.mul(dk));
                s1 = s1.add(w1.mul(dk));
                rowStep(w0, a0, dk, rate, signedZeros).intoArray(to, i);
                rowStep(w1, a1, dk, rate, signedZeros).intoArray(to, i + L);
            }
            s0.intoArray(sums, i);
            s1.intoArray(sums, i + L);
        }
        for (; i + L <= in; i += L) {
            DoubleVector av = DoubleVector.fromArray(S, a, i);
            DoubleVector s = DoubleVector.zero(S);
            for (int k = 0; k < size; k++) {
                double dk = delta[k];
                DoubleVector w = DoubleVector.fromArray(S, src[k], i);
                s = s.add(w.mul(dk));
                rowStep(w, av, dk, rate, signedZeros).intoArray(dst[k], i);
            }
            s.intoArray(sums, i);
        }
        for (; i < in; i++) {
            double ai = a[i];
            double s = 0;
            for (int k = 0; k < size; k++) {
                double w = src[k][i];
                double dk = delta[k];
                s += w * dk;
                dst[k][i] = Kernels.descendOneSample(w, rate, dk, ai, signedZeros);
            }
            sums[i] = s;
        }
    }

    // θ − α·(δ·a) lane by lane for one input a across neurons: Kernels.descendOneSample's doubles
    // (δ·a and a·δ are the same product; 0 + p and p + 0 the same sum).
    private static DoubleVector step(DoubleVector w, DoubleVector d, double a, double rate, boolean signedZeros) {
        DoubleVector p = d.mul(a);
        return w.sub((signedZeros ? p.add(0.0) : p).mul(rate));
    }

    // θ − α·(δ·a) lane by lane for one neuron's δ across its inputs a.
    private static DoubleVector rowStep(DoubleVector w, DoubleVector a, double d, double rate, boolean signedZeros) {
        DoubleVector p = a.mul(d);
        return w.sub((signedZeros ? p.add(0.0) : p).mul(rate));
    }
}
