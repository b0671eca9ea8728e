package nl.microcredentials.registry.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import nl.microcredentials.registry.exemptions.boundary.ExemptionView;
import nl.microcredentials.registry.exemptions.boundary.Exemptions;
import nl.microcredentials.registry.exemptions.entity.ExemptionStatus;
import nl.microcredentials.registry.institutions.boundary.BoardView;
import nl.microcredentials.registry.institutions.boundary.InstitutionView;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.programmes.boundary.ProgrammeView;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.control.ProgrammeSearch;

/**
 * admin/index.xhtml: the start of each role's work. Board members: their requests to decide (overdue first, due within
 * 7 days, waiting for information). Institution admins: their drafts, agreements waiting for their approval, requests
 * in flight and what their boards decided recently. Coordinators: the pilot at a glance (members without programmes,
 * agreements waiting, overdue requests per institution). Every item links to where it is handled; each list is read
 * through its component's facade, with its access rules, or as one aggregate query ({@link Dashboards}).
 */
@Named
@RequestScoped
public class DashboardBacking {

    static final int SHOWN = 10;
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @Inject
    Caller caller;

    @Inject
    Institutions institutions;

    @Inject
    Programmes programmes;

    @Inject
    Exemptions exemptions;

    @Inject
    Dashboards dashboards;

    @Inject
    nl.microcredentials.registry.programmes.boundary.BadgeClassChecks badgeClassChecks;

    @Inject
    nl.microcredentials.registry.notifications.boundary.NotificationLog notificationLog;

    private Long failedNotifications;

    /** E-mail given up after its retries, that the caller may see (a coordinator: all; an admin: the institution's). */
    public long getFailedNotifications() {
        if (failedNotifications == null) failedNotifications = notificationLog.failed();
        return failedNotifications;
    }

    /** A badge class warning as the dashboard lists it. */
    public record BadgeClassWarning(String programmeId, String title, String institutionName, String status) { }

    private List<BadgeClassWarning> badgeClassWarnings;

    private long members;
    private long hbo;
    private long wo;
    private InstitutionView ownInstitution;
    private List<BoardView> ownBoards = List.of();
    private List<ProgrammeView> ruleFindings;
    private List<ExemptionView> overdue;
    private List<ExemptionView> dueSoon;
    private List<ExemptionView> waitingForInformation;
    private List<ExemptionView> inFlight;
    private long inFlightTotal;
    private List<ExemptionView> decidedRecently;
    private List<ProgrammeView> drafts;
    private List<Dashboards.WaitingAgreement> agreementsWaiting;
    private List<Dashboards.OverdueCount> overduePerInstitution;
    private List<Dashboards.Member> membersWithoutProgrammes;
    private java.util.Map<String, String> names;

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

    // ---- board member: the requests to decide ------------------------------------------------

    /** Open requests past their due date, the longest overdue first. */
    public List<ExemptionView> getOverdue() {
        if (overdue == null) overdue = requests(new Exemptions.Filter(null, null, true, null, null, null), "decisionDue");
        return overdue;
    }

    /** Open requests due within the next 7 days, not overdue and not waiting for information. */
    public List<ExemptionView> getDueSoon() {
        if (dueSoon == null) {
            LocalDate limit = LocalDate.now(ZONE).plusDays(8);
            dueSoon = requests(new Exemptions.Filter(null, null, null, limit, true, null), "decisionDue").stream()
                    .filter(r -> !r.overdue() && r.status() != ExemptionStatus.INFORMATION_REQUESTED).toList();
        }
        return dueSoon;
    }

    /** Requests whose clock stands still until the learner's information arrives. */
    public List<ExemptionView> getWaitingForInformation() {
        if (waitingForInformation == null) {
            waitingForInformation = requests(new Exemptions.Filter(ExemptionStatus.INFORMATION_REQUESTED, null, null, null, null, null), "decisionDue");
        }
        return waitingForInformation;
    }

    // ---- institution admin -------------------------------------------------------------------

    public List<ProgrammeView> getDrafts() {
        if (drafts == null) {
            drafts = caller.isInstitutionAdmin() && caller.institution().isPresent()
                    ? programmes.list(new ProgrammeSearch.Filter(caller.institution().get(), null, null, null, null, null, null, null, "DRAFT", null),
                            new PageRequest(1, SHOWN, "-updatedAt")).items()
                    : List.of();
        }
        return drafts;
    }

