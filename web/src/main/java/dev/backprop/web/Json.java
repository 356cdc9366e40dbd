package dev.backprop.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backprop.engine.json.Limits;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The web module's own JSON: request bodies and links read into trees, answers written. Text is
 * first checked by the engine's reader ({@link ProblemJson#requireWellFormed(byte[])}), so a
 * malformed body is refused in the same words whichever route it came to, and the mapper here,
 * the web's alone, needs no rules of its own beyond reading the {@code NaN} the engine lets through
 * (to be refused at its field).
 *
 * <pre>{@code
 * JsonNode root = Json.tree(SolveGate.body(ctx));   // ProblemException on (body) when malformed
 * }</pre>
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }

    /** A request body as a tree; throws {@link dev.backprop.engine.nn.ProblemException} on {@value ProblemJson#BODY} when it is not one JSON value. */
    public static JsonNode tree(byte[] body) {
        ProblemJson.requireWellFormed(body);
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON text (a link's problem) as a tree, refused as {@link #tree(byte[])} refuses a body. */
    public static JsonNode tree(String text) {
        ProblemJson.requireWellFormed(text);
        try {
            // A byte-order mark some editors write is not part of the JSON (the engine skips it too).
            return MAPPER.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A streaming parser over a body already known to be well-formed (for numbers read with their digits). */
    public static JsonParser parser(byte[] body) {
        try {
            return MAPPER.createParser(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tree or record as compact JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tree as indented JSON text, for the form's JSON box. */
    public static String pretty(JsonNode tree) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number node; a value JSON cannot hold (NaN, ∞) becomes null, never a bare NaN token. */
    public static JsonNode number(double value) {
        return Double.isFinite(value) ? JsonNodeFactory.instance.numberNode(value) : JsonNodeFactory.instance.nullNode();
    }

    /** A problem read from a tree (the form's, a body's member) with the server's {@link Limits}. */
    public static Problem problem(JsonNode tree) {
        return ProblemJson.read(write(tree), Limits.SERVER);
    }
}
