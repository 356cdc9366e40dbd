package dev.backprop.web;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.render.Notation;
import dev.backprop.web.form.Presets;
import dev.backprop.web.view.Links;
import dev.backprop.web.worksheet.WorksheetPage;
import dev.backprop.web.worksheet.Worksheets;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every kind of page the app shows a person, each with the way to reach it in the shared browser
 * (some are the answer to a submitted form): the tests for phones, print, accessibility and dark
 * mode go through this one list, so a new kind of page is checked everywhere by adding it here.
 */
public final class PageTypes {
    /** The big network of the browser tests: 12 inputs, 40 tanh neurons, a softmax of 3. */
    public static final String BIG = "{\"layers\": [{\"size\": 12}, {\"size\": 40, \"activation\": \"tanh\"},"
            + " {\"size\": 3, \"activation\": \"softmax\"}], \"loss\": \"cross-entropy\", \"learningRate\": 0.1, \"seed\": 5,"
            + " \"epochs\": 50, \"samples\": [{\"input\": [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0], \"target\": [0, 1, 0]},"
            + " {\"input\": [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], \"target\": [1, 0, 0]}]}";

    /**
     * One kind of page.
     *
     * @param name what the tests and screenshots call it
     * @param open brings the shared browser to it
     */
    public record PageType(String name, Opener open) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Brings the browser to a page. */
    @FunctionalInterface
    public interface Opener {
        /** Opens the page in this browser, served at this base address. */
        void open(ChromeDriver driver, String base);
    }

    /** The presets shown in every notation; the others in their own only. */
    private static final java.util.Set<String> IN_EVERY_NOTATION = java.util.Set.of("seed-given", "mazur", "seed-adam");

    private PageTypes() {
    }

    /** The pages a person reads: the form, its mistakes, each preset's worked page, the big network, the worksheets. */
    public static List<PageType> all() {
        List<PageType> pages = new ArrayList<>();
        pages.add(get("form", "/"));
        pages.add(new PageType("form-mistakes", (driver, base) -> {
            driver.get(base + "/?preset=seed-computed");
            type(driver, "learningRate", "abc");
            type(driver, "samples[0].target[0]", "");
            SharedBrowser.submitWith(driver.findElement(By.id("solve")));
        }));
        pages.add(get("solve-malformed", "/solve?problem=" + Http.enc("{\"layers\": [{\"size\": 2}], \"learningRate\": abc")));
        pages.add(get("form-mazur", "/?preset=mazur"));
        // each preset in the notation its link opens in (Mazur's for his), and every notation on the
        // seed's example, Mazur's and the Adam preset (its state written in each): the markup that
        // differs between notations is the symbols, so three presets in all of them cover it
        for (Presets.Preset preset : Presets.ALL) {
            for (Notation.Profile profile : Notation.Profile.values()) {
                if (profile == preset.notation() || IN_EVERY_NOTATION.contains(preset.id())) {
                    pages.add(get("solve-" + preset.id() + (profile == preset.notation() ? "" : "-" + profile.id()),
                            Links.solve(ProblemJson.toJson(preset.problem()), profile)));
                }
            }
        }
        pages.add(get("solve-step-by-step", Links.solve(ProblemJson.toJson(Presets.first().problem())) + "&step=9#current"));
        pages.add(get("big-network", "/solve?problem=" + Http.enc(BIG)));
        pages.add(get("big-network-neuron", "/solve?neuron=h7&problem=" + Http.enc(BIG)));
        pages.add(get("big-network-neuron-matrix", "/solve?neuron=h7&notation=matrix&problem=" + Http.enc(BIG)));
        pages.add(get("error-404", "/no-such-page"));
        pages.add(get("error-damaged-link", "/solve?packed=AAAA"));
        pages.add(get("worksheet-blank", Worksheets.PATH + "?ask=all&problem=" + Http.enc(Fixtures.MAZUR)));
        pages.add(new PageType("worksheet-marked", (driver, base) -> {
            driver.get(base + Worksheets.PATH + "?ask=all&problem=" + Http.enc(Fixtures.MAZUR));
            answer(driver, "delta[2][0]", "0.1385");
            answer(driver, "delta[2][1]", "0.0380982");
            answer(driver, "delta[1][0]", "abc");
            SharedBrowser.submitWith(driver.findElement(By.id("check")));
            // the wrong answer's hint, then its worked step: every part a marked blank can show
            SharedBrowser.submitWith(driver.findElement(By.cssSelector("#ws-q-delta-2-1 .hint-button")));
            SharedBrowser.submitWith(driver.findElement(By.cssSelector("#ws-q-delta-2-1 .show-button")));
        }));
        pages.add(get("worksheet-refused", Worksheets.PATH + "?problem=" + Http.enc("{\"layers\": [{\"size\": 2}]}")));
        return pages;
    }

    /** The worked pages alone (the ones long enough to print on several sheets). */
    public static List<PageType> worked() {
        return all().stream().filter(p -> p.name().startsWith("solve-") && !p.name().equals("solve-malformed")).toList();
    }

    /** Each preset's worked page in the notation its link opens in. */
    public static List<PageType> presets() {
        return Presets.ALL.stream().map(p -> named("solve-" + p.id())).toList();
    }

    /** A page by name. */
    public static PageType named(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static PageType get(String name, String path) {
        return new PageType(name, (driver, base) -> driver.get(base + path));
    }

    private static void type(ChromeDriver driver, String name, String value) {
        WebElement input = driver.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    private static void answer(ChromeDriver driver, String key, String value) {
        type(driver, WorksheetPage.ANSWER + key, value);
    }
}
