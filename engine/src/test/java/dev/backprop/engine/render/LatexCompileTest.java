package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exports go into students' homework, so they are compiled with TeX (Debian's pdflatex, as a
 * student would have it): the LaTeX export as the one {@code align*} block it says it is, with
 * amsmath, and every {@code $…$} formula of the Markdown export, in every notation, for the
 * published examples and for problems that use each activation, loss, convention and form.
 */
class LatexCompileTest {
    private static final Path PDFLATEX = Path.of("/usr/bin/pdflatex");
    private static final Pattern FORMULA = Pattern.compile("\\$\\$(.+?)\\$\\$|\\$(.+?)\\$", Pattern.DOTALL);

    @TempDir
    Path dir;

    @BeforeAll
    static void pdflatex() {
        assertTrue(Files.isExecutable(PDFLATEX), "pdflatex is needed (Debian: texlive-latex-base; .ci/run installs it)");
    }

    static Stream<RenderCases.Case> cases() {
        return RenderCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_latex_and_every_markdown_formula_compile_in_every_notation(RenderCases.Case c) throws Exception {
        Solution solution = Solver.solve(c.problem());
        // One document per problem: each notation's align* block, then each notation's Markdown formulas.
        StringBuilder doc = new StringBuilder("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n");
        for (Notation.Profile profile : Notation.Profile.values()) {
            String tex = solution.render(Format.LATEX, c.options(profile));
            assertTrue(tex.contains("\\begin{align*}"), tex);
            doc.append("% ---- ").append(profile.id()).append(" notation, LaTeX\n").append(tex).append('\n');
        }
        for (Notation.Profile profile : Notation.Profile.values()) {
            String md = solution.render(Format.MARKDOWN, c.options(profile));
            doc.append("% ---- ").append(profile.id()).append(" notation, Markdown formulas\n");
            Matcher m = FORMULA.matcher(md);
            int formulas = 0;
            while (m.find()) {
                doc.append(m.group(1) != null ? "\\[" + m.group(1) + "\\]" : "$" + m.group(2) + "$").append("\n\n");
                formulas++;
            }
            assertTrue(formulas > 5, "the Markdown has its formulas: " + md);
        }
        compile(doc.append("\\end{document}\n").toString());
    }

    /** Each step's LaTeX, as a page offers it to copy one at a time, compiles on its own. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_steps_own_latex_compiles_in_every_notation(RenderCases.Case c) throws Exception {
        StringBuilder doc = new StringBuilder("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n");
        for (Notation.Profile profile : Notation.Profile.values()) {
            Worked w = Worked.solve(c.problem(), profile);
            int k = 0;
            for (Derivation d : w.derivations()) {
                // a big network's page shows a few steps at a time: every tenth here keeps the document short
                if (w.big() && k++ % 10 != 0) {
                    continue;
                }
                String tex = Exports.latex(d, new NumberStyle(c.digits()));
                assertTrue(tex.startsWith("\\begin{align*}\n") && tex.endsWith("\\end{align*}\n"), tex);
                doc.append(tex);
            }
        }
        compile(doc.append("\\end{document}\n").toString());
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
            Matcher line = Pattern.compile("\nl\\.(\\d+) ").matcher(log);
            String[] lines = document.split("\n");
            int at = line.find(error < 0 ? 0 : error) ? Integer.parseInt(line.group(1)) - 1 : 0;
            throw new AssertionError("pdflatex failed:\n" + log.substring(Math.max(0, error), Math.min(log.length(), error + 1500))
                    + "\n--- the document around the error:\n"
                    + String.join("\n", List.of(lines).subList(Math.max(0, at - 5), Math.min(lines.length, at + 5))));
        }
        assertTrue(Files.size(dir.resolve("export.pdf")) > 1000, "a PDF was written");
    }
}
