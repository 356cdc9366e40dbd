package dev.backprop.engine.render;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes {@link Expr expressions} as LaTeX math (amsmath), for the {@code align*} export and the
 * Markdown export's {@code $…$} formulas.
 *
 * <pre>{@code
 * new Latex(NumberStyle.DEFAULT).write(Expr.sym("W", "31").withSup("new"))   // W_{31}^{\text{new}}
 * }</pre>
 */
public final class Latex {
    private final NumberStyle style;

    private static final Pattern SPACES = Pattern.compile(" {2,}");

    /** A writer using the given number style. */
    public Latex(NumberStyle style) {
        this.style = style;
    }

    /** The LaTeX for an expression. */
    public String write(Expr e) {
        StringBuilder sb = new StringBuilder();
        write(e, sb);
        return SPACES.matcher(sb.toString().trim()).replaceAll(" ");
    }

    private void write(Expr e, StringBuilder sb) {
        if (e instanceof Expr.Sym s) {
            sb.append(name(s.base()));
            if (!s.sub().isEmpty()) {
                sb.append("_{").append(script(s.sub())).append('}');
            }
            if (!s.sup().isEmpty()) {
                sb.append("^{").append(script(s.sup())).append('}');
            }
        } else if (e instanceof Expr.Num n) {
            number(n.value(), n.style(style), sb);
        } else if (e instanceof Expr.Const c) {
            sb.append(c.numeral() ? c.text() : name(c.text()));
        } else if (e instanceof Expr.Op o) {
            sb.append(operator(o.symbol()));
        } else if (e instanceof Expr.Row r) {
            for (Expr item : r.items()) {
                write(item, sb);
            }
        } else if (e instanceof Expr.Frac f) {
            sb.append("\\frac{");
            write(f.numerator(), sb);
            sb.append("}{");
            write(f.denominator(), sb);
            sb.append('}');
        } else if (e instanceof Expr.Pow p) {
            sb.append('{');
            write(p.base(), sb);
            sb.append("}^{");
            write(p.exponent(), sb);
            sb.append('}');
        } else if (e instanceof Expr.Sqrt r) {
            sb.append("\\sqrt{");
            write(r.radicand(), sb);
            sb.append('}');
        } else if (e instanceof Expr.Paren p) {
            sb.append("\\left").append(fence(p.open()));
            write(p.inner(), sb);
            sb.append("\\right").append(fence(p.close()));
        } else if (e instanceof Expr.Fn f) {
            sb.append(function(f.name())).append("\\left(");
            for (int k = 0; k < f.args().size(); k++) {
                if (k > 0) {
                    sb.append(", ");
                }
                write(f.args().get(k), sb);
            }
            sb.append("\\right)");
        } else if (e instanceof Expr.Text t) {
            sb.append("\\text{").append(escapeText(t.text())).append('}');
        } else if (e instanceof Expr.Sum s) {
            sb.append("\\sum_{");
            write(s.under(), sb);
            sb.append("} ");
            write(s.body(), sb);
        } else if (e instanceof Expr.Matrix m) {
            sb.append("\\begin{bmatrix}");
            List<List<Expr>> rows = m.rows();
            for (int r = 0; r < rows.size(); r++) {
                if (r > 0) {
                    sb.append(" \\\\ ");
                }
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (c > 0) {
                        sb.append(" & ");
                    }
                    write(rows.get(r).get(c), sb);
                }
            }
            sb.append("\\end{bmatrix}");
        } else {
            throw new IllegalStateException("unknown expression " + e);
        }
    }

    private static void number(double value, NumberStyle style, StringBuilder sb) {
        NumberStyle.Written w = style.write(value);
        if (w.negative()) {
            sb.append('-');
        }
        sb.append(w.digits());
        if (w.scientific()) {
            sb.append(" \\times 10^{").append(w.exponent()).append('}');
        }
    }

    private static String name(String base) {
        return switch (base) {
            case "δ" -> "\\delta ";
            case "α" -> "\\alpha ";
            case "η" -> "\\eta ";
            case "μ" -> "\\mu ";
            case "ρ" -> "\\rho ";
            case "β" -> "\\beta ";
            case "ε" -> "\\varepsilon ";
            case "λ" -> "\\lambda ";
            case "θ" -> "\\theta ";
            case "m\u0302" -> "\\hat{m}";
            case "v\u0302" -> "\\hat{v}";
            case "σ" -> "\\sigma ";
            case "∂" -> "\\partial ";
            case "⋯" -> "\\cdots ";
            case "⋮" -> "\\vdots ";
            case "⋱" -> "\\ddots ";
            default -> base.length() > 1 ? "\\mathrm{" + escapeText(base) + "}" : base;
        };
    }

    private static String function(String name) {
        return switch (name) {
            case "σ" -> "\\sigma";
            case "tanh" -> "\\tanh";
            case "max" -> "\\max";
            case "ln" -> "\\ln";
            case "exp" -> "\\exp";
            case "σ′" -> "\\sigma'";
            case "tanh′" -> "\\tanh'";
            case "ReLU′" -> "\\operatorname{ReLU}'";
            case "f′" -> "f'";
            default -> "\\operatorname{" + escapeText(name) + "}";
        };
    }

    private static String script(String text) {
        if (Expr.word(text)) {
            return "\\text{" + text + "}";
        }
        return text.replace("′", "\\prime ").replace("⟨", "\\langle ").replace("⟩", "\\rangle ");
    }

    private static String operator(String symbol) {
        return switch (symbol) {
            case "·" -> " \\cdot ";
            case "−", "-" -> " - ";
            case "+" -> " + ";
            case "=" -> " = ";
            case "≈" -> " \\approx ";
            case "⊙" -> " \\odot ";
            case "×" -> " \\times ";
            case "→" -> " \\to ";
            case "←" -> " \\leftarrow ";
            case "∈" -> " \\in ";
            case "′" -> "'";
            case "," -> ", ";
            case "≤" -> " \\le ";
            case ">" -> " > ";
            default -> " " + symbol + " ";
        };
    }

    private static String fence(String f) {
        return switch (f) {
            case "{" -> "\\{";
            case "}" -> "\\}";
            default -> f;
        };
    }

    /**
     * Escapes the characters LaTeX treats specially in text, and writes the symbols the worked
     * solution uses in prose (δ, α, η, →, —, …, ⁽¹⁾) so that pdflatex with UTF-8 input takes them.
     */
    public static String escapeText(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case 'δ' -> sb.append("\\ensuremath{\\delta}");
                case 'α' -> sb.append("\\ensuremath{\\alpha}");
                case 'η' -> sb.append("\\ensuremath{\\eta}");
                case 'μ' -> sb.append("\\ensuremath{\\mu}");
                case 'ρ' -> sb.append("\\ensuremath{\\rho}");
                case 'β' -> sb.append("\\ensuremath{\\beta}");
                case 'ε' -> sb.append("\\ensuremath{\\varepsilon}");
                case 'λ' -> sb.append("\\ensuremath{\\lambda}");
                case 'θ' -> sb.append("\\ensuremath{\\theta}");
                case '√' -> sb.append("\\ensuremath{\\surd}");
                case '⟨' -> sb.append("\\ensuremath{\\langle}");
                case '⟩' -> sb.append("\\ensuremath{\\rangle}");
                case '\u0302' -> sb.append("\\^{}");
                case 'σ' -> sb.append("\\ensuremath{\\sigma}");
                case 'Σ' -> sb.append("\\ensuremath{\\Sigma}");
                case '∂' -> sb.append("\\ensuremath{\\partial}");
                case '→' -> sb.append("\\ensuremath{\\to}");
                case '≈' -> sb.append("\\ensuremath{\\approx}");
                case '⊙' -> sb.append("\\ensuremath{\\odot}");
                case '·' -> sb.append("\\ensuremath{\\cdot}");
                case '−' -> sb.append('-');
                case '—' -> sb.append("---");
                case '–' -> sb.append("--");
                case '…' -> sb.append("\\ldots{}");
                case '′' -> sb.append('\'');
                case '“' -> sb.append("``");
                case '”' -> sb.append("''");
                case '\\' -> sb.append("\\textbackslash{}");
                case '{', '}', '$', '&', '#', '_', '%' -> sb.append('\\').append(ch);
                case '^' -> sb.append("\\textasciicircum{}");
                case '~' -> sb.append("\\textasciitilde{}");
                default -> {
                    int sup = SUPERSCRIPTS.indexOf(ch);
                    int sub = SUBSCRIPTS.indexOf(ch);
                    if (sup >= 0) {
                        sb.append("\\textsuperscript{").append(SCRIPTED.charAt(sup)).append('}');
                    } else if (sub >= 0) {
                        sb.append("\\textsubscript{").append(SCRIPTED.charAt(sub)).append('}');
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }

    // Unicode superscripts and subscripts (the matrix notation's neuron names, a⁽¹⁾₂) and what they raise or lower.
    private static final String SCRIPTED = "0123456789+-=()T";
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵀ";
    private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎";
}
