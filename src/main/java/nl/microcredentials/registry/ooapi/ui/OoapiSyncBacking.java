package nl.microcredentials.registry.ooapi.ui;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.stream.Collectors;
import nl.microcredentials.registry.ooapi.boundary.OoapiImports;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.web.Messages;

/** admin/ooapi/sync.xhtml?code=...&amp;id=...: a sync's report, per course the outcome, and the admin's choice on a conflict. */
@Named
@ViewScoped
public class OoapiSyncBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    OoapiImports imports;

    @Inject
    Caller caller;

    private String code;
    private String id;
    private OoapiImports.SyncView sync;

    public void load() {
        if (code == null || code.isBlank()) code = caller.institution().orElse(null);
        if (code == null || id == null) return;
        try {
            sync = imports.report(code, id, null);
        } catch (RegistryException e) {
            sync = null;
        }
    }

    public void keepRegistry(String courseId) throws IOException {
        resolve(courseId, "registry");
    }

    public void takeRemote(String courseId) throws IOException {
        resolve(courseId, "remote");
    }

    private void resolve(String courseId, String keep) throws IOException {
        try {
            imports.resolve(code, id, courseId, keep);
            var external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            Messages.info(keep.equals("remote") ? "ooapi.conflict.remoteTaken" : "ooapi.conflict.registryKept");
            external.redirect(external.getRequestContextPath() + "/admin/ooapi/sync.xhtml?code=" + code + "&id=" + id);
        } catch (RegistryException e) {
            Messages.show(e, "items");
        }
    }

    /** The reasons of an item as one readable text. */
    public String reasons(OoapiImports.ItemView item) {
        return item.reasons().stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    public boolean isWritable() {
        return caller.isInstitutionAdmin() && code != null && code.equals(caller.institution().orElse(null));
    }

    public boolean isRunning() {
        return sync != null && (sync.status().equals("QUEUED") || sync.status().equals("RUNNING"));
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public OoapiImports.SyncView getSync() { return sync; }
}
