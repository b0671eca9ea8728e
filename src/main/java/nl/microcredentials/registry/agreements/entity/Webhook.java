package nl.microcredentials.registry.agreements.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;

/**
 * Where an institution hears of changes to agreements it is a party to: a URL that receives {@code {"agreement": id}}
 * POSTs, signed with an HMAC-SHA256 of the body under the webhook's secret.
 */
@Entity
@Table(name = "webhook")
@NamedQuery(name = Webhook.OF_INSTITUTION, query = "SELECT w FROM Webhook w WHERE w.institution.code = :code")
@NamedQuery(name = Webhook.OF_INSTITUTIONS, query = "SELECT w FROM Webhook w WHERE w.institution.code IN :codes")
public class Webhook extends AuditedEntity {

    public static final String OF_INSTITUTION = "Webhook.ofInstitution";
    public static final String OF_INSTITUTIONS = "Webhook.ofInstitutions";

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "institution_id", nullable = false, updatable = false)
    private Institution institution;

    @Column(nullable = false, length = 500)
    private String url;

    @Column(nullable = false, length = 100)
    private String secret;

    protected Webhook() { }

    public Webhook(Institution institution, String url, String secret) {
        this.institution = institution;
        this.url = url;
        this.secret = secret;
    }

    public void change(String url, String secret) {
        this.url = url;
        this.secret = secret;
    }

    public Institution getInstitution() { return institution; }
    public String getUrl() { return url; }
    public String getSecret() { return secret; }
}
