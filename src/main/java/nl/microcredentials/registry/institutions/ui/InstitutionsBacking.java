package nl.microcredentials.registry.institutions.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import nl.microcredentials.registry.institutions.boundary.InstitutionView;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.platform.rest.PageRequest;

/** admin/institutions/index.xhtml: every member institution, filtered in the table. */
@Named
@ViewScoped
public class InstitutionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Institutions institutions;

    private List<InstitutionView> all;
    private List<InstitutionView> filtered;

    @PostConstruct
    void load() {
        all = institutions.list(new Institutions.Filter(null, null, null),
                new PageRequest(1, PageRequest.MAX_PAGE_SIZE, "name")).items();
    }

    public List<InstitutionView> getAll() { return all; }
    public List<InstitutionView> getFiltered() { return filtered; }
    public void setFiltered(List<InstitutionView> filtered) { this.filtered = filtered; }
    public long count(String sector) { return all.stream().filter(i -> i.sector().name().equals(sector)).count(); }
}
