package dev.backprop.engine.check;

import java.util.List;
import java.util.Optional;

/**
 * The marks for a set of answers, in the order of the worked solution.
 *
 * @param results        one per answer
 * @param correct        how many are right
 * @param carriedForward how many are wrong only because they build on an earlier wrong answer
 * @param total          how many answers were checked
 * @param marking        the rule they were marked by
 */
public record CheckResult(List<QuantityResult> results, int correct, int carriedForward, int total, Marking marking) {
    /** Copies the list. */
    public CheckResult {
        results = List.copyOf(results);
    }

    /** The result for a quantity's key, if it was answered. */
    public Optional<QuantityResult> result(String key) {
        return results.stream().filter(r -> r.quantity().equals(key)).findFirst();
    }
}
