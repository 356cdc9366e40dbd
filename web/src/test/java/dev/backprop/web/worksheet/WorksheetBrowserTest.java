package dev.backprop.web.worksheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.web.Fixtures;
import dev.backprop.web.Http;
import dev.backprop.web.SharedBrowser;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The worksheet in a real browser (Debian's headless Chromium through Selenium, in the one browser
 * session the whole run shares: {@link SharedBrowser}): open the shared link, fill in the blanks,
 * submit, see the marks and the named mistake, ask for the formula and then the worked step, with
 * every answer kept. Screenshots go to {@code target/screenshots/}.
 */
@ExtendWith(SharedBrowser.class)
class WorksheetBrowserTest {
    private static ChromeDriver driver;
    private static String base;

    @BeforeAll
    static void start() {
        driver = SharedBrowser.driver();
        base = SharedBrowser.base();
    }

    private static WebElement answer(String key) {
        return driver.findElement(By.name(WorksheetPage.ANSWER + key));
    }

    private static WebElement blank(String key) {
        return driver.findElement(By.id("ws-q-" + key.replaceAll("[\\[\\]@]+", "-").replaceAll("-+$", "")));
    }

    @Test
    void a_student_fills_in_the_worksheet_submits_and_sees_the_marks_a_diagnosis_the_hint_and_the_worked_step() {
        // the teacher's link: Mazur's network, every δ blank
        driver.get(base + Worksheets.PATH + "?problem=" + Http.enc(Fixtures.MAZUR)
                + "&ask=deltas");
        assertTrue(driver.findElements(By.tagName("script")).isEmpty(), "no scripts");
        assertTrue(driver.findElement(By.id("marking-rule")).getText().contains("within one unit of the last digit"));
        assertEquals(4, driver.findElements(By.cssSelector("input.answer")).size());
        SharedBrowser.screenshot("worksheet-blank");

        // a blank's formula can be asked for before anything is typed: a formula, no mark
        SharedBrowser.submitWith(blank("delta[1][1]").findElement(By.className("hint-button")));
        WebElement asked = blank("delta[1][1]");
        assertTrue(asked.findElement(By.className("hint-formula")).isDisplayed());
        assertTrue(asked.findElements(By.className("mark")).isEmpty(), "nothing marked yet");
        assertTrue(asked.findElements(By.cssSelector(".result")).isEmpty(), "a formula, not a result");
        SharedBrowser.screenshot("worksheet-hint-first");

        // one right (rounded as on paper), one with its sign flipped (y − a), Enter to submit
        answer("delta[2][0]").sendKeys("0.1385");
        answer("delta[2][1]").sendKeys("0.0380982");
        WebElement page = driver.findElement(By.tagName("html"));
        answer("delta[2][1]").sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(page));

        assertTrue(blank("delta[2][0]").getAttribute("class").contains("right"));
        assertTrue(blank("delta[2][0]").getText().contains("✓ Right"));
        WebElement wrong = blank("delta[2][1]");
        assertTrue(wrong.getAttribute("class").contains("wrong"));
        assertEquals("sign-flipped", wrong.findElement(By.className("diagnosis")).getText());
        assertTrue(wrong.findElement(By.className("feedback")).getText().contains("the sign is flipped"));
        assertEquals("0.1385", answer("delta[2][0]").getAttribute("value"), "answers are kept");
        assertEquals("0.0380982", answer("delta[2][1]").getAttribute("value"));
        assertTrue(driver.findElement(By.id("score")).getText().contains("1 of 2 answers right"));
        assertTrue(wrong.findElements(By.className("hint-box")).isEmpty(), "the hint waits to be asked for");
        SharedBrowser.screenshot("worksheet-marked");

        // the hint first: the formula, not the worked step
        SharedBrowser.submitWith(blank("delta[2][1]").findElement(By.className("hint-button")));
        assertTrue(driver.getCurrentUrl().endsWith("#ws-q-delta-2-1"), driver.getCurrentUrl());
        wrong = blank("delta[2][1]");
        assertTrue(wrong.findElement(By.className("hint-box")).isDisplayed());
        assertTrue(wrong.findElements(By.className("worked-step")).isEmpty());
        assertEquals("0.0380982", answer("delta[2][1]").getAttribute("value"));

        // then, on request, the full worked step with the value
        SharedBrowser.submitWith(blank("delta[2][1]").findElement(By.className("show-button")));
        wrong = blank("delta[2][1]");
        WebElement worked = wrong.findElement(By.className("worked-step"));
        assertTrue(worked.isDisplayed());
        String value = worked.findElement(By.cssSelector(".rhs.result")).getText().replaceAll("\\s+", "").replace('−', '-');
        assertTrue(value.contains("-0.0380982"), value);
        assertTrue(wrong.findElement(By.className("hint-box")).isDisplayed(), "the hint stays");

        // a corrected answer is marked right on resubmission, the other answers still there
        answer("delta[2][1]").clear();
        answer("delta[2][1]").sendKeys("-0.0380982");
        SharedBrowser.submitWith(driver.findElement(By.id("check")));
        assertTrue(blank("delta[2][1]").getAttribute("class").contains("right"));
        assertEquals("0.1385", answer("delta[2][0]").getAttribute("value"));
        assertFalse(driver.findElement(By.id("score")).getText().contains("1 of 2"));
        SharedBrowser.screenshot("worksheet-corrected");

        // the shareable link gives the same worksheet, blank, to the next student
        driver.get(driver.findElement(By.id("share-link")).getAttribute("href"));
        assertEquals(4, driver.findElements(By.cssSelector("input.answer")).size());
        assertEquals("", answer("delta[2][0]").getAttribute("value"));
        assertTrue(driver.findElements(By.className("mark")).isEmpty());
    }
}
