package nl.microcredentials.registry.programmes.boundary;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import nl.microcredentials.registry.programmes.control.LocalizedText;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.control.QualityAssurance;
import nl.microcredentials.registry.programmes.entity.AssessmentType;
import nl.microcredentials.registry.programmes.entity.Participation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A programme as an institution sends it (create and update). The institution is the caller's. A draft may be
 * incomplete; publishing needs every EU Annex I element. Rules: {@code ProgrammeRules}.
 */
@Schema(name = "ProgrammeInput")
public record ProgrammeInput(
        @Schema(example = "CSE-MC-101", description = "the institution's own course code") String courseCode,
        @Schema(description = "at least one of nl, en", minProperties = 1) LocalizedText title,
        LocalizedText description,
        @Schema(description = "one or more learning outcome statements (required to publish)") List<String> learningOutcomes,
        @Schema(example = "5", description = "3..30 EC; 1..3 only in the WO experiment") BigDecimal ects,
        @Schema(example = "140", description = "84..840; default 28 x EC") Integer studyHours,
        @Schema(example = "6", enumeration = {"ENTRY", "1", "2", "3", "4", "4+", "5", "6", "7", "8"}) String nlqfLevel,
        @Schema(example = "6", minimum = "1", maximum = "8") Integer eqfLevel,
        Boolean levelVerified,
        List<Participation> participation,
        Boolean assessmentSupervised,
        Boolean identityVerified,
        AssessmentType assessmentType,
        @Schema(description = "default: the Dutch quality framework for micro-credentials") QualityAssurance qualityAssurance,
        String prerequisites,
        Boolean gradeRecorded,
        String stackableTowards,
        @Schema(type = SchemaType.ARRAY, example = "[\"en\", \"nl\"]", description = "ISO 639 codes") List<String> languages,
        @Schema(example = "0613", description = "ISCED-F 2013 detailed field, 4 digits") String iscedField,
        @Schema(example = "https://edubadges.nl/public/badgeclass/abc123") String edubadgeBadgeClassUrl,
        @Schema(example = "2025-09-01", description = "on or after 2023-01-01: micro-credentials are never retroactive") LocalDate microcredentialSince,
        @Schema(description = "the WO experiment with 1..3 EC (1 May 2025 - 30 April 2027)") Boolean experimental) {

    public ProgrammeDraft toDraft() {
        return new ProgrammeDraft(courseCode, title, description, learningOutcomes, ects, studyHours, nlqfLevel, eqfLevel,
                levelVerified, participation == null ? null : participation.stream().map(p -> p == null ? null : p.name()).toList(),
                assessmentSupervised, identityVerified, assessmentType == null ? null : assessmentType.name(), qualityAssurance,
                prerequisites, gradeRecorded, stackableTowards, languages, iscedField, edubadgeBadgeClassUrl,
                microcredentialSince, experimental);
    }
}
