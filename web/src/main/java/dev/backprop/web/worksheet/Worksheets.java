package dev.backprop.web.worksheet;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.check.CheckResult;
import dev.backprop.engine.check.Checker;
import dev.backprop.engine.check.Marking;
import dev.backprop.engine.json.Limits;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.web.Json;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Worked;
import dev.backprop.web.Caching;
import dev.backprop.web.PageCache;
import dev.backprop.web.Pages;
import dev.backprop.web.SolveGate;
import dev.backprop.web.view.Links;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The worksheet's routes: {@code GET /worksheet?problem=<JSON>[&ask=deltas|gradients|updates|all][&q=<key>…]}
 * draws the worked solution with blanks (the link a teacher hands out); {@code POST /worksheet}
 * marks the answers typed into it and draws it again with the marks, every answer kept. Handlers
 * read the request, ask the engine, and render {@link WorksheetPage}. Solving and marking go
 * through the server's {@link SolveGate}; when every core is busy the answer is the busy page (503).
 *
 * <pre>{@code
 * Javalin.create(config -> Worksheets.register(config));
 * }</pre>
 */
public final class Worksheets {
    /** The worksheet's path. */
    public static final String PATH = "/worksheet";
    /** The link's and forms' parameter for the share of a mark an answer carried forward earns, 0 to 1. */
    public static final String CARRIED_FORWARD = "cf";
    /** The longest answer read; a longer one is refused at its blank. */
    static final int MAX_ANSWER_LENGTH = 64;

    private static final String HTML = "text/html; charset=utf-8";
    private static final PageCache BLANK_SHEETS = new PageCache(128, 16L << 20);

    private Worksheets() {
    }

    /** Registers the routes. */
    public static void register(JavalinConfig config) {
        // Reading the problem, solving, marking and drawing all take their turn at the gate.
        config.routes.get(PATH, SolveGate.gated(Worksheets::blank));
        config.routes.post(PATH, SolveGate.gated(Worksheets::submit));
    }

    /** The link to a blank worksheet, with the default share of a mark for answers carried forward. */
    public static String link(String json, Blanks.Ask ask, List<String> chosen, NumberStyle style) {
        return link(json, ask, chosen, style, Marking.DEFAULT_CARRIED_FORWARD);
    }

    /** The link to a blank worksheet; {@code cf} is the share of a mark an answer carried forward earns. */
    public static String link(String json, Blanks.Ask ask, List<String> chosen, NumberStyle style, double cf) {
        StringBuilder sb = new StringBuilder(PATH + "?" + Links.problemQuery(json));
        if (ask == Blanks.Ask.CHOSEN) {
            for (String q : chosen) {
                sb.append("&q=").append(Links.encode(q));
            }
        } else {
            sb.append("&ask=").append(ask.id());
        }
        if (style.digits() != NumberStyle.DEFAULT.digits()) {
            sb.append("&digits=").append(style.digits());
        }
        if (cf != Marking.DEFAULT_CARRIED_FORWARD) {
            sb.append("&" + CARRIED_FORWARD + "=").append(WorksheetPage.marks(cf));
        }
        return sb.toString();
    }

    /** GET: the blank worksheet. */
    static void blank(Context ctx) throws InterruptedException {
        // A blank worksheet depends on its URL only, so a class opening the teacher's link is served
        // one solve and one rendering.
        String url = Pages.absolute(ctx, PATH + "?" + ctx.queryString());
        byte[] cached = BLANK_SHEETS.get(url);
        if (cached != null) {
            ctx.header("Cache-Control", Caching.PAGE);
            ctx.status(HttpStatus.OK).contentType(HTML).result(cached);
            return;
        }
        String text = Pages.problemText(ctx);
        if (text == null) {
            ctx.redirect(Links.FORM, HttpStatus.SEE_OTHER);
            return;
        }
        Sheet sheet = Sheet.read(ctx, text, ctx.queryParam("ask"), ctx.queryParams("q"), ctx.queryParam("digits"),
                ctx.queryParam(CARRIED_FORWARD));
        if (sheet == null) {
            return;
        }
        byte[] page = WorksheetPage.render(sheet.model(Map.of(), Map.of(), null, Set.of(), Set.of()))
                .getBytes(StandardCharsets.UTF_8);
        BLANK_SHEETS.put(url, page);
        ctx.header("Cache-Control", Caching.PAGE);
        ctx.status(HttpStatus.OK).contentType(HTML).result(page);
    }

