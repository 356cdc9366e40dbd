package dev.backprop.bench;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.json.SolutionJson;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Selection;
import dev.backprop.engine.render.Worked;
import dev.backprop.engine.train.Solver;
import dev.backprop.web.form.Presets;
import dev.backprop.web.view.Links;
import dev.backprop.web.view.WorkedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A worked page to time: the problem, its JSON (as it travels in the page's URL) and the page itself,
 * rendered exactly as {@code GET /solve?problem=…} renders it (traced solve, derivations, HTML).
 *
 * <pre>{@code
 * PageCase seed = PageCase.named("seed");
 * String html = seed.render();
 * }</pre>
 *
 * @param name    the name used in the tables
 * @param problem the problem
 * @param json    its compact JSON
 */
public record PageCase(String name, Problem problem, String json) {
    /** The names of the timed pages, in table order. */
    public static final List<String> NAMES = List.of("seed", "4-8-8-4");

    /** The page with this name: {@code seed} or {@code 4-8-8-4}. */
    public static PageCase named(String name) {
        switch (name) {
            case "seed":
                return seed();
            case "4-8-8-4":
                return layered(4, 8, 8, 4);
            default:
                throw new IllegalArgumentException("no page named \"" + name + "\"; known: " + NAMES);
        }
    }

    /** The seed document's worked example, the web app's first preset (Mazur's 2-2-1 weights, given activations). */
    public static PageCase seed() {
        String json = Presets.byId("seed-given").orElseThrow(() ->
                new IllegalStateException("the web app has no preset \"seed-given\"")).json();
        Problem p = ProblemJson.read(json);
        return new PageCase("seed", p, ProblemJson.toJson(p));
    }

    /**
     * A sigmoid network of the given layer sizes (seeded weights and biases), one sample, one epoch,
     * ½-squared error, α = 0.5.
     */
    public static PageCase layered(int... sizes) {
        Random r = new Random(4884);
        List<Layer> layers = new ArrayList<>();
        StringBuilder name = new StringBuilder().append(sizes[0]);
        for (int l = 1; l < sizes.length; l++) {
            layers.add(TrainCase.randomLayer(r, sizes[l - 1], sizes[l]));
            name.append('-').append(sizes[l]);
        }
        double[] x = new double[sizes[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        double[] y = new double[sizes[sizes.length - 1]];
        for (int j = 0; j < y.length; j++) {
            y[j] = r.nextDouble();
        }
        Problem p = Problem.builder().network(Network.of(sizes[0], layers)).loss(Loss.HALF_SQUARED_ERROR)
                .learningRate(0.5).sample(x, y).build();
        return new PageCase(name.toString(), p, ProblemJson.toJson(p));
    }

    /** The worked page's HTML, as the web app serves it for this problem (default precision, first neuron of a big network). */
    public String render() {
        Worked w = Worked.solve(problem);
        Selection selection = Selection.of(w, null, null);
        return WorkedPage.render(w, new WorkedPage.Options(NumberStyle.DEFAULT, json, selection, Links.solve(json)));
    }

    /** The {@code POST /api/solve} answer for this problem. */
    public String solveJson() {
        return SolutionJson.toJson(Solver.solve(problem));
    }

    /** The number of weights and biases. */
    public int parameterCount() {
        return problem.network().parameterCount();
    }
}
