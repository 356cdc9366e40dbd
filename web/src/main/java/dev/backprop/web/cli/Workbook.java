package dev.backprop.web.cli;

import dev.backprop.web.App;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/**
 * The top command: with no subcommand it serves the web app on {@code PORT} (default 7070), as
 * {@code java -jar web/target/backprop-workbook.jar} always has, until the process is stopped.
 */
@Command(name = "backprop-workbook", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Every number of a backpropagation calculation, with its formula.",
            "With no command: serves the web app on PORT (default 7070; PUBLIC_URL names its public address)."},
        footer = {"", "Exit status: 0 done, 2 a bad problem, file or argument (every mistake on standard error)."})
final class Workbook implements Callable<Integer> {
    /** Serves until the process is stopped; a bad PORT or PUBLIC_URL is refused with status 2. */
    @Override
    public Integer call() throws InterruptedException {
        if (!App.serve()) {
            return 2;
        }
        new CountDownLatch(1).await(); // the server's threads do the work; the shutdown hook stops it
        return 0;
    }
}
