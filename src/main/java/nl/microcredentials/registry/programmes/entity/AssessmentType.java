package nl.microcredentials.registry.programmes.entity;

/** Type of assessment, as the Dutch quality framework and edubadges name them. */
public enum AssessmentType {
    WRITTEN_EXAM, REPORT_PAPER, BEHAVIOURAL_ASSESSMENT, PROFESSIONAL_PRODUCT, DEVELOPMENT_REPORT, PORTFOLIO, ORAL_EXAM,
    PERSONALISED_ASSESSMENT
}
