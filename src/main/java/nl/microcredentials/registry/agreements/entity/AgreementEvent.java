package nl.microcredentials.registry.agreements.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One step in an agreement's history: append-only, no code path changes or removes one. */
@Entity
@Table(name = "agreement_event")
@NamedQuery(name = AgreementEvent.OF_AGREEMENT,
        query = "SELECT e FROM AgreementEvent e WHERE e.agreementId = :agreement ORDER BY e.at, e.id")
public class AgreementEvent {

    public static final String OF_AGREEMENT = "AgreementEvent.ofAgreement";

    public enum Action { CREATED, EDITED, NEW_VERSION, PROPOSED, APPROVED, ACTIVATED, TERMINATED }

    @Id
    @Column(length = 36)
    private String id = UUID.randomUUID().toString();

    @Column(name = "agreement_id", nullable = false, length = 36, updatable = false)
    private String agreementId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20, updatable = false)
    private Action action;

    @Column(nullable = false, length = 200, updatable = false)
    private String actor;

    @Column(name = "actor_institution", length = 60, updatable = false)
    private String actorInstitution;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", length = 16, updatable = false)
    private AgreementStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", length = 16, updatable = false)
    private AgreementStatus to;

    @Column(name = "version_number", updatable = false)
    private Integer versionNumber;

    @Column(name = "terms_hash", length = 64, updatable = false)
    private String termsHash;

    @Column(length = 2000, updatable = false)
    private String detail;

    protected AgreementEvent() { }

    public AgreementEvent(String agreementId, Instant at, Action action, String actor, String actorInstitution, AgreementStatus from,
                          AgreementStatus to, Integer versionNumber, String termsHash, String detail) {
        this.agreementId = agreementId;
        this.at = at;
        this.action = action;
        this.actor = actor;
        this.actorInstitution = actorInstitution;
        this.from = from;
        this.to = to;
        this.versionNumber = versionNumber;
        this.termsHash = termsHash;
        this.detail = detail;
    }

    public Instant getAt() { return at; }
    public Action getAction() { return action; }
    public String getActor() { return actor; }
    public String getActorInstitution() { return actorInstitution; }
    public AgreementStatus getFrom() { return from; }
    public AgreementStatus getTo() { return to; }
    public Integer getVersionNumber() { return versionNumber; }
    public String getTermsHash() { return termsHash; }
    public String getDetail() { return detail; }
}
