package dev.backprop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects that depend on the engine, as users have them: a Java program compiled and run with the
 * engine alone on its classpath (no Jackson, no Kotlin standard library), and a Kotlin program
 * compiled by the oldest Kotlin compiler we support (2.0), in processes of their own.
 */
class ConsumerTest {
    private static final Path ENGINE_CLASSES = Path.of("target", "classes").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** The engine's test classpath, passed in by the build (maven-dependency-plugin build-classpath). */
    private static List<String> testClasspath() {
        String cp = System.getProperty("engine.test.classpath");
        assertTrue(cp != null && !cp.isBlank(), "the build passes the test classpath as engine.test.classpath");
        return Arrays.asList(cp.split(File.pathSeparator));
    }

    /** The one jar of the test classpath whose file name starts with this artifact's name and version. */
    private static String jar(String nameAndVersion) {
        List<String> found = testClasspath().stream()
                .filter(p -> Path.of(p).getFileName().toString().startsWith(nameAndVersion))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), "one jar " + nameAndVersion + "* on the test classpath: " + found);
        return found.get(0);
    }

    private static String classpath(Object... entries) {
        return Arrays.stream(entries).map(Object::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** Runs a command to its end (at most two minutes); returns its standard output, failing on a non-zero exit. */
    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean ended = p.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(ended, "ended within two minutes: " + command + "\n" + output);
        assertEquals(0, p.exitValue(), command + "\n" + output);
        return output;
    }

    private static Path source(Path dir, String resource) throws IOException {
        Path file = dir.resolve(Path.of(resource).getFileName().toString());
        try (var in = ConsumerTest.class.getResourceAsStream("/consumer/" + resource)) {
            assertTrue(in != null, "test resource consumer/" + resource);
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void a_java_project_compiles_and_runs_with_the_engine_alone_on_its_classpath(@TempDir Path dir) throws Exception {
        Path src = source(dir, "java/MazurConsumer.java");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-cp", classpath(ENGINE_CLASSES, jar("jspecify-")),
                "-d", classes.toString(), src.toString());
        assertEquals(0, status, "javac compiles the consumer against the engine and jspecify only");

        String output = run(dir, List.of(JAVA, "-cp", classpath(classes, ENGINE_CLASSES), "MazurConsumer", "mazur.tex"));
        assertMazur(output, dir.resolve("mazur.tex"));
        assertTrue(output.contains("W[2][0][0]: wrong (update-direction)"), output);
    }

    /**
     * What both consumers print and write, against Mazur's published figures: δ_o1 = 0.138498562, the
     * error 0.291027774 after one step (his slip aside) and 0.0000351085 after 10,000; the worked
     * solution as text (ASCII parts only: the child's standard output may not be UTF-8) and as a
     * LaTeX document that pdflatex compiles; the answers marked.
     */
    private static void assertMazur(String output, Path tex) throws IOException, InterruptedException {
        assertTrue(output.contains("delta[2][0] = 0.1384985616"), output);
        assertTrue(output.contains("lossAfter = 0.29102777"), output);
        assertTrue(output.contains("loss after 10000 epochs = 3.50847"), output);
        assertTrue(output.contains("Worked solution: a 2-2-2 network") && output.contains("= 0.138498562\n"), output);
        assertTrue(output.contains("delta[2][0]: right\n"), output);
        assertTrue(output.contains("right: 1 of 2"), output);
        String latex = Files.readString(tex, StandardCharsets.UTF_8);
        assertTrue(latex.contains("\\begin{align*}") && latex.contains("w_{5}^{+} &= w_{5} - \\eta \\cdot"), latex);
        run(tex.getParent(), List.of("/usr/bin/pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                tex.getFileName().toString()));
        assertTrue(Files.size(tex.resolveSibling("mazur.pdf")) > 1000, "pdflatex wrote a PDF");
    }

    @Test
    void a_kotlin_2_0_project_compiles_against_the_engine_and_runs(@TempDir Path dir) throws Exception {
        Path src = source(dir, "kotlin/MazurConsumer.kt");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String stdlib = jar("kotlin-stdlib-2.0.");
        String compiler = jar("kotlin-compiler-embeddable-2.0.");
        assertTrue(compiler.contains("2.0."), compiler);
        List<String> compile = new ArrayList<>(List.of(JAVA, "-cp", String.join(File.pathSeparator, testClasspath()),
                "org.jetbrains.kotlin.cli.jvm.K2JVMCompiler", "-no-stdlib", "-no-reflect", "-jvm-target", "17",
                "-language-version", "2.0", "-api-version", "2.0",
                "-cp", classpath(ENGINE_CLASSES, stdlib, jar("jspecify-")), "-d", classes.toString(), src.toString()));
        String compilerOutput = run(dir, compile);
        assertTrue(!compilerOutput.contains("incompatible version of Kotlin"), compilerOutput);

        String output = run(dir, List.of(JAVA, "-cp", classpath(classes, ENGINE_CLASSES, stdlib), "MazurConsumerKt", "mazur.tex"));
        // render() with named arguments, firstUpdate and trained, as a Kotlin 2.0 compiler reads the engine's metadata
        assertMazur(output, dir.resolve("mazur.tex"));
        assertTrue(Files.readString(dir.resolve("mazur.tex")).contains("&= 0.358916"), "six significant figures");
        assertTrue(output.contains("W[2][0][0] after training = "), output);
    }

    /** A compiler's exit status and what it printed. */
    private record Compiled(int status, String output) {
    }

    /** Compiles one Kotlin file with the Kotlin 2.0 compiler against the engine alone, as a consumer would. */
    private static Compiled kotlinc(Path dir, String name, String... lines) throws IOException, InterruptedException {
        Path src = dir.resolve(name);
        Files.writeString(src, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes-" + name));
        Path out = dir.resolve(name + ".txt");
        Process p = new ProcessBuilder(JAVA, "-cp", String.join(File.pathSeparator, testClasspath()),
                "org.jetbrains.kotlin.cli.jvm.K2JVMCompiler", "-no-stdlib", "-no-reflect", "-jvm-target", "17",
                "-language-version", "2.0", "-api-version", "2.0",
                "-cp", classpath(ENGINE_CLASSES, jar("kotlin-stdlib-2.0."), jar("jspecify-")), "-d", classes.toString(),
                src.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the compiler ended within two minutes");
        return new Compiled(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void a_network_written_inside_a_dense_layer_or_a_network_does_not_compile(@TempDir Path dir) throws Exception {
        // Written here, not as a resource: the build's own Kotlin compiler must not see it.
        Compiled c = kotlinc(dir, "Misuse.kt",
                "import dev.backprop.engine.dsl.*",
                "fun nestedInDense() = network {",
                "    input(2)",
                "    dense(1, sigmoid) {",
                "        network { input(1) }",
                "    }",
                "}",
                "fun nestedInNetwork() = network {",
                "    input(2)",
                "    network { input(1) }",
                "}");
        assertEquals(1, c.status(), "a compilation error: " + c.output());
        assertTrue(c.output().contains("Misuse.kt:5:") && c.output().contains("network { } inside dense { } builds a separate network"), c.output());
        assertTrue(c.output().contains("Misuse.kt:10:") && c.output().contains("network { } inside network { } builds a second"), c.output());
    }

    @Test
    void the_ambiguous_solution_lookup_compiles_with_a_warning_that_says_which_to_use(@TempDir Path dir) throws Exception {
        Compiled c = kotlinc(dir, "Lookup.kt",
                "import dev.backprop.engine.dsl.*",
                "import dev.backprop.engine.train.Solution",
                "fun ambiguous(s: Solution): Double = s[\"W[1][0][0]\"]",
                "fun numbers() = network { input(2); dense(1, linear) { weights(row(1, 2)); biases(0) } }");
        assertEquals(0, c.status(), c.output());
        assertTrue(c.output().contains("warning") && c.output().contains("firstUpdate[key] (after the first update) or trained[key]"),
                c.output());
    }

    @Test
    void the_readme_shows_both_consumer_programs_whole() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        for (String program : List.of("java/MazurConsumer.java", "kotlin/MazurConsumer.kt")) {
            try (var in = ConsumerTest.class.getResourceAsStream("/consumer/" + program)) {
                String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(readme.contains(code), "README.md shows consumer/" + program + " as it is tested");
            }
        }
    }
}
