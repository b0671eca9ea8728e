package nl.microcredentials.registry.programmes.ui;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.OptionalInt;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.web.Messages;
import nl.microcredentials.registry.programmes.boundary.ProgrammeView;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.boundary.VersionSummary;

/** admin/programmes/view.xhtml?id=...: one programme, its versions, and the publish and withdraw actions. */
@Named
@ViewScoped
public class ProgrammeBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Programmes programmes;

    @Inject
    Caller caller;

    @Inject
    nl.microcredentials.registry.programmes.boundary.BadgeClassChecks badgeClassChecks;

    private nl.microcredentials.registry.programmes.boundary.BadgeClassChecks.View badgeClassCheck;

    private String id;
    private Integer versionNumber;
    private ProgrammeView programme;
    private List<VersionSummary> versions;
    private String reason;

    public void load() {
        if (id == null || id.isBlank()) {
            nl.microcredentials.registry.platform.web.Pages.notFound();
            return;
        }
        try {
            programme = versionNumber == null ? programmes.get(id) : programmes.version(id, versionNumber);
            versions = programmes.versions(id);
            badgeClassCheck = caller.isAuthenticated() ? badgeClassChecks.of(id).orElse(null) : null;
        } catch (RegistryException e) {
            programme = null;
            if (e.status() == 404 || e.status() == 400) nl.microcredentials.registry.platform.web.Pages.notFound();
            else Messages.show(e, "actions");
        }
    }

    /** The last check of the edubadges badge class, for the programme's staff and coordinators; null when none. */
    public nl.microcredentials.registry.programmes.boundary.BadgeClassChecks.View getBadgeClassCheck() { return badgeClassCheck; }

    public void recheckBadgeClass() {
        try {
            badgeClassCheck = badgeClassChecks.recheck(id);
            Messages.info("badgeClass.recheckScheduled");
        } catch (RegistryException e) {
            Messages.show(e, "actions");
        }
    }

    public void publish() {
        try {
            programme = programmes.publish(id, OptionalInt.of(programme.version()));
            versions = programmes.versions(id);
            Messages.info("programme.publishedMessage");
        } catch (RegistryException e) {
            Messages.show(e, "actions");
        }
    }

    public void withdraw() {
        try {
            programme = programmes.withdraw(id, reason, OptionalInt.of(programme.version()));
            versions = programmes.versions(id);
            reason = null;
            Messages.info("programme.withdrawnMessage");
        } catch (RegistryException e) {
            Messages.show(e, "actions");
        }
    }

    public boolean isEditable() {
        return programme != null && versionNumber == null && caller.isInstitutionAdmin()
                && caller.institution().orElse("").equals(programme.institution());
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public Integer getVersionNumber() { return versionNumber; }
    public void setVersionNumber(Integer versionNumber) { this.versionNumber = versionNumber; }
    public ProgrammeView getProgramme() { return programme; }
    public List<VersionSummary> getVersions() { return versions; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
