package nl.microcredentials.registry.agreements.entity;

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

/**
 * One notification to one webhook, queued in the transaction of the change (so it exists exactly when the change was
 * committed) and sent by the dispatcher, retried with exponential backoff until delivered or given up.
 */
@Entity
@Table(name = "webhook_delivery")
@NamedQuery(name = WebhookDelivery.DUE, query = "SELECT d FROM WebhookDelivery d WHERE d.status = "
        + "nl.microcredentials.registry.agreements.entity.WebhookDelivery.Status.PENDING AND d.nextAttemptAt <= :now ORDER BY d.nextAttemptAt")
@NamedQuery(name = WebhookDelivery.OF_WEBHOOK, query = "SELECT d FROM WebhookDelivery d WHERE d.webhook = :webhook ORDER BY d.createdAt DESC")
public class WebhookDelivery {

    public static final String DUE = "WebhookDelivery.due";
    public static final String OF_WEBHOOK = "WebhookDelivery.ofWebhook";

    public enum Status { PENDING, DELIVERED, FAILED }

    @Id
    @Column(length = 36)
    private String id = UUID.randomUUID().toString();

    /** Optimistic locking: a concurrent change of this row fails instead of being lost. */
    @jakarta.persistence.Version
    private int version;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "webhook_id", nullable = false, updatable = false)
    private Webhook webhook;

    @Column(name = "agreement_id", nullable = false, length = 36, updatable = false)
    private String agreementId;

    @Column(nullable = false, length = 20, updatable = false)
    private String event;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status = Status.PENDING;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected WebhookDelivery() { }

    public WebhookDelivery(Webhook webhook, String agreementId, String event) {
        this.webhook = webhook;
        this.agreementId = agreementId;
        this.event = event;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.nextAttemptAt = createdAt;
    }

    public void delivered(Instant at) {
        attempts++;
        status = Status.DELIVERED;
        deliveredAt = at;
        lastError = null;
    }

    /** Claimed by an instance until {@code until}: due again then only if that instance did not record an outcome. */
    public void lease(Instant until) {
        nextAttemptAt = until;
    }

    /** A failed attempt: the next one after the backoff, or none when {@code giveUp}. */
    public void failed(String error, Instant next, boolean giveUp) {
        attempts++;
        lastError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
        if (giveUp) status = Status.FAILED;
        else nextAttemptAt = next;
    }

    public String getId() { return id; }
    public Webhook getWebhook() { return webhook; }
    public String getAgreementId() { return agreementId; }
    public String getEvent() { return event; }
    public Status getStatus() { return status; }
    public int getAttempts() { return attempts; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public String getLastError() { return lastError; }
    public Instant getDeliveredAt() { return deliveredAt; }
    public Instant getCreatedAt() { return createdAt; }
}
