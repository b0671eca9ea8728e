package nl.microcredentials.registry.programmes.control;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The content of a micro-credential programme as a client sends it (DOMAIN.md, "A micro-credential programme").
 * Every component may be {@code null}: a draft may be incomplete, and only publishing needs the EU Annex I elements
 * ({@link ProgrammeRules#missingForPublication}). Enumerated values are kept as strings so that the rules can report
 * an unknown value on its field ({@code participation}: ONLINE, ONSITE, BLENDED, WORK_EXPERIENCE; {@code assessmentType}:
 * WRITTEN_EXAM, REPORT_PAPER, BEHAVIOURAL_ASSESSMENT, PROFESSIONAL_PRODUCT, DEVELOPMENT_REPORT, PORTFOLIO, ORAL_EXAM,
 * PERSONALISED_ASSESSMENT; {@code nlqfLevel}: the codes of {@link NlqfLevel}).
 */
public record ProgrammeDraft(
        String courseCode,
        LocalizedText title,
        LocalizedText description,
        List<String> learningOutcomes,
        BigDecimal ects,
        Integer studyHours,
        String nlqfLevel,
        Integer eqfLevel,
        Boolean levelVerified,
        List<String> participation,
        Boolean assessmentSupervised,
        Boolean identityVerified,
        String assessmentType,
        QualityAssurance qualityAssurance,
        String prerequisites,
        Boolean gradeRecorded,
        String stackableTowards,
        List<String> languages,
        String iscedField,
        String edubadgeBadgeClassUrl,
        LocalDate microcredentialSince,
        Boolean experimental) {
}
