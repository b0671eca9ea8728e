package nl.microcredentials.registry.programmes.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pilot's bounds from MicroProfile Config (defaults in microprofile-config.properties), as {@link PilotRules} and
 * {@link ProgrammeRules}. Dependent-scoped products: both are immutable values, and a record cannot be proxied.
 */
@ApplicationScoped
public class PilotRulesProducer {

    @Inject @ConfigProperty(name = "registry.pilot.ects.min") BigDecimal minEcts;
    @Inject @ConfigProperty(name = "registry.pilot.ects.max") BigDecimal maxEcts;
    @Inject @ConfigProperty(name = "registry.pilot.hours-per-ec") int hoursPerEc;
    @Inject @ConfigProperty(name = "registry.pilot.experiment.ects.min") BigDecimal experimentMinEcts;
    @Inject @ConfigProperty(name = "registry.pilot.experiment.from") String experimentFrom;
    @Inject @ConfigProperty(name = "registry.pilot.experiment.until") String experimentUntil;
    @Inject @ConfigProperty(name = "registry.pilot.not-before") String notBefore;

    @Produces
    PilotRules pilotRules() {
        return new PilotRules(minEcts, maxEcts, hoursPerEc, experimentMinEcts, LocalDate.parse(experimentFrom),
                LocalDate.parse(experimentUntil), LocalDate.parse(notBefore));
    }

    @Produces
    ProgrammeRules programmeRules() {
        return new ProgrammeRules(pilotRules());
    }
}
