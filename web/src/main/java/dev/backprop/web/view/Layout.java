package dev.backprop.web.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.body;
import static j2html.TagCreator.div;
import static j2html.TagCreator.footer;
import static j2html.TagCreator.head;
import static j2html.TagCreator.header;
import static j2html.TagCreator.html;
import static j2html.TagCreator.link;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.p;
import static j2html.TagCreator.span;
import static j2html.TagCreator.title;

import dev.backprop.web.math.El;
import j2html.Config;
import j2html.rendering.FlatHtml;
import j2html.tags.DomContent;
import j2html.tags.specialized.HtmlTag;
import j2html.tags.specialized.MainTag;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The frame of every page: the document head (UTF-8, the stylesheet, no scripts), the site bar and
 * the footer. Pages pass their content; the layout is a function of it.
 */
public final class Layout {
    private Layout() {
    }

    // Rendering with j2html's own settings except the escaper (see El.escape).
    private static final Config RENDERING = Config.global().withTextEscaper(El::escape);

    /** The id of every page's {@code <main>}, which the skip link leads to. */
    public static final String MAIN_ID = "main";

    /**
     * A complete HTML document: a skip link to the content, the site bar, the content, the footer.
     * The content's {@code <main>} element is given the id {@value #MAIN_ID} (the skip link's target).
     */
    public static String page(String title, String pageClass, DomContent... content) {
        for (DomContent c : content) {
            if (c instanceof MainTag main) {
                main.withId(MAIN_ID);
            }
        }
        HtmlTag document = html(
                head(
                        meta().withCharset("utf-8"),
                        meta().withName("viewport").withContent("width=device-width, initial-scale=1"),
                        title(title + " · Backprop Workbook"),
                        link().withRel("stylesheet").withHref(Links.CSS),
                        link().withRel("stylesheet").withHref(Links.PRINT_CSS).attr("media", "print")),
                body(
                        a("Skip to the content").withHref("#" + MAIN_ID).withClass("skip-link"),
                        header(div(
                                a(span("∂").withClass("logo-mark"), span("Backprop Workbook")).withClass("brand").withHref(Links.FORM),
                                nav(
                                        a("Problem form").withHref(Links.FORM + "#problem"),
                                        a("Presets").withHref(Links.FORM + "#presets"),
                                        a("Teach a class").withHref(Links.CLASS)).attr("aria-label", "Site")
                        ).withClass("bar")).withClass("site"),
                        div(content).withClass("page " + pageClass),
                        footer(p("Backprop Workbook: every number of backpropagation, worked. "
                                + "Pages work without JavaScript; the exports are plain text.")).withClass("site"))
        ).withLang("en");
        // A worked page is 20–400 KB: start big enough that most pages never regrow the buffer.
        StringBuilder out = new StringBuilder(64 * 1024).append("<!DOCTYPE html>\n");
        try {
            document.render(FlatHtml.into(out, RENDERING));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }
}
