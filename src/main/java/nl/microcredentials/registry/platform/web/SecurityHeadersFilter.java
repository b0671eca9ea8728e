package nl.microcredentials.registry.platform.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security headers on every response, and CORS.
 *
 * <ul>
 * <li>Faces pages get their Content-Security-Policy from PrimeFaces' CSP mode (web.xml {@code primefaces.CSP}): a fresh
 *     nonce per response for every script it renders, inline event handlers moved into nonce'd scripts. Everything else
 *     (the API, OpenAPI, health, static files) gets {@code default-src 'none'}, since none of it runs scripts.</li>
 * <li>{@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy}, {@code X-Frame-Options: DENY} (with CSP
 *     {@code frame-ancestors 'none'}), and HSTS when the request came over TLS (directly, or as a proxy's
 *     {@code X-Forwarded-Proto: https} says).</li>
 * <li>CORS is closed by default: no {@code Access-Control-Allow-Origin} unless the origin is listed in
 *     {@code REGISTRY_CORS_ORIGINS} (comma-separated, exact origins). A preflight from a listed origin is answered here.</li>
 * </ul>
 */
public class SecurityHeadersFilter extends HttpFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Inject
    @ConfigProperty(name = "registry.cors.origins")
    Optional<String> corsOrigins;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        if (!isFacesPage(request)) {
            response.setHeader("Content-Security-Policy", API_POLICY);
        }
        if (request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"))) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        String origin = request.getHeader("Origin");
        if (origin != null && allowedOrigins().contains(origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.addHeader("Vary", "Origin");
            response.setHeader("Access-Control-Expose-Headers", "ETag, Location, Retry-After, RateLimit, RateLimit-Policy, Content-Disposition");
            if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
                response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
                response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, Accept-Language");
                response.setHeader("Access-Control-Max-Age", "600");
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private List<String> allowedOrigins() {
        return corsOrigins.map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList()).orElse(List.of());
    }

    /** The Faces pages, whose CSP (with its nonce) PrimeFaces writes: *.xhtml and the folders whose welcome file is one. */
    static boolean isFacesPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.contains("/jakarta.faces.resource/")) return false;
        return path.endsWith(".xhtml") || path.equals("/") || path.endsWith("/") && !path.startsWith("/api/");
    }
}
