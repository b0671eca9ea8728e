package nl.microcredentials.registry.platform.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A deprecated operation's dates (docs/api.md "Versioning and deprecation"): put it beside {@code @Deprecated} on the
 * resource method, and every answer carries {@code Deprecation} (RFC 9745) and {@code Sunset} (RFC 8594) headers
 * ({@link DeprecationHeaders}); {@code /openapi} marks the operation deprecated.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Sunset {

    /** The day the operation was deprecated, ISO (2027-01-01). */
    String deprecatedOn();

    /** The day after which it may be gone, ISO; at least six months after {@link #deprecatedOn()}. */
    String sunsetOn();
}
