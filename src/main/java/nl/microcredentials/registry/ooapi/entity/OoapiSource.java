package nl.microcredentials.registry.ooapi.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;

/** An institution's own Open Education API v5 endpoint, from which the registry imports its programmes as drafts. */
@Entity
@Table(name = "ooapi_source")
@NamedQuery(name = OoapiSource.OF_INSTITUTION, query = "SELECT s FROM OoapiSource s JOIN FETCH s.institution i WHERE i.code = :code")
@NamedQuery(name = OoapiSource.ALL, query = "SELECT s FROM OoapiSource s JOIN FETCH s.institution i ORDER BY i.code")
public class OoapiSource extends AuditedEntity {

    public static final String OF_INSTITUTION = "OoapiSource.ofInstitution";
    public static final String ALL = "OoapiSource.all";
    public static final int URL_MAX = 500;
    public static final int CONSUMER_MAX = 40;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "institution_id", nullable = false, updatable = false)
    private Institution institution;

    @Column(name = "base_url", nullable = false, length = URL_MAX)
    private String baseUrl;

    @Column(length = CONSUMER_MAX)
    private String consumer;

    @Column(name = "last_sync_at")
    private Instant lastSyncAt;

    protected OoapiSource() { }

    public OoapiSource(Institution institution, String baseUrl, String consumer) {
        this.institution = institution;
        this.baseUrl = baseUrl;
        this.consumer = consumer;
    }

    public void change(String baseUrl, String consumer) {
        this.baseUrl = baseUrl;
        this.consumer = consumer;
    }

    public void synced(Instant at) {
        this.lastSyncAt = at;
    }

    public Institution getInstitution() { return institution; }
    public String getBaseUrl() { return baseUrl; }
    public String getConsumer() { return consumer; }
    public Instant getLastSyncAt() { return lastSyncAt; }
}
