package nl.microcredentials.registry.agreements.entity;

import nl.microcredentials.registry.platform.cache.CachedIn;
import nl.microcredentials.registry.platform.cache.Generation;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.microcredentials.registry.agreements.control.AgreementScope;
import nl.microcredentials.registry.agreements.control.AgreementTerms;

/**
 * One version of an agreement's terms with their hash. A DRAFT's only version is edited in place; once proposed, a
 * version is never changed again (a change makes a new one), so an approval's hash always names terms that exist.
 */
@CachedIn(Generation.CATALOGUE)
@Entity
@Table(name = "agreement_version")
@NamedQuery(name = AgreementVersion.OF_AGREEMENT,
        query = "SELECT v FROM AgreementVersion v WHERE v.agreement = :agreement ORDER BY v.number DESC")
@NamedQuery(name = AgreementVersion.NUMBER,
        query = "SELECT v FROM AgreementVersion v WHERE v.agreement = :agreement AND v.number = :number")
@NamedQuery(name = AgreementVersion.IN_FORCE_WITH_PARTY,
        query = "SELECT v FROM AgreementVersion v JOIN v.agreement a WHERE v.number = a.activeVersion"
                + " AND a.status IN (nl.microcredentials.registry.agreements.entity.AgreementStatus.ACTIVE,"
                + " nl.microcredentials.registry.agreements.entity.AgreementStatus.TERMINATED)"
                + " AND :party MEMBER OF v.parties")
public class AgreementVersion {

    public static final String OF_AGREEMENT = "AgreementVersion.ofAgreement";
    public static final String NUMBER = "AgreementVersion.number";
    public static final String IN_FORCE_WITH_PARTY = "AgreementVersion.inForceWithParty";

    @Id
    @Column(length = 36)
    private String id = UUID.randomUUID().toString();

    /** Optimistic locking: a concurrent change of this row fails instead of being lost. */
    @jakarta.persistence.Version
    private int version;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "agreement_id", nullable = false, updatable = false)
    private Agreement agreement;

    @Column(nullable = false, updatable = false)
    private int number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AgreementKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private RecognitionEffect effect;

    @Column(nullable = false, length = 20000)
    private String terms;

    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;

    @Column(name = "valid_until")
    private LocalDate validUntil;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agreement_party", joinColumns = @JoinColumn(name = "version_id"))
    @Column(name = "institution_code", length = 60)
    private List<String> parties = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agreement_scope_programme", joinColumns = @JoinColumn(name = "version_id"))
    @Column(name = "programme_id", length = 36)
    private List<String> scopeProgrammes = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agreement_scope_issuer", joinColumns = @JoinColumn(name = "version_id"))
    @Column(name = "institution_code", length = 60)
    private List<String> scopeIssuers = new ArrayList<>();

    @Column(name = "min_nlqf_level", length = 5)
    private String minNlqfLevel;

    @Column(name = "max_nlqf_level", length = 5)
    private String maxNlqfLevel;

    @Column(name = "min_ects", precision = 4, scale = 1)
    private BigDecimal minEcts;

    @Column(name = "max_ects", precision = 4, scale = 1)
    private BigDecimal maxEcts;

    @Column(name = "terms_hash", nullable = false, length = 64)
    private String termsHash;

    @Column(name = "canonical_terms", nullable = false, length = 60000)
    private String canonicalTerms;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "activated_at")
    private Instant activatedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AgreementVersion() { }

    public AgreementVersion(Agreement agreement, int number, String createdBy) {
        this.agreement = agreement;
        this.number = number;
        this.createdBy = createdBy;
    }

    @PrePersist
    void onCreate() {
        if (createdAt == null) createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Takes normalised terms and their hash. */
    public void apply(AgreementTerms t) {
        kind = t.kind();
        effect = t.effect();
        terms = t.terms();
        validFrom = t.validFrom();
        validUntil = t.validUntil();
        parties = new ArrayList<>(t.parties());
        AgreementScope s = t.scope();
        scopeProgrammes = new ArrayList<>(s.programmes());
        scopeIssuers = new ArrayList<>(s.issuers());
        minNlqfLevel = s.minNlqfLevel();
        maxNlqfLevel = s.maxNlqfLevel();
        minEcts = s.minEcts();
        maxEcts = s.maxEcts();
        canonicalTerms = t.canonicalJson();
        termsHash = AgreementTerms.sha256(canonicalTerms);
    }

    public AgreementTerms terms() {
        return new AgreementTerms(kind, List.copyOf(parties), scope(), effect, terms, validFrom, validUntil).normalised();
    }

    public AgreementScope scope() {
        return new AgreementScope(List.copyOf(scopeProgrammes), List.copyOf(scopeIssuers), minNlqfLevel, maxNlqfLevel, minEcts, maxEcts).normalised();
    }

    public void activated(Instant at) { activatedAt = at; }

    public String getId() { return id; }
    public Agreement getAgreement() { return agreement; }
    public int getNumber() { return number; }
    public AgreementKind getKind() { return kind; }
    public RecognitionEffect getEffect() { return effect; }
    public String getTerms() { return terms; }
    public LocalDate getValidFrom() { return validFrom; }
    public LocalDate getValidUntil() { return validUntil; }
    public List<String> getParties() { return parties; }
    public String getTermsHash() { return termsHash; }
    public String getCanonicalTerms() { return canonicalTerms; }
    public String getCreatedBy() { return createdBy; }
    public Instant getActivatedAt() { return activatedAt; }
    public Instant getCreatedAt() { return createdAt; }
}
