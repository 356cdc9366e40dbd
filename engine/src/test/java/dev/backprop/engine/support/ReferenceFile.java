package dev.backprop.engine.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.HiddenDeltaWeights;
import dev.backprop.engine.nn.Loss;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.Rounding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A published worked example from {@code src/test/resources/reference/}: its problem (read with
 * Jackson straight into the engine's builders, since the engine's own JSON reader is tested
 * elsewhere), its published figures (as printed, decimals kept) and its expected values.
 *
 * @param name      the file name
 * @param problem   the problem, built with {@link Problem#builder()}
 * @param published the published figures, numbers as {@link BigDecimal}s so their printed precision survives
 * @param expected  the expected solution in the contract's form
 */
public record ReferenceFile(String name, Problem problem, JsonNode published, JsonNode expected) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String FOLDER = "/reference/";

    /** The names of every file in the reference folder, sorted. */
    public static List<String> names() {
        URL url = ReferenceFile.class.getResource(FOLDER);
        if (url == null) {
            throw new IllegalStateException("no " + FOLDER + " on the test class path");
        }
        try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one reference file by name. */
    public static ReferenceFile load(String name) {
        try (InputStream in = ReferenceFile.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no reference file " + name);
            }
            JsonNode root = JSON.readTree(in);
            return new ReferenceFile(name, problem(root.get("problem")), root.path("published"), root.path("expected"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds a problem in the contract's JSON form (§1) with the engine's builders. */
    public static Problem problem(JsonNode p) {
        JsonNode layers = p.get("layers");
        Network.Builder net = Network.builder().input(layers.get(0).get("size").intValue());
        for (int l = 1; l < layers.size(); l++) {
            JsonNode layer = layers.get(l);
            Activation f = Activation.byId(layer.get("activation").textValue()).orElseThrow();
            net.dense(f, matrix(layer.get("weights")), vector(layer.get("biases")));
        }
        Problem.Builder b = Problem.builder()
                .network(net.build())
                .loss(Loss.byId(p.path("loss").asText("half-squared-error")).orElseThrow())
                .learningRate(p.get("learningRate").doubleValue())
                .epochs(p.path("epochs").asInt(1))
                .batchSize(p.path("batchSize").asInt(1))
                .updateBiases(p.path("updateBiases").asBoolean(true))
                .hiddenDeltaWeights(HiddenDeltaWeights.byId(p.path("hiddenDeltaWeights").asText("original")).orElseThrow());
        for (JsonNode s : p.get("samples")) {
            b.sample(vector(s.get("input")), vector(s.get("target")));
        }
        JsonNode rounding = p.path("rounding");
        if (rounding.has("decimals")) {
            b.rounding(Rounding.decimals(rounding.get("decimals").intValue()));
        } else if (rounding.has("significant")) {
            b.rounding(Rounding.significant(rounding.get("significant").intValue()));
        }
        Iterator<Map.Entry<String, JsonNode>> given = p.path("given").fields();
        while (given.hasNext()) {
            Map.Entry<String, JsonNode> e = given.next();
            b.given(e.getKey(), e.getValue().doubleValue());
        }
        return b.build();
    }

    /** A JSON array of numbers as doubles. */
    public static double[] vector(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).doubleValue();
        }
        return v;
    }

    /** A JSON array of arrays of numbers as doubles. */
    public static double[][] matrix(JsonNode array) {
        double[][] m = new double[array.size()][];
        for (int j = 0; j < m.length; j++) {
            m[j] = vector(array.get(j));
        }
        return m;
    }
}
