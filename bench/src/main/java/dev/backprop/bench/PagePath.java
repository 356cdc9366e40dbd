package dev.backprop.bench;

import dev.backprop.web.view.Links;

/**
 * Prints the path of a timed page's worked solution, {@code /solve?problem=<URL-encoded JSON>}, for the
 * HTTP load run; the same problem the in-process page benchmarks use.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.backprop.bench.PagePath seed
 * }</pre>
 */
public final class PagePath {
    private PagePath() {
    }

    /** Prints the path of the page named by the first argument (default {@code seed}). */
    public static void main(String[] args) {
        System.out.println(Links.solve(PageCase.named(args.length > 0 ? args[0] : "seed").json()));
    }
}
