package nl.microcredentials.registry.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;

/**
 * Work done once a day by one instance of the cluster (the nightly badge class checks and OOAPI syncs): the instance whose update
 * moves the job's {@code last_day} to today wins; the database decides, so instances need not know each other. The
 * jobs are rows of {@code scheduled_job}, created by the migrations.
 */
@ApplicationScoped
public class OncePerDay {

    @PersistenceContext
    EntityManager em;

    /**
     * True for exactly one caller per job and day. In the caller's transaction when it has one (the claim then commits,
     * or rolls back, with the work it guards); another instance's claim waits for that row and then finds the day done.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean claim(String job, LocalDate day) {
        int updated = em.createNativeQuery("update scheduled_job set last_day = ?1 where name = ?2 and (last_day is null or last_day < ?1)")
                .setParameter(1, day).setParameter(2, job).executeUpdate();
        return updated == 1;
    }
}
