package dev.backprop.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.support.Published;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's example of marking a class from Java: the code between the markers is copied there verbatim. */
class ReadmeCheckJavaTest {

    @Test
    void the_readmes_class_marking_example_runs_and_marks_as_it_says() {
        Problem problem = Published.mazur().build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream was = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            // README:begin
            AnswerKey key = Checker.answerKey(problem);   // solved once, for the whole class
            AnswerKey.Options options = AnswerKey.Options.DEFAULT.withCarriedForward(0.5);
            List<Map<String, String>> sheets = List.of(
                    Map.of("delta[2][0]", "0.1385", "W[2][0][0]", "0.4410835"),
                    Map.of("delta[2][0]", "0.2", "dW[2][0][0]", "0.118654"));
            for (Map<String, String> sheet : sheets) {
                CheckResult r = key.checkText(sheet, options);
                for (QuantityResult q : r.results()) {
                    System.out.println(q.quantity() + ": " + q.mark().code() + ", " + q.marks() + " — "
                            + q.explanation().text());
                }
                System.out.println("marks: " + r.marks() + " of " + r.total());
            }
            // README:end
        } finally {
            System.setOut(was);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("delta[2][0]: right, 1.0 — δ_o1 = 0.1385 agrees"), lines.get(0));
        assertTrue(lines.get(1).startsWith("W[2][0][0]: wrong, 0.0 — W₃₁^new = 0.4410835 is not 0.35891648"), lines.get(1));
        assertEquals("marks: 1.0 of 2", lines.get(2));
        assertTrue(lines.get(4).startsWith("dW[2][0][0]: carried-forward, 0.5 — "), lines.get(4));
        assertEquals("marks: 0.5 of 2", lines.get(5));
    }
}
