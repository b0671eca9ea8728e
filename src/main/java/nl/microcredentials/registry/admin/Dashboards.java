package nl.microcredentials.registry.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import nl.microcredentials.registry.agreements.entity.AgreementStatus;
import nl.microcredentials.registry.exemptions.entity.ExemptionStatus;
import nl.microcredentials.registry.platform.security.Caller;

/**
 * The few aggregate reads the dashboards need that no component's facade offers: agreements waiting for approvals,
 * overdue requests per institution and members without programmes. Each is one query, scoped to the caller; the
 * per-item work lists come from the components' own facades (and their access rules).
 */
@ApplicationScoped
@Transactional
public class Dashboards {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final int LIMIT = 20;

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    Clock clock = Clock.system(ZONE);

    /** An agreement awaiting approvals: by whom is in its page. */
    public record WaitingAgreement(String id, String title, AgreementStatus status, boolean newVersion) { }

    /** Overdue requests of one institution (coordinators: counts only, no learner data). */
    public record OverdueCount(String code, String name, long overdue) { }

    /** A member institution. */
    public record Member(String code, String name) { }

    /**
     * Agreements that wait for an approval of their current terms: for an institution admin those that wait for their
     * own institution's approval; for coordinators every proposal and every new version awaiting approval.
     */
    public List<WaitingAgreement> agreementsWaiting() {
        String waiting = "(a.status = nl.microcredentials.registry.agreements.entity.AgreementStatus.PROPOSED"
                + " OR (a.status = nl.microcredentials.registry.agreements.entity.AgreementStatus.ACTIVE AND a.activeVersion <> a.currentVersion))"
                + " AND (a.validUntil IS NULL OR a.validUntil >= :today)";
        if (caller.isCoordinator()) {
            return em.createQuery("SELECT a.id, a.title, a.status, a.activeVersion FROM Agreement a WHERE " + waiting
                            + " ORDER BY a.updatedAt DESC", Object[].class)
                    .setParameter("today", today()).setMaxResults(LIMIT).getResultStream().map(Dashboards::waiting).toList();
        }
        if (!caller.isInstitutionAdmin() || caller.institution().isEmpty()) return List.of();
        return em.createQuery("SELECT a.id, a.title, a.status, a.activeVersion"
                        + " FROM Agreement a, AgreementVersion v WHERE v.agreement = a AND v.number = a.currentVersion AND :own MEMBER OF v.parties"
                        + " AND " + waiting
                        + " AND NOT EXISTS (SELECT x.id FROM AgreementApproval x WHERE x.agreement = a AND x.institution = :own AND x.termsHash = v.termsHash)"
                        + " ORDER BY a.updatedAt DESC", Object[].class)
                .setParameter("own", caller.institution().get()).setParameter("today", today()).setMaxResults(LIMIT)
                .getResultStream().map(Dashboards::waiting).toList();
    }

    /** Coordinators: the institutions with overdue requests (open, not waiting for information, past their due date), most first. */
    public List<OverdueCount> overduePerInstitution() {
        if (!caller.isCoordinator()) return List.of();
        return em.createQuery("SELECT i.code, i.name, COUNT(r) FROM ExemptionRequest r JOIN r.institution i"
                        + " WHERE r.status IN :running AND r.decisionDue < :today GROUP BY i.code, i.name ORDER BY COUNT(r) DESC, i.name", Object[].class)
                .setParameter("running", List.of(ExemptionStatus.SUBMITTED, ExemptionStatus.IN_REVIEW))
                .setParameter("today", today()).setMaxResults(LIMIT).getResultStream()
                .map(r -> new OverdueCount((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
    }

    /** Coordinators: active members that have not registered any programme yet. */
    public List<Member> membersWithoutProgrammes() {
        if (!caller.isCoordinator()) return List.of();
        return em.createQuery("SELECT i.code, i.name FROM Institution i"
                        + " WHERE i.active = TRUE AND NOT EXISTS (SELECT p.id FROM Programme p WHERE p.institution = i) ORDER BY i.name", Object[].class)
                .getResultStream().map(r -> new Member((String) r[0], (String) r[1])).toList();
    }

    private static WaitingAgreement waiting(Object[] row) {
        return new WaitingAgreement((String) row[0], (String) row[1], (AgreementStatus) row[2], row[3] != null);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
