package nl.microcredentials.registry.agreements.entity;

import nl.microcredentials.registry.platform.cache.CachedIn;
import nl.microcredentials.registry.platform.cache.Generation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A party's approval of the exact terms named by a hash. Never changed or removed while the agreement exists. */
@CachedIn(Generation.CATALOGUE)
@Entity
@Table(name = "agreement_approval")
@NamedQuery(name = AgreementApproval.OF_AGREEMENT,
        query = "SELECT a FROM AgreementApproval a WHERE a.agreement = :agreement ORDER BY a.approvedAt")
public class AgreementApproval {

    public static final String OF_AGREEMENT = "AgreementApproval.ofAgreement";

    @Id
    @Column(length = 36)
    private String id = UUID.randomUUID().toString();

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "agreement_id", nullable = false, updatable = false)
    private Agreement agreement;

    @Column(name = "version_number", nullable = false, updatable = false)
    private int versionNumber;

    @Column(name = "institution_code", nullable = false, length = 60, updatable = false)
    private String institution;

    @Column(name = "terms_hash", nullable = false, length = 64, updatable = false)
    private String termsHash;

    @Column(name = "approved_by", nullable = false, length = 200, updatable = false)
    private String approvedBy;

    @Column(name = "approved_at", nullable = false, updatable = false)
    private Instant approvedAt;

    protected AgreementApproval() { }

    public AgreementApproval(Agreement agreement, int versionNumber, String institution, String termsHash, String approvedBy, Instant approvedAt) {
        this.agreement = agreement;
        this.versionNumber = versionNumber;
        this.institution = institution;
        this.termsHash = termsHash;
        this.approvedBy = approvedBy;
        this.approvedAt = approvedAt;
    }

    public int getVersionNumber() { return versionNumber; }
    public String getInstitution() { return institution; }
    public String getTermsHash() { return termsHash; }
    public String getApprovedBy() { return approvedBy; }
    public Instant getApprovedAt() { return approvedAt; }
}
