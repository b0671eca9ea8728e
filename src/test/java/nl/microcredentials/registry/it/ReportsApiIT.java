package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URL;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pilot report, its exports, the recognition matrix and the public statistics over HTTP on PostgreSQL. A known data
 * set is written straight into the database, dated 2023 so that nothing the demo data or the other suites create (all
 * dated this year) falls into its period; every figure of that period is then asserted exactly.
 */
@ExtendWith(ArquillianExtension.class)
class ReportsApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.registry();
    }

    @ArquillianResource
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
}
