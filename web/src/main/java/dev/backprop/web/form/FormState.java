package dev.backprop.web.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything typed into the problem form, kept as the user typed it (strings), so that a form sent
 * back with mistakes shows every value again. Field names are the contract's paths
 * ({@code layers[1].weights[0][1]}, {@code samples[0].target[0]}, {@code learningRate} …), so the
 * engine's error paths point straight at the inputs.
 *
 * <pre>{@code
 * FormState s = FormState.fromJson(ProblemJson.parse(json));
 * FormState.Converted c = s.toJson();   // the contract JSON, and the values that are not numbers
 * }</pre>
 */
public final class FormState {
    /** Beyond this many weights in a layer, the form takes them in one text box (a row per neuron) rather than a grid. */
    public static final int GRID_MAX = 64;
    /** The most layers the form lets one add (the engine's limit is checked when solving). */
    public static final int MAX_FORM_LAYERS = 10;
    /** Beyond this many sample values (samples × (inputs + targets)), the form takes the samples as one text. */
    public static final int SAMPLES_GRID_MAX = 256;
    /**
     * The most cells a grid of inputs is drawn with. A larger one, which only a hand-made request
     * can send or ask for, is read and drawn as text, so that no request makes millions of cells.
     */
    public static final int MAX_DRAWN_CELLS = 4096;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");
    private static final Pattern INDEXED = Pattern.compile("([a-zA-Z]+)\\[(\\d{1,4})](.*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,4})]");

    /** One layer as typed: its size, activation, weights (a grid, or one text for a big layer) and biases. */
    public static final class LayerRow {
        /** The size as typed. */
        public String size = "";
        /** The activation's name (dense layers). */
        public String activation = "sigmoid";
        /** weights[j][i] as typed (dense layers). */
        public List<List<String>> weights = new ArrayList<>();
        /** The weights as one text, a row per neuron, when the layer is too big for a grid; null for a grid. */
        public String weightsText;
        /** biases[j] as typed. */
        public List<String> biases = new ArrayList<>();
    }

    /** One sample as typed. */
    public static final class SampleRow {
        /** The input values. */
        public List<String> input = new ArrayList<>();
        /** The target values. */
        public List<String> target = new ArrayList<>();
    }

    /** One given value as typed: its quantity key ({@code a[1][0]}) and value. */
    public static final class GivenRow {
        /** The key. */
        public String key = "";
        /** The value. */
        public String value = "";
    }

    /** The layers, the input layer first. */
    public final List<LayerRow> layers = new ArrayList<>();
    /** The loss's name. */
    public String loss = "half-squared-error";
    /** α as typed. */
    public String learningRate = "0.5";
    /** The samples (when typed in a grid). */
    public final List<SampleRow> samples = new ArrayList<>();
    /**
     * The samples as one text, a line per sample with its inputs, a bar and its targets
     * ({@code 0 1 | 1}), when there are too many for a grid; null for a grid.
     */
    public String samplesText;
    /** Epochs as typed. */
    public String epochs = "1";
    /** Batch size as typed. */
    public String batchSize = "1";
    /** "true" or "false". */
    public String updateBiases = "true";
    /** "original" or "updated". */
    public String hiddenDeltaWeights = "original";
    /** "none", "decimals" or "significant". */
    public String roundingKind = "none";
    /** The rounding's digit count as typed. */
    public String roundingDigits = "4";
    /** Given values. */
    public final List<GivenRow> given = new ArrayList<>();
    /** The seed for weights left out (kept from a loaded problem), or "" for none. */
    public String seed = "";
    /**
     * The notation the form names things in and the worked page opens in ({@code seed},
     * {@code mazur}, {@code matrix}); not part of the problem, so not in its JSON.
     */
    public String notation = Notation.Profile.SEED.id();
    /**
     * The fields an edit has just filled in itself (a new neuron's weights), by path, so that the
     * form shows them as new; not kept past the next request.
     */
    public final java.util.Set<String> fresh = new java.util.HashSet<>();
    /** The optimizer's name: sgd, momentum, nesterov, rmsprop or adam. */
    public String optimizer = "sgd";
    /** μ as typed (momentum and Nesterov). */
    public String momentum = "0.9";
    /** ρ as typed (RMSprop's {@code alpha}). */
    public String rmspropAlpha = "0.99";
    /** ε as typed (RMSprop and Adam). */
    public String epsilon = "1e-8";
    /** β₁ as typed (Adam). */
    public String beta1 = "0.9";
    /** β₂ as typed (Adam). */
    public String beta2 = "0.999";
    /** λ, the weight decay, as typed (any optimizer; 0 for none). */
    public String weightDecay = "0";
    /** How many updates are worked step by step, as typed. */
    public String workedUpdates = "1";

