package dev.backprop.web.cli;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.json.SolutionJson;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.render.Format;
import dev.backprop.engine.render.Latex;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.RenderOptions;
import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code solve FILE}: the worked solution of the problem in FILE (JSON, the contract's form),
 * written as the web pages and exports write it: {@link Solution#render} for text, Markdown and
 * LaTeX, {@link SolutionJson} (the {@code /api/solve} answer) for JSON.
 */
@Command(name = "solve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Prints the worked solution of the problem in FILE (JSON; - reads standard input).",
        footer = {"", "Exit status: 0 done, 2 a bad problem or file (every mistake on standard error, each naming its field)."})
final class SolveCommand implements Callable<Integer> {
    /** The output formats: the engine's three and the API's JSON. */
    enum Output { text, markdown, latex, json }

    /** The notations, by their ids. */
    enum Symbols {
        seed(Notation.Profile.SEED), mazur(Notation.Profile.MAZUR), matrix(Notation.Profile.MATRIX);

        final Notation.Profile profile;

        Symbols(Notation.Profile profile) {
            this.profile = profile;
        }
    }

    private final InputStream in;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the problem, as JSON in the contract's form; - for standard input")
    private String file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), markdown, latex or json (the /api/solve answer)")
    private Output format = Output.text;

    @Option(names = "--notation", paramLabel = "NOTATION", description = "seed (default), mazur or matrix")
    private Symbols notation = Symbols.seed;

    @Option(names = "--digits", paramLabel = "N", description = "significant figures, 2 to 17 (default 9)")
    private int digits = NumberStyle.DEFAULT.digits();

    @Option(names = "--neuron", paramLabel = "ID", description = "for a big network, the neuron whose working is written in full (h3, o1)")
    private String neuron = "";

    @Option(names = "--standalone", description = "with --format latex: a whole document pdflatex compiles, not only the align* block")
    private boolean standalone;

    SolveCommand(InputStream in) {
        this.in = in;
    }

    /** Reads, solves and prints; a bad problem, or training that diverges, is refused by field. */
    @Override
    public Integer call() {
        if (digits < NumberStyle.MIN_DIGITS || digits > NumberStyle.MAX_DIGITS) {
            throw Refusal.of("--digits", "must be from " + NumberStyle.MIN_DIGITS + " to " + NumberStyle.MAX_DIGITS + ", was " + digits);
        }
        byte[] json = Inputs.read(file, in);
        String answer;
        try {
            Problem problem = ProblemJson.read(json);
            Solution solution = Solver.solve(problem);
            answer = switch (format) {
                case json -> SolutionJson.toJson(solution);
                case text -> solution.render(Format.TEXT, options());
                case markdown -> solution.render(Format.MARKDOWN, options());
                case latex -> standalone ? Latex.document(solution.render(Format.LATEX, options()))
                        : solution.render(Format.LATEX, options());
            };
        } catch (ProblemException e) {
            throw Refusal.of(Inputs.name(file), e);
        } catch (OutOfMemoryError e) {
            throw Refusal.of(Inputs.name(file), "is too large to solve in this much memory");
        }
        spec.commandLine().getOut().print(answer.endsWith("\n") ? answer : answer + "\n");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private RenderOptions options() {
        return new RenderOptions(notation.profile, digits, neuron);
    }
}
