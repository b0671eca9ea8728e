package nl.microcredentials.registry.programmes.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.programmes.boundary.ProgrammeView;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.boundary.Verification;

/**
 * catalogue/programme.xhtml?id=...[&amp;version=n]: a programme's public page, with its verification, for employers and
 * learners; with a version number it shows that published version (the one a learner earned), marked as earlier.
 */
@Named
@RequestScoped
public class CatalogueProgrammeBacking {

    @Inject
    Programmes programmes;

    private String id;
    private Integer version;
    private ProgrammeView programme;
    private ProgrammeView latest;
    private Verification verification;

    public void load() {
        if (id == null || id.isBlank()) {
            nl.microcredentials.registry.platform.web.Pages.notFound();
            return;
        }
        try {
            latest = programmes.get(id);
            programme = version == null || version == latest.versionNumber() ? latest : programmes.version(id, version);
            verification = programmes.verification(id);
        } catch (RegistryException e) {
            programme = null;
            if (e.status() == 404 || e.status() == 400) nl.microcredentials.registry.platform.web.Pages.notFound();
        }
    }

    /** Whether the page shows an earlier version than the current one. */
    public boolean isEarlierVersion() {
        return programme != null && latest != null && programme.versionNumber() != latest.versionNumber();
    }

    public Integer getVersion() { return version; }
    public void setVersion(Integer version) { this.version = version; }
    public ProgrammeView getLatest() { return latest; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public ProgrammeView getProgramme() { return programme; }
    public Verification getVerification() { return verification; }
}
