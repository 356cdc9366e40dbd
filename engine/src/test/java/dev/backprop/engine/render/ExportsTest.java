package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.support.ReferenceFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExportsTest {
    private static Worked seed;

    @BeforeAll
    static void solve() {
        seed = Worked.solve(ReferenceFile.load("seed-example.json").problem());
    }

    @Test
    void latex_is_one_align_block_with_every_step() {
        String tex = Exports.latex(seed, Selection.of(seed, null, null), NumberStyle.DEFAULT, "http://x/solve?problem=1");
        assertEquals(1, count(tex, "\\begin{align*}"));
        assertEquals(1, count(tex, "\\end{align*}"));
        assertTrue(tex.indexOf("\\begin{align*}") < tex.indexOf("\\end{align*}"));
        assertTrue(tex.contains("\\delta _{o1} &= "), tex);
        assertTrue(tex.contains("&= - \\left(0.75 - 0.7\\right) \\cdot 0.7\\left(1 - 0.7\\right)"), tex);
        assertTrue(tex.contains("\\frac{\\partial L}{\\partial A_{o1}} \\cdot \\sigma'\\left(Z_{o1}\\right)"), tex);
        assertTrue(tex.contains("&= -0.0105"));
        assertTrue(tex.contains("W_{31}^{\\text{new}} &= W_{31}^{\\text{old}} - \\alpha \\cdot \\frac{\\partial L}{\\partial W_{31}}"), tex);
        assertTrue(tex.contains("&= 0.4030975"));
        assertTrue(tex.contains("&= -0.00101598"));
        // Every line of the block but the last ends with \\, and the block's braces and fences balance.
        String body = tex.substring(tex.indexOf("\\begin{align*}") + 14, tex.indexOf("\\end{align*}")).trim();
        String[] lines = body.split("\n");
        for (int k = 0; k < lines.length - 1; k++) {
            assertTrue(lines[k].endsWith("\\\\") || lines[k].endsWith("\\\\[4pt]") || lines[k].endsWith("\\\\[6pt]")
                    || lines[k].startsWith("\\intertext"), "line " + k + ": " + lines[k]);
        }
        assertEquals(count(body, "{"), count(body, "}"));
        assertEquals(count(body, "\\left"), count(body, "\\right"));
        assertTrue(tex.startsWith("% Backprop Workbook"), "the conventions are stated as comments");
    }

    @Test
    void markdown_has_headings_formulas_and_the_summary_table() {
        String md = Exports.markdown(seed, Selection.of(seed, null, null), NumberStyle.DEFAULT, "http://x/solve?problem=1");
        assertTrue(md.startsWith("# Worked solution: a 2-2-1 network"));
        assertTrue(md.contains("## Forward pass"));
        assertTrue(md.contains("## Backward pass and update"));
        assertTrue(md.contains("$$\n\\begin{aligned}\n\\delta _{o1} &= "), md);
        assertTrue(md.contains("| $W_{31}$ | h1 → o1 | `layers[2].weights[0][0]` | 0.4 | -0.006195 | 0.4030975 |"), md);
        assertEquals(0, count(md, "$$") % 2, "display formulas are closed");
    }

    @Test
    void exports_follow_the_precision_asked_for() {
        String tex = Exports.latex(seed, Selection.of(seed, null, null), new NumberStyle(3), "l");
        assertTrue(tex.contains("&= 0.403"), tex);
        assertTrue(tex.contains("Values to 3 significant figures"));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int k = s.indexOf(part); k >= 0; k = s.indexOf(part, k + part.length())) {
            n++;
        }
        return n;
    }
}
