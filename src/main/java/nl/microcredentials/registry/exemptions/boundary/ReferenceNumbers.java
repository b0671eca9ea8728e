package nl.microcredentials.registry.exemptions.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import nl.microcredentials.registry.platform.persistence.DataSourceConfiguration;

/**
 * The numbers of the exemption requests' references (TD-2026-000123): one counter row per institution and year, never
 * a number twice, even at the same moment.
 * <p>
 * Every request of an institution takes the lock of the same row, so the row is locked for as short a time as
 * possible: on PostgreSQL one statement, outside any other transaction, that creates or increments the row and commits
 * it at once, on the database, without waiting for the disk ({@code synchronous_commit} off for that commit alone).
 * The lock is then held for the statement only: not for a round trip back to the application to commit (under load
 * that round trip waits for a CPU, milliseconds on a busy machine), nor for a disk flush (4-5 ms here under load). A
 * lock held until the request's own commit caps the recordings of one institution at a few hundred a second at best.
 * <p>
 * Durability is unchanged: the request that uses the number commits durably afterwards, and flushing its commit
 * flushes this earlier one with it (PostgreSQL writes its log in order); a number whose commit was lost in a crash
 * belongs to no recorded request. A number whose request then fails to insert (a concurrent duplicate of an
 * Idempotency-Key) is not used again: references never repeat, and may have a gap. On H2 (the quick start) three plain
 * statements in a short transaction of their own.
 */
@ApplicationScoped
public class ReferenceNumbers {

    static final String NEXT = "INSERT INTO exemption_reference_counter AS c (institution_id, ref_year, last_number)"
            + " SELECT ?, ?, 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS this_commit_does_not_wait"
            + " ON CONFLICT (institution_id, ref_year) DO UPDATE SET last_number = c.last_number + 1 RETURNING c.last_number";

    @Resource(lookup = DataSourceConfiguration.JNDI_NAME)
    DataSource dataSource;

    private volatile Boolean postgres;

    /** The next number of the institution's references in this year, committed when this returns. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public int next(String institutionId, int year) {
        try (Connection c = dataSource.getConnection()) {
            if (postgres(c)) {
                if (!c.getAutoCommit()) c.setAutoCommit(true);
                try (PreparedStatement s = c.prepareStatement(NEXT)) {
                    s.setString(1, institutionId);
                    s.setInt(2, year);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            }
            return nextInTransaction(c, institutionId, year);
        } catch (SQLException e) {
            throw new PersistenceException("Could not take the next reference number", e);
        }
    }

    private static int nextInTransaction(Connection c, String institutionId, int year) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO exemption_reference_counter (institution_id, ref_year, last_number) VALUES (?, ?, 0) ON CONFLICT DO NOTHING")) {
                s.setString(1, institutionId);
                s.setInt(2, year);
                s.executeUpdate();
            }
            int next;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT last_number FROM exemption_reference_counter WHERE institution_id = ? AND ref_year = ? FOR UPDATE")) {
                s.setString(1, institutionId);
                s.setInt(2, year);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    next = rs.getInt(1) + 1;
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE exemption_reference_counter SET last_number = ? WHERE institution_id = ? AND ref_year = ?")) {
                s.setInt(1, next);
                s.setString(2, institutionId);
                s.setInt(3, year);
                s.executeUpdate();
            }
            c.commit();
            return next;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private boolean postgres(Connection c) throws SQLException {
        Boolean p = postgres;
        if (p == null) postgres = p = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        return p;
    }
}
