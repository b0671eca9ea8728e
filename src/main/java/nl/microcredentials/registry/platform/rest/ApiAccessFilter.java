package nl.microcredentials.registry.platform.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.security.RegistryAuthenticationMechanism;

/**
 * Refuses, before any resource runs, a bearer token that did not verify (401) and a token whose role lacks its scope
 * claims (403, API.md "Authentication").
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiAccessFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext context) {
        // no token, nothing to refuse: an anonymous request costs no look-up of the caller (a fifth of a trivial request)
        if (context.getHeaderString(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION) == null) return;
        Object invalid = request.getAttribute(RegistryAuthenticationMechanism.INVALID_TOKEN);
        if (invalid != null) {
            context.abortWith(Problems.response(401, "invalid-token", "Invalid token", invalid.toString(), uri, null, null));
            return;
        }
        String refused = TokenChecks.refusal(request.getUserPrincipal(), java.time.Instant.now());
        if (refused != null) {
            context.abortWith(Problems.response(401, "invalid-token", "Invalid token", refused, uri, null, null));
            return;
        }
        caller.missingScope().ifPresent(missing -> context.abortWith(
                Problems.response(403, "missing-scope", "Forbidden", "The token is refused: " + missing, uri, null, null)));
    }
}
