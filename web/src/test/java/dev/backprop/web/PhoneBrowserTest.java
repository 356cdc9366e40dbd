package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
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

    @Test
    void below_900_px_the_worked_pages_contents_are_folded_up_at_the_top_and_open_to_every_section() {
        PageTypes.named("solve-mazur").open().open(driver, SharedBrowser.base());
        WebElement contents = driver.findElement(By.cssSelector(".toc details"));
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
