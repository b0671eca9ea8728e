package nl.microcredentials.registry.exemptions.ui;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import nl.microcredentials.registry.exemptions.boundary.ExemptionView;
import nl.microcredentials.registry.exemptions.boundary.Exemptions;
import nl.microcredentials.registry.exemptions.entity.DecisionOutcome;
import nl.microcredentials.registry.exemptions.entity.ExemptionStatus;
import nl.microcredentials.registry.institutions.boundary.BoardView;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.PublicUrl;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.web.Formats;
import nl.microcredentials.registry.platform.web.Messages;
import org.primefaces.PrimeFaces;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * admin/exemptions/view.xhtml?id=...: one exemption request with its evidence, deadlines, warnings, the applicable
 * agreements as advice, the decision and its legal remedies, the history, and the transitions its status allows and
 * the caller's role may take. The board decides; nothing here is automatic.
 */
@Named
@ViewScoped
public class ExemptionBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @Inject
    Exemptions exemptions;

    @Inject
    Institutions institutions;

    @Inject
    Caller caller;

    @Inject
    PublicUrl publicUrl;
    private String id;
    private ExemptionView exemption;
    private List<ExemptionView.HistoryEntry> history = List.of();
    private Map<String, String> names = Map.of();
    private List<Option> boardOptions;

    private String message;
    private String extendReason;
    private Integer extendDays;
    private String outcome;
    private BigDecimal ectsGranted;
    private String decisionMotivation;
    private LocalDate filedOn;
    private String lateAcceptanceReason;
    private String appealOutcome;
    private String rerouteBoard;
    private String rerouteReason;

    public void load() {
        if (id == null || id.isBlank()) {
            nl.microcredentials.registry.platform.web.Pages.notFound();
            return;
        }
        try {
            names = institutions.names();
            refresh(exemptions.get(id));
            filedOn = LocalDate.now(ZONE);
        } catch (RegistryException e) {
            exemption = null;
            if (e.status() == 404 || e.status() == 400) nl.microcredentials.registry.platform.web.Pages.notFound();
            else Messages.show(e, "actions");
        }
    }

    private void refresh(ExemptionView r) {
        exemption = r;
        history = exemptions.history(r.id());
        boardOptions = null;
    }

    // ---- transitions -------------------------------------------------------------------------

    public void review() {
        act(() -> exemptions.review(id, ifMatch()), "exemption.reviewedMessage", Map.of());
    }

    public void requestInformation() {
        if (act(() -> exemptions.requestInformation(id, message, ifMatch()), "exemption.informationRequestedMessage", Map.of())) message = null;
    }

    public void informationReceived() {
        act(() -> exemptions.informationReceived(id, ifMatch()), "exemption.informationReceivedMessage", Map.of());
    }

    public void extend() {
        if (act(() -> exemptions.extend(id, extendReason, extendDays, ifMatch()), "exemption.extendedMessage",
                Map.of("reason", "extendReason", "days", "extendDays"))) {
            extendReason = null;
            extendDays = null;
        }
    }

    public void decide() {
        DecisionOutcome chosen = outcome == null || outcome.isBlank() ? null : DecisionOutcome.valueOf(outcome);
        if (act(() -> exemptions.decide(id, chosen, ectsGranted, decisionMotivation, ifMatch()), "exemption.decidedMessage",
                Map.of("motivation", "decisionMotivation"))) {
            outcome = null;
            ectsGranted = null;
            decisionMotivation = null;
        }
    }

    public void withdraw() {
        act(() -> exemptions.withdraw(id, null, ifMatch()), "exemption.withdrawnMessage", Map.of());
    }

    public void appeal() {
        act(() -> exemptions.appeal(id, filedOn, lateAcceptanceReason, ifMatch()), "exemption.appealedMessage", Map.of());
    }

    public void appealOutcome() {
        if (act(() -> exemptions.appealOutcome(id, appealOutcome, ifMatch()), "exemption.appealOutcomeMessage",
                Map.of("outcome", "appealOutcome"))) {
            appealOutcome = null;
        }
    }

    public void reroute() {
        if (act(() -> exemptions.reroute(id, rerouteBoard, rerouteReason, ifMatch()), "exemption.reroutedMessage",
                Map.of("reason", "rerouteReason", "board", "rerouteBoard"))) {
            rerouteBoard = null;
            rerouteReason = null;
        }
    }

    /** Runs a transition, reloads the request and says so; a refusal goes to the fields of the actions form (and keeps a dialog open). */
    private boolean act(Supplier<ExemptionView> transition, String successKey, Map<String, String> fieldIds) {
        if (exemption == null) return false;
        try {
            refresh(transition.get());
            Messages.info(successKey, exemption.reference());
            return true;
        } catch (RegistryException e) {
            Messages.show(renamed(e, fieldIds), "actions");
            PrimeFaces.current().ajax().addCallbackParam("failed", true);
            return false;
        }
    }

    /** The facade's field names as the ids of this page's inputs (e.g. a dialog's "reason" is "extendReason"). */
    private static RegistryException renamed(RegistryException e, Map<String, String> fieldIds) {
        if (fieldIds.isEmpty() || e.errors().isEmpty()) return e;
        List<FieldError> errors = new ArrayList<>();
        for (FieldError error : e.errors()) errors.add(new FieldError(fieldIds.getOrDefault(error.field(), error.field()), error.message()));
        return new RegistryException(e.status(), e.type(), e.title(), e.getMessage(), errors, e.allowed());
    }

    private OptionalInt ifMatch() {
        return OptionalInt.of(exemption.version());
    }

    // ---- ELMO (EMREX) --------------------------------------------------------------------------

    /** Whether the decision can be downloaded as ELMO: decided, and not overturned on appeal. */
    public boolean isElmoAvailable() {
        return exemption != null && exemption.decision() != null && exemption.status() != ExemptionStatus.OVERTURNED;
    }

    /** The decision as an ELMO v2 document (the same as GET /api/exemption-requests/{id}/elmo, with what this caller may see). */
    public StreamedContent getElmo() {
        if (!isElmoAvailable()) return null;
        try {
            HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
            byte[] xml = exemptions.elmo(id, publicUrl.of(request)).getBytes(StandardCharsets.UTF_8);
            return DefaultStreamedContent.builder().name("elmo-" + exemption.reference() + ".xml").contentType("application/xml")
                    .contentLength((long) xml.length).stream(() -> new ByteArrayInputStream(xml)).build();
        } catch (RegistryException e) {
            Messages.show(e, "elmoForm");
            return null;
        }
    }

    // ---- what the caller may do --------------------------------------------------------------

    /**
     * Whether the status allows this transition now (review, request-information, information-received, extend, decision,
     * withdraw, appeal, appeal-outcome, reroute) and the caller's role may take it.
     */
    public boolean can(String transition) {
        if (exemption == null || exemption.allowedTransitions() == null || !exemption.allowedTransitions().contains(transition)) return false;
        return switch (transition) {
            case "review", "request-information", "extend", "decision" -> isRoutedBoardMember();
            case "information-received", "withdraw" -> isRoutedBoardMember() || isAdmin();
            case "appeal", "appeal-outcome", "reroute" -> isAdmin();
            default -> false;
        };
    }

    public boolean isAnyAction() {
        for (String t : List.of("review", "request-information", "information-received", "extend", "decision", "withdraw", "appeal",
                "appeal-outcome", "reroute")) {
            if (can(t)) return true;
        }
        return false;
    }

    private boolean isRoutedBoardMember() {
        return exemption != null && caller.isBoardMember() && caller.board().orElse("").equals(exemption.board().id())
                && caller.institution().orElse("").equals(exemption.institution());
    }

    private boolean isAdmin() {
        return exemption != null && caller.isInstitutionAdmin() && caller.institution().orElse("").equals(exemption.institution());
    }

    /** The other boards of the receiving institution, to reroute the request to. */
    public List<Option> getBoardOptions() {
        if (boardOptions == null) {
            List<Option> options = new ArrayList<>();
            if (exemption != null && isAdmin()) {
                try {
                    for (BoardView b : institutions.boards(exemption.institution())) {
                        if (!b.id().equals(exemption.board().id())) options.add(new Option(b.id(), b.name()));
                    }
                } catch (RegistryException e) {
                    Messages.show(e, "actions");
                }
            }
            boardOptions = options;
        }
        return boardOptions;
    }

    // ---- formatting --------------------------------------------------------------------------

    public String format(Instant at) { return Formats.dateTime(at, Formats.locale()); }

    /**
     * A history entry's reason as people read it: a decision's outcome and an appeal's outcome as their labels, dates
     * in the page's language; other reasons as recorded.
     */
    public String reasonText(ExemptionView.HistoryEntry h) {
        if (h == null || h.reason() == null || h.reason().isBlank()) return "";
        String reason = h.reason().strip();
        if ("DECISION".equals(h.action())) {
            for (DecisionOutcome o : DecisionOutcome.values()) {
                if (o.name().equals(reason)) return Messages.text("exemption.outcome." + reason);
            }
        }
        if ("APPEAL_OUTCOME".equals(h.action()) && reason.matches("[A-Z_]+") && !Messages.text("exemption.appeal." + reason).startsWith("exemption.")) {
            return Messages.text("exemption.appeal." + reason);
        }
        return Formats.text(reason, Formats.locale());
    }
    public String ects(BigDecimal ects) { return ects == null ? "-" : ects.stripTrailingZeros().toPlainString(); }
    public String nameOf(String code) { return code == null ? "-" : names.getOrDefault(code, code); }
    public String severityOf(Object status) { return ExemptionsBacking.severity(String.valueOf(status)); }
    public String outcomeSeverity(Object outcome) {
        return switch (String.valueOf(outcome)) {
            case "GRANTED" -> "success";
            case "PARTIALLY_GRANTED" -> "warning";
            default -> "danger";
        };
    }

    public boolean isCoordinatorView() {
        return caller.isCoordinator() && !caller.isInstitutionAdmin() && !caller.isBoardMember();
    }

    public DecisionOutcome[] getOutcomes() { return DecisionOutcome.values(); }
    public int getMaxExtensionDays() { return nl.microcredentials.registry.exemptions.control.Deadlines.MAX_EXTENSION_DAYS; }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public ExemptionView getExemption() { return exemption; }
    public List<ExemptionView.HistoryEntry> getHistory() { return history; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getExtendReason() { return extendReason; }
    public void setExtendReason(String extendReason) { this.extendReason = extendReason; }
    public Integer getExtendDays() { return extendDays; }
    public void setExtendDays(Integer extendDays) { this.extendDays = extendDays; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public BigDecimal getEctsGranted() { return ectsGranted; }
    public void setEctsGranted(BigDecimal ectsGranted) { this.ectsGranted = ectsGranted; }
    public String getDecisionMotivation() { return decisionMotivation; }
    public void setDecisionMotivation(String decisionMotivation) { this.decisionMotivation = decisionMotivation; }
    public LocalDate getFiledOn() { return filedOn; }
    public String getLateAcceptanceReason() { return lateAcceptanceReason; }
    public void setLateAcceptanceReason(String lateAcceptanceReason) { this.lateAcceptanceReason = lateAcceptanceReason; }
    public void setFiledOn(LocalDate filedOn) { this.filedOn = filedOn; }
    public String getAppealOutcome() { return appealOutcome; }
    public void setAppealOutcome(String appealOutcome) { this.appealOutcome = appealOutcome; }
    public String getRerouteBoard() { return rerouteBoard; }
    public void setRerouteBoard(String rerouteBoard) { this.rerouteBoard = rerouteBoard; }
    public String getRerouteReason() { return rerouteReason; }
    public void setRerouteReason(String rerouteReason) { this.rerouteReason = rerouteReason; }
}
