package dev.backprop.engine.classroom;

/**
 * The stream of numbers a student's variant is drawn from: SplitMix64 (Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", 2014), seeded with a 64-bit value, as
 * specified here so that anyone can reproduce a variant:
 *
 * <pre>
 * state = state + 0x9E3779B97F4A7C15            (mod 2^64)
 * z = state
 * z = (z XOR (z >>> 30)) * 0xBF58476D1CE4E5B9   (mod 2^64)
 * z = (z XOR (z >>> 27)) * 0x94D049BB133111EB   (mod 2^64)
 * next = z XOR (z >>> 31)
 * </pre>
 *
 * <p>A whole number below n ({@link #below}) is r mod n for r = next >>> 1 (in [0, 2^63)), drawn
 * again while r ≥ 2^63 − (2^63 mod n), so that every one is equally likely.
 */
final class Draws {
    private long state;

    Draws(long seed) {
        this.state = seed;
    }

    /** The next 64 bits. */
    long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A whole number from 0 to n − 1, each equally likely. */
    int below(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        long limit = Long.MAX_VALUE - Long.remainderUnsigned(Long.MIN_VALUE, n);
        while (true) {
            long r = next() >>> 1;
            // r < 2^63 − (2^63 mod n): Long.MAX_VALUE is 2^63 − 1, so r ≤ limit
            if (r <= limit) {
                return (int) (r % n);
            }
        }
    }

    /** A whole number from lo to hi, each equally likely. */
    int between(int lo, int hi) {
        return lo + below(hi - lo + 1);
    }
}
