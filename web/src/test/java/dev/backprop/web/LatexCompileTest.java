package dev.backprop.web;

import static dev.backprop.web.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.web.form.Presets;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exports go into students' homework, so they are compiled with TeX (Debian's pdflatex, as a
 * student would have it): the LaTeX export as the one {@code align*} block it says it is, with
 * amsmath, and every {@code $…$} formula of the Markdown export, for every preset and for problems
 * that use each activation, loss, convention and page form.
 */
class LatexCompileTest {
    private static final Path PDFLATEX = Path.of("/usr/bin/pdflatex");
    private static final Pattern FORMULA = Pattern.compile("\\$\\$(.+?)\\$\\$|\\$(.+?)\\$", Pattern.DOTALL);

    private static Javalin app;
    private static Http http;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        assertTrue(Files.isExecutable(PDFLATEX), "pdflatex is needed (Debian: texlive-latex-base; .ci/run installs it)");
        app = App.create().start(0);
        http = new Http(app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    /** The problems: each preset, then one per feature the exports write differently. */
    static Stream<String[]> problems() {
        List<String[]> cases = new ArrayList<>();
        for (Presets.Preset p : Presets.ALL) {
            cases.add(new String[] {p.id(), p.json(), ""});
        }
        cases.add(new String[] {"tanh, relu and linear; squared error; 3 epochs in batches of 2",
                "{\"layers\": [{\"size\": 2}, {\"size\": 3, \"activation\": \"tanh\"}, {\"size\": 2, \"activation\": \"relu\"},"
                        + " {\"size\": 1, \"activation\": \"linear\"}], \"loss\": \"squared-error\", \"learningRate\": 0.1,"
                        + " \"epochs\": 3, \"batchSize\": 2, \"samples\": [{\"input\": [1, -2], \"target\": [0.5]},"
                        + " {\"input\": [0.5, 0.25], \"target\": [-1]}, {\"input\": [-3, 1e-7], \"target\": [2]}]}", ""});
        cases.add(new String[] {"binary cross-entropy, mean squared error's sibling, updated rule, given values",
                "{\"layers\": [{\"size\": 3}, {\"size\": 2, \"activation\": \"sigmoid\"}, {\"size\": 1, \"activation\": \"sigmoid\"}],"
                        + " \"loss\": \"binary-cross-entropy\", \"learningRate\": 2, \"hiddenDeltaWeights\": \"updated\","
                        + " \"given\": {\"a[1][0]\": 0.5}, \"samples\": [{\"input\": [1, 0, 123456789], \"target\": [1]}]}", ""});
        cases.add(new String[] {"mean squared error, tiny and huge numbers, 3 significant figures",
                "{\"layers\": [{\"size\": 1}, {\"size\": 2, \"activation\": \"linear\", \"weights\": [[1e-9], [-2.5e8]],"
                        + " \"biases\": [0, 1e12]}], \"loss\": \"mean-squared-error\", \"learningRate\": 1e-6,"
                        + " \"samples\": [{\"input\": [3], \"target\": [1, -1]}]}", "&digits=3"});
        cases.add(new String[] {"a 4-8-8-4 network (matrix form), one neuron worked in full",
                "{\"layers\": [{\"size\": 4}, {\"size\": 8, \"activation\": \"relu\"}, {\"size\": 8, \"activation\": \"tanh\"},"
                        + " {\"size\": 4, \"activation\": \"softmax\"}], \"loss\": \"cross-entropy\", \"learningRate\": 0.05,"
                        + " \"seed\": 7, \"samples\": [{\"input\": [0.1, 0.2, 0.3, 0.4], \"target\": [0, 0, 1, 0]}]}", "&neuron=h3"});
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void the_latex_export_compiles(String name, String json, String options) throws Exception {
        String tex = export("tex", json, options);
        assertTrue(tex.contains("\\begin{align*}"), tex);
        compile("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n" + tex + "\n\\end{document}\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void every_formula_of_the_markdown_export_compiles(String name, String json, String options) throws Exception {
        String md = export("md", json, options);
        StringBuilder doc = new StringBuilder("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n");
        Matcher m = FORMULA.matcher(md);
        int formulas = 0;
        while (m.find()) {
            doc.append(m.group(1) != null ? "\\[" + m.group(1) + "\\]" : "$" + m.group(2) + "$").append("\n\n");
            formulas++;
        }
        assertTrue(formulas > 5, "the Markdown has its formulas: " + md);
        compile(doc.append("\\end{document}\n").toString());
    }

    private static String export(String format, String json, String options) {
        HttpResponse<String> r = http.get("/solve." + format + "?problem=" + enc(json) + options);
        assertEquals(200, r.statusCode(), r::body);
        return r.body();
    }

    // Runs pdflatex, stopping at the first error, and fails with the log's error lines when it does not compile.
    private void compile(String document) throws IOException, InterruptedException {
        Path source = dir.resolve("export.tex");
        Files.writeString(source, document, StandardCharsets.UTF_8);
        Process tex = new ProcessBuilder(PDFLATEX.toString(), "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                source.getFileName().toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(tex.waitFor(120, TimeUnit.SECONDS), "pdflatex did not finish");
        if (tex.exitValue() != 0) {
            String log = Files.readString(dir.resolve("out.txt"), StandardCharsets.ISO_8859_1);
            int error = log.indexOf("\n!");
            String[] lines = document.split("\n");
            throw new AssertionError("pdflatex failed:\n" + log.substring(Math.max(0, error), Math.min(log.length(), error + 1500))
                    + "\n--- the document's first lines:\n" + String.join("\n", List.of(lines).subList(0, Math.min(40, lines.length))));
        }
        assertTrue(Files.size(dir.resolve("export.pdf")) > 1000, "a PDF was written");
    }
}
