package nl.microcredentials.registry.demo;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import nl.microcredentials.registry.agreements.control.AgreementScope;
import nl.microcredentials.registry.agreements.control.AgreementTerms;
import nl.microcredentials.registry.agreements.entity.Agreement;
import nl.microcredentials.registry.agreements.entity.AgreementApproval;
import nl.microcredentials.registry.agreements.entity.AgreementEvent;
import nl.microcredentials.registry.agreements.entity.AgreementKind;
import nl.microcredentials.registry.agreements.entity.AgreementStatus;
import nl.microcredentials.registry.agreements.entity.AgreementVersion;
import nl.microcredentials.registry.agreements.entity.RecognitionEffect;

/**
 * The demo agreements: the pilot's consortium-wide multilateral agreement (every member, IN_PRINCIPLE, ACTIVE) and
 * bilateral ones in different states: Leiden - TU Delft ACTIVE (course exemption for named programmes), Hogeschool
 * Utrecht - Leiden PROPOSED with one approval, TU Delft - Hogeschool Utrecht a DRAFT, and a TERMINATED one.
 */
final class DemoAgreements {

    private static final String PILOT_TERMS = "The members of the national pilot of micro-credentials recognise each other's registered "
            + "micro-credentials in principle: the validated learning outcomes count as evidence in admission and exemption procedures. "
            + "Whether that leads to admission or exemption remains the mandate of the receiving institution's Board of Examiners "
            + "(WHW art. 7.12b). Recognition is never automatic.";

    private final EntityManager em;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    DemoAgreements(EntityManager em) {
        this.em = em;
    }

    int load(List<String> activeMembers) {
        LocalDate pilotStart = LocalDate.of(2023, 1, 1);
        Agreement pilot = agreement("National pilot of micro-credentials: mutual recognition in principle", true, "coordinator", null,
                new AgreementTerms(AgreementKind.MULTILATERAL, activeMembers, AgreementScope.ALL_PROGRAMMES, RecognitionEffect.IN_PRINCIPLE,
                        PILOT_TERMS, pilotStart, null));
        approveAll(pilot, activeMembers);

        List<String> leidenProgrammes = em.createQuery("SELECT p.id FROM Programme p WHERE p.institution.code = 'universiteit-leiden'"
                + " AND p.status = nl.microcredentials.registry.programmes.entity.ProgrammeStatus.PUBLISHED ORDER BY p.createdAt", String.class)
                .setMaxResults(2).getResultList();
        if (!leidenProgrammes.isEmpty()) {
            Agreement leidenDelft = agreement("Leiden - TU Delft: mathematics and computer science micro-credentials", false,
                    "admin.tudelft", "tu-delft",
                    new AgreementTerms(AgreementKind.BILATERAL, List.of("tu-delft", "universiteit-leiden"),
                            new AgreementScope(leidenProgrammes, null, null, null, null, null), RecognitionEffect.COURSE_EXEMPTION,
                            "TU Delft's Boards of Examiners treat these Leiden micro-credentials as evidence for exemption from the matching "
                                    + "elective courses of the bachelor Computer Science and Engineering; each request is decided by the board.",
                            LocalDate.of(2025, 9, 1), LocalDate.of(2028, 8, 31)));
            approveAll(leidenDelft, List.of("tu-delft", "universiteit-leiden"));
        }

        Agreement huLeiden = agreement("Hogeschool Utrecht - Leiden: elective credits for NLQF 6-7 micro-credentials", false,
                "admin.hu", "hogeschool-utrecht",
                new AgreementTerms(AgreementKind.BILATERAL, List.of("hogeschool-utrecht", "universiteit-leiden"),
                        new AgreementScope(null, List.of("universiteit-leiden"), "6", "7", new BigDecimal("3"), new BigDecimal("15")),
                        RecognitionEffect.ELECTIVE_CREDITS,
                        "Leiden micro-credentials at NLQF 6 or 7 of 3 to 15 EC count as elective credits in HU bachelor programmes, "
                                + "subject to the decision of the Examencommissie.", LocalDate.of(2026, 9, 1), LocalDate.of(2029, 8, 31)));
        huLeiden.propose();
        event(huLeiden, AgreementEvent.Action.PROPOSED, "admin.hu", "hogeschool-utrecht", AgreementStatus.DRAFT, AgreementStatus.PROPOSED);
        approve(huLeiden, "hogeschool-utrecht", "admin.hu");

        agreement("TU Delft - Hogeschool Utrecht: admission to the pre-master", false, "admin.tudelft", "tu-delft",
                new AgreementTerms(AgreementKind.BILATERAL, List.of("hogeschool-utrecht", "tu-delft"),
                        new AgreementScope(null, List.of("hogeschool-utrecht"), "6", null, new BigDecimal("5"), null), RecognitionEffect.ADMISSION,
                        "Draft: HU micro-credentials of at least 5 EC at NLQF 6 count towards admission to TU Delft's pre-master programmes.",
                        LocalDate.of(2027, 2, 1), null));

        List<String> terminatedParties = activeMembers.contains("hogeschool-rotterdam") ? List.of("hogeschool-rotterdam", "tu-delft")
                : List.of(activeMembers.get(0), "tu-delft");
        Agreement old = agreement("TU Delft - Rotterdam: pilot exchange 2024", false, "admin.tudelft", "tu-delft",
                new AgreementTerms(AgreementKind.BILATERAL, terminatedParties, AgreementScope.ALL_PROGRAMMES, RecognitionEffect.ELECTIVE_CREDITS,
                        "Micro-credentials of either party count as elective credits during the 2024 exchange pilot.",
                        LocalDate.of(2024, 2, 1), LocalDate.of(2027, 1, 31)));
        approveAll(old, terminatedParties);
        old.terminate(LocalDate.of(2025, 8, 31), "Replaced by the national pilot's multilateral agreement");
        event(old, AgreementEvent.Action.TERMINATED, "admin.tudelft", "tu-delft", AgreementStatus.ACTIVE, AgreementStatus.TERMINATED);
        return 5;
    }

