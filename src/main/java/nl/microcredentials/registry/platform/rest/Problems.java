package nl.microcredentials.registry.platform.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Builds problem+json responses: the one place that knows their shape. */
public final class Problems {

    private Problems() { }

    public static Response response(int status, String type, String title, String detail, UriInfo uri,
                                    List<FieldError> errors, List<String> allowed) {
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        var problem = new Problem(Problem.TYPE_BASE + type, title, status, detail, instance,
                errors == null || errors.isEmpty() ? null : errors,
                allowed == null || allowed.isEmpty() ? null : allowed);
        var builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"registry\"");
        }
        return builder.build();
    }

    public static Response response(RegistryException e, UriInfo uri) {
        Response response = response(e.status(), e.type(), e.title(), e.getMessage(), uri, e.errors(), e.allowed());
        e.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        if (e.retryAfterSeconds() > 0) {
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        return response;
    }
}
