package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The pages as printed: Chromium's own print to PDF (DevTools {@code Page.printToPDF}, A4, the
 * stylesheet's page margins) from the shared browser ({@link SharedBrowser}), read back with PDFBox.
 * No heading is left at a sheet's foot (it goes over with what it heads), nothing is wider than
 * the paper, and the worksheet prints without its buttons, forms and share field. The PDFs are kept in
 * {@code target/prints/} to be looked at.
 */
@ExtendWith(SharedBrowser.class)
class PrintBrowserTest {
    /** Where the PDFs are saved. */
    static final Path PRINTS = Path.of("target", "prints");
    /** A4 in inches, as DevTools takes it. */
    static final double A4_WIDTH = 8.27;
    static final double A4_HEIGHT = 11.69;
    /** The printed width in CSS pixels: A4 less print.css's 14 mm margins, at 96 px to the inch. */
    static final int PRINTED_WIDTH = (int) Math.floor((210 - 2 * 14) / 25.4 * 96);

    /**
     * Marks each heading print.css shows and the first thing it heads (past a hint under it) with
     * tiny white text, "QQE7QQ" at the heading's end and "QQS7QQ" at the start of what it heads, so
     * that the PDF tells on which sheets the two fell. Answers each marked heading's text.
     */
    private static final String MARK_HEADINGS = """
            const leaf = '.step, .blank, figure, table, dl, p, li, .result, .answer-line, pre';
            const mark = (text, into, first) => {
              const m = document.createElement('span');
              m.textContent = text;
              m.className = 'print-probe';
              // through the CSSOM: the page's CSP refuses style attributes
              Object.assign(m.style, {fontSize: '1px', color: '#fff', lineHeight: '1px'});
              if (first) into.prepend(m); else into.append(m);
            };
            const headings = [...document.querySelectorAll('h1, h2, h3, h4')].filter(h => h.getClientRects().length > 0);
            const marked = [];
            const after = el => {
              let next = el.nextElementSibling;
              while (next && (next.matches('.hint') || next.getClientRects().length === 0)) next = next.nextElementSibling;
              return next;
            };
            headings.forEach(h => {
              // a heading alone in its box (beside a button print.css hides) heads what follows the box
              const next = after(h) || after(h.parentElement);
              if (!next) return;
              let target = next.matches(leaf) ? next : (next.querySelector(leaf) || next);
              // into a cell, not beside the cells (it would take a cell of the grid or table itself)
              if (target.matches('table, dl')) target = target.querySelector('th, td, dt') || target;
              mark('QQE' + marked.length + 'QQ', h, false);
              mark('QQS' + marked.length + 'QQ', target, true);
              marked.push(h.textContent.replace(/QQE\\d+QQ/, '').trim().replace(/\\s+/g, ' '));
            });
            return marked;
            """;

    /**
     * The elements reaching past the printed width (nothing scrolls on paper), formulas and tables
     * of more than ten columns aside: a sum of many terms has no place to break, nor a row of a
     * dozen inputs, and Chromium shrinks the print to fit them (the sheets' glyphs are checked to
     * lie on the paper).
     */
    private static final String TOO_WIDE = """
            const width = arguments[0];
            const out = [];
            const wide = el => { const t = el.closest('table'); return t !== null && t.rows.length > 0 && t.rows[0].cells.length > 10; };
            for (const el of document.body.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if ((r.width > 0 || r.height > 0) && r.right > width + 0.5 && !el.closest('svg, math') && !wide(el)) {
                out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + el.className + ' ' + Math.round(r.right));
                if (out.length === 10) break;
              }
            }
            return out;
            """;

    private final ChromeDriver driver = SharedBrowser.driver();

    static Stream<PageTypes.PageType> printed() {
        return Stream.concat(PageTypes.worked().stream(), Stream.of(PageTypes.named("big-network-neuron"),
                PageTypes.named("worksheet-blank"), PageTypes.named("worksheet-marked")));
    }

