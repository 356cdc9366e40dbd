package dev.backprop.web.form;

import dev.backprop.engine.render.Notation;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.train.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The form's structural buttons, applied on the server (the form works without JavaScript): add or
 * remove a hidden layer, a neuron, a sample or a given value, or apply the sizes typed in. Weight
 * grids are kept in shape with their neighbours; new weights get small fixed values (the same each
 * time, so a page is reproducible), new biases and sample values 0.
 *
 * <pre>{@code
 * String notice = FormEdits.apply(state, "add-neuron:1");   // "Layer 1 now has 3 neurons."
 * }</pre>
 */
public final class FormEdits {
    /** The largest layer the form's buttons and sizes make (bigger networks can be loaded as JSON). */
    public static final int MAX_FORM_NEURONS = 256;
    /**
     * The most sample values an edit writes when it fits the samples to new layer sizes (a problem
     * sent to the server has at most a megabyte, some 250,000 numbers); beyond it the samples are
     * left as typed and the notice says so.
     */
    static final long MAX_SAMPLE_VALUES = 250_000;

    private FormEdits() {
    }

    /** Whether the action is one of the form's edits (rather than solving). */
    public static boolean isEdit(String action) {
        return action != null && action.matches(
                "notation|add-layer|resize|add-sample|add-given|(remove-layer|add-neuron|remove-neuron|remove-sample|remove-given):\\d{1,4}");
    }

    /** Applies an edit to the form and says what changed. */
    public static String apply(FormState s, String action) {
        toGrids(s);
        String[] parts = action.split(":");
        int k = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        List<Integer> sizesBefore = sizes(s);
        String notice = switch (parts[0]) {
            case "notation" -> "The form now names everything in " + s.profile().title() + " notation; solving opens the "
                    + "worked page in it too.";
            case "add-layer" -> addLayer(s);
            case "remove-layer" -> removeLayer(s, k);
            case "add-neuron" -> resizeLayer(s, k, +1);
            case "remove-neuron" -> resizeLayer(s, k, -1);
            case "resize" -> applySizes(s);
            case "add-sample" -> addSample(s);
            case "remove-sample" -> removeSample(s, k);
            case "add-given" -> addGiven(s);
            case "remove-given" -> removeGiven(s, k);
            default -> "";
        };
        notice = (notice + renamed(s, sizesBefore)).trim();
        long values = fittedSampleValues(s);
        if (values > MAX_SAMPLE_VALUES && !samplesFit(s)) {
            notice = (notice + " The samples are left as typed: fitting all " + s.samples.size() + " of them to these sizes"
                    + " would write " + String.format(Locale.ROOT, "%,d", values) + " values. Edit them in the samples box.").trim();
        }
        s.useTextForBigLayers();
        s.useTextForManySamples();
        return notice;
    }

    private static String addLayer(FormState s) {
        if (s.depth() < 2) {
            return "The form needs an input layer and an output layer first.";
        }
        if (s.depth() >= FormState.MAX_FORM_LAYERS) {
            return "A network has at most " + FormState.MAX_FORM_LAYERS + " layers.";
        }
        List<Integer> before = sizes(s);
        List<Integer> after = new ArrayList<>(before);
        after.add(s.depth() - 1, 2);
        String refusal = tooManyParameters(before, after);
        if (refusal != null) {
            return refusal;
        }
        FormState.LayerRow row = new FormState.LayerRow();
        row.size = "2";
        row.activation = "sigmoid";
        int at = s.depth() - 1;
        s.layers.add(at, row);
        reshape(s);
        return "Added hidden layer " + at + " with 2 sigmoid neurons, just below the output layer.";
    }

    private static String removeLayer(FormState s, int l) {
        if (l < 1 || l >= s.depth() - 1) {
            return "Only hidden layers can be removed.";
        }
        s.layers.remove(l);
        reshape(s);
        return "Removed hidden layer " + l + ".";
    }

    private static String resizeLayer(FormState s, int l, int by) {
        if (l < 0 || l >= s.depth()) {
            return "";
        }
        int size = Math.max(1, FormState.parseCount(s.layers.get(l).size));
        int next = Math.max(1, Math.min(MAX_FORM_NEURONS, size + by));
        List<Integer> before = sizes(s);
        List<Integer> after = new ArrayList<>(before);
        after.set(l, next);
        String refusal = tooManyParameters(before, after);
        if (refusal != null) {
            return refusal;
        }
        s.layers.get(l).size = Integer.toString(next);
        reshape(s);
        String notice = "Layer " + l + " now has " + next + (next == 1 ? " neuron." : " neurons.");
        if (by > 0 && next > size) {
            Notation n = Notation.of(s.profile(), positive(sizes(s)));
            String added = n.neuron(l, next - 1);
            List<String> into = new ArrayList<>();
            if (l > 0) {
                into.add("its weights from " + n.range(l - 1) + " and its bias");
            }
            if (l + 1 < s.depth()) {
                into.add("its weights into " + n.range(l + 1));
            }
            notice += " " + added + " is new" + (into.isEmpty() ? "." : ": " + String.join(" and ", into)
                    + " are filled with small fixed values, marked “new” below; change them as you like.")
                    + " The values you typed are kept where they were.";
        } else if (by < 0 && next < size) {
            notice += " The last neuron was removed, with its weights and bias.";
        }
        return notice;
    }

