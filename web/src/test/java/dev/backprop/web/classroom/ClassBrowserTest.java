package dev.backprop.web.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.classroom.Variant;
import dev.backprop.engine.classroom.Variants;
import dev.backprop.engine.json.ExerciseJson;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.web.Axe;
import dev.backprop.web.SharedBrowser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A teacher, as a new user, in the real browser (the one shared Chromium session): from the home
 * page to the teacher's page, a class of 30, their handouts printed a page each, the answer keys,
 * the Moodle file downloaded; then the class's answers uploaded as a CSV (some right, some rounded
 * as they went, one student for each slip the checker names in an update), every student marked
 * and the most common mistake named and linked to its worked step. Each page passes axe with no
 * serious or critical violation and scrolls no wider than a 390 px phone. Screenshots and prints go
 * to {@code target/screenshots} and {@code target/prints}.
 */
@ExtendWith(SharedBrowser.class)
class ClassBrowserTest {
    private static final int PHONE = 390;
    private static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();
    private static ChromeDriver driver;
    private static String base;

    @BeforeAll
    static void start() {
        driver = SharedBrowser.driver();
        base = SharedBrowser.base();
    }

    @AfterEach
    void plain() {
        SharedBrowser.resetEmulation();
    }

    private static void fillClass(List<String> students) {
        WebElement ids = driver.findElement(By.id("students"));
        ids.clear();
        // typed through the page's own field, a line each, as a teacher pastes a register
        driver.executeScript("arguments[0].value = arguments[1]", ids, String.join("\n", students));
        WebElement salt = driver.findElement(By.id("salt"));
        salt.clear();
        salt.sendKeys("week-3");
    }

    private static void accessibleAndNarrow(String page) {
        assertEquals(List.of(), Axe.seriousViolations(driver), page + " in axe-core");
        SharedBrowser.phone(PHONE, 800);
        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        Object offenders = scrollWidth.intValue() <= PHONE ? "" : driver.executeScript("return Array.from("
                + "document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > " + PHONE + " && !(function(x)"
                + " { for (x = x.parentElement; x; x = x.parentElement) { if (getComputedStyle(x).overflowX !== 'visible')"
                + " return true; } return false; })(e))"
                + ".slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id).join(', ')");
        assertTrue(scrollWidth.intValue() <= PHONE, page + " is " + scrollWidth + " px wide on a " + PHONE + " px phone: "
                + offenders);
        SharedBrowser.screenshot("class-" + page + "-phone");
        SharedBrowser.resetEmulation();
    }

    /** The teacher's page reached from the home page: the form's own problem, "Teach it to a class". */
    private static void openFromHome() {
        driver.get(base + "/");
        SharedBrowser.submitWith(driver.findElement(By.id("make-class")));
        assertTrue(driver.getCurrentUrl().contains("/class?"), driver.getCurrentUrl());
    }

