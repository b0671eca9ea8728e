package nl.microcredentials.registry.ooapi.ui;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.OptionalInt;
import nl.microcredentials.registry.ooapi.boundary.OoapiImports;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.web.Messages;

/**
 * admin/ooapi/index.xhtml[?code=...]: an institution's OOAPI import. Its admin sets the endpoint and starts a sync;
 * its admin and the coordinators see the last syncs. Without a code, the caller's own institution.
 */
@Named
@ViewScoped
public class OoapiImportBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    OoapiImports imports;

    @Inject
    Caller caller;

    private String code;
    private boolean allowed;
    private boolean existing;
    private int version;
    private String baseUrl;
    private String consumer;
    private OoapiImports.SourceView source;
    private List<OoapiImports.SyncView> syncs = List.of();

    public void load() {
        if (code == null || code.isBlank()) code = caller.institution().orElse(null);
        if (code == null) return;
        try {
            source = imports.source(code).orElse(null);
            syncs = imports.syncs(code);
            allowed = true;
            if (!FacesContext.getCurrentInstance().isPostback() && source != null) {
                existing = true;
                version = source.version();
                baseUrl = source.baseUrl();
                consumer = source.consumer();
            }
        } catch (RegistryException e) {
            allowed = false;
        }
    }

    public void save() throws IOException {
        try {
            source = imports.setSource(code, new OoapiImports.SourceInput(baseUrl, consumer), existing ? OptionalInt.of(version) : OptionalInt.empty());
            existing = true;
            version = source.version();
            keepAndReload("ooapi.saved");
        } catch (RegistryException e) {
            Messages.show(e, "form");
        }
    }

    public void sync() throws IOException {
        try {
            OoapiImports.SyncView started = imports.startSync(code);
            var external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            Messages.info("ooapi.syncStarted");
            external.redirect(external.getRequestContextPath() + "/admin/ooapi/sync.xhtml?code=" + code + "&id=" + started.id());
        } catch (RegistryException e) {
            Messages.show(e, "form");
        }
    }

    private void keepAndReload(String message) throws IOException {
        var external = FacesContext.getCurrentInstance().getExternalContext();
        external.getFlash().setKeepMessages(true);
        Messages.info(message);
        external.redirect(external.getRequestContextPath() + "/admin/ooapi/index.xhtml?code=" + code);
    }

    /** Only the institution's own admin changes the endpoint and starts syncs. */
    public boolean isWritable() {
        return caller.isInstitutionAdmin() && code != null && code.equals(caller.institution().orElse(null));
    }

    public boolean isAllowed() { return allowed; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getConsumer() { return consumer; }
    public void setConsumer(String consumer) { this.consumer = consumer; }
    public OoapiImports.SourceView getSource() { return source; }
    public List<OoapiImports.SyncView> getSyncs() { return syncs; }
}
