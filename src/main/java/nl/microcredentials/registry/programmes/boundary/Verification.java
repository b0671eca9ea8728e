package nl.microcredentials.registry.programmes.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import nl.microcredentials.registry.programmes.control.LocalizedText;
import nl.microcredentials.registry.programmes.control.QualityAssurance;
import nl.microcredentials.registry.programmes.entity.ProgrammeStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The public answer to "is this a registered pilot micro-credential?": {@code registered} is true only for a published
 * programme of a member institution. An unknown badge class is {@code registered: false} with a reason, not an error.
 */
@Schema(name = "Verification")
public record Verification(
        boolean registered,
        @Schema(description = "why it is not registered, when it is not") String reason,
        String badgeClassUrl,
        String programme,
        ProgrammeStatus status,
        LocalizedText title,
        Issuer institution,
        BigDecimal ects,
        Integer studyHours,
        String nlqfLevel,
        Integer eqfLevel,
        boolean levelVerified,
        QualityAssurance qualityAssurance,
        LocalDate microcredentialSince,
        Integer versionNumber,
        Instant withdrawnAt,
        @Schema(description = "how many other member institutions recognise it under recognition agreements in force "
                + "(advice to their Boards of Examiners, never an automatic exemption)") Integer recognisedByInstitutions,
        @Schema(description = "the last comparison of the edubadges badge class with the registered version (EC, EQF, study load, "
                + "language, quality assurance, participation); a disagreement or an unreachable badge class is a warning, never a failure")
        BadgeClassChecks.View badgeClassCheck) {

    @Schema(name = "Issuer")
    public record Issuer(String code, String name, String sector, boolean member) { }

    static Verification unknown(String badgeClassUrl) {
        return new Verification(false, "No programme of the pilot has this badge class", badgeClassUrl, null, null, null, null,
                null, null, null, null, false, null, null, null, null, null, null);
    }
}
