package dev.backprop.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Optimizer;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.nn.Rounding;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.train.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes a problem in the contract's JSON form (§1), refusing a bad one with every
 * mistake found, each named by its field path ({@code layers[2].weights},
 * {@code samples[0].target}, {@code given.a[1][0]} …).
 *
 * <pre>{@code
 * Problem p = ProblemJson.read("{\"layers\": [{\"size\": 2}, ...], \"learningRate\": 0.5, ...}");
 * String json = ProblemJson.toJson(p);   // reads back to an equal problem
 * }</pre>
 *
 * <p>Beyond the contract: unknown fields are refused (a misspelt {@code learningrate} would
 * otherwise be silently replaced by a default), naming the closest known field. A dense layer may
 * leave out {@code weights} (then drawn Xavier-uniform from the top-level {@code seed}, default 1,
 * exactly as {@code Network.builder().dense(size, activation).seed(seed)} does) and
 * {@code biases} (then 0). {@code NaN} and {@code Infinity} are read, then refused at their field.
 * Problems beyond {@link Limits} are refused too, and sizes are checked before anything is
 * allocated for them.
 */
public final class ProblemJson {
    /** The field named by errors about the body as a whole (not valid JSON, empty, not an object). */
    public static final String BODY = "(body)";

    /** Deep enough for any problem (a weight sits 4 levels down), shallow enough to stop hostile nesting. */
    static final int MAX_NESTING = 32;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxNumberLength(400)
                            .maxStringLength(100_000)
                            .build())
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final List<String> FIELDS = List.of("layers", "loss", "learningRate", "samples", "epochs",
            "batchSize", "updateBiases", "hiddenDeltaWeights", "rounding", "given", "seed", "optimizer", "workedUpdates");
    /** Every field any optimizer has; each rule reads {@code name}, {@code weightDecay} and its own. */
    private static final List<String> OPTIMIZER_FIELDS = List.of("name", "momentum", "alpha", "epsilon", "beta1",
            "beta2", "weightDecay");
    /** PyTorch's names for the optimizer's settings, and what they are here. */
    private static final Map<String, String> PYTORCH_NAMES = Map.of(
            "eps", "is PyTorch's name; here it is \"epsilon\"",
            "weight_decay", "is PyTorch's name; here it is \"weightDecay\"",
            "betas", "is PyTorch's pair; here they are \"beta1\" and \"beta2\"",
            "lr", "is PyTorch's name for the learning rate; here it is \"learningRate\", at the top level of the problem",
            "dampening", "is 0 here, PyTorch's default, and cannot be set",
            "nesterov", "is a rule of its own here: {\"name\": \"nesterov\", \"momentum\": μ}",
            "amsgrad", "is not offered: Adam here is PyTorch's without AMSGrad",
            "centered", "is not offered: RMSprop here is PyTorch's, not centred");
    private static final List<String> DENSE_LAYER_FIELDS = List.of("size", "activation", "weights", "biases");
    private static final List<String> SAMPLE_FIELDS = List.of("input", "target");
    private static final List<String> ROUNDING_FIELDS = List.of("decimals", "significant");

    private ProblemJson() {
    }

    /** The mapper this class reads with: limited nesting, NaN read (then refused), duplicate keys refused. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses JSON text into a tree; malformed, truncated or empty text is refused with one error on
     * the field {@value #BODY} saying where, in words.
     */
    public static JsonNode parse(String json) {
        // A byte-order mark some editors write is not part of the JSON.
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        try (JsonParser parser = MAPPER.createParser(text)) {
            return tree(parser);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses JSON bytes (a request body as it arrived: UTF-8, or UTF-16 or 32 as their byte order
     * marks say) into a tree, refused as {@link #parse(String)} refuses text. Read in place, without
     * the megabyte-sized text and character copies that decoding a large body to a String first makes.
     */
    public static JsonNode parse(byte[] json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            return tree(parser);
        } catch (JsonProcessingException e) {
            // the text around the mistake, from a body small enough to decode again cheaply
            throw syntaxError(e, json.length <= SyntaxWords.DECODE_FOR_EXCERPT ? SyntaxWords.decode(json) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a problem from JSON bytes (see {@link #parse(byte[])}); throws {@link ProblemException} listing every mistake found. */
    public static Problem read(byte[] json) {
        return read(parse(json));
    }

    /** The one JSON value the parser reads; nothing, or more text after it, is refused. */
    private static JsonNode tree(JsonParser parser) throws IOException {
        JsonNode node = MAPPER.readTree(parser);
        if (node == null || node.isMissingNode()) {
            throw ProblemException.of(BODY, "is empty; send a problem as a JSON object");
        }
        if (parser.nextToken() != null) {
            throw ProblemException.of(BODY, "has more text after the JSON value ends" + where(parser.currentLocation()));
        }
        return node;
    }

    /** Reads a problem from JSON text; throws {@link ProblemException} listing every mistake found. */
    public static Problem read(String json) {
        return read(parse(json));
    }

    /**
     * Reads a problem from a JSON tree (e.g. the {@code problem} member of a larger body); throws
     * {@link ProblemException} listing every mistake found. A missing node or JSON null is refused
     * on the field {@value #BODY}.
     */
    public static Problem read(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw ProblemException.of(BODY, "is empty; send a problem as a JSON object");
        }
        return new Reader().problem(node);
    }

    /** Writes a problem in the contract's form, every field explicit; {@link #read(JsonNode)} gives it back. */
    public static ObjectNode write(Problem problem) {
        ObjectNode o = NODES.objectNode();
        o.set("layers", layers(problem.network()));
        o.put("loss", problem.loss().id());
        o.set("learningRate", number(problem.learningRate()));
        ArrayNode samples = o.putArray("samples");
        for (Sample s : problem.samples()) {
            ObjectNode so = samples.addObject();
            so.set("input", numbers(s.input()));
            so.set("target", numbers(s.target()));
        }
        o.put("epochs", problem.epochs());
        o.put("batchSize", problem.batchSize());
        o.put("updateBiases", problem.updateBiases());
        o.put("hiddenDeltaWeights", problem.hiddenDeltaWeights().id());
        Rounding r = problem.rounding();
        if (r != null) {
            o.putObject("rounding").put(r.significant() ? "significant" : "decimals", r.digits());
        }
        if (!problem.given().isEmpty()) {
            ObjectNode given = o.putObject("given");
            for (Map.Entry<Quantity, Double> e : problem.given().entrySet()) {
                given.set(e.getKey().key(), number(e.getValue()));
            }
        }
        // The defaults (plain gradient descent, one worked update) are left out, so that a problem
        // without them is written as it always was.
        Optimizer opt = problem.optimizer();
        if (!opt.equals(Optimizer.SGD)) {
            o.set("optimizer", optimizer(opt));
        }
        if (problem.workedUpdates() != 1) {
            o.put("workedUpdates", problem.workedUpdates());
        }
        return o;
    }

    /** An optimizer in the contract's form: its name, its own settings, and weightDecay when it decays. */
    public static ObjectNode optimizer(Optimizer opt) {
        ObjectNode o = NODES.objectNode();
        o.put("name", opt.kind().id());
        for (String field : opt.kind().fields()) {
            o.set(field, number(switch (field) {
                case "momentum" -> opt.momentum();
                case "alpha" -> opt.alpha();
                case "epsilon" -> opt.epsilon();
                case "beta1" -> opt.beta1();
                default -> opt.beta2();
            }));
        }
        if (opt.decays()) {
            o.set("weightDecay", number(opt.weightDecay()));
        }
        return o;
    }

    /** The problem as compact JSON text in the contract's form. */
    public static String toJson(Problem problem) {
        try {
            return MAPPER.writeValueAsString(write(problem));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A network's layers in the contract's form: {@code {"size"}} for the input layer, then
     * {@code {"size", "activation", "weights", "biases"}} for each dense layer.
     */
    public static ArrayNode layers(Network network) {
        ArrayNode layers = NODES.arrayNode();
        layers.addObject().put("size", network.inputSize());
        for (Layer layer : network.layers()) {
            ObjectNode lo = layers.addObject();
            lo.put("size", layer.size());
            lo.put("activation", layer.activation().id());
            lo.set("weights", matrix(layer.weights()));
            lo.set("biases", numbers(layer.biases()));
        }
        return layers;
    }

    /** A number node; a non-finite value (which JSON cannot hold) becomes null, never a bare NaN token. */
    public static JsonNode number(double value) {
        return Double.isFinite(value) ? NODES.numberNode(value) : NODES.nullNode();
    }

    /** An array of numbers (see {@link #number(double)}). */
    public static ArrayNode numbers(double[] values) {
        ArrayNode a = NODES.arrayNode(values.length);
        for (double v : values) {
            a.add(number(v));
        }
        return a;
    }

    /** An array of arrays of numbers, {@code [j][i]}. */
    public static ArrayNode matrix(double[][] values) {
        ArrayNode a = NODES.arrayNode(values.length);
        for (double[] row : values) {
            a.add(numbers(row));
        }
        return a;
    }

    /** Malformed JSON refused in words: where, what was found and what was expected, and (from text) the text around it. */
    private static ProblemException syntaxError(JsonProcessingException e, @Nullable String text) {
        String where = where(e.getLocation());
        String original = String.valueOf(e.getOriginalMessage());
        String message;
        if (e instanceof StreamConstraintsException) {
            if (original.contains("nesting depth")) {
                message = "nests lists and objects more than " + MAX_NESTING + " deep" + where;
            } else if (original.contains("Number value length")) {
                message = "has a number with too many digits" + where;
            } else if (original.contains("String value length")) {
                message = "has a text that is too long" + where;
            } else {
                message = "is too large to read" + where;
            }
        } else if (e instanceof JsonEOFException) {
            message = "ends before the JSON is complete (a list, object or text is not closed)" + where;
        } else {
            String words = SyntaxWords.explain(original);
            if (words == null) {
                // a mistake not known here: the parser's first line, without where its source is (said already)
                words = original.lines().findFirst().orElse("").trim().replaceAll(" ?\\(for .*$|\\[Source.*$", "");
                if (words.length() > 160) {
                    words = words.substring(0, 160) + "…";
                }
            }
            JsonLocation at = e.getLocation();
            String near = text == null || at == null ? "" : SyntaxWords.near(text, at.getLineNr(), at.getColumnNr());
            message = "is not valid JSON" + where + near + (words.isEmpty() ? "" : ": " + words);
        }
        return ProblemException.of(BODY, message);
    }

    private static String where(@Nullable JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** How a JSON value looks to the person who wrote it, for "was …" in messages. */
    static String describe(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.length() > 40) {
                text = text.substring(0, 40) + "…";
            }
            return "\"" + text + "\"";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.asText();
    }

    /** The nearest of the known names to a misspelt one, if it is close. */
    static Optional<String> closest(String name, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = k.equalsIgnoreCase(name) ? 0 : distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(1, name.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static <E extends Enum<E>> String names(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).collect(Collectors.joining(", "));
    }

    /** One dense layer as read: what could be read of it, with placeholders where it could not. */
    private static final class DenseSpec {
        int size = -1;
        @Nullable Activation activation;
        double @Nullable [][] weights;
        double @Nullable [] biases;
    }

    /** Reads one problem, collecting every error instead of stopping at the first. */
    private static final class Reader {
        /** The errors listed: the first {@link ProblemException#MAX_LISTED} found. */
        private final List<FieldError> errors = new ArrayList<>();
        /** The errors found beyond those listed, counted only. */
        private long more;
        /** The fields of every error found, and every path above one of them (for {@link #addUnlessReported}). */
        private final Set<String> reported = new HashSet<>();
        private final Set<String> aboveReported = new HashSet<>();

        private void error(String field, String message) {
            record(new FieldError(field, message));
        }

        /** Notes an error: listed while there is room, counted after that, its field remembered either way. */
        private void record(FieldError e) {
            String f = e.field();
            reported.add(f);
            // Longest prefix first: once one is known, so are the shorter ones (they came in with it).
            for (int i = f.length() - 1; i > 0; i--) {
                char c = f.charAt(i);
                if ((c == '[' || c == '.') && !aboveReported.add(f.substring(0, i))) {
                    break;
                }
            }
            if (errors.size() < ProblemException.MAX_LISTED) {
                errors.add(e);
            } else {
                more++;
            }
        }

        Problem problem(JsonNode root) {
            if (!root.isObject()) {
                throw ProblemException.of(BODY, "must be a JSON object (a problem), was " + describe(root));
            }
            unknownFields(root, "", FIELDS);

            int[] sizes = null;
            List<DenseSpec> dense = null;
            JsonNode layersNode = root.get("layers");
            if (absent(layersNode)) {
                error("layers", "is required: the input layer {\"size\": n}, then at least one dense layer");
            } else if (!layersNode.isArray()) {
                error("layers", "must be a list of layers, was " + describe(layersNode));
            } else if (layersNode.size() < 2) {
                error("layers", "has " + layersNode.size() + " layer" + (layersNode.size() == 1 ? "" : "s")
                        + "; a network needs the input layer and at least one dense layer");
            } else if (layersNode.size() > Limits.MAX_LAYERS) {
                record(Limits.layerCount(layersNode.size()));
            } else {
                sizes = sizes(layersNode);
                dense = denseLayers(layersNode, sizes);
            }

            Loss loss = named(root, "loss", Loss.HALF_SQUARED_ERROR, Loss::byId, "loss",
                    names(Loss.values(), Loss::id));
            double learningRate = Double.NaN;
            JsonNode lr = root.get("learningRate");
            if (absent(lr)) {
                error("learningRate", "is required: the learning rate α, e.g. 0.5");
            } else {
                learningRate = number(lr, "learningRate");
            }
            List<Sample> samples = samples(root.get("samples"), sizes);
            long epochs = whole(root, "epochs", 1);
            if (epochs > Limits.MAX_EPOCHS) {
                record(Limits.epochCount(epochs));
                epochs = 1;
            } else if (epochs < 1) {
                error("epochs", "must be at least 1, was " + epochs);
                epochs = 1;
            }
            long batchSize = whole(root, "batchSize", 1);
            if (batchSize > Integer.MAX_VALUE) {
                error("batchSize", "is " + batchSize + "; there are not that many samples");
                batchSize = 1;
            } else if (batchSize < 1) {
                error("batchSize", "must be at least 1, was " + batchSize);
                batchSize = 1;
            }
            boolean updateBiases = bool(root, "updateBiases", true);
            HiddenDeltaWeights rule = named(root, "hiddenDeltaWeights", HiddenDeltaWeights.ORIGINAL,
                    HiddenDeltaWeights::byId, "rule", names(HiddenDeltaWeights.values(), HiddenDeltaWeights::id));
            Rounding rounding = rounding(root.get("rounding"));
            Map<Quantity, Double> given = given(root.get("given"), sizes);
            long seed = seed(root.get("seed"));
            Optimizer optimizer = optimizer(root.get("optimizer"));
            long workedUpdates = whole(root, "workedUpdates", 1);
            if (workedUpdates > Limits.MAX_WORKED_UPDATES) {
                error("workedUpdates", "is " + workedUpdates + "; at most " + Limits.MAX_WORKED_UPDATES
                        + " updates are worked step by step (training goes on for every epoch all the same)");
                workedUpdates = 1;
            } else if (workedUpdates < 1) {
                error("workedUpdates", "must be at least 1, was " + workedUpdates);
                workedUpdates = 1;
            }

            Network network = sizes == null || dense == null ? null : network(sizes, dense, seed);
            if (network == null || loss == null || rule == null) {
                // Without a network or a loss the cross-field rules would only guess.
                throw new ProblemException(errors.isEmpty()
                        ? List.of(new FieldError("layers", "could not be read")) : errors, more);
            }
            Problem problem = new Problem(network, loss, learningRate, samples, (int) epochs,
                    (int) batchSize, updateBiases, rule, rounding, given, optimizer, (int) workedUpdates);
            // Handed over one by one: sixty thousand bad given keys are counted, never all kept.
            problem.check(this::addUnlessReported);
            for (FieldError e : Limits.check(problem)) {
                addUnlessReported(e);
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(errors, more);
            }
            return problem;
        }

        /**
         * Adds a cross-field error unless this reader has already said something about that field, a
         * field above it or one below it ({@code samples[3]} and {@code samples[3].input} are related).
         * Looked up in sets, not compared pair by pair: ten thousand bad samples make as many errors.
         */
        private void addUnlessReported(FieldError e) {
            String field = e.field();
            if (reported.contains(field) || aboveReported.contains(field)) {
                return;
            }
            // A field above this one reported? Its prefixes, shortest first: one above no reported field ends the search.
            for (int i = 1; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c == '[' || c == '.') {
                    String prefix = field.substring(0, i);
                    if (reported.contains(prefix)) {
                        return;
                    }
                    if (!aboveReported.contains(prefix)) {
                        break;
                    }
                }
            }
            record(e);
        }

        private void unknownFields(JsonNode object, String path, List<String> known) {
            Iterator<String> names = object.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (known.contains(name)) {
                    continue;
                }
                String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
                String field = path.isEmpty() ? shown : path + "." + shown;
                // A near miss of a known name is a typo that would silently change the problem;
                // any other extra field (a title, a note) is the caller's own and is ignored.
                closest(name, known).ifPresent(k -> error(field, "unknown field; did you mean \"" + k + "\"?"));
            }
        }

        /** The sizes of all layers; −1 where a size could not be read. */
        private int[] sizes(JsonNode layers) {
            int[] sizes = new int[layers.size()];
            for (int l = 0; l < layers.size(); l++) {
                JsonNode layer = layers.get(l);
                String path = "layers[" + l + "]";
                sizes[l] = -1;
                if (!layer.isObject()) {
                    error(path, (l == 0 ? "must be the input layer {\"size\": n}" : "must be a layer object")
                            + ", was " + describe(layer));
                    continue;
                }
                unknownFields(layer, path, l == 0 ? inputLayerFields(layer) : DENSE_LAYER_FIELDS);
                JsonNode size = layer.get("size");
                if (absent(size)) {
                    error(path + ".size", "is required: the number of neurons");
                    continue;
                }
                long n = whole(size, path + ".size");
                if (n == Long.MIN_VALUE) {
                    continue;
                }
                if (n < 1) {
                    error(path + ".size", "must be at least 1, was " + n);
                } else if (n > Limits.MAX_NEURONS) {
                    record(Limits.layerSize(l, n));
                } else {
                    sizes[l] = (int) n;
                }
            }
            long parameters = 0;
            for (int l = 1; l < sizes.length; l++) {
                if (sizes[l] > 0 && sizes[l - 1] > 0) {
                    parameters += (long) sizes[l] * (sizes[l - 1] + 1);
                }
            }
            if (parameters > Limits.MAX_PARAMETERS) {
                record(Limits.parameterCount(parameters));
                Arrays.fill(sizes, -1);
            }
            return sizes;
        }

        /** The input layer has a size only; anything else on it gets a message saying so. */
        private List<String> inputLayerFields(JsonNode layer) {
            Iterator<String> names = layer.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (DENSE_LAYER_FIELDS.contains(name) && !name.equals("size")) {
                    error("layers[0]." + name, "the input layer has a size only (it has no " + name + ")");
                }
            }
            return DENSE_LAYER_FIELDS;
        }

        private List<DenseSpec> denseLayers(JsonNode layers, int[] sizes) {
            List<DenseSpec> specs = new ArrayList<>();
            int out = layers.size() - 1;
            for (int l = 1; l < layers.size(); l++) {
                DenseSpec spec = new DenseSpec();
                spec.size = sizes[l];
                specs.add(spec);
                JsonNode layer = layers.get(l);
                if (!layer.isObject()) {
                    continue;
                }
                String path = "layers[" + l + "]";
                JsonNode act = layer.get("activation");
                if (absent(act)) {
                    error(path + ".activation", "is required; one of " + names(Activation.values(), Activation::id));
                } else if (!act.isTextual()) {
                    error(path + ".activation", "must be the name of an activation, was " + describe(act));
                } else {
                    spec.activation = Activation.byId(act.textValue()).orElse(null);
                    if (spec.activation == null) {
                        error(path + ".activation", "unknown activation " + describe(act) + "; one of "
                                + names(Activation.values(), Activation::id));
                    } else if (spec.activation == Activation.SOFTMAX && l != out) {
                        error(path + ".activation", "softmax is for the output layer only");
                    }
                }
                JsonNode w = layer.get("weights");
                if (!absent(w)) {
                    spec.weights = weights(w, path + ".weights", l, sizes[l], sizes[l - 1]);
                }
                JsonNode b = layer.get("biases");
                if (!absent(b)) {
                    spec.biases = vector(b, path + ".biases", sizes[l], "layer " + l + " has " + sizes[l] + " neurons",
                            "one per neuron");
                }
            }
            return specs;
        }

        /** Reads {@code weights[j][i]}; rows and columns are checked against the sizes when those are known. */
        private double @Nullable [][] weights(JsonNode w, String path, int l, int rows, int cols) {
            if (!w.isArray()) {
                error(path, "must be a list of rows, one per neuron of layer " + l + ", each a list of weights"
                        + " from the neurons of layer " + (l - 1) + ", was " + describe(w));
                return null;
            }
            if (rows > 0 && w.size() != rows) {
                error(path, "has " + w.size() + " row" + (w.size() == 1 ? "" : "s") + "; layer " + l + " has "
                        + rows + " neuron" + (rows == 1 ? "" : "s"));
            }
            double[][] m = new double[w.size()][];
            for (int j = 0; j < w.size(); j++) {
                m[j] = vector(w.get(j), path + "[" + j + "]", cols, "layer " + (l - 1) + " has " + cols + " neuron"
                        + (cols == 1 ? "" : "s"), "one per neuron of layer " + (l - 1));
            }
            return m;
        }

        /** Reads a list of numbers; NaN stands in for each value that is not a finite number. */
        private double[] vector(JsonNode v, String path, int expected, String why, String what) {
            if (!v.isArray()) {
                error(path, "must be a list of numbers (" + what + "), was " + describe(v));
                return new double[0];
            }
            if (expected > 0 && v.size() != expected) {
                error(path, "has " + v.size() + " value" + (v.size() == 1 ? "" : "s") + "; " + why);
            }
            double[] x = new double[v.size()];
            for (int i = 0; i < v.size(); i++) {
                x[i] = number(v.get(i), path + "[" + i + "]");
            }
            return x;
        }

        /**
         * The network from the layers read, or null when a size or an activation is missing. Values
         * that could not be read stand in as NaN and rows of the wrong shape as zeros, so that the
         * cross-field rules can still run (their errors at the same fields are dropped).
         */
        private @Nullable Network network(int[] sizes, List<DenseSpec> dense, long seed) {
            for (int l = 0; l < sizes.length; l++) {
                if (sizes[l] < 1 || l > 0 && dense.get(l - 1).activation == null) {
                    return null;
                }
            }
            Network.Builder builder = Network.builder().input(sizes[0]).seed(seed);
            int out = sizes.length - 1;
            for (int l = 1; l < sizes.length; l++) {
                DenseSpec spec = dense.get(l - 1);
                Activation f = spec.activation == Activation.SOFTMAX && l != out ? Activation.SIGMOID : spec.activation;
                if (spec.weights == null) {
                    builder.dense(spec.size, f);
                } else {
                    builder.dense(f, shaped(spec.weights, spec.size, sizes[l - 1]), new double[spec.size]);
                }
            }
            Network net = builder.build();
            for (int l = 1; l < sizes.length; l++) {
                DenseSpec spec = dense.get(l - 1);
                Layer layer = net.layer(l);
                double[] biases = spec.biases == null || spec.biases.length != spec.size
                        ? new double[spec.size] : spec.biases;
                net = net.withLayer(l, new Layer(layer.activation(), layer.weights(), biases));
            }
            return net;
        }

        private static double[][] shaped(double[][] w, int rows, int cols) {
            boolean ok = w.length == rows;
            for (double[] row : w) {
                ok &= row.length == cols;
            }
            return ok ? w : new double[rows][cols];
        }

        private List<Sample> samples(@Nullable JsonNode node, int @Nullable [] sizes) {
            List<Sample> samples = new ArrayList<>();
            if (absent(node)) {
                error("samples", "is required: a list like [{\"input\": [0.05, 0.1], \"target\": [0.01, 0.99]}]");
                return samples;
            }
            if (!node.isArray()) {
                error("samples", "must be a list of samples, was " + describe(node));
                return samples;
            }
            if (node.size() > Limits.MAX_SAMPLES) {
                record(Limits.sampleCount(node.size()));
                return samples;
            }
            int in = sizes == null ? -1 : sizes[0];
            int out = sizes == null ? -1 : sizes[sizes.length - 1];
            for (int s = 0; s < node.size(); s++) {
                JsonNode sample = node.get(s);
                String path = "samples[" + s + "]";
                if (!sample.isObject()) {
                    error(path, "must be an object {\"input\": [...], \"target\": [...]}, was " + describe(sample));
                    samples.add(new Sample(new double[0], new double[0]));
                    continue;
                }
                unknownFields(sample, path, SAMPLE_FIELDS);
                double[] input = sampleVector(sample.get("input"), path + ".input", in,
                        "layer 0 has " + in + " neurons", "one per input neuron");
                double[] target = sampleVector(sample.get("target"), path + ".target", out,
                        "the output layer has " + out + " neurons", "one per output neuron");
                samples.add(new Sample(input, target));
            }
            return samples;
        }

        private double[] sampleVector(@Nullable JsonNode v, String path, int expected, String why, String what) {
            if (absent(v)) {
                error(path, "is required: a list of numbers (" + what + ")");
                return new double[0];
            }
            return vector(v, path, expected, why, what);
        }

        private @Nullable Rounding rounding(@Nullable JsonNode node) {
            if (absent(node)) {
                return null;
            }
            String usage = "{\"decimals\": k} or {\"significant\": k}";
            if (!node.isObject()) {
                error("rounding", "must be " + usage + ", was " + describe(node));
                return null;
            }
            unknownFields(node, "rounding", ROUNDING_FIELDS);
            JsonNode decimals = node.get("decimals");
            JsonNode significant = node.get("significant");
            if (!absent(decimals) && !absent(significant)) {
                error("rounding", "give decimals or significant, not both");
                return null;
            }
            if (absent(decimals) && absent(significant)) {
                error("rounding", "must be " + usage);
                return null;
            }
            boolean sig = absent(decimals);
            String path = sig ? "rounding.significant" : "rounding.decimals";
            long k = whole(sig ? significant : decimals, path);
            if (k == Long.MIN_VALUE) {
                return null;
            }
            int min = sig ? 1 : 0;
            int max = sig ? Rounding.MAX_SIGNIFICANT : Rounding.MAX_DECIMALS;
            if (k < min || k > max) {
                error(path, "must be from " + min + " to " + max + ", was " + k);
                return null;
            }
            return sig ? Rounding.significant((int) k) : Rounding.decimals((int) k);
        }

        private Map<Quantity, Double> given(@Nullable JsonNode node, int @Nullable [] sizes) {
            Map<Quantity, Double> given = new LinkedHashMap<>();
            if (absent(node)) {
                return given;
            }
            if (!node.isObject()) {
                error("given", "must be an object like {\"a[1][0]\": 0.59}, was " + describe(node));
                return given;
            }
            // Each neuron of a dense layer may have its z or its a stated, not both: more values than
            // neurons cannot all be right, and are refused as one mistake rather than thousands.
            long neurons = 0;
            boolean known = sizes != null;
            for (int l = 1; known && l < sizes.length; l++) {
                known = sizes[l] > 0;
                neurons += sizes[l];
            }
            long most = known ? neurons : (long) Limits.MAX_NEURONS * (Limits.MAX_LAYERS - 1);
            if (node.size() > most) {
                error("given", "has " + node.size() + " values; " + (known ? "the network's dense layers have "
                        + neurons + " neuron" + (neurons == 1 ? "" : "s") : "a network has at most " + most + " neurons")
                        + ", and each may have its z or its a given, so at most " + most + " values can be");
                return given;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                String key = e.getKey();
                Optional<Quantity> q = Quantity.parse(key);
                JsonNode v = e.getValue();
                double value = v.isNumber() && Double.isFinite(v.doubleValue()) ? v.doubleValue() : number(v, givenPath(key));
                if (q.isEmpty()) {
                    error(givenPath(key), "is not a quantity key; use z[l][j] or a[l][j], e.g. a[1][0]");
                } else if (given.putIfAbsent(q.get(), value) != null) {
                    error(givenPath(key), "is given twice (as " + q.get().key() + ")");
                }
            }
            return given;
        }

        /**
         * The update rule: {@code {"name": …}} with the rule's own settings (defaults as PyTorch's,
         * momentum required) and {@code weightDecay}. Another rule's setting, PyTorch's spelling of
         * one and a near miss are refused at their field; ranges are checked with the problem.
         */
        private Optimizer optimizer(@Nullable JsonNode node) {
            if (absent(node)) {
                return Optimizer.SGD;
            }
            String choices = names(Optimizer.Kind.values(), Optimizer.Kind::id);
            if (!node.isObject()) {
                error("optimizer", "must be an object like {\"name\": \"adam\"} (one of " + choices + "), was "
                        + describe(node));
                return Optimizer.SGD;
            }
            JsonNode name = node.get("name");
            Optimizer.Kind kind = null;
            if (absent(name)) {
                error("optimizer.name", "is required: one of " + choices);
            } else if (!name.isTextual()) {
                error("optimizer.name", "must be the name of an optimizer; one of " + choices + "; was " + describe(name));
            } else {
                kind = Optimizer.Kind.byId(name.textValue()).orElse(null);
                if (kind == null) {
                    List<String> ids = Arrays.stream(Optimizer.Kind.values()).map(Optimizer.Kind::id).toList();
                    String near = closest(name.textValue(), ids).map(k -> " (did you mean \"" + k + "\"?)").orElse("");
                    error("optimizer.name", "unknown optimizer " + describe(name) + near + "; one of " + choices);
                }
            }
            List<String> own = new ArrayList<>(List.of("name", "weightDecay"));
            if (kind != null) {
                own.addAll(kind.fields());
            }
            Iterator<String> fields = node.fieldNames();
            while (fields.hasNext()) {
                String f = fields.next();
                String shown = f.length() > 40 ? f.substring(0, 40) + "…" : f;
                String path = "optimizer." + shown;
                if (own.contains(f)) {
                    continue;
                }
                if (PYTORCH_NAMES.containsKey(f)) {
                    error(path, PYTORCH_NAMES.get(f));
                } else if (OPTIMIZER_FIELDS.contains(f)) {
                    if (kind != null) {
                        error(path, kind.id() + " has no " + f + "; its fields are " + String.join(", ", own));
                    }
                } else {
                    closest(f, OPTIMIZER_FIELDS).ifPresent(k -> error(path, "unknown field; did you mean \"" + k + "\"?"));
                }
            }
            if (kind == null) {
                return Optimizer.SGD;
            }
            double momentum = 0;
            if (kind == Optimizer.Kind.MOMENTUM || kind == Optimizer.Kind.NESTEROV) {
                JsonNode mu = node.get("momentum");
                if (absent(mu)) {
                    error("optimizer.momentum", "is required for " + kind.id() + ": the momentum μ, e.g. 0.9");
                    momentum = Double.NaN;
                } else {
                    momentum = number(mu, "optimizer.momentum");
                }
            }
            boolean rms = kind == Optimizer.Kind.RMSPROP;
            boolean adam = kind == Optimizer.Kind.ADAM;
            double alpha = rms ? setting(node, "alpha", Optimizer.DEFAULT_RMSPROP_ALPHA) : 0;
            double epsilon = rms || adam ? setting(node, "epsilon", Optimizer.DEFAULT_EPSILON) : 0;
            double beta1 = adam ? setting(node, "beta1", Optimizer.DEFAULT_BETA1) : 0;
            double beta2 = adam ? setting(node, "beta2", Optimizer.DEFAULT_BETA2) : 0;
            double decay = setting(node, "weightDecay", 0);
            return new Optimizer(kind, momentum, alpha, epsilon, beta1, beta2, decay);
        }

        /** An optimizer's number, or its default when absent (NaN after reporting a value that is not a number). */
        private double setting(JsonNode node, String field, double fallback) {
            JsonNode v = node.get(field);
            return absent(v) ? fallback : number(v, "optimizer." + field);
        }

        /** The field of a given key as messages name it (a long key cut short), made only for a message. */
        private static String givenPath(String key) {
            return "given." + (key.length() > 40 ? key.substring(0, 40) + "…" : key);
        }

        private long seed(@Nullable JsonNode node) {
            if (absent(node)) {
                return 1;
            }
            long seed = whole(node, "seed");
            return seed == Long.MIN_VALUE ? 1 : seed;
        }

        private <E> @Nullable E named(JsonNode root, String field, E fallback, Function<String, Optional<E>> byId,
                                      String what, String choices) {
            JsonNode node = root.get(field);
            if (absent(node)) {
                return fallback;
            }
            if (!node.isTextual()) {
                error(field, "must be the name of a " + what + "; one of " + choices + "; was " + describe(node));
                return null;
            }
            Optional<E> found = byId.apply(node.textValue());
            if (found.isEmpty()) {
                error(field, "unknown " + what + " " + describe(node) + "; one of " + choices);
                return null;
            }
            return found.get();
        }

        private boolean bool(JsonNode root, String field, boolean fallback) {
            JsonNode node = root.get(field);
            if (absent(node)) {
                return fallback;
            }
            if (!node.isBoolean()) {
                error(field, "must be true or false, was " + describe(node));
                return fallback;
            }
            return node.booleanValue();
        }

        /** An optional whole-number field; the fallback when absent, and also (after an error) when unreadable. */
        private long whole(JsonNode root, String field, long fallback) {
            JsonNode node = root.get(field);
            if (absent(node)) {
                return fallback;
            }
            long n = whole(node, field);
            return n == Long.MIN_VALUE ? fallback : n;
        }

        /** A whole number, or {@link Long#MIN_VALUE} after reporting why it is not one. */
        private long whole(JsonNode node, String field) {
            if (node.isIntegralNumber()) {
                if (node.canConvertToLong()) {
                    return node.longValue();
                }
                error(field, "is " + describe(node) + ", far too large");
                return Long.MIN_VALUE;
            }
            if (node.isNumber()) {
                double d = node.doubleValue();
                if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return (long) d;
                }
                error(field, "must be a whole number, was " + describe(node));
                return Long.MIN_VALUE;
            }
            error(field, "must be a whole number, was " + describe(node));
            return Long.MIN_VALUE;
        }

        /** A finite number, or NaN after reporting why it is not one. */
        private double number(JsonNode node, String field) {
            if (node.isNumber()) {
                double d = node.doubleValue();
                if (Double.isFinite(d)) {
                    return d;
                }
                error(field, "must be a finite number, was " + describe(node));
                return Double.NaN;
            }
            error(field, "must be a number, was " + describe(node));
            return Double.NaN;
        }

        private static boolean absent(@Nullable JsonNode node) {
            return node == null || node.isNull() || node.isMissingNode();
        }
    }
}
