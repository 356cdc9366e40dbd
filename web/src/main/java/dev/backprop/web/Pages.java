package dev.backprop.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.engine.json.Limits;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.json.SolutionJson;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.render.Conventions;
import dev.backprop.engine.render.Exports;
import dev.backprop.engine.render.Notation;
import dev.backprop.engine.render.NumberStyle;
import dev.backprop.engine.render.Selection;
import dev.backprop.engine.render.Worked;
import dev.backprop.engine.train.Solver;
import dev.backprop.web.form.FormEdits;
import dev.backprop.web.form.FormState;
import dev.backprop.web.form.Presets;
import dev.backprop.web.form.Submission;
import dev.backprop.web.view.ErrorPage;
import dev.backprop.web.view.FormPage;
import dev.backprop.web.view.Links;
import dev.backprop.web.view.WorkedPage;
import dev.backprop.web.worksheet.Blanks;
import dev.backprop.web.worksheet.Worksheets;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The human-facing pages, registered on the app's configuration: the problem form, the worked
 * solution (a permanent link: the URL holds the whole problem) and its exports. Handlers are a
 * few lines each: read the request, then — inside the {@link SolveGate} — ask the engine and render
 * a view; a problem the engine refuses comes back as the form with HTTP 400, never a server error.
 *
 * <ul>
 *   <li>{@code GET /} — the form, with the seed's example ({@code ?preset=id} for another,
 *       {@code ?problem=<JSON>} or {@code ?packed=…} to edit a problem)</li>
 *   <li>{@code POST /} — the form's buttons: an edit redraws it, "Solve" redirects to the worked page
 *       (or, for a problem whose link is too long to redirect to, answers it at once)</li>
 *   <li>{@code GET /solve?problem=<JSON>[&digits=9][&neuron=h3&from=32]} (or {@code ?packed=…}) — the worked solution</li>
 *   <li>{@code GET /solve.tex}, {@code /solve.md}, {@code /solve.json} — LaTeX, Markdown, the {@code /api/solve} answer</li>
 *   <li>{@code /assets/*} — the stylesheet</li>
 * </ul>
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config -> { Pages.register(config); ... });
 * }</pre>
 */
public final class Pages {
    /**
     * The longest link the form's Solve redirects to. Longer ones are beyond what proxies and address
     * bars reliably carry, so the worked page is answered at once instead (its permanent link still works here).
     */
    static final int MAX_REDIRECT = 8_000;
    /**
     * Request headers (the link included) may be this long, so that the packed link of every problem
     * the form accepts (its body is at most {@link App#MAX_BODY_BYTES}) is a link this server opens.
     */
    static final int MAX_HEADER = 1 << 20;
    /** Response headers may be this long: a redirect to {@link #MAX_REDIRECT} characters and the other headers. */
    static final int MAX_RESPONSE_HEADER = 16 * 1024;

    private static final String HTML = "text/html; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    /** Worked pages served lately, by URL: up to 256 pages and 32 MB. */
    private static final PageCache WORKED_PAGES = new PageCache(256, 32L << 20);

    private Pages() {
    }

    /** Registers the pages, their routes and the static stylesheet. */
    public static void register(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/public";
            files.location = Location.CLASSPATH;
        });
        config.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(Math.max(http.getRequestHeaderSize(), MAX_HEADER));
            http.setResponseHeaderSize(Math.max(http.getResponseHeaderSize(), MAX_RESPONSE_HEADER));
        });
        config.routes.get("/", Pages::form);
        config.routes.post("/", SolveGate.gated(Pages::submit));
        config.routes.get("/solve", Pages::solve);
        config.routes.get("/solve.tex", SolveGate.gated(ctx -> export(ctx, "tex")));
        config.routes.get("/solve.md", SolveGate.gated(ctx -> export(ctx, "md")));
        config.routes.get("/solve.txt", SolveGate.gated(ctx -> export(ctx, "txt")));
        config.routes.get("/solve.json", SolveGate.gated(ctx -> export(ctx, "json")));
    }

    /**
     * The problem a link carries: the JSON of {@code ?problem=}, or {@code ?packed=} unpacked (at most
     * a request body's worth); null when it carries neither. A damaged packed problem is refused at
     * {@code packed}.
     */
    public static @Nullable String problemText(Context ctx) {
        String text = ctx.queryParam(Links.PROBLEM);
        if (text != null && !text.isBlank()) {
            return text;
        }
        String packed = ctx.queryParam(Links.PACKED);
        if (packed != null && !packed.isBlank()) {
            return Links.unpack(packed, (int) App.MAX_BODY_BYTES);
        }
        damaged(ctx.queryString());
        return null;
    }

    /**
     * Refuses a link whose problem is there but could not be decoded (a broken escape such as
     * {@code %ZZ}, cut off mid-character), which would otherwise read as no problem at all.
     */
    private static void damaged(@Nullable String query) {
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if ((name.equals(Links.PROBLEM) || name.equals(Links.PACKED)) && eq >= 0 && eq < pair.length() - 1) {
                throw ProblemException.of(name, "could not be read from the link: it is damaged (an escape such as"
                        + " %7B must be % and two hex digits); copy the whole link again, or paste the problem into the form");
            }
        }
    }

    /** GET /: the form with a preset, or with a problem to edit. */
    static void form(Context ctx) throws InterruptedException {
        String problem = problemText(ctx);
        String presetId = ctx.queryParam("preset");
        if (problem != null) {
            SolveGate.within(ctx, () -> showJson(ctx, problem, List.of(), 0, "", HttpStatus.OK));
            return;
        }
        Presets.Preset preset = presetId == null ? Presets.first() : Presets.byId(presetId).orElse(null);
        String notice = "";
        if (preset == null) {
            notice = "There is no preset called “" + presetId + "”; here is the seed's example.";
            preset = Presets.first();
        } else if (presetId != null) {
            notice = "Loaded the preset “" + preset.title() + "”.";
        }
        FormState state = FormState.fromJson(Json.tree(preset.json()));
        // a preset opens in its own notation (Mazur's in his), the default form in the one asked for
        state.notation = presetId == null ? profile(ctx).id() : preset.notation().id();
        html(ctx, HttpStatus.OK, FormPage.render(new FormPage.Model(state, List.of(), notice, pretty(state))));
        ctx.header("Cache-Control", Caching.REVALIDATE);
    }

    /** POST / (inside the gate): an edit redraws the form; "Solve" checks it and goes to the worked page. */
    static void submit(Context ctx) {
        Map<String, List<String>> params = ctx.formParamMap();
        FormState state = FormState.fromParams(params);
        String action = first(params, "action", "solve");
        if (action.equals("load-json")) {
            showJson(ctx, first(params, "json", ""), List.of(), 0, "Loaded the JSON into the form.", HttpStatus.OK);
            return;
        }
        if (action.equals("worksheet") || action.equals("class")) {
            Submission sheet = Submission.check(state);
            if (sheet.ok()) {
                String json = compact(sheet.json());
                // the teacher's page starts from this problem, its numbers to be drawn for each student
                String target = action.equals("class") ? Links.CLASS + "?" + Links.problemQuery(json)
                        : Worksheets.link(json, Blanks.Ask.ALL, List.of(), NumberStyle.DEFAULT);
                ctx.redirect(Links.withNotation(target, state.profile()), HttpStatus.SEE_OTHER);
                return;
            }
            html(ctx, HttpStatus.BAD_REQUEST, FormPage.render(new FormPage.Model(state, sheet.errors(), sheet.more(), "",
                    pretty(state))));
            return;
        }
        if (FormEdits.isEdit(action)) {
            String notice = FormEdits.apply(state, action);
            html(ctx, HttpStatus.OK, FormPage.render(new FormPage.Model(state, List.of(), notice, pretty(state))));
            return;
        }
        Submission sub = Submission.check(state);
        if (!sub.ok()) {
            html(ctx, HttpStatus.BAD_REQUEST, FormPage.render(new FormPage.Model(state, sub.errors(), sub.more(), "",
                    pretty(state))));
            return;
        }
        // The problem as typed (weights left out stay left out, so a big random network's link stays short).
        String json = compact(sub.json());
        String url = Links.solve(json, state.profile());
        if (url.length() <= MAX_REDIRECT) {
            ctx.redirect(url, HttpStatus.SEE_OTHER);
            return;
        }
        worked(ctx, sub.problem(), json, json, null, state.profile());
    }

    /** GET /solve: the worked solution, or the form with the problem's mistakes (400). */
    static void solve(Context ctx) throws InterruptedException {
        // A worked page depends on its URL only (and the public address its links name): a class opening
        // the same link is served one rendering, without even unpacking its problem again.
        String key = absolute(ctx, Links.SOLVE + "?" + ctx.queryString());
        byte[] cached = WORKED_PAGES.get(key);
        if (cached != null) {
            ctx.header("Cache-Control", Caching.PAGE);
            ctx.status(HttpStatus.OK).contentType(HTML).result(cached);
            return;
        }
        String text = problemText(ctx);
        if (text == null) {
            ctx.redirect(Links.FORM, HttpStatus.SEE_OTHER);
            return;
        }
        SolveGate.within(ctx, () -> {
            Problem problem;
            try {
                problem = ProblemJson.read(text, Limits.SERVER);
            } catch (ProblemException e) {
                showJson(ctx, text, e.errors(), e.more(), "", HttpStatus.BAD_REQUEST);
                return;
            }
            worked(ctx, problem, compact(Json.tree(text)), text, key, profile(ctx));
        });
    }

    /** The notation a page asks for ({@code notation=mazur}), the seed's when none or an unknown one is named. */
    static Notation.Profile profile(Context ctx) {
        String named = ctx.queryParam(WorkedPage.NOTATION);
        if (named == null && ctx.method() == HandlerType.POST) {
            named = ctx.formParam(WorkedPage.NOTATION);
        }
        return Notation.Profile.byId(named).orElse(Notation.Profile.SEED);
    }

    /** How far a worked page goes step by step ({@code step=k}), 0 for the whole page. */
    static int step(Context ctx) {
        String k = ctx.queryParam(WorkedPage.STEP);
        return k != null && k.matches("\\d{1,5}") ? Integer.parseInt(k) : 0;
    }

    /** The worked page (inside the gate), kept under its URL when it has one; the form with the message when training fails. */
    private static void worked(Context ctx, Problem problem, String json, String typed, @Nullable String cacheKey,
                               Notation.Profile profile) {
        Worked w;
        try {
            w = Worked.solve(problem, profile);
        } catch (ProblemException e) {
            showJson(ctx, typed, e.errors(), e.more(), "The engine could not finish this problem:", HttpStatus.BAD_REQUEST);
            return;
        }
        NumberStyle style = NumberStyle.of(ctx.queryParam("digits"));
        Selection sel = Selection.of(w, ctx.queryParam("neuron"), ctx.queryParam("from"));
        String link = absolute(ctx, Links.solve(json, profile));
        byte[] page = WorkedPage.render(w, new WorkedPage.Options(style, json, sel, link, step(ctx))).getBytes(StandardCharsets.UTF_8);
        if (cacheKey != null) {
            WORKED_PAGES.put(cacheKey, page);
            ctx.header("Cache-Control", Caching.PAGE);
        }
        ctx.status(HttpStatus.OK).contentType(HTML).result(page);
    }

    /** GET /solve.tex, .md, .txt, .json (inside the gate): the exports, as files to keep; refusals in the export's form (text or JSON). */
    static void export(Context ctx, String format) {
        String text = problemText(ctx);
        if (text == null) {
            throw ProblemException.of(Links.PROBLEM, "is missing: give the problem as ?problem=<JSON>");
        }
        Problem problem = ProblemJson.read(text, Limits.SERVER);
        String json = compact(Json.tree(text));
        // A file is read away from the site: it names the page only on a public address, never a bare path.
        Notation.Profile profile = profile(ctx);
        String link = App.publicUrl(ctx).isEmpty() ? "" : absolute(ctx, Links.solve(json, profile));
        NumberStyle style = NumberStyle.of(ctx.queryParam("digits"));
        String neuron = ctx.queryParam("neuron");
        String answer = switch (format) {
            case "tex" -> {
                Worked w = Worked.solve(problem, profile);
                yield Exports.latex(w, Selection.of(w, neuron, null), style, link);
            }
            case "md" -> {
                Worked w = Worked.solve(problem, profile);
                yield Exports.markdown(w, Selection.of(w, neuron, null), style, link);
            }
            case "txt" -> {
                Worked w = Worked.solve(problem, profile);
                yield Exports.text(w, Selection.of(w, neuron, null), style, link);
            }
            default -> SolutionJson.toJson(Solver.solve(problem));
        };
        ctx.header("Cache-Control", Caching.PAGE);
        // A file named for the network and the notation (worked-solution-2-2-2-mazur.tex): saved when the
        // page's download buttons ask (download=1), shown in the browser when the address is opened
        String disposition = ctx.queryParam("download") != null ? "attachment" : "inline";
        ctx.header("Content-Disposition", disposition + "; filename=\"" + fileName(problem, profile, format) + "\"");
        ctx.contentType(format.equals("json") ? "application/json" : TEXT).result(answer);
    }

    /** An export's file name: the network's shape and, when it is not the seed's, the notation. */
    static String fileName(Problem problem, Notation.Profile profile, String format) {
        return "worked-solution-" + Conventions.shape(problem.network())
                + (profile == Notation.Profile.SEED ? "" : "-" + profile.id()) + "." + format;
    }

    /** The page when every core is busy, for every page route: try again shortly (503, never a hung request). */
    public static void busy(Context ctx) {
        ctx.header("Retry-After", SolveGate.RETRY_AFTER_SECONDS);
        ctx.header("Cache-Control", Caching.NO_STORE);
        html(ctx, HttpStatus.SERVICE_UNAVAILABLE, ErrorPage.render(503, SolveGate.busy(ctx).errors(), 0));
    }

    /** The form filled from JSON text (as far as it can be read), with errors; the text is kept in the JSON box. */
    private static void showJson(Context ctx, String text, List<FieldError> errors, long more, String notice,
                                           HttpStatus status) {
        JsonNode tree = null;
        List<FieldError> all = new ArrayList<>(errors);
        try {
            tree = Json.tree(text);
        } catch (ProblemException e) {
            if (all.isEmpty()) {
                all.addAll(e.errors());
            }
        }
        FormState state = tree == null
                ? FormState.fromJson(Json.tree(Presets.first().json()))
                : FormState.fromJson(tree);
        state.notation = profile(ctx).id();
        if (tree != null && status == HttpStatus.OK && all.isEmpty()) {
            try {
                Json.problem(tree);
            } catch (ProblemException e) {
                all.addAll(e.errors());
                more = e.more();
                status = HttpStatus.BAD_REQUEST;
            }
        }
        if (tree == null) {
            status = HttpStatus.BAD_REQUEST;
            notice = "The JSON could not be read, so the form shows the seed's example; your text is in the JSON box below.";
        }
        html(ctx, status, FormPage.render(new FormPage.Model(state, all, more, notice, text)));
    }

    /** JSON text without spaces, for URLs. */
    private static String compact(JsonNode tree) {
        return Json.write(tree);
    }

    private static String pretty(FormState state) {
        return Json.pretty(state.toJson().json());
    }

    private static String first(Map<String, List<String>> params, String name, String fallback) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(0);
    }

    /**
     * The path as the link a page or an export writes: on the configured public address
     * ({@code PUBLIC_URL}) when there is one, else relative. Never on the request's {@code Host}.
     */
    public static String absolute(Context ctx, String path) {
        return App.publicUrl(ctx) + path;
    }

    private static void html(Context ctx, HttpStatus status, String page) {
        ctx.status(status).contentType(HTML).result(page);
    }
}
