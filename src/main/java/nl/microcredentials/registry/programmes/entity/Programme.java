package nl.microcredentials.registry.programmes.entity;

import nl.microcredentials.registry.platform.cache.CachedIn;
import nl.microcredentials.registry.platform.cache.Generation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;

/**
 * A micro-credential programme of a member institution: its lifecycle and which version is current. The content lives
 * in {@link ProgrammeVersion}s; a published version is never changed again (DOMAIN.md).
 */
@CachedIn(Generation.CATALOGUE)
@Entity
@Table(name = "programme")
public class Programme extends AuditedEntity {

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "institution_id", nullable = false, updatable = false)
    private Institution institution;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ProgrammeStatus status = ProgrammeStatus.DRAFT;

    @Column(name = "latest_version", nullable = false)
    private int latestVersion = 1;

    /** The newest published version (null: never published): what the public sees of the programme. */
    @Column(name = "published_version")
    private Integer publishedVersion;

    @Column(name = "first_published_at")
    private Instant firstPublishedAt;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @Column(name = "withdrawal_reason", length = 2000)
    private String withdrawalReason;

    /** Rules a published version no longer satisfies after a change of its institution, one "field: message" a line. */
    @Column(name = "rule_findings", length = 4000)
    private String ruleFindings;

    @Column(name = "rule_findings_at")
    private Instant ruleFindingsAt;

    protected Programme() { }

    public Programme(Institution institution) {
        this.institution = institution;
    }

    /** The current version was published: the programme is public. */
    public void published(Instant at) {
        status = ProgrammeStatus.PUBLISHED;
        if (firstPublishedAt == null) firstPublishedAt = at;
        ruleFindings = null;
        ruleFindingsAt = null;
        withdrawnAt = null;
        withdrawalReason = null;
    }

    public void withdraw(String reason, Instant at) {
        status = ProgrammeStatus.WITHDRAWN;
        withdrawnAt = at;
        withdrawalReason = reason;
    }

    /**
     * A new version was started. The status stays what it is: a revision of a withdrawn programme is an unpublished
     * version of a WITHDRAWN programme (whose published versions stay public) until it is published.
     */
    public void newVersion(int number) {
        latestVersion = number;
    }

    /** A version of this programme was published: the newest published one is what the public sees. */
    public void versionPublished(int number) {
        if (publishedVersion == null || number > publishedVersion) publishedVersion = number;
    }

    /** What the rules say of the published content now (null: nothing); cleared when a new version is published. */
    public void ruleFindings(String findings, Instant at) {
        ruleFindings = findings == null || findings.isBlank() ? null : findings;
        ruleFindingsAt = ruleFindings == null ? null : at;
    }

    public Institution getInstitution() { return institution; }
    public ProgrammeStatus getStatus() { return status; }
    public int getLatestVersion() { return latestVersion; }
    public Integer getPublishedVersion() { return publishedVersion; }
    public Instant getFirstPublishedAt() { return firstPublishedAt; }
    public Instant getWithdrawnAt() { return withdrawnAt; }
    public String getWithdrawalReason() { return withdrawalReason; }
    public String getRuleFindings() { return ruleFindings; }
    public Instant getRuleFindingsAt() { return ruleFindingsAt; }
}
