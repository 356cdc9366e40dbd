package dev.backprop.web;

import static dev.backprop.web.Fixtures.result;
import static dev.backprop.web.Fixtures.stepHtml;
import static dev.backprop.web.Fixtures.text;
import static dev.backprop.web.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.web.form.Presets;
import dev.backprop.web.view.Links;
import dev.backprop.web.worksheet.Worksheets;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
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
    void mazurs_preset_loads_in_his_notation_and_solving_keeps_it_in_the_link() {
        String html = get("/?preset=mazur").body();
        assertTrue(html.contains("<option value=\"mazur\" selected>"), "the form's notation");
        assertTrue(html.contains("<span>w</span><span class=\"subscript\">5</span>"), "his w5 labels layers[2].weights[0][0]");
        Map<String, String> form = fields(html);
        assertEquals("mazur", form.get("notation"));
        form.put("action", "solve");
        String location = post("/", form).headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith("/solve?problem=") && location.endsWith("&notation=mazur"), location);
        String page = get(location).body();
        assertTrue(text(stepHtml(page, "z[1][0]")).contains("neth1=w1⋅i1+w2⋅i2+b1⋅1"), "the page opens in it");
        assertTrue(get("/").body().contains("<option value=\"seed\" selected>"), "the default is the seed's");
    }

    @Test
    void the_form_makes_a_worksheet_of_its_problem_in_its_notation() {
        Map<String, String> form = fields(get("/?preset=mazur").body());
        form.put("action", "worksheet");
        HttpResponse<String> r = post("/", form);
        assertEquals(303, r.statusCode(), r::body);
        String location = r.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith("/worksheet?problem=") && location.contains("&ask=all") && location.endsWith("&notation=mazur"),
                location);
        assertEquals(200, get(location).statusCode());
        String home = get("/").body();
        for (Presets.Preset p : Presets.ALL) {
            assertTrue(home.contains("id=\"worksheet-" + p.id() + "\""), "each preset's worksheet is a click from home: " + p.id());
        }
    }

    @Test
    void changing_the_notation_renames_the_fields_and_keeps_the_values() {
        Map<String, String> form = fields(get("/").body());
        form.put("notation", "matrix");
        form.put("action", "notation");
        HttpResponse<String> r = post("/", form);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<span>W</span><span class=\"subscript\">11</span><span class=\"superscript\">(2)</span>"),
                "W⁽²⁾₁₁ labels layers[2].weights[0][0] in the matrix form");
        assertEquals("0.4", fields(r.body()).get("layers[2].weights[0][0]"), "the values typed are kept");
        assertTrue(text(r.body()).contains("The form now names everything in the matrix textbook form notation"), text(r.body()));
    }

    @Test
    void a_mistake_is_listed_by_its_name_in_the_notation_with_its_path_as_the_key() {
        Map<String, String> form = fields(get("/?preset=mazur").body());
        form.put("layers[1].weights[0][1]", "");
        form.put("action", "solve");
        String html = post("/", form).body();
        Matcher summary = Pattern.compile("(?s)<div class=\"error-summary\".*?</div>").matcher(html);
        assertTrue(summary.find(), html);
        String t = text(summary.group());
        assertTrue(t.contains("w₂, the weight from i2 into h1 is empty; type a number"), t);
        assertTrue(summary.group().contains("<code class=\"key\""), "the path shown as the key it is");
    }

    @Test
    void malformed_json_comes_back_in_words_with_the_text_kept() {
        String typed = "{\"layers\": [{\"size\": 2},], \"learningRate\": 0.5}";
        Map<String, String> form = fields(get("/").body());
        form.put("json", typed);
        form.put("action", "load-json");
        HttpResponse<String> r = post("/", form);
        assertEquals(400, r.statusCode());
        String t = text(r.body());
        assertTrue(t.contains("a value was expected before “]”: a list or object may not end with a comma"), t);
        assertFalse(t.contains("Unexpected character"), "not the parser's words");
        assertTrue(r.body().contains(typed.replace("\"", "&quot;")), "what was typed is kept in the JSON box");
    }

    @Test
    void step_by_step_pages_have_their_own_links() {
        String json = ProblemJson.toJson(Presets.byId("seed-given").orElseThrow().problem());
        HttpResponse<String> one = get("/solve?problem=" + Http.enc(json) + "&step=1");
        HttpResponse<String> two = get("/solve?problem=" + Http.enc(json) + "&step=2");
        assertEquals(200, one.statusCode());
        assertTrue(one.body().contains("Step 1 of"), "its title says how far");
        assertFalse(one.body().equals(two.body()));
        assertTrue(two.body().contains("id=\"q-z-1-0\""), "the first step, done");
    }

    /** The seed's form with this many samples typed as text (two inputs and a target each) and no given values. */
    static Map<String, String> seedFormWithSamples(int count) {
        Map<String, String> form = new LinkedHashMap<>();
        fields(get("/").body()).forEach((k, v) -> {
            if (!k.startsWith("given") && !k.startsWith("samples")) {
                form.put(k, v);
            }
        });
        java.util.Random rnd = new java.util.Random(count);
        StringBuilder lines = new StringBuilder();
        for (int s = 0; s < count; s++) {
            lines.append(String.format(java.util.Locale.ROOT, "%.4f %.4f | %.4f%n", rnd.nextDouble(), rnd.nextDouble(),
                    rnd.nextDouble()));
        }
        form.put("samples", lines.toString());
        form.put("action", "solve");
        return form;
    }

    @Test
    void solving_a_form_of_266_samples_redirects_to_its_worked_page_on_a_packed_link() {
        // Its link was 20 KB of JSON: the redirect's Location overflowed Jetty's headers and answered a plain 500.
        HttpResponse<String> r = post("/", seedFormWithSamples(266));
        assertEquals(303, r.statusCode(), r::body);
        String location = r.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith("/solve?packed=") && location.length() <= Pages.MAX_REDIRECT, location);
        HttpResponse<String> page = get(location);
        assertEquals(200, page.statusCode());
        assertTrue(text(page.body()).contains("266 samples"), "the worked page of all 266 samples");
    }

    @Test
    void a_form_whose_link_is_too_long_to_redirect_to_is_answered_with_its_worked_page_and_a_link_that_opens() {
        HttpResponse<String> r = post("/", seedFormWithSamples(3_000));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), "an answer to a POST is not kept");
        Matcher permalink = Pattern.compile("<a href=\"([^\"]*)\"[^>]*id=\"permalink\"").matcher(r.body());
        assertTrue(permalink.find());
        String link = permalink.group(1).replace("&amp;", "&");
        assertTrue(link.length() > Pages.MAX_REDIRECT, link.length() + " characters");
        HttpResponse<String> shared = get(link);
        assertEquals(200, shared.statusCode());
        assertEquals(result(stepHtml(r.body(), "delta[2][0]")), result(stepHtml(shared.body(), "delta[2][0]")));
    }

    @Test
    void a_json_link_of_two_hundred_kilobytes_made_before_links_were_packed_still_opens() {
        StringBuilder samples = new StringBuilder();
        for (int s = 0; s < 2_000; s++) {
            samples.append(s == 0 ? "" : ",").append("{\"input\": [0.0").append(s % 10).append(", 0.1").append(s % 7)
                    .append("], \"target\": [0.01, 0.99]}");
        }
        String json = Fixtures.MAZUR.replace("[{\"input\": [0.05, 0.10], \"target\": [0.01, 0.99]}]", "[" + samples + "]");
        String link = Links.SOLVE + "?problem=" + enc(json);
        assertTrue(link.length() > 150_000, link.length() + " characters");
        HttpResponse<String> r = get(link);
        assertEquals(200, r.statusCode(), () -> r.body().substring(0, 300));
        assertTrue(text(r.body()).contains("2000 samples") || text(r.body()).contains("2,000 samples"), "all of them");
    }

    @Test
    void every_answer_says_how_it_may_be_cached() {
        String solve = Links.solve(Presets.first().json());
        assertEquals(Caching.PAGE, get(solve).headers().firstValue("Cache-Control").orElse(""), "a worked page");
        assertEquals(Caching.PAGE, get(solve).headers().firstValue("Cache-Control").orElse(""), "from the cache too");
        assertEquals(Caching.PAGE, get(solve.replace("/solve?", "/solve.md?")).headers().firstValue("Cache-Control")
                .orElse(""), "an export");
        assertEquals(Caching.REVALIDATE, get("/").headers().firstValue("Cache-Control").orElse(""), "the form");
        Map<String, String> form = fields(get("/").body());
        form.put("action", "add-neuron:1");
        assertEquals(Caching.NO_STORE, post("/", form).headers().firstValue("Cache-Control").orElse(""), "a form edit");
        assertEquals(Caching.NO_STORE, get("/solve?problem=%7B").headers().firstValue("Cache-Control").orElse(""),
                "a refusal");
        assertEquals(Caching.NO_STORE, get("/api/health").headers().firstValue("Cache-Control").orElse(""), "the API");
        assertEquals(Caching.NO_STORE, get("/nowhere").headers().firstValue("Cache-Control").orElse(""), "a 404");
    }

    @Test
    void a_damaged_packed_link_is_refused_with_a_page_naming_it() {
        HttpResponse<String> r = get("/solve?packed=not-a-packed-problem");
        assertEquals(400, r.statusCode());
        assertTrue(text(r.body()).contains("packed: is not a problem packed by this site"), r.body());
    }

    @Test
    void a_link_whose_problem_cannot_be_decoded_is_refused_naming_it_not_sent_to_the_form() {
        for (String path : List.of("/solve", "/worksheet", "/solve.tex", "/")) {
            // sent as it is: Java's HTTP client refuses to send a link with a malformed escape
            Http.Raw r = http.raw("GET " + path + "?problem=%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertEquals(400, r.status(), path + ": " + r.text());
            assertTrue(text(r.body()).contains("problem: could not be read from the link: it is damaged"), path + ": " + r.body());
        }
        assertEquals(400, get("/solve?packed=%E2%82").statusCode(), "cut off inside a character");
        assertEquals(303, get("/solve?problem=").statusCode(), "no problem at all still goes to the form");
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
    void the_host_a_request_names_never_reaches_a_page_or_an_export() {
        String query = Links.solve(Presets.byId("mazur").orElseThrow().json()).substring(Links.SOLVE.length());
        for (String path : new String[] {Links.SOLVE + query, Links.SOLVE + ".tex" + query, Links.SOLVE + ".md" + query,
                Worksheets.PATH + query}) {
            Http.Raw r = http.raw("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
                    + "Connection: close\r\n\r\n");
            assertEquals(200, r.status(), path);
            assertFalse(r.body().contains("evil.example"), path + " names the Host it was asked with");
            assertFalse(r.body().contains(http.base()), path + " names the address it was asked at");
        }
        String page = get(Links.SOLVE + query).body();
        Matcher permalink = Pattern.compile("<a href=\"([^\"]*)\"[^>]*id=\"permalink\"").matcher(page);
        assertTrue(permalink.find(), page);
        assertTrue(permalink.group(1).startsWith("/solve?"), "without PUBLIC_URL the permanent link is relative: "
                + permalink.group(1));
    }

    @Test
    void with_a_public_url_configured_every_link_names_it() {
        Javalin configured = App.create(Map.of("PUBLIC_URL", "https://workbook.example.org/")).start(0);
        try {
            Http at = new Http(configured.port());
            String query = Links.solve(Presets.byId("mazur").orElseThrow().json()).substring(Links.SOLVE.length());
            String page = at.get(Links.SOLVE + query).body();
            assertTrue(page.contains("href=\"https://workbook.example.org/solve?problem="), "the permanent link");
            assertTrue(at.get(Links.SOLVE + ".tex" + query).body().contains("https://workbook.example.org/solve?problem="),
                    "the LaTeX export's link");
            assertFalse(page.contains(at.base()));
        } finally {
            configured.stop();
        }
    }

    @Test
    void a_public_url_that_is_not_an_address_is_refused_at_start_naming_the_variable() {
        for (String bad : new String[] {"workbook.example.org", "ftp://x.example", "https://x.example/?a=1", "http://"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> App.create(Map.of("PUBLIC_URL", bad)), bad);
            assertTrue(e.getMessage().startsWith("PUBLIC_URL must be"), e.getMessage());
        }
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
    void a_broken_multipart_form_is_refused_with_400_not_a_server_error() {
        for (String path : new String[] {"/", "/worksheet"}) {
            HttpResponse<String> empty = http.post(path, "multipart/form-data; boundary=xx", new byte[0]);
            assertEquals(400, empty.statusCode(), path);
            assertTrue(empty.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "a page for a form");
            assertTrue(text(empty.body()).contains("(body): could not be read"), empty.body());
            assertEquals("close", empty.headers().firstValue("Connection").orElse(""), "Jetty drops the connection; it says so");
            byte[] cut = "--xx\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nsol".getBytes(StandardCharsets.UTF_8);
            assertEquals(400, http.post(path, "multipart/form-data; boundary=xx", cut).statusCode(), path);
        }
    }

    @Test
    void hand_made_sizes_and_indices_get_a_page_of_bounded_size_with_the_typed_values_kept() {
        Map<String, String> seed = fields(get("/").body());
        String[][] cases = {
            {"layers[0].size", "1000000"}, {"layers[2].size", "1000000"}, {"samples[9999].input[255]", "1"},
            {"layers[1].weights[9999][255]", "1"}, {"layers[1].weights[255][255]", "7"},
        };
        for (String[] c : cases) {
            for (String action : new String[] {"solve", "resize", "add-sample"}) {
                Map<String, String> form = new LinkedHashMap<>(seed);
                form.put(c[0], c[1]);
                form.put("action", action);
                HttpResponse<String> r = post("/", form);
                String what = c[0] + "=" + c[1] + ", " + action;
                assertTrue(r.statusCode() == 200 || r.statusCode() == 303 || r.statusCode() == 400,
                        what + " answered " + r.statusCode());
                // the seed's form is about 40 kB, ten thousand samples as text under 1 MB; a million columns made 350 MB
                assertTrue(r.body().length() < 2_000_000, what + " made a page of " + r.body().length() + " characters");
            }
        }
        Map<String, String> big = new LinkedHashMap<>(seed);
        big.put("layers[0].size", "1000000");
        assertEquals("1000000", fields(post("/", big).body()).get("layers[0].size"), "the typed size is kept");
        big = new LinkedHashMap<>(seed);
        big.put("layers[1].weights[255][255]", "7");
        big.put("samples[9999].input[1]", "3");
        String html = post("/", big).body();
        Matcher weights = Pattern.compile("<textarea name=\"layers\\[1]\\.weights\"[^>]*>([^<]*)</textarea>").matcher(html);
        assertTrue(weights.find(), "a grid too large to draw is shown as text");
        assertTrue(weights.group(1).startsWith("0.15 0.2\n0.25 0.3\n"), "with the typed weights kept");
        assertTrue(weights.group(1).endsWith("\n7\n"), "and the far one");
        Matcher samples = Pattern.compile("<textarea name=\"samples\"[^>]*>([^<]*)</textarea>").matcher(html);
        assertTrue(samples.find(), "so are ten thousand samples");
        assertTrue(samples.group(1).startsWith("0.05 0.1 | 0.75\n"), samples.group(1).substring(0, 40));
        assertTrue(samples.group(1).endsWith("\n | \n3 | \n"), "the last sample, input 1 typed");
        assertTrue(html.contains("… and "), "ten thousand mistakes are counted, not all listed at the top");
    }

    @Test
    void ten_thousand_samples_each_sent_with_a_far_input_and_target_are_answered_in_seconds() {
        StringBuilder body = new StringBuilder("action=solve");
        for (int l = 0; l < 10; l++) {
            body.append("&layers[").append(l).append("].size=256");
        }
        for (int k = 0; k < 10_000; k++) {
            body.append("&samples[").append(k).append("].input[255]=1&samples[").append(k).append("].target[255]=1");
        }
        // This used to pad five million empty cells, each a mistake: over a minute and then gigabytes.
        HttpResponse<String> r = http.post("/", "application/x-www-form-urlencoded", body.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().length() < 3_000_000, "a page of " + r.body().length() + " characters");
    }

    @Test
    void samples_sent_without_any_layer_come_back_as_the_form_with_400() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("samples", "1 2 | 3");
        form.put("action", "solve");
        HttpResponse<String> r = post("/", form);
        assertEquals(400, r.statusCode(), r::body);
        assertTrue(r.body().contains(">1 2 | 3</textarea>"), "the samples are kept");
    }

    @Test
    void the_same_mistake_in_a_thousand_given_rows_is_shown_once_at_each() {
        Map<String, String> form = fields(get("/").body());
        for (int k = 0; k < 1000; k++) {
            form.put("given[" + k + "].key", "zz");
            form.put("given[" + k + "].value", "x");
        }
        form.put("action", "solve");
        HttpResponse<String> r = post("/", form);
        assertEquals(400, r.statusCode());
        // each row showed every row's message: a million messages, 50 MB
        assertTrue(r.body().length() < 2_000_000, "a page of " + r.body().length() + " characters");
        Matcher at = Pattern.compile("<span class=\"field-error\" id=\"e-given-zz\">(.*?)</span></span>").matcher(r.body());
        assertTrue(at.find(), "the message sits at the row");
        assertFalse(at.group(1).contains("</span><span"), "once: " + at.group(1));
    }

    @Test
    void many_given_values_on_a_big_network_have_their_quantities_typed_not_listed() {
        Map<String, String> form = fields(get("/").body());
        for (int l = 0; l < 10; l++) {
            form.put("layers[" + l + "].size", "256");
        }
        form.put("given[999].key", "a[1][0]");
        form.put("action", "solve");
        HttpResponse<String> r = post("/", form);
        assertEquals(400, r.statusCode());
        // a list of 4,608 quantities for each of 1,000 rows would be 300 MB
        assertTrue(r.body().length() < 3_000_000, "a page of " + r.body().length() + " characters");
        assertTrue(r.body().contains("<input type=\"text\" name=\"given[999].key\" id=\"f-given-999-key\" value=\"a[1][0]\""));
        assertTrue(get("/").body().contains("<select name=\"given[0].key\""), "the seed's three rows keep their lists");
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
