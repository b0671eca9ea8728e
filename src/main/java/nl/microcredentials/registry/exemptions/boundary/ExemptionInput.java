package nl.microcredentials.registry.exemptions.boundary;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An exemption request as the receiving institution records it; the institution is the caller's. */
@Schema(name = "ExemptionRequestInput")
public record ExemptionInput(
        @Schema(required = true) Learner learner,
        @Schema(required = true, description = "id of the micro-credential programme (of another member)") String programme,
        @Schema(description = "the version earned; default: the one published at the award date") Integer programmeVersion,
        @Schema(required = true, example = "2026-06-30") LocalDate awardedOn,
        @Schema(example = "https://edubadges.nl/public/assertions/abc123", description = "the edubadge assertion") String evidenceUrl,
        @Schema(required = true) Course targetCourse,
        @Schema(description = "the learner's programme at the receiving institution") String targetProgramme,
        @Schema(description = "the learner's own motivation") String motivation) {

    /**
     * The SHA-256 of the body's canonical JSON (RFC 8785; strings stripped, numbers without trailing zeros): what an
     * Idempotency-Key stands for, so that a key reused with another body is recognised.
     */
    public String fingerprint() {
        var json = JSON.createObjectBuilder();
        var l = JSON.createObjectBuilder();
        if (learner != null) {
            put(l, "name", learner.name());
            put(l, "email", learner.email());
            put(l, "studentNumber", learner.studentNumber());
        }
        json.add("learner", l);
        put(json, "programme", programme);
        if (programmeVersion != null) json.add("programmeVersion", programmeVersion);
        put(json, "awardedOn", awardedOn == null ? null : awardedOn.toString());
        put(json, "evidenceUrl", evidenceUrl);
        var c = JSON.createObjectBuilder();
        if (targetCourse != null) {
            put(c, "code", targetCourse.code());
            put(c, "title", targetCourse.title());
            put(c, "ects", targetCourse.ects() == null ? null : targetCourse.ects().stripTrailingZeros().toPlainString());
        }
        json.add("targetCourse", c);
        put(json, "targetProgramme", targetProgramme);
        put(json, "motivation", motivation);
        try {
            String canonical = new org.erdtman.jcs.JsonCanonicalizer(json.build().toString()).getEncodedString();
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One provider: {@code Json.createObjectBuilder()} looks the provider up through the service loader on every call. */
    private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    private static void put(jakarta.json.JsonObjectBuilder b, String name, String value) {
        if (value != null && !value.isBlank()) b.add(name, value.strip());
    }

    @Schema(name = "Learner", description = "personal data: visible to the receiving institution and its board only")
    public record Learner(@Schema(required = true) String name, String email, String studentNumber) implements java.io.Serializable { }

    @Schema(name = "TargetCourse")
    public record Course(@Schema(required = true, example = "CSE2110") String code, @Schema(required = true) String title,
                         @Schema(required = true, example = "5") BigDecimal ects) implements java.io.Serializable { }
}
