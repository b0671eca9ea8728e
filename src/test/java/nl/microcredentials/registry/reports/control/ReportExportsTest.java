package nl.microcredentials.registry.reports.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.reports.control.PilotReport.AgreementFigures;
import nl.microcredentials.registry.reports.control.PilotReport.ExemptionFigures;
import nl.microcredentials.registry.reports.control.PilotReport.Figures;
import nl.microcredentials.registry.reports.control.PilotReport.ProgrammeFigures;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/** The CSV and XLSX exports of a known report, read back with the same kind of tools a coordinator uses. */
class ReportExportsTest {

    private static Map<String, Long> counts(List<String> keys, long... values) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) m.put(keys.get(i), i < values.length ? values[i] : 0L);
        return m;
    }

    private static Figures figures(long registered, String ects, long received, String median) {
        return new Figures(
                new ProgrammeFigures(registered, registered, 0, new BigDecimal(ects), counts(ReportQueries.NLQF_LEVELS, 0, 0, 0, 0, 0, 0, registered),
                        counts(ReportQueries.ECTS_BANDS, 0, registered), Map.of("nl", registered), counts(ReportQueries.PARTICIPATION, registered)),
                new AgreementFigures(1, counts(ReportQueries.AGREEMENT_STATUSES, 0, 0, 1)),
                new ExemptionFigures(received, received, 0, 0, counts(ReportQueries.OUTCOMES, received), received == 0 ? null : new BigDecimal("1.000"),
                        median == null ? null : new BigDecimal(median), median == null ? null : new BigDecimal(median), new LeadTimes().bands(),
                        0, 0, counts(ReportQueries.APPEAL_OUTCOMES)));
    }

    private static PilotReport report() {
        var delft = new PilotReport.InstitutionRow("tu-delft", "TU Delft, \"Delft\"", Sector.WO, figures(2, "7.5", 3, "12.5"));
        var hu = new PilotReport.InstitutionRow("hogeschool-utrecht", "Hogeschool Utrecht", Sector.HBO, figures(1, "5", 0, null));
        return new PilotReport(new ReportFilter(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), null, null), Instant.parse("2026-07-01T10:00:00Z"),
                List.of(delft, hu), List.of(new PilotReport.SectorRow(Sector.WO, delft.figures()), new PilotReport.SectorRow(Sector.HBO, hu.figures())),
                figures(3, "12.5", 3, "12.5"), List.of(new PilotReport.MonthlyDecisions("2026-03", counts(ReportQueries.OUTCOMES, 3))));
    }

    @Test
    void csvIsTheDocumentedLongFormat() throws Exception {
        String csv = ReportExports.csv(report());
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
        assertThat(records.get(0).getParser().getHeaderNames()).containsExactlyElementsOf(ReportExports.CSV_HEADER);
        CSVRecord delftEcts = records.stream().filter(r -> r.get("institution").equals("tu-delft") && r.get("metric").equals("totalEcts")).findFirst().orElseThrow();
        assertThat(delftEcts.get("value")).isEqualTo("7.5");
        assertThat(delftEcts.get("name")).isEqualTo("TU Delft, \"Delft\""); // quoted and escaped, read back intact
        CSVRecord huMedian = records.stream().filter(r -> r.get("institution").equals("hogeschool-utrecht") && r.get("metric").equals("medianDaysToDecision"))
                .findFirst().orElseThrow();
        assertThat(huMedian.get("value")).isEmpty();
        CSVRecord level5 = records.stream().filter(r -> r.get("level").equals("total") && r.get("metric").equals("byNlqfLevel") && r.get("category").equals("5"))
                .findFirst().orElseThrow();
        assertThat(level5.get("value")).isEqualTo("3");
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("metric")).isEqualTo("decisionsByMonth");
            assertThat(r.get("category")).isEqualTo("2026-03 GRANTED");
            assertThat(r.get("value")).isEqualTo("3");
        });
        assertThat(records).extracting(r -> r.get("level")).containsOnly("institution", "sector", "total");
    }

    @Test
    void workbookHasASheetPerTableWithTheFigures() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportExports.xlsx(report(), out);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<String> names = workbook.getSheets().map(Sheet::getName).toList();
            assertThat(names).containsExactly("Report", "Programmes", "NLQF levels", "EC bands", "Languages", "Participation", "Agreements",
                    "Exemption requests", "Days to decision", "Decisions by month");
            List<Row> cover = workbook.getSheets().filter(s -> s.getName().equals("Report")).findFirst().orElseThrow().read();
            assertThat(cover.get(1).getCellText(1)).isEqualTo("2026-01-01");
            List<Row> programmes = workbook.getSheets().filter(s -> s.getName().equals("Programmes")).findFirst().orElseThrow().read();
            assertThat(programmes.get(0).getCellText(4)).isEqualTo("Registered");
            assertThat(programmes.get(1).getCellText(1)).isEqualTo("tu-delft");
            assertThat(programmes.get(1).getCell(7).asNumber()).isEqualByComparingTo("7.5");
            assertThat(programmes.get(programmes.size() - 1).getCellText(0)).isEqualTo("total");
            assertThat(programmes.get(programmes.size() - 1).getCell(4).asNumber()).isEqualByComparingTo("3");
            List<Row> exemptions = workbook.getSheets().filter(s -> s.getName().equals("Exemption requests")).findFirst().orElseThrow().read();
            assertThat(exemptions.get(0).getCellText(12)).isEqualTo("Median days to decision");
            assertThat(exemptions.get(1).getCell(12).asNumber()).isEqualByComparingTo("12.5");
        }
    }

    @Test
    void matrixCsvIsSquareWithHeader() throws Exception {
        var parties = List.of(new RecognitionMatrix.Party("a", "A", "WO"), new RecognitionMatrix.Party("b", "B", "HBO"));
        var matrix = new RecognitionMatrix(LocalDate.of(2026, 1, 1), parties,
                List.of(java.util.Arrays.asList(null, "IN_PRINCIPLE"), java.util.Arrays.asList("COURSE_EXEMPTION", null)));
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(ReportExports.csv(matrix))).getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).toList()).containsExactly("receiving \\ issuing", "a", "b");
        assertThat(rows.get(1).toList()).containsExactly("a", "", "IN_PRINCIPLE");
        assertThat(rows.get(2).toList()).containsExactly("b", "COURSE_EXEMPTION", "");
    }

    @Test
    void fileNamesCarryThePeriod() {
        assertThat(new ReportFilter(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), null, null).periodLabel()).isEqualTo("2026-01-01_2026-06-30");
        assertThat(new ReportFilter(null, null, null, null).periodLabel()).isEqualTo("all-time");
        assertThat(new ReportFilter(null, LocalDate.of(2026, 6, 30), null, null).periodLabel()).isEqualTo("start_2026-06-30");
    }
}
