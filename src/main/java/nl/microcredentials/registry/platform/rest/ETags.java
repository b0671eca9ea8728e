package nl.microcredentials.registry.platform.rest;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * The ETag of a resource is its optimistic-locking version, a strong entity-tag {@code "<version>"}. {@code If-Match}
 * carries the tags the client last read; a facade compares the version it names with the current one under its lock
 * (412 when stale), and JPA's {@code @Version} catches the races.
 *
 * <p>The conditional headers follow RFC 9110: {@code If-Match} (13.1.1) is {@code *} (any current representation) or a
 * list of entity-tags that matches when one of them equals the current tag by <em>strong</em> comparison, so a weak tag
 * ({@code W/"3"}) or a well-formed tag the registry never issued ({@code "abc"}) simply does not match: 412.
 * {@code If-None-Match} (13.1.2) is {@code *} or a list compared <em>weakly</em>: a match answers a GET with 304. Only a
 * header that is not of that syntax is a 400 naming the header.
 */
public final class ETags {

    public static final String IF_MATCH = "If-Match";
    public static final String IF_NONE_MATCH = "If-None-Match";

    /** The version an If-Match names when none of its tags can match: no resource ever has it, so the check fails. */
    static final int NO_VERSION = -1;

    private ETags() { }

    public static EntityTag of(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /** One entity-tag of a conditional header: its opaque text (without the quotes) and whether it is weak. */
    public record Tag(String opaque, boolean weak) {

        /** Strong comparison (RFC 9110 8.8.3.2): both strong and the same opaque text. */
        public boolean strongMatch(String current) {
            return !weak && opaque.equals(current);
        }

        /** Weak comparison: the same opaque text, weak or not. */
        public boolean weakMatch(String current) {
            return opaque.equals(current);
        }

        /** The version this tag names when it is a strong tag the registry could have issued. */
        OptionalInt version() {
            if (weak || opaque.isEmpty() || opaque.length() > 10 || !opaque.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (opaque.length() > 1 && opaque.charAt(0) == '0')) {
                return OptionalInt.empty();
            }
            long v = Long.parseLong(opaque);
            return v > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) v);
        }
    }

    /** A parsed If-Match or If-None-Match header: {@code *}, or a list of entity-tags (possibly empty). */
    public record Condition(boolean any, List<Tag> tags) {

        public Condition {
            tags = List.copyOf(tags);
        }

        /** If-Match: {@code *}, or one of the tags equals the resource's ETag {@code "<version>"} by strong comparison. */
        public boolean matches(int version) {
            return matchesStrongly(Integer.toString(version));
        }

        /** If-Match against any strong ETag (its opaque text). */
        public boolean matchesStrongly(String currentOpaque) {
            return any || tags.stream().anyMatch(t -> t.strongMatch(currentOpaque));
        }

        /** If-None-Match: {@code *}, or one of the tags equals the current ETag by weak comparison. */
        public boolean matchesWeakly(String currentOpaque) {
            return any || tags.stream().anyMatch(t -> t.weakMatch(currentOpaque));
        }

        /** If-None-Match against the resource's ETag {@code "<version>"}. */
        public boolean matchesWeakly(int version) {
            return matchesWeakly(Integer.toString(version));
        }

        /** The distinct versions the strong tags name; weak tags and tags the registry never issues name none. */
        List<Integer> versions() {
            List<Integer> versions = new ArrayList<>();
            for (Tag t : tags) {
                OptionalInt v = t.version();
                if (v.isPresent() && !versions.contains(v.getAsInt())) versions.add(v.getAsInt());
            }
            return versions;
        }
    }

    /**
     * Parses a conditional header ({@code If-Match} or {@code If-None-Match}, named by {@code header} in the 400):
     * empty when it is absent or blank; {@code *}; or a comma-separated list of entity-tags, each {@code "opaque"} or
     * {@code W/"opaque"} (RFC 9110 8.8.3, with empty list elements allowed as in 5.6.1). Anything else is a 400.
     */
    public static Optional<Condition> parse(String header, String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        String v = value.strip();
        if (v.equals("*")) return Optional.of(new Condition(true, List.of()));
        List<Tag> tags = new ArrayList<>();
        int i = 0;
        int n = v.length();
        while (i < n) {
            i = skipWhitespace(v, i);
            if (i < n && v.charAt(i) == ',') { // an empty list element
                i++;
                continue;
            }
            if (i >= n) break;
            boolean weak = false;
            if (v.startsWith("W/", i)) {
                weak = true;
                i += 2;
            }
            if (i >= n || v.charAt(i) != '"') throw malformed(header);
            int start = ++i;
            while (i < n && v.charAt(i) != '"') {
                if (!etagc(v.charAt(i))) throw malformed(header);
                i++;
            }
            if (i >= n) throw malformed(header); // unterminated
            tags.add(new Tag(v.substring(start, i), weak));
            i = skipWhitespace(v, i + 1);
            if (i < n && v.charAt(i) != ',') throw malformed(header);
            i++;
        }
        return Optional.of(new Condition(false, tags));
    }

    /** If-Match as a value that can be compared with the current version; empty when the header is absent. */
    public static Optional<Condition> ifMatchCondition(String header) {
        return parse(IF_MATCH, header);
    }

    /** If-None-Match as a value that can be compared with the current ETag; empty when the header is absent. */
    public static Optional<Condition> ifNoneMatchCondition(String header) {
        return parse(IF_NONE_MATCH, header);
    }

    /**
     * The version an If-Match header requires, for the facades' {@link #check}: empty when it is absent or {@code *};
     * the version its one matchable tag names; {@link #NO_VERSION} (never current) when no tag can match. A list
     * naming several versions asks {@code current} for the current version and requires it when the list holds it.
     * A malformed header is a 400 naming If-Match.
     */
    public static OptionalInt ifMatch(String header, IntSupplier current) {
        Optional<Condition> condition = ifMatchCondition(header);
        if (condition.isEmpty() || condition.get().any()) return OptionalInt.empty();
        List<Integer> versions = condition.get().versions();
        if (versions.isEmpty()) return OptionalInt.of(NO_VERSION);
        if (versions.size() == 1) return OptionalInt.of(versions.get(0));
        int now = current.getAsInt();
        return OptionalInt.of(versions.contains(now) ? now : versions.get(0));
    }

    /**
     * {@link #ifMatch(String, IntSupplier)} for callers that cannot read the current version: a list naming several
     * versions requires the first of them.
     */
    public static OptionalInt ifMatch(String header) {
        return ifMatch(header, () -> NO_VERSION);
    }

    /**
     * Whether a GET with this If-None-Match header is answered 304 for the current ETag (its opaque text, e.g. {@code 3});
     * a malformed header is a 400.
     */
    public static boolean notModified(String ifNoneMatch, String current) {
        return ifNoneMatchCondition(ifNoneMatch).map(c -> c.matchesWeakly(current)).orElse(false);
    }

    /**
     * A conditional GET of a representation with this strong ETag (RFC 9110 13.2.2): 412 when If-Match does not match
     * it, a 304 (carrying the ETag) when If-None-Match does, else empty: answer with the representation.
     */
    public static Optional<Response.ResponseBuilder> conditionalGet(String ifMatch, String ifNoneMatch, EntityTag current) {
        Optional<Condition> match = ifMatchCondition(ifMatch);
        if (match.isPresent() && !match.get().matchesStrongly(current.getValue())) {
            throw new RegistryException(412, "precondition-failed", "Precondition failed",
                    "If-Match does not match the current ETag \"" + current.getValue() + "\"", null, null);
        }
        if (notModified(ifNoneMatch, current.getValue())) return Optional.of(Response.notModified(current));
        return Optional.empty();
    }

    /** 412 when the client's version is not the current one. */
    public static void check(OptionalInt expected, int actual) {
        if (expected.isEmpty() || expected.getAsInt() == actual) return;
        if (expected.getAsInt() < 0) {
            throw new RegistryException(412, "precondition-failed", "Precondition failed",
                    "If-Match names no current representation of the resource: its ETag is \"" + actual + "\" (compared strongly; "
                            + "a weak tag never matches). Read it again and retry.", null, null);
        }
        throw RegistryException.staleVersion(expected.getAsInt(), actual);
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }

    /** etagc = %x21 / %x23-7E / obs-text (RFC 9110 8.8.3). */
    private static boolean etagc(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    private static RegistryException malformed(String header) {
        return RegistryException.invalid(header, "must be * or a list of entity-tags such as \"3\" or W/\"3\" (RFC 9110)");
    }
}
