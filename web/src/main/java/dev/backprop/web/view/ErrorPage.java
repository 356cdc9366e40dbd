package dev.backprop.web.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.code;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.li;
import static j2html.TagCreator.main;
import static j2html.TagCreator.p;
import static j2html.TagCreator.text;
import static j2html.TagCreator.ul;

import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.ProblemException;
import java.util.List;

/**
 * The page a browser gets when a request cannot be served as a page of its own: no such page (404),
 * the wrong method (405), a request the server could not read (400, 413, 414, 431), a busy server
 * (503) or a fault of the server's (500). The same words as the API's {@code errors} JSON, in the
 * site's layout, with a way back to the form.
 *
 * <pre>{@code
 * String html = ErrorPage.render(404, List.of(new FieldError("(path)", "nothing at GET /nope")), 0);
 * }</pre>
 */
public final class ErrorPage {
    private ErrorPage() {
    }

    /** The page for this status with these errors, and a count of further errors not listed. */
    public static String render(int status, List<FieldError> errors, long more) {
        return Layout.page(title(status), "form-page", main(
                h1(title(status)),
                p(lead(status)),
                div(
                        h2(errors.size() + more == 1 ? "What happened" : "What happened, point by point"),
                        ul(each(errors, e -> li(code(e.field()), text(": " + e.message()))),
                                more > 0 ? li(ProblemException.moreSentence(more)).withClass("more") : text("")))
                        .withClass("error-summary").withId("errors").attr("role", "alert"),
                p(a("Back to the problem form").withHref(Links.FORM + "#problem"))));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "The request could not be read";
            case 404 -> "There is no such page";
            case 405 -> "This page does not take that method";
            case 408 -> "The request took too long to arrive";
            case 413 -> "The request is too large";
            case 414 -> "The link is too long";
            case 415 -> "The request is not in a form the server reads";
            case 431 -> "The request's headers are too large";
            case 503 -> "The server is busy";
            default -> status >= 500 ? "The server met an error" : "The request was refused";
        };
    }

    private static String lead(int status) {
        return switch (status) {
            case 503 -> "Every core is solving someone's problem just now. Please reload this page in a few seconds;"
                    + " the link holds your whole problem.";
            case 414 -> "A link holds its whole problem, and this one is longer than the server accepts. Load the"
                    + " problem's JSON into the form instead.";
            case 431 -> "The request's headers (its cookies, say) are longer than the server accepts.";
            case 408 -> "The request did not arrive whole in time; please send it again.";
            default -> status >= 500 ? "This is the server's fault, not yours. Please report it with the link or"
                    + " the problem that caused it." : "Nothing was solved. The details:";
        };
    }
}
