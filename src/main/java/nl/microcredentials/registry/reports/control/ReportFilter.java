package nl.microcredentials.registry.reports.control;

import java.time.LocalDate;
import nl.microcredentials.registry.institutions.entity.Sector;

/**
 * What a pilot report covers: the period {@code from..to}, both days inclusive (null = open-ended), and optionally
 * one sector and/or one institution (by code). An institution admin's filter always carries their own institution.
 */
@jakarta.json.bind.annotation.JsonbNillable
public record ReportFilter(LocalDate from, LocalDate to, Sector sector, String institution) implements java.io.Serializable {

    /** The period as a file-name part: {@code 2026-01-01_2026-06-30}, {@code all-time} when open on both ends. */
    public String periodLabel() {
        if (from == null && to == null) return "all-time";
        return (from == null ? "start" : from.toString()) + "_" + (to == null ? "today" : to.toString());
    }
}
