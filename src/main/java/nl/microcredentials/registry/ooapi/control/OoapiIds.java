package nl.microcredentials.registry.ooapi.control;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The identifiers the registry serves in the Open Education API: a course is its programme's own id; the other
 * objects the registry has no id for get a stable name-based UUID (version 3), the same on every instance and restart.
 */
public final class OoapiIds {

    /** The pilot's consortium, the root organization of the endpoint. */
    public static final String CONSORTIUM = nameBased("organization:consortium");

    private OoapiIds() { }

    /** Flips these bits of a programme id to give its education specification's id: reversible, no lookup table. */
    private static final long MASK_HIGH = 0x5e5e_0000_0000_0000L;
    private static final long MASK_LOW = 0x0000_0000_0000_5e5eL;

    /** The education specification of a programme (one per programme), derived from the programme's id. */
    public static String educationSpecification(String programmeId) {
        UUID id = UUID.fromString(programmeId);
        return new UUID(id.getMostSignificantBits() ^ MASK_HIGH, id.getLeastSignificantBits() ^ MASK_LOW).toString();
    }

    /** The programme of an education specification id (the inverse of {@link #educationSpecification}). */
    public static String programmeOf(String educationSpecificationId) {
        return educationSpecification(educationSpecificationId); // XOR is its own inverse
    }

    /** A syntactically valid UUID in its canonical lower-case form, or {@code null}: path parameters are checked with it. */
    public static String canonical(String id) {
        if (id == null || id.length() != 36) return null;
        try {
            String canonical = UUID.fromString(id).toString();
            return canonical.equalsIgnoreCase(id) ? canonical : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String nameBased(String name) {
        return UUID.nameUUIDFromBytes(("nl.microcredentials.registry:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