    private static String applySizes(FormState s) {
        List<String> bad = new ArrayList<>();
        for (int l = 0; l < s.depth(); l++) {
            int size = FormState.parseCount(s.layers.get(l).size);
            if (size < 1 || size > MAX_FORM_NEURONS) {
                bad.add(Integer.toString(l));
            }
        }
        if (!bad.isEmpty()) {
            return "Sizes are whole numbers from 1 to " + MAX_FORM_NEURONS + ": check layer" + (bad.size() == 1 ? " " : "s ")
                    + String.join(", ", bad) + ".";
        }
        String refusal = tooManyParameters(drawnSizes(s), sizes(s));
        if (refusal != null) {
            return refusal;
        }
        reshape(s);
        return fittedSampleValues(s) > MAX_SAMPLE_VALUES && !samplesFit(s)
                ? "Applied the sizes: the weight grids and biases now fit them."
                : "Applied the sizes: the weight grids, biases and samples now fit them.";
    }

    /**
     * What an edit did to the names: in the seed's and Mazur's notations neurons and weights are
     * numbered through the network, so a neuron added or removed renumbers those after it. Says
     * so with one weight as the example, or "" when nothing was renamed.
     */
    private static String renamed(FormState s, List<Integer> before) {
        List<Integer> after = sizes(s);
        if (before.equals(after) || before.size() != after.size() || before.contains(0) || after.contains(0)) {
            return "";
        }
        Notation was = Notation.of(s.profile(), positive(before));
        Notation now = Notation.of(s.profile(), positive(after));
        int moved = 0;
        String example = "";
        for (int l = 1; l < after.size(); l++) {
            for (int j = 0; j < Math.min(before.get(l), after.get(l)); j++) {
                for (int i = 0; i < Math.min(before.get(l - 1), after.get(l - 1)); i++) {
                    String old = was.text(Quantity.wOld(l, j, i));
                    String neu = now.text(Quantity.wOld(l, j, i));
                    if (!old.equals(neu)) {
                        if (moved++ == 0) {
                            example = "the weight from " + now.neuron(l - 1, i) + " into " + now.neuron(l, j) + ", " + old
                                    + " before, is now " + neu;
                        }
                    }
                }
            }
        }
        return moved == 0 ? "" : " The numbering moves on with it: " + example
                + (moved > 1 ? " (and " + (moved - 1) + " more weight" + (moved == 2 ? "" : "s") + " likewise)." : ".");
    }

    private static int[] positive(List<Integer> sizes) {
        int[] out = new int[sizes.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.max(1, sizes.get(k));
        }
        return out;
    }

    // The layer sizes as typed (0 where a size is not a whole number).
    private static List<Integer> sizes(FormState s) {
        List<Integer> sizes = new ArrayList<>();
        for (FormState.LayerRow row : s.layers) {
            sizes.add(Math.max(0, FormState.parseCount(row.size)));
        }
        return sizes;
    }

    // The layer sizes the weight grids have now (before typed sizes are applied).
    private static List<Integer> drawnSizes(FormState s) {
        List<Integer> sizes = new ArrayList<>();
        // the inputs are as many as the first layer's rows are long
        List<List<String>> first = s.depth() > 1 ? s.layers.get(1).weights : List.of();
        sizes.add(first.isEmpty() ? 0 : first.get(0).size());
        for (int l = 1; l < s.depth(); l++) {
            sizes.add(s.layers.get(l).weights.size());
        }
        return sizes;
    }

    // Each layer has (neurons below + 1) × neurons weights and biases.
    private static long parameters(List<Integer> sizes) {
        long count = 0;
        for (int l = 1; l < sizes.size(); l++) {
            count += (sizes.get(l - 1) + 1L) * sizes.get(l);
        }
        return count;
    }

    // Why an edit to these sizes is refused, or null: a network the server would not solve is not
    // drawn (its grids would make a page of megabytes). An edit that shrinks a network too big
    // already, say one loaded as JSON, is let through.
    private static @Nullable String tooManyParameters(List<Integer> before, List<Integer> after) {
        long count = parameters(after);
        if (count <= Limits.MAX_PARAMETERS || count <= parameters(before)) {
            return null;
        }
        return "Not changed: those sizes make " + String.format(Locale.ROOT, "%,d", count) + " weights and biases, and a problem"
                + " has at most " + String.format(Locale.ROOT, "%,d", Limits.MAX_PARAMETERS) + ".";
    }

    private static String addSample(FormState s) {
        if (s.samples.size() >= Limits.MAX_SAMPLES) {
            return "A problem has at most " + Limits.MAX_SAMPLES + " samples.";
        }
        s.samples.add(new FormState.SampleRow());
        reshape(s);
        return "Added sample " + s.samples.size() + ".";
    }

