package nl.microcredentials.registry.exemptions.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.microcredentials.registry.exemptions.boundary.ExemptionView;
import nl.microcredentials.registry.exemptions.boundary.Exemptions;
import nl.microcredentials.registry.exemptions.entity.ExemptionStatus;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.web.Messages;

/**
 * admin/exemptions/index.xhtml: the inbox of exemption requests, most urgent first (decision due ascending). The facade
 * decides what is listed: a board member's board's requests, an institution admin's institution's, and for a coordinator
 * every institution's, pseudonymised (no learner columns) and by default the overdue ones only.
 */
@Named
@ViewScoped
public class ExemptionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Exemptions exemptions;

    @Inject
    Institutions institutions;

    @Inject
    Caller caller;

    private String status;
    private boolean open;
    private boolean overdue;
    /** Coordinators: one institution's requests (from the dashboard's link), else all. */
    private String institution;
    private List<ExemptionView> items = List.of();
    private long total;
    private Map<String, String> names = Map.of();

    @PostConstruct
    void init() {
        boolean coordinatorOnly = isCoordinatorView();
        open = !coordinatorOnly;
        overdue = coordinatorOnly;
        var parameters = jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        String code = parameters.get("institution");
        if (coordinatorOnly && code != null && code.matches("[a-z0-9-]{1,60}")) institution = code;
        if ("true".equals(parameters.get("overdue"))) overdue = true;
        search();
    }

    public String getInstitution() { return institution; }

    public void search() {
        try {
            names = institutions.names();
            var filter = new Exemptions.Filter(status == null || status.isBlank() ? null : ExemptionStatus.valueOf(status), null,
                    overdue ? Boolean.TRUE : null, null, open ? Boolean.TRUE : null, institution);
            List<ExemptionView> all = new ArrayList<>();
            int number = 1;
            Page<ExemptionView> page;
            do {
                page = exemptions.list(filter, new PageRequest(number++, PageRequest.MAX_PAGE_SIZE, "decisionDue"));
                all.addAll(page.items());
            } while (page.hasNextPage() && number <= 40);
            items = all;
            total = page.totalItems();
        } catch (RegistryException e) {
            items = List.of();
            total = 0;
            Messages.show(e, "filters");
        }
    }

    /** The p:tag severity of a request's status. */
    public static String severity(String status) {
        return switch (status) {
            case "SUBMITTED" -> "info";
            case "IN_REVIEW" -> "info";
            case "INFORMATION_REQUESTED", "APPEALED" -> "warning";
            case "DECIDED", "UPHELD" -> "success";
            case "OVERTURNED" -> "danger";
            default -> "secondary";
        };
    }

    /** A coordinator without an institution role: reads every institution's requests, pseudonymised. */
    public boolean isCoordinatorView() {
        return caller.isCoordinator() && !caller.isInstitutionAdmin() && !caller.isBoardMember();
    }

    public boolean isShowLearner() { return !isCoordinatorView(); }
    public boolean isMayRecord() { return caller.isInstitutionAdmin(); }
    public String ects(java.math.BigDecimal ects) { return ects == null ? "-" : ects.stripTrailingZeros().toPlainString(); }
    public String severityOf(Object status) { return severity(String.valueOf(status)); }
    public String nameOf(String code) { return code == null ? "-" : names.getOrDefault(code, code); }
    public ExemptionStatus[] getStatuses() { return ExemptionStatus.values(); }
    public List<ExemptionView> getItems() { return items; }
    public long getTotal() { return total; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public boolean isOpen() { return open; }
    public void setOpen(boolean open) { this.open = open; }
    public boolean isOverdue() { return overdue; }
    public void setOverdue(boolean overdue) { this.overdue = overdue; }
}
