package dev.backprop.web.worked;

import dev.backprop.web.math.Expr;
import dev.backprop.web.math.Latex;
import dev.backprop.web.math.NumberStyle;
import java.util.List;

/**
 * The worked solution as text to take away: a LaTeX {@code align*} block a student can paste into
 * homework (amsmath), and a Markdown document with {@code $…$} formulas in the seed document's
 * style. Both write the same outline as the page.
 *
 * <pre>{@code
 * String tex = Exports.latex(worked, Selection.of(worked, null, null), NumberStyle.DEFAULT, url);
 * }</pre>
 */
public final class Exports {
    /** The most parameter rows in the Markdown summary table. */
    static final int SUMMARY_ROWS = 200;

    private Exports() {
    }

    /** The LaTeX export: comments stating the problem and conventions, then one {@code align*} block. */
    public static String latex(Worked w, Selection sel, NumberStyle style, String link) {
        Latex tex = new Latex(style);
        StringBuilder sb = new StringBuilder();
        sb.append("% Backprop Workbook: worked solution of one gradient-descent step\n");
        sb.append("% ").append(link).append('\n');
        sb.append("% Needs \\usepackage{amsmath}. Values to ").append(style.digits()).append(" significant figures.\n");
        for (Conventions.Item item : Conventions.of(w.problem(), w.notation())) {
            sb.append("% ").append(item.label()).append(": ").append(plain(item.text(), tex).replace("\n", " ")).append('\n');
        }
        sb.append("\\begin{align*}\n");
        boolean first = true;
        if (sel.big()) {
            for (MatrixForm.Block block : MatrixForm.of(w)) {
                separate(sb, first, "[6pt]");
                sb.append("\\intertext{\\textbf{").append(Latex.escapeText(block.title()))
                        .append("}}\n");
                first = false;
                boolean firstEq = true;
                for (MatrixForm.Equation eq : block.equations()) {
                    separate(sb, firstEq, "[4pt]");
                    firstEq = false;
                    align(sb, tex, eq.lhs(), eq.lines());
                }
            }
        }
        Outline outline = Outline.of(w, sel.filter());
        for (Outline.Section section : outline.sections()) {
            for (Outline.Group group : section.groups()) {
                String heading = group.title().equals(section.title()) ? "\\textbf{" + Latex.escapeText(section.title()) + "}"
                        : "\\textbf{" + Latex.escapeText(section.title()) + "} --- " + Latex.escapeText(group.title());
                separate(sb, first, "[6pt]");
                sb.append("\\intertext{").append(heading).append("}\n");
                first = false;
                boolean firstStep = true;
                for (Derivation d : group.steps()) {
                    separate(sb, firstStep, "[4pt]");
                    firstStep = false;
                    align(sb, tex, d.lhs(), d.lines());
                }
            }
        }
        sb.append("\\end{align*}\n"); // no blank line: that would end the paragraph inside align*
        return sb.toString();
    }

    /** Ends the row before with a line break and some space, unless nothing came before. */
    private static void separate(StringBuilder sb, boolean first, String space) {
        if (first) {
            return;
        }
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\n') {
            sb.setLength(sb.length() - 1);
        }
        sb.append(" \\\\").append(space).append('\n');
    }

    private static void align(StringBuilder sb, Latex tex, Expr lhs, List<Derivation.Line> lines) {
        for (int k = 0; k < lines.size(); k++) {
            Derivation.Line line = lines.get(k);
            sb.append(k == 0 ? tex.write(lhs) + " " : "");
            sb.append(line.relation().isEmpty() ? "&\\quad " : "&" + relation(line.relation()) + " ");
            sb.append(tex.write(line.rhs()));
            sb.append(k < lines.size() - 1 ? " \\\\\n" : "\n");
        }
    }

    private static String relation(String r) {
        return "≈".equals(r) ? "\\approx" : r;
    }

    /** The Markdown export: headings, the conventions as a list, each step as a display formula, the summary table. */
    public static String markdown(Worked w, Selection sel, NumberStyle style, String link) {
        Latex tex = new Latex(style);
        StringBuilder sb = new StringBuilder();
        sb.append("# Worked solution: a ").append(w.shape()).append(" network\n\n");
        sb.append("One step of gradient descent worked by hand, every number shown (values to ").append(style.digits())
                .append(" significant figures). Permanent link: <").append(link).append(">\n\n");
        sb.append("## Conventions\n\n");
        for (Conventions.Item item : Conventions.of(w.problem(), w.notation())) {
            sb.append("* **").append(item.label()).append(":** ").append(markdownProse(item.text(), tex)).append('\n');
        }
        if (sel.big()) {
            sb.append("\n## Layers in matrix form\n");
            for (MatrixForm.Block block : MatrixForm.of(w)) {
                sb.append("\n### ").append(block.title()).append("\n\n");
                for (MatrixForm.Equation eq : block.equations()) {
                    display(sb, tex, eq.lhs(), eq.lines());
                    for (Prose note : eq.notes()) {
                        sb.append('*').append(markdownProse(note, tex)).append("*\n\n");
                    }
                }
            }
        }
        for (Outline.Section section : Outline.of(w, sel.filter()).sections()) {
            sb.append("\n## ").append(section.title()).append('\n');
            for (Outline.Group group : section.groups()) {
                sb.append("\n### ").append(group.title()).append("\n\n");
                for (Derivation d : group.steps()) {
                    display(sb, tex, d.lhs(), d.lines());
                    for (Prose note : d.notes()) {
                        sb.append('*').append(markdownProse(note, tex)).append("*\n\n");
                    }
                }
            }
        }
        sb.append("\n## Every parameter\n\n");
        sb.append("| Parameter | Connects | Contract path | Before | ∂L/∂θ | After |\n|---|---|---|---:|---:|---:|\n");
        List<Summary.Row> rows = Summary.rows(w, SUMMARY_ROWS);
        for (Summary.Row r : rows) {
            sb.append("| $").append(tex.write(r.symbol())).append("$ | ").append(r.where()).append(" | `").append(r.path())
                    .append("` | ").append(style.ascii(r.old())).append(" | ").append(style.ascii(r.gradient()))
                    .append(" | ").append(style.ascii(r.updated())).append(" |\n");
        }
        int count = Summary.count(w);
        if (count > rows.size()) {
            sb.append("\n(The first ").append(rows.size()).append(" of ").append(count).append(" parameters.)\n");
        }
        sb.append("\nLoss before: ").append(style.ascii(w.solution().lossBefore())).append("; after ")
                .append(w.problem().epochs()).append(w.problem().epochs() == 1 ? " epoch: " : " epochs: ")
                .append(style.ascii(w.solution().lossAfter())).append(".\n");
        return sb.toString();
    }

    private static void display(StringBuilder sb, Latex tex, Expr lhs, List<Derivation.Line> lines) {
        sb.append("$$\n\\begin{aligned}\n");
        align(sb, tex, lhs, lines);
        sb.append("\\end{aligned}\n$$\n\n");
    }

    private static String markdownProse(Prose p, Latex tex) {
        StringBuilder sb = new StringBuilder();
        for (Expr e : p.parts()) {
            if (e instanceof Expr.Text t) {
                sb.append(t.text().replace("*", "\\*").replace("_", "\\_"));
            } else {
                sb.append('$').append(tex.write(e)).append('$');
            }
        }
        return sb.toString();
    }

    private static String plain(Prose p, Latex tex) {
        StringBuilder sb = new StringBuilder();
        for (Expr e : p.parts()) {
            sb.append(e instanceof Expr.Text t ? t.text() : "$" + tex.write(e) + "$");
        }
        return sb.toString();
    }
}
