package dev.backprop.engine.support;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * PyTorch's {@code torch.optim} update rules for one parameter at a time, written for the tests from
 * PyTorch's documentation and the order of operations of its single-tensor implementations
 * ({@code torch/optim/sgd.py}, {@code rmsprop.py}, {@code adam.py}), not from the engine:
 *
 * <ul>
 *   <li>SGD: {@code d_p = grad + weight_decay·p}; with momentum {@code buf = clone(d_p)} on the first
 *       step, then {@code buf·momentum + (1 − dampening)·d_p} (dampening 0); Nesterov
 *       {@code d_p + momentum·buf}, else {@code buf}; {@code p − lr·d_p}.</li>
 *   <li>RMSprop: {@code square_avg·alpha + (1 − alpha)·grad²}; {@code p − lr·grad/(√square_avg + eps)}.</li>
 *   <li>Adam: {@code exp_avg.lerp(grad, 1 − β₁)}, that is {@code m + (1 − β₁)(g − m)};
 *       {@code exp_avg_sq·β₂ + (1 − β₂)·grad²}; {@code step_size = lr / (1 − β₁ᵗ)};
 *       {@code denom = √exp_avg_sq / √(1 − β₂ᵗ) + eps}; {@code p − step_size·exp_avg/denom}.</li>
 * </ul>
 *
 * <p>In exact decimals to 40 digits, square roots to 40 digits too. With a rounding rule (the
 * contract's "as on paper"), each quantity the contract names is rounded as the {@code named}
 * function says, in the form the contract writes it (m̂ and v̂ worked on their own), and square
 * roots are taken in double, as exp is. The values of the first few updates are recorded by key,
 * as contract §2 and the README spell them ({@code mW[2][0][0]:2}), for the tests to compare.
 */
public final class TorchRules {
    private static final MathContext WIDE = new MathContext(40, RoundingMode.HALF_EVEN);

    private final String name;
    private final BigDecimal lr;
    private final BigDecimal momentum;
    private final BigDecimal alpha;
    private final BigDecimal eps;
    private final BigDecimal beta1;
    private final BigDecimal beta2;
    private final BigDecimal weightDecay;
    private final boolean rounded;
    private final UnaryOperator<BigDecimal> named;
    private final int recordUpdates;
    private final Map<String, BigDecimal> buffer = new HashMap<>();
    private final Map<String, BigDecimal> squareAvg = new HashMap<>();
    private final Map<String, BigDecimal> expAvg = new HashMap<>();
    private final Map<String, BigDecimal> expAvgSq = new HashMap<>();
    private final Map<String, BigDecimal> recorded = new LinkedHashMap<>();
    private int step;

    /**
     * The rules of one optimizer.
     *
     * @param name          sgd, momentum, nesterov, rmsprop or adam
     * @param named         rounds a named quantity (the identity, to 40 digits, without a rule)
     * @param rounded       whether a rounding rule is in force
     * @param recordUpdates how many updates' values to record
     */
    public TorchRules(String name, double lr, double momentum, double alpha, double eps, double beta1, double beta2,
                      double weightDecay, UnaryOperator<BigDecimal> named, boolean rounded, int recordUpdates) {
        this.name = name;
        this.lr = BigDecimal.valueOf(lr);
        this.momentum = BigDecimal.valueOf(momentum);
        this.alpha = BigDecimal.valueOf(alpha);
        this.eps = BigDecimal.valueOf(eps);
        this.beta1 = BigDecimal.valueOf(beta1);
        this.beta2 = BigDecimal.valueOf(beta2);
        this.weightDecay = BigDecimal.valueOf(weightDecay);
        this.named = named;
        this.rounded = rounded;
        this.recordUpdates = recordUpdates;
    }

    /** Starts the next step (optimizer.step() of PyTorch): every parameter's state advances once. */
    public void beginStep() {
        step++;
    }

    /** The values recorded so far, by key. */
    public Map<String, BigDecimal> recorded() {
        return recorded;
    }

    private void record(String prefix, String param, BigDecimal value) {
        if (step <= recordUpdates) {
            recorded.put(prefix + param + (step > 1 ? ":" + step : ""), value);
        }
    }

    private BigDecimal sqrt(BigDecimal x) {
        if (rounded) {
            return new BigDecimal(Math.sqrt(x.doubleValue()));
        }
        return x.sqrt(WIDE);
    }

    private static BigDecimal div(BigDecimal x, BigDecimal y) {
        return x.divide(y, WIDE);
    }

    /**
     * One parameter's step: its value {@code p} and batch-mean gradient {@code grad} give its new value.
     *
     * @param param its key as an updated value, {@code W[l][j][i]} or {@code b[l][j]}
     */
    public BigDecimal update(String param, BigDecimal p, BigDecimal grad) {
        BigDecimal dp = grad;
        if (weightDecay.signum() != 0) {
            dp = named.apply(grad.add(weightDecay.multiply(p)));
            record("g", param, dp);
        }
        BigDecimal next;
        switch (name) {
            case "sgd":
                next = p.subtract(lr.multiply(dp));
                break;
            case "momentum":
            case "nesterov": {
                BigDecimal buf = buffer.get(param);
                buf = buf == null ? dp : named.apply(buf.multiply(momentum).add(dp));
                buffer.put(param, buf);
                record("mom", param, buf);
                BigDecimal d = name.equals("nesterov") ? dp.add(momentum.multiply(buf)) : buf;
                next = p.subtract(lr.multiply(d));
                break;
            }
            case "rmsprop": {
                BigDecimal avg = squareAvg.getOrDefault(param, BigDecimal.ZERO);
                avg = named.apply(avg.multiply(alpha).add(BigDecimal.ONE.subtract(alpha).multiply(dp).multiply(dp)));
                squareAvg.put(param, avg);
                record("sq", param, avg);
                next = p.subtract(lr.multiply(div(dp, sqrt(avg).add(eps))));
                break;
            }
            case "adam": {
                BigDecimal m = expAvg.getOrDefault(param, BigDecimal.ZERO);
                BigDecimal v = expAvgSq.getOrDefault(param, BigDecimal.ZERO);
                BigDecimal bc1 = BigDecimal.ONE.subtract(beta1.pow(step));
                BigDecimal bc2 = BigDecimal.ONE.subtract(beta2.pow(step));
                if (rounded) {
                    // as on paper: each moment and corrected moment written down (and rounded)
                    m = named.apply(beta1.multiply(m).add(BigDecimal.ONE.subtract(beta1).multiply(dp)));
                    v = named.apply(beta2.multiply(v).add(BigDecimal.ONE.subtract(beta2).multiply(dp).multiply(dp)));
                    BigDecimal mHat = named.apply(div(m, bc1));
                    BigDecimal vHat = named.apply(div(v, bc2));
                    record("mhat", param, mHat);
                    record("vhat", param, vHat);
                    next = p.subtract(lr.multiply(div(mHat, sqrt(vHat).add(eps))));
                } else {
                    // PyTorch's order: lerp, then the corrections folded into the step size and denominator
                    m = m.add(BigDecimal.ONE.subtract(beta1).multiply(dp.subtract(m))).round(WIDE);
                    v = v.multiply(beta2).add(BigDecimal.ONE.subtract(beta2).multiply(dp).multiply(dp)).round(WIDE);
                    BigDecimal stepSize = div(lr, bc1);
                    BigDecimal denom = div(sqrt(v), sqrt(bc2)).add(eps);
                    record("mhat", param, div(m, bc1));
                    record("vhat", param, div(v, bc2));
                    next = p.subtract(stepSize.multiply(div(m, denom)));
                }
                expAvg.put(param, m);
                expAvgSq.put(param, v);
                record("m", param, m);
                record("v", param, v);
                break;
            }
            default:
                throw new IllegalArgumentException(name);
        }
        next = named.apply(next);
        record("", param, next);
        return next;
    }
}
