package dev.backprop.engine.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.trace.Step;
import dev.backprop.engine.train.Solution;
import dev.backprop.engine.train.Solver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format writes every step it shows with the step's own value, formatted: the renderers
 * lay values out and never compute one. Checked for each problem, format and notation.
 */
class RenderedValuesTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (RenderCases.Case c : RenderCases.all()) {
            for (Format f : Format.values()) {
                for (Notation.Profile p : Notation.Profile.values()) {
                    out.add(Arguments.of(c, f, p));
                }
            }
        }
        return out.stream();
    }

    /** The value line of a step as the format writes it: "= 0.3775" in text, "&= 0.3775" in LaTeX. */
    static List<String> valueLines(Format format, NumberStyle style, double v) {
        NumberStyle.Written w = style.write(v);
        String number = format == Format.TEXT ? style.text(v)
                : (w.negative() ? "-" : "") + w.digits() + (w.scientific() ? " \\times 10^{" + w.exponent() + "}" : "");
        // In LaTeX a line ends the equation or, with \\, goes on to the next row.
        return format == Format.TEXT ? List.of(" = " + number + "\n", " ≈ " + number + "\n")
                : List.of("&= " + number + "\n", "&\\approx " + number + "\n", "&= " + number + " \\\\", "&\\approx " + number + " \\\\");
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("cases")
    void every_step_shown_ends_on_its_own_value(RenderCases.Case c, Format format, Notation.Profile profile) {
        Solution solution = Solver.solve(c.problem());
        RenderOptions options = c.options(profile);
        String out = solution.render(format, options);
        Worked w = Worked.of(c.problem(), solution, profile);
        Predicate<Step> shown = Selection.of(w, c.neuron(), null).filter();
        NumberStyle style = new NumberStyle(c.digits());
        int checked = 0;
        for (Step s : solution.firstUpdate().steps()) {
            if (!shown.test(s)) {
                continue;
            }
            List<String> lines = valueLines(format, style, s.value());
            assertTrue(lines.stream().anyMatch(out::contains), s.quantity().key() + " = " + s.value() + ": none of " + lines);
            checked++;
        }
        assertTrue(checked > 3, "steps were checked: " + checked);
        assertFalse(out.toLowerCase(Locale.ROOT).contains("hover"), "only a page can be hovered over");
    }
}