    private Agreement agreement(String title, boolean consortiumWide, String by, String institution, AgreementTerms terms) {
        AgreementTerms t = terms.normalised();
        Agreement a = new Agreement(title, consortiumWide, by, institution);
        em.persist(a);
        AgreementVersion v = new AgreementVersion(a, 1, by);
        v.apply(t);
        a.editedInPlace(t.validUntil());
        em.persist(v);
        event(a, AgreementEvent.Action.CREATED, by, institution, null, AgreementStatus.DRAFT);
        return a;
    }

    private void approveAll(Agreement a, List<String> parties) {
        a.propose();
        event(a, AgreementEvent.Action.PROPOSED, a.getCreatedBy(), a.getCreatedByInstitution(), AgreementStatus.DRAFT, AgreementStatus.PROPOSED);
        for (String party : parties) approve(a, party, adminOf(party));
        AgreementVersion v = version(a);
        a.activate(v.getValidUntil());
        v.activated(now);
        event(a, AgreementEvent.Action.ACTIVATED, "registry", null, AgreementStatus.PROPOSED, AgreementStatus.ACTIVE);
    }

    /** The demo account of an institution's admin (its display name shows in the history), else a description. */
    private String adminOf(String institution) {
        return em.createQuery("SELECT a.username FROM Account a WHERE a.institutionCode = :code AND a.role = :role ORDER BY a.username", String.class)
                .setParameter("code", institution).setParameter("role", nl.microcredentials.registry.platform.security.Role.INSTITUTION_ADMIN)
                .getResultStream().findFirst().orElse("admin of " + institution);
    }

    private void approve(Agreement a, String party, String by) {
        AgreementVersion v = version(a);
        em.persist(new AgreementApproval(a, v.getNumber(), party, v.getTermsHash(), by, now));
        a.approved();
        event(a, AgreementEvent.Action.APPROVED, by, party, a.getStatus(), a.getStatus());
    }

    private AgreementVersion version(Agreement a) {
        em.flush();
        return em.createNamedQuery(AgreementVersion.NUMBER, AgreementVersion.class).setParameter("agreement", a).setParameter("number", 1)
                .getSingleResult();
    }

    private void event(Agreement a, AgreementEvent.Action action, String by, String institution, AgreementStatus from, AgreementStatus to) {
        AgreementVersion v = version(a);
        em.persist(new AgreementEvent(a.getId(), now, action, by, institution, from, to, v.getNumber(), v.getTermsHash(), null));
    }
}
