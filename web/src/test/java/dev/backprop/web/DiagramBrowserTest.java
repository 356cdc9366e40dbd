package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The network drawings as Chromium draws them (the shared session): no line crosses a label other
 * than its own weight's, no two labels overlap, and no label covers a neuron, measured on the
 * rendered text's boxes (the server lays labels out by an estimate of the glyphs' widths).
 */
@ExtendWith(SharedBrowser.class)
class DiagramBrowserTest {
    /** Every label drawn: its box, the edge it names (or "" for a bias), and what lines and neurons cross or touch it. */
    private static final String LABELS = """
            const out = [];
            const crosses = (b, x1, y1, x2, y2) => {
              // Liang–Barsky: does the segment pass through the box?
              const dx = x2 - x1, dy = y2 - y1;
              const p = [-dx, dx, -dy, dy], q = [x1 - b.x, b.x + b.width - x1, y1 - b.y, b.y + b.height - y1];
              let lo = 0, hi = 1;
              for (let k = 0; k < 4; k++) {
                if (p[k] === 0) { if (q[k] < 0) return false; }
                else { const r = q[k] / p[k]; if (p[k] < 0) lo = Math.max(lo, r); else hi = Math.min(hi, r); }
              }
              return lo <= hi;
            };
            for (const svg of document.querySelectorAll('svg.network')) {
              const caption = svg.querySelector('.caption').textContent;
              const labels = [...svg.querySelectorAll('text.label')].map(t => {
                const b = t.getBBox();
                // a pixel inside the ink's box: touching is not crossing
                return {t: t, edge: t.parentElement.getAttribute('data-edge') || '', name: t.textContent.trim(),
                        b: {x: b.x + 1, y: b.y + 1, width: b.width - 2, height: b.height - 2}};
              });
              const lines = [...svg.querySelectorAll('line.edge')];
              const circles = [...svg.querySelectorAll('.neuron circle')];
              for (const l of labels) {
                for (const e of lines) {
                  if (e.getAttribute('data-edge') === l.edge) continue;
                  if (crosses(l.b, +e.getAttribute('x1'), +e.getAttribute('y1'), +e.getAttribute('x2'), +e.getAttribute('y2'))) {
                    out.push(caption + ': a line crosses ' + l.name);
                  }
                }
                for (const m of labels) {
                  if (m === l) continue;
                  const a = l.b, c = m.b;
                  if (a.x < c.x + c.width && c.x < a.x + a.width && a.y < c.y + c.height && c.y < a.y + a.height) {
                    out.push(caption + ': ' + l.name + ' overlaps ' + m.name);
                  }
                }
                for (const c of circles) {
                  const cx = +c.getAttribute('cx'), cy = +c.getAttribute('cy'), r = +c.getAttribute('r');
                  const nx = Math.max(l.b.x, Math.min(cx, l.b.x + l.b.width)), ny = Math.max(l.b.y, Math.min(cy, l.b.y + l.b.height));
                  if ((nx - cx) ** 2 + (ny - cy) ** 2 < r * r) out.push(caption + ': ' + l.name + ' covers a neuron');
                }
              }
            }
            return {problems: out, labels: document.querySelectorAll('svg.network text.label').length};
            """;

    private final ChromeDriver driver = SharedBrowser.driver();

    static List<PageTypes.PageType> pages() {
        return PageTypes.worked();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    @SuppressWarnings("unchecked")
    void no_line_crosses_a_label_and_no_label_covers_another(PageTypes.PageType page) {
        page.open().open(driver, SharedBrowser.base());
        Map<String, Object> found = (Map<String, Object>) driver.executeScript(LABELS);
        List<String> problems = (List<String>) found.get("problems");
        assertTrue(((Number) found.get("labels")).intValue() > 0 || page.name().startsWith("solve-step"),
                "the drawings are labelled");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
