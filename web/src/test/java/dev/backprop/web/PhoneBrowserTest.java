package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.json.ProblemJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every kind of page on a phone 390 CSS pixels wide, in the shared Chromium ({@link SharedBrowser})
 * with a phone's screen emulated: nothing makes the page scroll sideways; what is wider than the
 * screen (a long formula, a wide table, a diagram) scrolls inside its own box, which shows that it
 * scrolls, and a keyboard can reach it (axe-core at this width); the worked page's contents are
 * still there, folded up at the top. Screenshots, light and dark, go to
 * {@code target/screenshots/phone-*.png}.
 */
@ExtendWith(SharedBrowser.class)
class PhoneBrowserTest {
    /** An iPhone 12–15's width and height in CSS pixels. */
    static final int WIDTH = 390;
    static final int HEIGHT = 844;

    /**
     * The page's width, and the elements reaching past the screen's edges without a box around
     * them that scrolls or clips (an ancestor whose overflow is not visible and which itself fits).
     */
    private static final String OVERFLOW = """
            const width = document.documentElement.clientWidth;
            const fits = r => r.left >= -0.5 && r.right <= width + 0.5;
            const clipped = el => {
              for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                if (getComputedStyle(p).overflowX !== 'visible' && fits(p.getBoundingClientRect())) return true;
              }
              return false;
            };
            const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
            const offenders = [];
            for (const el of document.body.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if ((r.width === 0 && r.height === 0) || fits(r) || clipped(el)) continue;
              const path = [];
              for (let p = el; p && p !== document.body && path.length < 4; p = p.parentElement) path.unshift(name(p));
              offenders.push(path.join(' > ') + ' [' + Math.round(r.left) + ', ' + Math.round(r.right) + ']');
              if (offenders.length === 12) break;
            }
            return {width: width, scrollWidth: document.documentElement.scrollWidth, offenders: offenders};
            """;

    private final ChromeDriver driver = SharedBrowser.driver();

    static List<PageTypes.PageType> pages() {
        return PageTypes.all();
    }

    @BeforeEach
    void phone() {
        SharedBrowser.phone(WIDTH, HEIGHT);
    }

    @AfterEach
    void reset() {
        SharedBrowser.resetEmulation();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void the_page_fits_a_phone_screen_and_anything_wider_scrolls_in_its_own_box(PageTypes.PageType page) {
        page.open().open(driver, SharedBrowser.base());
        for (String scheme : new String[] {"light", "dark"}) {
            SharedBrowser.colorScheme(scheme);
            @SuppressWarnings("unchecked")
            Map<String, Object> found = (Map<String, Object>) driver.executeScript(OVERFLOW);
            assertEquals(WIDTH, ((Number) found.get("width")).intValue(), "the layout viewport is the phone's");
            assertTrue(((Number) found.get("scrollWidth")).intValue() <= WIDTH,
                    page + " is " + found.get("scrollWidth") + " px wide; past the edge: " + found.get("offenders"));
            assertEquals(List.of(), found.get("offenders"), page + ": elements past the screen's edge");
            SharedBrowser.screenshot("phone-" + page.name() + ("dark".equals(scheme) ? "-dark" : ""));
        }
        // What scrolls in its own box on a phone must be reachable by keyboard, and so on (axe's other rules at this width).
        assertEquals(List.of(), Axe.seriousViolations(driver), page + " at " + WIDTH + " px in axe-core");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exports")
    void an_export_shown_in_the_browser_wraps_its_lines_instead_of_scrolling_sideways(String export) {
        driver.get(SharedBrowser.base() + export + "?problem=" + Http.enc(ProblemJson.toJson(Fixtures.preset("softmax"))));
        // Plain text has no viewport of its own: a phone lays it out 980 px wide and shows it whole, lines wrapped.
        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        Number width = (Number) driver.executeScript("return document.documentElement.clientWidth");
        assertTrue(scrollWidth.intValue() <= width.intValue(), export + " is " + scrollWidth + " px wide in " + width);
    }

    static List<String> exports() {
        return List.of("/solve.tex", "/solve.md", "/solve.json");
    }

    @Test
    void a_formula_wider_than_the_screen_scrolls_in_its_card_with_a_shadow_at_each_edge_that_has_more_beyond_it()
            throws IOException {
        PageTypes.named("solve-mazur").open().open(driver, SharedBrowser.base());
        // δ of h1 with its numbers is about twice a phone's width
        WebElement eq = driver.findElement(By.cssSelector("#q-delta-1-0 .eq"));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", eq);
        Number scrollWidth = (Number) driver.executeScript("return arguments[0].scrollWidth", eq);
        Number clientWidth = (Number) driver.executeScript("return arguments[0].clientWidth", eq);
        assertTrue(scrollWidth.intValue() > clientWidth.intValue() + 50, "it scrolls: " + scrollWidth + " > " + clientWidth);
        assertTrue(clientWidth.intValue() < WIDTH, "inside the screen");

        BufferedImage start = shot(eq);
        assertTrue(edge(start, start.getWidth() - 2) < 235, "a shadow at the right, where the rest of the formula is");
        assertTrue(edge(start, 1) > 248, "none at the left, where it begins");
        driver.executeScript("arguments[0].scrollLeft = arguments[0].scrollWidth", eq);
        BufferedImage end = shot(eq);
        assertTrue(edge(end, end.getWidth() - 2) > 248, "none at the right once scrolled to the end");
        assertTrue(edge(end, 1) < 235, "a shadow at the left, where the beginning went");
    }

    private static BufferedImage shot(WebElement element) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
    }

    /** The median brightness (0–255) of a column of pixels over the middle two fifths of an image. */
    private static int edge(BufferedImage image, int x) {
        List<Integer> values = new ArrayList<>();
        for (int y = image.getHeight() * 3 / 10; y < image.getHeight() * 7 / 10; y++) {
            int rgb = image.getRGB(x, y);
            values.add(((rgb >> 16 & 0xff) * 299 + (rgb >> 8 & 0xff) * 587 + (rgb & 0xff) * 114) / 1000);
        }
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    @Test
    void below_900_px_the_worked_pages_contents_are_folded_up_at_the_top_and_open_to_every_section() {
        PageTypes.named("solve-mazur").open().open(driver, SharedBrowser.base());
        assertFalse(driver.findElement(By.cssSelector("aside.toc")).isDisplayed(), "no sidebar");
        WebElement contents = driver.findElement(By.cssSelector("details.toc-fold"));
        WebElement summary = contents.findElement(By.tagName("summary"));
        assertTrue(summary.isDisplayed(), "the folded contents show their title");
        assertTrue(summary.getRect().getY() < HEIGHT, "…on the first screen");
        assertFalse(contents.findElement(By.cssSelector("a[href='#summary']")).isDisplayed(), "folded at first");
        summary.click();
        List<WebElement> links = contents.findElements(By.cssSelector("a[href^='#']"));
        assertTrue(links.size() >= 5, "a link to each section");
        for (WebElement link : links) {
            assertTrue(link.isDisplayed(), link.getText() + " shown once opened");
            String id = link.getAttribute("href").replaceFirst(".*#", "");
            assertFalse(driver.findElements(By.id(id)).isEmpty(), link.getText() + " leads to #" + id);
        }
    }
}
