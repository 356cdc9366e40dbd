package dev.backprop.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path's written-out sums give the doubles of the plain loop, signed zeros included. */
class KernelsTest {
    // Values that make rounding order and the sign of zero visible.
    private static final double[] AWKWARD = {0.0, -0.0, 1e-308, -1e-308, 0.1, -0.3, 1e16, -1e16, 3.0, 1.0 / 3};

    @Test
    void smallSumsAreTheLoopsSums() {
        Random r = new Random(11);
        for (int in = 1; in <= Kernels.SMALL; in++) {
            for (int t = 0; t < 20_000; t++) {
                double[] w = values(r, in);
                double[] a = values(r, in);
                double loop = Kernels.dot(w, 0, a, 0, in);
                assertEquals(Double.doubleToRawLongBits(loop), Double.doubleToRawLongBits(Kernels.smallSum(w, a, in)),
                        "in " + in + ": " + Arrays.toString(w) + " · " + Arrays.toString(a));
            }
        }
    }

    @Test
    void negativeZeroTermsSumToPositiveZeroAsTheLoopDoes() {
        double[] w = {-0.0, -0.0};
        double[] a = {1.0, 1.0};
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Kernels.smallSum(w, a, 2)));
    }

    @Test
    void sumsFromTheFirstTermDifferOnlyInTheSignOfAZeroWhichSigmoidIgnores() {
        Random r = new Random(13);
        int zeros = 0;
        for (int in = 1; in <= Kernels.SMALL; in++) {
            for (int t = 0; t < 20_000; t++) {
                double[] w = values(r, in);
                double[] a = values(r, in);
                double b = values(r, 1)[0];
                double fromZero = Kernels.smallSum(w, a, in) + b;
                double fromFirst = Kernels.smallSumFromFirstTerm(w, a, in) + b;
                if (fromZero == 0) {
                    zeros++;
                    assertEquals(0.0, fromFirst, 0.0);
                } else {
                    assertEquals(Double.doubleToRawLongBits(fromZero), Double.doubleToRawLongBits(fromFirst),
                            "in " + in + ": " + Arrays.toString(w) + " · " + Arrays.toString(a) + " + " + b);
                }
                assertEquals(Double.doubleToRawLongBits(Activation.SIGMOID.apply(fromZero)),
                        Double.doubleToRawLongBits(Activation.SIGMOID.apply(fromFirst)));
            }
        }
        assertTrue(zeros > 100, "zero sums were tried: " + zeros);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Kernels.smallSumFromFirstTerm(
                new double[] {-0.0, -0.0}, new double[] {1.0, 1.0}, 2)), "the case that differs");
    }

    @Test
    void weightedSumsOfEveryWidthAreDotPlusBias() {
        Random r = new Random(12);
        for (int in = 1; in <= 9; in++) {
            for (int n = 1; n <= 9; n++) {
                double[][] w = new double[n][];
                for (int j = 0; j < n; j++) {
                    w[j] = values(r, in);
                }
                double[] a = values(r, in);
                double[] b = values(r, n);
                double[] z = new double[n];
                Kernels.weightedSums(w, a, in, b, z, n);
                for (int j = 0; j < n; j++) {
                    double expected = Kernels.dot(w[j], 0, a, 0, in) + b[j];
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(z[j]),
                            "in " + in + ", n " + n + ", neuron " + j);
                }
            }
        }
    }

    @Test
    void weightedSumsByInputAreDotPlusBiasForEveryWidth() {
        Random r = new Random(14);
        for (int in = 1; in <= 9; in++) {
            for (int n = 1; n <= 40; n++) {
                double[][] rows = new double[n][];
                double[][] byInput = new double[in][n];
                for (int j = 0; j < n; j++) {
                    rows[j] = values(r, in);
                    for (int i = 0; i < in; i++) {
                        byInput[i][j] = rows[j][i];
                    }
                }
                double[] a = values(r, in);
                double[] b = values(r, n);
                double[] z = new double[n];
                Kernels.weightedSumsByInput(byInput, a, in, b, z, n);
                for (int j = 0; j < n; j++) {
                    double expected = Kernels.dot(rows[j], 0, a, 0, in) + b[j];
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(z[j]),
                            "in " + in + ", n " + n + ", neuron " + j);
                }
            }
        }
    }

    @Test
    void theOneSampleUpdateNeedsTheZeroOnlyForNegativeZeroWeights() {
        Random r = new Random(15);
        int differ = 0;
        for (int t = 0; t < 200_000; t++) {
            double w = values(r, 1)[0];
            double rate = r.nextBoolean() ? 0.5 : Math.abs(values(r, 1)[0]) + 1e-3;
            double d = values(r, 1)[0];
            double a = values(r, 1)[0];
            double traced = Kernels.descend(w, rate, Kernels.oneSampleGradient(d, a));
            assertEquals(Double.doubleToRawLongBits(traced),
                    Double.doubleToRawLongBits(Kernels.descendOneSample(w, rate, d, a, true)));
            long fast = Double.doubleToRawLongBits(Kernels.descendOneSample(w, rate, d, a, false));
            if (Double.doubleToRawLongBits(w) == Double.doubleToRawLongBits(-0.0)) {
                differ += fast != Double.doubleToRawLongBits(traced) ? 1 : 0;
            } else {
                assertEquals(Double.doubleToRawLongBits(traced), fast, w + " − " + rate + "·(" + d + "·" + a + ")");
                // and an update never turns anything but −0 into −0
                assertTrue(fast != Double.doubleToRawLongBits(-0.0), w + " − " + rate + "·(" + d + "·" + a + ")");
            }
        }
        assertTrue(differ > 0, "the −0 case, where the 0 + matters, was met");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(
                Kernels.descend(-0.0, 0.5, Kernels.oneSampleGradient(-0.0, 1.0))), "−0 − 0.5·(0 + −0) = −0");
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(
                Kernels.descendOneSample(-0.0, 0.5, -0.0, 1.0, false)), "−0 − 0.5·(−0) = +0");
    }

    private static double[] values(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(3) == 0 ? AWKWARD[r.nextInt(AWKWARD.length)] : r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3);
        }
        return v;
    }

    @Test
    void the_layer_form_and_the_fused_sigmoid_give_the_doubles_of_apply_and_derivative_at() {
        List<Double> zs = new ArrayList<>();
        Random r = new Random(99);
        for (int k = -1500; k <= 1500; k++) {
            zs.add(800.0 * k / 1500);
            zs.add((r.nextBoolean() ? 1 : -1) * Math.pow(10, -8 + r.nextDouble() * 10.9));
        }
        zs.add(0.0);
        zs.add(-0.0);
        zs.add(Double.NaN);
        zs.add(Double.POSITIVE_INFINITY);
        zs.add(Double.NEGATIVE_INFINITY);
        double[] z = zs.stream().mapToDouble(Double::doubleValue).toArray();
        for (Activation f : List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LINEAR)) {
            double[] a = new double[z.length];
            double[] d = new double[z.length];
            Kernels.activate(f, z, a, d, z.length);
            // the layer form of σ has no branch on z's sign; for z = NaN its NaN may carry another sign bit
            // (NaN is refused wherever it appears, so only "NaN" matters there)
            for (int j = 0; j < z.length; j++) {
                double aj = f.apply(z[j]);
                double dj = f.derivativeAt(z[j], aj);
                if (f == Activation.SIGMOID && Double.isNaN(z[j])) {
                    assertTrue(Double.isNaN(a[j]) && Double.isNaN(d[j]), f + " at NaN");
                    continue;
                }
                assertEquals(Double.doubleToRawLongBits(aj), Double.doubleToRawLongBits(a[j]), f + " a at " + z[j]);
                assertEquals(Double.doubleToRawLongBits(dj), Double.doubleToRawLongBits(d[j]), f + " f′ at " + z[j]);
            }
        }
        double[] a = new double[1];
        double[] d = new double[1];
        for (double zj : z) {
            Kernels.sigmoid(zj, a, d, 0);
            double aj = Activation.SIGMOID.apply(zj);
            assertEquals(Double.doubleToRawLongBits(aj), Double.doubleToRawLongBits(a[0]), "σ at " + zj);
            assertEquals(Double.doubleToRawLongBits(Activation.SIGMOID.derivativeAt(zj, aj)),
                    Double.doubleToRawLongBits(d[0]), "σ′ at " + zj);
        }
    }
}
