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

        String output = run(dir, List.of(JAVA, "-cp", classpath(classes, ENGINE_CLASSES), "MazurConsumer"));
        assertTrue(output.contains("delta[2][0] = 0.1384985616"), output);   // Mazur: 0.138498562
        assertTrue(output.contains("lossAfter = 0.29102777"), output);       // Mazur: 0.291027774 (his slip aside)
        assertTrue(output.contains("right: 1 of 2"), output);
        // the worked solution as text and as LaTeX, with neither Jackson nor the Kotlin library on the class path
        // (ASCII parts only: the child's standard output may not be UTF-8)
        assertTrue(output.contains("Worked solution: a 2-2-2 network") && output.contains("= 0.138498562\n"), output);
        assertTrue(output.contains("\\begin{align*}") && output.contains("w_{5}^{+} &= w_{5} - \\eta \\cdot"), output);
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

        String output = run(dir, List.of(JAVA, "-cp", classpath(classes, ENGINE_CLASSES, stdlib), "MazurConsumerKt"));
        assertTrue(output.contains("delta[2][0] = 0.1384985616"), output);
        assertTrue(output.contains("lossAfter = 0.29102777"), output);
        // render() with its defaults and with named arguments, as a Kotlin 2.0 compiler reads the engine's metadata
        assertTrue(output.contains("Worked solution: a 2-2-2 network") && output.contains("= 0.138498562\n"), output);
        assertTrue(output.contains("w_{5}^{+} &= w_{5} - \\eta \\cdot") && output.contains("&= 0.358916"), output);
    }
}
