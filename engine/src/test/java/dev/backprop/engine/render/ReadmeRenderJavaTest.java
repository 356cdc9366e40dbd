package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's worked solution from Java, compiled and run, and the text it shows is what the code prints. */
class ReadmeRenderJavaTest {

    @Test
    void readme_java_render_prints_the_worked_solution() throws IOException {
        Problem problem = Published.mazur().build();
        // README:begin
        Solution solution = Solver.solve(problem);
        System.out.println(solution.render(Format.TEXT));
        String tex = solution.render(Format.LATEX,
                RenderOptions.DEFAULT.withNotation(Notation.Profile.MAZUR).withDigits(6));
        // README:end

        assertTrue(tex.contains("w_{5}^{+} &= w_{5} - \\eta \\cdot"), tex);
        String text = solution.render(Format.TEXT);
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String marker = "```text\n";
        int start = readme.indexOf(marker, readme.indexOf("## The worked solution from code"));
        assertTrue(start >= 0, "the README shows the text it prints");
        String shown = readme.substring(start + marker.length(), readme.indexOf("```", start + marker.length()));
        assertTrue(text.contains(shown), "README.md shows text that Solution.render does not print:\n" + shown);
    }
}
