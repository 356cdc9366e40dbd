package dev.backprop.web.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** What a command that did not finish prints: never a stack trace. */
final class Failure {
    /** The status of a refused input. */
    static final int REFUSED = 2;
    /** The status of a fault of the program's own. */
    static final int FAULT = 1;

    private Failure() {
    }

    /** Prints a refusal's lines (status 2), or one line for anything else (status 1), on standard error. */
    static int report(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof Refusal r) {
            r.lines().forEach(err::println);
            err.flush();
            return REFUSED;
        }
        err.println(cli.getCommandName() + ": could not finish: " + e);
        err.flush();
        return FAULT;
    }
}
