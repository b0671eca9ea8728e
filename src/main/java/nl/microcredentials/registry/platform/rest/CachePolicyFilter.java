package nl.microcredentials.registry.platform.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps answers for a caller out of caches. Every answer of the token endpoint, success or error, is {@code no-store}
 * with {@code Pragma: no-cache} (RFC 6749 5.1). Every answer to a request that carried an {@code Authorization} header or
 * was answered for an authenticated caller is {@code no-store} unless the resource set its own {@code Cache-Control};
 * that one is kept, but never {@code public}: it becomes {@code private} (without {@code s-maxage}), so no shared cache
 * stores it. Anonymous answers keep their own policy (the statistics' {@code max-age=60}).
 */
@Provider
public class CachePolicyFilter implements ContainerResponseFilter {

    static final String TOKEN_PATH = "auth/token";
    static final String NO_STORE = "no-store";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean tokenEndpoint = TOKEN_PATH.equals(trimSlashes(request.getUriInfo().getPath()));
        boolean authenticated = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || request.getSecurityContext() != null && request.getSecurityContext().getUserPrincipal() != null;
        String existing = response.getHeaderString(HttpHeaders.CACHE_CONTROL);
        String policy = cacheControl(existing, authenticated, tokenEndpoint);
        if (policy != null && !policy.equals(existing)) response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, policy);
        if (tokenEndpoint) response.getHeaders().putSingle("Pragma", "no-cache");
    }

    /** The Cache-Control an answer leaves with: {@code existing} (null when it has none) as a resource set it, or what replaces it. */
    static String cacheControl(String existing, boolean authenticated, boolean tokenEndpoint) {
        if (tokenEndpoint) return NO_STORE;
        if (!authenticated) return existing;
        if (existing == null || existing.isBlank()) return NO_STORE;
        List<String> directives = new ArrayList<>();
        boolean isPrivate = false;
        for (String directive : existing.split(",")) {
            String d = directive.trim();
            String name = d.toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.equals("public") || name.startsWith("s-maxage")) continue; // never stored by a shared cache
            if (name.equals("private")) isPrivate = true; // private="field" alone leaves the rest to shared caches
            directives.add(d);
        }
        if (directives.isEmpty()) return NO_STORE;
        if (!isPrivate && directives.stream().noneMatch(d -> d.equalsIgnoreCase(NO_STORE))) directives.add(0, "private");
        return String.join(", ", directives);
    }

    private static String trimSlashes(String path) {
        if (path == null) return "";
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') from++;
        while (to > from && path.charAt(to - 1) == '/') to--;
        return path.substring(from, to);
    }
}
