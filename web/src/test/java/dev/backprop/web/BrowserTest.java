package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.web.form.Presets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser: Debian's headless Chromium driven by Selenium, through the one
 * browser session the whole run shares ({@link SharedBrowser}), the app on a free port. Each test
 * saves full-page screenshots under {@code target/screenshots/}.
 *
 * <p>The δ values each preset must show are oracles computed apart from this project: the seed
 * document's own numbers, Mazur's published figures, the shared reference files, and a separate
 * Python re-implementation of the forward and backward pass (for the seed's computed network, XOR
 * and the softmax network).
 */
@ExtendWith(SharedBrowser.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    /** Each preset's δ values of the first sample, by quantity key. */
    private static final Map<String, Map<String, Double>> DELTAS = new LinkedHashMap<>();

    static {
        DELTAS.put("seed-given", Map.of("delta[2][0]", -0.0105, "delta[1][0]", -0.00101598, "delta[1][1]", -0.001134));
        DELTAS.put("seed-computed", Map.of("delta[2][0]", 0.00025501628992695278,
                "delta[1][0]", 2.4614244582743695e-05, "delta[1][1]", 2.7612153438093695e-05));
        // the first update's δ do not depend on the optimizer: the seed's network, computed, again
        DELTAS.put("seed-momentum", DELTAS.get("seed-computed"));
        DELTAS.put("seed-adam", DELTAS.get("seed-computed"));
        DELTAS.put("mazur", Map.of("delta[2][0]", 0.138498562, "delta[2][1]", -0.038098236516556236,
                "delta[1][0]", 0.0087713546894869314, "delta[1][1]", 0.0099542547052171981));
        DELTAS.put("mazur-published", Map.of("delta[2][0]", 0.138498562, "delta[2][1]", -0.03809823651655623,
                "delta[1][0]", 0.0072944575518818725, "delta[1][1]", 0.008472592089352566));
        DELTAS.put("xor", Map.of("delta[2][0]", 0.13581246325286472,
                "delta[1][0]", 0.036977418979494948, "delta[1][1]", -0.039840582568028124));
        DELTAS.put("softmax", Map.of("delta[2][0]", -0.7090607288371984, "delta[2][1]", 0.34999954085222063,
                "delta[2][2]", 0.35906118798497771, "delta[1][0]", -0.36867805859246716,
                "delta[1][1]", 0.31600085091048485, "delta[1][2]", -0.31115206313977711));
    }

    private static ChromeDriver driver;
    private static String base;

    @BeforeAll
    static void start() {
        driver = SharedBrowser.driver();
        base = SharedBrowser.base();
    }

    private static void screenshot(String name) {
        SharedBrowser.screenshot(name);
    }

    private static void open(String path) {
        driver.get(base + path);
        assertTrue(driver.findElements(By.tagName("script")).isEmpty(), "no scripts on " + path);
    }

    /** Clicks and waits until the browser has arrived at a page whose URL starts with the prefix. */
    private static void clickTo(By button, String prefix) {
        driver.findElement(button).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(base + prefix)
                && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Clicks a button that posts the form and waits for the server's new page to replace this one. */
    private static void clickAndReload(By button) {
        SharedBrowser.submitWith(driver.findElement(button));
    }

    private static WebElement field(String name) {
        return driver.findElement(By.name(name));
    }

    private static void type(String name, String value) {
        WebElement input = field(name);
        input.clear();
        input.sendKeys(value);
    }

    private static String anchor(String key) {
        return "q-" + key.replaceAll("[\\[\\]@]+", "-").replaceAll("-+(:|$)", "$1").replace(":", "-u");
    }

    /** The value a step arrives at: as shown, and the exact double behind it (its hover title). */
    private static void assertShows(String key, double expected) {
        WebElement result = driver.findElement(By.cssSelector("#" + anchor(key) + " .rhs.result"));
        String shown = result.getText().replaceAll("\\s+", "");
        double value = Fixtures.parseShown(shown);
        assertEquals(expected, value, Math.abs(expected) * 1e-8, key + " shows " + shown);
        String exact = result.findElement(By.cssSelector("[title]")).getAttribute("title");
        assertEquals(expected, Double.parseDouble(exact), Math.abs(expected) * 1e-8, key + " is " + exact);
    }

    @Test
    @Order(1)
    void the_form_opens_with_the_seeds_example() {
        open("/");
        assertEquals("Problem · Backprop Workbook", driver.getTitle());
        assertEquals("0.4", field("layers[2].weights[0][0]").getAttribute("value"));
        assertEquals("0.59", field("given[0].value").getAttribute("value"));
        assertEquals("a[1][0]", new Select(field("given[0].key")).getFirstSelectedOption().getAttribute("value"));
        assertEquals(Presets.ALL.size(), driver.findElements(By.cssSelector("#presets .card")).size());
        screenshot("form");
    }

    @Test
    @Order(2)
    void each_preset_submits_and_shows_its_delta_values() {
        for (Presets.Preset preset : Presets.ALL) {
            open("/?preset=" + preset.id());
            clickTo(By.id("solve"), "/solve?problem=");
            assertTrue(driver.findElements(By.tagName("script")).isEmpty());
            for (Map.Entry<String, Double> e : DELTAS.get(preset.id()).entrySet()) {
                assertShows(e.getKey(), e.getValue());
            }
            assertEquals(2, driver.findElements(By.cssSelector("#diagram svg.network")).size(), "before and after");
            screenshot("preset-" + preset.id());
        }
    }

    @Test
    @Order(3)
    void the_seed_page_shows_the_seeds_derivation() {
        open("/");
        clickTo(By.id("solve-seed-given"), "/solve?problem=");
        assertShows("dW[2][0][0]", -0.006195);
        assertShows("dW[2][0][1]", -0.0063);
        assertShows("W[2][0][0]", 0.4030975);
        assertShows("W[2][0][1]", 0.45315);
        String delta = driver.findElement(By.id(anchor("delta[2][0]"))).getText().replaceAll("\\s+", "");
        assertTrue(delta.contains("−(0.75−0.7)"), delta);
    }

    @Test
    @Order(4)
    void changing_the_architecture_redraws_the_form_and_solves_the_new_network() {
        open("/?preset=seed-computed");
        clickAndReload(By.id("add-neuron-1"));
        assertEquals("3", field("layers[1].size").getAttribute("value"));
        assertFalse(driver.findElements(By.name("layers[1].weights[2][1]")).isEmpty(), "h3's incoming weights");
        assertFalse(driver.findElements(By.name("layers[2].weights[0][2]")).isEmpty(), "the weight from h3 into o1");
        assertEquals("0.4", field("layers[2].weights[0][0]").getAttribute("value"), "typed values survive the redraw");
        clickAndReload(By.id("add-layer"));
        assertEquals(4, driver.findElements(By.cssSelector(".layer-card")).size());
        type("layers[2].size", "3");
        clickAndReload(By.id("resize"));
        assertFalse(driver.findElements(By.name("layers[3].weights[0][2]")).isEmpty(), "the output takes 3 inputs now");
        screenshot("architecture-form");
        clickTo(By.id("solve"), "/solve?problem=");
        for (String key : new String[] {"delta[3][0]", "delta[2][2]", "delta[1][2]", "W[3][0][2]", "W[1][2][1]"}) {
            assertFalse(driver.findElements(By.id(anchor(key))).isEmpty(), key);
        }
        String names = driver.findElement(By.cssSelector("#diagram svg.network")).getText();
        assertTrue(names.contains("h6"), "hidden neurons numbered on across layers: " + names);
        screenshot("architecture-solution");
    }

    @Test
    @Order(5)
    void a_bad_value_comes_back_with_its_message_and_every_typed_value() {
        open("/?preset=seed-computed");
        type("learningRate", "abc");
        type("layers[1].weights[0][1]", "<script>alert(1)</script>");
        type("layers[2].weights[0][0]", "0.123");
        type("samples[0].target[0]", "");
        clickAndReload(By.id("solve"));
        assertEquals("Problem (please check) · Backprop Workbook", driver.getTitle());
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "the script never runs");
        assertEquals("abc", field("learningRate").getAttribute("value"));
        assertEquals("<script>alert(1)</script>", field("layers[1].weights[0][1]").getAttribute("value"));
        assertEquals("0.123", field("layers[2].weights[0][0]").getAttribute("value"));
        assertEquals("0.05", field("samples[0].input[0]").getAttribute("value"));
        assertEquals("", field("samples[0].target[0]").getAttribute("value"));
        assertEquals("“abc” is not a number", driver.findElement(By.id("e-learningRate")).getText());
        assertEquals("“<script>alert(1)</script>” is not a number", driver.findElement(By.id("e-layers-1-weights-0-1")).getText());
        assertEquals("is empty; type a number", driver.findElement(By.id("e-samples-0-target-0")).getText());
        assertEquals("true", field("learningRate").getAttribute("aria-invalid"));
        assertTrue(driver.findElement(By.id("errors")).getText().contains("3 things to fix"));
        screenshot("bad-input");
    }

    @Test
    @Order(6)
    void the_latex_export_downloads_as_a_named_file_holding_an_align_block_to_paste() throws Exception {
        Path downloads = Files.createTempDirectory("downloads");
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
                downloads.toAbsolutePath().toString()));
        open("/");
        clickTo(By.id("solve-seed-given"), "/solve?problem=");
        driver.findElement(By.id("export-latex")).click();
        String tex = downloaded(downloads.resolve("worked-solution-2-2-1.tex"));
        assertTrue(driver.getCurrentUrl().contains("/solve?problem="), "the page stays; the file is saved");
        assertTrue(tex.contains("\\begin{align*}"), tex);
        assertTrue(tex.contains("\\delta _{o1} &= "), tex);
        assertTrue(tex.contains("&= -0.0105"), tex);
        assertTrue(tex.contains("W_{31}^{\\text{new}} &= W_{31}^{\\text{old}}"), tex);
        assertTrue(tex.contains("&= 0.4030975"), tex);
        assertTrue(tex.trim().endsWith("\\end{align*}"), tex);
        driver.findElement(By.id("export-markdown")).click();
        assertTrue(downloaded(downloads.resolve("worked-solution-2-2-1.md")).startsWith("# Worked solution: a 2-2-1 network"));
        driver.findElement(By.id("export-text")).click();
        assertTrue(downloaded(downloads.resolve("worked-solution-2-2-1.txt")).startsWith("Worked solution: a 2-2-1 network\n"));
        // in Mazur's notation the file says so in its name
        new Select(driver.findElement(By.id("notation"))).selectByValue("mazur");
        driver.findElement(By.id("export-latex")).click();
        assertTrue(downloaded(downloads.resolve("worked-solution-2-2-1-mazur.tex")).contains("\\eta"), "his η for the learning rate");
    }

    /** A downloaded file's text, once the browser has written it whole (it writes a .crdownload first). */
    private static String downloaded(Path file) throws Exception {
        for (int k = 0; k < 100 && !Files.exists(file); k++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), "downloaded " + file.getFileName() + ": " + java.util.Arrays.toString(file.getParent().toFile().list()));
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    @Order(7)
    void the_precision_selector_rewrites_every_number() {
        open("/");
        clickTo(By.id("solve-seed-given"), "/solve?problem=");
        new Select(driver.findElement(By.id("digits"))).selectByValue("4");
        clickTo(By.id("apply-precision"), "/solve?problem=");
        assertTrue(driver.getCurrentUrl().contains("digits=4"), driver.getCurrentUrl());
        String shown = driver.findElement(By.cssSelector("#" + anchor("delta[1][0]") + " .rhs.result")).getText().replaceAll("\\s+", "");
        assertEquals("−0.001016", shown);
    }

    @Test
    @Order(8)
    void a_big_network_opens_one_neurons_working() {
        String problem = "{\"layers\": [{\"size\": 12}, {\"size\": 40, \"activation\": \"tanh\"}, {\"size\": 3, \"activation\": \"softmax\"}],"
                + " \"loss\": \"cross-entropy\", \"learningRate\": 0.1, \"seed\": 5, \"epochs\": 50,"
                + " \"samples\": [{\"input\": [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0], \"target\": [0, 1, 0]},"
                + " {\"input\": [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], \"target\": [1, 0, 0]}]}";
        open("/solve?problem=" + java.net.URLEncoder.encode(problem, java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(driver.findElements(By.id("matrix")).isEmpty(), "matrix form");
        new Select(driver.findElement(By.id("neuron-choice"))).selectByValue("h7");
        clickTo(By.id("show-neuron"), "/solve?problem=");
        assertTrue(driver.getCurrentUrl().contains("neuron=h7"), driver.getCurrentUrl());
        assertFalse(driver.findElements(By.id(anchor("delta[1][6]"))).isEmpty());
        assertFalse(driver.findElements(By.id(anchor("W[1][6][11]"))).isEmpty());
        assertTrue(driver.findElements(By.id(anchor("delta[1][7]"))).isEmpty(), "one neuron at a time");
        screenshot("big-network");
    }

    @Test
    @Order(9)
    void on_a_wide_screen_the_contents_are_an_open_sidebar_beside_the_worked_page() {
        open("/");
        clickTo(By.id("solve-mazur"), "/solve?problem=");
        WebElement contents = driver.findElement(By.cssSelector("aside.toc"));
        WebElement main = driver.findElement(By.id("main"));
        assertTrue(contents.getRect().getX() + contents.getRect().getWidth() <= main.getRect().getX(), "beside the content");
        assertFalse(driver.findElement(By.cssSelector("details.toc-fold")).isDisplayed(), "not folded up as well");
        WebElement link = contents.findElement(By.cssSelector("a[href='#summary']"));
        assertTrue(link.isDisplayed(), "open without a click");
        link.click();
        assertTrue(driver.getCurrentUrl().endsWith("#summary"), driver.getCurrentUrl());
    }

    @Test
    @Order(10)
    void the_print_stylesheet_leaves_out_the_controls() {
        open("/");
        clickTo(By.id("solve-seed-given"), "/solve?problem=");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertFalse(driver.findElement(By.id("tools")).isDisplayed(), "no toolbar on paper");
            assertFalse(driver.findElement(By.cssSelector("header.site")).isDisplayed());
            assertTrue(driver.findElement(By.id(anchor("delta[2][0]"))).isDisplayed());
            screenshot("print");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    @Order(11)
    void the_optimizer_shows_only_the_chosen_rules_settings_and_the_adam_page_draws_every_moment() {
        open("/?preset=seed-adam");
        assertEquals("adam", new Select(field("optimizer.name")).getFirstSelectedOption().getAttribute("value"));
        assertTrue(field("optimizer.beta1").isDisplayed(), "Adam's β₁");
        assertTrue(field("optimizer.epsilon").isDisplayed(), "ε, Adam's and RMSprop's");
        assertFalse(field("optimizer.momentum").isDisplayed(), "no momentum for Adam");
        assertFalse(field("optimizer.alpha").isDisplayed(), "no ρ for Adam");
        new Select(field("optimizer.name")).selectByValue("momentum");
        assertTrue(field("optimizer.momentum").isDisplayed(), "the stylesheet follows the choice, without a script");
        assertFalse(field("optimizer.beta1").isDisplayed());
        new Select(field("optimizer.name")).selectByValue("adam");
        clickTo(By.id("solve"), "/solve?problem=");
        for (String key : new String[] {"mW[2][0][0]", "vW[2][0][0]", "mhatW[2][0][0]", "vhatW[2][0][0]", "mW[2][0][0]:2",
            "vhatb[1][1]:2", "W[2][0][0]:2"}) {
            WebElement step = driver.findElement(By.id(anchor(key)));
            assertTrue(step.isDisplayed(), key);
            assertFalse(step.findElements(By.tagName("math")).isEmpty(), key + " in MathML");
        }
        WebElement root = driver.findElement(By.id(anchor("W[2][0][0]:2"))).findElement(By.tagName("msqrt"));
        assertTrue(root.getRect().getWidth() > 10, "the square root is drawn");
        assertShows("mW[2][0][0]", 0.0000151293512);
        screenshot("adam-two-updates");
    }
}