    @Test
    void a_teacher_goes_from_the_home_page_to_handouts_keys_and_moodle_then_marks_the_class() throws Exception {
        List<String> students = ClassPagesTest.ids(30);
        openFromHome();
        assertTrue(driver.findElements(By.tagName("script")).isEmpty(), "no scripts");
        String exercise = driver.findElement(By.id("exercise")).getAttribute("value");
        assertTrue(exercise.contains("\"samples\" : 1"), exercise);
        accessibleAndNarrow("start");
        fillClass(students);
        SharedBrowser.submitWith(driver.findElement(By.id("make-variants")));
        assertEquals(30, driver.findElements(By.cssSelector("table.variants tbody tr")).size());
        SharedBrowser.screenshot("class-variants");
        accessibleAndNarrow("variants");

        // handouts: printed, one student a sheet
        SharedBrowser.submitWith(driver.findElement(By.id("handouts")));
        assertEquals(30, driver.findElements(By.cssSelector("section.handout")).size());
        accessibleAndNarrow("handouts");
        List<String> sheets = print("class-handouts");
        assertEquals(30, sheets.size(), "one printed page per student");
        for (int i = 0; i < 30; i++) {
            assertTrue(sheets.get(i).contains(students.get(i)), "sheet " + (i + 1) + ": " + sheets.get(i));
        }

        // the answer keys
        openFromHome();
        fillClass(students);
        SharedBrowser.submitWith(driver.findElement(By.id("keys-doc")));
        assertEquals(30, driver.findElements(By.cssSelector("section.worked-key")).size());
        assertEquals(30, driver.findElements(By.cssSelector("table.key-table tbody tr")).size());
        accessibleAndNarrow("keys");

        // the Moodle file, downloaded as a browser does
        openFromHome();
        fillClass(students);
        Files.createDirectories(DOWNLOADS);
        Path xml = DOWNLOADS.resolve("moodle-week-3.xml");
        Files.deleteIfExists(xml);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString()));
        driver.findElement(By.id("moodle")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Files.exists(xml));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> read(xml).endsWith("</quiz>\n"));
        assertEquals(30, ClassPagesTest.count(read(xml), "<question type=\"cloze\">"));

        // marking: the class's answers as a file
        Variants week = Variants.of(ExerciseJson.read(exercise), ClassPagesTest.ASK, "week-3");
        Map<String, String> slips = new LinkedHashMap<>();
        String csv = ClassPagesTest.answers(week, students, slips);
        Path answers = DOWNLOADS.resolve("answers.csv");
        Files.writeString(answers, csv);
        driver.findElement(By.id("answersFile")).sendKeys(answers.toString());
        SharedBrowser.submitWith(driver.findElement(By.id("mark")));
        WebElement common = driver.findElement(By.id("common"));
        assertTrue(common.getText().contains("most common mistake"), common.getText());
        assertEquals(30, driver.findElements(By.cssSelector("#gradebook-table tbody tr")).size());
        assertTrue(driver.findElement(By.id("heat-map")).findElements(By.cssSelector("rect.heat-cell")).size() > 0);
        assertTrue(driver.findElement(By.id("answers")).getAttribute("value").startsWith("student,"),
                "the upload is shown back in its field");
        for (String s : students.subList(0, 8)) {
            WebElement row = driver.findElement(By.xpath("//table[@id='gradebook-table']//th[text()='" + s + "']/.."));
            assertTrue(row.getText().contains("15 / 15"), s + ": " + row.getText());
        }
        for (Map.Entry<String, String> e : slips.entrySet()) {
            WebElement row = driver.findElement(By.xpath("//table[@id='gradebook-table']//th[text()='" + e.getKey() + "']/.."));
            assertTrue(row.getText().contains("14 / 15") && row.getText().contains(e.getValue()), e + ": " + row.getText());
        }
        SharedBrowser.screenshot("class-marked");
        accessibleAndNarrow("marked");
        // the most common mistake's step, worked for the student named
        String name = driver.findElement(By.id("common-step")).getAttribute("href");
        driver.get(name);
        String anchor = name.substring(name.indexOf('#') + 1);
        assertTrue(driver.findElement(By.id(anchor)).isDisplayed(), anchor);
        Variant example = week.variant(slips.keySet().iterator().next());
        assertTrue(example.code().length() == 8);
    }

    @Test
    void a_bad_answers_file_is_named_by_row_and_column_and_kept() {
        openFromHome();
        fillClass(ClassPagesTest.ids(3));
        WebElement answers = driver.findElement(By.id("answers"));
        driver.executeScript("arguments[0].value = arguments[1]", answers, "student,δ_o1\ns001,0.1\ns002,oops\n");
        SharedBrowser.submitWith(driver.findElement(By.id("mark")));
        WebElement errors = driver.findElement(By.id("errors"));
        assertTrue(errors.getText().contains("row 3, column 2"), errors.getText());
        assertEquals("student,δ_o1\ns001,0.1\ns002,oops\n", driver.findElement(By.id("answers")).getAttribute("value"));
        accessibleAndNarrow("bad-answers");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    /** Prints the page shown (A4, the page's own CSS) and reads back each sheet's text. */
    private static List<String> print(String name) throws IOException {
        Map<String, Object> pdf = driver.executeCdpCommand("Page.printToPDF", Map.of("paperWidth", 8.27,
                "paperHeight", 11.69, "preferCSSPageSize", true, "printBackground", false));
        byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
        Path prints = Path.of("target", "prints");
        Files.createDirectories(prints);
        Files.write(prints.resolve(name + ".pdf"), bytes);
        List<String> sheets = new java.util.ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                PDFTextStripper text = new PDFTextStripper();
                text.setStartPage(p);
                text.setEndPage(p);
                sheets.add(text.getText(doc));
            }
        }
        return sheets;
    }
}
