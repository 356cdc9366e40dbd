package dev.backprop.web.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
