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

    @Schema(name = "Learner", description = "personal data: visible to the receiving institution and its board only")
    public record Learner(@Schema(required = true) String name, String email, String studentNumber) { }

    @Schema(name = "TargetCourse")
    public record Course(@Schema(required = true, example = "CSE2110") String code, @Schema(required = true) String title,
                         @Schema(required = true, example = "5") BigDecimal ects) { }
}
