package nl.microcredentials.registry.programmes.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.programmes.boundary.ProgrammeView;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.control.ProgrammeSearch;

/** admin/programmes/index.xhtml: the institution's programmes (a coordinator's: all), with status and text filters. */
@Named
@ViewScoped
public class ProgrammesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Programmes programmes;

    @Inject
    Caller caller;

    private String status;
    private String q;
    private List<ProgrammeView> items;
    private long total;

    @PostConstruct
    void init() {
        search();
    }

    public void search() {
        String institution = caller.isCoordinator() ? null : caller.institution().orElse(null);
        var filter = new ProgrammeSearch.Filter(institution, q == null || q.isBlank() ? null : q, null, null, null, null, null, null,
                status == null || status.isBlank() ? null : status, null);
        var page = programmes.list(filter, new PageRequest(1, PageRequest.MAX_PAGE_SIZE, filter.hasText() ? "-relevance" : "-updatedAt"));
        items = page.items();
        total = page.totalItems();
    }

    public static String severity(String status) {
        return switch (status) {
            case "PUBLISHED" -> "success";
            case "WITHDRAWN" -> "danger";
            default -> "warning";
        };
    }

    public String severityOf(Object status) { return severity(String.valueOf(status)); }
    public List<ProgrammeView> getItems() { return items; }
    public long getTotal() { return total; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getQ() { return q; }
    public void setQ(String q) { this.q = q; }
}
