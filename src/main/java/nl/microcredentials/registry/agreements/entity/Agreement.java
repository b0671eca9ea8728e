package nl.microcredentials.registry.agreements.entity;

import nl.microcredentials.registry.platform.cache.CachedIn;
import nl.microcredentials.registry.platform.cache.Generation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.LocalDate;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;

/**
 * A recognition agreement's lifecycle: which version is current (the latest terms) and which is active (the last
 * one every party approved, in force while a newer one awaits approval). The terms live in {@link AgreementVersion}s.
 */
@CachedIn(Generation.CATALOGUE)
@Entity
@Table(name = "agreement")
public class Agreement extends AuditedEntity {

    @Column(nullable = false, length = 300)
    private String title;

    @Column(name = "consortium_wide", nullable = false)
    private boolean consortiumWide;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AgreementStatus status = AgreementStatus.DRAFT;

    @Column(name = "current_version", nullable = false)
    private int currentVersion = 1;

    @Column(name = "active_version")
    private Integer activeVersion;

    /** validUntil of the version that governs the status (the active one, else the current one): EXPIRED is computed from it. */
    @Column(name = "valid_until")
    private LocalDate validUntil;

    @Column(name = "ever_approved", nullable = false)
    private boolean everApproved;

    @Column(name = "created_by", nullable = false, length = 200, updatable = false)
    private String createdBy;

    @Column(name = "created_by_institution", length = 60, updatable = false)
    private String createdByInstitution;

    @Column(name = "terminated_on")
    private LocalDate terminatedOn;

    @Column(name = "termination_reason", length = 2000)
    private String terminationReason;

    protected Agreement() { }

    public Agreement(String title, boolean consortiumWide, String createdBy, String createdByInstitution) {
        this.title = title;
        this.consortiumWide = consortiumWide;
        this.createdBy = createdBy;
        this.createdByInstitution = createdByInstitution;
    }

    public void retitle(String title) { this.title = title; }

    public void propose() { status = AgreementStatus.PROPOSED; }

    public void approved() { everApproved = true; }

    /** Every party approved the current version: it is in force. */
    public void activate(LocalDate validUntil) {
        status = AgreementStatus.ACTIVE;
        activeVersion = currentVersion;
        this.validUntil = validUntil;
    }

    /** New terms: a new current version; an active agreement stays in force on its active version. */
    public void newVersion(int number, LocalDate validUntilOfNew) {
        currentVersion = number;
        if (activeVersion == null) validUntil = validUntilOfNew;
    }

    public void editedInPlace(LocalDate validUntil) {
        if (activeVersion == null) this.validUntil = validUntil;
    }

    public void terminate(LocalDate on, String reason) {
        status = AgreementStatus.TERMINATED;
        terminatedOn = on;
        terminationReason = reason;
    }

    /** A newer version than the active one awaits approval. */
    public boolean isPending() {
        return activeVersion != null && activeVersion != currentVersion;
    }

    public String getTitle() { return title; }
    public boolean isConsortiumWide() { return consortiumWide; }
    public AgreementStatus getStatus() { return status; }
    public int getCurrentVersion() { return currentVersion; }
    public Integer getActiveVersion() { return activeVersion; }
    public LocalDate getValidUntil() { return validUntil; }
    public boolean isEverApproved() { return everApproved; }
    public String getCreatedBy() { return createdBy; }
    public String getCreatedByInstitution() { return createdByInstitution; }
    public LocalDate getTerminatedOn() { return terminatedOn; }
    public String getTerminationReason() { return terminationReason; }
}
