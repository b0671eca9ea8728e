package nl.microcredentials.registry.demo;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import nl.microcredentials.registry.exemptions.control.Deadlines;
import nl.microcredentials.registry.exemptions.control.ExemptionRules;
import nl.microcredentials.registry.exemptions.entity.DecisionOutcome;
import nl.microcredentials.registry.exemptions.entity.ExemptionEvent;
import nl.microcredentials.registry.exemptions.entity.ExemptionRequest;
import nl.microcredentials.registry.exemptions.entity.ExemptionStatus;
import nl.microcredentials.registry.institutions.control.BoardRouting;
import nl.microcredentials.registry.institutions.entity.Board;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.security.Role;
import nl.microcredentials.registry.programmes.entity.Programme;

/**
 * Demo exemption requests in every state at TU Delft, Leiden and Hogeschool Utrecht, received at dates in the past
 * so that some are overdue. Learners are invented; e-mail addresses use the reserved .invalid domain.
 */
final class DemoExemptions {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final String[] NAMES = {"Sanne Visser", "Daan Mulder", "Emma de Groot", "Lucas Bos", "Julia Vos", "Milan Peters",
            "Tess Hendriks", "Noah van Dijk", "Sophie Smit", "Finn Meijer", "Lotte de Wit", "Sem Dekker", "Zoë Jansen", "Levi Kok",
            "Eva Bakker", "Thijs Koster", "Anna van Leeuwen", "Jesse Kuipers", "Fleur Willems", "Bram Schouten", "Isa van der Berg",
            "Ruben Maas", "Mila Verbeek", "Stijn Post"};

    private final EntityManager em;
    private final LocalDate today = LocalDate.now(ZONE);
    private int n;

    DemoExemptions(EntityManager em) {
        this.em = em;
    }

    int load() {
        record("tu-delft", "CSE2310", "Algorithm Design", "4", 150, ExemptionStatus.SUBMITTED, null);        // overdue
        record("tu-delft", "CSE1300", "Reasoning and Logic", "5", 20, ExemptionStatus.SUBMITTED, null);
        record("tu-delft", "TI2736", "Machine Learning", "6", 70, ExemptionStatus.IN_REVIEW, null);           // overdue
        record("tu-delft", "CSE3000", "Research Project", "15", 30, ExemptionStatus.INFORMATION_REQUESTED, null);
        record("tu-delft", "CSE2520", "Big Data Processing", "5", 100, ExemptionStatus.DECIDED, DecisionOutcome.GRANTED);
        record("tu-delft", "EE1M1", "Linear Algebra", "5", 120, ExemptionStatus.DECIDED, DecisionOutcome.PARTIALLY_GRANTED);
        record("tu-delft", "CSE2115", "Software Engineering Methods", "5", 110, ExemptionStatus.APPEALED, DecisionOutcome.REJECTED);
        record("tu-delft", "AR1A010", "Design Studio", "10", 15, ExemptionStatus.IN_REVIEW, null);
        record("tu-delft", "EX1001", "Extension course", "3", 60, ExemptionStatus.WITHDRAWN, null);
        record("universiteit-leiden", "4031DATA", "Data Science", "6", 80, ExemptionStatus.IN_REVIEW, null);      // overdue
        record("universiteit-leiden", "LAW1201", "Human Rights Law", "5", 25, ExemptionStatus.SUBMITTED, null);
        record("universiteit-leiden", "4011ALG", "Algebra", "5", 140, ExemptionStatus.UPHELD, DecisionOutcome.REJECTED);
        record("universiteit-leiden", "MI2000", "Media Technology", "6", 90, ExemptionStatus.DECIDED, DecisionOutcome.REJECTED);
        record("hogeschool-utrecht", "ICT.P.1", "Programmeren 1", "5", 75, ExemptionStatus.SUBMITTED, null);    // overdue
        record("hogeschool-utrecht", "TICT-V1", "Netwerken", "5", 35, ExemptionStatus.IN_REVIEW, null);
        record("hogeschool-utrecht", "GZ-101", "Gezondheidszorg en ethiek", "3", 130, ExemptionStatus.OVERTURNED, DecisionOutcome.REJECTED);
        record("hogeschool-utrecht", "ICT.D.2", "Databases", "5", 95, ExemptionStatus.DECIDED, DecisionOutcome.GRANTED);
        return n;
    }

