package dev.backprop.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.web.Http;
import dev.backprop.web.SharedApp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line, run through its picocli {@code CommandLine} with captured streams, and its
 * real {@code main} in a process of its own: what it prints, on which stream, and its exit status.
 */
class CliTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String MAZUR = EXAMPLES.resolve("mazur.json").toString();
    private static final String ANSWERS = EXAMPLES.resolve("mazur-answers.json").toString();
    private static final String TYPO = EXAMPLES.resolve("mazur-typo.json").toString();

    @TempDir
    Path dir;

    /** A finished command: its status and what it wrote. */
    record Run(int status, String out, String err) {
    }

    static Run withInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return withInput("", args);
    }

    private static void assertNoTrace(Run r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void solve_prints_mazurs_worked_solution_as_text() {
        Run r = run("solve", MAZUR);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        // Mazur's published δ_o1 and w5⁺, as formula → numbers → value.
        assertTrue(r.out().contains("δ_o1 = ∂L/∂A_o1 · σ′(Z_o1)"), r.out());
        assertTrue(r.out().contains("= 0.138498562"), r.out());
        assertTrue(r.out().contains("0.35891648"), r.out());
    }

    @Test
    void solve_writes_in_the_notation_and_digits_asked_for() {
        Run r = run("solve", MAZUR, "--notation", "mazur", "--digits", "6");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("w₅⁺"), r.out());
        assertTrue(r.out().contains("0.358916"), r.out());
        assertFalse(r.out().contains("0.35891648"), "six significant figures only");
    }

    @Test
    void solve_as_json_is_the_api_answer_and_reads_standard_input() throws IOException {
        String problem = Files.readString(Path.of(MAZUR));
        Run r = withInput(problem, "solve", "-", "--format", "json");
        assertEquals(0, r.status(), r.err());
        Http http = SharedApp.http();
        assertEquals(http.postJson("/api/solve", problem).body(), r.out().strip());
        JsonNode answer = Http.json(r.out());
        // Mazur's published figures (biases fixed): E_total 0.298371109 before the update.
        assertEquals(0.298371109, answer.get("lossBefore").doubleValue(), 5e-10);
    }

    @Test
    void solve_as_a_standalone_latex_document_compiles_with_pdflatex() throws Exception {
        Run r = run("solve", MAZUR, "--format", "latex", "--standalone", "--notation", "mazur");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("\\documentclass{article}"), r.out());
        assertTrue(r.out().contains("\\begin{align*}"), r.out());
        Files.writeString(dir.resolve("mazur.tex"), r.out(), StandardCharsets.UTF_8);
        Process tex = new ProcessBuilder("/usr/bin/pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                "-no-shell-escape", "mazur.tex").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertTrue(tex.waitFor(120, TimeUnit.SECONDS), "pdflatex finished");
        assertEquals(0, tex.exitValue(), () -> read(dir.resolve("log.txt")));
        assertTrue(Files.size(dir.resolve("mazur.pdf")) > 1000, "a PDF was written");
    }

    @Test
    void a_bad_problem_prints_every_mistake_by_field_on_standard_error_and_exits_2() {
        Run r = run("solve", TYPO);
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertNoTrace(r);
        for (String field : List.of("layers[1].activation", "layers[1].weights[0]", "layers[2].biases", "learningrate")) {
            assertTrue(r.err().contains(TYPO + ": " + field + ": "), field + " in " + r.err());
        }
        assertTrue(r.err().contains("did you mean \"learningRate\""), r.err());
    }

    @Test
    void a_file_that_cannot_be_read_is_named_and_exits_2() {
        Run missing = run("solve", "no-such-problem.json");
        assertEquals(2, missing.status());
        assertEquals("no-such-problem.json: no such file\n", missing.err());
        Run directory = run("check", EXAMPLES.toString(), ANSWERS);
        assertEquals(2, directory.status());
        assertTrue(directory.err().contains("is a directory"), directory.err());
        Run notJson = withInput("this is not JSON", "solve", "-");
        assertEquals(2, notJson.status());
        assertTrue(notJson.err().startsWith("standard input: (body): is not valid JSON at line 1, column "), notJson.err());
        assertNoTrace(notJson);
    }

    @Test
    void check_prints_each_mark_with_its_explanation_and_the_total() {
        Run r = run("check", MAZUR, ANSWERS);
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        assertTrue(out.contains("delta[2][0]: right, 1 of 1 — "), out);
        assertTrue(out.contains("W[2][0][0]: wrong (update-direction), 0 of 1 — "), out);
        assertTrue(out.contains("delta[1][0]: wrong (used-updated-weights), 0 of 1 — "), out);
        assertTrue(out.contains("dW[2][1][0]: carried-forward, 0.5 of 1 — "), out);
        assertTrue(out.contains("blank: W[1][0][0]"), out);
        assertTrue(out.contains("marks: 1.5 of 5 (1 right, 1 carried forward)"), out);
    }

    @Test
    void check_as_json_is_the_api_answer_for_the_same_problem_and_answers() throws IOException {
        String problem = Files.readString(Path.of(MAZUR));
        String answers = Files.readString(Path.of(ANSWERS));
        Run r = run("check", MAZUR, ANSWERS, "--format", "json", "--carried-forward", "0.25");
        assertEquals(0, r.status(), r.err());
        String body = "{\"problem\": " + problem + ", \"answers\": " + answers + ", \"marking\": {\"carriedForward\": 0.25}}";
        assertEquals(SharedApp.http().postJson("/api/check", body).body(), r.out().strip());
    }

    @Test
    void check_refuses_a_bad_answer_by_its_key_and_a_share_out_of_range() throws IOException {
        Path answers = dir.resolve("answers.json");
        Files.writeString(answers, "{\"delta[2][0]\": \"abc\", \"q[9]\": 1}");
        Run r = run("check", MAZUR, answers.toString());
        assertEquals(2, r.status());
        assertNoTrace(r);
        assertTrue(r.err().contains("answers.delta[2][0]: must be a number"), r.err());
        assertTrue(r.err().contains("answers.q[9]: "), r.err());
        Run share = run("check", MAZUR, ANSWERS, "--carried-forward", "2");
        assertEquals(2, share.status());
        assertTrue(share.err().startsWith("--carried-forward: must be a number from 0 to 1"), share.err());
    }

    @Test
    void every_command_has_help_and_version() {
        for (List<String> command : List.of(List.<String>of(), List.of("solve"), List.of("check"))) {
            List<String> help = new ArrayList<>(command);
            help.add("--help");
            Run h = run(help.toArray(String[]::new));
            assertEquals(0, h.status(), h.err());
            assertTrue(h.out().startsWith("Usage: backprop-workbook"), h.out());
            List<String> version = new ArrayList<>(command);
            version.add("--version");
            Run v = run(version.toArray(String[]::new));
            assertEquals(0, v.status(), v.err());
            assertTrue(v.out().matches("backprop-workbook \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), v.out());
        }
        assertTrue(run("--help").out().contains("solve"), "the top command lists its commands");
    }

    @Test
    void a_bad_argument_is_refused_with_the_usage_and_exit_2() {
        Run r = run("solve", MAZUR, "--format", "pdf");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--format"), r.err());
        assertTrue(r.err().contains("text, markdown, latex, json"), r.err());
        Run digits = run("solve", MAZUR, "--digits", "40");
        assertEquals(2, digits.status());
        assertEquals("--digits: must be from 2 to 17, was 40\n", digits.err());
        Run nothing = run("solve");
        assertEquals(2, nothing.status());
        assertTrue(nothing.err().contains("Missing required parameter: 'FILE'"), nothing.err());
    }

    @Test
    void the_real_main_prints_utf8_and_exits_with_the_status() throws Exception {
        Process ok = main("solve", MAZUR);
        String out = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ok.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, ok.exitValue());
        assertTrue(out.contains("δ_o1"), out);
        Process bad = main("solve", TYPO);
        String err = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue(), err);
        assertTrue(err.contains(TYPO + ": layers[1].activation: unknown activation \"sigmod\""), err);
        assertFalse(err.contains("Exception"), err);
    }

    @Test
    void with_no_command_the_real_main_serves_the_app_on_port_and_refuses_a_bad_port_with_status_2() throws Exception {
        int port;
        try (ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder serve = mainProcess();
        serve.environment().put("PORT", Integer.toString(port));
        serve.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process server = serve.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/health")).build();
            String answer = null;
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); answer == null && System.nanoTime() < end; ) {
                try {
                    answer = client.send(health, HttpResponse.BodyHandlers.ofString()).body();
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertEquals("{\"status\":\"ok\"}", answer, "the app answers on PORT " + port);
            assertTrue(server.isAlive(), "it goes on serving");
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }

        ProcessBuilder badPort = mainProcess();
        badPort.environment().put("PORT", "seventy");
        Process refused = badPort.start();
        String err = new String(refused.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, refused.exitValue(), err);
        assertTrue(err.contains("PORT") && !err.contains("Exception"), err);
    }

    @Test
    void the_readmes_command_lines_run_as_it_shows_them() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## The command line"), readme.indexOf("## Use it in your project"));
        String jar = "java -jar web/target/backprop-workbook.jar ";
        List<String> lines = section.lines().filter(l -> l.startsWith(jar)).toList();
        assertEquals(7, lines.size(), section);
        List<String> shown = blocks(section, "```text");
        for (String line : lines) {
            List<String> args = new ArrayList<>();
            String stdin = "";
            String[] words = line.substring(jar.length()).split(" ");
            for (int k = 0; k < words.length; k++) {
                if (words[k].equals("<")) {
                    stdin = Files.readString(Path.of("..", words[++k]));
                } else if (words[k].equals(">")) {
                    k++; // the output is what the run returns
                } else {
                    args.add(words[k].startsWith("examples/") ? "../" + words[k] : words[k]);
                }
            }
            Run r = withInput(stdin, args.toArray(String[]::new));
            boolean bad = line.contains("mazur-typo");
            assertEquals(bad ? 2 : 0, r.status(), line + "\n" + r.err());
            assertNoTrace(r);
            if (bad) {
                for (String said : shown.get(1).lines().toList()) {
                    assertTrue(r.err().contains(said.replace("examples/", "../examples/")), said + " in " + r.err());
                }
            } else if (line.contains(" check ") && !line.contains("json")) {
                for (String said : shown.get(0).lines().toList()) {
                    assertTrue(r.out().contains(said + "\n"), said + " in " + r.out());
                }
            }
        }
    }

    /** The contents of each fenced block that opens with {@code fence}, in order. */
    private static List<String> blocks(String text, String fence) {
        List<String> found = new ArrayList<>();
        for (int at = text.indexOf(fence); at >= 0; at = text.indexOf(fence, at + 1)) {
            int start = text.indexOf('\n', at) + 1;
            found.add(text.substring(start, text.indexOf("```", start)).strip());
        }
        return found;
    }

    /** The jar's main class in a JVM of its own, on this test's classpath. */
    private static Process main(String... args) throws IOException {
        return mainProcess(args).start();
    }

    /** {@link #main(String...)} not yet started, for its environment to be set. */
    private static ProcessBuilder mainProcess(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
