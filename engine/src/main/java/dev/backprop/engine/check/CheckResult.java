package dev.backprop.engine.check;

import java.util.List;
import java.util.Optional;

/**
 * The marks for a set of answers, in the order of the worked solution.
 *
 * @param results        one per answer
 * @param correct        how many are right
 * @param carriedForward how many are right from the student's own earlier answers (not counted in {@code correct})
 * @param total          how many answers were checked
 * @param marks          the marks earned, the sum of the results' {@link QuantityResult#marks()}
 * @param marking        the rule they were marked by
 * @param rule           the rule in a sentence, with an example that is no value of this problem
 */
public record CheckResult(List<QuantityResult> results, int correct, int carriedForward, int total, double marks,
                          Marking marking, String rule) {
    /** Copies the list. */
    public CheckResult {
        results = List.copyOf(results);
    }

    /** The result for a quantity's key, if it was answered. */
    public Optional<QuantityResult> result(String key) {
        return results.stream().filter(r -> r.quantity().equals(key)).findFirst();
    }
}
