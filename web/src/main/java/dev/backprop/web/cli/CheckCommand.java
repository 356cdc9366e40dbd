package dev.backprop.web.cli;

import dev.backprop.engine.check.CheckResult;
import dev.backprop.engine.check.QuantityResult;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.web.api.CheckApi;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check PROBLEM ANSWERS}: a student's answers marked as {@code POST /api/check} marks them
 * (the same reading, through {@link CheckApi#check(byte[], byte[], double)}), printed as text or as
 * the API's JSON answer.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Marks the answers in ANSWERS against the problem in PROBLEM, as POST /api/check does.",
            "ANSWERS is a JSON object of quantity keys and answers, numbers or text holding one:",
            "  {\"delta[2][0]\": 0.1385, \"W[2][0][0]\": \"0.35892\", \"dW[2][0][0]\": \"\"}",
            "Digits are read as written (0.1380 claims four places); empty text is a blank."},
        footer = {"", "Exit status: 0 marked (whatever the marks), 2 a bad problem, answer or file (each mistake on standard error)."})
final class CheckCommand implements Callable<Integer> {
    /** The output formats. */
    enum Output { text, json }

    private final InputStream in;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROBLEM", description = "the problem, as JSON in the contract's form; - for standard input")
    private String problem;

    @Parameters(index = "1", paramLabel = "ANSWERS", description = "the answers, a JSON object of key → number or text; - for standard input")
    private String answers;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json (the /api/check answer)")
    private Output format = Output.text;

    @Option(names = "--carried-forward", paramLabel = "SHARE",
            description = "the share of a mark for an answer carried forward from a wrong one, 0 to 1 (default 0.5)")
    private double share = 0.5;

    CheckCommand(InputStream in) {
        this.in = in;
    }

    /** Reads both files, marks, prints; a bad problem or answer is refused by field. */
    @Override
    public Integer call() {
        if (!(share >= 0 && share <= 1)) {
            throw Refusal.of("--carried-forward", "must be a number from 0 to 1 (the share of a mark), was " + share);
        }
        if (problem.equals("-") && answers.equals("-")) {
            throw Refusal.of("standard input", "can hold the problem or the answers, not both");
        }
        byte[] problemJson = Inputs.read(problem, in);
        byte[] answersJson = Inputs.read(answers, in);
        CheckApi.Marked marked;
        try {
            marked = CheckApi.check(problemJson, answersJson, share);
        } catch (ProblemException e) {
            // The problem's fields are named as in its file, the answers' as answers.<key>.
            throw Refusal.of(Inputs.name(problem) + ", " + Inputs.name(answers), e);
        } catch (OutOfMemoryError e) {
            throw Refusal.of(Inputs.name(problem), "is too large to solve in this much memory");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Output.json) {
            out.println(marked.json());
        } else {
            text(marked.result(), marked.blank(), out);
        }
        out.flush();
        return 0;
    }

    /** The marks as text: a line per answer (key, mark, marks, what it means), the blanks, the total. */
    static void text(CheckResult r, List<String> blank, PrintWriter out) {
        for (QuantityResult q : r.results()) {
            String diagnosis = q.diagnoses().isEmpty() ? "" : " (" + q.diagnoses().get(0).code() + ")";
            out.println(q.quantity() + ": " + q.mark().code() + diagnosis + ", " + number(q.marks()) + " of 1 — "
                    + q.explanation().text());
            if (!q.correct()) {
                out.println("    hint: " + q.hint().text());
            }
        }
        if (!blank.isEmpty()) {
            out.println("blank: " + String.join(", ", blank));
        }
        out.println("marks: " + number(r.marks()) + " of " + r.total() + " (" + r.correct() + " right, "
                + r.carriedForward() + " carried forward)");
    }

    private static String number(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
