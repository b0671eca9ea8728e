package nl.microcredentials.registry.reports.control;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The pilot report and the recognition matrix as files: CSV (RFC 4180, UTF-8, with a header row) and an XLSX workbook
 * with a sheet per table.
 *
 * <p>The pilot report's CSV is a long ("tidy") table, one figure per line, so that every figure of every level fits one
 * file and loads straight into a pivot table: {@code level} (institution, sector, total), {@code institution} (code, empty
 * for sector and total lines), {@code name}, {@code sector}, {@code section} (programmes, agreements, exemptions),
 * {@code metric}, {@code category} (the key of a distribution, e.g. an NLQF level, empty for a single figure) and
 * {@code value} (a plain number, empty when undefined, e.g. a median without decisions).
 */
public final class ReportExports {

    public static final List<String> CSV_HEADER = List.of("level", "institution", "name", "sector", "section", "metric", "category", "value");
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private ReportExports() { }

    public static String csv(PilotReport report) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER.toArray(String[]::new)).get())) {
            for (var r : report.institutions()) figures(csv, "institution", r.code(), r.name(), r.sector().name(), r.figures());
            for (var s : report.sectors()) figures(csv, "sector", "", s.sector().name(), s.sector().name(), s.figures());
            figures(csv, "total", "", "Total", "", report.totals());
            for (var m : report.decisionsByMonth()) {
                for (var e : m.byOutcome().entrySet()) {
                    csv.printRecord("total", "", "Total", "", "exemptions", "decisionsByMonth", m.month() + " " + e.getKey(), e.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void figures(CSVPrinter csv, String level, String code, String name, String sector, PilotReport.Figures f) throws IOException {
        var p = f.programmes();
        List<Object[]> lines = new ArrayList<>();
        lines.add(line("programmes", "registered", null, p.registered()));
        lines.add(line("programmes", "published", null, p.published()));
        lines.add(line("programmes", "withdrawn", null, p.withdrawn()));
        lines.add(line("programmes", "totalEcts", null, p.totalEcts()));
        map(lines, "programmes", "byNlqfLevel", p.byNlqfLevel());
        map(lines, "programmes", "byEctsBand", p.byEctsBand());
        map(lines, "programmes", "byLanguage", p.byLanguage());
        map(lines, "programmes", "byParticipation", p.byParticipation());
        lines.add(line("agreements", "total", null, f.agreements().total()));
        map(lines, "agreements", "byStatus", f.agreements().byStatus());
        var e = f.exemptions();
        lines.add(line("exemptions", "received", null, e.received()));
        lines.add(line("exemptions", "decided", null, e.decided()));
        lines.add(line("exemptions", "withdrawn", null, e.withdrawn()));
        lines.add(line("exemptions", "open", null, e.open()));
        map(lines, "exemptions", "byOutcome", e.byOutcome());
        lines.add(line("exemptions", "grantRate", null, e.grantRate()));
        lines.add(line("exemptions", "medianDaysToDecision", null, e.medianDaysToDecision()));
        lines.add(line("exemptions", "p90DaysToDecision", null, e.p90DaysToDecision()));
        map(lines, "exemptions", "byDaysToDecision", e.byDaysToDecision());
        lines.add(line("exemptions", "overdueNow", null, e.overdueNow()));
        lines.add(line("exemptions", "appeals", null, e.appeals()));
        map(lines, "exemptions", "appealOutcomes", e.appealOutcomes());
        for (Object[] l : lines) csv.printRecord(level, code, name, sector, l[0], l[1], l[2], l[3]);
    }

    private static Object[] line(String section, String metric, String category, Object value) {
        return new Object[] {section, metric, category == null ? "" : category, plain(value)};
    }

    private static void map(List<Object[]> lines, String section, String metric, Map<String, Long> values) {
        values.forEach((k, v) -> lines.add(line(section, metric, k, v)));
    }

    private static String plain(Object value) {
        if (value == null) return "";
        if (value instanceof BigDecimal d) return d.toPlainString();
        return value.toString();
    }

    /** The matrix as CSV: a header of issuing institutions' codes, a row per receiving institution, the effect or empty. */
    public static String csv(RecognitionMatrix matrix) {
        StringWriter out = new StringWriter();
        List<String> header = new ArrayList<>();
        header.add("receiving \\ issuing");
        matrix.parties().forEach(p -> header.add(p.code()));
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (int i = 0; i < matrix.parties().size(); i++) {
                List<String> row = new ArrayList<>();
                row.add(matrix.parties().get(i).code());
                matrix.effects().get(i).forEach(effect -> row.add(effect == null ? "" : effect));
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The workbook: a cover sheet with the filter, then a sheet per table of {@link ReportTables}. */
    public static void xlsx(PilotReport report, OutputStream out) {
        try {
            Workbook workbook = new Workbook(out, "Microcredential Recognition Registry", "1.0");
            Worksheet cover = workbook.newWorksheet("Report");
            String[][] facts = {
                    {"Pilot report", "Dutch national pilot of micro-credentials"},
                    {"From", report.filter().from() == null ? "(start)" : report.filter().from().toString()},
                    {"To", report.filter().to() == null ? "(today)" : report.filter().to().toString()},
                    {"Sector", report.filter().sector() == null ? "all" : report.filter().sector().name()},
                    {"Institution", report.filter().institution() == null ? "all" : report.filter().institution()},
                    {"Generated at", report.generatedAt().toString()}};
            for (int r = 0; r < facts.length; r++) {
                cover.value(r, 0, facts[r][0]);
                cover.value(r, 1, facts[r][1]);
                cover.style(r, 0).bold().set();
            }
            cover.width(0, 16);
            cover.width(1, 48);
            for (ReportTables.Table table : ReportTables.of(report)) {
                Worksheet sheet = workbook.newWorksheet(table.name());
                for (int c = 0; c < table.headers().size(); c++) {
                    sheet.value(0, c, table.headers().get(c));
                    sheet.style(0, c).bold().fillColor("DDE6F0").set();
                }
                for (int r = 0; r < table.rows().size(); r++) {
                    List<? extends Object> row = table.rows().get(r);
                    for (int c = 0; c < row.size(); c++) cell(sheet, r + 1, c, row.get(c));
                }
                sheet.freezePane(0, 1);
                sheet.width(2, 40);
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void cell(Worksheet sheet, int r, int c, Object value) {
        if (value == null) return;
        if (value instanceof Number n) sheet.value(r, c, n);
        else sheet.value(r, c, value.toString());
    }
}
