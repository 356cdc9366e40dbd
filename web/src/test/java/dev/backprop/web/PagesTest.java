package dev.backprop.web;

import static dev.backprop.web.Fixtures.result;
import static dev.backprop.web.Fixtures.stepHtml;
import static dev.backprop.web.Fixtures.text;
import static dev.backprop.web.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.web.form.Presets;
import dev.backprop.web.view.Links;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages over HTTP, through the whole app (its headers and error mapping included). */
class PagesTest {
    private static Javalin app;
    private static Http http;

    @BeforeAll
    static void start() {
        app = App.create().start(0);
        http = new Http(app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    static HttpResponse<String> get(String path) {
        return http.get(path);
    }

    static HttpResponse<String> post(String path, Map<String, String> form) {
        return http.postForm(path, form);
    }

    /** The form's fields as the browser would send them, read from the page's inputs. */
    static Map<String, String> fields(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher inputs = Pattern.compile("<input type=\"text\" name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"").matcher(html);
        while (inputs.find()) {
            out.put(decode(inputs.group(1)), decode(inputs.group(2)));
        }
        Matcher selects = Pattern.compile("<select name=\"([^\"]+)\"[^>]*>(.*?)</select>", Pattern.DOTALL).matcher(html);
        while (selects.find()) {
            Matcher chosen = Pattern.compile("<option value=\"([^\"]*)\" selected>").matcher(selects.group(2));
            if (chosen.find()) {
                out.put(decode(selects.group(1)), decode(chosen.group(1)));
            }
        }
        Matcher radios = Pattern.compile("<input type=\"radio\" name=\"([^\"]+)\" value=\"([^\"]*)\"[^>]* checked>").matcher(html);
        while (radios.find()) {
            out.put(radios.group(1), radios.group(2));
        }
        return out;
    }

    private static String decode(String s) {
        return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#x27;", "'").replace("&amp;", "&");
    }

    @Test
    void the_form_is_served_with_the_seeds_example_and_the_security_headers() {
        HttpResponse<String> r = get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").matches("text/html; ?charset=utf-8"));
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(r.headers().firstValue("Referrer-Policy").isPresent());
        assertEquals("0.59", fields(r.body()).get("given[0].value"));
        assertEquals("0.4", fields(r.body()).get("layers[2].weights[0][0]"));
        assertEquals(200, get(Links.CSS).statusCode());
        assertEquals(200, get(Links.PRINT_CSS).statusCode());
    }

    @Test
    void solving_the_form_redirects_to_a_permanent_link_that_shows_the_seeds_numbers() {
        Map<String, String> form = fields(get("/").body());
        form.put("action", "solve");
        HttpResponse<String> r = post("/", form);
        assertEquals(303, r.statusCode());
        String location = r.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith("/solve?problem="), location);
        HttpResponse<String> page = get(location);
        assertEquals(200, page.statusCode());
        assertEquals("−0.0105", result(stepHtml(page.body(), "delta[2][0]")));
        assertEquals("0.4030975", result(stepHtml(page.body(), "W[2][0][0]")));
        assertEquals(page.body(), get(location).body(), "the URL alone determines the page");
    }

    @Test
    void an_edit_button_redraws_the_form_with_the_new_shape() {
        Map<String, String> form = fields(get("/").body());
        form.put("action", "add-neuron:1");
        HttpResponse<String> r = post("/", form);
        assertEquals(200, r.statusCode());
        Map<String, String> after = fields(r.body());
        assertEquals("3", after.get("layers[1].size"));
        assertTrue(after.containsKey("layers[1].weights[2][1]"), "h3's weights");
        assertTrue(after.containsKey("layers[2].weights[0][2]"), "the weight from h3 into o1");
        assertTrue(text(r.body()).contains("Layer 1 now has 3 neurons."));
    }

    @Test
    void a_bad_submission_comes_back_400_with_the_message_at_the_field_and_the_values_kept() {
        Map<String, String> form = fields(get("/").body());
        form.put("learningRate", "<script>alert('x')</script>");
        form.put("layers[1].weights[1][0]", "0.2.5");
        form.put("action", "solve");
        HttpResponse<String> r = post("/", form);
        assertEquals(400, r.statusCode());
        assertFalse(r.body().contains("<script>alert"), "the script comes back as text");
        Map<String, String> kept = fields(r.body());
        assertEquals("<script>alert('x')</script>", kept.get("learningRate"));
        assertEquals("0.2.5", kept.get("layers[1].weights[1][0]"));
        assertEquals("0.15", kept.get("layers[1].weights[0][0]"));
        assertTrue(r.body().contains("id=\"e-learningRate\""));
        assertTrue(r.body().contains("id=\"e-layers-1-weights-1-0\""));
    }

    @Test
    void a_bad_permanent_link_comes_back_as_the_form_with_400() {
        HttpResponse<String> r = get(Links.solve("{\"layers\": [{\"size\": 2}, {\"size\": 1, \"activation\": \"sigmoid\","
                + " \"weights\": [[1, 2, 3]], \"biases\": [0]}], \"learningRate\": 0.5, \"samples\": [{\"input\": [1, 2], \"target\": [1]}]}"));
        assertEquals(400, r.statusCode());
        int card = r.body().indexOf("id=\"f-layers-1\"");
        int message = r.body().indexOf("has 3 values; layer 0 has 2 neurons", card);
        assertTrue(card > 0 && message > card && message < r.body().indexOf("</fieldset>", card),
                "the message about the row with three weights is in layer 1's card");
        HttpResponse<String> broken = get("/solve?problem=" + enc("{\"layers\": [<script>"));
        assertEquals(400, broken.statusCode());
        assertTrue(broken.body().contains("&lt;script&gt;</textarea>"), "the text is kept, escaped, in the JSON box");
        assertTrue(text(broken.body()).contains("not valid JSON"));
    }

    @Test
    void a_problem_the_engine_cannot_finish_comes_back_with_its_message() {
        String diverges = "{\"layers\": [{\"size\": 1}, {\"size\": 1, \"activation\": \"linear\", \"weights\": [[1]], \"biases\": [0]}],"
                + " \"learningRate\": 1000, \"epochs\": 100, \"samples\": [{\"input\": [10], \"target\": [1]}]}";
        HttpResponse<String> r = get(Links.solve(diverges));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("id=\"e-learningRate\""), "divergence is blamed on the learning rate");
    }

    @Test
    void exports_are_plain_text_and_json() {
        String json = Presets.first().json();
        HttpResponse<String> tex = get("/solve.tex?problem=" + enc(json));
        assertEquals(200, tex.statusCode());
        assertTrue(tex.headers().firstValue("Content-Type").orElse("").matches("text/plain; ?charset=utf-8"));
        assertTrue(tex.body().contains("\\begin{align*}") && tex.body().contains("&= 0.4030975"));
        HttpResponse<String> md = get("/solve.md?problem=" + enc(json) + "&digits=4");
        assertTrue(md.body().contains("&= -0.001016"), "Markdown at 4 significant figures");
        HttpResponse<String> js = get("/solve.json?problem=" + enc(json));
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode answer = read(js.body());
        assertEquals(-0.0105, answer.at("/firstUpdate/layers/2/delta/0").asDouble(), 1e-15);
        assertTrue(answer.get("steps").size() > 20);
        assertEquals(400, get("/solve.tex?problem=%7B").statusCode());
        assertEquals(400, get("/solve.json?problem=%7B%7D").statusCode());
    }

    @Test
    void hostile_parameters_never_make_a_server_error() {
        String json = enc(Presets.first().json());
        for (String path : new String[] {"/solve?problem=" + json + "&digits=-1", "/solve?problem=" + json + "&digits=%00",
                "/solve?problem=" + json + "&neuron=%3Cscript%3E&from=99999999999", "/?preset=%3Cb%3E", "/?problem=%5B",
                "/?problem=null", "/solve?problem=", "/solve", "/solve?problem=%22%22", "/solve.md?problem=1e999"}) {
            int status = get(path).statusCode();
            assertTrue(status == 200 || status == 303 || status == 400, path + " answered " + status);
        }
        Map<String, String> junk = new LinkedHashMap<>();
        junk.put("layers[0].size", "-5");
        junk.put("layers[9999].size", "3");
        junk.put("samples[3].input[1000]", "1");
        junk.put("given[0].key", "W[1][0][0]");
        junk.put("given[0].value", "1");
        junk.put("action", "solve");
        assertEquals(400, post("/", junk).statusCode());
        junk.put("action", "add-neuron:7");
        assertEquals(200, post("/", junk).statusCode());
        junk.put("action", "remove-layer:9999");
        assertEquals(200, post("/", junk).statusCode());
        junk.put("action", "no-such-button");
        assertEquals(400, post("/", junk).statusCode(), "an unknown button solves, and the form has mistakes");
        junk.put("action", "load-json");
        junk.put("json", "{\"layers\": 5}");
        assertEquals(400, post("/", junk).statusCode());
    }

    @Test
    void a_preset_can_be_loaded_into_the_form() {
        HttpResponse<String> r = get("/?preset=mazur");
        assertEquals(200, r.statusCode());
        assertEquals("false", fields(r.body()).get("updateBiases"));
        assertEquals("0.99", fields(r.body()).get("samples[0].target[1]"));
        assertTrue(text(get("/?preset=nothing").body()).contains("There is no preset called “nothing”"));
    }

    @Test
    void a_worked_page_can_be_taken_back_into_the_form() {
        HttpResponse<String> r = get("/?problem=" + enc(Presets.byId("xor").orElseThrow().json()));
        assertEquals(200, r.statusCode());
        assertEquals("4000", fields(r.body()).get("epochs"));
        assertEquals("1", fields(r.body()).get("samples[3].input[1]"));
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
