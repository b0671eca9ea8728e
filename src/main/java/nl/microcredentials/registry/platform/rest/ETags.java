package nl.microcredentials.registry.platform.rest;

import jakarta.ws.rs.core.EntityTag;
import java.util.OptionalInt;

/**
 * The ETag of a resource is its optimistic-locking version. {@code If-Match} carries the version the client last
 * read; a facade compares it with the current one (412 when stale), and JPA's {@code @Version} catches the races.
 */
public final class ETags {

    private ETags() { }

    public static EntityTag of(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /** The version named by an If-Match header; empty when absent or {@code *}. A malformed header is a 400. */
    public static OptionalInt ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) return OptionalInt.empty();
        String value = header.trim();
        if (value.startsWith("W/")) value = value.substring(2);
        value = value.replace("\"", "").trim();
        try {
            return OptionalInt.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw RegistryException.invalid("If-Match", "must be the ETag of the resource, e.g. \"3\"");
        }
    }

    /** 412 when the client's version is not the current one. */
    public static void check(OptionalInt expected, int actual) {
        if (expected.isPresent() && expected.getAsInt() != actual) {
            throw RegistryException.staleVersion(expected.getAsInt(), actual);
        }
    }
}
