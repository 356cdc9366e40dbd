package dev.backprop.engine.check;

import dev.backprop.engine.trace.Operand;
import dev.backprop.engine.trace.Step;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The steps of a first update as every replay reads them: in order, each step's position by its
 * quantity's key, and each operand's key and value as an exact decimal, worked out once (a replay
 * reads them millions of times on a large network). Read-only once built, so shared by threads.
 */
final class Trail {
    private final List<Step> steps;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<Operand, String> keys = new IdentityHashMap<>();
    private final Map<Operand, BigDecimal> values = new IdentityHashMap<>();

    private Trail(List<Step> steps) {
        this.steps = List.copyOf(steps);
        for (int i = 0; i < this.steps.size(); i++) {
            Step s = this.steps.get(i);
            index.putIfAbsent(s.quantity().key(), i);
            for (Operand op : Steps.operands(s)) {
                keys.put(op, op.key());
                if (Double.isFinite(op.value())) {
                    values.put(op, BigDecimal.valueOf(op.value()));
                }
            }
        }
    }

    /** The trail of these steps. */
    static Trail of(List<Step> steps) {
        return new Trail(steps);
    }

    /** The steps, in order. */
    List<Step> steps() {
        return steps;
    }

    /** Each step's position by its quantity's key. */
    Map<String, Integer> index() {
        return index;
    }

    /** An operand's key. */
    String key(Operand op) {
        String k = keys.get(op);
        return k != null ? k : op.key();
    }

    /** An operand's value as an exact decimal (its shortest form), or null when it is not finite. */
    @Nullable BigDecimal value(Operand op) {
        BigDecimal v = values.get(op);
        if (v != null || !Double.isFinite(op.value())) {
            return v;
        }
        return BigDecimal.valueOf(op.value());
    }
}
