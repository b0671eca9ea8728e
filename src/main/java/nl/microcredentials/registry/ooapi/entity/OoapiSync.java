package nl.microcredentials.registry.ooapi.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import nl.microcredentials.registry.institutions.entity.Institution;

/**
 * One run of an import from an institution's OOAPI endpoint: QUEUED, then RUNNING on exactly one instance, then
 * SUCCEEDED or FAILED (with the reason); its counts, and per course an {@link OoapiSyncItem}.
 */
@Entity
@Table(name = "ooapi_sync")
@NamedQuery(name = OoapiSync.OF_INSTITUTION, query = "SELECT s FROM OoapiSync s WHERE s.institution.code = :code ORDER BY s.queuedAt DESC")
@NamedQuery(name = OoapiSync.STALE, query = "SELECT s FROM OoapiSync s WHERE s.status = "
        + "nl.microcredentials.registry.ooapi.entity.OoapiSync.Status.RUNNING AND s.heartbeatAt < :before")
public class OoapiSync {

    public static final String OF_INSTITUTION = "OoapiSync.ofInstitution";
    public static final String STALE = "OoapiSync.stale";
    public static final int FAILURE_MAX = 2000;

    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED }

    public enum Trigger { MANUAL, NIGHTLY }

    @Id
    @Column(length = 36)
    private String id = UUID.randomUUID().toString();

    @jakarta.persistence.Version
    private int version;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "institution_id", nullable = false, updatable = false)
    private Institution institution;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status = Status.QUEUED;

    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_kind", nullable = false, length = 12, updatable = false)
    private Trigger trigger;

    @Column(name = "requested_by", length = 200, updatable = false)
    private String requestedBy;

    @Column(name = "base_url", nullable = false, length = OoapiSource.URL_MAX, updatable = false)
    private String baseUrl;

    @Column(length = OoapiSource.CONSUMER_MAX, updatable = false)
    private String consumer;

    /** The institution's id while QUEUED or RUNNING (unique: one open sync per institution), null afterwards. */
    @Column(name = "active_institution", length = 36)
    private String activeInstitution;

    @Column(name = "claimed_by", length = 100)
    private String claimedBy;

    private int pages;
    private int items;
    @Column(name = "created_count") private int created;
    @Column(name = "updated_count") private int updated;
    @Column(name = "unchanged_count") private int unchanged;
    @Column(name = "refused_count") private int refused;
    @Column(name = "conflict_count") private int conflicts;

    @Column(length = FAILURE_MAX)
    private String failure;

    @Column(name = "queued_at", nullable = false, updatable = false)
    private Instant queuedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected OoapiSync() { }

    public OoapiSync(Institution institution, Trigger trigger, String requestedBy, String baseUrl, String consumer) {
        this.institution = institution;
        this.trigger = trigger;
        this.requestedBy = requestedBy;
        this.baseUrl = baseUrl;
        this.consumer = consumer;
        this.activeInstitution = institution.getId();
        this.queuedAt = now();
    }

    /** The counts so far (the runner keeps them and writes them with each heartbeat). */
    public void progress(int pages, int items, int created, int updated, int unchanged, int refused, int conflicts) {
        this.pages = pages;
        this.items = items;
        this.created = created;
        this.updated = updated;
        this.unchanged = unchanged;
        this.refused = refused;
        this.conflicts = conflicts;
        this.heartbeatAt = now();
    }

    public void finish(Status outcome, String failure) {
        this.status = outcome;
        this.failure = failure == null ? null : failure.length() > FAILURE_MAX ? failure.substring(0, FAILURE_MAX - 3) + "..." : failure;
        this.finishedAt = now();
        this.activeInstitution = null;
    }

    /** A conflict was settled by the admin after the sync ended. */
    public void conflictResolved(boolean remoteTaken) {
        conflicts = Math.max(0, conflicts - 1);
        if (remoteTaken) updated++;
        else unchanged++;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public String getId() { return id; }
    public int getVersion() { return version; }
    public Institution getInstitution() { return institution; }
    public Status getStatus() { return status; }
    public Trigger getTrigger() { return trigger; }
    public String getRequestedBy() { return requestedBy; }
    public String getBaseUrl() { return baseUrl; }
    public String getConsumer() { return consumer; }
    public String getClaimedBy() { return claimedBy; }
    public int getPages() { return pages; }
    public int getItems() { return items; }
    public int getCreated() { return created; }
    public int getUpdated() { return updated; }
    public int getUnchanged() { return unchanged; }
    public int getRefused() { return refused; }
    public int getConflicts() { return conflicts; }
    public String getFailure() { return failure; }
    public Instant getQueuedAt() { return queuedAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getHeartbeatAt() { return heartbeatAt; }
    public Instant getFinishedAt() { return finishedAt; }
}
