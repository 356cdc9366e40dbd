package dev.backprop.web.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.render.Expr;
import dev.backprop.engine.render.NumberStyle;
import org.junit.jupiter.api.Test;

class MathMlTest {
    private final MathMl m = new MathMl(NumberStyle.DEFAULT);

    @Test
    void a_symbol_has_its_subscript_superscript_and_description() {
        String html = m.render(new Expr.Sym("W", "31", "new", "W[2][0][0]"));
        assertEquals("<math><msubsup title=\"W[2][0][0]\"><mi>W</mi><mn>31</mn><mtext>new</mtext></msubsup></math>", html);
    }

    @Test
    void a_neuron_subscript_is_a_letter_and_a_number() {
        assertEquals("<math><msub><mi>δ</mi><mrow><mi>o</mi><mn>1</mn></mrow></msub></math>", m.render(Expr.sym("δ", "o1")));
    }

    @Test
    void a_negative_number_has_a_true_minus_and_its_exact_double_on_hover() {
        assertEquals("<math><mrow title=\"-0.010500000000000011\"><mo form=\"prefix\">−</mo><mn>0.0105</mn></mrow></math>",
                m.render(Expr.num(-0.010500000000000011)));
    }

    @Test
    void a_tiny_number_is_written_with_a_power_of_ten() {
        String html = m.render(Expr.num(4.674354613676388e-06));
        assertTrue(html.contains("<mn>4.67435461</mn><mo>×</mo><msup><mn>10</mn><mrow><mo form=\"prefix\">−</mo><mn>6</mn></mrow></msup>"), html);
    }

    @Test
    void text_is_escaped() {
        String html = m.render(Expr.text("<script>alert(1)</script>"));
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void a_fraction_and_a_function_are_structured() {
        String html = m.render(Expr.frac(Expr.c("1"), Expr.row(Expr.c("1"), Expr.op("+"), Expr.pow(Expr.c("e"), Expr.fn("σ", Expr.sym("Z", "h1"))))));
        assertTrue(html.startsWith("<math><mfrac><mn>1</mn><mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mi>σ</mi><mo>\u2061</mo>"), html);
    }
}
