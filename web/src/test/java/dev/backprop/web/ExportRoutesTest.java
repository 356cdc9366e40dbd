package dev.backprop.web;

import static dev.backprop.web.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.render.Exports;
import dev.backprop.engine.render.Format;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Selection;
import dev.backprop.engine.render.Worked;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /solve.tex}, {@code /solve.md} and {@code /solve.txt} answer, as files named for the
 * network and notation, exactly what the engine writes for the problem, notation, precision and
 * neuron in the link (with the page's permanent link added when {@code PUBLIC_URL}
 * names the server's address; the engine's tests compile what it writes with pdflatex).
 */
class ExportRoutesTest {
    private static final String BIG = "{\"layers\": [{\"size\": 4}, {\"size\": 8, \"activation\": \"relu\"}, {\"size\": 8, \"activation\": \"tanh\"},"
            + " {\"size\": 4, \"activation\": \"softmax\"}], \"loss\": \"cross-entropy\", \"learningRate\": 0.05,"
            + " \"seed\": 7, \"samples\": [{\"input\": [0.1, 0.2, 0.3, 0.4], \"target\": [0, 0, 1, 0]}]}";

    @ParameterizedTest(name = "{0} {1} digits={2} neuron={3}")
    @CsvSource({"tex, mazur, 9, '', seed", "md, mazur, 4, '', mazur", "txt, mazur, 9, '', mazur", "tex, big, 9, h3, matrix",
        "md, big, 5, o2, seed", "txt, big, 6, h1, seed"})
    void an_export_is_the_engines_document_in_the_links_notation_as_a_named_file(String ext, String which, int digits,
                                                                                   String neuron, String notation) {
        String json = which.equals("big") ? BIG : Fixtures.MAZUR;
        HttpResponse<String> r = SharedApp.http().get("/solve." + ext + "?problem=" + enc(json) + "&digits=" + digits
                + (neuron.isEmpty() ? "" : "&neuron=" + neuron) + "&notation=" + notation);
        assertEquals(200, r.statusCode(), r::body);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        String shape = which.equals("big") ? "4-8-8-4" : "2-2-2";
        String name = "filename=\"worked-solution-" + shape + (notation.equals("seed") ? "" : "-" + notation) + "." + ext + "\"";
        assertEquals("inline; " + name, r.headers().firstValue("Content-Disposition").orElse(""),
                "opened at its address: shown, named for the network and notation");
        // the page's buttons add download=1: the same document as a file to keep
        HttpResponse<String> saved = SharedApp.http().get("/solve." + ext + "?problem=" + enc(json) + "&digits=" + digits
                + (neuron.isEmpty() ? "" : "&neuron=" + neuron) + "&notation=" + notation + "&download=1");
        assertEquals("attachment; " + name, saved.headers().firstValue("Content-Disposition").orElse(""), "a file to keep");
        assertEquals(r.body(), saved.body());
        Notation.Profile profile = Notation.Profile.byId(notation).orElseThrow();
        Worked w = Worked.solve(ProblemJson.read(json), profile);
        Format format = switch (ext) {
            case "tex" -> Format.LATEX;
            case "md" -> Format.MARKDOWN;
            default -> Format.TEXT;
        };
        String engine = Exports.write(format, w, Selection.of(w, neuron.isEmpty() ? null : neuron, null), new NumberStyle(digits), "");
        // Without PUBLIC_URL the server knows no address to name, so the export names no page: a bare
        // path means nothing in a file (PagesTest checks the link when PUBLIC_URL is set).
        assertEquals(engine, r.body());
    }
}
