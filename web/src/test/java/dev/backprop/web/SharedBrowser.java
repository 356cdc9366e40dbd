package dev.backprop.web;

import io.javalin.Javalin;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser for every browser test of the run: Debian's headless Chromium driven through its own
 * chromedriver (so Selenium never downloads anything), and the app on a free port. The first test
 * class that asks starts both (about six seconds); JUnit closes them when the whole run ends.
 *
 * <pre>{@code
 * @ExtendWith(SharedBrowser.class)
 * class SomeBrowserTest {
 *     @Test void opens() { SharedBrowser.driver().get(SharedBrowser.base() + "/"); }
 * }
 * }</pre>
 */
public final class SharedBrowser implements BeforeAllCallback {
    /** Where screenshots are saved (under the module's target directory). */
    public static final Path SHOTS = Path.of("target", "screenshots");
    /** The window's width; screenshots are this wide and as tall as the page. */
    public static final int WIDTH = 1280;

    private static volatile Session session;

    /** The running browser and app. */
    private static final class Session implements AutoCloseable {
        private final Javalin app;
        private final ChromeDriver driver;
        private final Path profile;

        Session() throws IOException {
            app = App.create().start(0);
            profile = Files.createTempDirectory("backprop-chromium-");
            Files.createDirectories(SHOTS);
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=" + WIDTH + ",900",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                    .usingAnyFreePort()
                    .build();
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        }

        @Override
        public void close() throws IOException {
            try {
                driver.quit();
            } finally {
                app.stop();
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
                session = null;
            }
        }
    }

    /** Starts the shared browser and app once per run; JUnit closes them at the end of the run. */
    @Override
    public void beforeAll(ExtensionContext context) {
        session = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(Session.class, key -> {
                    try {
                        return new Session();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, Session.class);
    }

    /** The browser. */
    public static ChromeDriver driver() {
        return current().driver;
    }

    /** The app's address, e.g. {@code http://127.0.0.1:41234}. */
    public static String base() {
        return "http://127.0.0.1:" + current().app.port();
    }

    private static Session current() {
        Session s = session;
        if (s == null) {
            throw new IllegalStateException("use @ExtendWith(SharedBrowser.class)");
        }
        return s;
    }

    /** Saves the whole page, not just the window, as target/screenshots/{name}.png (as wide as the window or emulated screen). */
    public static void screenshot(String name) {
        ChromeDriver driver = driver();
        Number height = (Number) driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        Number width = (Number) driver.executeScript("return document.documentElement.clientWidth");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width.intValue(), "height", height.intValue(), "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.write(SHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Emulates a phone's screen this many CSS pixels wide (a touch screen, the page's viewport meta
     * honoured) until {@link #resetEmulation()}.
     */
    public static void phone(int width, int height) {
        driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    /** Emulates the reader's colour scheme, {@code "light"} or {@code "dark"} ({@code prefers-color-scheme}). */
    public static void colorScheme(String scheme) {
        driver().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", java.util.List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Back to the plain window: its own size, screen media, the light scheme. */
    public static void resetEmulation() {
        driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("media", "", "features", java.util.List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
    }

    /** Clicks a button that posts a form and waits until the server's new page has replaced this one and loaded. */
    public static void submitWith(WebElement button) {
        ChromeDriver driver = driver();
        // Mark this page's window; the server's answer is a new document with a fresh window. (Waiting
        // for the old <html> element to go stale is not enough: while the page is being replaced,
        // Chromium may answer with an "unknown error" instead of a stale element.)
        driver.executeScript("window.backpropPageBeforeSubmit = true");
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
                driver.executeScript("return window.backpropPageBeforeSubmit === undefined && document.readyState === 'complete'")));
    }
}
