package dev.backprop.web;

import static j2html.TagCreator.body;
import static j2html.TagCreator.code;
import static j2html.TagCreator.document;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.head;
import static j2html.TagCreator.html;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.text;
import static j2html.TagCreator.title;

import io.javalin.config.JavalinConfig;

/** The pages for people (for now the home page, which explains the API). */
public final class Pages {
    /** The seed's worked example as a problem (its stated activations under {@code given}). */
    static final String SEED_EXAMPLE = """
            {"layers": [
               {"size": 2},
               {"size": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35]},
               {"size": 1, "activation": "sigmoid", "weights": [[0.40, 0.45]], "biases": [0.60]}
             ],
             "loss": "half-squared-error",
             "learningRate": 0.5,
             "samples": [{"input": [0.05, 0.10], "target": [0.75]}],
             "given": {"a[1][0]": 0.59, "a[1][1]": 0.60, "a[2][0]": 0.70}}""";

    private Pages() {
    }

    /** Registers the pages' routes. */
    public static void register(JavalinConfig config) {
        config.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(home()));
    }

    /** The home page. */
    static String home() {
        return document(html(
                head(meta().withCharset("utf-8"), title("Backprop Workbook")),
                body(
                        h1("Backprop Workbook"),
                        p("Every number of a backpropagation calculation, with its formula, for your own network:"
                                + " each weighted sum z, activation a, error δ, gradient and updated weight, in the"
                                + " order you would write them down."),
                        h2("Solve a problem"),
                        p().with(code("POST /api/solve"), text(
                                " takes a problem as JSON and answers with the losses, the first update layer by layer,"
                                + " the trained network and every step of the worked solution. This is the worked"
                                + " example of the seed (its activations stated, not computed):")),
                        pre(code(SEED_EXAMPLE)),
                        p("Send it with:"),
                        pre(code("curl -s -H 'Content-Type: application/json' -d @problem.json http://localhost:7070/api/solve")),
                        p().with(text("The step for "), code("delta[2][0]"),
                                text(" gives δ = (0.70 − 0.75) · 0.70 · (1 − 0.70) = −0.0105.")),
                        p().with(text("A problem the server cannot solve is answered 400 with every"
                                + " mistake named by its field, e.g. "), code("{\"errors\": [{\"field\": \"layers[2].weights\","
                                + " \"message\": \"has 3 rows; layer 2 has 2 neurons\"}]}"), text(".")))
        ));
    }
}
