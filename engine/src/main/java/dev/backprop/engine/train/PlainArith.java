package dev.backprop.engine.train;

import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;

/** Double-precision arithmetic, through the same kernels as the fast path. */
final class PlainArith implements Arith {
    static final PlainArith INSTANCE = new PlainArith();

    private PlainArith() {
    }

    @Override
    public double weightedSum(double[] w, double[] a, double b) {
        return Kernels.dot(w, 0, a, 0, w.length) + b;
    }

    @Override
    public double activate(Activation f, double z) {
        return f.apply(z);
    }

    @Override
    public double[] softmax(double[] z) {
        double[] a = new double[z.length];
        Activation.softmax(z, a, z.length);
        return a;
    }

    @Override
    public double sampleLoss(Loss loss, double[] a, double[] y) {
        return loss.value(a, y);
    }

    @Override
    public double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    @Override
    public double derivative(Activation f, double z, double a) {
        return f.derivativeAt(z, a);
    }

    @Override
    public double outputDelta(Loss loss, Activation f, double a, double derivative, double y, int n) {
        return loss.outputDelta(a, y, n, derivative);
    }

    @Override
    public double hiddenDelta(double[] w, double[] nextDeltas, Activation f, double a, double derivative) {
        return Kernels.dot(w, 0, nextDeltas, 0, w.length) * derivative;
    }

    @Override
    public double meanProduct(double[] deltas, double[] inputs) {
        double sum = 0;
        for (int s = 0; s < deltas.length; s++) {
            sum += deltas[s] * inputs[s];
        }
        return sum / deltas.length;
    }

    @Override
    public double update(double theta, double alpha, double gradient) {
        return Kernels.descend(theta, alpha, gradient);
    }

    @Override
    public double decayed(double gradient, double lambda, double theta) {
        return Kernels.decayed(gradient, lambda, theta);
    }

    @Override
    public double momentumBuffer(double buffer, double mu, double g) {
        return Kernels.momentumBuffer(buffer, mu, g);
    }

    @Override
    public double nesterovUpdate(double theta, double alpha, double g, double mu, double buffer) {
        return Kernels.descend(theta, alpha, Kernels.nesterovDirection(g, mu, buffer));
    }

    @Override
    public double movingAverage(double previous, double rate, double g, boolean squared) {
        return Kernels.movingAverage(previous, rate, 1 - rate, squared ? Kernels.square(g) : g);
    }

    @Override
    public double correction(double rate, int t) {
        return Kernels.correction(rate, t);
    }

    @Override
    public double corrected(double moment, double rate, int t) {
        return Kernels.corrected(moment, Kernels.correction(rate, t));
    }

    @Override
    public double adaptiveUpdate(double theta, double alpha, double x, double y, double epsilon) {
        return Kernels.adaptiveStep(theta, alpha, x, y, epsilon);
    }
}
