package nl.microcredentials.registry.exemptions.entity;

import nl.microcredentials.registry.platform.cache.CachedIn;
import nl.microcredentials.registry.platform.cache.Generation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One transition in a request's history. Append-only: no code path changes or removes one (PostgreSQL refuses it too). */
@CachedIn(Generation.EXEMPTIONS)
@Entity
@Table(name = "exemption_event")
@NamedQuery(name = ExemptionEvent.OF_REQUEST, query = "SELECT e FROM ExemptionEvent e WHERE e.requestId = :request ORDER BY e.at, e.id")
public class ExemptionEvent {

    public static final String OF_REQUEST = "ExemptionEvent.ofRequest";

    @Id
    @Column(length = 36)
    private String id = UUID.randomUUID().toString();

    @Column(name = "request_id", nullable = false, length = 36, updatable = false)
    private String requestId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant at;

    @Column(nullable = false, length = 30, updatable = false)
    private String action;

    @Column(nullable = false, length = 200, updatable = false)
    private String actor;

    @Column(name = "actor_role", length = 30, updatable = false)
    private String actorRole;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", length = 24, updatable = false)
    private ExemptionStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", length = 24, updatable = false)
    private ExemptionStatus to;

    @Column(length = 5000, updatable = false)
    private String reason;

    protected ExemptionEvent() { }

    public ExemptionEvent(String requestId, Instant at, String action, String actor, String actorRole, ExemptionStatus from,
                          ExemptionStatus to, String reason) {
        this.requestId = requestId;
        this.at = at;
        this.action = action;
        this.actor = actor;
        this.actorRole = actorRole;
        this.from = from;
        this.to = to;
        this.reason = reason;
    }

    public Instant getAt() { return at; }
    public String getAction() { return action; }
    public String getActor() { return actor; }
    public String getActorRole() { return actorRole; }
    public ExemptionStatus getFrom() { return from; }
    public ExemptionStatus getTo() { return to; }
    public String getReason() { return reason; }
}
