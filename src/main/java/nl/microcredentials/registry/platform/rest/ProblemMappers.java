package nl.microcredentials.registry.platform.rest;

import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The exception mappers: every error leaves the API as problem+json, and nothing a client sends produces a 500.
 * Unexpected failures are logged with an id that the 500 response names, never with a stack trace in the response.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() { }

    /** Walks the cause chain: JPA and Jersey wrap what we need to see. */
    static <T extends Throwable> Optional<T> cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) return Optional.of(type.cast(c));
        }
        return Optional.empty();
    }

    @Provider
    public static class Registry implements ExceptionMapper<RegistryException> {
        @Context UriInfo uri;

        @Override
        public Response toResponse(RegistryException e) {
            return Problems.response(e, uri);
        }
    }

    /** Jakarta REST's own failures: unknown path 404, 405, 406, 415, and Jersey's 400 for unparseable parameters. */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Context UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            var json = cause(e, JsonbException.class);
            if (json.isPresent()) {
                return Malformed.problem(json.get(), uri);
            }
            String detail = switch (status) {
                case 404 -> "No resource at this path";
                case 405 -> "Method not allowed here" + (e instanceof NotAllowedException ? "; allowed: " + original.getAllowedMethods() : "");
                case 406 -> "None of the media types in Accept can be produced";
                case 415 -> "Unsupported Content-Type; send application/json";
                default -> status >= 500 ? "The request could not be processed" : "The request could not be processed: " + safe(e.getMessage());
            };
            if (status >= 500) {
                return Unexpected.log(e, uri);
            }
            var response = Problems.response(status, "http-" + status, Response.Status.fromStatusCode(status) == null
                    ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(), detail, uri, null, null);
            if (!original.getAllowedMethods().isEmpty()) {
                return Response.fromResponse(response).allow(original.getAllowedMethods()).build();
            }
            return response;
        }

        private static String safe(String message) {
            return message == null ? "" : message.replaceAll("[\\r\\n]", " ");
        }
    }

    /** Malformed JSON, wrong types and unknown enum values: 400 naming the field when the binding says which. */
    @Provider
    public static class Malformed implements ExceptionMapper<JsonbException> {
        private static final Pattern PROPERTY = Pattern.compile("property '?([A-Za-z0-9_]+)'?");
        private static final Pattern ENUM = Pattern.compile("No enum constant [\\w.$]+\\.(\\w+)");
        @Context UriInfo uri;

        @Override
        public Response toResponse(JsonbException e) {
            return problem(e, uri);
        }

        static Response problem(Throwable e, UriInfo uri) {
            String field = null;
            String message = "is not valid JSON for this field";
            for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
                String m = c.getMessage();
                if (m == null) continue;
                var property = PROPERTY.matcher(m);
                if (field == null && property.find()) field = property.group(1);
                var constant = ENUM.matcher(m);
                if (constant.find()) message = "'" + constant.group(1) + "' is not one of the allowed values";
            }
            if (field == null) {
                return Problems.response(400, "malformed-json", "Malformed request body",
                        "The body is not valid JSON of the expected shape", uri, List.of(new FieldError("body", "is not valid JSON of the expected shape")), null);
            }
            return Problems.response(400, "validation", "Invalid input", field + ": " + message, uri,
                    List.of(new FieldError(field, message)), null);
        }
    }

    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Context UriInfo uri;

        @Override
        public Response toResponse(ProcessingException e) {
            return Malformed.problem(e, uri);
        }
    }

    @Provider
    public static class ConstraintViolations implements ExceptionMapper<ConstraintViolationException> {
        @Context UriInfo uri;

        @Override
        public Response toResponse(ConstraintViolationException e) {
            return Problems.response(RegistryException.invalid(Validation.fieldErrors(e.getConstraintViolations())), uri);
        }
    }

    /** A lost race on the same row: someone else changed it between our read and our write. */
    @Provider
    public static class OptimisticLock implements ExceptionMapper<OptimisticLockException> {
        @Context UriInfo uri;

        @Override
        public Response toResponse(OptimisticLockException e) {
            LOG.info(() -> "Concurrent modification refused (409): " + (e.getEntity() == null ? e.getMessage() : e.getEntity().getClass().getSimpleName())
                    + " at " + (uri == null ? "?" : uri.getPath()));
            return Problems.response(409, "concurrent-modification", "Conflict",
                    "The resource was changed by someone else at the same time; read it again and retry", uri, null, null);
        }
    }

    /** Anything else: logged with an id, answered as a 500 problem without internals. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Context UriInfo uri;

        @Override
        public Response toResponse(Throwable e) {
            var registry = cause(e, RegistryException.class);
            if (registry.isPresent()) return Problems.response(registry.get(), uri);
            var lock = cause(e, OptimisticLockException.class);
            if (lock.isPresent()) return new OptimisticLock().toResponse(lock.get());
            var violations = cause(e, ConstraintViolationException.class);
            if (violations.isPresent()) {
                return Problems.response(RegistryException.invalid(Validation.fieldErrors(violations.get().getConstraintViolations())), uri);
            }
            var sql = cause(e, java.sql.SQLException.class);
            if (databaseUnavailable(e)) {
                // the database is away (restart, failover, network): the client may retry; readiness reports it too
                LOG.warning(() -> "Database unavailable: " + e);
                Response unavailable = Problems.response(503, "database-unavailable", "Service unavailable",
                        "The registry's database is not reachable; retry shortly", uri, null, null);
                unavailable.getHeaders().putSingle("Retry-After", "5");
                return unavailable;
            }
            if (sql.isPresent() && "23505".equals(sql.get().getSQLState())) {
                // a unique key lost a race that the facade's own check could not see
                return Problems.response(409, "conflict", "Conflict", "A resource with the same key already exists", uri, null, null);
            }
            return log(e, uri);
        }

        /** A connection failure (SQL state class 08, an administrator shutdown 57P0x) or a pool that cannot allocate one. */
        static boolean databaseUnavailable(Throwable e) {
            for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) return true;
                if (c instanceof java.net.ConnectException) return true;
                String m = c.getMessage();
                if (m != null && (m.contains("Error in allocating a connection") || m.contains("Connection refused"))) return true;
            }
            return false;
        }

        static Response log(Throwable e, UriInfo uri) {
            String incident = java.util.UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, e);
            return Problems.response(500, "internal", "Internal error",
                    "The registry failed to process the request (incident " + incident + ")", uri, null, null);
        }
    }
}
