package nl.microcredentials.registry.programmes.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;

/** The last check of the edubadges badge class a programme names, and when the next one is due. */
@Entity
@Table(name = "badge_class_check")
@NamedQuery(name = BadgeClassCheck.OF_PROGRAMME, query = "SELECT c FROM BadgeClassCheck c WHERE c.programmeId = :programme")
@NamedQuery(name = BadgeClassCheck.WITH_WARNINGS,
        query = "SELECT c FROM BadgeClassCheck c WHERE c.status IN :statuses ORDER BY c.checkedAt DESC")
@NamedQuery(name = BadgeClassCheck.WITH_WARNINGS_OF_INSTITUTION,
        query = "SELECT c FROM BadgeClassCheck c, Programme p WHERE p.id = c.programmeId AND p.institution.code = :code "
                + "AND c.status IN :statuses ORDER BY c.checkedAt DESC")
public class BadgeClassCheck extends AuditedEntity {

    public static final String OF_PROGRAMME = "BadgeClassCheck.ofProgramme";
    public static final String WITH_WARNINGS = "BadgeClassCheck.withWarnings";
    public static final String WITH_WARNINGS_OF_INSTITUTION = "BadgeClassCheck.withWarningsOfInstitution";

    /** PENDING until first checked; AGREES, DISAGREES (findings), UNREACHABLE or INVALID (detail) after. */
    public enum Status { PENDING, AGREES, DISAGREES, UNREACHABLE, INVALID }

    @Column(name = "programme_id", nullable = false, length = 36, updatable = false)
    private String programmeId;

    @Column(name = "version_number", nullable = false)
    private int versionNumber;

    @Column(name = "badge_class_url", nullable = false, length = 500)
    private String badgeClassUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status = Status.PENDING;

    @Column(length = 4000)
    private String findings;

    @Column(length = 500)
    private String detail;

    @Column(name = "checked_at")
    private Instant checkedAt;

    @Column(name = "due_at")
    private Instant dueAt;

    @Column(nullable = false)
    private int attempts;

    protected BadgeClassCheck() { }

    public BadgeClassCheck(String programmeId) {
        this.programmeId = programmeId;
    }

    /** A check of this version's badge class is wanted at {@code due}. */
    public void schedule(int versionNumber, String badgeClassUrl, Instant due) {
        if (this.versionNumber != versionNumber || !badgeClassUrl.equals(this.badgeClassUrl)) {
            status = Status.PENDING;
            findings = null;
            detail = null;
        }
        this.versionNumber = versionNumber;
        this.badgeClassUrl = badgeClassUrl;
        this.dueAt = due;
        this.attempts = 0;
    }

    public void lease(Instant until) {
        dueAt = until;
        attempts++;
    }

    public void checked(Status status, String findings, String detail, Instant at, Instant next) {
        this.status = status;
        this.findings = findings;
        this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 497) + "...";
        this.checkedAt = at;
        this.dueAt = next;
    }

    public String getProgrammeId() { return programmeId; }
    public int getVersionNumber() { return versionNumber; }
    public String getBadgeClassUrl() { return badgeClassUrl; }
    public Status getStatus() { return status; }
    public String getFindings() { return findings; }
    public String getDetail() { return detail; }
    public Instant getCheckedAt() { return checkedAt; }
    public Instant getDueAt() { return dueAt; }
    public int getAttempts() { return attempts; }
}
