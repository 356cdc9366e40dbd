package dev.backprop.web;

import static j2html.TagCreator.h1;
import static j2html.TagCreator.main;
import static j2html.TagCreator.p;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import dev.backprop.web.view.FormPage;
import dev.backprop.web.view.Layout;
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
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The human-facing pages, registered on the app's configuration: the problem form, the worked
 * solution (a permanent link: the URL holds the whole problem) and its exports. Handlers are a
 * few lines each: read the request, ask the engine, render a view; a problem the engine refuses
 * comes back as the form with HTTP 400, never a server error.
 *
 * <ul>
 *   <li>{@code GET /} — the form, with the seed's example ({@code ?preset=id} for another,
 *       {@code ?problem=<JSON>} to edit a problem)</li>
 *   <li>{@code POST /} — the form's buttons: an edit redraws it, "Solve" redirects to the worked page</li>
 *   <li>{@code GET /solve?problem=<JSON>[&digits=9][&neuron=h3&from=32]} — the worked solution</li>
 *   <li>{@code GET /solve.tex}, {@code /solve.md}, {@code /solve.json} — LaTeX, Markdown, the {@code /api/solve} answer</li>
 *   <li>{@code /assets/*} — the stylesheet</li>
 * </ul>
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config -> { Pages.register(config); ... });
 * }</pre>
 */
public final class Pages {
    /** Longest URL a worked page is redirected to; a longer problem's page is sent straight back instead. */
    static final int MAX_URL = 200_000;
    /** Request headers may be this long, so that permanent links of problems up to the engine's limits work. */
    static final int MAX_HEADER = 256 * 1024;

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
        config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(Math.max(http.getRequestHeaderSize(), MAX_HEADER)));
        config.routes.get("/", Pages::form);
        config.routes.post("/", Pages::submit);
        config.routes.get("/solve", Pages::solve);
        config.routes.get("/solve.tex", ctx -> export(ctx, "tex"));
        config.routes.get("/solve.md", ctx -> export(ctx, "md"));
        config.routes.get("/solve.txt", ctx -> export(ctx, "txt"));
        config.routes.get("/solve.json", ctx -> export(ctx, "json"));
    }

    /** GET /: the form with a preset, or with a problem to edit. */
    static void form(Context ctx) {
        String problem = ctx.queryParam("problem");
        String presetId = ctx.queryParam("preset");
        if (problem != null) {
            showJson(ctx, problem, List.of(), "", HttpStatus.OK);
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
        FormState state = FormState.fromJson(ProblemJson.parse(preset.json()));
        state.notation = presetId == null && ctx.queryParam(WorkedPage.NOTATION) != null ? profile(ctx).id() : preset.notation().id();
        html(ctx, HttpStatus.OK, FormPage.render(new FormPage.Model(state, List.of(), notice, pretty(state))));
    }

    /** POST /: an edit redraws the form; "Solve" checks it and goes to the worked page. */
    static void submit(Context ctx) throws InterruptedException {
        Map<String, List<String>> params = ctx.formParamMap();
        FormState state = FormState.fromParams(params);
        String action = first(params, "action", "solve");
        if (action.equals("load-json")) {
            showJson(ctx, first(params, "json", ""), List.of(), "Loaded the JSON into the form.", HttpStatus.OK);
            return;
        }
        if (action.equals("worksheet")) {
            Submission sheet = Submission.check(state);
            if (sheet.ok()) {
                ctx.redirect(Links.withNotation(Worksheets.link(compact(sheet.json()), Blanks.Ask.ALL, List.of(), NumberStyle.DEFAULT),
                        state.profile()), HttpStatus.SEE_OTHER);
                return;
            }
            html(ctx, HttpStatus.BAD_REQUEST, FormPage.render(new FormPage.Model(state, sheet.errors(), "", pretty(state))));
            return;
        }
        if (FormEdits.isEdit(action)) {
            String notice = FormEdits.apply(state, action);
            html(ctx, HttpStatus.OK, FormPage.render(new FormPage.Model(state, List.of(), notice, pretty(state))));
            return;
        }
        Submission sub = Submission.check(state);
        if (!sub.ok()) {
            html(ctx, HttpStatus.BAD_REQUEST, FormPage.render(new FormPage.Model(state, sub.errors(), "", pretty(state))));
            return;
        }
        // The problem as typed (weights left out stay left out, so a big random network's link stays short).
        String json = compact(sub.json());
        String url = Links.solve(json, state.profile());
        if (url.length() <= MAX_URL) {
            ctx.redirect(url, HttpStatus.SEE_OTHER);
            return;
        }
        worked(ctx, sub.problem(), json, json, null, state.profile());
    }

    /** GET /solve: the worked solution, or the form with the problem's mistakes (400). */
    static void solve(Context ctx) throws InterruptedException {
        String text = ctx.queryParam("problem");
        if (text == null || text.isBlank()) {
            ctx.redirect(Links.FORM, HttpStatus.SEE_OTHER);
            return;
        }
        // A worked page depends on its URL only: a class opening the same link is served one rendering.
        String url = absolute(ctx, Links.SOLVE + "?" + ctx.queryString());
        byte[] cached = WORKED_PAGES.get(url);
        if (cached != null) {
            ctx.status(HttpStatus.OK).contentType(HTML).result(cached);
            return;
        }
        Problem problem;
        try {
            problem = ProblemJson.read(text);
        } catch (ProblemException e) {
            showJson(ctx, text, e.errors(), "", HttpStatus.BAD_REQUEST);
            return;
        }
        worked(ctx, problem, compact(ProblemJson.parse(text)), text, url, profile(ctx));
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

    private static void worked(Context ctx, Problem problem, String json, String typed, @Nullable String cacheUrl,
                               Notation.Profile profile) throws InterruptedException {
        Worked w;
        try {
            Optional<Worked> solved = SolveGate.run(() -> Worked.solve(problem, profile));
            if (solved.isEmpty()) {
                busy(ctx);
                return;
            }
            w = solved.get();
        } catch (ProblemException e) {
            showJson(ctx, typed, e.errors(), "The engine could not finish this problem:", HttpStatus.BAD_REQUEST);
            return;
        }
        NumberStyle style = NumberStyle.of(ctx.queryParam("digits"));
        Selection sel = Selection.of(w, ctx.queryParam("neuron"), ctx.queryParam("from"));
        String link = absolute(ctx, Links.solve(json, profile));
        byte[] page = WorkedPage.render(w, new WorkedPage.Options(style, json, sel, link, step(ctx))).getBytes(StandardCharsets.UTF_8);
        if (cacheUrl != null) {
            WORKED_PAGES.put(cacheUrl, page);
        }
        ctx.status(HttpStatus.OK).contentType(HTML).result(page);
    }

    /** GET /solve.tex, .md, .json: the exports, as plain text (errors too). */
    static void export(Context ctx, String format) throws InterruptedException {
        String text = ctx.queryParam("problem");
        if (text == null || text.isBlank()) {
            ctx.status(HttpStatus.BAD_REQUEST).contentType(TEXT).result("problem: give the problem as ?problem=<JSON>\n");
            return;
        }
        String answer;
        Problem problem;
        try {
            problem = ProblemJson.read(text);
            String json = compact(ProblemJson.parse(text));
            Notation.Profile profile = profile(ctx);
            String link = absolute(ctx, Links.solve(json, profile));
            NumberStyle style = NumberStyle.of(ctx.queryParam("digits"));
            String neuron = ctx.queryParam("neuron");
            Optional<String> done = SolveGate.run(() -> switch (format) {
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
            });

            if (done.isEmpty()) {
                ctx.header("Retry-After", SolveGate.RETRY_AFTER_SECONDS).status(HttpStatus.SERVICE_UNAVAILABLE).contentType(TEXT)
                        .result("The server is busy solving other problems; try again in a few seconds.\n");
                return;
            }
            answer = done.get();
            // A file to keep, named for the network and the notation: worked-solution-2-2-2-mazur.tex
            ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(problem, profile, format) + "\"");
        } catch (ProblemException e) {
            if (format.equals("json")) {
                ctx.status(HttpStatus.BAD_REQUEST).contentType("application/json").result(errorsJson(e.errors()));
                return;
            }
            StringBuilder sb = new StringBuilder("The problem cannot be solved:\n");
            for (FieldError fe : e.errors()) {
                sb.append(fe.field()).append(": ").append(fe.message()).append('\n');
            }
            ctx.status(HttpStatus.BAD_REQUEST).contentType(TEXT).result(sb.toString());
            return;
        }
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
        html(ctx, HttpStatus.SERVICE_UNAVAILABLE, Layout.page("Busy", "form-page", main(
                h1("The server is busy"),
                p("Every core is solving someone's problem just now. Please reload this page in a few seconds; "
                        + "the link holds your whole problem."))));
    }

    /** The form filled from JSON text (as far as it can be read), with errors; the text is kept in the JSON box. */
    private static void showJson(Context ctx, String text, List<FieldError> errors, String notice, HttpStatus status) {
        JsonNode tree = null;
        List<FieldError> all = new ArrayList<>(errors);
        try {
            tree = ProblemJson.parse(text);
        } catch (ProblemException e) {
            if (all.isEmpty()) {
                all.addAll(e.errors());
            }
        }
        FormState state = tree == null
                ? FormState.fromJson(ProblemJson.parse(Presets.first().json()))
                : FormState.fromJson(tree);
        state.notation = profile(ctx).id();
        if (tree != null && status == HttpStatus.OK && all.isEmpty()) {
            try {
                ProblemJson.read(tree);
            } catch (ProblemException e) {
                all.addAll(e.errors());
                status = HttpStatus.BAD_REQUEST;
            }
        }
        if (tree == null) {
            status = HttpStatus.BAD_REQUEST;
            notice = "The JSON could not be read, so the form shows the seed's example; your text is in the JSON box below.";
        }
        html(ctx, status, FormPage.render(new FormPage.Model(state, all, notice, text)));
    }

    /** JSON text without spaces, for URLs. */
    private static String compact(JsonNode tree) {
        try {
            return ProblemJson.mapper().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always writes", e);
        }
    }

    private static String pretty(FormState state) {
        try {
            return ProblemJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(state.toJson().json());
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static String errorsJson(List<FieldError> errors) {
        var root = ProblemJson.mapper().createObjectNode();
        var list = root.putArray("errors");
        for (FieldError e : errors) {
            list.addObject().put("field", e.field()).put("message", e.message());
        }
        return root.toString();
    }

    private static String first(Map<String, List<String>> params, String name, String fallback) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(0);
    }

    /** The path as an absolute link on the host the request named, or the path alone when that host is unusable. */
    public static String absolute(Context ctx, String path) {
        String host = ctx.header("Host");
        return host == null || host.isBlank() || !host.matches("[A-Za-z0-9.\\-:\\[\\]]{1,200}") ? path : ctx.scheme() + "://" + host + path;
    }

    private static void html(Context ctx, HttpStatus status, String page) {
        ctx.status(status).contentType(HTML).result(page);
    }
}
