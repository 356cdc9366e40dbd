package dev.backprop.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.support.HighPrecision;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * f′(z) against an independent high-precision evaluation: σ′(z) = e^(−z)/(1 + e^(−z))² and
 * tanh′(z) = 4e^(−2|z|)/(1 + e^(−2|z|))², evaluated in 40-digit decimals ({@link HighPrecision}).
 */
class ActivationDerivativeTest {
    /** The largest error allowed, in units in the last place of the exact value. */
    private static final double ULPS = 4;

    @Test
    void sigmoid_derivative_keeps_full_relative_precision_from_minus_to_plus_745() {
        assertWithinUlps(Activation.SIGMOID, 745, HighPrecision::sigmoidDerivative);
    }

    @Test
    void tanh_derivative_keeps_full_relative_precision_from_minus_to_plus_372() {
        assertWithinUlps(Activation.TANH, 372, HighPrecision::tanhDerivative);
    }

    private static void assertWithinUlps(Activation f, double limit, DoubleFunction<BigDecimal> exact) {
        double worst = 0;
        for (double z : points(limit)) {
            worst = Math.max(worst, check(f + "′", z, f.derivativeAt(z, f.apply(z)), exact.apply(z)));
        }
        assertTrue(worst <= ULPS, "worst " + worst + " ulps");
    }

    @Test
    void the_forms_written_in_a_lose_what_the_precise_ones_keep() {
        // The oracle has teeth: a(1 − a) and 1 − a² at z = 15 are far off, the precise forms are not.
        double z = 15;
        BigDecimal exactTanh = HighPrecision.tanhDerivative(z);
        double onPaper = Activation.TANH.derivative(Activation.TANH.apply(z));
        assertTrue(HighPrecision.relative(onPaper, exactTanh) > 1e-5, "1 − a² at z = 15 is off by " + HighPrecision.relative(onPaper, exactTanh));
        assertTrue(HighPrecision.relative(Activation.TANH.derivativeAt(z, Activation.TANH.apply(z)), exactTanh) < 1e-15);

        double zs = 30;
        BigDecimal exactSigmoid = HighPrecision.sigmoidDerivative(zs);
        double a = Activation.SIGMOID.apply(zs);
        assertTrue(HighPrecision.relative(Activation.SIGMOID.derivative(a), exactSigmoid) > 1e-3);
        assertTrue(HighPrecision.relative(Activation.SIGMOID.derivativeAt(zs, a), exactSigmoid) < 1e-15);
    }

    @Test
    void saturated_derivatives_are_zero_or_tiny_never_nan() {
        assertEquals(0.0, Activation.SIGMOID.derivativeAt(1000, Activation.SIGMOID.apply(1000)));
        assertEquals(0.0, Activation.SIGMOID.derivativeAt(-1000, Activation.SIGMOID.apply(-1000)));
        assertEquals(0.0, Activation.TANH.derivativeAt(-1000, Activation.TANH.apply(-1000)));
        assertEquals(0.25, Activation.SIGMOID.derivativeAt(-0.0, Activation.SIGMOID.apply(-0.0)));
        assertEquals(1.0, Activation.TANH.derivativeAt(0.0, 0.0));
    }

    // Error of a computed f′ in ulps of the exact value, at most ULPS; where the exact value is below
    // the normal range (a subnormal keeps fewer digits), at most 4 of the smallest subnormals.
    private static double check(String what, double z, double got, BigDecimal exact) {
        double nearest = exact.doubleValue();
        BigDecimal error = new BigDecimal(got).subtract(exact).abs();
        if (nearest < Double.MIN_NORMAL) {
            BigDecimal bound = new BigDecimal(Double.MIN_VALUE).multiply(BigDecimal.valueOf(4));
            assertTrue(error.compareTo(bound) <= 0,
                    what + "(" + z + ") = " + got + ", exactly " + exact.round(new MathContext(20)));
            return 0;
        }
        double ulps = error.divide(new BigDecimal(Math.ulp(nearest)), MathContext.DECIMAL64).doubleValue();
        assertTrue(ulps <= ULPS, what + "(" + z + ") = " + got + ", exactly " + exact.round(new MathContext(20))
                + ": " + ulps + " ulps off");
        return ulps;
    }

    // z over ±limit: a dense uniform grid, values near 0, and random z on a log scale.
    private static List<Double> points(double limit) {
        List<Double> zs = new ArrayList<>();
        for (int k = -1500; k <= 1500; k++) {
            zs.add(limit * k / 1500);
        }
        Random r = new Random(99);
        for (int k = 0; k < 1500; k++) {
            double z = Math.pow(10, -8 + r.nextDouble() * (8 + Math.log10(limit)));
            zs.add(r.nextBoolean() ? z : -z);
        }
        return zs;
    }
}
