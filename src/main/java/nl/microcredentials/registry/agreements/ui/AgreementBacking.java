package nl.microcredentials.registry.agreements.ui;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import nl.microcredentials.registry.agreements.boundary.AgreementView;
import nl.microcredentials.registry.agreements.boundary.Agreements;
import nl.microcredentials.registry.agreements.control.AgreementScope;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.web.Formats;
import nl.microcredentials.registry.platform.web.Messages;

/**
 * admin/agreements/view.xhtml?id=...: one agreement, its terms and their hash, the approvals per party, its history and
 * versions, and what its status allows (propose, approve the hash shown, terminate, delete).
 */
@Named
@ViewScoped
public class AgreementBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @Inject
    Agreements agreements;

    @Inject
    Institutions institutions;

    @Inject
    nl.microcredentials.registry.programmes.boundary.Programmes programmes;

    @Inject
    Caller caller;

    /** One party of the agreement and its approval of the terms shown, if any. */
    public record PartyApproval(String institution, String name, AgreementView.ApprovalView approval, boolean awaiting) implements Serializable { }

    private String id;
    private AgreementView agreement;
    private List<AgreementView.VersionView> versions = List.of();
    private List<AgreementView.HistoryEntry> history = List.of();
    private Map<String, String> names = Map.of();
    private String reason;
    private LocalDate effectiveOn;

    public void load() {
        if (id == null || id.isBlank()) {
            nl.microcredentials.registry.platform.web.Pages.notFound();
            return;
        }
        try {
            names = institutions.names();
            refresh(agreements.get(id));
            effectiveOn = LocalDate.now(ZONE);
        } catch (RegistryException e) {
            agreement = null;
            if (e.status() == 404 || e.status() == 400) nl.microcredentials.registry.platform.web.Pages.notFound();
            else Messages.show(e, "actions");
        }
    }

    private void refresh(AgreementView a) {
        agreement = a;
        versions = agreements.versions(a.id());
        history = agreements.history(a.id());
    }

    public void propose() {
        try {
            refresh(agreements.propose(id, OptionalInt.of(agreement.version())));
            Messages.info("agreement.proposedMessage");
        } catch (RegistryException e) {
            Messages.show(e, "actions");
        }
    }

    /** Approves exactly the terms hash this page showed: if they changed meanwhile, the facade refuses. */
    public void approve() {
        try {
            refresh(agreements.approve(id, agreement.termsHash(), OptionalInt.of(agreement.version())));
            Messages.info("agreement.approvedMessage");
        } catch (RegistryException e) {
            Messages.show(e, "actions");
        }
    }

    public void terminate() {
        try {
            refresh(agreements.terminate(id, reason, effectiveOn, OptionalInt.of(agreement.version())));
            reason = null;
            Messages.info("agreement.terminatedMessage");
        } catch (RegistryException e) {
            Messages.show(e, "actions");
        }
    }

    public void delete() throws IOException {
        try {
            agreements.delete(id, OptionalInt.of(agreement.version()));
            var external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            Messages.info("agreement.deletedMessage", agreement.title());
            external.redirect(external.getRequestContextPath() + "/admin/agreements/index.xhtml");
        } catch (RegistryException e) {
            Messages.show(e, "actions");
        }
    }

    /** Whether the status allows this action now (edit, propose, approve, terminate, delete) and the caller may take it. */
    public boolean can(String action) {
        if (agreement == null || agreement.actions() == null || !agreement.actions().contains(action)) return false;
        String own = caller.isInstitutionAdmin() ? caller.institution().orElse(null) : null;
        if ("approve".equals(action)) {
            return own != null && agreement.parties().contains(own) && agreement.awaitingApproval().contains(own);
        }
        return agreement.consortiumWide() ? caller.isCoordinator() : own != null && agreement.parties().contains(own);
    }

    /** Every party, with its approval of the terms hash shown or whether it is awaited. */
    public List<PartyApproval> getApprovals() {
        if (agreement == null) return List.of();
        List<PartyApproval> rows = new ArrayList<>();
        for (String party : agreement.parties()) {
            AgreementView.ApprovalView approval = agreement.approvals().stream().filter(x -> x.institution().equals(party)).findFirst().orElse(null);
            rows.add(new PartyApproval(party, nameOf(party), approval, agreement.awaitingApproval().contains(party)));
        }
        return rows;
    }

    /** The scope in words of the bundle. */
    public String scopeText(AgreementScope s) {
        if (s == null) return "-";
        if (s.namesProgrammes()) {
            return Messages.text("agreement.scope.named", s.programmes().size()) + ": "
                    + s.programmes().stream().map(this::programmeTitle).collect(java.util.stream.Collectors.joining(", "));
        }
        List<String> parts = new ArrayList<>();
        parts.add(s.issuers() == null || s.issuers().isEmpty() ? Messages.text("agreement.scope.allParties")
                : Messages.text("agreement.scope.issuers") + " " + partyNames(s.issuers()));
        if (s.minNlqfLevel() != null || s.maxNlqfLevel() != null) {
            parts.add("NLQF " + (s.minNlqfLevel() == null ? "" : s.minNlqfLevel()) + ".." + (s.maxNlqfLevel() == null ? "" : s.maxNlqfLevel()));
        }
        if (s.minEcts() != null || s.maxEcts() != null) {
            parts.add((s.minEcts() == null ? "" : s.minEcts().toPlainString()) + ".." + (s.maxEcts() == null ? "" : s.maxEcts().toPlainString()) + " EC");
        }
        return String.join(", ", parts);
    }

    /** A programme by its title in the page's language; by its id when it cannot be read. */
    private String programmeTitle(String programmeId) {
        try {
            return programmes.get(programmeId).titleIn(Formats.locale().getLanguage());
        } catch (RegistryException e) {
            return programmeId;
        }
    }

    public String format(Instant at) { return Formats.dateTime(at, Formats.locale()); }
    public String nameOf(String code) { return code == null ? "-" : names.getOrDefault(code, code); }
    public String partyNames(List<String> codes) { return AgreementsBacking.names(names, codes); }
    public String severityOf(Object status) { return AgreementsBacking.severity(String.valueOf(status)); }
    public String shortHash(String hash) { return hash == null ? "-" : hash.length() > 12 ? hash.substring(0, 12) + "..." : hash; }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public AgreementView getAgreement() { return agreement; }
    public List<AgreementView.VersionView> getVersions() { return versions; }
    public List<AgreementView.HistoryEntry> getHistory() { return history; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public LocalDate getEffectiveOn() { return effectiveOn; }
    public void setEffectiveOn(LocalDate effectiveOn) { this.effectiveOn = effectiveOn; }
}
