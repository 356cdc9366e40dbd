package dev.backprop.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.engine.check.CheckResult;
import dev.backprop.engine.check.Hint;
import dev.backprop.engine.check.QuantityResult;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Rounding;
import java.io.UncheckedIOException;

/**
 * The answer of {@code POST /api/check} (contract §3): {@code results} (quantity, given, expected,
 * correct, and on a wrong answer the diagnosis and explanation), {@code correct} and {@code total}.
 *
 * <p>Beyond the contract: each result's {@code explanation} (right ones too), {@code markedBy}
 * ({@code digits-written} or {@code rounding-rule}) on a right answer, {@code exact} when the
 * problem has a rounding rule, {@code followsFrom} (the student's earlier wrong answer it builds
 * on) and {@code carriedForward} (true when that is its only fault), and {@code hint} (the formula
 * to use) on a wrong one; overall {@code carriedForward} and {@code marking} (the rule, in words,
 * and the problem's rounding). {@code given} keeps the digits the answer was written with.
 */
public final class CheckJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CheckJson() {
    }

    /** The answer as a JSON tree. */
    public static ObjectNode write(CheckResult result) {
        ObjectNode o = NODES.objectNode();
        ArrayNode results = o.putArray("results");
        boolean rounded = result.marking().rounding() != null;
        for (QuantityResult r : result.results()) {
            ObjectNode ro = results.addObject();
            ro.put("quantity", r.quantity());
            ro.set("given", DecimalNode.valueOf(r.given()));
            ro.set("expected", ProblemJson.number(r.expected()));
            if (rounded) {
                ro.set("exact", ProblemJson.number(r.exact()));
            }
            ro.put("correct", r.correct());
            if (r.markedBy() != null) {
                ro.put("markedBy", r.markedBy().code());
            }
            if (r.diagnosis() != null) {
                ro.put("diagnosis", r.diagnosis().code());
            }
            ro.put("explanation", r.explanation());
            if (r.followsFrom() != null) {
                ro.put("followsFrom", r.followsFrom());
            }
            if (r.carriedForward()) {
                ro.put("carriedForward", true);
            }
            if (!r.correct()) {
                Hint h = r.hint();
                ro.putObject("hint").put("formula", h.formula()).put("quantity", h.quantity()).put("text", h.text());
            }
        }
        o.put("correct", result.correct());
        o.put("carriedForward", result.carriedForward());
        o.put("total", result.total());
        ObjectNode marking = o.putObject("marking");
        marking.put("rule", result.marking().describe());
        Rounding rule = result.marking().rounding();
        if (rule == null) {
            marking.putNull("rounding");
        } else {
            marking.putObject("rounding").put(rule.significant() ? "significant" : "decimals", rule.digits());
        }
        return o;
    }

    /** The answer as compact JSON text. */
    public static String toJson(CheckResult result) {
        try {
            return ProblemJson.mapper().writeValueAsString(write(result));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
