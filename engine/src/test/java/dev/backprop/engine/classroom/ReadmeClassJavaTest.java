package dev.backprop.engine.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.render.Notation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's example of a class from Java: the code between the markers is copied there verbatim. */
class ReadmeClassJavaTest {

    @Test
    void the_readmes_class_example_draws_variants_and_marks_the_class_as_it_says() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream was = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            // README:begin
            Exercise exercise = Exercise.builder().input(2).dense(2, Activation.SIGMOID).dense(1, Activation.SIGMOID)
                    .loss(Loss.HALF_SQUARED_ERROR).learningRate(0.5).samples(1).build();   // every number drawn
            Variants week3 = Variants.of(exercise, List.of("delta", "W[2][0][0]"), "week-3");
            for (Variant v : week3.variants(List.of("s001", "s002"))) {
                System.out.println(v.student() + " " + v.code() + " " + v.answers());
            }
            String csv = "student,δ_o1,δ_h1,δ_h2,W31\n"
                    + "s001,0.1330,0.02436,-0.01240,0.8291\n"
                    + "s002,,,,\n";
            ClassMarking marked = ClassMarking.mark(week3,
                    ClassCsv.answers(csv, week3, Notation.Profile.SEED, List.of("s001", "s002")), AnswerKey.Options.DEFAULT);
            System.out.print(ClassCsv.gradebook(marked));
            // README:end
        } finally {
            System.setOut(was);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("s001 Q150-1AD {delta[2][0]=0.13297"), lines.get(0));
        assertTrue(lines.get(1).startsWith("s002 "), lines.get(1));
        assertTrue(lines.get(2).startsWith("student,code,correct,total,delta[2][0],"), lines.get(2));
        assertTrue(lines.get(3).startsWith("s001,Q150-1AD,4,4,0.1330,right,"), lines.get(3));
        assertTrue(lines.get(4).contains(",0,4,,blank,"), lines.get(4));
        assertEquals(5, lines.size());
    }
}
