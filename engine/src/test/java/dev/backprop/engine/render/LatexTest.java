package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatexTest {
    private final Latex tex = new Latex(NumberStyle.DEFAULT);

    @Test
    void writes_symbols_with_text_superscripts() {
        assertEquals("W_{31}^{\\text{new}}", tex.write(new Expr.Sym("W", "31", "new", "")));
        assertEquals("\\delta _{o1}", tex.write(Expr.sym("δ", "o1")));
    }

    @Test
    void writes_an_update_as_a_student_would() {
        Expr e = Expr.row(Expr.num(0.4), Expr.op("−"), Expr.num(0.5), Expr.op("·"), Expr.factor(-0.006195000000000006));
        assertEquals("0.4 - 0.5 \\cdot \\left(-0.006195\\right)", tex.write(e));
    }

    @Test
    void writes_fractions_powers_and_functions() {
        assertEquals("\\frac{1}{2}{\\left(0.75 - 0.7\\right)}^{2}",
                tex.write(Expr.row(Expr.half(), Expr.pow(Expr.paren(Expr.row(Expr.num(0.75), Expr.op("−"), Expr.num(0.7))), Expr.c("2")))));
        assertEquals("\\sigma\\left(Z_{h1}\\right)", tex.write(Expr.fn("σ", Expr.sym("Z", "h1"))));
        assertEquals("4.67435461 \\times 10^{-6}", tex.write(Expr.num(4.674354613676388e-06)));
    }

    @Test
    void writes_the_symbols_of_prose_so_pdflatex_takes_them() {
        assertEquals("Error terms \\ensuremath{\\delta} of layer 2 --- h1--h2", Latex.escapeText("Error terms δ of layer 2 — h1–h2"));
        assertEquals("\\sigma'\\left(Z_{h1}\\right)", new Latex(NumberStyle.DEFAULT).write(Expr.fn("σ′", Expr.sym("Z", "h1"))));
    }

    @Test
    void escapes_text() {
        assertEquals("\\text{50\\% \\& \\$x\\_1}", tex.write(Expr.text("50% & $x_1")));
    }
}
