package nl.microcredentials.registry.reports.boundary;

import nl.microcredentials.registry.platform.cache.Generation;
import nl.microcredentials.registry.platform.cache.Grid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZoneId;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.reports.control.PilotReport;
import nl.microcredentials.registry.reports.control.RecognitionMatrix;
import nl.microcredentials.registry.reports.control.ReportFilter;
import nl.microcredentials.registry.reports.control.ReportQueries;
import nl.microcredentials.registry.reports.control.Statistics;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The reports component's facade, shared by the REST resources and the report page: who may see which report, and the
 * period checks. Coordinators see every institution; an institution admin sees the same report limited to their own
 * institution; nobody else sees reports. Read-only transactions: nothing here writes.
 */
@ApplicationScoped
@Transactional
public class Reports {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Grid grid;

    @Inject
    @ConfigProperty(name = "registry.db.url")
    String databaseUrl;

    Clock clock = Clock.systemUTC();

    /** The pilot report for the filter, limited to the caller's institution for an institution admin. */
    public PilotReport pilot(ReportFilter requested) {
        ReportFilter filter = scoped(requested);
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            throw RegistryException.invalid("to", "must not be before 'from'");
        }
        if (filter.institution() != null && em.createNamedQuery(Institution.BY_CODE, Institution.class)
                .setParameter("code", filter.institution()).getResultList().isEmpty()) {
            throw RegistryException.invalid("institution", "is not a member institution");
        }
        // computed once per generation of the data it counts, period and scope (and day: "overdue now"); the same
        // answer for every coordinator until a change of a programme, agreement, institution or request
        return grid.remembered("pilot-report|" + filter, PilotReport.class, () -> queries().pilotReport(filter),
                Generation.CATALOGUE, Generation.EXEMPTIONS);
    }

    /** The recognition matrix today: derived from agreements that are public anyway, so every member's admin may read it. */
    public RecognitionMatrix recognitionMatrix() {
        caller.requireAuthenticated();
        if (!caller.isCoordinator() && !caller.isInstitutionAdmin()) {
            throw RegistryException.forbidden("Only national coordinators and institution admins read the recognition matrix");
        }
        return queries().recognitionMatrix();
    }

    /** Public counts. */
    public Statistics statistics() {
        return queries().statistics();
    }

    /** Whether the caller may read pilot reports at all (coordinator or institution admin). */
    public boolean mayReport() {
        return caller.isCoordinator() || caller.isInstitutionAdmin();
    }

    ReportFilter scoped(ReportFilter f) {
        caller.requireAuthenticated();
        if (caller.isCoordinator()) return f;
        if (caller.isInstitutionAdmin()) {
            String own = caller.institution().orElseThrow();
            if (f.institution() != null && !f.institution().equals(own)) {
                throw RegistryException.forbidden("An institution admin sees the report of their own institution only");
            }
            return new ReportFilter(f.from(), f.to(), f.sector(), own);
        }
        throw RegistryException.forbidden("Only national coordinators (and institution admins, for their own institution) read pilot reports");
    }

    private ReportQueries queries() {
        return new ReportQueries(em, databaseUrl.startsWith("jdbc:postgresql:"), ZONE, clock);
    }
}
