package nl.microcredentials.registry.reports.control;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.microcredentials.registry.institutions.entity.Sector;

/**
 * The pilot report (DOMAIN.md "Pilot reports"): the same {@link Figures} per institution, per sector and in total.
 * Totals and sector rows are computed by their own queries, not summed from rows (medians do not add up, and an
 * agreement between two institutions counts once in the total).
 *
 * <p>Definitions (documented in /openapi too):
 * <ul>
 * <li>programmes: {@code registered} = created in the period, {@code published} = first published in the period,
 *     {@code withdrawn} = withdrawn in the period; {@code totalEcts} and the distributions cover the programmes
 *     first published in the period, in their latest published version;</li>
 * <li>EC bands: {@code <3} (the WO experiment), {@code 3-5} = [3,5), {@code 5-10} = [5,10), {@code 10-15} = [10,15),
 *     {@code 15-30} = [15,30];</li>
 * <li>agreements: those created on or before the period's end, by their status today (EXPIRED computed), counted
 *     for each institution that is a party of the current version;</li>
 * <li>exemption requests: those received in the period at the receiving institution; outcomes and days to decision
 *     (decidedOn - receivedOn, calendar days; percentile_cont, rounded to 1 decimal) over the decided ones;
 *     grant rate = (GRANTED + PARTIALLY_GRANTED) / decided, 3 decimals, null when none decided; {@code overdueNow}
 *     = requests not waiting for information (SUBMITTED, IN_REVIEW) past their decision due date today, whatever the
 *     period; appeals = requests received in the period that were appealed, with the appeal outcomes;
 *     {@code byDaysToDecision} = the decided ones in lead-time bands (days, both bounds inclusive);</li>
 * <li>{@code decisionsByMonth}: the decisions on requests received in the period, by month of decision and outcome.</li>
 * </ul>
 */
public record PilotReport(ReportFilter filter, Instant generatedAt,
                          List<InstitutionRow> institutions, List<SectorRow> sectors, Figures totals,
                          List<MonthlyDecisions> decisionsByMonth) implements Serializable {

    /** {@code month} as {@code 2026-03}; counts per outcome (GRANTED, PARTIALLY_GRANTED, REJECTED). */
    public record MonthlyDecisions(String month, Map<String, Long> byOutcome) implements Serializable { }

    public record InstitutionRow(String code, String name, Sector sector, Figures figures) implements Serializable { }

    public record SectorRow(Sector sector, Figures figures) implements Serializable { }

    public record Figures(ProgrammeFigures programmes, AgreementFigures agreements, ExemptionFigures exemptions) implements Serializable { }

    /** Maps are ordered (LinkedHashMap) and hold every key of their domain, zeros included, so tables line up. */
    public record ProgrammeFigures(long registered, long published, long withdrawn, BigDecimal totalEcts,
                                   Map<String, Long> byNlqfLevel, Map<String, Long> byEctsBand,
                                   Map<String, Long> byLanguage, Map<String, Long> byParticipation) implements Serializable { }

    /** Keys: DRAFT, PROPOSED, ACTIVE, EXPIRED, TERMINATED. */
    public record AgreementFigures(long total, Map<String, Long> byStatus) implements Serializable { }

    /**
     * byOutcome keys: GRANTED, PARTIALLY_GRANTED, REJECTED; appealOutcomes keys: PENDING, UPHELD, OVERTURNED. Undefined figures
     * (a grant rate or median without decisions) are written as explicit nulls.
     */
    @jakarta.json.bind.annotation.JsonbNillable
    public record ExemptionFigures(long received, long decided, long withdrawn, long open,
                                   Map<String, Long> byOutcome, BigDecimal grantRate,
                                   BigDecimal medianDaysToDecision, BigDecimal p90DaysToDecision,
                                   Map<String, Long> byDaysToDecision,
                                   long overdueNow, long appeals, Map<String, Long> appealOutcomes) implements Serializable { }
}
