package dev.backprop.bench;

import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.check.MistakeValue;
import dev.backprop.engine.classroom.ClassMarking;
import dev.backprop.engine.classroom.Exercise;
import dev.backprop.engine.classroom.Variant;
import dev.backprop.engine.classroom.Variants;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A class of {@value #CLASS} on the seed's 2-2-1 exercise (every weight, bias, input and target
 * drawn; every quantity of the first update asked: 28): variants drawn per second (each student's
 * draws, redrawn until the numbers teach, as {@code POST /api/variants} does), and students marked
 * per second (each student's variant derived again and their answers marked with error carried
 * forward, as {@code POST /api/mark} does; two in three students right to 4 figures, one in three
 * with every update made in the wrong direction).
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar ClassBench
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClassBench {
    /** The class's size. */
    static final int CLASS = 300;

    private Variants variants;
    private List<String> ids;
    private List<ClassMarking.Submission> submissions;

    /** The exercise, the class's ids and their answers. */
    @Setup
    public void setUp() {
        Exercise seed = Exercise.builder().input(2).dense(2, Activation.SIGMOID).dense(1, Activation.SIGMOID)
                .loss(Loss.HALF_SQUARED_ERROR).learningRate(0.5).samples(1).build();
        variants = Variants.of(seed, List.of("all"), "bench");
        ids = new ArrayList<>();
        for (int i = 1; i <= CLASS; i++) {
            ids.add(String.format("s%03d", i));
        }
        submissions = new ArrayList<>();
        MathContext four = new MathContext(4, RoundingMode.HALF_UP);
        for (int i = 0; i < CLASS; i++) {
            Variant v = variants.variant(ids.get(i));
            Map<String, String> answers = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : v.answers().entrySet()) {
                double x = e.getValue();
                if (i % 3 == 2 && e.getKey().matches("[Wb]\\[.*")) {
                    x = v.key().mistakes().inStep(e.getKey()).stream()
                            .filter(m -> m.diagnosis().code().equals("update-direction")).findFirst()
                            .map(MistakeValue::value).orElse(x);
                }
                answers.put(e.getKey(), new BigDecimal(x).round(four).toPlainString());
            }
            submissions.add(new ClassMarking.Submission(v.student(), answers));
        }
    }

    /** The class's variants: one operation per student. */
    @Benchmark
    @OperationsPerInvocation(CLASS)
    public List<Variant> variants() {
        return variants.variants(ids);
    }

    /** The class marked: one operation per student. */
    @Benchmark
    @OperationsPerInvocation(CLASS)
    public ClassMarking mark() {
        return ClassMarking.mark(variants, submissions, AnswerKey.Options.DEFAULT);
    }
}
