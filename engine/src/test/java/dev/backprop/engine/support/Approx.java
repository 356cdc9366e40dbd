package dev.backprop.engine.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Assertions for numbers that agree to a relative tolerance with a small absolute floor. */
public final class Approx {
    /** The tolerance the contract asks of unrounded values: 1e-9 relative. */
    public static final double RELATIVE = 1e-9;
    /** The absolute floor below which two values count as equal (values of cancellations, zeros). */
    public static final double FLOOR = 1e-13;

    private Approx() {
    }

    /** Whether a and b agree to {@code rel} relative or {@code abs} absolute. */
    public static boolean close(double a, double b, double rel, double abs) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
            return false;
        }
        return Math.abs(a - b) <= abs + rel * Math.max(Math.abs(a), Math.abs(b));
    }

    /** Asserts that actual agrees with expected to 1e-9 relative (floor 1e-13). */
    public static void assertClose(double expected, double actual, String what) {
        assertClose(expected, actual, RELATIVE, FLOOR, what);
    }

    /** Asserts that actual agrees with expected to the given relative and absolute tolerances. */
    public static void assertClose(double expected, double actual, double rel, double abs, String what) {
        if (!close(expected, actual, rel, abs)) {
            fail(what + ": expected " + expected + " but was " + actual + " (difference " + (actual - expected) + ")");
        }
    }

    /** Asserts element by element, naming the element that differs. */
    public static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int j = 0; j < expected.length; j++) {
            assertClose(expected[j], actual[j], what + "[" + j + "]");
        }
    }

    /** Asserts element by element, naming the element that differs. */
    public static void assertClose(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int j = 0; j < expected.length; j++) {
            assertClose(expected[j], actual[j], what + "[" + j + "]");
        }
    }
}
