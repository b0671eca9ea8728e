package nl.microcredentials.registry.institutions.ui;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.OptionalInt;
import nl.microcredentials.registry.institutions.boundary.InstitutionInput;
import nl.microcredentials.registry.institutions.boundary.InstitutionView;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.web.Messages;

/**
 * admin/institutions/edit.xhtml[?code=...]: a coordinator adds or edits a member institution. The version read with
 * the form is sent back, so an edit made meanwhile by someone else is reported, never overwritten.
 */
@Named
@ViewScoped
public class EditInstitutionBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Institutions institutions;

    private String code;
    private boolean existing;
    private int version;
    private String name;
    private Sector sector;
    private String brin;
    private String website;
    private LocalDate memberSince;
    private boolean active = true;
    private String educationOffererCode;
    private String schacHome;
    private String credentialKeysUrl;

    @Inject
    nl.microcredentials.registry.platform.security.Caller caller;

    public void load() {
        if (code == null || code.isBlank() || FacesContext.getCurrentInstance().isPostback()) return;
        try {
            InstitutionView i = institutions.get(code);
            existing = true;
            version = i.version();
            name = i.name();
            sector = i.sector();
            brin = i.brin();
            website = i.website();
            memberSince = i.memberSince();
            active = i.active();
            educationOffererCode = i.educationOffererCode();
            schacHome = i.schacHome();
            credentialKeysUrl = i.credentialKeysUrl();
        } catch (RegistryException e) {
            Messages.show(e, "form");
        }
    }

    public void save() throws IOException {
        var input = new InstitutionInput(code, name, sector, brin, website, memberSince, active)
                .withIdentifiers(educationOffererCode, schacHome);
        input.credentialKeysUrl = credentialKeysUrl;
        try {
            InstitutionView saved = existing
                    ? institutions.update(code, input, OptionalInt.of(version))
                    : institutions.create(input);
            var external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            Messages.info("institution.saved", saved.name());
            external.redirect(external.getRequestContextPath() + "/admin/institutions/view.xhtml?code=" + saved.code());
        } catch (RegistryException e) {
            Messages.show(e, "form");
        }
    }

    /** Coordinators add and edit institutions; an institution's admin edits its identifiers for the Open Education API. */
    public boolean isAllowed() {
        return caller.isCoordinator() || (existing && caller.isInstitutionAdmin() && caller.belongsTo(code));
    }

    public String getEducationOffererCode() { return educationOffererCode; }
    public void setEducationOffererCode(String educationOffererCode) { this.educationOffererCode = educationOffererCode; }
    public String getSchacHome() { return schacHome; }
    public void setSchacHome(String schacHome) { this.schacHome = schacHome; }
    public String getCredentialKeysUrl() { return credentialKeysUrl; }
    public void setCredentialKeysUrl(String credentialKeysUrl) { this.credentialKeysUrl = credentialKeysUrl; }
    public Sector[] getSectors() { return Sector.values(); }
    public boolean isExisting() { return existing; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Sector getSector() { return sector; }
    public void setSector(Sector sector) { this.sector = sector; }
    public String getBrin() { return brin; }
    public void setBrin(String brin) { this.brin = brin; }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
    public LocalDate getMemberSince() { return memberSince; }
    public void setMemberSince(LocalDate memberSince) { this.memberSince = memberSince; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
}
