package nl.microcredentials.registry.platform.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import nl.microcredentials.registry.platform.security.Caller;

/** The operators' control of the caches, shared by {@code DELETE /api/caches} and the coordinator's dashboard. */
@ApplicationScoped
public class Caches {

    private static final Logger LOG = Logger.getLogger(Caches.class.getName());

    @Inject
    Caller caller;

    @Inject
    Grid grid;

    /** Every cached answer of every instance becomes unreachable (coordinators; after a change by hand in the database). */
    public void dropAll() {
        caller.requireCoordinator();
        for (Generation kind : Generation.values()) grid.bump(kind);
        LOG.info(() -> "Every cached answer dropped by " + caller.subject());
    }
}
