package dev.backprop.web.worksheet;

import static dev.backprop.web.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.web.App;
import dev.backprop.web.Fixtures;
import dev.backprop.web.Http;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worksheet over HTTP: blanks, marks, answers kept, hint then worked step, the shareable link, refusals. */
class WorksheetTest {
    /** Mazur's forward pass, as published: a[1][0]. */
    static final double A10 = 0.593269992;

    private static Javalin app;
    private static Http http;
    private static String base;

    @BeforeAll
    static void start() {
        app = App.create().start(0);
        http = new Http(app.port());
        base = http.base();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    static HttpResponse<String> get(String pathAndQuery) {
        return http.get(pathAndQuery);
    }

    static HttpResponse<String> post(List<String[]> fields) {
        return http.postForm(Worksheets.PATH, fields);
    }

    /** The names of the answer fields on a page, in order. */
    static List<String> blanks(String html) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("name=\"answer:([^\"]+)\"").matcher(html);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The HTML of one blank, from its div to the next blank or the end of its group. */
    static String blankHtml(String html, String key) {
        String id = "id=\"ws-q-" + key.replaceAll("[\\[\\]@]+", "-").replaceAll("-+$", "") + "\"";
        int at = html.indexOf(id);
        assertTrue(at >= 0, "no blank for " + key);
        int start = html.lastIndexOf("<div", at);
        int end = html.indexOf("<div class=\"blank ", at);
        int group = html.indexOf("<div class=\"group", at);
        int foot = html.indexOf("<div class=\"form-foot", at);
        for (int e : new int[] {group, foot}) {
            if (e >= 0 && (end < 0 || e < end)) {
                end = e;
            }
        }
        return html.substring(start, end < 0 ? html.length() : end);
    }

    /** δ[2][0] right, δ[2][1] with its sign flipped, δ[1][0] worked correctly from that wrong δ[2][1]. */
    private static Map<String, String> signFlippedThenCarried() {
        double wrong = 0.0380982;
        double hidden = (0.40 * 0.1385 + 0.50 * wrong) * A10 * (1 - A10);
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("delta[2][0]", "0.1385");
        answers.put("delta[2][1]", "0.0380982");
        answers.put("delta[1][0]", String.format(java.util.Locale.ROOT, "%.7f", hidden));
        return answers;
    }

    private static List<String[]> form(String ask, Map<String, String> answers, String... extra) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"problem", Fixtures.MAZUR});
        f.add(new String[] {"ask", ask});
        answers.forEach((k, v) -> f.add(new String[] {WorksheetPage.ANSWER + k, v}));
        for (int k = 0; k < extra.length; k += 2) {
            f.add(new String[] {extra[k], extra[k + 1]});
        }
        return f;
    }

    @Test
    void a_blank_worksheet_has_a_blank_for_each_delta_states_the_rule_and_links_to_itself() {
        HttpResponse<String> r = get(Worksheets.PATH + "?problem=" + enc(Fixtures.MAZUR) + "&ask=deltas");
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertEquals(List.of("delta[2][0]", "delta[2][1]", "delta[1][0]", "delta[1][1]"), blanks(html));
        assertTrue(html.contains("within one unit of the last digit you wrote"), "the marking rule is stated");
        // the forward pass is worked; the asked quantities are not
        assertTrue(html.contains("id=\"q-z-1-0\""));
        assertFalse(html.contains("id=\"q-delta-2-0\""));
        // the shareable link opens this same blank worksheet
        Matcher link = Pattern.compile("href=\"([^\"]+)\" id=\"share-link\"").matcher(html);
        assertTrue(link.find());
        String shared = link.group(1).replace("&amp;", "&");
        assertTrue(shared.startsWith(Worksheets.PATH + "?problem="), shared);
        assertEquals(blanks(html), blanks(get(shared).body()));
        assertFalse(html.contains("<script"), "works without JavaScript");
    }

    @Test
    void a_class_opening_one_link_gets_one_page_whatever_host_it_is_asked_at() {
        String path = Worksheets.PATH + "?problem=" + enc(Fixtures.MAZUR) + "&ask=gradients";
        String first = get(path).body();
        assertEquals(first, get(path).body(), "the same page again (served from the cache)");
        assertTrue(first.contains("href=\"" + Worksheets.PATH + "?problem="), "the link is relative");

        Http byName = new Http("localhost", app.port());
        String other = byName.get(path).body();
        assertEquals(first, other, "no page names the host it was asked at");
    }

    @Test
    void by_default_every_delta_gradient_and_update_is_blank_and_fixed_biases_are_not() {
        List<String> keys = blanks(get(Worksheets.PATH + "?problem=" + enc(Fixtures.MAZUR)).body());
        assertEquals(4 + 8 + 4 + 8, keys.size(), keys.toString());
        assertTrue(keys.contains("db[2][0]") && keys.contains("W[1][1][1]"));
        assertFalse(keys.stream().anyMatch(k -> k.startsWith("b[")), keys.toString());
        assertEquals(8, blanks(get(Worksheets.PATH + "?problem=" + enc(Fixtures.MAZUR) + "&ask=updates").body()).size());
        assertEquals(12, blanks(get(Worksheets.PATH + "?problem=" + enc(Fixtures.MAZUR) + "&ask=gradients").body()).size());
    }

    @Test
    void a_chosen_set_of_quantities_is_left_blank_and_kept_in_the_link() {
        String html = get(Worksheets.PATH + "?problem=" + enc(Fixtures.MAZUR) + "&q=" + enc("W[1][0][0]") + "&q=" + enc("delta[2][0]")
                + "&q=" + enc("nonsense")).body();
        // in the order of the worked solution, unknown keys ignored
        assertEquals(List.of("delta[2][0]", "W[1][0][0]"), blanks(html));
        assertTrue(html.contains("&amp;q=delta%5B2%5D%5B0%5D&amp;q=W%5B1%5D%5B0%5D%5B0%5D"), "the link keeps the choice");
    }

    @Test
    void submitted_answers_are_marked_and_kept_with_the_mistake_named_and_the_value_not_given_away() {
        Map<String, String> answers = signFlippedThenCarried();
        answers.put("delta[1][1]", "");
        HttpResponse<String> r = post(form("deltas", answers));
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(blankHtml(html, "delta[2][0]").contains("class=\"blank right\""));
        String flipped = blankHtml(html, "delta[2][1]");
        assertTrue(flipped.contains("class=\"blank wrong\""), flipped);
        assertTrue(flipped.contains(">sign-flipped<"), flipped);
        assertTrue(flipped.contains("value=\"0.0380982\""), "the answer is kept");
        assertFalse(flipped.contains("0.0380982365"), "the right value is not given away before the worked step");
        assertTrue(flipped.contains("value=\"hint:delta[2][1]\""), "a hint is offered");
        String carried = blankHtml(html, "delta[1][0]");
        assertTrue(carried.contains("class=\"blank carried\""), carried);
        assertTrue(carried.contains("It follows from your"), carried);
        assertTrue(carried.contains("<span class=\"marks\">0.5 mark</span>"), "half a mark, by default: " + carried);
        assertTrue(blankHtml(html, "delta[1][1]").contains("class=\"blank open\""));
        assertTrue(html.contains("1 of 3 answers right; 1 more follows correctly from your earlier answers; 1 blank left empty."),
                html.substring(html.indexOf("id=\"score\"")));
        assertTrue(html.contains("Marks: 1.5 of 4"), html.substring(html.indexOf("id=\"score\"")));
        assertFalse(blankHtml(html, "delta[2][0]").contains("hint:"), "no hint for a right answer");
        // at the top, the answers to look at again, each linked to its blank, in the page's notation
        String again = html.substring(html.indexOf("id=\"again\""), html.indexOf("</ul>", html.indexOf("id=\"again\"")));
        assertTrue(again.contains("href=\"#ws-q-delta-2-1\">δ_o2</a> — not right; the blank names the likely mistake"), again);
        assertTrue(again.contains("href=\"#ws-q-delta-1-0\">δ_h1</a> — follows from an earlier answer"), again);
        assertFalse(again.contains("delta-2-0"), "a right answer is not listed: " + again);
        assertFalse(again.contains("delta-1-1"), "nor a blank left empty: " + again);
        assertTrue(html.contains("id=\"ws-q-delta-2-1\""), "the link's target exists");
    }

    @Test
    void a_wrong_answer_offers_the_formula_first_then_the_worked_step() {
        Map<String, String> answers = Map.of("delta[2][1]", "0.0380982");
        String hinted = blankHtml(post(form("deltas", answers, "action", "hint:delta[2][1]")).body(), "delta[2][1]");
        assertTrue(hinted.contains("class=\"hint-box\""), hinted);
        assertTrue(hinted.contains("value=\"show:delta[2][1]\""), hinted);
        assertFalse(hinted.contains("id=\"q-delta-2-1\""), "not the worked step yet");
        assertFalse(hinted.contains("0.0380982365"), "the formula has no numbers");
        assertTrue(hinted.contains("value=\"0.0380982\""), "the answer is kept");

        // a new check keeps the hint open; the worked step comes on request
        String still = post(form("deltas", answers, "hinted", "delta[2][1]", "action", "check")).body();
        assertTrue(blankHtml(still, "delta[2][1]").contains("class=\"hint-box\""));
        String worked = blankHtml(post(form("deltas", answers, "hinted", "delta[2][1]", "action", "show:delta[2][1]")).body(),
                "delta[2][1]");
        assertTrue(worked.contains("class=\"worked-step\""), worked);
        assertTrue(worked.contains("id=\"q-delta-2-1\""), worked);
        assertTrue(worked.contains("0.0380982365"), "the worked step shows the value");
    }

    @Test
    void an_answer_that_is_not_a_number_is_shown_at_its_blank_and_the_others_are_marked() {
        HttpResponse<String> r = post(form("deltas", Map.of("delta[2][0]", "0.1385", "delta[1][0]", "abc<b>")));
        assertEquals(400, r.statusCode());
        String bad = blankHtml(r.body(), "delta[1][0]");
        assertTrue(bad.contains("aria-invalid=\"true\""), bad);
        assertTrue(bad.contains("is not a number"), bad);
        assertTrue(bad.contains("value=\"abc&lt;b&gt;\""), "kept and escaped: " + bad);
        assertTrue(blankHtml(r.body(), "delta[2][0]").contains("class=\"blank right\""));
    }

    @Test
    void with_a_rounding_rule_the_page_states_it_and_marks_by_it() {
        String rounded = Fixtures.mazur("\"rounding\": {\"decimals\": 3}");
        String page = get(Worksheets.PATH + "?problem=" + enc(rounded) + "&ask=deltas").body();
        assertTrue(page.contains("rounded as you go to 3 decimal places"), "the rule is stated");
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"problem", rounded});
        f.add(new String[] {"ask", "deltas"});
        f.add(new String[] {"answer:delta[2][0]", "0.138"});
        String marked = post(f).body();
        assertTrue(blankHtml(marked, "delta[2][0]").contains("class=\"blank right\""));
    }

    @Test
    void a_problem_that_cannot_be_solved_is_refused_with_its_errors_and_no_problem_goes_to_the_form() {
        HttpResponse<String> r = get(Worksheets.PATH + "?problem=" + enc("{\"layers\":[{\"size\":2}],\"learningRate\":-1}"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("cannot be made into a worksheet"));
        assertTrue(r.body().contains("learningRate"), r.body());
        HttpResponse<String> none = get(Worksheets.PATH);
        assertEquals(303, none.statusCode());
        assertEquals("/", none.headers().firstValue("Location").orElse(""));
        assertEquals(400, get(Worksheets.PATH + "?problem=" + enc("{not json")).statusCode());
    }

    @Test
    void the_worked_page_links_to_its_worksheet() {
        String page = get("/solve?problem=" + enc(Fixtures.MAZUR)).body();
        assertTrue(page.contains("id=\"worksheet-link\""));
        assertTrue(page.contains("formaction=\"/worksheet\""));
    }

    @Test
    void every_open_blank_offers_its_formula_before_anything_is_typed_drawn_as_a_formula_not_a_result() {
        String blank = get(Worksheets.PATH + "?problem=" + enc(Fixtures.MAZUR) + "&ask=deltas").body();
        for (String key : blanks(blank)) {
            assertTrue(blankHtml(blank, key).contains("value=\"hint:" + key + "\""), "a hint for the open blank " + key);
        }
        // asked for straight away, with nothing typed: the formula, and no mark
        HttpResponse<String> r = post(form("deltas", Map.of(), "action", "hint:delta[1][0]"));
        assertEquals(200, r.statusCode());
        String b = blankHtml(r.body(), "delta[1][0]");
        assertTrue(b.contains("class=\"blank open\""), b);
        assertTrue(b.contains("class=\"hint-box\""), b);
        assertTrue(b.contains("class=\"hint-formula\""), b);
        assertFalse(b.contains("result"), "not laid out as a worked result: " + b);
        assertFalse(b.contains("class=\"step"), "not a worked step's card: " + b);
        assertFalse(Fixtures.text(b).matches("(?s).*\\d\\.\\d.*"), "no number in the formula: " + Fixtures.text(b));
        assertFalse(b.contains("show:"), "the worked step waits for an answer");
        assertFalse(r.body().contains("id=\"score\""), "nothing was marked");
    }

    @Test
    void no_value_of_a_blank_is_in_the_marking_rule_or_in_any_feedback() {
        for (String problem : List.of(Fixtures.MAZUR, dev.backprop.engine.json.ProblemJson.toJson(Fixtures.preset("seed-given")),
                Fixtures.mazur("\"rounding\": {\"decimals\": 3}"))) {
            dev.backprop.engine.check.AnswerKey key = dev.backprop.engine.check.Checker.answerKey(
                    dev.backprop.engine.json.ProblemJson.read(problem));
            String page = get(Worksheets.PATH + "?problem=" + enc(problem)).body();
            List<String> keys = blanks(page);
            // every blank answered with a made-up number: each gets feedback
            List<String[]> f = new ArrayList<>();
            f.add(new String[] {"problem", problem});
            f.add(new String[] {"ask", "all"});
            for (String k : keys) {
                f.add(new String[] {WorksheetPage.ANSWER + k, "0.4444"});
            }
            String marked = post(f).body();
            String rule = Fixtures.text(marked.substring(marked.indexOf("id=\"marking-rule\""), marked.indexOf("</p>",
                    marked.indexOf("id=\"marking-rule\""))));
            StringBuilder feedback = new StringBuilder();
            Matcher m = Pattern.compile("<span class=\"feedback\">(.*?)</span></div>", Pattern.DOTALL).matcher(marked);
            while (m.find()) {
                feedback.append(Fixtures.text(m.group(1))).append('\n');
            }
            assertTrue(feedback.length() > 0);
            for (String k : keys) {
                double v = key.exact(k);
                for (int digits : new int[] {3, 4, 9}) {
                    String shown = new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros()
                            .toPlainString().replace('-', '−');
                    if (shown.replace("−", "").replace("0", "").replace(".", "").length() < 2) {
                        continue; // 0, 0.5: too short to be anyone's answer
                    }
                    assertFalse(rule.contains(shown), k + " = " + shown + " in the rule: " + rule);
                    assertFalse(feedback.toString().contains(shown), k + " = " + shown + " in the feedback:\n" + feedback);
                }
            }
            // the feedback names quantities in the page's notation, never by their keys
            assertFalse(feedback.toString().matches("(?s).*(delta|dW|db|W|b|z|a)\\[\\d.*"), feedback.toString());
        }
    }

    @Test
    void the_teacher_sets_the_share_of_a_mark_for_an_answer_carried_forward_and_the_link_keeps_it() {
        String page = get(Worksheets.PATH + "?problem=" + enc(Fixtures.MAZUR) + "&ask=deltas&cf=1").body();
        assertTrue(page.contains("&amp;cf=1"), "the link to hand out keeps the setting");
        assertTrue(page.contains("(carried forward) and earns a whole mark"), "the rule states the share");
        String html = post(form("deltas", signFlippedThenCarried(), "cf", "1")).body();
        assertTrue(blankHtml(html, "delta[1][0]").contains("<span class=\"marks\">1 mark</span>"), blankHtml(html, "delta[1][0]"));
        assertTrue(html.contains("Marks: 2 of 4"), html.substring(html.indexOf("id=\"score\"")));
        // a share that is no share: refused, naming the field
        HttpResponse<String> bad = get(Worksheets.PATH + "?problem=" + enc(Fixtures.MAZUR) + "&cf=2");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("cf") && bad.body().contains("from 0 to 1"), bad.body());
    }
}
