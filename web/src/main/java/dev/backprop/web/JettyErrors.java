package dev.backprop.web;

import dev.backprop.engine.nn.FieldError;
import dev.backprop.web.api.ApiErrors;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers, for requests it refuses before any route runs (a malformed request
 * line 400, a link too long 414, headers too large 431) or a response it cannot send (500), in the
 * app's forms: a page for a browser, the {@code errors} JSON for the API, with the app's headers and
 * {@code Cache-Control: no-store}. Installed as the server's error handler.
 *
 * <pre>{@code
 * config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
 * }</pre>
 */
final class JettyErrors implements Request.Handler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = status(request, response);
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        ApiErrors.Form form = ApiErrors.Form.of(path, request.getHeaders().get(HttpHeader.ACCEPT));
        byte[] body = ApiErrors.body(form, status, List.of(error(status, request)), 0);
        response.setStatus(status);
        var headers = response.getHeaders();
        for (Map.Entry<String, String> h : SecurityHeaders.ALL.entrySet()) {
            headers.put(h.getKey(), h.getValue());
        }
        headers.put(HttpHeader.CACHE_CONTROL, Caching.NO_STORE);
        headers.put(HttpHeader.CONTENT_TYPE, form.contentType());
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static int status(Request request, Response response) {
        Object s = request.getAttribute(ErrorHandler.ERROR_STATUS);
        int status = s instanceof Integer i ? i : response.getStatus();
        return status >= 400 && status <= 599 ? status : 500;
    }

    /** What went wrong, in the app's words; Jetty's reason only where it says more than the status. */
    private static FieldError error(int status, Request request) {
        return switch (status) {
            case 400 -> new FieldError("(request)", "is not a well-formed HTTP request"
                    + reason(request, HttpStatus.getMessage(status)));
            case 408 -> new FieldError("(request)", "did not arrive in time");
            case 413 -> new FieldError("(body)", "is larger than the server accepts");
            case 414 -> new FieldError("(path)", "the link is longer than the " + Pages.MAX_HEADER / 1024
                    + " KB the server accepts; load the problem's JSON into the form instead");
            case 431 -> new FieldError("(headers)", "the request's headers are longer than the " + Pages.MAX_HEADER / 1024
                    + " KB the server accepts");
            default -> status >= 500
                    ? new FieldError("(server)", "the server could not send its answer; please report the request that"
                            + " caused it")
                    : new FieldError("(request)", "was refused: " + HttpStatus.getMessage(status));
        };
    }

    private static String reason(Request request, String generic) {
        Object m = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        String message = m == null ? "" : m.toString();
        if (message.isBlank() || message.equals(generic) || message.length() > 120) {
            return "";
        }
        // Jetty's parser messages ("Illegal character SPACE=' '") are plain ASCII; anything else is not shown.
        return message.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? " (" + message + ")" : "";
    }
}
