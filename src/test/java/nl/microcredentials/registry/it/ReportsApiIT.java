package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pilot report, its exports, the recognition matrix and the public statistics over HTTP on PostgreSQL. A known data
 * set is written straight into the database, dated 2023 so that nothing the demo data or the other suites create (all
 * dated this year) falls into its period; every figure of that period is then asserted exactly.
 */
@SharedRegistry.Suite
class ReportsApiIT {

    @SharedRegistry.Base
    URL base;

    static final String WO = "open-universiteit";
    static final String HBO = "aeres-hogeschool";
    static final String OTHER_WO = "tilburg-university";
    static final String PERIOD = "from=2023-01-01&to=2023-12-31";
    static final String COORDINATOR = TestTokens.coordinator();
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static boolean loaded;

    @BeforeAll
    static void knownDataSet() throws Exception {
        if (loaded) return;
        try (Connection db = DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"),
                System.getProperty("test.db.password"))) {
            db.setAutoCommit(false);
            String wo = id(db, "SELECT id FROM institution WHERE code = ?", WO);
            String hbo = id(db, "SELECT id FROM institution WHERE code = ?", HBO);
            // programmes: P1, P2 (withdrawn) at WO; P3 (draft) and P4 (created 2022, two published versions) at HBO
            programme(db, wo, "PUBLISHED", "2023-02-01", "2023-02-10", null, new Object[][] {{1, "5", "6", 6, "2023-02-10", List.of("en", "nl"), List.of("ONLINE")}});
            programme(db, wo, "WITHDRAWN", "2023-03-01", "2023-03-05", "2023-06-01",
                    new Object[][] {{1, "15", "7", 7, "2023-03-05", List.of("en"), List.of("ONSITE", "BLENDED")}});
            programme(db, hbo, "DRAFT", "2023-04-01", null, null, new Object[][] {{1, "3", "5", 5, null, List.of("nl"), List.of("ONLINE")}});
            String p4 = programme(db, hbo, "PUBLISHED", "2022-12-01", "2023-01-15", null, new Object[][] {
                    {1, "10", "4+", 4, "2023-01-15", List.of("nl"), List.of("ONLINE")},
                    {2, "30", "4+", 4, "2023-05-01", List.of("nl"), List.of("WORK_EXPERIENCE")}});
            // exemption requests at WO (days to decision 10, 30, 40, 80), one at HBO (5 days), one received before the period
            String woBoard = id(db, "SELECT id FROM board WHERE institution_id = ? AND is_default", wo);
            String hboBoard = id(db, "SELECT id FROM board WHERE institution_id = ? AND is_default", hbo);
            request(db, wo, woBoard, p4, "2023-01-10", "DECIDED", "GRANTED", "2023-01-20", null);
            request(db, wo, woBoard, p4, "2023-02-01", "DECIDED", "PARTIALLY_GRANTED", "2023-03-03", null);
            request(db, wo, woBoard, p4, "2023-03-01", "APPEALED", "REJECTED", "2023-04-10", "2023-04-20");
            request(db, wo, woBoard, p4, "2023-04-01", "OVERTURNED", "REJECTED", "2023-06-20", "2023-07-01");
            request(db, wo, woBoard, p4, "2023-05-01", "WITHDRAWN", null, null, null);
            request(db, wo, woBoard, p4, "2023-06-01", "SUBMITTED", null, null, null);              // overdue now
            request(db, wo, woBoard, p4, "2023-07-01", "INFORMATION_REQUESTED", null, null, null);  // clock stopped: not overdue
            request(db, wo, woBoard, p4, "2022-12-15", "DECIDED", "GRANTED", "2023-01-05", null);  // received before the period
            request(db, hbo, hboBoard, p4, "2023-02-01", "DECIDED", "GRANTED", "2023-02-06", null);
            // agreements created in 2023: WO-HBO active (course exemption), WO-OTHER_WO active but expired, WO-HBO draft
            agreement(db, "ACTIVE", null, "COURSE_EXEMPTION", WO, HBO);
            agreement(db, "ACTIVE", "2024-01-01", "ELECTIVE_CREDITS", WO, OTHER_WO);
            agreement(db, "DRAFT", null, "ADMISSION", WO, HBO);
            db.commit();
            randomDataSet(db);
            db.commit();
        }
        loaded = true;
    }

    private static String id(Connection db, String sql, String parameter) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, parameter);
            var rs = s.executeQuery();
            assertThat(rs.next()).as(sql + " " + parameter).isTrue();
            return rs.getString(1);
        }
    }

    private static Timestamp at(String date) {
        return date == null ? null : Timestamp.from(LocalDate.parse(date).atTime(12, 0).atZone(ZoneId.of("Europe/Amsterdam")).toInstant());
    }

    private static Date day(String date) {
        return date == null ? null : Date.valueOf(date);
    }

    /** versions: {number, ects, nlqf, eqf, publishedAt, languages, participation}. */
    @SuppressWarnings("unchecked")
    private static String programme(Connection db, String institution, String status, String created, String firstPublished, String withdrawn,
                                    Object[][] versions) throws Exception {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement s = db.prepareStatement("INSERT INTO programme (id, institution_id, status, latest_version, first_published_at,"
                + " withdrawn_at, withdrawal_reason, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, institution);
            s.setString(3, status);
            s.setInt(4, versions.length);
            s.setTimestamp(5, at(firstPublished));
            s.setTimestamp(6, at(withdrawn));
            s.setString(7, withdrawn == null ? null : "Report test");
            s.setTimestamp(8, at(created));
            s.setTimestamp(9, at(created));
            s.executeUpdate();
        }
        for (Object[] v : versions) {
            String versionId = UUID.randomUUID().toString();
            try (PreparedStatement s = db.prepareStatement("INSERT INTO programme_version (id, programme_id, number, title_en, ects, study_hours,"
                    + " nlqf_level, eqf_level, microcredential_since, published_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, versionId);
                s.setString(2, id);
                s.setInt(3, (Integer) v[0]);
                s.setString(4, "Report test programme " + id.substring(0, 8));
                s.setBigDecimal(5, new java.math.BigDecimal((String) v[1]));
                s.setInt(6, new java.math.BigDecimal((String) v[1]).multiply(java.math.BigDecimal.valueOf(28)).intValue());
                s.setString(7, (String) v[2]);
                s.setInt(8, (Integer) v[3]);
                s.setDate(9, day("2023-01-01"));
                s.setTimestamp(10, at((String) v[4]));
                s.setTimestamp(11, at(created));
                s.setTimestamp(12, at(created));
                s.executeUpdate();
            }
            int position = 0;
            for (String language : (List<String>) v[5]) {
                try (PreparedStatement s = db.prepareStatement("INSERT INTO programme_version_language (version_id, position, language) VALUES (?, ?, ?)")) {
                    s.setString(1, versionId);
                    s.setInt(2, position++);
                    s.setString(3, language);
                    s.executeUpdate();
                }
            }
            position = 0;
            for (String form : (List<String>) v[6]) {
                try (PreparedStatement s = db.prepareStatement("INSERT INTO programme_version_participation (version_id, position, participation) VALUES (?, ?, ?)")) {
                    s.setString(1, versionId);
                    s.setInt(2, position++);
                    s.setString(3, form);
                    s.executeUpdate();
                }
            }
        }
        return id;
    }

    private static int references;

    private static void request(Connection db, String institution, String board, String programme, String received, String status, String outcome,
                                String decided, String appealFiled) throws Exception {
        LocalDate receivedOn = LocalDate.parse(received);
        try (PreparedStatement s = db.prepareStatement("INSERT INTO exemption_request (id, institution_id, board_id, reference, learner_name,"
                + " programme_id, programme_version, issuer_code, awarded_on, target_course_code, target_course_title, target_course_ects,"
                + " status, received_on, term_days, decision_due, outcome, ects_granted, decision_motivation, decided_on, decided_by, appeal_filed_on,"
                + " information_requested_on, version, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 'Report Test Learner', ?, 2, ?, ?, 'RPT-1', 'Report test course', 6, ?, ?, 56, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, institution);
            s.setString(3, board);
            s.setString(4, "RPT-2023-" + String.format("%06d", ++references));
            s.setString(5, programme);
            s.setString(6, HBO);
            s.setDate(7, day("2022-11-01"));
            s.setString(8, status);
            s.setDate(9, Date.valueOf(receivedOn));
            s.setDate(10, Date.valueOf(receivedOn.plusDays(56)));
            s.setString(11, outcome);
            s.setBigDecimal(12, "PARTIALLY_GRANTED".equals(outcome) ? new java.math.BigDecimal("3") : null);
            s.setString(13, outcome == null ? null : "Report test motivation");
            s.setDate(14, day(decided));
            s.setString(15, decided == null ? null : "member@report.invalid");
            s.setDate(16, day(appealFiled));
            s.setDate(17, "INFORMATION_REQUESTED".equals(status) ? Date.valueOf(receivedOn.plusDays(10)) : null);
            s.setTimestamp(18, at(received));
            s.setTimestamp(19, at(received));
            s.executeUpdate();
        }
    }

    private static void agreement(Connection db, String status, String validUntil, String effect, String... parties) throws Exception {
        String id = UUID.randomUUID().toString();
        String versionId = UUID.randomUUID().toString();
        boolean active = status.equals("ACTIVE");
        try (PreparedStatement s = db.prepareStatement("INSERT INTO agreement (id, title, status, current_version, active_version, valid_until,"
                + " ever_approved, created_by, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, 'report-test', 1, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, "Report test agreement " + effect);
            s.setString(3, status);
            s.setObject(4, active ? 1 : null);
            s.setDate(5, day(validUntil));
            s.setBoolean(6, active);
            s.setTimestamp(7, at("2023-03-01"));
            s.setTimestamp(8, at("2023-03-01"));
            s.executeUpdate();
        }
        try (PreparedStatement s = db.prepareStatement("INSERT INTO agreement_version (id, agreement_id, number, kind, effect, terms, valid_from, valid_until,"
                + " terms_hash, canonical_terms, created_by, created_at) VALUES (?, ?, 1, 'BILATERAL', ?, 'Report test terms', ?, ?, ?, '{}', 'report-test', ?)")) {
            s.setString(1, versionId);
            s.setString(2, id);
            s.setString(3, effect);
            s.setDate(4, day("2023-03-01"));
            s.setDate(5, day(validUntil));
            s.setString(6, "0".repeat(64));
            s.setTimestamp(7, at("2023-03-01"));
            s.executeUpdate();
        }
        for (String party : parties) {
            try (PreparedStatement s = db.prepareStatement("INSERT INTO agreement_party (version_id, institution_code) VALUES (?, ?)")) {
                s.setString(1, versionId);
                s.setString(2, party);
                s.executeUpdate();
            }
        }
    }

    private JsonPath report(String query) {
        return as(base, COORDINATOR).get("/api/reports/pilot?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> row(JsonPath report, String code) {
        List<Map<String, Object>> rows = report.getList("institutions");
        return rows.stream().filter(r -> code.equals(r.get("code"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> map, String... path) {
        Map<String, Object> m = map;
        for (String p : path) m = (Map<String, Object>) m.get(p);
        return m;
    }

    @Test
    void everyProgrammeFigureOfTheKnownPeriod() {
        JsonPath r = report(PERIOD);
        int members = anonymous(base).get("/api/institutions?pageSize=1").then().statusCode(200).extract().path("totalItems");
        assertThat(r.getList("institutions")).hasSize(members); // every member has a row, zeros included
        Map<String, Object> wo = at(row(r, WO), "figures", "programmes");
        assertThat(wo).containsEntry("registered", 2).containsEntry("published", 2).containsEntry("withdrawn", 1);
        assertThat(wo.get("totalEcts").toString()).isEqualTo("20");
        assertThat(at(wo, "byNlqfLevel")).containsEntry("6", 1).containsEntry("7", 1).containsEntry("4+", 0).containsEntry("ENTRY", 0);
        assertThat(at(wo, "byEctsBand").keySet()).containsExactly("<3", "3-5", "5-10", "10-15", "15-30");
        assertThat(at(wo, "byEctsBand").values()).containsExactly(0, 0, 1, 0, 1);
        assertThat(at(wo, "byLanguage")).containsExactlyInAnyOrderEntriesOf(Map.of("en", 2, "nl", 1));
        assertThat(at(wo, "byParticipation")).containsExactlyInAnyOrderEntriesOf(Map.of("ONLINE", 1, "ONSITE", 1, "BLENDED", 1, "WORK_EXPERIENCE", 0));

        Map<String, Object> hbo = at(row(r, HBO), "figures", "programmes");
        // P3 registered (a draft), P4 registered in 2022 but first published in 2023, described by its latest published version (30 EC)
        assertThat(hbo).containsEntry("registered", 1).containsEntry("published", 1).containsEntry("withdrawn", 0);
        assertThat(hbo.get("totalEcts").toString()).isEqualTo("30");
        assertThat(at(hbo, "byNlqfLevel")).containsEntry("4+", 1);
        assertThat(at(hbo, "byEctsBand")).containsEntry("15-30", 1).containsEntry("5-10", 0);
        assertThat(at(hbo, "byParticipation")).containsEntry("WORK_EXPERIENCE", 1).containsEntry("ONLINE", 0);

        Map<String, Object> total = r.getMap("totals.programmes");
        assertThat(total).containsEntry("registered", 3).containsEntry("published", 3).containsEntry("withdrawn", 1);
        assertThat(total.get("totalEcts").toString()).isEqualTo("50");
        assertThat(at(total, "byLanguage")).containsExactlyInAnyOrderEntriesOf(Map.of("en", 2, "nl", 2));
        List<Map<String, Object>> sectors = r.getList("sectors");
        assertThat(sectors).extracting(s -> s.get("sector")).containsExactly("WO", "HBO");
        assertThat(at(sectors.get(0), "figures", "programmes")).containsEntry("registered", 2).containsEntry("published", 2);
        assertThat(at(sectors.get(1), "figures", "programmes")).containsEntry("registered", 1).containsEntry("published", 1);
    }

    @Test
    void everyExemptionFigureIncludingMedianAndP90() {
        JsonPath r = report(PERIOD);
        Map<String, Object> wo = at(row(r, WO), "figures", "exemptions");
        assertThat(wo).containsEntry("received", 7).containsEntry("decided", 4).containsEntry("withdrawn", 1).containsEntry("open", 2)
                .containsEntry("overdueNow", 1).containsEntry("appeals", 2);
        assertThat(at(wo, "byOutcome")).containsExactlyInAnyOrderEntriesOf(Map.of("GRANTED", 1, "PARTIALLY_GRANTED", 1, "REJECTED", 2));
        assertThat(at(wo, "appealOutcomes")).containsExactlyInAnyOrderEntriesOf(Map.of("PENDING", 1, "UPHELD", 0, "OVERTURNED", 1));
        // days {10, 30, 40, 80}: median 35, p90 at position 2.7 = 40 + 0.7 * 40
        assertThat(wo.get("grantRate").toString()).isEqualTo("0.5");
        assertThat(wo.get("medianDaysToDecision").toString()).isEqualTo("35.0");
        assertThat(wo.get("p90DaysToDecision").toString()).isEqualTo("68.0");
        assertThat(at(wo, "byDaysToDecision")).containsEntry("8-14", 1).containsEntry("29-42", 2).containsEntry("57-84", 1).containsEntry("0-7", 0);

        Map<String, Object> hbo = at(row(r, HBO), "figures", "exemptions");
        assertThat(hbo).containsEntry("received", 1).containsEntry("decided", 1).containsEntry("overdueNow", 0);
        assertThat(hbo.get("grantRate").toString()).isEqualTo("1.0");
        assertThat(hbo.get("medianDaysToDecision").toString()).isEqualTo("5.0");

        // totals: days {5, 10, 30, 40, 80}: median 30, p90 at position 3.6 = 40 + 0.6 * 40; grant rate 3 / 5
        Map<String, Object> total = r.getMap("totals.exemptions");
        assertThat(total).containsEntry("received", 8).containsEntry("decided", 5).containsEntry("appeals", 2);
        assertThat(total.get("medianDaysToDecision").toString()).isEqualTo("30.0");
        assertThat(total.get("p90DaysToDecision").toString()).isEqualTo("64.0");
        assertThat(total.get("grantRate").toString()).isEqualTo("0.6");
        // overdue now is not limited to the period: the total is the sum over the rows, whatever other suites created
        int overdueSum = r.getList("institutions.figures.exemptions.overdueNow", Integer.class).stream().mapToInt(Integer::intValue).sum();
        assertThat(total.get("overdueNow")).isEqualTo(overdueSum);
        assertThat(overdueSum).isGreaterThanOrEqualTo(1);

        List<Map<String, Object>> months = r.getList("decisionsByMonth");
        assertThat(months).extracting(m -> m.get("month")).containsExactly("2023-01", "2023-02", "2023-03", "2023-04", "2023-06");
        assertThat(at(months.get(0), "byOutcome")).containsEntry("GRANTED", 1);
        assertThat(at(months.get(3), "byOutcome")).containsEntry("REJECTED", 1);
    }

    @Test
    void agreementsCountOncePerSectorAndInTotal() {
        JsonPath r = report(PERIOD);
        Map<String, Object> wo = at(row(r, WO), "figures", "agreements");
        assertThat(wo).containsEntry("total", 3);
        assertThat(at(wo, "byStatus")).containsExactlyInAnyOrderEntriesOf(Map.of("DRAFT", 1, "PROPOSED", 0, "ACTIVE", 1, "EXPIRED", 1, "TERMINATED", 0));
        assertThat(at(row(r, HBO), "figures", "agreements", "byStatus")).containsEntry("ACTIVE", 1).containsEntry("DRAFT", 1).containsEntry("EXPIRED", 0);
        assertThat(at(row(r, OTHER_WO), "figures", "agreements", "byStatus")).containsEntry("EXPIRED", 1);
        // three agreements in all, although they have six party rows; WO sector: the WO-OTHER_WO agreement counts once
        assertThat(r.getMap("totals.agreements")).containsEntry("total", 3);
        List<Map<String, Object>> sectors = r.getList("sectors");
        assertThat(at(sectors.get(0), "figures", "agreements")).containsEntry("total", 3);
        assertThat(at(sectors.get(0), "figures", "agreements", "byStatus")).containsEntry("EXPIRED", 1);
        assertThat(at(sectors.get(1), "figures", "agreements")).containsEntry("total", 2);
    }

    @Test
    void anEmptyPeriodHasZerosAndNoPercentiles() {
        JsonPath r = report("from=2019-01-01&to=2019-12-31");
        assertThat(r.getInt("totals.programmes.registered")).isZero();
        assertThat(r.getInt("totals.exemptions.received")).isZero();
        assertThat(r.getInt("totals.exemptions.decided")).isZero();
        assertThat(r.getMap("totals.exemptions")).containsEntry("medianDaysToDecision", null).containsEntry("p90DaysToDecision", null)
                .containsEntry("grantRate", null);
        assertThat(r.getInt("totals.agreements.total")).isZero();
        assertThat(r.getList("decisionsByMonth")).isEmpty();
        assertThat(r.getString("filter.from")).isEqualTo("2019-01-01");
    }

    @Test
    void aSectorFilterLimitsRowsSectorsAndTotals() {
        JsonPath r = report(PERIOD + "&sector=HBO");
        int hbo = anonymous(base).get("/api/institutions?sector=HBO&pageSize=1").then().statusCode(200).extract().path("totalItems");
        assertThat(hbo).isGreaterThanOrEqualTo(22);
        assertThat(r.getList("institutions.sector", String.class)).containsOnly("HBO").hasSize(hbo);
        assertThat(r.getList("sectors.sector", String.class)).containsExactly("HBO");
        assertThat(r.getInt("totals.exemptions.received")).isEqualTo(1);
        assertThat(r.getInt("totals.programmes.published")).isEqualTo(1);
        assertThat(r.getString("totals.exemptions.medianDaysToDecision")).isEqualTo("5.0");
        assertThat(r.getInt("totals.agreements.total")).isEqualTo(2);
    }

    @Test
    void csvIsParsableWithHeadersAndCarriesThePeriodInItsName() throws Exception {
        var response = as(base, COORDINATOR).accept("text/csv").get("/api/reports/pilot?" + PERIOD).then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", equalTo("attachment; filename=\"pilot-report_2023-01-01_2023-12-31.csv\""))
                .extract().asString();
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(response)).getRecords();
        assertThat(records.get(0).getParser().getHeaderNames()).containsExactly("level", "institution", "name", "sector", "section", "metric", "category", "value");
        assertThat(value(records, "institution", WO, "exemptions", "p90DaysToDecision", "")).isEqualTo("68.0");
        assertThat(value(records, "institution", WO, "programmes", "byNlqfLevel", "7")).isEqualTo("1");
        assertThat(value(records, "total", "", "exemptions", "received", "")).isEqualTo("8");
        assertThat(value(records, "sector", "", "programmes", "registered", "")).isIn("2", "1");
        assertThat(value(records, "total", "", "exemptions", "decisionsByMonth", "2023-06 REJECTED")).isEqualTo("1");

        String viaPath = as(base, COORDINATOR).accept("text/csv").get("/api/reports/pilot.csv?" + PERIOD).then().statusCode(200).extract().asString();
        assertThat(CSVFormat.RFC4180.parse(new StringReader(viaPath)).getRecords()).hasSize(records.size() + 1);
    }

    private static String value(List<CSVRecord> records, String level, String code, String section, String metric, String category) {
        return records.stream().filter(r -> r.get("level").equals(level) && r.get("institution").equals(code) && r.get("section").equals(section)
                && r.get("metric").equals(metric) && r.get("category").equals(category)).findFirst().orElseThrow().get("value");
    }

    @Test
    void workbookOpensWithASheetPerTable() throws Exception {
        byte[] xlsx = as(base, COORDINATOR).accept(XLSX).get("/api/reports/pilot.xlsx?" + PERIOD + "&sector=WO").then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"pilot-report_2023-01-01_2023-12-31.xlsx\""))
                .extract().asByteArray();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getSheets().map(org.dhatim.fastexcel.reader.Sheet::getName).toList()).containsExactly("Report", "Programmes",
                    "NLQF levels", "EC bands", "Languages", "Participation", "Agreements", "Exemption requests", "Days to decision", "Decisions by month");
            List<Row> exemptions = workbook.getSheets().filter(s -> s.getName().equals("Exemption requests")).findFirst().orElseThrow().read();
            Row header = exemptions.get(0);
            Row wo = exemptions.stream().filter(row -> WO.equals(row.getCellText(1))).findFirst().orElseThrow();
            assertThat(header.getCellText(4)).isEqualTo("Received");
            assertThat(wo.getCell(4).asNumber()).isEqualByComparingTo("7");
            assertThat(header.getCellText(13)).isEqualTo("P90 days to decision");
            assertThat(wo.getCell(13).asNumber()).isEqualByComparingTo("68");
            Row total = exemptions.get(exemptions.size() - 1);
            assertThat(total.getCellText(0)).isEqualTo("total");
            assertThat(total.getCell(4).asNumber()).isEqualByComparingTo("7"); // the WO sector only
            List<Row> cover = workbook.getSheets().findFirst().orElseThrow().read();
            assertThat(cover.get(3).getCellText(1)).isEqualTo("WO");
        }
    }

    @Test
    void recognitionMatrixIsSquareWithTheMultilateralBaselineAndTheStrongestEffect() throws Exception {
        JsonPath m = as(base, COORDINATOR).get("/api/reports/recognition-matrix").then().statusCode(200).extract().jsonPath();
        List<String> codes = m.getList("parties.code", String.class);
        List<List<String>> effects = m.getList("effects");
        int activeMembers = anonymous(base).get("/api/institutions?active=true&pageSize=1").then().statusCode(200).extract().path("totalItems");
        assertThat(codes).hasSize(activeMembers).doesNotHaveDuplicates();
        assertThat(effects).hasSize(codes.size()).allSatisfy(row -> assertThat(row).hasSize(codes.size()));
        for (int i = 0; i < codes.size(); i++) assertThat(effects.get(i).get(i)).as("diagonal").isNull();
        // the demo's consortium-wide agreement: every member recognises every other in principle at least, in both directions
        int pilotMembers = 0;
        for (int i = 0; i < codes.size(); i++) {
            for (int j = 0; j < codes.size(); j++) {
                if (i == j) continue;
                if (effects.get(i).get(j) != null && effects.get(j).get(i) != null) pilotMembers++;
            }
        }
        assertThat(pilotMembers).isGreaterThanOrEqualTo(34 * 33);
        int wo = codes.indexOf(WO);
        int hbo = codes.indexOf(HBO);
        int other = codes.indexOf(OTHER_WO);
        // the active bilateral WO-HBO agreement is the strongest in both directions; the expired WO-OTHER_WO one counts for nothing
        assertThat(effects.get(wo).get(hbo)).isEqualTo("COURSE_EXEMPTION");
        assertThat(effects.get(hbo).get(wo)).isEqualTo("COURSE_EXEMPTION");
        assertThat(effects.get(wo).get(other)).isEqualTo(effects.get(other).get(wo)).isNotEqualTo("ELECTIVE_CREDITS");

        String csv = as(base, COORDINATOR).accept("text/csv").get("/api/reports/recognition-matrix").then().statusCode(200).extract().asString();
        var rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
        assertThat(rows).hasSize(codes.size());
        assertThat(rows.get(wo).get(HBO)).isEqualTo("COURSE_EXEMPTION");
        assertThat(rows.get(wo).get(WO)).isEmpty();
    }

    @Test
    void onlyCoordinatorsAndAnInstitutionsOwnAdminReadReports() {
        anonymous(base).get("/api/reports/pilot").then().statusCode(401).contentType(startsWith("application/problem+json"));
        anonymous(base).get("/api/reports/recognition-matrix").then().statusCode(401);
        String boardMember = TestTokens.boardMember(WO, "any-board");
        as(base, boardMember).get("/api/reports/pilot").then().statusCode(403).body("status", equalTo(403));
        as(base, boardMember).accept(XLSX).get("/api/reports/pilot.xlsx").then().statusCode(403);
        as(base, boardMember).get("/api/reports/recognition-matrix").then().statusCode(403);
        String admin = TestTokens.institutionAdmin(WO);
        as(base, admin).get("/api/reports/pilot?" + PERIOD + "&institution=" + HBO).then().statusCode(403);
        JsonPath own = as(base, admin).get("/api/reports/pilot?" + PERIOD).then().statusCode(200).extract().jsonPath();
        assertThat(own.getList("institutions.code", String.class)).containsExactly(WO);
        assertThat(own.getString("filter.institution")).isEqualTo(WO);
        assertThat(own.getInt("totals.exemptions.received")).isEqualTo(7);
        assertThat(own.getInt("totals.agreements.total")).isEqualTo(3);
        as(base, TestTokens.token("no-scope@x.invalid", List.of("institution-admin"), null, null, TestTokens.ISSUER, 600, TestTokens.key()))
                .get("/api/reports/pilot").then().statusCode(403);
    }

    @Test
    void badFiltersAreProblemsNamingTheField() {
        as(base, COORDINATOR).get("/api/reports/pilot?from=yesterday").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("from"));
        as(base, COORDINATOR).get("/api/reports/pilot?from=2024-01-01&to=2023-01-01").then().statusCode(400).body("errors.field", hasItem("to"));
        as(base, COORDINATOR).get("/api/reports/pilot?sector=MBO").then().statusCode(400).body("errors.field", hasItem("sector"));
        as(base, COORDINATOR).accept("text/csv").get("/api/reports/pilot.csv?institution=nowhere").then().statusCode(400).body("errors.field", hasItem("institution"));
        as(base, COORDINATOR).accept("application/pdf").get("/api/reports/pilot").then().statusCode(406);
    }

    @Test
    void statisticsArePublicCountsAndCacheable() {
        var response = anonymous(base).get("/api/statistics").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age=60")).extract();
        JsonPath s = response.jsonPath();
        assertThat(s.getInt("institutions")).isGreaterThanOrEqualTo(34);
        assertThat(s.getInt("institutionsBySector.WO") + s.getInt("institutionsBySector.HBO")).isEqualTo(s.getInt("institutions"));
        assertThat(s.getInt("exemptionRequests")).isGreaterThanOrEqualTo(9);
        assertThat(s.getInt("decidedExemptionRequests")).isGreaterThanOrEqualTo(6).isLessThanOrEqualTo(s.getInt("exemptionRequests"));
        assertThat(s.getInt("publishedProgrammes")).isPositive();
        assertThat(s.getInt("activeAgreements")).isPositive();
        assertThat(response.asString()).doesNotContain("Report Test Learner").doesNotContain("learner");
        String etag = response.header("ETag");
        assertThat(etag).isNotBlank();
        anonymous(base).header("If-None-Match", etag).get("/api/statistics").then().statusCode(304);
    }

    // ---- exactness: the report against direct aggregate SQL on the same data -----------------------------------------

    /*
     * A larger, seeded random data set dated 2024 and 2025 (after the known period 2023, so that the exact figures above
     * stay as they are), with records on the boundaries of the periods compared below: local midnight in
     * Europe/Amsterdam for programmes and agreements, first and last days for requests. Removed again after the class.
     */
    private static final String RANDOM_REFERENCE = "RPX-";
    private static final List<String> RANDOM_PROGRAMMES = new ArrayList<>();
    private static final List<String> RANDOM_AGREEMENTS = new ArrayList<>();
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final List<String> SECTORS = List.of("WO", "HBO");

    private static void randomDataSet(Connection db) throws Exception {
        Random random = new Random(20261204L);
        // four institutions (with a default board) per sector, OTHER_WO among them; neither WO nor HBO (whose overdue requests the
        // tests above count) nor those of the demo accounts
        List<String[]> places = new ArrayList<>(); // {id, code, board id}
        Map<String, Integer> perSector = new TreeMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT i.id, i.code, b.id, i.sector FROM institution i JOIN board b ON b.institution_id = i.id"
                + " AND b.is_default WHERE i.code NOT IN ('tu-delft', 'universiteit-leiden', 'hogeschool-utrecht', ?, ?)"
                + " ORDER BY CASE WHEN i.code = ? THEN 0 ELSE 1 END, i.code")) {
            s.setString(1, WO);
            s.setString(2, HBO);
            s.setString(3, OTHER_WO);
            var rs = s.executeQuery();
            while (rs.next()) {
                if (perSector.merge(rs.getString(4), 1, Integer::sum) <= 4) places.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        assertThat(places).hasSize(8);

        Instant start = LocalDate.of(2024, 1, 1).atStartOfDay(AMSTERDAM).toInstant();
        long span = LocalDate.of(2026, 1, 1).atStartOfDay(AMSTERDAM).toInstant().getEpochSecond() - start.getEpochSecond();
        List<Instant> edges = new ArrayList<>();
        for (String d : List.of("2024-01-01", "2024-07-01", "2025-01-01", "2025-07-01")) {
            Instant midnight = LocalDate.parse(d).atStartOfDay(AMSTERDAM).toInstant();
            edges.add(midnight);
            edges.add(midnight.plusSeconds(1));
            if (midnight.isAfter(start)) edges.add(midnight.minusSeconds(1));
        }

        // programmes: drafts, published ones with later unpublished (and again published) versions, withdrawn ones
        List<String> ects = List.of("2.5", "3", "4.5", "5", "7.5", "9.5", "10", "12", "14.5", "15", "20", "30");
        List<String> nlqf = List.of("4", "4+", "5", "6", "7", "8");
        List<String> languages = List.of("nl", "en", "de");
        List<String> participation = List.of("ONLINE", "ONSITE", "BLENDED", "WORK_EXPERIENCE");
        for (int n = 0; n < 90; n++) {
            String[] place = places.get(random.nextInt(places.size()));
            Instant created = n < edges.size() ? edges.get(n) : start.plusSeconds((long) (random.nextDouble() * span));
            double fate = random.nextDouble();
            String status = fate < 0.12 ? "DRAFT" : fate < 0.85 ? "PUBLISHED" : "WITHDRAWN";
            Instant firstPublished = status.equals("DRAFT") ? null
                    : n < 2 * edges.size() && n >= edges.size() ? edges.get(n - edges.size()) // published right on an edge
                    : created.plusSeconds(random.nextInt(60 * 86_400));
            if (firstPublished != null && firstPublished.isBefore(created)) firstPublished = created;
            Instant withdrawn = status.equals("WITHDRAWN") ? firstPublished.plusSeconds(1 + random.nextInt(200 * 86_400)) : null;
            int versions = 1 + random.nextInt(3);
            String id = UUID.randomUUID().toString();
            try (PreparedStatement s = db.prepareStatement("INSERT INTO programme (id, institution_id, status, latest_version, first_published_at,"
                    + " withdrawn_at, withdrawal_reason, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, place[0]);
                s.setString(3, status);
                s.setInt(4, versions);
                s.setTimestamp(5, firstPublished == null ? null : Timestamp.from(firstPublished));
                s.setTimestamp(6, withdrawn == null ? null : Timestamp.from(withdrawn));
                s.setString(7, withdrawn == null ? null : "Report exactness test");
                s.setTimestamp(8, Timestamp.from(created));
                s.setTimestamp(9, Timestamp.from(created));
                s.executeUpdate();
            }
            RANDOM_PROGRAMMES.add(id);
            Instant published = firstPublished;
            for (int v = 1; v <= versions; v++) {
                if (v > 1 && published != null) published = random.nextDouble() < 0.55 ? published.plusSeconds(1 + random.nextInt(90 * 86_400)) : null;
                if (v > 1 && published == null && firstPublished != null && random.nextDouble() < 0.3) {
                    published = firstPublished.plusSeconds(100 * 86_400L + v); // a gap: v-1 unpublished, v published again
                }
                String versionId = UUID.randomUUID().toString();
                String level = nlqf.get(random.nextInt(nlqf.size()));
                BigDecimal ec = new BigDecimal(ects.get(random.nextInt(ects.size())));
                try (PreparedStatement s = db.prepareStatement("INSERT INTO programme_version (id, programme_id, number, title_en, ects, study_hours,"
                        + " nlqf_level, eqf_level, microcredential_since, published_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, versionId);
                    s.setString(2, id);
                    s.setInt(3, v);
                    s.setString(4, "Report exactness programme " + n);
                    s.setBigDecimal(5, ec);
                    s.setInt(6, ec.multiply(BigDecimal.valueOf(28)).intValue());
                    s.setString(7, level);
                    s.setInt(8, Integer.parseInt(level.substring(0, 1)));
                    s.setDate(9, day("2024-01-01"));
                    s.setTimestamp(10, published == null ? null : Timestamp.from(published));
                    s.setTimestamp(11, Timestamp.from(created));
                    s.setTimestamp(12, Timestamp.from(created));
                    s.executeUpdate();
                }
                int position = 0;
                for (String language : languages) {
                    if (random.nextDouble() < 0.5 || (position == 0 && language.equals("de"))) {
                        try (PreparedStatement s = db.prepareStatement("INSERT INTO programme_version_language (version_id, position, language) VALUES (?, ?, ?)")) {
                            s.setString(1, versionId);
                            s.setInt(2, position++);
                            s.setString(3, language);
                            s.executeUpdate();
                        }
                    }
                }
                position = 0;
                for (String form : participation) {
                    if (random.nextDouble() < 0.4 || (position == 0 && form.equals("WORK_EXPERIENCE"))) {
                        try (PreparedStatement s = db.prepareStatement("INSERT INTO programme_version_participation (version_id, position, participation) VALUES (?, ?, ?)")) {
                            s.setString(1, versionId);
                            s.setInt(2, position++);
                            s.setString(3, form);
                            s.executeUpdate();
                        }
                    }
                }
            }
        }

        // exemption requests in every state, received on random days and on the periods' first and last days
        List<String> edgeDays = List.of("2024-01-01", "2024-05-01", "2024-06-30", "2024-07-01", "2024-12-31", "2025-01-01", "2025-06-30", "2025-07-01",
                "2025-12-31");
        String[] statuses = {"SUBMITTED", "IN_REVIEW", "INFORMATION_REQUESTED", "WITHDRAWN", "DECIDED", "DECIDED", "DECIDED", "DECIDED", "DECIDED",
                "APPEALED", "UPHELD", "OVERTURNED"};
        String[] outcomes = {"GRANTED", "PARTIALLY_GRANTED", "REJECTED"};
        try (PreparedStatement s = db.prepareStatement("INSERT INTO exemption_request (id, institution_id, board_id, reference, learner_name,"
                + " programme_id, programme_version, issuer_code, awarded_on, target_course_code, target_course_title, target_course_ects,"
                + " status, received_on, term_days, decision_due, outcome, ects_granted, decision_motivation, decided_on, decided_by, appeal_filed_on,"
                + " information_requested_on, term_start, version, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 'Report Exactness Learner', ?, 1, ?, ?, 'RPX-1', 'Report exactness course', 6, ?, ?, 56, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
            for (int n = 0; n < 2400; n++) {
                String[] place = places.get(random.nextInt(places.size()));
                LocalDate received = random.nextDouble() < 0.15 ? LocalDate.parse(edgeDays.get(random.nextInt(edgeDays.size())))
                        : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(731));
                String status = statuses[random.nextInt(statuses.length)];
                boolean decided = List.of("DECIDED", "APPEALED", "UPHELD", "OVERTURNED").contains(status);
                String outcome = !decided ? null : status.equals("DECIDED") ? outcomes[random.nextInt(3)] : outcomes[1 + random.nextInt(2)];
                LocalDate decidedOn = !decided ? null
                        : random.nextDouble() < 0.1 ? received.withDayOfMonth(received.lengthOfMonth()) // on a month's last day
                        : received.plusDays(random.nextInt(131));
                LocalDate appealed = status.equals("APPEALED") || status.equals("UPHELD") || status.equals("OVERTURNED")
                        ? decidedOn.plusDays(1 + random.nextInt(40)) : null;
                s.setString(1, UUID.randomUUID().toString());
                s.setString(2, place[0]);
                s.setString(3, place[2]);
                s.setString(4, RANDOM_REFERENCE + String.format("%06d", n));
                s.setString(5, RANDOM_PROGRAMMES.get(random.nextInt(RANDOM_PROGRAMMES.size())));
                s.setString(6, HBO);
                s.setDate(7, day("2023-12-01"));
                s.setString(8, status);
                s.setDate(9, Date.valueOf(received));
                // running requests: most past their due date (overdue now), some not yet
                s.setDate(10, Date.valueOf(random.nextDouble() < 0.3 ? LocalDate.of(2030, 1, 1) : received.plusDays(56)));
                s.setString(11, outcome);
                s.setBigDecimal(12, outcome == null ? null : outcome.equals("GRANTED") ? new BigDecimal("6") : outcome.equals("REJECTED") ? BigDecimal.ZERO
                        : new BigDecimal("3"));
                s.setString(13, outcome == null ? null : "Report exactness motivation");
                s.setDate(14, decidedOn == null ? null : Date.valueOf(decidedOn));
                s.setString(15, decidedOn == null ? null : "member@report.invalid");
                s.setDate(16, appealed == null ? null : Date.valueOf(appealed));
                s.setDate(17, status.equals("INFORMATION_REQUESTED") ? Date.valueOf(received.plusDays(10)) : null);
                s.setDate(18, Date.valueOf(received));
                s.setTimestamp(19, Timestamp.from(received.atTime(10, 0).atZone(AMSTERDAM).toInstant()));
                s.setTimestamp(20, Timestamp.from(received.atTime(10, 0).atZone(AMSTERDAM).toInstant()));
                s.addBatch();
            }
            s.executeBatch();
        }

        // agreements: every status, expired ones, a second version whose parties differ from the first's; never in force for the
        // recognition matrix (no active version), so that the matrix test above keeps its figures
        String[] agreementStatuses = {"DRAFT", "PROPOSED", "ACTIVE", "TERMINATED"};
        for (int n = 0; n < 18; n++) {
            String id = UUID.randomUUID().toString();
            Instant created = n < edges.size() ? edges.get(n) : start.plusSeconds((long) (random.nextDouble() * span));
            String status = agreementStatuses[random.nextInt(agreementStatuses.length)];
            String validUntil = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> "2025-03-01";
                default -> "2030-06-30";
            };
            int versions = 1 + random.nextInt(2);
            try (PreparedStatement s = db.prepareStatement("INSERT INTO agreement (id, title, status, current_version, active_version, valid_until,"
                    + " ever_approved, created_by, terminated_on, version, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, FALSE, 'report-test', ?, 1, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, "Report exactness agreement " + n);
                s.setString(3, status);
                s.setInt(4, versions);
                s.setDate(5, day(validUntil));
                s.setDate(6, status.equals("TERMINATED") ? day("2025-02-01") : null);
                s.setTimestamp(7, Timestamp.from(created));
                s.setTimestamp(8, Timestamp.from(created));
                s.executeUpdate();
            }
            RANDOM_AGREEMENTS.add(id);
            for (int v = 1; v <= versions; v++) {
                String versionId = UUID.randomUUID().toString();
                try (PreparedStatement s = db.prepareStatement("INSERT INTO agreement_version (id, agreement_id, number, kind, effect, terms, valid_from,"
                        + " valid_until, terms_hash, canonical_terms, created_by, created_at) VALUES (?, ?, ?, 'BILATERAL', 'IN_PRINCIPLE', 'Report exactness terms',"
                        + " ?, ?, ?, '{}', 'report-test', ?)")) {
                    s.setString(1, versionId);
                    s.setString(2, id);
                    s.setInt(3, v);
                    s.setDate(4, day("2024-01-01"));
                    s.setDate(5, day(validUntil));
                    s.setString(6, "0".repeat(64));
                    s.setTimestamp(7, Timestamp.from(created));
                    s.executeUpdate();
                }
                List<String[]> parties = new ArrayList<>(places);
                java.util.Collections.shuffle(parties, random);
                for (String[] party : parties.subList(0, 2 + random.nextInt(3))) {
                    try (PreparedStatement s = db.prepareStatement("INSERT INTO agreement_party (version_id, institution_code) VALUES (?, ?)")) {
                        s.setString(1, versionId);
                        s.setString(2, party[1]);
                        s.executeUpdate();
                    }
                }
            }
        }
    }

    @AfterAll
    static void removeRandomDataSet() throws Exception {
        try (Connection db = connection()) {
            db.setAutoCommit(false);
            try (PreparedStatement s = db.prepareStatement("DELETE FROM exemption_request WHERE reference LIKE ?")) {
                s.setString(1, RANDOM_REFERENCE + "%");
                s.executeUpdate();
            }
            for (String id : RANDOM_PROGRAMMES) {
                for (String sql : List.of("DELETE FROM programme_version WHERE programme_id = ?", "DELETE FROM programme WHERE id = ?")) {
                    try (PreparedStatement s = db.prepareStatement(sql)) {
                        s.setString(1, id);
                        s.executeUpdate();
                    }
                }
            }
            for (String id : RANDOM_AGREEMENTS) {
                try (PreparedStatement s = db.prepareStatement("DELETE FROM agreement WHERE id = ?")) {
                    s.setString(1, id);
                    s.executeUpdate();
                }
            }
            db.commit();
        }
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"), System.getProperty("test.db.password"));
    }

    /**
     * Every figure of the report (each institution row, each sector row, the totals, the months, the filter; not only the
     * totals) equals what plain aggregate SQL over the tables says, for periods with and without ends, a single day, a
     * sector, an institution, a filter without members, and an institution admin's own report.
     */
    @Test
    void everyFigureEqualsDirectAggregateSql() throws Exception {
        String[][] coordinatorReports = {
                // from, to, sector, institution
                {"2024-01-01", "2024-12-31", null, null},
                {"2024-07-01", "2025-06-30", null, null},
                {"2025-01-01", null, null, null},
                {null, "2024-06-30", null, null},
                {null, null, null, null},
                {"2024-05-01", "2024-05-01", null, null},
                {"2023-01-01", "2023-12-31", null, null},
                {"2024-01-01", "2025-12-31", "HBO", null},
                {"2024-01-01", "2025-12-31", null, OTHER_WO},
                {"2024-01-01", "2025-12-31", "HBO", OTHER_WO},
        };
        // the data sets were written into the tables by hand: no cached answer may predate them
        as(base, COORDINATOR).delete("/api/caches").then().statusCode(204);
        try (Connection db = connection()) {
            Map<String, Object> wide = expectedReport(db, LocalDate.parse("2024-01-01"), LocalDate.parse("2025-12-31"), null, null);
            // the data exercise every path: thousands of requests, every outcome, appeals, expired agreements, languages
            assertThat((Long) at(wide, "totals", "exemptions").get("received")).isGreaterThan(2000L);
            assertThat(at(wide, "totals", "exemptions", "appealOutcomes").values()).allSatisfy(n -> assertThat((Long) n).isPositive());
            assertThat((Long) at(wide, "totals", "agreements", "byStatus").get("EXPIRED")).isPositive();
            assertThat((Long) at(wide, "totals", "exemptions").get("overdueNow")).isPositive();
            assertThat(at(wide, "totals", "programmes", "byLanguage")).containsKey("de");

            for (String[] f : coordinatorReports) {
                List<String> parameters = new ArrayList<>();
                if (f[0] != null) parameters.add("from=" + f[0]);
                if (f[1] != null) parameters.add("to=" + f[1]);
                if (f[2] != null) parameters.add("sector=" + f[2]);
                if (f[3] != null) parameters.add("institution=" + f[3]);
                String query = String.join("&", parameters);
                String body = as(base, COORDINATOR).get("/api/reports/pilot" + (query.isEmpty() ? "" : "?" + query)).then().statusCode(200)
                        .extract().asString();
                assertSameReport(body, expectedReport(db, f[0] == null ? null : LocalDate.parse(f[0]), f[1] == null ? null : LocalDate.parse(f[1]),
                        f[2], f[3]), query);
            }
            String admin = TestTokens.institutionAdmin(OTHER_WO);
            for (String[] p : new String[][] {{"2024-01-01", "2025-12-31"}, {"2024-07-01", "2024-07-31"}}) {
                String body = as(base, admin).get("/api/reports/pilot?from=" + p[0] + "&to=" + p[1]).then().statusCode(200).extract().asString();
                assertSameReport(body, expectedReport(db, LocalDate.parse(p[0]), LocalDate.parse(p[1]), null, OTHER_WO),
                        "institution admin " + p[0] + ".." + p[1]);
            }
        }
    }

    private static void assertSameReport(String body, Map<String, Object> expected, String what) {
        Map<String, Object> actual = new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL)).getMap("$");
        actual.remove("generatedAt");
        Map<String, String> actualFigures = new TreeMap<>();
        Map<String, String> expectedFigures = new TreeMap<>();
        flatten("", actual, actualFigures);
        flatten("", expected, expectedFigures);
        Map<String, String> differences = new TreeMap<>();
        java.util.Set<String> paths = new java.util.TreeSet<>(actualFigures.keySet());
        paths.addAll(expectedFigures.keySet());
        for (String path : paths) {
            String reported = actualFigures.get(path);
            String computed = expectedFigures.get(path);
            if (!java.util.Objects.equals(reported, computed)) differences.put(path, "report " + reported + ", SQL " + computed);
        }
        assertThat(expectedFigures).as(what).hasSizeGreaterThan(50);
        assertThat(differences).as(what + ": figures that differ").isEmpty();
        // and the rows in their order
        assertThat(names(actual.get("institutions"), "code")).as(what).containsExactlyElementsOf(names(expected.get("institutions"), "code"));
        assertThat(names(actual.get("sectors"), "sector")).as(what).containsExactlyElementsOf(names(expected.get("sectors"), "sector"));
        assertThat(names(actual.get("decisionsByMonth"), "month")).as(what).containsExactlyElementsOf(names(expected.get("decisionsByMonth"), "month"));
    }

    private static List<String> names(Object rows, String key) {
        return ((List<?>) rows).stream().map(r -> String.valueOf(((Map<?, ?>) r).get(key))).toList();
    }

    /** Path -> value, numbers compared by value (30 = 30.0), list items named by their code, sector or month. */
    private static void flatten(String path, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(path + "." + k, v, into));
        } else if (value instanceof List<?> list) {
            into.put(path + ".size", String.valueOf(list.size()));
            for (Object item : list) {
                Map<?, ?> m = (Map<?, ?>) item;
                Object key = m.containsKey("code") ? m.get("code") : m.containsKey("month") ? m.get("month") : m.get("sector");
                flatten(path + "[" + key + "]", item, into);
            }
        } else if (value instanceof Number n) {
            into.put(path, new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
        } else {
            into.put(path, String.valueOf(value));
        }
    }

    /** The report as JSON would hold it, every figure computed by its own plain SQL query, straight from the definitions. */
    private static Map<String, Object> expectedReport(Connection db, LocalDate from, LocalDate to, String sector, String institution) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("from", from == null ? null : from.toString());
        filter.put("to", to == null ? null : to.toString());
        filter.put("sector", sector);
        filter.put("institution", institution);
        report.put("filter", filter);
        Scope scope = new Scope("1 = 1", List.of());
        if (sector != null) scope = scope.and("i.sector = ?", sector);
        if (institution != null) scope = scope.and("i.code = ?", institution);

        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> memberSectors = new ArrayList<>();
        for (Object[] m : rows(db, "SELECT i.id, i.code, i.name, i.sector FROM institution i WHERE " + scope.condition() + " ORDER BY i.name, i.code",
                scope.parameters())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", m[1]);
            row.put("name", m[2]);
            row.put("sector", m[3]);
            row.put("figures", figures(db, new Scope("i.id = ?", List.of(m[0])), from, to));
            rows.add(row);
            memberSectors.add((String) m[3]);
        }
        report.put("institutions", rows);
        List<Map<String, Object>> sectors = new ArrayList<>();
        for (String s : SECTORS) {
            if (sector != null && !sector.equals(s)) continue;
            if (institution != null && !memberSectors.contains(s)) continue;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sector", s);
            row.put("figures", figures(db, scope.and("i.sector = ?", s), from, to));
            sectors.add(row);
        }
        report.put("sectors", sectors);
        report.put("totals", figures(db, scope, from, to));

        Scope received = received(scope, from, to);
        Map<String, Map<String, Object>> months = new TreeMap<>();
        for (Object[] r : rows(db, "SELECT TO_CHAR(r.decided_on, 'YYYY-MM'), r.outcome, COUNT(*) FROM exemption_request r JOIN institution i ON i.id = r.institution_id"
                + " WHERE " + received.condition() + " AND r.decided_on IS NOT NULL AND r.outcome IS NOT NULL GROUP BY 1, 2", received.parameters())) {
            months.computeIfAbsent((String) r[0], k -> zeros("GRANTED", "PARTIALLY_GRANTED", "REJECTED")).put((String) r[1], r[2]);
        }
        List<Map<String, Object>> decisions = new ArrayList<>();
        months.forEach((month, counts) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("month", month);
            m.put("byOutcome", counts);
            decisions.add(m);
        });
        report.put("decisionsByMonth", decisions);
        return report;
    }

    /** SQL conditions (on institution {@code i} and its rows) with their parameters, in order. */
    private record Scope(String condition, List<Object> parameters) {
        Scope and(String more, Object... values) {
            List<Object> all = new ArrayList<>(parameters);
            all.addAll(List.of(values));
            return new Scope(condition + " AND " + more, all);
        }
    }

    /** Requests {@code r} received in the period (days inclusive). */
    private static Scope received(Scope scope, LocalDate from, LocalDate to) {
        Scope s = scope;
        if (from != null) s = s.and("r.received_on >= ?", Date.valueOf(from));
        if (to != null) s = s.and("r.received_on <= ?", Date.valueOf(to));
        return s;
    }

    /** A timestamp column within the period: from local midnight of the first day up to local midnight after the last. */
    private static Scope within(Scope scope, String column, LocalDate from, LocalDate to) {
        Scope s = scope.and(column + " IS NOT NULL");
        if (from != null) s = s.and(column + " >= (CAST(? AS date) + TIME '00:00') AT TIME ZONE 'Europe/Amsterdam'", Date.valueOf(from));
        if (to != null) s = s.and(column + " < (CAST(? AS date) + 1 + TIME '00:00') AT TIME ZONE 'Europe/Amsterdam'", Date.valueOf(to));
        return s;
    }

    private static Map<String, Object> figures(Connection db, Scope scope, LocalDate from, LocalDate to) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();

        Map<String, Object> programmes = new LinkedHashMap<>();
        String programme = "FROM programme p JOIN institution i ON i.id = p.institution_id WHERE ";
        programmes.put("registered", count(db, programme, within(scope, "p.created_at", from, to)));
        Scope published = within(scope, "p.first_published_at", from, to);
        programmes.put("published", count(db, programme, published));
        programmes.put("withdrawn", count(db, programme, within(scope, "p.withdrawn_at", from, to)));
        // the newest version of each programme that has been published, found by sorting (the report uses its own SQL)
        String latest = "FROM programme p JOIN institution i ON i.id = p.institution_id JOIN LATERAL (SELECT w.id, w.ects, w.nlqf_level FROM programme_version w"
                + " WHERE w.programme_id = p.id AND w.published_at IS NOT NULL ORDER BY w.number DESC LIMIT 1) v ON TRUE";
        Object ects = rows(db, "SELECT SUM(v.ects) " + latest + " WHERE " + published.condition(), published.parameters()).get(0)[0];
        programmes.put("totalEcts", ects == null ? BigDecimal.ZERO : ects);
        programmes.put("byNlqfLevel", grouped(db, zeros("ENTRY", "1", "2", "3", "4", "4+", "5", "6", "7", "8"),
                "SELECT v.nlqf_level, COUNT(*) " + latest + " WHERE " + published.condition() + " GROUP BY 1", published));
        programmes.put("byEctsBand", grouped(db, zeros("<3", "3-5", "5-10", "10-15", "15-30"),
                "SELECT CASE WHEN v.ects >= 15 THEN '15-30' WHEN v.ects >= 10 THEN '10-15' WHEN v.ects >= 5 THEN '5-10' WHEN v.ects >= 3 THEN '3-5' ELSE '<3' END,"
                        + " COUNT(*) " + latest + " WHERE " + published.condition() + " GROUP BY 1", published));
        programmes.put("byLanguage", grouped(db, new TreeMap<>(), "SELECT l.language, COUNT(*) " + latest
                + " JOIN programme_version_language l ON l.version_id = v.id WHERE " + published.condition() + " GROUP BY 1", published));
        programmes.put("byParticipation", grouped(db, zeros("ONLINE", "ONSITE", "BLENDED", "WORK_EXPERIENCE"), "SELECT x.participation, COUNT(*) " + latest
                + " JOIN programme_version_participation x ON x.version_id = v.id WHERE " + published.condition() + " GROUP BY 1", published));
        figures.put("programmes", programmes);

        // agreements created before the period's end with a party (of their current version) in scope, by status today
        Scope agreements = new Scope("EXISTS (SELECT 1 FROM agreement_version av JOIN agreement_party ap ON ap.version_id = av.id JOIN institution i"
                + " ON i.code = ap.institution_code WHERE av.agreement_id = a.id AND av.number = a.current_version AND " + scope.condition() + ")", scope.parameters());
        if (to != null) agreements = agreements.and("a.created_at < (CAST(? AS date) + 1 + TIME '00:00') AT TIME ZONE 'Europe/Amsterdam'", Date.valueOf(to));
        Map<String, Object> byStatus = grouped(db, zeros("DRAFT", "PROPOSED", "ACTIVE", "EXPIRED", "TERMINATED"),
                "SELECT CASE WHEN a.status IN ('ACTIVE', 'PROPOSED') AND a.valid_until < CAST(now() AT TIME ZONE 'Europe/Amsterdam' AS date) THEN 'EXPIRED'"
                        + " ELSE a.status END, COUNT(*) FROM agreement a WHERE " + agreements.condition() + " GROUP BY 1", agreements);
        Map<String, Object> agreementFigures = new LinkedHashMap<>();
        agreementFigures.put("total", count(db, "FROM agreement a WHERE ", agreements));
        agreementFigures.put("byStatus", byStatus);
        figures.put("agreements", agreementFigures);

        Map<String, Object> exemptions = new LinkedHashMap<>();
        String request = "FROM exemption_request r JOIN institution i ON i.id = r.institution_id WHERE ";
        Scope received = received(scope, from, to);
        long decided = count(db, request, received.and("r.outcome IS NOT NULL"));
        exemptions.put("received", count(db, request, received));
        exemptions.put("decided", decided);
        exemptions.put("withdrawn", count(db, request, received.and("r.status = 'WITHDRAWN'")));
        exemptions.put("open", count(db, request, received.and("r.status IN ('SUBMITTED', 'IN_REVIEW', 'INFORMATION_REQUESTED')")));
        Map<String, Object> byOutcome = zeros("GRANTED", "PARTIALLY_GRANTED", "REJECTED");
        for (String outcome : List.copyOf(byOutcome.keySet())) byOutcome.put(outcome, count(db, request, received.and("r.outcome = ?", outcome)));
        exemptions.put("byOutcome", byOutcome);
        exemptions.put("grantRate", rows(db, "SELECT ROUND(CAST(SUM(CASE WHEN r.outcome IN ('GRANTED', 'PARTIALLY_GRANTED') THEN 1 ELSE 0 END) AS numeric)"
                + " / NULLIF(COUNT(r.outcome), 0), 3) " + request + received.condition(), received.parameters()).get(0)[0]);
        Scope withDays = received.and("r.outcome IS NOT NULL AND r.decided_on IS NOT NULL");
        Object[] percentiles = rows(db, "SELECT ROUND(CAST(PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.decided_on - r.received_on) AS numeric), 1),"
                + " ROUND(CAST(PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY r.decided_on - r.received_on) AS numeric), 1) " + request + withDays.condition(),
                withDays.parameters()).get(0);
        exemptions.put("medianDaysToDecision", percentiles[0]);
        exemptions.put("p90DaysToDecision", percentiles[1]);
        exemptions.put("byDaysToDecision", grouped(db, zeros("0-7", "8-14", "15-28", "29-42", "43-56", "57-84", "85+"),
                "SELECT CASE WHEN d <= 7 THEN '0-7' WHEN d <= 14 THEN '8-14' WHEN d <= 28 THEN '15-28' WHEN d <= 42 THEN '29-42' WHEN d <= 56 THEN '43-56'"
                        + " WHEN d <= 84 THEN '57-84' ELSE '85+' END, COUNT(*) FROM (SELECT r.decided_on - r.received_on AS d " + request + withDays.condition()
                        // a decision dated before its receipt (only by hand: IntegrityIT moves decisions back in the shared
                        // database) counts in the percentiles but in no band, as the report defines its bands from day 0
                        + ") x WHERE d >= 0 GROUP BY 1", withDays));
        exemptions.put("overdueNow", count(db, request, scope.and("r.status IN ('SUBMITTED', 'IN_REVIEW')"
                + " AND r.decision_due < CAST(now() AT TIME ZONE 'Europe/Amsterdam' AS date)")));
        exemptions.put("appeals", count(db, request, received.and("r.appeal_filed_on IS NOT NULL")));
        Map<String, Object> appealOutcomes = new LinkedHashMap<>();
        appealOutcomes.put("PENDING", count(db, request, received.and("r.status = 'APPEALED'")));
        appealOutcomes.put("UPHELD", count(db, request, received.and("r.status = 'UPHELD'")));
        appealOutcomes.put("OVERTURNED", count(db, request, received.and("r.status = 'OVERTURNED'")));
        exemptions.put("appealOutcomes", appealOutcomes);
        figures.put("exemptions", exemptions);
        return figures;
    }

    private static Map<String, Object> zeros(String... keys) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String k : keys) map.put(k, 0L);
        return map;
    }

    private static long count(Connection db, String from, Scope scope) throws Exception {
        return ((Number) rows(db, "SELECT COUNT(*) " + from + scope.condition(), scope.parameters()).get(0)[0]).longValue();
    }

    /** Adds the (key, count) rows of a grouping query to the map (which may hold zeros for every key already). */
    private static Map<String, Object> grouped(Connection db, Map<String, Object> into, String sql, Scope scope) throws Exception {
        for (Object[] r : rows(db, sql, scope.parameters())) into.merge((String) r[0], ((Number) r[1]).longValue(), (a, b) -> (Long) a + (Long) b);
        return into;
    }

    private static List<Object[]> rows(Connection db, String sql, List<Object> parameters) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) s.setObject(i + 1, parameters.get(i));
            var rs = s.executeQuery();
            List<Object[]> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int c = 0; c < columns; c++) row[c] = rs.getObject(c + 1);
                rows.add(row);
            }
            return rows;
        }
    }
}
