package dev.backprop.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.web.Json;
import dev.backprop.engine.check.CheckResult;
import dev.backprop.engine.check.Hint;
import dev.backprop.engine.check.QuantityResult;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Rounding;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The answer of {@code POST /api/check} (contract §3): {@code results} (quantity, given, expected,
 * correct, and on a wrong answer the diagnosis and explanation), {@code correct} and {@code total}.
 *
 * <p>Beyond the contract: each result's {@code mark} ({@code right}, {@code carried-forward} or
 * {@code wrong}, as in the §5 gradebook) and {@code marks} (1, the carried-forward share, or 0);
 * {@code explanation} on every answer; {@code markedBy} ({@code digits-written} or
 * {@code rounding-rule}) on a right one; {@code exact} when the problem has a rounding rule;
 * {@code followsFrom} (the keys of the student's earlier answers it was worked from, a list),
 * {@code carriedForward} (true when it is right from them), {@code trivial} (true when those
 * answers make its step trivial, so it earns nothing), {@code diagnoses} (when a slip in this step
 * sits on one made earlier: both, this step's first) and {@code hint} (the formula to use) on one
 * that is not right; overall {@code carriedForward}, {@code marks} (the sum), {@code blank} (keys
 * sent as empty text) and {@code marking} (the rule in words, the problem's rounding and the
 * carried-forward share). {@code given} keeps the digits the answer was written with.
 */
public final class CheckJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CheckJson() {
    }

    /** The answer as a JSON tree. */
    public static ObjectNode write(CheckResult result, List<String> blank) {
        ObjectNode o = NODES.objectNode();
        ArrayNode results = o.putArray("results");
        boolean rounded = result.marking().rounding() != null;
        for (QuantityResult r : result.results()) {
            ObjectNode ro = results.addObject();
            ro.put("quantity", r.quantity());
            ro.set("given", DecimalNode.valueOf(r.given()));
            ro.set("expected", Json.number(r.expected()));
            if (rounded) {
                ro.set("exact", Json.number(r.exact()));
            }
            ro.put("correct", r.correct());
            ro.put("mark", r.mark().code());
            ro.put("marks", r.marks());
            if (r.markedBy() != null) {
                ro.put("markedBy", r.markedBy().code());
            }
            if (r.diagnosis() != null) {
                ro.put("diagnosis", r.diagnosis().code());
            }
            if (r.diagnoses().size() > 1) {
                ArrayNode all = ro.putArray("diagnoses");
                r.diagnoses().forEach(d -> all.add(d.code()));
            }
            ro.put("explanation", r.explanation().textWithKeys());
            if (!r.followsFrom().isEmpty()) {
                ArrayNode from = ro.putArray("followsFrom");
                r.followsFrom().forEach(from::add);
            }
            if (r.carriedForward()) {
                ro.put("carriedForward", true);
            }
            if (r.trivial()) {
                ro.put("trivial", true);
            }
            if (!r.correct()) {
                Hint h = r.hint();
                ro.putObject("hint").put("formula", h.formula()).put("quantity", h.quantity()).put("text", h.text());
            }
        }
        o.put("correct", result.correct());
        o.put("carriedForward", result.carriedForward());
        o.put("total", result.total());
        o.put("marks", result.marks());
        if (!blank.isEmpty()) {
            ArrayNode b = o.putArray("blank");
            blank.forEach(b::add);
        }
        ObjectNode marking = o.putObject("marking");
        marking.put("rule", result.rule());
        Rounding rule = result.marking().rounding();
        if (rule == null) {
            marking.putNull("rounding");
        } else {
            marking.putObject("rounding").put(rule.significant() ? "significant" : "decimals", rule.digits());
        }
        marking.put("carriedForward", result.marking().carriedForward());
        return o;
    }

    /** The answer as compact JSON text. */
    public static String toJson(CheckResult result, List<String> blank) {
        return Json.write(write(result, blank));
    }
}
