package nl.microcredentials.registry.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Sending a browser to another site (the identity provider) from a request that a form submitted. The admin pages'
 * Content-Security-Policy has {@code form-action 'self'}, which browsers also apply to the redirects that follow a form
 * submission: a 302 from a POST to the provider would be blocked and the page would simply not move. So a form POST is
 * answered with a small page that navigates on (a meta refresh, and a link for browsers that do not refresh), a Faces
 * Ajax request with a partial-response redirect (PrimeFaces navigates itself), and only a GET with a plain 302.
 */
public final class BrowserNavigation {

    private BrowserNavigation() { }

    public enum Kind { REDIRECT, PAGE, AJAX }

    public static Kind kindOf(HttpServletRequest request) {
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) return Kind.AJAX;
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) ? Kind.REDIRECT : Kind.PAGE;
    }

    /** Writes the page or partial response that sends the browser to {@code url} (for {@link Kind#PAGE} and {@link Kind#AJAX}). */
    public static void continueTo(HttpServletRequest request, HttpServletResponse response, String url, String text) throws IOException {
        String href = escape(url);
        response.setHeader("Cache-Control", "no-store");
        if (kindOf(request) == Kind.AJAX) {
            response.setContentType("text/xml; charset=UTF-8");
            response.getOutputStream().write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\"" + href
                    + "\"/></partial-response>").getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.setStatus(200);
        response.setContentType("text/html; charset=UTF-8");
        response.getOutputStream().write(("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><meta http-equiv=\"refresh\" content=\"0;url="
                + href + "\"><title>" + escape(text) + "</title></head><body><p><a id=\"continue\" href=\"" + href + "\">" + escape(text)
                + "</a></p></body></html>").getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