    private static String removeSample(FormState s, int k) {
        if (k < 0 || k >= s.samples.size() || s.samples.size() == 1) {
            return "A problem needs at least one sample.";
        }
        s.samples.remove(k);
        return "Removed sample " + (k + 1) + ".";
    }

    private static String addGiven(FormState s) {
        FormState.GivenRow row = new FormState.GivenRow();
        int out = s.depth() - 1;
        row.key = out >= 1 ? "a[" + out + "][0]" : "a[1][0]";
        s.given.add(row);
        return "Added a given value: choose the quantity and type its value.";
    }

    private static String removeGiven(FormState s, int k) {
        if (k < 0 || k >= s.given.size()) {
            return "";
        }
        s.given.remove(k);
        return "Removed the given value.";
    }

    /** Turns weight and sample texts back into grids, so edits can reshape them. */
    private static void toGrids(FormState s) {
        if (s.samplesText != null) {
            List<FormState.SampleRow> rows = new ArrayList<>(s.sampleRows());
            s.samplesText = null;
            s.samples.clear();
            s.samples.addAll(rows);
        }
        for (int l = 1; l < s.depth(); l++) {
            FormState.LayerRow row = s.layers.get(l);
            if (row.weightsText != null) {
                row.weights = new ArrayList<>(s.weightRows(l));
                row.weightsText = null;
            }
        }
    }

    /** Makes every grid, bias list and sample fit the layer sizes (invalid sizes are left alone). */
    static void reshape(FormState s) {
        int depth = s.depth();
        for (int l = 1; l < depth; l++) {
            int rows = FormState.parseCount(s.layers.get(l).size);
            int cols = FormState.parseCount(s.layers.get(l - 1).size);
            if (rows < 1 || cols < 1 || rows > MAX_FORM_NEURONS || cols > MAX_FORM_NEURONS) {
                continue;
            }
            FormState.LayerRow row = s.layers.get(l);
            List<List<String>> grid = row.weights;
            while (grid.size() > rows) {
                grid.remove(grid.size() - 1);
            }
            for (int j = 0; j < rows; j++) {
                if (grid.size() <= j) {
                    grid.add(new ArrayList<>());
                }
                List<String> r = grid.get(j);
                while (r.size() > cols) {
                    r.remove(r.size() - 1);
                }
                for (int i = r.size(); i < cols; i++) {
                    r.add(defaultWeight(l, j, i));
                    s.fresh.add("layers[" + l + "].weights[" + j + "][" + i + "]");
                }
            }
            while (row.biases.size() > rows) {
                row.biases.remove(row.biases.size() - 1);
            }
            while (row.biases.size() < rows) {
                s.fresh.add("layers[" + l + "].biases[" + row.biases.size() + "]");
                row.biases.add("0");
            }
        }
        if (fittedSampleValues(s) > MAX_SAMPLE_VALUES) {
            return;
        }
        int in = depth > 0 ? FormState.parseCount(s.layers.get(0).size) : -1;
        int out = depth > 1 ? FormState.parseCount(s.layers.get(depth - 1).size) : -1;
        for (int k = 0; k < s.samples.size(); k++) {
            FormState.SampleRow sample = s.samples.get(k);
            fit(sample.input, in, "samples[" + k + "].input", s);
            fit(sample.target, out, "samples[" + k + "].target", s);
        }
    }

    /** How many values the samples have once fitted to the input and output layers' sizes (as far as those are valid). */
    private static long fittedSampleValues(FormState s) {
        int depth = s.depth();
        long width = 0;
        for (int l : new int[] {0, depth - 1}) {
            int size = l >= 0 && depth > 1 ? FormState.parseCount(s.layers.get(l).size) : -1;
            width += size >= 1 && size <= MAX_FORM_NEURONS ? size : 0;
        }
        return s.samples.size() * width;
    }

    /** Whether every sample already has as many inputs and targets as the input and output layers have neurons. */
    private static boolean samplesFit(FormState s) {
        int depth = s.depth();
        if (depth < 2) {
            return true;
        }
        int in = FormState.parseCount(s.layers.get(0).size);
        int out = FormState.parseCount(s.layers.get(depth - 1).size);
        for (FormState.SampleRow sample : s.samples) {
            if (sample.input.size() != in || sample.target.size() != out) {
                return false;
            }
        }
        return true;
    }

    private static void fit(List<String> values, int size, String path, FormState s) {
        if (size < 1 || size > MAX_FORM_NEURONS) {
            return;
        }
        while (values.size() > size) {
            values.remove(values.size() - 1);
        }
        while (values.size() < size) {
            s.fresh.add(path + "[" + values.size() + "]");
            values.add("0");
        }
    }

    /** A new weight's starting value: small, fixed by its position, two decimals, never 0. */
    static String defaultWeight(int l, int j, int i) {
        // SplittableRandom mixes its seed well, so neighbouring positions get unrelated values.
        SplittableRandom r = new SplittableRandom(1_000_003L * l + 7_919L * j + i);
        double v = Math.round((r.nextDouble() - 0.5) * 100) / 100.0;
        if (v == 0) {
            v = 0.1;
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
