package dev.backprop.web.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.web.view.Layout;
import j2html.utils.EscapeUtil;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pages' escaper writes exactly what j2html's own would, and does not copy clean text. */
class EscapeTest {
    @Test
    void escapesAsJ2htmlDoes() {
        String alphabet = "<>&\"'ab δ−·\n";
        Random r = new Random(5);
        for (int t = 0; t < 5_000; t++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(12);
            for (int k = 0; k < n; k++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            assertEquals(EscapeUtil.escape(text), El.escape(text), text);
        }
    }

    @Test
    void cleanTextIsReturnedAsItIs() {
        String clean = "z₁ = 0.3775 · δ";
        assertSame(clean, El.escape(clean));
    }

    @Test
    void pagesUseIt() {
        String page = Layout.page("a < b & \"c\"", "test");
        assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), page);
        assertTrue(page.contains("<title>a &lt; b &amp; &quot;c&quot; · Backprop Workbook</title>"), page);
    }
}
