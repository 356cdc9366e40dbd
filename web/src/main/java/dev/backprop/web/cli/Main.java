package dev.backprop.web.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The runnable jar's entry point: {@code java -jar backprop-workbook.jar} serves the web app, and
 * {@code solve} and {@code check} do the same work on the command line. It only wires the
 * commands ({@link Workbook}, {@link SolveCommand}, {@link CheckCommand}) together; each is one
 * annotated class over the engine's own entry points.
 *
 * <pre>{@code
 * java -jar web/target/backprop-workbook.jar solve mazur.json --format latex --notation mazur
 * }</pre>
 */
public final class Main {
    private Main() {
    }

    /** Runs the command the arguments name and exits with its status (0 done, 2 a bad problem or file or argument). */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int status = commandLine(System.in, out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * The command line with its subcommands, reading {@code -} from {@code in} and writing to
     * {@code out} and {@code err} (UTF-8: the worked solution is full of δ and subscripts).
     */
    public static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Workbook())
                .addSubcommand(new SolveCommand(in))
                .addSubcommand(new CheckCommand(in));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Failure::report);
        return cli;
    }
}
