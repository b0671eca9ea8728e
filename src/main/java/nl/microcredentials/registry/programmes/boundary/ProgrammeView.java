package nl.microcredentials.registry.programmes.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.microcredentials.registry.programmes.control.LocalizedText;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.control.QualityAssurance;
import nl.microcredentials.registry.programmes.entity.Programme;
import nl.microcredentials.registry.programmes.entity.ProgrammeStatus;
import nl.microcredentials.registry.programmes.entity.ProgrammeVersion;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A programme as the API shows it: the content of one version ({@code versionNumber}; the latest unless a version
 * was asked for) with the programme's lifecycle. {@code version} is the ETag of the programme (it changes with every
 * edit); {@code versionNumber} counts content versions, which never change once published.
 */
@Schema(name = "Programme")
public record ProgrammeView(
        String id,
        @Schema(example = "universiteit-leiden") String institution,
        @Schema(example = "Universiteit Leiden") String institutionName,
        String courseCode,
        LocalizedText title,
        LocalizedText description,
        List<String> learningOutcomes,
        BigDecimal ects,
        Integer studyHours,
        String nlqfLevel,
        Integer eqfLevel,
        boolean levelVerified,
        List<String> participation,
        boolean assessmentSupervised,
        boolean identityVerified,
        String assessmentType,
        QualityAssurance qualityAssurance,
        String prerequisites,
        boolean gradeRecorded,
        String stackableTowards,
        List<String> languages,
        String iscedField,
        String edubadgeBadgeClassUrl,
        LocalDate microcredentialSince,
        boolean experimental,
        ProgrammeStatus status,
        int versionNumber,
        int latestVersionNumber,
        @Schema(description = "when this version was published; absent for a draft") Instant publishedAt,
        Instant withdrawnAt,
        String withdrawalReason,
        @Schema(description = "for the institution's staff and coordinators: rules the published content no longer satisfies since a change"
                + " of its institution (e.g. its sector), one entry per field; empty when it complies. Publish a corrected version to clear them.")
        List<nl.microcredentials.registry.platform.rest.FieldError> ruleFindings,
        int version,
        Instant createdAt,
        Instant updatedAt) implements java.io.Serializable {

    static ProgrammeView of(Programme p, ProgrammeVersion v) {
        ProgrammeDraft d = v.draft();
        return new ProgrammeView(p.getId(), p.getInstitution().getCode(), p.getInstitution().getName(), d.courseCode(),
                d.title(), d.description(), d.learningOutcomes(), d.ects(), d.studyHours(), d.nlqfLevel(), d.eqfLevel(),
                Boolean.TRUE.equals(d.levelVerified()), d.participation(), Boolean.TRUE.equals(d.assessmentSupervised()),
                Boolean.TRUE.equals(d.identityVerified()), d.assessmentType(), d.qualityAssurance(), d.prerequisites(),
                Boolean.TRUE.equals(d.gradeRecorded()), d.stackableTowards(), d.languages(), d.iscedField(),
                d.edubadgeBadgeClassUrl(), d.microcredentialSince(), Boolean.TRUE.equals(d.experimental()), p.getStatus(),
                v.getNumber(), p.getLatestVersion(), v.getPublishedAt(), p.getWithdrawnAt(), p.getWithdrawalReason(),
                List.of(), p.getVersion(), p.getCreatedAt(), p.getUpdatedAt());
    }

    /** With the programme's rule findings, for its staff and coordinators. */
    static ProgrammeView withFindings(Programme p, ProgrammeVersion v) {
        ProgrammeView view = of(p, v);
        if (p.getRuleFindings() == null) return view;
        List<nl.microcredentials.registry.platform.rest.FieldError> findings = java.util.Arrays.stream(p.getRuleFindings().split("\n"))
                .filter(line -> !line.isBlank())
                .map(line -> {
                    int colon = line.indexOf(": ");
                    return colon < 0 ? new nl.microcredentials.registry.platform.rest.FieldError("programme", line)
                            : new nl.microcredentials.registry.platform.rest.FieldError(line.substring(0, colon), line.substring(colon + 2));
                })
                .toList();
        return new ProgrammeView(view.id(), view.institution(), view.institutionName(), view.courseCode(), view.title(), view.description(),
                view.learningOutcomes(), view.ects(), view.studyHours(), view.nlqfLevel(), view.eqfLevel(), view.levelVerified(),
                view.participation(), view.assessmentSupervised(), view.identityVerified(), view.assessmentType(), view.qualityAssurance(),
                view.prerequisites(), view.gradeRecorded(), view.stackableTowards(), view.languages(), view.iscedField(),
                view.edubadgeBadgeClassUrl(), view.microcredentialSince(), view.experimental(), view.status(), view.versionNumber(),
                view.latestVersionNumber(), view.publishedAt(), view.withdrawnAt(), view.withdrawalReason(), findings, view.version(),
                view.createdAt(), view.updatedAt());
    }

    /** The title in the language asked for, else the other one. */
    public String titleIn(String language) {
        if (title == null) return null;
        String preferred = "nl".equals(language) ? title.nl() : title.en();
        return preferred != null && !preferred.isBlank() ? preferred : title.any();
    }
}