    @AfterEach
    void reset() {
        SharedBrowser.resetEmulation();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("printed")
    void every_printed_heading_is_on_the_sheet_where_what_it_heads_begins_and_nothing_runs_off_the_paper(PageTypes.PageType page) throws IOException {
        page.open().open(driver, SharedBrowser.base());
        List<Sheet> sheets = print(page.name());
        assertTrue(sheets.size() <= 40, page + " prints on " + sheets.size() + " sheets");
        for (int p = 0; p < sheets.size(); p++) {
            Sheet sheet = sheets.get(p);
            String where = page + ", sheet " + (p + 1) + " of " + sheets.size();
            assertFalse(sheet.lines().isEmpty(), where + " is blank");
            for (Line line : sheet.lines()) {
                assertTrue(line.left() >= 0 && line.right() <= sheet.width(), where + ": \"" + line.text()
                        + "\" runs off the paper (" + line.left() + " to " + line.right() + " of " + sheet.width() + " pt)");
            }
        }

        // Printed again with the markers, placed for the printed layout (print.css hides some headings).
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        @SuppressWarnings("unchecked")
        List<String> headings = (List<String>) driver.executeScript(MARK_HEADINGS);
        assertTrue(headings.size() >= 3, "headings are printed: " + headings);
        sheets = print(page.name() + "-headings");
        assertTrue(sheets.size() <= 40, page + " prints on " + sheets.size() + " sheets");

        for (int i = 0; i < headings.size(); i++) {
            int heading = sheetWith(sheets, "QQE" + i + "QQ");
            int headed = sheetWith(sheets, "QQS" + i + "QQ");
            assertEquals(heading, headed, page + ": the heading \"" + headings.get(i) + "\" ends sheet " + (heading + 1)
                    + " of " + sheets.size() + "; what it heads begins on sheet " + (headed + 1));
        }
        driver.executeScript("document.querySelectorAll('.print-probe').forEach(m => m.remove())");

        // The print layout's width, without pages: a table or a field wider than the paper would be cut off or shrunk.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", PRINTED_WIDTH, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
        assertEquals(List.of(), driver.executeScript(TOO_WIDE, PRINTED_WIDTH), page + ": wider than the paper");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("worksheets")
    void the_printed_worksheet_has_no_buttons_forms_or_share_field(String name) throws IOException {
        PageTypes.named(name).open().open(driver, SharedBrowser.base());
        String text = String.join("\n", print(name + "-controls").stream().map(Sheet::text).toList());
        for (String control : new String[] {"Check my answers", "Hint: the formula", "Show the worked step",
                "Make the worksheet", "Share this worksheet", "What to leave blank", "Skip to the content"}) {
            assertFalse(text.contains(control), name + " prints \"" + control + "\"");
        }
        assertTrue(text.contains("Your answers"), "the blanks are printed");
    }

    /** The index of the sheet whose text holds a marker. */
    private static int sheetWith(List<Sheet> sheets, String marker) {
        for (int p = 0; p < sheets.size(); p++) {
            if (sheets.get(p).text().replace(" ", "").contains(marker)) {
                return p;
            }
        }
        throw new AssertionError("no sheet shows " + marker);
    }

    static List<String> worksheets() {
        return List.of("worksheet-blank", "worksheet-marked");
    }

    /**
     * A printed line of text: its words, the distance of its baseline from the top of the sheet, and
     * its left and right ends, all in points.
     */
    record Line(String text, float y, float left, float right) {
    }

    /** A printed sheet: its size in points and its lines from top to bottom. */
    record Sheet(float width, float height, List<Line> lines) {
        /** The text of the sheet, a line to a line. */
        String text() {
            return String.join("\n", lines.stream().map(Line::text).toList());
        }
    }

    /** Prints the page shown to target/prints/{name}.pdf and reads back each sheet's lines. */
    private List<Sheet> print(String name) throws IOException {
        Map<String, Object> pdf = driver.executeCdpCommand("Page.printToPDF", Map.of(
                "paperWidth", A4_WIDTH, "paperHeight", A4_HEIGHT, "preferCSSPageSize", true,
                "printBackground", false, "displayHeaderFooter", false));
        byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
        Files.createDirectories(PRINTS);
        Files.write(PRINTS.resolve(name + ".pdf"), bytes);
        List<Sheet> sheets = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                LineReader reader = new LineReader();
                reader.setSortByPosition(true);
                reader.setStartPage(p);
                reader.setEndPage(p);
                reader.getText(doc);
                PDRectangle box = doc.getPage(p - 1).getMediaBox();
                sheets.add(new Sheet(box.getWidth(), box.getHeight(), reader.lines()));
            }
        }
        return sheets;
    }

    /** PDFBox's text reader, keeping each line's place on the sheet. */
    private static final class LineReader extends PDFTextStripper {
        private final List<Line> lines = new ArrayList<>();

        LineReader() throws IOException {
        }

        @Override
        protected void writeString(String text, List<TextPosition> glyphs) throws IOException {
            float y = glyphs.get(0).getYDirAdj();
            float left = Float.MAX_VALUE;
            float right = -Float.MAX_VALUE;
            for (TextPosition g : glyphs) {
                if (g.getDir() != 0) {
                    continue; // turned text (a plot's axis label) is placed in its own direction's frame
                }
                left = Math.min(left, g.getXDirAdj());
                right = Math.max(right, g.getXDirAdj() + g.getWidthDirAdj());
            }
            String words = text.trim().replaceAll("\\s+", " ");
            // Pieces of one line (PDFBox writes a line in runs) are joined: same baseline, give or take.
            Line last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (last != null && Math.abs(last.y() - y) < 2) {
                lines.set(lines.size() - 1, new Line((last.text() + " " + words).trim(), last.y(),
                        Math.min(last.left(), left), Math.max(last.right(), right)));
            } else if (!words.isEmpty()) {
                lines.add(new Line(words, y, left, right));
            }
            super.writeString(text, glyphs);
        }

        List<Line> lines() {
            return lines;
        }
    }
}
