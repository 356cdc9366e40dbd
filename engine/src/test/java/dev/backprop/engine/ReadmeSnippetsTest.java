package dev.backprop.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's Java and Kotlin examples are copies of code the tests compile and run. */
class ReadmeSnippetsTest {

    @ParameterizedTest
    @CsvSource({
        "src/test/java/dev/backprop/engine/dsl/ReadmeJavaExampleTest.java",
        "src/test/kotlin/dev/backprop/engine/dsl/ReadmeKotlinExampleTest.kt",
        "src/test/java/dev/backprop/engine/render/ReadmeRenderJavaTest.java",
        "src/test/kotlin/dev/backprop/engine/dsl/RenderKotlinTest.kt",
        "src/test/java/dev/backprop/engine/check/ReadmeCheckJavaTest.java",
        "src/test/java/dev/backprop/engine/classroom/ReadmeClassJavaTest.java"
    })
    void readme_shows_the_tested_example_verbatim(String source) throws IOException {
        String code = Files.readString(Path.of(source), StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        // Every marked region of the file, each shown in the README as it is.
        for (int at = code.indexOf("// README:begin"); at >= 0; at = code.indexOf("// README:begin", at + 1)) {
            String region = code.substring(at, code.indexOf("// README:end", at));
            String snippet = region.lines().skip(1)
                    .map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                    .collect(Collectors.joining("\n"));
            assertTrue(readme.contains(snippet), "README.md lacks an example of " + source + ":\n" + snippet);
        }
    }
}
