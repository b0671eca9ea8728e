package nl.microcredentials.registry.demo;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;
import nl.microcredentials.registry.institutions.entity.Board;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.security.Account;
import nl.microcredentials.registry.platform.security.Passwords;
import nl.microcredentials.registry.platform.security.Role;
import nl.microcredentials.registry.programmes.control.PilotRules;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the demo consortium when {@code registry.demo.data} is true and no account exists yet: named Boards of
 * Examiners with routing prefixes for TU Delft, Leiden and Hogeschool Utrecht, and one account per role.
 * Every demo account's password is {@value #PASSWORD} (README, "Demo accounts").
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class DemoData {

    public static final String PASSWORD = "demo";
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    @Inject
    @ConfigProperty(name = "registry.demo.data", defaultValue = "false")
    boolean enabled;

    @Inject
    PilotRules pilot;

    @Inject
    @ConfigProperty(name = "registry.db.url")
    String databaseUrl;

    /** The lock that lets one of several instances starting together on an empty database load the demo data. */
    static final long LOCK = 0x726567646d6fL; // "regdmo"

    @PostConstruct
    void load() {
        if (!enabled) return;
        if (databaseUrl.startsWith("jdbc:postgresql:")) {
            // held until this transaction ends: a second instance waits here, then finds the accounts and loads nothing
            em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1)) locked").setParameter(1, LOCK).getSingleResult();
        }
        long accounts = em.createQuery("SELECT COUNT(a) FROM Account a", Long.class).getSingleResult();
        if (accounts > 0) {
            LOG.info("Demo data: accounts exist already, nothing loaded");
            return;
        }
        Institution delft = institution("tu-delft");
        delft.update(delft.getName(), delft.getSector(), null, "https://www.tudelft.nl", java.time.LocalDate.of(2022, 9, 1), true);
        // demo values for the Open Education API's RIO profile: not the institutions' real onderwijsaanbiedercodes
        delft.identifiers("900A001", "tudelft.nl");
        Board delftDefault = defaultBoard(delft);
        delftDefault.update("Board of Examiners TU Delft Extension School", "extension-school-boe@tudelft.invalid", 56, List.of("EX"));
        Board eemcs = board(delft, "Board of Examiners EEMCS", "boe-eemcs@tudelft.invalid", 42, List.of("CSE", "TI", "EE"));
        board(delft, "Board of Examiners Architecture", "boe-bk@tudelft.invalid", 56, List.of("AR", "BK"));

        Institution leiden = institution("universiteit-leiden");
        leiden.update(leiden.getName(), leiden.getSector(), null, "https://www.universiteitleiden.nl", java.time.LocalDate.of(2022, 9, 1), true);
        leiden.identifiers("900A002", "leidenuniv.nl");
        Board leidenDefault = defaultBoard(leiden);
        leidenDefault.update("Examencommissie Wiskunde en Informatica", "examencommissie-wi@leiden.invalid", 56, List.of("4", "MI"));
        board(leiden, "Examencommissie Rechtsgeleerdheid", "examencommissie-rg@leiden.invalid", 42, List.of("LAW", "RG"));

        Institution hu = institution("hogeschool-utrecht");
        hu.identifiers("900A003", "hu.nl");
        Board huDefault = defaultBoard(hu);
        Board huIct = board(hu, "Examencommissie Instituut voor ICT", "examencommissie-ict@hu.invalid", 56, List.of("ICT", "TICT"));

        // one hash for every demo account (the same password): a PBKDF2 hash at 600,000 iterations takes a good part of a second
        String hash = passwords.hash(PASSWORD.toCharArray());
        account(hash, "coordinator", "Noor de Vries (pilot office)", "coordinator@pilot.invalid", Role.COORDINATOR, null, null);
        account(hash, "admin.tudelft", "Pieter Jansen (TU Delft)", "admin@tudelft.invalid", Role.INSTITUTION_ADMIN, "tu-delft", null);
        account(hash, "board.tudelft", "Dr. Sanne Bakker (BoE EEMCS)", "s.bakker@tudelft.invalid", Role.BOARD_MEMBER, "tu-delft", eemcs.getId());
        account(hash, "admin.leiden", "Fatima el Amrani (Leiden)", "admin@leiden.invalid", Role.INSTITUTION_ADMIN, "universiteit-leiden", null);
        account(hash, "board.leiden", "Prof. Jan Visser (Examencommissie W&I)", "j.visser@leiden.invalid", Role.BOARD_MEMBER, "universiteit-leiden", leidenDefault.getId());
        account(hash, "admin.hu", "Lotte Smit (HU)", "admin@hu.invalid", Role.INSTITUTION_ADMIN, "hogeschool-utrecht", null);
        account(hash, "board.hu", "Mehmet Yilmaz (Examencommissie ICT)", "m.yilmaz@hu.invalid", Role.BOARD_MEMBER, "hogeschool-utrecht", huIct.getId());
        List<Institution> members = em.createQuery("SELECT i FROM Institution i ORDER BY i.code", Institution.class).getResultList();
        int programmes = new DemoCatalogue(em, pilot).load(leiden, delft, members);
        em.flush();
        int agreements = new DemoAgreements(em).load(members.stream().filter(Institution::isActive).map(Institution::getCode).toList());
        em.flush();
        int requests = new DemoExemptions(em).load();
        em.flush();
        LOG.info("Demo data loaded: boards, 7 accounts (password '" + PASSWORD + "'), " + programmes + " programmes, " + agreements + " agreements and " + requests + " exemption requests");
    }

    private Institution institution(String code) {
        return em.createNamedQuery(Institution.BY_CODE, Institution.class).setParameter("code", code).getSingleResult();
    }

    private Board defaultBoard(Institution institution) {
        return em.createNamedQuery(Board.OF_INSTITUTION, Board.class).setParameter("code", institution.getCode())
                .getResultStream().filter(Board::isDefault).findFirst().orElseThrow();
    }

    private Board board(Institution institution, String name, String email, int term, List<String> prefixes) {
        Board board = new Board(institution);
        board.update(name, email, term, prefixes);
        board.setDefault(false);
        em.persist(board);
        return board;
    }

    private void account(String hash, String username, String displayName, String email, String role, String institution, String board) {
        em.persist(new Account(username, hash, displayName, email, role, institution, board));
    }
}
