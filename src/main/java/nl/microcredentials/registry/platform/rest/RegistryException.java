package nl.microcredentials.registry.platform.rest;

import java.util.List;

/**
 * A failure the caller can act on, answered as problem+json with {@link #status()}. Thrown by facades and rules;
 * the one {@link RegistryExceptionMapper} turns it into a response, and the Faces pages into messages.
 * Being a runtime exception, it rolls back the surrounding {@code @Transactional} call.
 */
public class RegistryException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final transient List<FieldError> errors;
    private final transient List<String> allowed;
    private long retryAfterSeconds;

    public RegistryException(int status, String type, String title, String detail, List<FieldError> errors, List<String> allowed) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    public static RegistryException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new RegistryException(400, "validation", "Invalid input", detail, errors, null);
    }

    public static RegistryException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static RegistryException badRequest(String detail) {
        return new RegistryException(400, "bad-request", "Bad request", detail, null, null);
    }

    public static RegistryException unauthenticated() {
        return new RegistryException(401, "unauthenticated", "Authentication required",
                "This operation needs a valid bearer token", null, null);
    }

    public static RegistryException forbidden(String detail) {
        return new RegistryException(403, "forbidden", "Forbidden", detail, null, null);
    }

    /** 403 naming the fields the caller may not change. */
    public static RegistryException forbidden(String detail, List<FieldError> errors) {
        return new RegistryException(403, "forbidden", "Forbidden", detail, errors, null);
    }

    public static RegistryException notFound(String what, String id) {
        return new RegistryException(404, "not-found", "Not found", what + " '" + id + "' does not exist", null, null);
    }

    public static RegistryException conflict(String detail, List<FieldError> errors) {
        return new RegistryException(409, "conflict", "Conflict", detail, errors, null);
    }

    public static RegistryException staleVersion(long expected, long actual) {
        return new RegistryException(412, "precondition-failed", "Precondition failed",
                "The resource has changed: If-Match names version " + expected + ", the current version is " + actual
                        + ". Read it again and retry.", null, null);
    }

    /** 429: the caller tries again after the given seconds (Retry-After). */
    public static RegistryException tooManyRequests(long retryAfterSeconds) {
        RegistryException e = new RegistryException(429, "too-many-requests", "Too many requests",
                "Too many attempts; try again in " + retryAfterSeconds + " seconds", null, null);
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    /** Seconds for a Retry-After header, 0 when none. */
    public long retryAfterSeconds() { return retryAfterSeconds; }

    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    /** A header the problem answer carries (RateLimit fields of a 429). */
    public RegistryException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public java.util.Map<String, String> headers() { return java.util.Collections.unmodifiableMap(headers); }

    public int status() { return status; }
    public String type() { return type; }
    public String title() { return title; }
    public List<FieldError> errors() { return errors; }
    public List<String> allowed() { return allowed; }
}
