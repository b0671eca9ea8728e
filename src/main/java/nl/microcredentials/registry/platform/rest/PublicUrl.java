package nl.microcredentials.registry.platform.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry's public address for the links and identifiers it hands out (Open Education API links, Open Badges
 * ids): {@code REGISTRY_PUBLIC_URL} when set, otherwise the scheme, host and context path the request came in on.
 */
@ApplicationScoped
public class PublicUrl {

    @Inject
    @ConfigProperty(name = "registry.public.url")
    Optional<String> configured;

    /** Without a trailing slash. */
    public String of(UriInfo uri, HttpServletRequest request) {
        String value = configured.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (value != null) return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        var base = uri.getBaseUri();
        return base.getScheme() + "://" + base.getRawAuthority() + (request == null ? "" : request.getContextPath());
    }

    /** The same for a page's request (the admin UI has no {@link UriInfo}). */
    public String of(HttpServletRequest request) {
        String value = configured.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (value != null) return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        boolean defaultPort = request.getServerPort() == ("https".equals(request.getScheme()) ? 443 : 80);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + request.getServerPort()) + request.getContextPath();
    }
}
