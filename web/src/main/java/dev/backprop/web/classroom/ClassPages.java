package dev.backprop.web.classroom;

import dev.backprop.engine.classroom.ClassCsv;
import dev.backprop.engine.classroom.ClassMarking;
import dev.backprop.engine.classroom.Variant;
import dev.backprop.engine.json.Limits;
import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.render.Notation;
import dev.backprop.web.App;
import dev.backprop.web.Pages;
import dev.backprop.web.SolveGate;
import dev.backprop.web.form.Presets;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The teacher's routes. {@code GET /class} is the page, its exercise made from {@code ?problem=}
 * (the form's "Teach it to a class") or {@code ?preset=id} with every number to be drawn;
 * {@code POST /class} makes the class's variants or marks it; {@code POST /class/handouts},
 * {@code /class/keys}, {@code /class/moodle.xml} and {@code /class/gradebook.csv} answer the
 * documents for the same fields. A form that cannot be used comes back as the page with its
 * errors at their fields (400), everything typed kept. All of it runs inside the {@link SolveGate}.
 */
public final class ClassPages {
    private static final String HTML = "text/html; charset=utf-8";

    private ClassPages() {
    }

    /** Registers the routes. */
    public static void register(JavalinConfig config) {
        config.routes.get("/class", SolveGate.gated(ClassPages::start));
        config.routes.post("/class", SolveGate.gated(ClassPages::submit));
        config.routes.post("/class/handouts", SolveGate.gated(ctx -> document(ctx, "handouts")));
        config.routes.post("/class/keys", SolveGate.gated(ctx -> document(ctx, "keys")));
        config.routes.post("/class/moodle.xml", SolveGate.gated(ctx -> document(ctx, "moodle")));
        config.routes.post("/class/gradebook.csv", SolveGate.gated(ctx -> document(ctx, "gradebook")));
    }

    /** GET: the page with an exercise from the problem in the link, a preset, or the seed's network. */
    static void start(Context ctx) {
        Notation.Profile profile = Notation.Profile.byId(ctx.queryParam("notation")).orElse(Notation.Profile.SEED);
        Problem from = null;
        String text = Pages.problemText(ctx);
        String preset = ctx.queryParam("preset");
        if (text != null) {
            // a link whose problem cannot be read is refused with its mistakes by field (400), as /solve's is
            from = ProblemJson.read(text, Limits.SERVER);
        } else if (preset != null) {
            Presets.Preset p = Presets.byId(preset).orElse(null);
            if (p != null) {
                from = p.problem();
                profile = p.notation();
            }
        }
        ClassForm f = ClassForm.start(from, profile);
        ctx.status(HttpStatus.OK).contentType(HTML).result(ClassPage.render(new ClassPage.Model(f, null, null,
                App.publicUrl(ctx))));
    }

    /** POST /class: the variants, or the class marked. */
    static void submit(Context ctx) {
        ClassForm f = ClassForm.read(ctx);
        boolean mark = "mark".equals(ctx.formParam("action"));
        List<Variant> variants = null;
        ClassMarking marked = null;
        if (mark) {
            marked = f.marking();
        } else {
            variants = f.classVariants();
        }
        page(ctx, f, variants, marked);
    }

    private static void page(Context ctx, ClassForm f, @Nullable List<Variant> variants, @Nullable ClassMarking marked) {
        ctx.status(f.failed() ? HttpStatus.BAD_REQUEST : HttpStatus.OK).contentType(HTML)
                .result(ClassPage.render(new ClassPage.Model(f, variants, marked, App.publicUrl(ctx))));
    }

    /** A document for the form's class, or the page with the errors. */
    static void document(Context ctx, String which) {
        ClassForm f = ClassForm.read(ctx);
        if (which.equals("gradebook")) {
            ClassMarking marked = f.marking();
            if (marked == null) {
                page(ctx, f, null, null);
                return;
            }
            attachment(ctx, "text/csv; charset=utf-8", "gradebook" + suffix(f) + ".csv").result(ClassCsv.gradebook(marked));
            return;
        }
        List<Variant> list = f.classVariants();
        if (list == null) {
            page(ctx, f, null, null);
            return;
        }
        switch (which) {
            case "handouts" -> ctx.contentType(HTML).result(ClassDocs.handouts(f.variants(), list, f.profile, f.hints,
                    App.publicUrl(ctx)));
            case "keys" -> ctx.contentType(HTML).result(ClassDocs.keys(f.variants(), list, f.profile));
            default -> attachment(ctx, "application/xml; charset=utf-8", "moodle" + suffix(f) + ".xml")
                    .result(MoodleXml.of(f.variants(), list, f.profile));
        }
    }

    private static Context attachment(Context ctx, String type, String name) {
        return ctx.contentType(type).header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    /** The salt in a file name: letters, digits and dashes only. */
    private static String suffix(ClassForm f) {
        String s = f.salt.replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "" : "-" + (s.length() > 40 ? s.substring(0, 40) : s);
    }
}
