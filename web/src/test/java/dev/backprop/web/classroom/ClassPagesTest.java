package dev.backprop.web.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.check.MistakeValue;
import dev.backprop.engine.classroom.ClassCsv;
import dev.backprop.engine.classroom.Variant;
import dev.backprop.engine.classroom.Variants;
import dev.backprop.engine.json.ExerciseJson;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.render.Notation;
import dev.backprop.web.Http;
import dev.backprop.web.SharedApp;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ClassPagesTest {
    static final String EXERCISE = ClassForm.exerciseText(null);
    static final List<String> ASK = List.of("delta", "dW", "W");

    static Http http() {
        return SharedApp.http();
    }

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(String.format("s%03d", i));
        }
        return ids;
    }

    /** The form's fields for a class. */
    static List<String[]> fields(List<String> students, String salt, String answers, String... more) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"exercise", EXERCISE});
        for (String k : ASK) {
            f.add(new String[] {"ask", k});
        }
        f.add(new String[] {"keys", ""});
        f.add(new String[] {"students", String.join("\n", students)});
        f.add(new String[] {"salt", salt});
        f.add(new String[] {"notation", "seed"});
        f.add(new String[] {"answers", answers});
        for (int k = 0; k + 1 < more.length; k += 2) {
            f.add(new String[] {more[k], more[k + 1]});
        }
        return f;
    }

    static Variants engine(String salt) {
        return Variants.of(ExerciseJson.read(EXERCISE), ASK, salt);
    }

    /**
     * A class's answers as a CSV, headed by the seed's names: the first students right to 4 figures,
     * the next rounding to 4 figures as they go, then one student for each mistake the checker
     * names in the update of W31 (the rest of their answers right).
     */
    static String answers(Variants week, List<String> students, Map<String, String> slips) {
        Variant any = week.variant(students.get(0));
        StringBuilder csv = new StringBuilder("student");
        for (String k : any.ask()) {
            csv.append(',').append(ClassCsv.heading(week, Notation.Profile.SEED, k));
        }
        csv.append('\n');
        for (int i = 0; i < students.size(); i++) {
            Variant v = week.variant(students.get(i));
            Map<String, String> written = new LinkedHashMap<>();
            v.answers().forEach((k, x) -> written.put(k, four(x)));
            if (i >= 4 && i < 8) {
                // rounded to 4 significant figures as they went, and written so
                rounded(v).forEach((k, x) -> written.put(k, four(x)));
            } else if (i >= 8) {
                List<MistakeValue> mistakes = v.key().mistakes().inStep("W[2][0][0]");
                MistakeValue m = mistakes.get((i - 8) % mistakes.size());
                written.put("W[2][0][0]", four(m.value()));
                slips.put(v.student(), m.diagnosis().code());
            }
            csv.append(v.student());
            for (String k : any.ask()) {
                csv.append(',').append(written.get(k));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    static String four(double x) {
        return new BigDecimal(x).round(new MathContext(4, RoundingMode.HALF_UP)).toPlainString();
    }

    /** The asked values worked with every quantity rounded to 4 significant figures as it is computed. */
    static Map<String, Double> rounded(Variant v) {
        var key = dev.backprop.engine.check.AnswerKey.of(v.problem().withRounding(dev.backprop.engine.nn.Rounding.significant(4)));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : v.ask()) {
            out.put(k, key.step(k).value());
        }
        return out;
    }

    @Test
    void the_home_page_leads_to_the_teachers_page_and_the_form_starts_it_from_its_problem() {
        assertTrue(http().get("/").body().contains("href=\"/class\""));
        HttpResponse<String> page = http().get("/class");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"exercise\""));
        HttpResponse<String> preset = http().get("/class?preset=mazur");
        assertEquals(200, preset.statusCode());
        assertTrue(preset.body().contains("&quot;size&quot; : 2") || preset.body().contains("\"size\" : 2"), preset.body());
        assertFalse(preset.body().contains("0.15"), "the preset's weights are left out, to be drawn");
    }

    @Test
    void a_link_with_a_problem_that_cannot_be_read_is_refused_naming_its_mistakes_not_replaced_by_the_seed() {
        HttpResponse<String> r = http().get("/class?problem=" + Http.enc("{\"layers\": [{\"size\": 2}], \"learningRate\": \"x\"}"));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("learningRate"), r.body());
        assertTrue(r.body().contains("must be a number"), r.body());
    }

    @Test
    void the_variants_list_each_students_code_and_worksheet() {
        List<String> students = ids(30);
        HttpResponse<String> r = http().postForm("/class", fields(students, "week-3", "", "action", "variants"));
        assertEquals(200, r.statusCode(), () -> errors(r.body()));
        Variants week = engine("week-3");
        for (String s : students) {
            assertTrue(r.body().contains(week.variant(s).code()), s);
        }
        assertEquals(30, count(r.body(), "aria-label=\"worksheet of "));
    }

    @Test
    void handouts_are_a_page_per_student_with_no_answers_and_no_worked_solution_unless_hints_are_allowed() {
        List<String> students = ids(30);
        Variants week = engine("week-3");
        String body = http().postForm("/class/handouts", fields(students, "week-3", "")).body();
        assertEquals(30, count(body, "class=\"handout\""));
        for (String s : students.subList(0, 5)) {
            Variant v = week.variant(s);
            assertTrue(body.contains(v.code()));
            for (double x : v.answers().values()) {
                assertFalse(body.contains(ClassDocs.four(x)), s + "'s handout gives away " + x);
            }
        }
        assertFalse(body.contains("/solve?"));
        assertFalse(body.contains("/worksheet?"));
        String hinted = http().postForm("/class/handouts", fields(students, "week-3", "", "hints", "on")).body();
        assertEquals(30, count(hinted, "href=\"/worksheet?"));
    }

    @Test
    void the_answer_keys_hold_the_key_table_and_every_variants_worked_solution() {
        List<String> students = ids(5);
        Variants week = engine("week-3");
        String body = http().postForm("/class/keys", fields(students, "week-3", "")).body();
        assertEquals(5, count(body, "class=\"worked-key\""));
        for (String s : students) {
            Variant v = week.variant(s);
            for (double x : v.answers().values()) {
                assertTrue(body.contains(ClassDocs.four(x)), s + " " + x);
            }
        }
        assertTrue(body.contains("<math"), "the worked solutions are in MathML");
    }

    @Test
    void the_moodle_file_has_one_category_and_a_cloze_question_per_student_with_a_numerical_blank_per_answer()
            throws Exception {
        List<String> students = ids(30);
        HttpResponse<String> r = http().postForm("/class/moodle.xml", fields(students, "week <3> & \"more\"", ""));
        assertEquals(200, r.statusCode(), () -> errors(r.body()));
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains(".xml"));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        NodeList questions = xml.getDocumentElement().getElementsByTagName("question");
        assertEquals(31, questions.getLength());
        Element category = (Element) questions.item(0);
        assertEquals("category", category.getAttribute("type"));
        assertEquals("$course$/top/Backprop Workbook/week <3> & \"more\"", category.getTextContent().strip());
        Variants week = engine("week <3> & \"more\"");
        // Moodle's Cloze: {weight:NUMERICAL:=answer:tolerance} and no other braces in the text
        Pattern blank = Pattern.compile("\\{1:NUMERICAL:=(-?\\d+(?:\\.\\d+)?):(\\d+(?:\\.\\d+)?(?:E-?\\d+)?)}");
        for (int q = 1; q < questions.getLength(); q++) {
            Element e = (Element) questions.item(q);
            assertEquals("cloze", e.getAttribute("type"));
            Variant v = week.variant(students.get(q - 1));
            String text = e.getElementsByTagName("questiontext").item(0).getTextContent();
            Matcher m = blank.matcher(text);
            List<Double> values = new ArrayList<>();
            while (m.find()) {
                double value = Double.parseDouble(m.group(1));
                double tolerance = Double.parseDouble(m.group(2));
                assertTrue(tolerance > 0 && tolerance < Math.abs(value) / 20, m.group());
                values.add(value);
            }
            assertEquals(v.ask().size(), values.size(), text);
            int k = 0;
            for (String key : v.ask()) {
                assertEquals(v.answers().get(key), values.get(k++), Math.abs(v.answers().get(key)) * 1e-5, key);
            }
            String rest = m.replaceAll("");
            assertFalse(rest.contains("{") || rest.contains("}") || rest.contains("#") || rest.contains("~"), rest);
            assertTrue(text.contains(v.code()));
        }
    }

    @Test
    void marking_a_class_shows_each_student_marked_the_summary_the_heat_map_and_the_most_common_mistake() {
        List<String> students = ids(30);
        Variants week = engine("week-3");
        Map<String, String> slips = new LinkedHashMap<>();
        String csv = answers(week, students, slips);
        HttpResponse<String> r = http().postForm("/class", fields(students, "week-3", csv, "action", "mark"));
        assertEquals(200, r.statusCode(), () -> errors(r.body()));
        String body = r.body();
        assertTrue(body.contains("id=\"heat-map\""));
        assertTrue(body.contains("<svg"));
        assertTrue(body.contains("most common mistake:"), () -> errors(body));
        Matcher step = Pattern.compile("id=\"common-step\"[^>]*|href=\"([^\"]*)\" id=\"common-step\"").matcher(body);
        assertTrue(step.find());
        String link = step.group(1) == null ? body.substring(body.indexOf("href=", body.indexOf("id=\"common-step\"") - 3000))
                : step.group(1);
        assertTrue(link.contains("#q-W-2-0-0"), link);
        // the pasted answers are kept in their field
        assertTrue(body.contains(csv.substring(0, 40).replace("&", "&amp;")));
        // the right ones and the rounded ones lose nothing; each slip is named in the gradebook
        String book = http().postForm("/class/gradebook.csv", fields(students, "week-3", csv)).body();
        List<String> lines = book.lines().toList();
        assertEquals(31, lines.size());
        for (int i = 1; i <= 8; i++) {
            assertTrue(lines.get(i).contains(",15,15,"), lines.get(i));
        }
        for (Map.Entry<String, String> e : slips.entrySet()) {
            String row = lines.stream().filter(l -> l.startsWith(e.getKey() + ",")).findFirst().orElseThrow();
            assertTrue(row.contains("," + e.getValue() + ","), e + " in " + row);
            assertTrue(row.contains(",14,15,"), row);
        }
    }

    @Test
    void a_bad_answers_file_is_named_by_row_and_column_and_kept_in_its_field() {
        List<String> students = ids(3);
        String csv = "student,δ_o1,W31\ns001,0.1,0.2\ns002,zero,0.3\ns099,0.1,0.1\n";
        HttpResponse<String> r = http().postForm("/class", fields(students, "week-3", csv, "action", "mark"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("row 3, column 2"), r.body());
        assertTrue(r.body().contains("row 4, column 1"), r.body());
        assertTrue(r.body().contains("s002,zero,0.3"), "the upload is shown back in its field");
        HttpResponse<String> noStudent = http().postForm("/class", fields(students, "week-3", "name,W31\nAda,0.1\n",
                "action", "mark"));
        assertEquals(400, noStudent.statusCode());
        assertTrue(noStudent.body().contains("has no student column"), noStudent.body());
    }

    @Test
    void a_bad_exercise_or_class_list_comes_back_with_its_errors_and_everything_typed() {
        List<String[]> f = fields(List.of("s001", "s001"), "week-3", "", "action", "variants");
        HttpResponse<String> r = http().postForm("/class", f);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("listed twice"), r.body());
        List<String[]> bad = new ArrayList<>(fields(List.of("s001"), "week-3", ""));
        bad.set(0, new String[] {"exercise", "{\"layers\": [{\"size\": 2}, {\"size\": 1, \"activation\": \"sigmoidal\"}],"
                + " \"learningRate\": 0.5}"});
        HttpResponse<String> e = http().postForm("/class", bad);
        assertEquals(400, e.statusCode());
        assertTrue(e.body().contains("exercise.layers[1].activation"), e.body());
        assertTrue(e.body().contains("sigmoidal"));
    }

    /** The page's error summary, for a failing assertion's message. */
    static String errors(String page) {
        int k = page.indexOf("error-summary");
        return k < 0 ? page.substring(0, Math.min(page.length(), 2000)) : page.substring(k, Math.min(page.length(), k + 3000));
    }

    static int count(String text, String part) {
        int n = 0;
        for (int k = text.indexOf(part); k >= 0; k = text.indexOf(part, k + 1)) {
            n++;
        }
        return n;
    }
}
