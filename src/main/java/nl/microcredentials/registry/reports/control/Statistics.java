package nl.microcredentials.registry.reports.control;

import java.time.Instant;
import java.util.Map;

/** The public statistics: counts only, never personal data. */
public record Statistics(Instant asOf, long institutions, Map<String, Long> institutionsBySector,
                         long publishedProgrammes, long activeAgreements,
                         long exemptionRequests, long decidedExemptionRequests) { }
