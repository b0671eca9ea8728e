package nl.microcredentials.registry.institutions.entity;

import nl.microcredentials.registry.platform.cache.CachedIn;
import nl.microcredentials.registry.platform.cache.Generation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDate;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;

/** A member institution of the pilot, identified in the API by its stable {@link #getCode() code} (a slug). */
@CachedIn(Generation.CATALOGUE)
@Entity
@Table(name = "institution")
@NamedQuery(name = Institution.BY_CODE, query = "SELECT i FROM Institution i WHERE i.code = :code")
public class Institution extends AuditedEntity {

    public static final String BY_CODE = "Institution.byCode";
    public static final int CODE_LENGTH = 64;
    public static final int NAME_LENGTH = 200;
    public static final int WEBSITE_LENGTH = 500;
    public static final int SCHAC_HOME_LENGTH = 253;

    @Column(nullable = false, unique = true, updatable = false, length = CODE_LENGTH)
    private String code;

    @Column(nullable = false, length = NAME_LENGTH)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 3)
    private Sector sector;

    @Column(length = 4)
    private String brin;

    @Column(length = WEBSITE_LENGTH)
    private String website;

    @Column(name = "member_since")
    private LocalDate memberSince;

    @Column(nullable = false)
    private boolean active = true;

    /** RIO's onderwijsaanbiedercode ({@code 123A456}), which RIO needs on every course; optional. */
    @Column(name = "education_offerer_code", length = 7)
    private String educationOffererCode;

    /** The SCHAC home organisation (the institution's domain in SURFconext and eduID, e.g. {@code tudelft.nl}); optional. */
    @Column(name = "schac_home", length = SCHAC_HOME_LENGTH)
    private String schacHome;

    /** The key set (JWKS URL) that verifies the institution's Open Badges 3.0 credentials (VC-JWT); optional. */
    @Column(name = "credential_keys_url", length = WEBSITE_LENGTH)
    private String credentialKeysUrl;

    protected Institution() { }

    public Institution(String code) {
        this.code = code;
    }

    public void update(String name, Sector sector, String brin, String website, LocalDate memberSince, boolean active) {
        this.name = name;
        this.sector = sector;
        this.brin = brin;
        this.website = website;
        this.memberSince = memberSince;
        this.active = active;
    }

    /** The identifiers the Open Education API's consumers need; either may be {@code null}. */
    public void identifiers(String educationOffererCode, String schacHome) {
        this.educationOffererCode = educationOffererCode;
        this.schacHome = schacHome;
    }

    /** The key set that verifies the institution's credentials, {@code null} when it registered none. */
    public void credentialKeys(String credentialKeysUrl) {
        this.credentialKeysUrl = credentialKeysUrl;
    }

    public String getCredentialKeysUrl() { return credentialKeysUrl; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public Sector getSector() { return sector; }
    public String getBrin() { return brin; }
    public String getWebsite() { return website; }
    public LocalDate getMemberSince() { return memberSince; }
    public boolean isActive() { return active; }
    public String getEducationOffererCode() { return educationOffererCode; }
    public String getSchacHome() { return schacHome; }
    /** The internal id, also the institution's {@code organizationId} in the Open Education API. */
    public String getOrganizationId() { return getId(); }
}