    /** POST: marks the answers and draws the worksheet again; a hint or worked-step button asks for more of one blank. */
    static void submit(Context ctx) throws InterruptedException {
        Map<String, List<String>> params = ctx.formParamMap();
        String text = first(params, "problem");
        if (text.isBlank()) {
            ctx.redirect(Links.FORM, HttpStatus.SEE_OTHER);
            return;
        }
        Sheet sheet = Sheet.read(ctx, text, first(params, "ask"), params.getOrDefault("q", List.of()), first(params, "digits"),
                first(params, CARRIED_FORWARD));
        if (sheet == null) {
            return;
        }
        Blanks blanks = sheet.blanks();
        Set<String> hinted = new LinkedHashSet<>(only(blanks, params.getOrDefault("hinted", List.of())));
        Set<String> shown = new LinkedHashSet<>(only(blanks, params.getOrDefault("shown", List.of())));
        String action = first(params, "action");
        if (action.startsWith("hint:") && blanks.contains(action.substring(5))) {
            hinted.add(action.substring(5));
        } else if (action.startsWith("show:") && blanks.contains(action.substring(5))) {
            hinted.add(action.substring(5));
            shown.add(action.substring(5));
        }
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, BigDecimal> answers = new LinkedHashMap<>();
        for (String key : blanks.keys()) {
            String value = first(params, WorksheetPage.ANSWER + key).strip();
            if (value.isEmpty()) {
                continue;
            }
            if (value.length() > MAX_ANSWER_LENGTH) {
                value = value.substring(0, MAX_ANSWER_LENGTH);
                errors.put(key, "This answer is longer than " + MAX_ANSWER_LENGTH + " characters.");
                typed.put(key, value);
                continue;
            }
            typed.put(key, value);
            BigDecimal d = Checker.parse(value);
            if (d == null) {
                errors.put(key, "“" + value + "” is not a number; write it like 0.1385, -0.0105 or 1.2e-3.");
            } else {
                answers.put(key, d);
            }
        }
        CheckResult result = null;
        // An answer the checker refuses (too many digits) is reported at its blank and the rest marked.
        for (int attempt = 0; attempt < 2 && !answers.isEmpty(); attempt++) {
            try {
                Optional<CheckResult> marked = SolveGate.run(() -> sheet.key().check(answers, sheet.options()));
                if (marked.isEmpty()) {
                    Pages.busy(ctx);
                    return;
                }
                result = marked.get();
                break;
            } catch (ProblemException e) {
                boolean moved = false;
                for (FieldError f : e.errors()) {
                    String key = f.field().startsWith("answers.") ? f.field().substring("answers.".length()) : "";
                    if (answers.remove(key) != null) {
                        errors.put(key, "This answer " + f.message() + ".");
                        moved = true;
                    }
                }
                if (!moved) {
                    html(ctx, HttpStatus.BAD_REQUEST, WorksheetPage.refused(text, e.errors()));
                    return;
                }
            }
        }
        html(ctx, errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
                WorksheetPage.render(sheet.model(typed, errors, result, hinted, shown)));
    }

    private static List<String> only(Blanks blanks, List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (blanks.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0);
    }

    private static void html(Context ctx, HttpStatus status, String page) {
        ctx.status(status).contentType(HTML).result(page);
    }

    /**
     * A worksheet read from a request: the problem solved (for the page and as the answer key),
     * the blanks chosen, the marking options and the link to hand out.
     */
    private record Sheet(Problem problem, Worked worked, AnswerKey key, String json, Blanks blanks, List<String> chosen,
                         NumberStyle style, AnswerKey.Options options, String link) {

        /**
         * Reads and solves the problem, or answers the request with the refusal page (400) or the
         * busy page (503) and returns null.
         */
        static @Nullable Sheet read(Context ctx, String text, @Nullable String askParam, List<String> q,
                                     @Nullable String digits, @Nullable String cf) throws InterruptedException {
            Problem problem;
            Worked worked;
            AnswerKey key;
            String json;
            double share = Marking.DEFAULT_CARRIED_FORWARD;
            if (cf != null && !cf.isBlank()) {
                BigDecimal d = Checker.parse(cf);
                if (d == null || d.signum() < 0 || d.compareTo(BigDecimal.ONE) > 0) {
                    html(ctx, HttpStatus.BAD_REQUEST, WorksheetPage.refused(text, List.of(new FieldError(CARRIED_FORWARD,
                            "the marks for an answer carried forward must be a number from 0 to 1, was \""
                                    + (cf.length() > 40 ? cf.substring(0, 40) + "…" : cf) + "\""))));
                    return null;
                }
                share = d.doubleValue();
            }
            try {
                problem = ProblemJson.read(text, Limits.SERVER);
                json = Json.write(Json.tree(text));
                Optional<Worked> solved = SolveGate.run(() -> Worked.solve(problem));
                Optional<AnswerKey> answers = solved.isEmpty() ? Optional.empty() : SolveGate.run(() -> AnswerKey.of(problem));
                if (solved.isEmpty() || answers.isEmpty()) {
                    Pages.busy(ctx);
                    return null;
                }
                worked = solved.get();
                key = answers.get();
            } catch (ProblemException e) {
                html(ctx, HttpStatus.BAD_REQUEST, WorksheetPage.refused(text, e.errors()));
                return null;
            }
            List<String> chosen = new ArrayList<>(new LinkedHashSet<>(q));
            // ticking quantities one by one overrides the choice of a whole kind
            Blanks.Ask ask = chosen.isEmpty() ? Blanks.Ask.of(askParam) : Blanks.Ask.CHOSEN;
            if (ask == Blanks.Ask.CHOSEN && chosen.isEmpty()) {
                ask = Blanks.Ask.ALL;
            }
            Blanks blanks = Blanks.of(worked, ask, chosen);
            NumberStyle style = NumberStyle.of(digits);
            // the feedback gives away the value of no blank on the page
            AnswerKey.Options options = AnswerKey.Options.DEFAULT.withCarriedForward(share).withAsked(blanks.keys());
            return new Sheet(problem, worked, key, json, blanks, ask == Blanks.Ask.CHOSEN ? blanks.keys() : List.of(), style,
                    options, Pages.absolute(ctx, Worksheets.link(json, ask, blanks.keys(), style, share)));
        }

        WorksheetPage.Model model(Map<String, String> typed, Map<String, String> errors, @Nullable CheckResult result,
                                  Set<String> hinted, Set<String> shown) {
            return new WorksheetPage.Model(worked, json, blanks, chosen, style, typed, errors, result, hinted, shown, link,
                    key.rule(options), options.carriedForward());
        }
    }
}