    /** A form with nothing in it. */
    public FormState() {
    }

    /** The notation chosen, the seed's when the choice is not one of them. */
    public Notation.Profile profile() {
        return Notation.Profile.byId(notation).orElse(Notation.Profile.SEED);
    }

    /** The layer count. */
    public int depth() {
        return layers.size();
    }

    // ---------------------------------------------------------------- from the submitted form

    /**
     * The form as submitted: parameters named by contract paths. Grids take their shape from the
     * highest indices present; missing cells read as empty.
     */
    public static FormState fromParams(Map<String, List<String>> params) {
        FormState s = new FormState();
        s.loss = first(params, "loss", s.loss);
        s.learningRate = first(params, "learningRate", "");
        s.epochs = first(params, "epochs", "");
        s.batchSize = first(params, "batchSize", "");
        s.updateBiases = first(params, "updateBiases", "true");
        s.hiddenDeltaWeights = first(params, "hiddenDeltaWeights", "original");
        s.roundingKind = first(params, "rounding.kind", "none");
        s.roundingDigits = first(params, "rounding.digits", "");
        s.seed = first(params, "seed", "");
        s.notation = first(params, "notation", s.notation);
        s.optimizer = first(params, "optimizer.name", "sgd");
        s.momentum = first(params, "optimizer.momentum", s.momentum);
        s.rmspropAlpha = first(params, "optimizer.alpha", s.rmspropAlpha);
        s.epsilon = first(params, "optimizer.epsilon", s.epsilon);
        s.beta1 = first(params, "optimizer.beta1", s.beta1);
        s.beta2 = first(params, "optimizer.beta2", s.beta2);
        s.weightDecay = first(params, "optimizer.weightDecay", s.weightDecay);
        s.workedUpdates = first(params, "workedUpdates", "1");
        List<String> text = params.get("samples");
        if (text != null && !text.isEmpty()) {
            s.samplesText = text.get(0);
        }
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String value = e.getValue().isEmpty() ? "" : e.getValue().get(0);
            Matcher m = INDEXED.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            int k = Integer.parseInt(m.group(2));
            String rest = m.group(3);
            switch (m.group(1)) {
                case "layers" -> s.putLayer(k, rest, value);
                case "samples" -> s.putSample(k, rest, value);
                case "given" -> s.putGiven(k, rest, value);
                default -> {
                    // not a field of the form
                }
            }
        }
        s.useTextForOversizedGrids();
        return s;
    }

    /**
     * Grids larger than a page draws are read as text: a far index (samples[9999].input[255]) pads a
     * grid with empty cells, each a mistake, while the text keeps only the values sent.
     */
    private void useTextForOversizedGrids() {
        for (LayerRow row : layers) {
            if (row.weightsText == null && (long) row.weights.size() * widest(row.weights) > MAX_DRAWN_CELLS) {
                row.weightsText = weightLines(row.weights);
                row.weights = new ArrayList<>();
            }
        }
        List<List<String>> inputs = new ArrayList<>();
        List<List<String>> targets = new ArrayList<>();
        for (SampleRow r : samples) {
            inputs.add(r.input);
            targets.add(r.target);
        }
        if (samplesText == null && (long) samples.size() * (widest(inputs) + widest(targets) + 1) > MAX_DRAWN_CELLS) {
            samplesText = sampleLines(samples);
            samples.clear();
        }
    }

    private static int widest(List<List<String>> rows) {
        int widest = 0;
        for (List<String> r : rows) {
            widest = Math.max(widest, r.size());
        }
        return widest;
    }

    private static String first(Map<String, List<String>> params, String name, String fallback) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(0);
    }

    private LayerRow layer(int l) {
        while (layers.size() <= l) {
            LayerRow row = new LayerRow();
            if (layers.size() == 0) {
                row.activation = "";
            }
            layers.add(row);
        }
        return layers.get(l);
    }

    private void putLayer(int l, String rest, String value) {
        if (l >= MAX_FORM_LAYERS) {
            return;
        }
        LayerRow row = layer(l);
        List<Integer> idx = indices(rest);
        if (rest.equals(".size")) {
            row.size = value;
        } else if (rest.equals(".activation")) {
            row.activation = value;
        } else if (rest.equals(".weights")) {
            row.weightsText = value;
        } else if (rest.startsWith(".weights[") && idx.size() == 2 && idx.get(0) < FormEdits.MAX_FORM_NEURONS) {
            set(cell(row.weights, idx.get(0)), idx.get(1), value);
        } else if (rest.startsWith(".biases[") && idx.size() == 1) {
            set(row.biases, idx.get(0), value);
        }
    }

    private void putSample(int s, String rest, String value) {
        if (s >= 10_000) {
            return;
        }
        while (samples.size() <= s) {
            samples.add(new SampleRow());
        }
        List<Integer> idx = indices(rest);
        if (idx.size() != 1) {
            return;
        }
        if (rest.startsWith(".input[")) {
            set(samples.get(s).input, idx.get(0), value);
        } else if (rest.startsWith(".target[")) {
            set(samples.get(s).target, idx.get(0), value);
        }
    }

    private void putGiven(int k, String rest, String value) {
        if (k >= 1000) {
            return;
        }
        while (given.size() <= k) {
            given.add(new GivenRow());
        }
        if (rest.equals(".key")) {
            given.get(k).key = value;
        } else if (rest.equals(".value")) {
            given.get(k).value = value;
        }
    }

    private static List<Integer> indices(String rest) {
        List<Integer> out = new ArrayList<>();
        Matcher m = INDEX.matcher(rest);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private static List<String> cell(List<List<String>> grid, int j) {
        while (grid.size() <= j) {
            grid.add(new ArrayList<>());
        }
        return grid.get(j);
    }

    private static void set(List<String> list, int i, String value) {
        if (i >= FormEdits.MAX_FORM_NEURONS) {
            return;
        }
        while (list.size() <= i) {
            list.add("");
        }
        list.set(i, value);
    }

    // ---------------------------------------------------------------- from a problem's JSON

    /** The form filled from a problem in the contract's JSON form, read leniently (whatever is there is shown). */
    public static FormState fromJson(JsonNode root) {
        FormState s = new FormState();
        if (root == null || !root.isObject()) {
            return s;
        }
        JsonNode layers = root.path("layers");
        if (layers.isArray()) {
            for (int l = 0; l < Math.min(layers.size(), MAX_FORM_LAYERS); l++) {
                JsonNode lo = layers.get(l);
                LayerRow row = s.layer(l);
                row.size = text(lo.path("size"));
                if (l == 0) {
                    continue;
                }
                row.activation = text(lo.path("activation"));
                JsonNode w = lo.path("weights");
                if (w.isArray()) {
                    for (int j = 0; j < w.size(); j++) {
                        List<String> r = cell(row.weights, j);
                        JsonNode wr = w.get(j);
                        if (wr.isArray()) {
                            for (int i = 0; i < wr.size(); i++) {
                                r.add(text(wr.get(i)));
                            }
                        }
                    }
                }
                JsonNode b = lo.path("biases");
                if (b.isArray()) {
                    for (JsonNode v : b) {
                        row.biases.add(text(v));
                    }
                }
            }
        }
        s.loss = root.has("loss") ? text(root.get("loss")) : s.loss;
        s.learningRate = text(root.path("learningRate"));
        JsonNode samples = root.path("samples");
        if (samples.isArray()) {
            for (JsonNode so : samples) {
                SampleRow row = new SampleRow();
                for (JsonNode v : so.path("input")) {
                    row.input.add(text(v));
                }
                for (JsonNode v : so.path("target")) {
                    row.target.add(text(v));
                }
                s.samples.add(row);
            }
        }
        s.epochs = root.has("epochs") ? text(root.get("epochs")) : "1";
        s.batchSize = root.has("batchSize") ? text(root.get("batchSize")) : "1";
        s.updateBiases = root.has("updateBiases") ? text(root.get("updateBiases")) : "true";
        s.hiddenDeltaWeights = root.has("hiddenDeltaWeights") ? text(root.get("hiddenDeltaWeights")) : "original";
        JsonNode r = root.path("rounding");
        if (r.has("decimals")) {
            s.roundingKind = "decimals";
            s.roundingDigits = text(r.get("decimals"));
        } else if (r.has("significant")) {
            s.roundingKind = "significant";
            s.roundingDigits = text(r.get("significant"));
        }
        JsonNode g = root.path("given");
        if (g.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = g.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                GivenRow row = new GivenRow();
                row.key = e.getKey();
                row.value = text(e.getValue());
                s.given.add(row);
            }
        }
        s.seed = root.has("seed") ? text(root.get("seed")) : "";
        JsonNode o = root.path("optimizer");
        if (o.isObject()) {
            s.optimizer = o.has("name") ? text(o.get("name")) : "";
            s.momentum = o.has("momentum") ? text(o.get("momentum")) : s.momentum;
            s.rmspropAlpha = o.has("alpha") ? text(o.get("alpha")) : s.rmspropAlpha;
            s.epsilon = o.has("epsilon") ? text(o.get("epsilon")) : s.epsilon;
            s.beta1 = o.has("beta1") ? text(o.get("beta1")) : s.beta1;
            s.beta2 = o.has("beta2") ? text(o.get("beta2")) : s.beta2;
            s.weightDecay = o.has("weightDecay") ? text(o.get("weightDecay")) : s.weightDecay;
        }
        s.workedUpdates = root.has("workedUpdates") ? text(root.get("workedUpdates")) : "1";
        s.fillMissingWeights();
        s.useTextForBigLayers();
        s.useTextForManySamples();
        return s;
    }

    /** A JSON value as the user would type it: numbers in plain decimals, text as is. */
    static String text(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "";
        }
        if (v.isNumber()) {
            if (v.isIntegralNumber()) {
                return v.bigIntegerValue().toString();
            }
            double d = v.doubleValue();
            return Double.isFinite(d) ? NumberStyle.exact(d) : Double.toString(d);
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        return v.toString();
    }

    /** Layers loaded without weights (drawn at random by the engine) get their grid sized, and empty. */
    private void fillMissingWeights() {
        for (int l = 1; l < layers.size(); l++) {
            LayerRow row = layers.get(l);
            int rows = parseCount(row.size);
            int cols = parseCount(layers.get(l - 1).size);
            if (row.biases.isEmpty() && rows > 0 && rows <= 100_000) {
                for (int j = 0; j < rows; j++) {
                    row.biases.add("");
                }
            }
            if (row.weights.isEmpty() && rows > 0 && cols > 0 && (long) rows * cols <= 100_000) {
                for (int j = 0; j < rows; j++) {
                    List<String> r = cell(row.weights, j);
                    for (int i = 0; i < cols; i++) {
                        r.add("");
                    }
                }
            }
        }
    }

    /** Layers with more weights than a grid shows take them as one text, a row per neuron. */
    void useTextForBigLayers() {
        for (int l = 1; l < layers.size(); l++) {
            LayerRow row = layers.get(l);
            int cells = 0;
            for (List<String> r : row.weights) {
                cells += r.size();
            }
            if (row.weightsText == null && cells > GRID_MAX) {
                row.weightsText = weightLines(row.weights);
                row.weights = new ArrayList<>();
            }
        }
    }

    /** Many samples are typed as one text, a line per sample. */
    void useTextForManySamples() {
        int cells = 0;
        for (SampleRow r : samples) {
            cells += r.input.size() + r.target.size();
        }
        if (samplesText == null && cells > SAMPLES_GRID_MAX) {
            samplesText = sampleLines(samples);
            samples.clear();
        }
    }

    /** A weight grid as text: a line per neuron, its weights separated by spaces (empty cells, which text cannot hold, left out). */
    public static String weightLines(List<List<String>> weights) {
        StringBuilder sb = new StringBuilder();
        for (List<String> r : weights) {
            sb.append(words(r)).append('\n');
        }
        return sb.toString();
    }

    /** Samples as text: a line per sample, the inputs, a bar, the targets (empty cells left out). */
    public static String sampleLines(List<SampleRow> samples) {
        StringBuilder sb = new StringBuilder();
        for (SampleRow r : samples) {
            sb.append(words(r.input)).append(" | ").append(words(r.target)).append('\n');
        }
        return sb.toString();
    }

    /** Values separated by single spaces; a text splits at any run of spaces, so an empty value would only add spaces. */
    private static String words(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (!v.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(v);
            }
        }
        return sb.toString();
    }

    /** The samples, from their grid or their text. */
    public List<SampleRow> sampleRows() {
        if (samplesText == null) {
            return samples;
        }
        List<SampleRow> rows = new ArrayList<>();
        for (String line : samplesText.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int bar = line.indexOf('|');
            SampleRow row = new SampleRow();
            row.input.addAll(values(bar < 0 ? line : line.substring(0, bar)));
            if (bar >= 0) {
                row.target.addAll(values(line.substring(bar + 1)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> values(String text) {
        List<String> out = new ArrayList<>();
        for (String v : text.trim().split("[\\s,;]+")) {
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    /** A typed count, or −1 when it is not a whole number. */
    public static int parseCount(String s) {
        String t = s == null ? "" : s.trim();
        return INTEGER.matcher(t).matches() ? Integer.parseInt(t.startsWith("+") ? t.substring(1) : t) : -1;
    }

    /** The weights of a dense layer as rows of strings, from its grid or its text. */
    public List<List<String>> weightRows(int l) {
        LayerRow row = layers.get(l);
        if (row.weightsText == null) {
            return row.weights;
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : row.weightsText.split("\\R")) {
            String t = line.trim();
            if (t.isEmpty()) {
                continue;
            }
            List<String> r = new ArrayList<>();
            for (String v : t.split("[\\s,;]+")) {
                if (!v.isEmpty()) {
                    r.add(v);
                }
            }
            rows.add(r);
        }
        return rows;
    }

    // ---------------------------------------------------------------- to the contract's JSON

    /**
     * The form as a problem in the contract's form, with the values that are not numbers listed
     * (each at its field); such values are passed on as text, so the engine's checks of everything
     * else still run.
     *
     * @param json   the problem
     * @param errors values that are not numbers or whole numbers
     */
    public record Converted(ObjectNode json, List<FieldError> errors) {
    }

    /** Converts the form to the contract's JSON. */
    public Converted toJson() {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode o = NODES.objectNode();
        ArrayNode ls = o.putArray("layers");
        for (int l = 0; l < layers.size(); l++) {
            LayerRow row = layers.get(l);
            String path = "layers[" + l + "]";
            ObjectNode lo = ls.addObject();
            lo.set("size", whole(row.size, path + ".size", errors));
            if (l == 0) {
                continue;
            }
            lo.put("activation", row.activation.trim());
            ArrayNode w = lo.putArray("weights");
            List<List<String>> rows = weightRows(l);
            boolean anyTyped = false;
            for (int j = 0; j < rows.size(); j++) {
                ArrayNode wr = w.addArray();
                for (int i = 0; i < rows.get(j).size(); i++) {
                    String v = rows.get(j).get(i);
                    anyTyped |= !v.isBlank();
                    wr.add(number(v, path + ".weights[" + j + "][" + i + "]", errors));
                }
            }
            if (!anyTyped && !rows.isEmpty() && row.weightsText == null && allBlank(row.weights)) {
                // An empty grid means "draw the weights at random", as the contract allows.
                lo.remove("weights");
                errors.removeIf(e -> e.field().startsWith(path + ".weights"));
            }
            ArrayNode b = lo.putArray("biases");
            for (int j = 0; j < row.biases.size(); j++) {
                b.add(number(row.biases.get(j), path + ".biases[" + j + "]", errors));
            }
            if (!row.biases.isEmpty() && row.biases.stream().allMatch(String::isBlank)) {
                // Empty biases are 0, as the contract's default.
                lo.remove("biases");
                errors.removeIf(e -> e.field().startsWith(path + ".biases"));
            }
        }
        o.put("loss", loss.trim());
        o.set("learningRate", number(learningRate, "learningRate", errors));
        ArrayNode ss = o.putArray("samples");
        List<SampleRow> sampleRows = sampleRows();
        for (int s = 0; s < sampleRows.size(); s++) {
            SampleRow row = sampleRows.get(s);
            ObjectNode so = ss.addObject();
            ArrayNode in = so.putArray("input");
            for (int i = 0; i < row.input.size(); i++) {
                in.add(number(row.input.get(i), "samples[" + s + "].input[" + i + "]", errors));
            }
            ArrayNode tg = so.putArray("target");
            for (int j = 0; j < row.target.size(); j++) {
                tg.add(number(row.target.get(j), "samples[" + s + "].target[" + j + "]", errors));
            }
        }
        o.set("epochs", whole(epochs, "epochs", errors));
        o.set("batchSize", whole(batchSize, "batchSize", errors));
        o.put("updateBiases", !"false".equals(updateBiases));
        o.put("hiddenDeltaWeights", hiddenDeltaWeights.trim());
        if (roundingKind.equals("decimals") || roundingKind.equals("significant")) {
            o.putObject("rounding").set(roundingKind, whole(roundingDigits, "rounding." + roundingKind, errors));
        }
        if (!given.isEmpty()) {
            ObjectNode g = o.putObject("given");
            for (GivenRow row : given) {
                String key = row.key.trim();
                if (key.isEmpty()) {
                    continue;
                }
                g.set(key, number(row.value, "given." + key, errors));
            }
        }
        String seedText = seed.trim();
        if (!seedText.isEmpty()) {
            o.set("seed", whole(seedText, "seed", errors));
        }
        // The optimizer's own settings only (the others stay in the form, unread); plain gradient
        // descent without weight decay, the default, is left out as the contract's form leaves it.
        String name = optimizer.trim();
        boolean decay = !weightDecay.isBlank() && !isZero(weightDecay);
        if (!name.equals("sgd") || decay) {
            ObjectNode opt = o.putObject("optimizer");
            opt.put("name", name);
            switch (name) {
                case "momentum", "nesterov" -> opt.set("momentum", number(momentum, "optimizer.momentum", errors));
                case "rmsprop" -> {
                    opt.set("alpha", number(rmspropAlpha, "optimizer.alpha", errors));
                    opt.set("epsilon", number(epsilon, "optimizer.epsilon", errors));
                }
                case "adam" -> {
                    opt.set("beta1", number(beta1, "optimizer.beta1", errors));
                    opt.set("beta2", number(beta2, "optimizer.beta2", errors));
                    opt.set("epsilon", number(epsilon, "optimizer.epsilon", errors));
                }
                default -> {
                    // an unknown name: the reader says so at optimizer.name
                }
            }
            if (decay) {
                opt.set("weightDecay", number(weightDecay, "optimizer.weightDecay", errors));
            }
        }
        if (!workedUpdates.trim().equals("1")) {
            o.set("workedUpdates", whole(workedUpdates, "workedUpdates", errors));
        }
        return new Converted(o, errors);
    }

    /** Whether a typed number is 0 (0, 0.0, -0 …): no weight decay. */
    private static boolean isZero(String typed) {
        String t = normalise(typed);
        return NUMBER.matcher(t).matches() && new BigDecimal(t.startsWith("+") ? t.substring(1) : t).signum() == 0;
    }

    private static boolean allBlank(List<List<String>> grid) {
        for (List<String> r : grid) {
            for (String v : r) {
                if (!v.isBlank()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A typed number as a JSON number; otherwise the text itself, with an error at its field. */
    static JsonNode number(String typed, String path, List<FieldError> errors) {
        String t = normalise(typed);
        if (t.isEmpty()) {
            errors.add(new FieldError(path, "is empty; type a number"));
            return NODES.textNode(typed);
        }
        if (!NUMBER.matcher(t).matches()) {
            errors.add(new FieldError(path, "“" + shorten(typed) + "” is not a number"));
            return NODES.textNode(typed);
        }
        BigDecimal d = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
        return NODES.numberNode(d.doubleValue());
    }

    /** A typed whole number as a JSON integer; otherwise the text, with an error at its field. */
    static JsonNode whole(String typed, String path, List<FieldError> errors) {
        String t = normalise(typed);
        if (t.isEmpty()) {
            errors.add(new FieldError(path, "is empty; type a whole number"));
            return NODES.textNode(typed);
        }
        if (!INTEGER.matcher(t).matches()) {
            errors.add(new FieldError(path, "“" + shorten(typed) + "” is not a whole number"));
            return NODES.textNode(typed);
        }
        return NODES.numberNode(Long.parseLong(t.startsWith("+") ? t.substring(1) : t));
    }

    /** Trims and accepts the true minus sign (−) people paste from documents. */
    private static String normalise(String typed) {
        return typed == null ? "" : typed.trim().replace('−', '-');
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
