package dev.backprop.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Rounding;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MarkingTest {
    private static boolean agrees(String given, String value) {
        return Marking.agrees(new BigDecimal(given), new BigDecimal(value));
    }

    @Test
    void an_answer_within_one_unit_of_its_last_digit_is_right() {
        assertTrue(agrees("0.1385", "0.138498562"));
        assertTrue(agrees("0.138", "0.138498562"));
        assertTrue(agrees("0.139", "0.138498562"));
        assertTrue(agrees("0.13849856", "0.138498562"));
        assertTrue(agrees("-0.00101", "-0.00101598"));
    }

    @Test
    void an_answer_a_unit_or_more_away_is_wrong() {
        assertFalse(agrees("0.1380", "0.138498562"));
        assertFalse(agrees("0.1387", "0.138498562"));
        // exactly one unit away is not within one unit
        assertFalse(agrees("0.3", "0.4"));
        assertFalse(agrees("0.1385", "-0.138498562"));
    }

    @Test
    void an_answer_needs_two_significant_figures_unless_it_is_exact() {
        assertFalse(agrees("0", "0.3"));
        assertFalse(agrees("0.1", "0.1385"));
        assertFalse(agrees("0.00005", "0.0000505"));
        assertTrue(agrees("0.000051", "0.0000505"));
        assertTrue(agrees("0.6", "0.6"));
        assertTrue(agrees("0.60", "0.6"));
        assertTrue(agrees("0", "0"));
        assertFalse(agrees("0.001", "0"));
    }

    @Test
    void the_unit_is_that_of_the_last_digit_written() {
        assertEquals(0, new BigDecimal("0.0001").compareTo(Marking.unit(new BigDecimal("0.1380"))));
        assertEquals(0, BigDecimal.ONE.compareTo(Marking.unit(new BigDecimal("12"))));
    }

    @Test
    void under_a_rounding_rule_the_value_rounded_as_you_go_is_right_too() {
        Marking m = new Marking(Rounding.decimals(3));
        // exact 0.05347, rounded as you go 0.0532: both 0.0532 and 0.0535 are right, 0.0533 is not
        assertEquals(Marking.MarkedBy.ROUNDING_RULE, m.mark(new BigDecimal("0.0532"), 0.05347, 0.0532));
        assertEquals(Marking.MarkedBy.DIGITS_WRITTEN, m.mark(new BigDecimal("0.0535"), 0.05347, 0.0532));
        assertNull(m.mark(new BigDecimal("0.0533"), 0.05347, 0.0532));
        assertNull(new Marking(null).mark(new BigDecimal("0.0532"), 0.05347, 0.0532));
    }

    @Test
    void the_rule_is_stated_with_the_problems_rounding() {
        assertTrue(new Marking(null).describe(new BigDecimal("0.427059316")).contains("within one unit of the last digit"));
        assertTrue(new Marking(Rounding.decimals(4)).describe(new BigDecimal("0.427059316")).contains("rounded as you go to 4 decimal places"));
    }
}
