package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.support.Published;
import dev.backprop.engine.train.Solver;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plain-text worked solution. The oracle for Mazur's problem in his notation is his post ("A
 * Step by Step Backpropagation Example", 2015): its formulas, written with his symbols, and the
 * numbers it prints.
 */
class TextExportTest {
    private static String mazur;
    private static String seed;

    @BeforeAll
    static void render() {
        mazur = Solver.solve(Published.mazur().build()).render(Format.TEXT, RenderOptions.DEFAULT.withNotation(Notation.Profile.MAZUR));
        seed = Solver.solve(Published.seed().build()).render(Format.TEXT);
    }

    /** The lines of the equation whose left-hand side is {@code lhs}, without the remarks under it. */
    static List<String> equation(String text, String lhs) {
        String start = "\n    " + lhs + " = ";
        int at = text.indexOf(start);
        assertTrue(at >= 0, "no equation for " + lhs + " in\n" + text);
        List<String> lines = new ArrayList<>();
        for (String line : text.substring(at + 1).split("\n")) {
            String t = line.trim();
            // the equation's own lines: its first, then those starting with a relation or a continued sum (remarks follow)
            if (!lines.isEmpty() && !(t.startsWith("= ") || t.startsWith("≈ ") || t.startsWith("+ "))) {
                break;
            }
            lines.add(line);
        }
        return lines;
    }

    /** The value an equation arrives at: the number on its last line. */
    static String value(List<String> lines) {
        String last = lines.get(lines.size() - 1).trim();
        return last.substring(last.lastIndexOf(' ') + 1);
    }

    /** Whether a number as shown agrees with a published one at the precision of the coarser of the two. */
    static boolean agrees(String shown, String published) {
        BigDecimal s = new BigDecimal(shown.replace('−', '-'));
        BigDecimal p = new BigDecimal(published);
        int places = Math.min(s.scale(), p.scale());
        return s.setScale(places, RoundingMode.HALF_UP).compareTo(p.setScale(places, RoundingMode.HALF_UP)) == 0;
    }

    private static void assertArrives(String lhs, String published) {
        String shown = value(equation(mazur, lhs));
        assertTrue(agrees(shown, published), lhs + " = " + shown + ", Mazur prints " + published);
    }

    private static void assertLine(String lhs, String line) {
        List<String> lines = equation(mazur, lhs);
        assertTrue(lines.stream().anyMatch(l -> l.trim().equals(line) || l.trim().equals(lhs + " " + line)),
                lhs + ": no line " + line + " in\n" + String.join("\n", lines));
    }

    @Test
    void mazurs_forward_pass_reads_as_in_his_post() {
        // "net_h1 = w1 * i1 + w2 * i2 + b1 * 1" and "= 0.15 * 0.05 + 0.2 * 0.1 + 0.35 * 1" in the post
        assertLine("net_h1", "= w₁ · i₁ + w₂ · i₂ + b₁ · 1");
        assertLine("net_h1", "= 0.15 · 0.05 + 0.2 · 0.1 + 0.35 · 1");
        assertArrives("net_h1", "0.3775");
        assertLine("out_h1", "= 1/(1 + e^(−net_h1))");
        assertArrives("out_h1", "0.593269992");
        assertArrives("out_h2", "0.596884378");
        assertLine("net_o1", "= w₅ · out_h1 + w₆ · out_h2 + b₂ · 1");
        assertArrives("net_o1", "1.105905967");
        assertArrives("out_o1", "0.75136507");
        assertArrives("out_o2", "0.772928465");
    }

    @Test
    void mazurs_total_error_is_his_e_total() {
        assertLine("E_total", "= ½(target_o1 − out_o1)² + ½(target_o2 − out_o2)²");
        assertArrives("E_total", "0.298371109");
    }

