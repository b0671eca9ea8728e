package nl.microcredentials.registry.programmes.entity;

import nl.microcredentials.registry.platform.cache.CachedIn;
import nl.microcredentials.registry.platform.cache.Generation;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;
import nl.microcredentials.registry.programmes.control.LocalizedText;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.control.QualityAssurance;

/**
 * The content of one version of a programme. Once {@link #getPublishedAt() published} it is never changed again;
 * until then (a draft) it is edited in place.
 */
@CachedIn(Generation.CATALOGUE)
@Entity
@Table(name = "programme_version")
@NamedQuery(name = ProgrammeVersion.OF_PROGRAMME,
        query = "SELECT v FROM ProgrammeVersion v WHERE v.programme = :programme ORDER BY v.number DESC")
@NamedQuery(name = ProgrammeVersion.NUMBER,
        query = "SELECT v FROM ProgrammeVersion v WHERE v.programme = :programme AND v.number = :number")
@NamedQuery(name = ProgrammeVersion.CURRENT_OF,
        query = "SELECT v FROM ProgrammeVersion v JOIN FETCH v.programme p JOIN FETCH p.institution WHERE p.id IN :ids AND v.number = p.latestVersion")
@NamedQuery(name = ProgrammeVersion.PUBLISHED_BY_BADGE_CLASS,
        query = "SELECT v FROM ProgrammeVersion v JOIN FETCH v.programme p JOIN FETCH p.institution WHERE v.badgeClassUrl = :url AND v.publishedAt IS NOT NULL")
@NamedQuery(name = ProgrammeVersion.BY_BADGE_CLASS,
        query = "SELECT v FROM ProgrammeVersion v JOIN FETCH v.programme p JOIN FETCH p.institution WHERE v.badgeClassUrl = :url AND v.number = p.latestVersion ORDER BY p.createdAt")
public class ProgrammeVersion extends AuditedEntity {