    private void record(String at, String courseCode, String courseTitle, String ects, int daysAgo, ExemptionStatus status, DecisionOutcome outcome) {
        Institution institution = em.createNamedQuery(Institution.BY_CODE, Institution.class).setParameter("code", at).getSingleResult();
        List<Programme> candidates = em.createQuery("SELECT p FROM Programme p WHERE p.institution.code <> :at"
                + " AND p.status = nl.microcredentials.registry.programmes.entity.ProgrammeStatus.PUBLISHED ORDER BY p.createdAt", Programme.class)
                .setParameter("at", at).setFirstResult(n * 3).setMaxResults(1).getResultList();
        if (candidates.isEmpty()) return;
        Programme programme = candidates.get(0);
        List<Board> boards = em.createNamedQuery(Board.OF_INSTITUTION, Board.class).setParameter("code", at).getResultList();
        String boardId = BoardRouting.route(boards.stream().map(b -> new BoardRouting.Scope(b.getId(), b.getCourseCodePrefixes(), b.isDefault())).toList(),
                courseCode).orElseThrow();
        Board board = boards.stream().filter(b -> b.getId().equals(boardId)).findFirst().orElseThrow();
        LocalDate received = today.minusDays(daysAgo);
        n++;
        String reference = nextReference(institution, received.getYear());
        ExemptionRequest r = new ExemptionRequest(institution, board, reference, null, programme, programme.getLatestVersion(), received,
                board.getDecisionTermDays());
        String name = NAMES[n % NAMES.length];
        r.learner(name, name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", ".") + "@student.invalid", "s" + (2400000 + n * 7919));
        r.evidence(received.minusDays(20), "https://demo.edubadges.invalid/public/assertions/" + reference.toLowerCase(java.util.Locale.ROOT),
                courseCode, courseTitle, new BigDecimal(ects), null, "I completed this micro-credential and its learning outcomes match the course.", null);
        r.due(Deadlines.decisionDue(received, board.getDecisionTermDays(), 0, 0));
        em.persist(r);
        em.flush();
        event(r, received, "RECORDED", adminOf(at), "institution-admin", null, ExemptionStatus.SUBMITTED, "routed to " + board.getName());
        if (status == ExemptionStatus.SUBMITTED) return;
        if (status == ExemptionStatus.WITHDRAWN) {
            r.moveTo(ExemptionStatus.WITHDRAWN);
            event(r, received.plusDays(3), "WITHDRAW", adminOf(at), "institution-admin", ExemptionStatus.SUBMITTED, ExemptionStatus.WITHDRAWN, "withdrawn by the learner");
            return;
        }
        r.moveTo(ExemptionStatus.IN_REVIEW);
        event(r, received.plusDays(2), "REVIEW", memberOf(board), "board-member", ExemptionStatus.SUBMITTED, ExemptionStatus.IN_REVIEW, null);
        if (status == ExemptionStatus.IN_REVIEW) return;
        if (status == ExemptionStatus.INFORMATION_REQUESTED) {
            r.suspend(received.plusDays(10));
            r.moveTo(ExemptionStatus.INFORMATION_REQUESTED);
            event(r, received.plusDays(10), "REQUEST_INFORMATION", memberOf(board), "board-member", ExemptionStatus.IN_REVIEW,
                    ExemptionStatus.INFORMATION_REQUESTED, "Please send the assessment criteria of the micro-credential.");
            return;
        }
        LocalDate decided = received.plusDays(Math.min(daysAgo - 5, 40));
        BigDecimal granted = outcome == DecisionOutcome.GRANTED ? r.getCourseEcts()
                : outcome == DecisionOutcome.PARTIALLY_GRANTED ? r.getCourseEcts().subtract(BigDecimal.ONE) : BigDecimal.ZERO;
        String motivation = switch (outcome) {
            case GRANTED -> "The learning outcomes of the micro-credential cover those of the course at the same level.";
            case PARTIALLY_GRANTED -> "The micro-credential covers the theory but not the practical assignment; the assignment remains.";
            case REJECTED -> "The micro-credential is at a lower level than the course and does not cover its learning outcomes.";
        };
        r.decide(outcome, granted, motivation, decided, memberOf(board));
        r.moveTo(ExemptionStatus.DECIDED);
        event(r, decided, "DECISION", memberOf(board), "board-member", ExemptionStatus.IN_REVIEW, ExemptionStatus.DECIDED, outcome.name());
        if (status == ExemptionStatus.DECIDED) return;
        r.appeal(decided.plusDays(20));
        r.moveTo(ExemptionStatus.APPEALED);
        event(r, decided.plusDays(20), "APPEAL", adminOf(at), "institution-admin", ExemptionStatus.DECIDED, ExemptionStatus.APPEALED, "filed on " + decided.plusDays(20));
        if (status == ExemptionStatus.APPEALED) return;
        r.moveTo(status);
        event(r, decided.plusDays(60), "APPEAL_OUTCOME", adminOf(at), "institution-admin", ExemptionStatus.APPEALED, status, status.name());
    }

    /** The demo account of an institution's admin (its display name shows in the history), else a description. */
    private String adminOf(String institution) {
        return em.createQuery("SELECT a.username FROM Account a WHERE a.institutionCode = :code AND a.role = :role ORDER BY a.username", String.class)
                .setParameter("code", institution).setParameter("role", Role.INSTITUTION_ADMIN)
                .getResultStream().findFirst().orElse("admin of " + institution);
    }

    /** The demo account of a member of the board, else the board's name. */
    private String memberOf(Board board) {
        return em.createQuery("SELECT a.username FROM Account a WHERE a.boardId = :board ORDER BY a.username", String.class)
                .setParameter("board", board.getId()).getResultStream().findFirst().orElse(board.getName());
    }

    /** Through the same counter as the registry's own references, so that later ones never collide with the demo's. */
    private String nextReference(Institution institution, int year) {
        em.createNativeQuery("INSERT INTO exemption_reference_counter (institution_id, ref_year, last_number) VALUES (?1, ?2, 0) ON CONFLICT DO NOTHING")
                .setParameter(1, institution.getId()).setParameter(2, year).executeUpdate();
        em.createNativeQuery("UPDATE exemption_reference_counter SET last_number = last_number + 1 WHERE institution_id = ?1 AND ref_year = ?2")
                .setParameter(1, institution.getId()).setParameter(2, year).executeUpdate();
        Number last = (Number) em.createNativeQuery("SELECT last_number FROM exemption_reference_counter WHERE institution_id = ?1 AND ref_year = ?2")
                .setParameter(1, institution.getId()).setParameter(2, year).getSingleResult();
        return ExemptionRules.reference(ExemptionRules.prefix(institution.getCode()), year, last.intValue());
    }

    private void event(ExemptionRequest r, LocalDate on, String action, String actor, String role, ExemptionStatus from, ExemptionStatus to, String reason) {
        Instant at = on.atTime(10, 0).atZone(ZONE).toInstant();
        em.persist(new ExemptionEvent(r.getId(), at, action, actor, role, from, to, reason));
    }
}
