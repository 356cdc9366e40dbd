package dev.backprop.engine.nn;

import java.util.Arrays;

/**
 * One training sample: an input vector and its target output. Immutable: arrays are copied in and out.
 */
public final class Sample {
    private final double[] input;
    private final double[] target;

    /** A sample with the given input and target. */
    public Sample(double[] input, double[] target) {
        this.input = input.clone();
        this.target = target.clone();
    }

    /** A copy of the input. */
    public double[] input() {
        return input.clone();
    }

    /** A copy of the target. */
    public double[] target() {
        return target.clone();
    }

    /** Input i. */
    public double input(int i) {
        return input[i];
    }

    /** Target j. */
    public double target(int j) {
        return target[j];
    }

    /** The input's length. */
    public int inputSize() {
        return input.length;
    }

    /** The target's length. */
    public int targetSize() {
        return target.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && Arrays.equals(input, s.input) && Arrays.equals(target, s.target);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(input) + Arrays.hashCode(target);
    }

    @Override
    public String toString() {
        return "Sample[input=" + Arrays.toString(input) + ", target=" + Arrays.toString(target) + "]";
    }
}