    public static final String OF_PROGRAMME = "ProgrammeVersion.ofProgramme";
    public static final String NUMBER = "ProgrammeVersion.number";
    public static final String CURRENT_OF = "ProgrammeVersion.currentOf";
    public static final String PUBLISHED_BY_BADGE_CLASS = "ProgrammeVersion.publishedByBadgeClass";
    public static final String BY_BADGE_CLASS = "ProgrammeVersion.byBadgeClass";

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "programme_id", nullable = false, updatable = false)
    private Programme programme;

    @Column(nullable = false, updatable = false)
    private int number;

    @Column(name = "course_code", length = 40) private String courseCode;
    @Column(name = "title_nl", length = 300) private String titleNl;
    @Column(name = "title_en", length = 300) private String titleEn;
    @Column(name = "description_nl", length = 10000) private String descriptionNl;
    @Column(name = "description_en", length = 10000) private String descriptionEn;

    @Convert(converter = StringListConverter.class)
    @Column(name = "learning_outcomes", length = 60000)
    private List<String> learningOutcomes = new ArrayList<>();

    @Column(precision = 4, scale = 1) private BigDecimal ects;
    @Column(name = "study_hours") private Integer studyHours;
    @Column(name = "nlqf_level", length = 5) private String nlqfLevel;
    @Column(name = "eqf_level") private Integer eqfLevel;
    @Column(name = "level_verified", nullable = false) private boolean levelVerified;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "programme_version_participation", joinColumns = @JoinColumn(name = "version_id"))
    @OrderColumn(name = "position")
    @Enumerated(EnumType.STRING)
    @Column(name = "participation", length = 20, nullable = false)
    private List<Participation> participation = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "assessment_type", length = 32)
    private AssessmentType assessmentType;

    @Column(name = "assessment_supervised", nullable = false) private boolean assessmentSupervised;
    @Column(name = "identity_verified", nullable = false) private boolean identityVerified;
    @Column(name = "qa_name", length = 200) private String qaName;
    @Column(name = "qa_url", length = 500) private String qaUrl;
    @Column(name = "qa_description", length = 2000) private String qaDescription;
    @Column(length = 2000) private String prerequisites;
    @Column(name = "grade_recorded", nullable = false) private boolean gradeRecorded;
    @Column(name = "stackable_towards", length = 2000) private String stackableTowards;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "programme_version_language", joinColumns = @JoinColumn(name = "version_id"))
    @OrderColumn(name = "position")
    @Column(name = "language", length = 3, nullable = false)
    private List<String> languages = new ArrayList<>();

    @Column(name = "isced_field", length = 4) private String iscedField;
    @Column(name = "badge_class_url", length = 500) private String badgeClassUrl;
    @Column(name = "microcredential_since") private LocalDate microcredentialSince;
    @Column(nullable = false) private boolean experimental;
    @Column(name = "published_at") private Instant publishedAt;

    protected ProgrammeVersion() { }

    public ProgrammeVersion(Programme programme, int number) {
        this.programme = programme;
        this.number = number;
    }

    /** Replaces the content; only for a version that was never published. */
    public void apply(ProgrammeDraft d) {
        if (publishedAt != null) {
            throw new IllegalStateException("Version " + number + " was published and cannot change");
        }
        courseCode = blankToNull(d.courseCode());
        titleNl = d.title() == null ? null : blankToNull(d.title().nl());
        titleEn = d.title() == null ? null : blankToNull(d.title().en());
        descriptionNl = d.description() == null ? null : blankToNull(d.description().nl());
        descriptionEn = d.description() == null ? null : blankToNull(d.description().en());
        learningOutcomes = d.learningOutcomes() == null ? new ArrayList<>() : d.learningOutcomes().stream().map(String::trim).toList();
        ects = d.ects() == null ? null : d.ects().setScale(1, java.math.RoundingMode.HALF_UP); // the rules allow one decimal
        studyHours = d.studyHours();
        nlqfLevel = blankToNull(d.nlqfLevel());
        eqfLevel = d.eqfLevel();
        levelVerified = Boolean.TRUE.equals(d.levelVerified());
        participation = d.participation() == null ? new ArrayList<>()
                : new ArrayList<>(d.participation().stream().map(Participation::valueOf).toList());
        assessmentType = d.assessmentType() == null ? null : AssessmentType.valueOf(d.assessmentType());
        assessmentSupervised = Boolean.TRUE.equals(d.assessmentSupervised());
        identityVerified = Boolean.TRUE.equals(d.identityVerified());
        QualityAssurance qa = d.qualityAssurance();
        qaName = qa == null ? null : blankToNull(qa.name());
        qaUrl = qa == null ? null : blankToNull(qa.url());
        qaDescription = qa == null ? null : blankToNull(qa.description());
        prerequisites = blankToNull(d.prerequisites());
        gradeRecorded = Boolean.TRUE.equals(d.gradeRecorded());
        stackableTowards = blankToNull(d.stackableTowards());
        languages = d.languages() == null ? new ArrayList<>() : new ArrayList<>(d.languages());
        iscedField = blankToNull(d.iscedField());
        badgeClassUrl = blankToNull(d.edubadgeBadgeClassUrl());
        microcredentialSince = d.microcredentialSince();
        experimental = Boolean.TRUE.equals(d.experimental());
    }

    /** The content as the rules see it. */
    public ProgrammeDraft draft() {
        return new ProgrammeDraft(courseCode, new LocalizedText(titleNl, titleEn), new LocalizedText(descriptionNl, descriptionEn),
                List.copyOf(learningOutcomes), ects, studyHours, nlqfLevel, eqfLevel, levelVerified,
                participation.stream().map(Enum::name).toList(), assessmentSupervised, identityVerified,
                assessmentType == null ? null : assessmentType.name(),
                qaName == null && qaUrl == null && qaDescription == null ? null : new QualityAssurance(qaName, qaUrl, qaDescription),
                prerequisites, gradeRecorded, stackableTowards, List.copyOf(languages), iscedField, badgeClassUrl,
                microcredentialSince, experimental);
    }

    public void publish(Instant at) {
        publishedAt = at;
        programme.versionPublished(number);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public Programme getProgramme() { return programme; }
    public int getNumber() { return number; }
    public Instant getPublishedAt() { return publishedAt; }
    public String getBadgeClassUrl() { return badgeClassUrl; }
    public String getTitleNl() { return titleNl; }
    public String getTitleEn() { return titleEn; }
    public BigDecimal getEcts() { return ects; }
    public String getNlqfLevel() { return nlqfLevel; }
    public java.time.LocalDate getMicrocredentialSince() { return microcredentialSince; }
}
