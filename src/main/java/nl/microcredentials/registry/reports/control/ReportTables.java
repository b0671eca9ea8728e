package nl.microcredentials.registry.reports.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import nl.microcredentials.registry.reports.control.PilotReport.Figures;

/**
 * The pilot report as tables: one per subject, a row per institution, then per sector, then the total. The XLSX workbook
 * has a sheet per table and the admin page shows the same tables, so both always agree. Cells are numbers, text or null.
 */
public final class ReportTables {

    public record Table(String name, List<String> headers, List<List<java.io.Serializable>> rows) implements java.io.Serializable { }

    private record Line(String level, String code, String name, String sector, Figures figures) { }

    private ReportTables() { }

    public static List<Table> of(PilotReport report) {
        List<Line> lines = new ArrayList<>();
        report.institutions().forEach(r -> lines.add(new Line("institution", r.code(), r.name(), r.sector().name(), r.figures())));
        report.sectors().forEach(s -> lines.add(new Line("sector", null, s.sector().name(), s.sector().name(), s.figures())));
        lines.add(new Line("total", null, "Total", null, report.totals()));

        List<Table> tables = new ArrayList<>();
        tables.add(table("Programmes", lines, List.of("Registered", "Published", "Withdrawn", "Total EC"),
                f -> List.of(f.programmes().registered(), f.programmes().published(), f.programmes().withdrawn(), f.programmes().totalEcts())));
        tables.add(distribution("NLQF levels", lines, f -> f.programmes().byNlqfLevel()));
        tables.add(distribution("EC bands", lines, f -> f.programmes().byEctsBand()));
        tables.add(distribution("Languages", lines, f -> f.programmes().byLanguage()));
        tables.add(distribution("Participation", lines, f -> f.programmes().byParticipation()));
        tables.add(distributionWithTotal("Agreements", lines, f -> f.agreements().byStatus(), f -> f.agreements().total()));
        tables.add(table("Exemption requests", lines, List.of("Received", "Decided", "Withdrawn", "Open", "Granted", "Partially granted",
                        "Rejected", "Grant rate", "Median days to decision", "P90 days to decision", "Overdue now", "Appeals",
                        "Appeals pending", "Upheld", "Overturned"),
                f -> {
                    var e = f.exemptions();
                    List<java.io.Serializable> cells = new ArrayList<>(List.of(e.received(), e.decided(), e.withdrawn(), e.open(),
                            e.byOutcome().get("GRANTED"), e.byOutcome().get("PARTIALLY_GRANTED"), e.byOutcome().get("REJECTED")));
                    cells.add(e.grantRate());
                    cells.add(e.medianDaysToDecision());
                    cells.add(e.p90DaysToDecision());
                    cells.addAll(List.of(e.overdueNow(), e.appeals(), e.appealOutcomes().get("PENDING"), e.appealOutcomes().get("UPHELD"),
                            e.appealOutcomes().get("OVERTURNED")));
                    return cells;
                }));
        tables.add(distribution("Days to decision", lines, f -> f.exemptions().byDaysToDecision()));
        List<List<java.io.Serializable>> months = new ArrayList<>();
        for (var m : report.decisionsByMonth()) {
            List<java.io.Serializable> row = new ArrayList<>();
            row.add(m.month());
            ReportQueries.OUTCOMES.forEach(o -> row.add(m.byOutcome().getOrDefault(o, 0L)));
            months.add(row);
        }
        tables.add(new Table("Decisions by month", List.of("Month", "Granted", "Partially granted", "Rejected"), months));
        return tables;
    }

    private static Table table(String name, List<Line> lines, List<String> figureHeaders, Function<Figures, List<java.io.Serializable>> cells) {
        List<String> headers = new ArrayList<>(List.of("Level", "Code", "Name", "Sector"));
        headers.addAll(figureHeaders);
        List<List<java.io.Serializable>> rows = new ArrayList<>();
        for (Line line : lines) {
            List<java.io.Serializable> row = new ArrayList<>();
            row.add(line.level());
            row.add(line.code());
            row.add(line.name());
            row.add(line.sector());
            row.addAll(cells.apply(line.figures()));
            rows.add(row);
        }
        return new Table(name, headers, rows);
    }

    /** Columns are the union of the maps' keys, in their own order (languages, which vary, sorted). */
    private static Table distribution(String name, List<Line> lines, Function<Figures, Map<String, Long>> map) {
        List<String> keys = keys(lines, map);
        return table(name, lines, keys, f -> keys.stream().map(k -> (java.io.Serializable) map.apply(f).getOrDefault(k, 0L)).toList());
    }

    private static Table distributionWithTotal(String name, List<Line> lines, Function<Figures, Map<String, Long>> map,
                                               Function<Figures, Long> total) {
        List<String> keys = keys(lines, map);
        List<String> headers = new ArrayList<>(keys);
        headers.add("Total");
        return table(name, lines, headers, f -> {
            List<java.io.Serializable> cells = new ArrayList<>(keys.stream().map(k -> (java.io.Serializable) map.apply(f).getOrDefault(k, 0L)).toList());
            cells.add(total.apply(f));
            return cells;
        });
    }

    private static List<String> keys(List<Line> lines, Function<Figures, Map<String, Long>> map) {
        Map<String, Long> first = map.apply(lines.get(lines.size() - 1).figures());
        List<String> keys = new ArrayList<>(first.keySet());
        TreeSet<String> extra = new TreeSet<>();
        lines.forEach(l -> map.apply(l.figures()).keySet().stream().filter(k -> !keys.contains(k)).forEach(extra::add));
        keys.addAll(extra);
        return keys;
    }
}
