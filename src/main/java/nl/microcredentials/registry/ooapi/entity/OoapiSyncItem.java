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

/** What one sync did with one remote course: created, updated, unchanged, refused (with the reasons) or a conflict. */
@Entity
@Table(name = "ooapi_sync_item")
@NamedQuery(name = OoapiSyncItem.OF_SYNC, query = "SELECT i FROM OoapiSyncItem i WHERE i.sync = :sync ORDER BY i.position")
@NamedQuery(name = OoapiSyncItem.OF_SYNC_OUTCOME, query = "SELECT i FROM OoapiSyncItem i WHERE i.sync = :sync AND i.outcome = :outcome ORDER BY i.position")
@NamedQuery(name = OoapiSyncItem.CONFLICT, query = "SELECT i FROM OoapiSyncItem i WHERE i.sync = :sync AND i.courseId = :courseId AND i.outcome = "
        + "nl.microcredentials.registry.ooapi.entity.OoapiSyncItem.Outcome.CONFLICT")
public class OoapiSyncItem {

    public static final String OF_SYNC = "OoapiSyncItem.ofSync";
    public static final String OF_SYNC_OUTCOME = "OoapiSyncItem.ofSyncOutcome";
    public static final String CONFLICT = "OoapiSyncItem.conflict";
    public static final int COURSE_ID_MAX = 200;
    public static final int TITLE_MAX = 300;
    public static final int REASONS_MAX = 4000;

    public enum Outcome { CREATED, UPDATED, UNCHANGED, REFUSED, CONFLICT }

    public enum Resolution { REGISTRY, REMOTE }

    @Id
    @Column(length = 36)
    private String id = UUID.randomUUID().toString();

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "sync_id", nullable = false, updatable = false)
    private OoapiSync sync;

    @Column(nullable = false, updatable = false)
    private int position;

    @Column(name = "course_id", length = COURSE_ID_MAX, updatable = false)
    private String courseId;

    @Column(length = TITLE_MAX, updatable = false)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12, updatable = false)
    private Outcome outcome;

    @Column(name = "programme_id", length = 36)
    private String programmeId;

    /** One "field: message" a line. */
    @Column(length = REASONS_MAX)
    private String reasons;

    @Column(name = "remote_content", length = 200_000)
    private String remoteContent;

    @Enumerated(EnumType.STRING)
    @Column(length = 12)
    private Resolution resolution;

    @Column(name = "resolved_by", length = 200)
    private String resolvedBy;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    protected OoapiSyncItem() { }

    public OoapiSyncItem(OoapiSync sync, int position, String courseId, String title, Outcome outcome, String programmeId,
                         String reasons, String remoteContent) {
        this.sync = sync;
        this.position = position;
        this.courseId = cut(courseId, COURSE_ID_MAX);
        this.title = cut(title, TITLE_MAX);
        this.outcome = outcome;
        this.programmeId = programmeId;
        this.reasons = cut(reasons, REASONS_MAX);
        this.remoteContent = remoteContent;
    }

    public void resolve(Resolution resolution, String by) {
        this.resolution = resolution;
        this.resolvedBy = by;
        this.resolvedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.remoteContent = null;
    }

    /** At most {@code max} code points (never a split surrogate pair). */
    public static String cut(String s, int max) {
        if (s == null) return null;
        if (s.codePointCount(0, s.length()) <= max) return s;
        return s.substring(0, s.offsetByCodePoints(0, max - 3)) + "...";
    }

    public String getId() { return id; }
    public OoapiSync getSync() { return sync; }
    public int getPosition() { return position; }
    public String getCourseId() { return courseId; }
    public String getTitle() { return title; }
    public Outcome getOutcome() { return outcome; }
    public String getProgrammeId() { return programmeId; }
    public String getReasons() { return reasons; }
    public String getRemoteContent() { return remoteContent; }
    public Resolution getResolution() { return resolution; }
    public String getResolvedBy() { return resolvedBy; }
    public Instant getResolvedAt() { return resolvedAt; }
}
