package dev.backprop.web.view;

import static dev.backprop.web.Fixtures.preset;
import static dev.backprop.web.Fixtures.result;
import static dev.backprop.web.Fixtures.stepHtml;
import static dev.backprop.web.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.render.NumberStyle;
import dev.backprop.web.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worked page of two Adam updates on the seed's network (the preset): every moment, corrected
 * moment and updated parameter of both updates is a step with its formula in MathML and the value
 * an Adam written out here gives (PyTorch's rules on the seed's 2-2-1 sigmoid network, in doubles).
 */
class OptimizerPageTest {
    private static String page;
    private static final Map<String, Double> ORACLE = new LinkedHashMap<>();

    @BeforeAll
    static void render() {
        page = WorkedPageTest.page(preset("seed-adam"), NumberStyle.DEFAULT, null);
        adam();
    }

    /** Two Adam steps (α = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 1e-8) on the seed's network and sample, by key. */
    private static void adam() {
        double[][] w1 = {{0.15, 0.20}, {0.25, 0.30}};
        double[] b1 = {0.35, 0.35};
        double[] w2 = {0.40, 0.45};
        double[] b2 = {0.60};
        double[] x = {0.05, 0.10};
        double y = 0.75;
        Map<String, Double> m = new LinkedHashMap<>();
        Map<String, Double> v = new LinkedHashMap<>();
        for (int t = 1; t <= 2; t++) {
            double[] h = new double[2];
            for (int j = 0; j < 2; j++) {
                h[j] = 1 / (1 + Math.exp(-(w1[j][0] * x[0] + w1[j][1] * x[1] + b1[j])));
            }
            double o = 1 / (1 + Math.exp(-(w2[0] * h[0] + w2[1] * h[1] + b2[0])));
            double dOut = (o - y) * o * (1 - o);
            Map<String, Double> grad = new LinkedHashMap<>();
            grad.put("W[2][0][0]", dOut * h[0]);
            grad.put("W[2][0][1]", dOut * h[1]);
            grad.put("b[2][0]", dOut);
            for (int j = 0; j < 2; j++) {
                double dh = w2[j] * dOut * h[j] * (1 - h[j]);
                grad.put("W[1][" + j + "][0]", dh * x[0]);
                grad.put("W[1][" + j + "][1]", dh * x[1]);
                grad.put("b[1][" + j + "]", dh);
            }
            String suffix = t == 1 ? "" : ":" + t;
            Map<String, Double> next = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : grad.entrySet()) {
                String p = e.getKey();
                double g = e.getValue();
                double mt = 0.9 * m.getOrDefault(p, 0.0) + 0.1 * g;
                double vt = 0.999 * v.getOrDefault(p, 0.0) + 0.001 * g * g;
                m.put(p, mt);
                v.put(p, vt);
                double mh = mt / (1 - Math.pow(0.9, t));
                double vh = vt / (1 - Math.pow(0.999, t));
                String state = p.startsWith("W") ? "W" + p.substring(1) : "b" + p.substring(1);
                ORACLE.put("m" + state + suffix, mt);
                ORACLE.put("v" + state + suffix, vt);
                ORACLE.put("mhat" + state + suffix, mh);
                ORACLE.put("vhat" + state + suffix, vh);
                next.put(p, mh / (Math.sqrt(vh) + 1e-8));
            }
            w2[0] -= 0.01 * next.get("W[2][0][0]");
            w2[1] -= 0.01 * next.get("W[2][0][1]");
            b2[0] -= 0.01 * next.get("b[2][0]");
            for (int j = 0; j < 2; j++) {
                w1[j][0] -= 0.01 * next.get("W[1][" + j + "][0]");
                w1[j][1] -= 0.01 * next.get("W[1][" + j + "][1]");
                b1[j] -= 0.01 * next.get("b[1][" + j + "]");
            }
            ORACLE.put("W[2][0][0]" + suffix, w2[0]);
            ORACLE.put("W[1][1][0]" + suffix, w1[1][0]);
            ORACLE.put("b[1][0]" + suffix, b1[0]);
        }
    }

    @Test
    void every_moment_of_both_adam_updates_is_worked_with_its_formula_and_the_oracles_value() {
        assertEquals(72 + 6, ORACLE.size());
        for (Map.Entry<String, Double> e : ORACLE.entrySet()) {
            String html = stepHtml(page, e.getKey());
            assertTrue(html.contains("<math"), e.getKey() + " is MathML");
            double shown = Fixtures.parseShown(result(html));
            assertEquals(e.getValue(), shown, Math.abs(e.getValue()) * 1e-8, e.getKey() + " shows " + result(html));
        }
    }

    @Test
    void each_kind_of_step_is_written_formula_then_numbers_then_value() {
        // m = β₁·m + (1 − β₁)·g, the first time from 0
        String m1 = text(stepHtml(page, "mW[2][0][0]"));
        assertTrue(m1.contains("=β1⋅0+(1−β1)⋅∂L∂W31"), m1);
        assertTrue(m1.contains("=0.9⋅0+(1−0.9)⋅"), m1);
        // the second time from the first update's moment, with the second update's gradient
        String m2 = text(stepHtml(page, "mW[2][0][0]:2"));
        assertTrue(m2.contains("=β1⋅mW31+(1−β1)⋅∂L⟨2⟩∂W31"), m2);
        String v2 = text(stepHtml(page, "vW[2][0][0]:2"));
        assertTrue(v2.contains("=β2⋅vW31+(1−β2)⋅(∂L⟨2⟩∂W31)2"), v2);
        // m̂ = m / (1 − β₁ᵗ): 1 − 0.9² = 0.19 in the second update
        String mh = stepHtml(page, "mhatW[2][0][0]:2");
        assertTrue(mh.contains("<mover accent=\"true\"><mi>m</mi><mo>^</mo></mover>"), mh);
        assertTrue(text(mh).contains("1−0.92") && text(mh).contains("0.19"), text(mh));
        // the update: W − α·m̂/(√v̂ + ε), the root worked out before the value
        String w = stepHtml(page, "W[2][0][0]:2");
        assertTrue(w.contains("<msqrt>"), w);
        assertTrue(text(w).contains("=W31new−α⋅"), text(w));
        assertTrue(text(w).contains("+ε"), text(w));
    }

    @Test
    void the_page_says_what_is_worked_and_states_the_rule_among_its_conventions() {
        String t = text(page);
        assertTrue(t.contains("the first 2 steps of Adam, every number shown"), "the lede");
        assertTrue(t.contains("Update rule"), "the conventions");
        assertTrue(t.contains("as PyTorch's torch.optim.Adam (not AMSGrad) has it"), t);
        assertTrue(page.contains("id=\"u2-forward\""), "update 2's forward pass has its section");
        assertTrue(page.contains("href=\"#u2-backward\""), "and a place in the contents");
    }
}
