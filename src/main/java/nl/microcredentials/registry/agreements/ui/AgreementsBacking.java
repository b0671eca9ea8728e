package nl.microcredentials.registry.agreements.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.microcredentials.registry.agreements.boundary.AgreementView;
import nl.microcredentials.registry.agreements.boundary.Agreements;
import nl.microcredentials.registry.agreements.entity.AgreementStatus;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.web.Messages;

/**
 * admin/agreements/index.xhtml: the agreements the caller may see (the facade decides: a coordinator all of them, an
 * institution's staff their own plus those in force or terminated), with a status filter and "my institution only".
 */
@Named
@ViewScoped
public class AgreementsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Agreements agreements;

    @Inject
    Institutions institutions;

    @Inject
    Caller caller;

    private String status;
    private boolean mine;
    private List<AgreementView> items = List.of();
    private long total;
    private Map<String, String> names = Map.of();

    @PostConstruct
    void init() {
        search();
    }

    public void search() {
        try {
            names = institutions.names();
            String institution = mine && !caller.isCoordinator() ? caller.institution().orElse(null) : null;
            var filter = new Agreements.Filter(institution, status == null || status.isBlank() ? null : AgreementStatus.valueOf(status), null, null);
            List<AgreementView> all = new ArrayList<>();
            int number = 1;
            Page<AgreementView> page;
            do {
                page = agreements.list(filter, new PageRequest(number++, PageRequest.MAX_PAGE_SIZE, "-updatedAt"));
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

    static String names(Map<String, String> names, List<String> codes) {
        if (codes == null || codes.isEmpty()) return "-";
        return String.join(", ", codes.stream().map(c -> names.getOrDefault(c, c)).toList());
    }

    public static String severity(String status) {
        return switch (status) {
            case "ACTIVE" -> "success";
            case "PROPOSED" -> "info";
            case "TERMINATED" -> "danger";
            case "EXPIRED" -> "secondary";
            default -> "warning";
        };
    }

    public String severityOf(Object status) { return severity(String.valueOf(status)); }
    public String nameOf(String code) { return code == null ? "-" : names.getOrDefault(code, code); }
    public String partyNames(List<String> codes) { return names(names, codes); }
    public AgreementStatus[] getStatuses() { return AgreementStatus.values(); }
    public boolean isStaff() { return !caller.isCoordinator() && caller.institution().isPresent(); }
    public List<AgreementView> getItems() { return items; }
    public long getTotal() { return total; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public boolean isMine() { return mine; }
    public void setMine(boolean mine) { this.mine = mine; }
}
