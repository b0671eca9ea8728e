package nl.microcredentials.registry.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Something that happened and needs telling, written in the transaction of the change (the outbox): it exists exactly
 * when the change committed. One instance of the cluster claims it, turns it into messages and deletes it.
 */
@Entity
@Table(name = "notification_event")
public class NotificationEvent {

    @Id
    @Column(length = 36)
    private String id = UUID.randomUUID().toString();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40, updatable = false)
    private NotificationKind kind;

    /** The request, agreement, sync or programme it is about. */
    @Column(name = "subject_id", nullable = false, length = 36, updatable = false)
    private String subjectId;

    /** What the kind needs beside the subject (a version, a board, the findings); never learner data. */
    @Column(length = 4000, updatable = false)
    private String detail;

    /** The registry's address as the change's request saw it (when REGISTRY_PUBLIC_URL is not set). */
    @Column(name = "base_url", length = 500, updatable = false)
    private String baseUrl;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error", length = 500)
    private String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected NotificationEvent() { }

    public NotificationEvent(NotificationKind kind, String subjectId, String detail, String baseUrl) {
        this.kind = kind;
        this.subjectId = subjectId;
        this.detail = detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 4000);
        this.baseUrl = baseUrl == null || baseUrl.length() <= 500 ? baseUrl : null;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public void failed(String error) {
        attempts++;
        lastError = error == null ? null : error.length() <= 500 ? error : error.substring(0, 500);
    }

    public String getId() { return id; }
    public NotificationKind getKind() { return kind; }
    public String getSubjectId() { return subjectId; }
    public String getDetail() { return detail; }
    public String getBaseUrl() { return baseUrl; }
    public int getAttempts() { return attempts; }
    public Instant getCreatedAt() { return createdAt; }
}
