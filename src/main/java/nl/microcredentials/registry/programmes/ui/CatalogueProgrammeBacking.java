package nl.microcredentials.registry.programmes.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.programmes.boundary.ProgrammeView;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.boundary.Verification;

/** catalogue/programme.xhtml?id=...: a programme's public page, with its verification, for employers and learners. */
@Named
@RequestScoped
public class CatalogueProgrammeBacking {

    @Inject
    Programmes programmes;

    private String id;
    private ProgrammeView programme;
    private Verification verification;

    public void load() {
        try {
            programme = programmes.get(id);
            verification = programmes.verification(id);
        } catch (RegistryException e) {
            programme = null;
        }
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public ProgrammeView getProgramme() { return programme; }
    public Verification getVerification() { return verification; }
}
