package nl.microcredentials.registry.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import nl.microcredentials.registry.institutions.boundary.BoardView;
import nl.microcredentials.registry.institutions.boundary.InstitutionView;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.security.Caller;

/** admin/index.xhtml: what each role sees first. Coordinators: the consortium; staff: their institution and boards. */
@Named
@RequestScoped
public class DashboardBacking {

    @Inject
    Caller caller;

    @Inject
    Institutions institutions;

    @Inject
    nl.microcredentials.registry.programmes.boundary.Programmes programmes;

    private List<nl.microcredentials.registry.programmes.boundary.ProgrammeView> ruleFindings;

    private long members;
    private long hbo;
    private long wo;
    private InstitutionView ownInstitution;
    private List<BoardView> ownBoards = List.of();

    @PostConstruct
    void load() {
        var page = new PageRequest(1, 1, "code");
        members = institutions.list(new Institutions.Filter(null, true, null), page).totalItems();
        hbo = institutions.list(new Institutions.Filter(Sector.HBO, true, null), page).totalItems();
        wo = institutions.list(new Institutions.Filter(Sector.WO, true, null), page).totalItems();
        caller.institution().ifPresent(code -> {
            ownInstitution = institutions.get(code);
            ownBoards = institutions.boards(code);
        });
    }

    public long getMembers() { return members; }
    public long getHbo() { return hbo; }
    public long getWo() { return wo; }
    public InstitutionView getOwnInstitution() { return ownInstitution; }
    public List<BoardView> getOwnBoards() { return ownBoards; }

    /** Published programmes that no longer meet the rules: the institution admin's own, all of them for coordinators. */
    public List<nl.microcredentials.registry.programmes.boundary.ProgrammeView> getRuleFindings() {
        if (ruleFindings == null) {
            ruleFindings = caller.isCoordinator() || caller.isInstitutionAdmin() ? programmes.withRuleFindings() : List.of();
        }
        return ruleFindings;
    }
    public BoardView getOwnBoard() {
        return caller.board().flatMap(id -> ownBoards.stream().filter(b -> b.id().equals(id)).findFirst()).orElse(null);
    }
}
