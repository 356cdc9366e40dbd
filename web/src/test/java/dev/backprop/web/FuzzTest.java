package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.web.form.Presets;
import dev.backprop.web.view.Links;
import io.javalin.Javalin;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzzer over every route and every form field: problems mutated node by node and byte by
 * byte, random answers, form fields and buttons, packed links, methods, content types and hostile
 * bytes, sent by eight clients at once. Every answer is below 500, at most a few megabytes, and —
 * when it is a solution — holds no null, NaN or ∞ where a number belongs. Each request has its own
 * seed, printed with any failure, so that one can be replayed ({@code -Dfuzz.seed=…
 * -Dfuzz.requests=…} change the run).
 */
class FuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_201L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 1_000);
    private static final int MAX_ANSWER = 6_000_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A number shown on a page that is not one: NumberStyle writes these for NaN and ±∞. */
    private static final Pattern NOT_A_NUMBER = Pattern.compile(">(NaN|−?∞)<");

    private static Javalin app;
    private static String base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<JsonNode> PROBLEMS = new ArrayList<>();
    private static Map<String, String> formFields;

    @BeforeAll
    static void start() {
        app = App.create().start(0);
        base = "http://127.0.0.1:" + app.port();
        for (Presets.Preset p : Presets.ALL) {
            PROBLEMS.add(Http.json(p.json()));
        }
        PROBLEMS.add(Http.json(Fixtures.mazur("\"rounding\": {\"decimals\": 4}, \"batchSize\": 2")));
        PROBLEMS.add(Http.json(Fixtures.mazur("\"given\": {\"a[1][0]\": 0.59}, \"rounding\": {\"significant\": 3}")));
        formFields = PagesTest.fields(new Http(app.port()).get("/").body());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void random_and_mutated_requests_to_every_route_never_answer_a_server_error_and_stay_bounded() throws Exception {
        Random master = new Random(SEED);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int k = 0; k < REQUESTS; k++) {
            long seed = master.nextLong();
            outcomes.add(clients.submit(() -> oneRequest(seed)));
        }
        List<String> failures = new ArrayList<>();
        for (Future<String> f : outcomes) {
            String failure = f.get(120, TimeUnit.SECONDS);
            if (failure != null) {
                failures.add(failure);
            }
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(failures.isEmpty(), failures.size() + " of " + REQUESTS + " requests failed:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        assertTrue(new Http(app.port()).get("/api/health").statusCode() == 200, "the server still answers");
        if (Boolean.getBoolean("fuzz.verbose")) {
            SEEN.forEach((k, v) -> System.out.println(v + "\t" + k));
        }
    }

    /** One random request and its check: null when the answer is as it should be, else what went wrong. */
    private static String oneRequest(long seed) {
        Random rnd = new Random(seed);
        Request r = switch (rnd.nextInt(11)) {
            case 0, 1 -> post("/api/solve", "application/json", problemText(rnd));
            case 2 -> rnd.nextInt(3) > 0 ? post("/api/check", "application/json", checkText(rnd))
                    : post(rnd.nextBoolean() ? "/api/variants" : "/api/mark", "application/json", classText(rnd));
            case 3 -> get("/solve?" + problemQuery(rnd) + pageParams(rnd));
            case 4 -> get("/solve." + pick(rnd, "tex", "md", "json") + "?" + problemQuery(rnd) + pageParams(rnd));
            case 5 -> get(rnd.nextBoolean() ? "/?" + problemQuery(rnd) : "/?preset=" + Http.enc(word(rnd)));
            case 6 -> get("/worksheet?" + problemQuery(rnd) + worksheetParams(rnd));
            case 7 -> post("/worksheet", "application/x-www-form-urlencoded", worksheetForm(rnd));
            case 8 -> post("/", "application/x-www-form-urlencoded", formBody(rnd));
            case 9 -> get(pick(rnd, "/solve", "/", "/worksheet", "/solve.md") + "?packed=" + packed(rnd) + pageParams(rnd));
            default -> hostile(rnd);
        };
        try {
            HttpResponse<String> answer = CLIENT.send(r.build().timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String wrong = check(r, answer);
            return wrong == null ? null : "seed " + seed + ": " + r.describe() + " → " + wrong;
        } catch (IOException e) {
            // Jetty may close a connection it refuses (a bad multipart body); a reset is an answer, not a 5xx.
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Answers by route and status, printed with {@code -Dfuzz.verbose=true} to see what a run reached. */
    private static final Map<String, Integer> SEEN = new java.util.concurrent.ConcurrentSkipListMap<>();

    private static String check(Request r, HttpResponse<String> answer) {
        int status = answer.statusCode();
        SEEN.merge(r.method() + " " + r.path() + " " + status, 1, Integer::sum);
        String body = answer.body();
        if (status >= 500) {
            return status + " " + body.substring(0, Math.min(300, body.length()));
        }
        if (body.length() > MAX_ANSWER) {
            return "an answer of " + body.length() + " characters";
        }
        if (answer.headers().firstValue("Cache-Control").isEmpty()) {
            return "no Cache-Control";
        }
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (status == 200 && type.startsWith("application/json")) {
            JsonNode tree = Http.json(body);
            String bad = r.path().startsWith("/api/check") ? checkedNumbers(tree) : noNulls(tree, "");
            if (bad != null) {
                return "a solution with " + bad;
            }
        }
        boolean solution = r.path().startsWith("/solve") || r.path().startsWith("/worksheet");
        if (status == 200 && solution && (type.startsWith("text/html") || type.startsWith("text/plain"))) {
            Matcher m = NOT_A_NUMBER.matcher(body);
            if (m.find()) {
                return "a page showing " + m.group(1);
            }
        }
        return null;
    }

    /** The path of the first null in a solution, or null when there is none. */
    private static String noNulls(JsonNode node, String path) {
        if (node.isNull()) {
            return "null at " + path;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String bad = noNulls(f.getValue(), path + "." + f.getKey());
            if (bad != null) {
                return bad;
            }
        }
        for (int k = 0; node.isArray() && k < node.size(); k++) {
            String bad = noNulls(node.get(k), path + "[" + k + "]");
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    /** In a check's answer, each expected and exact value is a number. */
    private static String checkedNumbers(JsonNode tree) {
        for (JsonNode r : tree.path("results")) {
            for (String field : new String[] {"expected", "exact"}) {
                if (r.has(field) && !r.get(field).isNumber()) {
                    return field + " = " + r.get(field) + " for " + r.path("quantity").asText();
                }
            }
        }
        return null;
    }

    // ---- problems: mutated node by node, byte by byte, or drawn at random ----

    private static String problemText(Random rnd) {
        int how = rnd.nextInt(10);
        if (how < 2) {
            return randomProblem(rnd).toString();
        }
        String text = mutate(PROBLEMS.get(rnd.nextInt(PROBLEMS.size())).deepCopy(), rnd).toString();
        return how < 7 ? text : mangle(text, rnd);
    }

    private static String problemQuery(Random rnd) {
        String text = problemText(rnd);
        return rnd.nextInt(4) == 0 ? "packed=" + Links.pack(text) : "problem=" + Http.enc(text);
    }

    /** A small network drawn at random, weights and learning rate from ordinary to overflowing. */
    private static ObjectNode randomProblem(Random rnd) {
        ObjectNode p = NODES.objectNode();
        ArrayNode layers = p.putArray("layers");
        int in = 1 + rnd.nextInt(3);
        layers.addObject().put("size", in);
        int depth = 1 + rnd.nextInt(3);
        double scale = new double[] {1, 10, 1e10, 1e100, 1e200, 1e307}[rnd.nextInt(6)];
        int prev = in;
        String[] activations = {"sigmoid", "tanh", "relu", "linear"};
        int out = 1 + rnd.nextInt(3);
        boolean softmax = rnd.nextInt(4) == 0;
        for (int l = 0; l < depth; l++) {
            int size = l == depth - 1 ? out : 1 + rnd.nextInt(4);
            ObjectNode layer = layers.addObject().put("size", size)
                    .put("activation", l == depth - 1 && softmax ? "softmax" : activations[rnd.nextInt(4)]);
            ArrayNode w = layer.putArray("weights");
            for (int j = 0; j < size; j++) {
                ArrayNode row = w.addArray();
                for (int i = 0; i < prev; i++) {
                    row.add((rnd.nextDouble() * 2 - 1) * scale);
                }
            }
            ArrayNode b = layer.putArray("biases");
            for (int j = 0; j < size; j++) {
                b.add(rnd.nextDouble() - 0.5);
            }
            prev = size;
        }
        p.put("loss", softmax ? "cross-entropy" : pick(rnd, "half-squared-error", "squared-error", "mean-squared-error"));
        p.put("learningRate", new double[] {0.1, 0.5, 10, 1e10, 1e300}[rnd.nextInt(5)]);
        p.put("epochs", 1 + rnd.nextInt(20));
        p.put("batchSize", 1 + rnd.nextInt(3));
        if (rnd.nextInt(3) == 0) {
            p.putObject("rounding").put(rnd.nextBoolean() ? "decimals" : "significant", 1 + rnd.nextInt(8));
        }
        ArrayNode samples = p.putArray("samples");
        for (int s = 1 + rnd.nextInt(4); s > 0; s--) {
            ObjectNode sample = samples.addObject();
            ArrayNode x = sample.putArray("input");
            for (int i = 0; i < in; i++) {
                x.add((rnd.nextDouble() * 2 - 1) * (rnd.nextBoolean() ? 1 : scale));
            }
            ArrayNode y = sample.putArray("target");
            for (int j = 0; j < out; j++) {
                y.add(softmax ? (j == 0 ? 1.0 : 0.0) : rnd.nextDouble());
            }
        }
        return p;
    }

    /** One to four changes to the tree: a value replaced by a hostile one, a member dropped, a list grown or shrunk. */
    private static JsonNode mutate(JsonNode root, Random rnd) {
        for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode c = containers.get(rnd.nextInt(containers.size()));
            if (c instanceof ObjectNode o) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                int what = rnd.nextInt(6);
                if (names.isEmpty() || what == 0) {
                    o.set(pick(rnd, "learningrate", "epoch", "note", "rounding", "given", "seed", "batchSize",
                            "optimizer", "a[1][0]", "z[1][0]", "delta[2][0]", word(rnd)), hostile(rnd, 0));
                } else if (what == 1) {
                    o.remove(names.get(rnd.nextInt(names.size())));
                } else {
                    o.set(names.get(rnd.nextInt(names.size())), hostile(rnd, 0));
                }
            } else if (c instanceof ArrayNode a) {
                int what = rnd.nextInt(5);
                if (a.isEmpty() || what == 0) {
                    a.add(hostile(rnd, 0));
                } else if (what == 1) {
                    a.remove(rnd.nextInt(a.size()));
                } else if (what == 2) {
                    JsonNode copy = a.get(rnd.nextInt(a.size()));
                    for (int k = rnd.nextInt(300); k > 0; k--) {
                        a.add(copy.deepCopy());
                    }
                } else {
                    a.set(rnd.nextInt(a.size()), hostile(rnd, 0));
                }
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.elements().forEachRemaining(child -> collect(child, out));
        }
    }

    private static JsonNode hostile(Random rnd, int depth) {
        return switch (rnd.nextInt(depth > 3 ? 14 : 18)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(rnd.nextBoolean());
            case 2 -> NODES.textNode(word(rnd));
            case 3 -> NODES.textNode("0.5");
            case 4 -> NODES.numberNode(new long[] {0, -1, 1, 2, 3, 256, 257, 5_001, 10_001, 50_001, Integer.MAX_VALUE,
                Long.MIN_VALUE}[rnd.nextInt(12)]);
            case 5 -> NODES.numberNode(new double[] {1e308, -1e308, 1e-320, Double.MIN_VALUE, 1e15, -0.0, 0.1, 1e300,
                0.5, -3.7}[rnd.nextInt(10)]);
            case 6 -> NODES.numberNode(new BigInteger("9".repeat(1 + rnd.nextInt(60))));
            case 7 -> NODES.textNode("x".repeat(rnd.nextInt(5_000)));
            case 8 -> NODES.numberNode(rnd.nextGaussian());
            case 9 -> NODES.numberNode(rnd.nextInt(5));
            case 10 -> NODES.textNode(pick(rnd, "sigmoid", "softmax", "relu", "cross-entropy", "updated", "sgd"));
            case 11 -> {
                ArrayNode many = NODES.arrayNode();
                for (int k = rnd.nextInt(3_000); k > 0; k--) {
                    many.add(rnd.nextDouble());
                }
                yield many;
            }
            case 12, 13 -> NODES.numberNode(rnd.nextDouble());
            case 14, 15 -> {
                ArrayNode a = NODES.arrayNode();
                for (int k = rnd.nextInt(4); k > 0; k--) {
                    a.add(hostile(rnd, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int k = rnd.nextInt(4); k > 0; k--) {
                    o.set(pick(rnd, "size", "activation", "weights", "biases", "input", "target", "decimals",
                            "significant", word(rnd)), hostile(rnd, depth + 1));
                }
                yield o;
            }
        };
    }

    /** Byte-level damage: cut short, a character dropped or added, a number made NaN or ∞ or huge, a BOM. */
    private static String mangle(String text, Random rnd) {
        int at = text.isEmpty() ? 0 : rnd.nextInt(text.length());
        return switch (rnd.nextInt(7)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + (at + 1 < text.length() ? text.substring(at + 1) : "");
            case 2 -> text.substring(0, at) + pick(rnd, "{", "}", "[", "]", ",", ":", "\"", "\\", "\u0000", "é", "\uD800")
                    + text.substring(at);
            case 3 -> text.replaceFirst("\\d+\\.\\d+", pick(rnd, "NaN", "Infinity", "-Infinity", "1e999", "-1e999",
                    "00.1", "1.", ".5", "0x10"));
            case 4 -> "\uFEFF" + text;
            case 5 -> text + pick(rnd, " {}", "x", ",", " ");
            default -> "[".repeat(rnd.nextInt(5_000)) + text;
        };
    }

    // ---- the other inputs ----

    private static String checkText(Random rnd) {
        ObjectNode body = NODES.objectNode();
        JsonNode problem = PROBLEMS.get(rnd.nextInt(PROBLEMS.size()));
        body.set("problem", rnd.nextInt(3) == 0 ? mutate(problem.deepCopy(), rnd) : problem);
        ObjectNode answers = body.putObject("answers");
        String[] keys = {"delta[2][0]", "delta[1][0]", "W[2][0][0]", "dW[1][0][1]", "b[1][0]", "z[1][0]", "a[2][1]",
            "loss", "lossAfter", "db[2][0]", "W[9][9][9]", "delta[2][0]@3", "x", ""};
        for (int k = rnd.nextInt(8); k > 0; k--) {
            answers.set(pick(rnd, keys), switch (rnd.nextInt(6)) {
                case 0 -> NODES.numberNode(rnd.nextGaussian());
                case 1 -> NODES.textNode(pick(rnd, "-0.0000505", "1.2e-3", "", "abc", "1e999", "0.1380", "−0.5"));
                case 2 -> NODES.numberNode(new double[] {1e300, -1e300, 1e-300, 0, 1e15}[rnd.nextInt(5)]);
                case 3 -> NODES.numberNode(new java.math.BigDecimal("0." + "1".repeat(1 + rnd.nextInt(80))));
                default -> hostile(rnd, 0);
            });
        }
        if (rnd.nextInt(10) == 0) {
            body.set(word(rnd), hostile(rnd, 0));
        }
        String text = body.toString();
        return rnd.nextInt(8) == 0 ? mangle(text, rnd) : text;
    }

    /** A class request, variants or marking (both fields are sent; each route refuses the other's). */
    private static String classText(Random rnd) {
        ObjectNode body = NODES.objectNode();
        ObjectNode exercise = PROBLEMS.get(rnd.nextInt(PROBLEMS.size())).deepCopy();
        for (JsonNode layer : exercise.path("layers")) {
            if (layer instanceof ObjectNode l && rnd.nextBoolean()) {
                l.remove(rnd.nextBoolean() ? "weights" : "biases");
            }
        }
        if (rnd.nextBoolean()) {
            exercise.put("samples", rnd.nextInt(4) == 0 ? rnd.nextInt(40) - 5 : 1);
        }
        body.set("exercise", rnd.nextInt(3) == 0 ? mutate(exercise, rnd) : exercise);
        String[] asks = {"delta", "W", "dW", "all", "loss", "z", "a[1][0]", "delta[2][0]", "W[9][9][9]", "x", ""};
        var ask = body.putArray("ask");
        for (int k = rnd.nextInt(4); k > 0; k--) {
            ask.add(rnd.nextInt(10) == 0 ? hostile(rnd, 0) : NODES.textNode(pick(rnd, asks)));
        }
        body.set("salt", rnd.nextInt(6) == 0 ? hostile(rnd, 0) : NODES.textNode(word(rnd)));
        var students = NODES.arrayNode();
        var submissions = NODES.arrayNode();
        for (int k = rnd.nextInt(6); k > 0; k--) {
            String id = rnd.nextInt(8) == 0 ? pick(rnd, "", " a", "a\tb", "s1") : "s" + rnd.nextInt(20);
            students.add(rnd.nextInt(12) == 0 ? hostile(rnd, 0) : NODES.textNode(id));
            ObjectNode sub = submissions.addObject().put("student", id);
            ObjectNode answers = sub.putObject("answers");
            answers.put(pick(rnd, "delta[2][0]", "W[1][0][0]", "z[1][0]", "x"), pick(rnd, "0.1", "", "abc", "1e999"));
        }
        body.set("students", students);
        body.set("submissions", submissions);
        String text = body.toString();
        return rnd.nextInt(8) == 0 ? mangle(text, rnd) : text;
    }

    private static String pageParams(Random rnd) {
        StringBuilder sb = new StringBuilder();
        if (rnd.nextBoolean()) {
            sb.append("&digits=").append(Http.enc(pick(rnd, "3", "9", "17", "-1", "0", "99999999999", "x", "")));
        }
        if (rnd.nextInt(3) == 0) {
            sb.append("&neuron=").append(Http.enc(pick(rnd, "h1", "o1", "h3", "x1", "<script>", "h999999", "")))
                    .append("&from=").append(Http.enc(pick(rnd, "0", "32", "-5", "99999999999", "x")));
        }
        return sb.toString();
    }

    private static String worksheetParams(Random rnd) {
        StringBuilder sb = new StringBuilder();
        if (rnd.nextBoolean()) {
            sb.append("&ask=").append(pick(rnd, "deltas", "gradients", "updates", "all", "x", ""));
        }
        for (int k = rnd.nextInt(4); k > 0; k--) {
            sb.append("&q=").append(Http.enc(pick(rnd, "delta[2][0]", "W[2][0][0]", "z[1][0]", "nope", "W[99][0][0]")));
        }
        return sb.toString() + (rnd.nextBoolean() ? "&digits=" + rnd.nextInt(30) : "");
    }

    private static String worksheetForm(Random rnd) {
        StringBuilder sb = new StringBuilder("problem=").append(Http.enc(problemText(rnd)));
        sb.append(worksheetParams(rnd));
        for (int k = rnd.nextInt(6); k > 0; k--) {
            sb.append("&").append(Http.enc("answer:" + pick(rnd, "delta[2][0]", "delta[1][1]", "W[2][0][0]", "b[1][0]",
                    "x"))).append('=').append(Http.enc(pick(rnd, "0.1385", "-0.0105", "abc", "1e999", "", "9".repeat(90),
                    String.valueOf(rnd.nextGaussian()))));
        }
        sb.append("&action=").append(Http.enc(pick(rnd, "mark", "hint:delta[2][0]", "show:W[2][0][0]", "hint:nope", "")));
        return sb.toString();
    }

    private static String formBody(Random rnd) {
        Map<String, String> form = new LinkedHashMap<>(formFields);
        for (int k = rnd.nextInt(6); k > 0; k--) {
            List<String> names = new ArrayList<>(form.keySet());
            String name = rnd.nextInt(3) == 0
                    ? pick(rnd, "layers[" + rnd.nextInt(12) + "].size", "layers[1].weights[" + rnd.nextInt(300) + "]["
                            + rnd.nextInt(300) + "]", "samples[" + rnd.nextInt(12_000) + "].input[" + rnd.nextInt(300) + "]",
                            "given[" + rnd.nextInt(5) + "].key", "layers[1].activation", "rounding.kind", "samples", "json")
                    : names.get(rnd.nextInt(names.size()));
            form.put(name, pick(rnd, "", "abc", "-5", "0", "1e999", "99999", "257", "0.1", "1 2 | 3\n4 5 | 6", "W[1][0][0]",
                    "softmax", "significant", "{\"layers\": 5}", "x".repeat(2_000), String.valueOf(rnd.nextGaussian())));
        }
        form.put("action", pick(rnd, "solve", "add-layer", "remove-layer:1", "add-neuron:1", "remove-neuron:2",
                "add-sample", "remove-sample:0", "add-given", "remove-given:0", "resize", "load-json", "add-neuron:9999",
                "nope"));
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(Http.enc(k)).append('=').append(Http.enc(v)));
        return sb.toString();
    }

    private static String packed(Random rnd) {
        String packed = Links.pack(problemText(rnd));
        return switch (rnd.nextInt(4)) {
            case 0 -> packed.substring(0, rnd.nextInt(packed.length() + 1));
            case 1 -> Http.enc(word(rnd));
            case 2 -> Http.enc(packed + "%%");
            default -> packed;
        };
    }

    /** A request no client of this app sends: another method, path or content type, or a body that is not what it says. */
    private static Request hostile(Random rnd) {
        String path = pick(rnd, "/api/solve", "/api/check", "/api/health", "/", "/solve", "/worksheet", "/solve.tex",
                "/assets/workbook.css", "/assets/../pom.xml", "/nope", "/api/", "//solve", "/solve/", "/%2e%2e/");
        String method = pick(rnd, "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE");
        String type = pick(rnd, "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b",
                "text/plain", "application/json; charset=latin1", "application/problem+json", "*/*", "");
        byte[] body = switch (rnd.nextInt(5)) {
            case 0 -> new byte[0];
            case 1 -> problemText(rnd).getBytes(StandardCharsets.UTF_8);
            case 2 -> {
                byte[] b = new byte[rnd.nextInt(3_000)];
                rnd.nextBytes(b);
                yield b;
            }
            case 3 -> ("--b\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\n" + word(rnd))
                    .getBytes(StandardCharsets.UTF_8);
            default -> ("{\"problem\": " + problemText(rnd)).getBytes(StandardCharsets.UTF_8);
        };
        return new Request(method, path + (rnd.nextBoolean() ? "" : "?problem=" + Http.enc(word(rnd))), type, body);
    }

    private static String word(Random rnd) {
        String[] parts = {"x", "layers", "sigmoid", "é", "<b>", "\"", "'", "&", "%", "0", "-", "[1]", " ", "…", "🙂"};
        StringBuilder sb = new StringBuilder();
        for (int k = rnd.nextInt(6); k >= 0; k--) {
            sb.append(parts[rnd.nextInt(parts.length)]);
        }
        return sb.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random rnd, T... choices) {
        return choices[rnd.nextInt(choices.length)];
    }

    private static Request get(String pathAndQuery) {
        return new Request("GET", pathAndQuery, "", new byte[0]);
    }

    private static Request post(String path, String type, String body) {
        return new Request("POST", path, type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A request to send: its method, path and query, content type (none when empty) and body. */
    private record Request(String method, String pathAndQuery, String type, byte[] body) {
        String path() {
            int q = pathAndQuery.indexOf('?');
            return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        }

        HttpRequest.Builder build() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .method(method, body.length == 0 && (method.equals("GET") || method.equals("HEAD"))
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            return type.isEmpty() ? b : b.header("Content-Type", type);
        }

        String describe() {
            String shown = pathAndQuery.length() > 160 ? pathAndQuery.substring(0, 160) + "…" : pathAndQuery;
            String text = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return method + " " + shown + (body.length == 0 ? "" : " [" + type + "] " + text + (body.length > 160 ? "…" : ""));
        }
    }
}
