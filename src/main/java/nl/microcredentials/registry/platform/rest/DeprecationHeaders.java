package nl.microcredentials.registry.platform.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The headers of a deprecated operation ({@link Sunset}): {@code Deprecation: @<unix time>} (RFC 9745, a structured
 * field date), {@code Sunset: <HTTP date>} (RFC 8594) and a {@code Link} with {@code rel="deprecation"} to the API's
 * description. Registered only on the methods that carry {@link Sunset}; the dates are checked when the application starts.
 */
@Provider
public class DeprecationHeaders implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        Sunset sunset = method == null ? null : method.getAnnotation(Sunset.class);
        if (sunset == null) return;
        Map<String, String> headers = headers(sunset);
        context.register((ContainerResponseFilter) (ContainerRequestContext request, ContainerResponseContext response) ->
                headers.forEach((name, value) -> response.getHeaders().add(name, value)));
    }

    /** The header values for these dates; an unreadable date or a sunset less than six months on fails at start-up. */
    static Map<String, String> headers(Sunset sunset) {
        LocalDate deprecated = LocalDate.parse(sunset.deprecatedOn());
        LocalDate gone = LocalDate.parse(sunset.sunsetOn());
        if (gone.isBefore(deprecated.plusMonths(6))) {
            throw new IllegalStateException("A sunset comes at least six months after the deprecation: " + sunset);
        }
        return Map.of(
                "Deprecation", "@" + deprecated.atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                "Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(gone.atStartOfDay(ZoneOffset.UTC)),
                "Link", "</openapi>; rel=\"deprecation\"; type=\"application/yaml\"");
    }
}
