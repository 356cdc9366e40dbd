package dev.backprop.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core, Deque's accessibility checker (the copy inside com.deque.html.axe-core:selenium), run in
 * the page the browser shows. Contrast is held to 4.5 : 1 for all text, large text included (axe's
 * default lets large text pass at 3 : 1).
 *
 * <pre>{@code
 * List<Axe.Violation> serious = Axe.seriousViolations(SharedBrowser.driver());
 * }</pre>
 */
public final class Axe {
    /** The impacts a page must never have. */
    public static final Set<String> SERIOUS = Set.of("serious", "critical");

    private static final String SOURCE = load();

    /** axe's color-contrast options with both thresholds at 4.5 (the rest as axe 4.10 ships them). */
    private static final String CONFIGURE = """
            axe.configure({checks: [{id: 'color-contrast', options: {ignoreUnicode: true, ignoreLength: false,
                ignorePseudo: false, boldValue: 700, boldTextPt: 14, largeTextPt: 18,
                contrastRatio: {normal: {expected: 4.5}, large: {expected: 4.5}},
                pseudoSizeThreshold: 0.25, shadowOutlineEmMax: 0.2, textStrokeEmMin: 0.03}}]});
            """;

    /**
     * One rule a page breaks.
     *
     * @param rule    axe's rule id, e.g. {@code color-contrast}
     * @param impact  minor, moderate, serious or critical
     * @param help    what the rule asks for
     * @param targets the first offending elements (CSS selectors) with axe's summary of each
     */
    public record Violation(String rule, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + "): " + String.join("; ", targets);
        }
    }

    private Axe() {
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule the page now shown breaks, of any impact. */
    public static List<Violation> violations(ChromeDriver driver) {
        // The page has no scripts of its own (and its CSP allows none inline); WebDriver's are exempt.
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
            driver.executeScript(SOURCE);
        }
        driver.executeScript(CONFIGURE);
        driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(120));
        Object json = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify({error: String(e)})));
                """);
        JsonNode found;
        try {
            found = Http.JSON.readTree((String) json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("axe answered " + json, e);
        }
        if (found.has("error")) {
            throw new IllegalStateException("axe failed: " + found.get("error").asText());
        }
        List<Violation> out = new ArrayList<>();
        for (JsonNode v : found) {
            List<String> targets = new ArrayList<>();
            for (JsonNode node : v.get("nodes")) {
                if (targets.size() == 5) {
                    targets.add("… " + (v.get("nodes").size() - 5) + " more");
                    break;
                }
                targets.add(node.get("target").toString() + " " + node.path("failureSummary").asText().replace('\n', ' '));
            }
            out.add(new Violation(v.get("id").asText(), v.path("impact").asText(), v.path("help").asText(), targets));
        }
        return out;
    }

    /** The serious and critical rules the page now shown breaks. */
    public static List<Violation> seriousViolations(ChromeDriver driver) {
        return violations(driver).stream().filter(v -> SERIOUS.contains(v.impact())).toList();
    }
}
