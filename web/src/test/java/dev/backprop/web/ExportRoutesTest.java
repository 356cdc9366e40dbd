package dev.backprop.web;

import static dev.backprop.web.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.render.Exports;
import dev.backprop.engine.render.Format;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Selection;
import dev.backprop.engine.render.Worked;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /solve.tex} and {@code /solve.md} answer exactly what the engine writes for the problem,
 * precision and neuron in the link (with the page's permanent link added when {@code PUBLIC_URL}
 * names the server's address; the engine's tests compile what it writes with pdflatex).
 */
class ExportRoutesTest {
    private static final String BIG = "{\"layers\": [{\"size\": 4}, {\"size\": 8, \"activation\": \"relu\"}, {\"size\": 8, \"activation\": \"tanh\"},"
            + " {\"size\": 4, \"activation\": \"softmax\"}], \"loss\": \"cross-entropy\", \"learningRate\": 0.05,"
            + " \"seed\": 7, \"samples\": [{\"input\": [0.1, 0.2, 0.3, 0.4], \"target\": [0, 0, 1, 0]}]}";

    @ParameterizedTest(name = "{0} {1} digits={2} neuron={3}")
    @CsvSource({"tex, mazur, 9, ''", "md, mazur, 4, ''", "tex, big, 9, h3", "md, big, 5, o2"})
    void an_export_is_the_engines_document_with_the_pages_link(String ext, String which, int digits, String neuron) {
        String json = which.equals("big") ? BIG : Fixtures.MAZUR;
        HttpResponse<String> r = SharedApp.http().get("/solve." + ext + "?problem=" + enc(json) + "&digits=" + digits
                + (neuron.isEmpty() ? "" : "&neuron=" + neuron));
        assertEquals(200, r.statusCode(), r::body);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        Worked w = Worked.solve(ProblemJson.read(json));
        String engine = Exports.write(ext.equals("tex") ? Format.LATEX : Format.MARKDOWN, w,
                Selection.of(w, neuron.isEmpty() ? null : neuron, null), new NumberStyle(digits), "");
        // Without PUBLIC_URL the server knows no address to name, so the export names no page: a bare
        // path means nothing in a file (PagesTest checks the link when PUBLIC_URL is set).
        assertEquals(engine, r.body());
    }
}
