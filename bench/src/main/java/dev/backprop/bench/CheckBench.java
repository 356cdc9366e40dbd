package dev.backprop.bench;

import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.check.CheckResult;
import dev.backprop.engine.check.Checker;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to mark one student's answers to the seed's 2-2-1 example with every quantity asked (each
 * z, the loss, every δ, gradient and updated weight and bias: 25 answers), as class marking does
 * it: the problem solved once ({@link AnswerKey}), each student's answers checked against it.
 * Three students: every answer right; every update made in the wrong direction (each one a
 * mistake in its own step); every answer off by an awkward factor, which no known mistake
 * explains (the whole search, throughout the calculation, two at once and rounding, for each).
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar CheckBench
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CheckBench {
    /** The student: {@code right}, {@code direction} (updates added) or {@code unexplained}. */
    @Param({"right", "direction", "unexplained"})
    public String student;

    private Problem problem;
    private AnswerKey key;
    private Map<String, BigDecimal> answers;

    /** Solves the problem once and writes the student's answers. */
    @Setup
    public void setUp() {
        problem = PageCase.seed().problem();
        key = Checker.answerKey(problem);
        answers = answers(key, student);
    }

    /** The student's answers to every quantity of the first update the seed does not state, to six figures. */
    static Map<String, BigDecimal> answers(AnswerKey key, String student) {
        MathContext six = new MathContext(6, RoundingMode.HALF_UP);
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Step s : key.steps()) {
            Quantity.Kind kind = s.quantity().kind();
            if (s instanceof Step.Given || kind == Quantity.Kind.LOSS_AFTER) {
                continue;
            }
            double v = s.value();
            if (student.equals("direction") && s instanceof Step.Update u) {
                // θ + α·g instead of θ − α·g
                v = u.old().value() + u.learningRate().value() * u.gradient().value();
            } else if (student.equals("unexplained")) {
                v = v * 1.37 + 0.0011;
            }
            out.put(s.quantity().key(), new BigDecimal(v).round(six));
        }
        return out;
    }

    /** The problem solved once for marking: what a class's variant costs before any student. */
    @Benchmark
    public AnswerKey answerKey() {
        return Checker.answerKey(problem);
    }

    /** One student's answers checked against the answer key. */
    @Benchmark
    public CheckResult check() {
        return key.check(answers);
    }

    /** {@code POST /api/check}'s engine work: the problem solved and the answers checked. */
    @Benchmark
    public CheckResult solveAndCheck() {
        return Checker.check(problem, answers);
    }
}