    @Test
    void mazurs_output_delta_is_his_chain_of_partial_derivatives() {
        // the post's δ_o1 = ∂E_total/∂out_o1 · ∂out_o1/∂net_o1
        assertLine("δ_o1", "= ∂E_total/∂out_o1 · ∂out_o1/∂net_o1");
        assertLine("δ_o1", "= −(target_o1 − out_o1) · out_o1(1 − out_o1)");
        // ∂E_total/∂out_o1 = 0.74136507 and ∂out_o1/∂net_o1 = 0.186815602 in the post
        assertLine("δ_o1", "= 0.74136507 · 0.186815602");
        assertArrives("δ_o1", "0.138498562");
        assertLine("∂E_total/∂w₅", "= δ_o1 · out_h1");
        assertArrives("∂E_total/∂w₅", "0.082167041");
    }

    @Test
    void one_neurons_share_of_a_shared_bias_is_named_by_the_neuron() {
        // b₂ feeds both outputs, so ∂E_total/∂b₂ would be δ_o1 + δ_o2; o1's own bias gradient is δ_o1 (0.138498562)
        assertArrives("∂E_total/∂b_o1", "0.138498562");
        assertFalse(mazur.contains("∂E_total/∂b₂ ="), "no gradient named after the shared bias");
        String words = mazur.replaceAll("\\s+", " ");
        assertTrue(words.contains("(Mazur's “squared error function”, his total error)"), "his name for the loss");
        assertFalse(words.contains("the seed"), "nothing in Mazur's notation speaks of the seed");
    }

    @Test
    void mazurs_updated_weights_are_his_w_plus() {
        assertLine("w₅⁺", "= w₅ − η · ∂E_total/∂w₅");
        String[][] published = {{"w₁⁺", "0.149780716"}, {"w₂⁺", "0.19956143"}, {"w₃⁺", "0.24975114"}, {"w₄⁺", "0.29950229"},
            {"w₅⁺", "0.35891648"}, {"w₆⁺", "0.408666186"}, {"w₇⁺", "0.511301270"}, {"w₈⁺", "0.561370121"}};
        for (String[] w : published) {
            assertArrives(w[0], w[1]);
        }
    }

    @Test
    void mazurs_hidden_delta_sums_what_flows_back_through_w5_and_w7() {
        assertLine("δ_h1", "= (w₅ · δ_o1 + w₇ · δ_o2) · ∂out_h1/∂net_h1");
        // ∂E_total/∂out_h1 = 0.036350306 and ∂out_h1/∂net_h1 = 0.241300709 in the post
        List<String> lines = equation(mazur, "δ_h1");
        String product = lines.get(lines.size() - 2).trim();
        assertTrue(product.startsWith("= ") && product.contains(" · "), product);
        String[] factors = product.substring(2).split(" · ");
        assertTrue(agrees(factors[0], "0.036350306"), product);
        assertTrue(agrees(factors[1], "0.241300709"), product);
        assertArrives("∂E_total/∂w₁", "0.000438568");
    }

    @Test
    void the_seeds_text_uses_unicode_subscripts_where_they_exist_and_underscores_elsewhere() {
        assertEquals("δ_o1 = ∂L/∂A_o1 · σ′(Z_o1)", equation(seed, "δ_o1").get(0).trim());
        assertEquals("= −(0.75 − 0.7) · 0.7(1 − 0.7)", equation(seed, "δ_o1").get(2).trim());
        assertEquals("−0.0105", value(equation(seed, "δ_o1")));
        assertEquals("W₃₁^new = W₃₁^old − α · ∂L/∂W₃₁", equation(seed, "W₃₁^new").get(0).trim());
        assertEquals("0.4030975", value(equation(seed, "W₃₁^new")));
        assertEquals("−0.00101598", value(equation(seed, "δ_h1")));
    }

    @Test
    void an_equations_relations_line_up_under_each_other() {
        for (String lhs : new String[] {"δ_o1", "∂E_total/∂w₅", "E_total"}) {
            List<String> lines = equation(mazur, lhs);
            int column = lines.get(0).indexOf(" = ");
            for (String line : lines.subList(1, lines.size())) {
                assertEquals(column, line.indexOf("= ") - 1, lhs + ":\n" + String.join("\n", lines));
            }
        }
    }