    public List<ExemptionView> getInFlight() {
        if (inFlight == null) {
            var page = exemptions.list(new Exemptions.Filter(null, null, null, null, true, null), new PageRequest(1, SHOWN, "decisionDue"));
            inFlight = page.items();
            inFlightTotal = page.totalItems();
        }
        return inFlight;
    }

    public long getInFlightTotal() {
        getInFlight();
        return inFlightTotal;
    }

    public List<ExemptionView> getDecidedRecently() {
        if (decidedRecently == null) decidedRecently = requests(new Exemptions.Filter(ExemptionStatus.DECIDED, null, null, null, null, null), "-updatedAt");
        return decidedRecently;
    }

    public List<Dashboards.WaitingAgreement> getAgreementsWaiting() {
        if (agreementsWaiting == null) agreementsWaiting = dashboards.agreementsWaiting();
        return agreementsWaiting;
    }

    // ---- coordinator -------------------------------------------------------------------------

    public List<Dashboards.OverdueCount> getOverduePerInstitution() {
        if (overduePerInstitution == null) overduePerInstitution = dashboards.overduePerInstitution();
        return overduePerInstitution;
    }

    public List<Dashboards.Member> getMembersWithoutProgrammes() {
        if (membersWithoutProgrammes == null) membersWithoutProgrammes = dashboards.membersWithoutProgrammes();
        return membersWithoutProgrammes;
    }

    /** Published programmes that no longer meet the rules: the institution admin's own, all of them for coordinators. */
    public List<ProgrammeView> getRuleFindings() {
        if (ruleFindings == null) {
            ruleFindings = caller.isCoordinator() || caller.isInstitutionAdmin() ? programmes.withRuleFindings() : List.of();
        }
        return ruleFindings;
    }

    /** Badge classes that disagree or are no badge class: the institution admin's own, all for coordinators (at most 20). */
    public List<BadgeClassWarning> getBadgeClassDisagreements() {
        loadBadgeClassWarnings();
        return badgeClassWarnings.stream().filter(w -> !w.status().equals("UNREACHABLE")).toList();
    }

    /** Badge classes that could not be read (at most 20 listed). */
    public List<BadgeClassWarning> getBadgeClassesUnreachable() {
        loadBadgeClassWarnings();
        return badgeClassWarnings.stream().filter(w -> w.status().equals("UNREACHABLE")).toList();
    }

    private void loadBadgeClassWarnings() {
        if (badgeClassWarnings != null) return;
        badgeClassWarnings = new java.util.ArrayList<>();
        if (!(caller.isCoordinator() || caller.isInstitutionAdmin())) return;
        int disagreements = 0;
        int unreachable = 0;
        for (var check : badgeClassChecks.warnings()) {
            boolean down = check.status().equals("UNREACHABLE");
            if (down ? unreachable == 20 : disagreements == 20) continue;
            try {
                ProgrammeView p = programmes.get(check.programmeId());
                badgeClassWarnings.add(new BadgeClassWarning(p.id(), p.titleIn(localeLanguage()), p.institutionName(), check.status()));
                if (down) unreachable++;
                else disagreements++;
            } catch (nl.microcredentials.registry.platform.rest.RegistryException e) {
                // gone or not visible: not listed
            }
        }
    }

    private static String localeLanguage() {
        var context = jakarta.faces.context.FacesContext.getCurrentInstance();
        return context == null || context.getViewRoot() == null ? "en" : context.getViewRoot().getLocale().getLanguage();
    }

    /** The name of a member institution (the dashboards show names, not codes). */
    public String nameOf(String code) {
        if (names == null) names = institutions.names();
        return names.getOrDefault(code, code);
    }

    private List<ExemptionView> requests(Exemptions.Filter filter, String sort) {
        if (!caller.isBoardMember() && !caller.isInstitutionAdmin()) return List.of();
        return exemptions.list(filter, new PageRequest(1, SHOWN, sort)).items();
    }

    public long getMembers() { return members; }
    public long getHbo() { return hbo; }
    public long getWo() { return wo; }
    public InstitutionView getOwnInstitution() { return ownInstitution; }
    public List<BoardView> getOwnBoards() { return ownBoards; }
    public BoardView getOwnBoard() {
        return caller.board().flatMap(id -> ownBoards.stream().filter(b -> b.id().equals(id)).findFirst()).orElse(null);
    }
}
