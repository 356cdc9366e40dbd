package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every kind of page checked by axe-core in the shared Chromium ({@link SharedBrowser}), in the
 * light and the dark scheme: no serious or critical violation, with contrast held to 4.5 : 1 for
 * all text. Beyond axe: the skip link is the first thing the keyboard reaches and leads to the
 * main content, every page has its landmarks, one h1, and headings that never skip a level.
 * Screenshots of each page in the dark go to {@code target/screenshots/desktop-*-dark.png}.
 */
@ExtendWith(SharedBrowser.class)
class AccessibilityBrowserTest {
    /** The levels of the headings shown, in document order, and the page's landmarks. */
    private static final String OUTLINE = """
            const shown = el => el.getClientRects().length > 0;
            const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(shown)
                .map(h => h.tagName.toLowerCase() + ' ' + h.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60));
            const landmarks = ['header', 'nav', 'main', 'footer'].filter(t => document.querySelector(t) !== null);
            return {headings: levels, landmarks: landmarks, mains: document.querySelectorAll('main').length};
            """;

    private final ChromeDriver driver = SharedBrowser.driver();

    static List<PageTypes.PageType> pages() {
        return PageTypes.all();
    }

    @AfterEach
    void reset() {
        SharedBrowser.resetEmulation();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void axe_finds_no_serious_or_critical_violation_in_the_light_or_the_dark_scheme(PageTypes.PageType page) {
        page.open().open(driver, SharedBrowser.base());
        List<String> found = new ArrayList<>();
        for (String scheme : new String[] {"light", "dark"}) {
            SharedBrowser.colorScheme(scheme);
            for (Axe.Violation v : Axe.seriousViolations(driver)) {
                found.add(scheme + ": " + v);
            }
        }
        // (BrowserTest keeps the light ones of the presets and the form)
        SharedBrowser.screenshot("desktop-" + page.name() + "-dark");
        assertEquals(List.of(), found, page + " in axe-core");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void the_page_has_its_landmarks_one_h1_and_headings_that_never_skip_a_level(PageTypes.PageType page) {
        page.open().open(driver, SharedBrowser.base());
        @SuppressWarnings("unchecked")
        Map<String, Object> outline = (Map<String, Object>) driver.executeScript(OUTLINE);
        assertEquals(List.of("header", "nav", "main", "footer"), outline.get("landmarks"), page + ": landmarks");
        assertEquals(1L, outline.get("mains"), page + ": one main");
        @SuppressWarnings("unchecked")
        List<String> headings = (List<String>) outline.get("headings");
        assertTrue(headings.get(0).startsWith("h1 "), page + " begins with its h1: " + headings);
        int previous = 1;
        for (String h : headings.subList(1, headings.size())) {
            int level = h.charAt(1) - '0';
            assertTrue(level != 1, page + ": a second h1, " + h);
            assertTrue(level <= previous + 1, page + ": " + h + " comes after an h" + previous + " " + headings);
            previous = level;
        }
    }

    @Test
    void the_first_tab_shows_the_skip_link_and_following_it_moves_on_to_the_main_content() {
        PageTypes.named("solve-mazur").open().open(driver, SharedBrowser.base());
        WebElement skip = driver.findElement(By.cssSelector(".skip-link"));
        assertTrue(skip.getRect().getY() + skip.getRect().getHeight() <= 0, "out of sight until focused");
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = driver.switchTo().activeElement();
        assertEquals(skip, focused, "the skip link is the first stop");
        assertTrue(skip.getRect().getY() >= 0 && skip.isDisplayed(), "shown once focused");
        assertEquals("#main", skip.getDomAttribute("href"));
        skip.sendKeys(Keys.ENTER);
        assertTrue(driver.getCurrentUrl().endsWith("#main"), driver.getCurrentUrl());
        // the next Tab goes on inside the content, past the site bar and the contents
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        Object inMain = driver.executeScript("return document.getElementById('main').contains(document.activeElement)");
        assertEquals(Boolean.TRUE, inMain, "the focus moved on into the main content");
        assertEquals("main", driver.findElement(By.id("main")).getTagName());
    }
}