    @Test
    void text_has_no_markup_and_says_nothing_only_a_page_could_show() {
        for (String text : new String[] {mazur, seed}) {
            for (String markup : new String[] {"\\", "$", "<", "{", "**"}) {
                assertFalse(text.contains(markup), "markup " + markup);
            }
            assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("hover"), "a terminal has nothing to hover over");
        }
    }

    @Test
    void prose_is_wrapped_for_a_terminal() {
        for (String line : mazur.split("\n")) {
            if (!line.startsWith("    ") && !line.contains("layers[")) {
                assertTrue(line.length() <= 96, "too long: " + line);
            }
        }
    }

    @Test
    void a_wide_matrix_is_written_a_row_per_line_with_its_columns_aligned() {
        String big = Solver.solve(dev.backprop.engine.json.ProblemJson.read(RenderCases.BIG)).render(Format.TEXT);
        List<String> z = equation(big, "Z^[1]");
        assertEquals("    Z^[1] = W^[1]X + B^[1]", z.get(0));
        String first = z.get(1);
        assertTrue(first.startsWith("    " + " ".repeat("Z^[1]".length()) + " = [") && first.endsWith(";"), first);
        int bracket = first.indexOf('[');
        int end = first.length();
        int rows = 1;
        for (String line : big.substring(big.indexOf(first) + first.length() + 1).split("\n")) {
            rows++;
            assertEquals(" ".repeat(bracket + 1), line.substring(0, bracket + 1), "rows start under the bracket: " + line);
            if (!line.endsWith(";")) {
                assertTrue(line.substring(end - 1).startsWith("]["), "the last row closes the matrix: " + line);
                break;
            }
            assertEquals(end, line.length(), "the columns line up: " + line);
        }
        assertEquals(6, rows, "the first 4 rows, the dots and the last of W^[1]'s 8");
        for (String line : big.split("\n")) {
            assertTrue(line.length() <= 110, "a wide matrix is broken up to fit a terminal: " + line);
        }
    }

    @Test
    void a_script_is_written_in_unicode_only_when_every_character_has_a_form() {
        assertEquals("₃₁", Unicode.script("31", false));
        assertEquals("⁽²⁾", Unicode.script("(2)", true));
        assertEquals("⁽²⁾ᵀ", Unicode.script("(2)T", true));
        assertEquals("⁺", Unicode.script("+", true));
        assertEquals("_h1", Unicode.script("h1", false));
        assertEquals("^new", Unicode.script("new", true));
        assertEquals("_1,10", Unicode.script("1,10", false));
        assertEquals("", Unicode.script("", true));
    }

    @Test
    void fractions_powers_and_signs_are_written_on_one_line() {
        Unicode u = new Unicode(NumberStyle.DEFAULT);
        assertEquals("½(Y − A)²", u.write(Expr.row(Expr.half(), Expr.pow(Expr.paren(Expr.row(Expr.sym("Y", ""), Expr.op("−"),
                Expr.sym("A", ""))), Expr.c("2")))));
        assertEquals("1/(1 + e^(−Z_h1))", u.write(Expr.frac(Expr.c("1"), Expr.row(Expr.c("1"), Expr.op("+"),
                Expr.pow(Expr.c("e"), Expr.row(Expr.op("−"), Expr.sym("Z", "h1")))))));
        assertEquals("(1/3)(L + L)", u.write(Expr.row(Expr.frac(Expr.c("1"), Expr.c("3")), Expr.paren(Expr.row(Expr.sym("L", ""),
                Expr.op("+"), Expr.sym("L", ""))))));
        assertEquals("(1 − (A_h1)²)", u.write(Expr.paren(Expr.row(Expr.c("1"), Expr.op("−"), Expr.pow(Expr.sym("A", "h1"), Expr.c("2"))))));
        assertEquals("0.4 − 0.5 · (−0.006195)", u.write(Expr.row(Expr.num(0.4), Expr.op("−"), Expr.num(0.5), Expr.op("·"),
                Expr.factor(-0.006195000000000006))));
        assertEquals("[1, 2; 3, 4]", u.write(new Expr.Matrix(List.of(List.of(Expr.num(1), Expr.num(2)), List.of(Expr.num(3), Expr.num(4))))));
        assertEquals("4.67435461×10⁻⁶", u.write(Expr.num(4.674354613676388e-06)));
    }
}
