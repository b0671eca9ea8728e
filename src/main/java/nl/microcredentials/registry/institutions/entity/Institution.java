package nl.microcredentials.registry.institutions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDate;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;

/** A member institution of the pilot, identified in the API by its stable {@link #getCode() code} (a slug). */
@Entity
@Table(name = "institution")
@NamedQuery(name = Institution.BY_CODE, query = "SELECT i FROM Institution i WHERE i.code = :code")
public class Institution extends AuditedEntity {

    public static final String BY_CODE = "Institution.byCode";
    public static final int CODE_LENGTH = 64;
    public static final int NAME_LENGTH = 200;
    public static final int WEBSITE_LENGTH = 500;

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

    public String getCode() { return code; }
    public String getName() { return name; }
    public Sector getSector() { return sector; }
    public String getBrin() { return brin; }
    public String getWebsite() { return website; }
    public LocalDate getMemberSince() { return memberSince; }
    public boolean isActive() { return active; }
}
