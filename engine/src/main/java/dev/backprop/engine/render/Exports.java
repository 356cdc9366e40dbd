package dev.backprop.engine.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The worked solution as text to take away, in three formats: plain Unicode text for a terminal,
 * a Markdown document with {@code $…$} formulas in the seed document's style, and a LaTeX
 * {@code align*} block a student can paste into homework (amsmath). All three walk the same
 * outline in the same order ({@link #write}); each format only lays out what the walk hands it.
 *
 * <pre>{@code
 * String tex = Exports.write(Format.LATEX, worked, Selection.of(worked, null, null), NumberStyle.DEFAULT, "");
 * }</pre>
 */
public final class Exports {
    /** The most parameter rows in the summary table. */
    static final int SUMMARY_ROWS = 200;
    /** The heading of the matrix form of a big network. */
    static final String MATRIX_TITLE = "Layers in matrix form";

    private Exports() {
    }

    /**
     * The worked solution in a format: the conventions, a big network's layers in matrix form,
     * the steps the selection keeps, and (in text and Markdown) every parameter's table.
     *
     * @param link the permanent link to the worked page, stated at the top; "" for none
     */
    public static String write(Format format, Worked w, Selection sel, NumberStyle style, String link) {
        Layout layout = switch (format) {
            case TEXT -> new TextLayout(style, link);
            case MARKDOWN -> new MarkdownLayout(style, link);
            case LATEX -> new LatexLayout(style, link);
        };
        layout.begin(w, Conventions.of(w.problem(), w.notation()));
        if (sel.big()) {
            layout.section(MATRIX_TITLE);
            for (MatrixForm.Block block : MatrixForm.of(w)) {
                layout.group(block.title(), "");
                for (MatrixForm.Equation eq : block.equations()) {
                    layout.equation(eq.lhs(), eq.lines(), eq.notes());
                }
            }
        }
        for (Outline.Section section : Outline.of(w, sel.filter()).sections()) {
            layout.section(section.title());
            for (Outline.Group group : section.groups()) {
                layout.group(group.title(), section.title());
                for (Derivation d : group.steps()) {
                    layout.equation(d.lhs(), d.lines(), d.notes());
                }
            }
        }
        layout.end(w, Summary.rows(w, SUMMARY_ROWS), Summary.count(w));
        return layout.result();
    }

    /** The LaTeX export: comments stating the problem and conventions, then one {@code align*} block. */
    public static String latex(Worked w, Selection sel, NumberStyle style, String link) {
        return write(Format.LATEX, w, sel, style, link);
    }

    /** The Markdown export: headings, the conventions as a list, each step as a display formula, the summary table. */
    public static String markdown(Worked w, Selection sel, NumberStyle style, String link) {
        return write(Format.MARKDOWN, w, sel, style, link);
    }

    /** The plain-text export: the Markdown export's outline, laid out for a monospace terminal. */
    public static String text(Worked w, Selection sel, NumberStyle style, String link) {
        return write(Format.TEXT, w, sel, style, link);
    }

    /**
     * One step's LaTeX source, an amsmath {@code align*} block to paste into a document: written by
     * the same writer as the whole export, so a copied step and the export agree.
     */
    public static String latex(Derivation d, NumberStyle style) {
        StringBuilder sb = new StringBuilder("\\begin{align*}\n");
        align(sb, new Latex(style), d.lhs(), d.lines());
        return sb.append("\\end{align*}\n").toString();
    }

    /** What a format does with each part of the walk, in order: begin, then sections, groups and equations, then end. */
    private interface Layout {
        /** The title, the introduction and the conventions. */
        void begin(Worked w, List<Conventions.Item> conventions);

        /** A chapter: the matrix form, the forward pass, the loss … */
        void section(String title);

        /**
         * A run of equations under a heading.
         *
         * @param within the chapter's title where the heading is read with it, "" where it stands alone
         */
        void group(String title, String within);

        /** One equation: the left-hand side, the lines of its right-hand side, and remarks. */
        void equation(Expr lhs, List<Derivation.Line> lines, List<Prose> notes);

        /** The end: the parameters' table (the first rows of {@code count}) and the loss before and after. */
        void end(Worked w, List<Summary.Row> rows, int count);

        /** The document. */
        String result();
    }

    /** The sentence on the loss before and after training, numbers written by the format. */
    static String lossLine(Worked w, DoubleFunction<String> number) {
        int epochs = w.problem().epochs();
        return "Loss before: " + number.apply(w.solution().lossBefore()) + "; after "
                + NumberStyle.count(epochs, "epoch", "epochs") + ": " + number.apply(w.solution().lossAfter()) + ".";
    }

    /** The summary's note when it shows only the first rows, or "". */
    static String shownOf(List<Summary.Row> rows, int count) {
        return count > rows.size() ? "(The first " + rows.size() + " of " + count + " parameters.)" : "";
    }

    /** The introduction: what the document is, to what precision, and where its page is. */
    static String intro(Worked w, NumberStyle style, String link, String linkOpen, String linkClose) {
        String what = steps(w);
        return Character.toUpperCase(what.charAt(0)) + what.substring(1) + " worked by hand, every number shown (values to "
                + style.digits() + " significant figures)." + (link.isEmpty() ? "" : " Permanent link: " + linkOpen + link + linkClose);
    }

    /**
     * What is worked, in words: "one step of gradient descent", or with another rule or several
     * worked updates "the first 2 steps of Adam".
     */
    public static String steps(Worked w) {
        var o = w.problem().optimizer();
        String rule = o.plain() ? "gradient descent" : o.kind() == dev.backprop.engine.nn.Optimizer.Kind.SGD
                ? "gradient descent with weight decay" : o.kind().title() + (o.decays() ? " with weight decay" : "");
        int t = w.problem().workedUpdates();
        return (t == 1 ? "one step of " : "the first " + t + " steps of ") + rule;
    }

    /** LaTeX: comments, then one {@code align*} block whose headings are {@code \intertext}. */
    private static final class LatexLayout implements Layout {
        private final StringBuilder sb = new StringBuilder();
        private final Latex tex;
        private final NumberStyle style;
        private final String link;
        private boolean firstGroup = true;
        private boolean firstEquation = true;

        LatexLayout(NumberStyle style, String link) {
            this.tex = new Latex(style);
            this.style = style;
            this.link = link;
        }

        @Override
        public void begin(Worked w, List<Conventions.Item> conventions) {
            sb.append("% Backprop Workbook: worked solution of ").append(w.problem().optimizer().plain()
                    && w.problem().workedUpdates() == 1 ? "one gradient-descent step" : steps(w)).append('\n');
            if (!link.isEmpty()) {
                sb.append("% ").append(link).append('\n');
            }
            sb.append("% Needs \\usepackage{amsmath}. Values to ").append(style.digits()).append(" significant figures.\n");
            for (Conventions.Item item : conventions) {
                sb.append("% ").append(item.label()).append(": ").append(comment(item.text()).replace("\n", " ")).append('\n');
            }
            sb.append("\\begin{align*}\n");
        }

        @Override
        public void section(String title) {
            // sections are named in the group headings: "\textbf{Forward pass} --- Layer 1 …"
        }

        @Override
        public void group(String title, String within) {
            String heading = within.isEmpty() || title.equals(within) ? "\\textbf{" + Latex.escapeText(title) + "}"
                    : "\\textbf{" + Latex.escapeText(within) + "} --- " + Latex.escapeText(title);
            separate(firstGroup, "[6pt]");
            sb.append("\\intertext{").append(heading).append("}\n");
            firstGroup = false;
            firstEquation = true;
        }

        @Override
        public void equation(Expr lhs, List<Derivation.Line> lines, List<Prose> notes) {
            separate(firstEquation, "[4pt]");
            firstEquation = false;
            align(sb, tex, lhs, lines);
        }

        @Override
        public void end(Worked w, List<Summary.Row> rows, int count) {
            sb.append("\\end{align*}\n"); // no blank line: that would end the paragraph inside align*
        }

        @Override
        public String result() {
            return sb.toString();
        }

        /** Ends the row before with a line break and some space, unless nothing came before. */
        private void separate(boolean first, String space) {
            if (first) {
                return;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\n') {
                sb.setLength(sb.length() - 1);
            }
            sb.append(" \\\\").append(space).append('\n');
        }

        private String comment(Prose p) {
            StringBuilder out = new StringBuilder();
            for (Expr e : p.parts()) {
                out.append(e instanceof Expr.Text t ? t.text() : "$" + tex.write(e) + "$");
            }
            return out.toString();
        }
    }

    /** The lines of an equation as amsmath alignment rows: "lhs &= rhs \\" …, a continuation as "&\quad rhs". */
    static void align(StringBuilder sb, Latex tex, Expr lhs, List<Derivation.Line> lines) {
        for (int k = 0; k < lines.size(); k++) {
            Derivation.Line line = lines.get(k);
            sb.append(k == 0 ? tex.write(lhs) + " " : "");
            sb.append(line.relation().isEmpty() ? "&\\quad " : "&" + ("≈".equals(line.relation()) ? "\\approx" : line.relation()) + " ");
            sb.append(tex.write(line.rhs()));
            sb.append(k < lines.size() - 1 ? " \\\\\n" : "\n");
        }
    }

    /** Markdown: headings, a list of conventions, display formulas with italic remarks, a table. */
    private static final class MarkdownLayout implements Layout {
        private final StringBuilder sb = new StringBuilder();
        private final Latex tex;
        private final NumberStyle style;
        private final String link;

        MarkdownLayout(NumberStyle style, String link) {
            this.tex = new Latex(style);
            this.style = style;
            this.link = link;
        }

        @Override
        public void begin(Worked w, List<Conventions.Item> conventions) {
            sb.append("# Worked solution: a ").append(w.shape()).append(" network\n\n");
            sb.append(intro(w, style, link, "<", ">")).append("\n\n");
            sb.append("## Conventions\n\n");
            for (Conventions.Item item : conventions) {
                sb.append("* **").append(item.label()).append(":** ").append(prose(item.text())).append('\n');
            }
        }

        @Override
        public void section(String title) {
            sb.append("\n## ").append(title).append('\n');
        }

        @Override
        public void group(String title, String within) {
            // a group that only repeats its section's title ("Loss") is not headed twice
            sb.append(title.equals(within) ? "\n" : "\n### " + title + "\n\n");
        }

        @Override
        public void equation(Expr lhs, List<Derivation.Line> lines, List<Prose> notes) {
            sb.append("$$\n\\begin{aligned}\n");
            align(sb, tex, lhs, lines);
            sb.append("\\end{aligned}\n$$\n\n");
            for (Prose note : notes) {
                sb.append('*').append(prose(note)).append("*\n\n");
            }
        }

        @Override
        public void end(Worked w, List<Summary.Row> rows, int count) {
            sb.append("\n## Every parameter\n\n");
            sb.append("| Parameter | Connects | Contract path | Before | ").append(escape(w.notation().parameterGradient()))
                    .append(" | After |\n|---|---|---|---:|---:|---:|\n");
            for (Summary.Row r : rows) {
                sb.append("| $").append(tex.write(r.symbol())).append("$ | ").append(r.where()).append(" | `").append(r.path())
                        .append("` | ").append(style.ascii(r.old())).append(" | ").append(style.ascii(r.gradient()))
                        .append(" | ").append(style.ascii(r.updated())).append(" |\n");
            }
            String shown = shownOf(rows, count);
            if (!shown.isEmpty()) {
                sb.append('\n').append(shown).append('\n');
            }
            sb.append('\n').append(lossLine(w, style::ascii)).append('\n');
        }

        @Override
        public String result() {
            return sb.toString();
        }

        private String prose(Prose p) {
            StringBuilder out = new StringBuilder();
            for (Expr e : p.parts()) {
                if (e instanceof Expr.Text t) {
                    out.append(escape(t.text()));
                } else {
                    out.append('$').append(tex.write(e)).append('$');
                }
            }
            return out.toString();
        }

        private static String escape(String text) {
            return text.replace("*", "\\*").replace("_", "\\_");
        }
    }

    /**
     * Plain text: a title and chapters underlined, headings flush left, equations indented with
     * their relations aligned, remarks indented further and wrapped, the table in columns.
     */
    private static final class TextLayout implements Layout {
        /** Prose is wrapped to this many columns. */
        static final int WIDTH = 96;
        private static final String EQUATION = "    ";
        private static final String NOTE = "      ";

        private final StringBuilder sb = new StringBuilder();
        private final Unicode text;
        private final NumberStyle style;
        private final String link;

        TextLayout(NumberStyle style, String link) {
            this.text = new Unicode(style);
            this.style = style;
            this.link = link;
        }

        @Override
        public void begin(Worked w, List<Conventions.Item> conventions) {
            underlined("Worked solution: a " + w.shape() + " network", '=');
            sb.append('\n');
            wrap(intro(w, style, link, "", ""), "", "");
            sb.append('\n');
            underlined("Conventions", '-');
            for (Conventions.Item item : conventions) {
                sb.append('\n');
                wrap(item.label() + ": " + prose(item.text()), "", "  ");
            }
        }

        @Override
        public void section(String title) {
            sb.append("\n\n");
            underlined(title, '-');
        }

        @Override
        public void group(String title, String within) {
            if (!title.equals(within)) {
                sb.append('\n').append(title).append('\n');
            }
        }

        @Override
        public void equation(Expr lhs, List<Derivation.Line> lines, List<Prose> notes) {
            String left = text.write(lhs);
            String pad = " ".repeat(width(left));
            sb.append('\n');
            for (int k = 0; k < lines.size(); k++) {
                Derivation.Line line = lines.get(k);
                String relation = line.relation().isEmpty() ? "   " : " " + line.relation() + " ";
                String start = EQUATION + (k == 0 ? left : pad) + relation;
                sb.append(start).append(rows(start, text.write(line.rhs()))).append('\n');
            }
            for (Prose note : notes) {
                wrap(prose(note), NOTE, NOTE);
            }
        }

        @Override
        public void end(Worked w, List<Summary.Row> rows, int count) {
            sb.append("\n\n");
            underlined("Every parameter", '-');
            sb.append('\n');
            List<String[]> table = new ArrayList<>();
            table.add(new String[] {"Parameter", "Connects", "Contract path", "Before", w.notation().parameterGradient(), "After"});
            for (Summary.Row r : rows) {
                table.add(new String[] {Unicode.symbol(r.symbol()), r.where(), r.path(), style.text(r.old()),
                        style.text(r.gradient()), style.text(r.updated())});
            }
            columns(table, 3);
            String shown = shownOf(rows, count);
            if (!shown.isEmpty()) {
                sb.append('\n').append(shown).append('\n');
            }
            sb.append('\n');
            wrap(lossLine(w, style::text), "", "");
        }

        @Override
        public String result() {
            return sb.toString();
        }

        /**
         * A right-hand side too wide for a terminal with its first matrix written a row per line,
         * each row under the one before: "[0.1, 0.2;⏎ 0.3, 0.4]". Column vectors stay on one line.
         */
        private static String rows(String start, String rhs) {
            if (width(start) + width(rhs) <= WIDTH) {
                return rhs;
            }
            for (int open = rhs.indexOf('['); open >= 0; open = rhs.indexOf('[', open + 1)) {
                int close = rhs.indexOf(']', open);
                String inside = close < 0 ? "" : rhs.substring(open + 1, close);
                if (inside.contains("; ") && inside.contains(", ")) {
                    int column = width(start) + width(rhs.substring(0, open));
                    String matrix = rhs.substring(0, open + 1) + aligned(inside.split("; "), ";\n" + " ".repeat(column + 1)) + "]";
                    String rest = rhs.substring(close + 1);
                    int last = width(matrix.substring(matrix.lastIndexOf('\n') + 1));
                    // what follows the matrix (the vector it multiplies, a sum) goes under it when it does not fit beside
                    return matrix + (rest.isEmpty() || last + width(rest) <= WIDTH ? rest : "\n" + " ".repeat(column) + rest.strip());
                }
            }
            return rhs;
        }

        /** A matrix's rows (entries separated by ", ") with each column's entries right-aligned. */
        private static String aligned(String[] rows, String separator) {
            String[][] cells = new String[rows.length][];
            int[] widths = new int[0];
            for (int r = 0; r < rows.length; r++) {
                cells[r] = rows[r].split(", ");
                if (cells[r].length > widths.length) {
                    widths = Arrays.copyOf(widths, cells[r].length);
                }
                for (int c = 0; c < cells[r].length; c++) {
                    widths[c] = Math.max(widths[c], width(cells[r][c]));
                }
            }
            StringBuilder out = new StringBuilder();
            for (int r = 0; r < rows.length; r++) {
                out.append(r > 0 ? separator : "");
                for (int c = 0; c < cells[r].length; c++) {
                    out.append(c > 0 ? ", " : "").append(" ".repeat(widths[c] - width(cells[r][c]))).append(cells[r][c]);
                }
            }
            return out.toString();
        }

        private void underlined(String title, char line) {
            sb.append(title).append('\n').append(String.valueOf(line).repeat(width(title))).append('\n');
        }

        /** Rows in columns two spaces apart, the first {@code leftColumns} aligned left and the rest (numbers) right. */
        private void columns(List<String[]> table, int leftColumns) {
            int[] widths = new int[table.get(0).length];
            for (String[] row : table) {
                for (int c = 0; c < row.length; c++) {
                    widths[c] = Math.max(widths[c], width(row[c]));
                }
            }
            for (int r = 0; r < table.size(); r++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < widths.length; c++) {
                    String cell = table.get(r)[c];
                    String fill = " ".repeat(widths[c] - width(cell));
                    line.append(c == 0 ? "" : "  ").append(c < leftColumns ? cell + fill : fill + cell);
                }
                sb.append(line.toString().stripTrailing()).append('\n');
                if (r == 0) {
                    int total = (widths.length - 1) * 2;
                    for (int w : widths) {
                        total += w;
                    }
                    sb.append("-".repeat(total)).append('\n');
                }
            }
        }

        /** A paragraph wrapped at {@link #WIDTH} columns, the first line after {@code first}, the others after {@code rest}. */
        private void wrap(String paragraph, String first, String rest) {
            StringBuilder line = new StringBuilder(first);
            int used = width(first);
            boolean empty = true;
            for (String word : paragraph.split(" ")) {
                if (word.isEmpty()) {
                    continue;
                }
                int w = width(word);
                if (!empty && used + 1 + w > WIDTH) {
                    sb.append(line).append('\n');
                    line.setLength(0);
                    line.append(rest);
                    used = width(rest);
                    empty = true;
                }
                if (!empty) {
                    line.append(' ');
                    used++;
                }
                line.append(word);
                used += w;
                empty = false;
            }
            sb.append(line).append('\n');
        }

        private String prose(Prose p) {
            StringBuilder out = new StringBuilder();
            for (Expr e : p.parts()) {
                out.append(e instanceof Expr.Text t ? t.text() : text.write(e));
            }
            return out.toString();
        }

        private static int width(String s) {
            return s.codePointCount(0, s.length());
        }
    }
}
