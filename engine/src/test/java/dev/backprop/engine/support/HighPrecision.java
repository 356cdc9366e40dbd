package dev.backprop.engine.support;

import java.math.BigDecimal;
import java.math.MathContext;

/** An independent oracle for exp and the activation derivatives: decimal series far beyond double precision. */
public final class HighPrecision {
    /** The precision of every result: 40 significant digits. */
    public static final MathContext MC = new MathContext(40);
    private static final MathContext WIDE = new MathContext(60);

    private HighPrecision() {
    }

    /** e^x to 40 digits: e^x = (e^(x/2^k))^(2^k) with |x/2^k| ≤ 1/2, the series summed until its terms vanish. */
    public static BigDecimal exp(BigDecimal x) {
        int k = 0;
        BigDecimal y = x;
        while (y.abs().compareTo(new BigDecimal("0.5")) > 0) {
            y = y.divide(BigDecimal.valueOf(2), WIDE);
            k++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 100 && term.abs().compareTo(BigDecimal.ONE.movePointLeft(70)) >= 0; n++) {
            term = term.multiply(y, WIDE).divide(BigDecimal.valueOf(n), WIDE);
            sum = sum.add(term, WIDE);
        }
        for (int i = 0; i < k; i++) {
            sum = sum.multiply(sum, WIDE);
        }
        return sum.round(MC);
    }

    /** σ′(z) = e^(−z)/(1 + e^(−z))² at the exact value of the double z. */
    public static BigDecimal sigmoidDerivative(double z) {
        BigDecimal t = exp(new BigDecimal(-z));
        BigDecimal d = BigDecimal.ONE.add(t);
        return t.divide(d.multiply(d), MC);
    }

    /** tanh′(z) = sech² z = 4e^(−2|z|)/(1 + e^(−2|z|))² at the exact value of the double z. */
    public static BigDecimal tanhDerivative(double z) {
        BigDecimal u = exp(new BigDecimal(-2 * Math.abs(z)));
        BigDecimal d = BigDecimal.ONE.add(u);
        return u.multiply(BigDecimal.valueOf(4)).divide(d.multiply(d), MC);
    }

    /** |got − exact| / |exact|. */
    public static double relative(double got, BigDecimal exact) {
        return new BigDecimal(got).subtract(exact).abs().divide(exact.abs(), MathContext.DECIMAL64).doubleValue();
    }
}
