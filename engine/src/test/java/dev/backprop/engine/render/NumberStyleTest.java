package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumberStyleTest {
    private static final NumberStyle NINE = NumberStyle.DEFAULT;

    @Test
    void writes_nine_significant_figures_and_drops_trailing_zeros() {
        assertEquals("−0.0105", NINE.text(-0.010500000000000011));
        assertEquals("0.3925", NINE.text(0.39249999999999996));
        assertEquals("0.593269992", NINE.text(0.5932699921071872));
        assertEquals("0.5", NINE.text(0.5));
        assertEquals("2", NINE.text(2.0));
        assertEquals("0.35891648", NINE.text(0.35891647971788465));
    }

    @Test
    void writes_zero_without_a_sign() {
        assertEquals("0", NINE.text(0.0));
        assertEquals("0", NINE.text(-0.0));
    }

    @Test
    void writes_tiny_and_huge_values_with_a_power_of_ten() {
        assertEquals("4.67435461×10⁻⁶", NINE.text(4.674354613676388e-06));
        assertEquals("−1.23456789×10¹²", NINE.text(-1234567890123.0));
        assertEquals("−0.000050799", NINE.text(-5.079900000000006e-05));
        assertEquals("4.67435461e-6", NINE.ascii(4.674354613676388e-06));
    }

    @Test
    void rounds_to_the_precision_asked_for() {
        assertEquals("0.403", new NumberStyle(3).text(0.4030975));
        assertEquals("−0.001016", new NumberStyle(4).text(-0.0010159800000000012));
        assertEquals("0.39249999999999996", new NumberStyle(17).text(0.39249999999999996));
    }

    @Test
    void exact_is_the_shortest_decimal_that_identifies_the_double() {
        assertEquals("0.1", NumberStyle.exact(0.1));
        assertEquals("0.39249999999999996", NumberStyle.exact(0.39249999999999996));
        assertEquals("-0.010500000000000011", NumberStyle.exact(-0.010500000000000011));
        assertEquals("0.000004674354613676388", NumberStyle.exact(4.674354613676388e-06));
        assertEquals("1.0E-300", NumberStyle.exact(1e-300));
    }

    @Test
    void a_requested_precision_out_of_range_falls_back_to_nine() {
        assertEquals(4, NumberStyle.of("4").digits());
        assertEquals(9, NumberStyle.of(null).digits());
        assertEquals(9, NumberStyle.of("abc").digits());
        assertEquals(9, NumberStyle.of("99").digits());
        assertEquals(9, NumberStyle.of("1").digits());
        assertThrows(IllegalArgumentException.class, () -> new NumberStyle(18));
    }

    @Test
    void rounds_the_doubles_exact_value_even_next_to_a_tie() {
        // Doubles next to a rounding boundary: the nearest double to a decimal tie lies just above or
        // just below it, and only its exact binary value says which way the digits go.
        Random r = new Random(17);
        for (int t = 0; t < 200_000; t++) {
            int digits = NumberStyle.MIN_DIGITS + r.nextInt(NumberStyle.MAX_DIGITS - NumberStyle.MIN_DIGITS + 1);
            double value = switch (t % 4) {
                case 0 -> Double.parseDouble((r.nextBoolean() ? "-" : "") + tie(r, digits) + "e" + (r.nextInt(41) - 20));
                case 1 -> Math.nextUp(Double.parseDouble(tie(r, digits) + "e" + (r.nextInt(41) - 20)));
                case 2 -> Double.longBitsToDouble(r.nextLong());
                default -> r.nextGaussian() * Math.pow(10, r.nextInt(21) - 10);
            };
            if (!Double.isFinite(value) || value == 0) {
                continue;
            }
            BigDecimal oracle = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
            assertEquals(0, oracle.compareTo(new NumberStyle(digits).round(value)), value + " to " + digits + " digits");
        }
    }

    @Test
    void a_tie_in_the_short_decimal_is_decided_by_the_binary_value() {
        // 0.1234567895 is stored as 0.12345678949999999733…, so it rounds down to nine figures.
        assertEquals("0.123456789", NumberStyle.DEFAULT.text(0.1234567895));
        // 9.9999999950000002 is just above the boundary between 9.99999999 and 10.
        assertEquals("10", NumberStyle.DEFAULT.text(Math.nextUp(9.999999995)));
        assertEquals("9.99999999", NumberStyle.DEFAULT.text(Math.nextDown(9.999999995)));
    }

    @Test
    void remembered_numbers_are_told_apart_by_value_and_precision() {
        // Many more values than the memo has slots, each written at two precisions, twice over.
        Random r = new Random(23);
        double[] values = new double[20_000];
        for (int k = 0; k < values.length; k++) {
            values[k] = r.nextGaussian();
        }
        for (int pass = 0; pass < 2; pass++) {
            for (double v : values) {
                for (int digits : new int[] {3, 9}) {
                    BigDecimal oracle = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
                    NumberStyle.Written w = new NumberStyle(digits).write(v);
                    assertEquals(0, oracle.abs().compareTo(new BigDecimal(w.digits())), v + " to " + digits);
                    assertEquals(v < 0, w.negative(), v + " to " + digits);
                }
                assertEquals(0, new BigDecimal(NumberStyle.exact(v)).compareTo(BigDecimal.valueOf(v)), "exact " + v);
            }
        }
    }

    // A decimal with `digits` significant figures followed by a 5: a tie at that precision.
    private static String tie(Random r, int digits) {
        StringBuilder sb = new StringBuilder().append(1 + r.nextInt(9)).append('.');
        for (int k = 1; k < digits; k++) {
            sb.append(r.nextInt(10));
        }
        return sb.append('5').toString();
    }
}
