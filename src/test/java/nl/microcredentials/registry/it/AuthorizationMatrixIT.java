package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the live {@code /openapi} document x every kind of caller. The operations come from the document,
 * so a new endpoint is exercised without editing this test: by default an operation with a security requirement must not
 * answer 2xx to an anonymous caller or to a token whose role lacks its scope claims, and no operation may answer 5xx to
 * anyone. The table below names, for the operations it knows, the callers that must never get a 2xx. The resources
 * (a draft programme, a draft agreement, an exemption request, a board) all belong to TU Delft.
 *
 * <p>Writes are sent only for the callers that must be refused (with an empty JSON object as body), so that the test never
 * changes what it reads; reads are sent for every caller.
 */
@SharedRegistry.Suite
class AuthorizationMatrixIT {

    @SharedRegistry.Base
    URL base;

    enum Who { ANONYMOUS, COORDINATOR, ADMIN_OWN, ADMIN_OTHER, BOARD_ROUTED, BOARD_OTHER, NO_SCOPE }

    private static final Set<Who> ALL_BUT_COORDINATOR = EnumSet.complementOf(EnumSet.of(Who.COORDINATOR));
    private static final Set<Who> NOT_OWN_STAFF = EnumSet.of(Who.ANONYMOUS, Who.ADMIN_OTHER, Who.BOARD_OTHER, Who.NO_SCOPE);
    private static final Set<Who> ONLY_OWN_ADMIN = EnumSet.of(Who.ANONYMOUS, Who.COORDINATOR, Who.ADMIN_OTHER, Who.BOARD_ROUTED, Who.BOARD_OTHER, Who.NO_SCOPE);
    private static final Set<Who> ONLY_OWN_ADMIN_OR_COORDINATOR = EnumSet.of(Who.ANONYMOUS, Who.ADMIN_OTHER, Who.BOARD_ROUTED, Who.BOARD_OTHER, Who.NO_SCOPE);
    private static final Set<Who> ONLY_ROUTED_BOARD = EnumSet.of(Who.ANONYMOUS, Who.COORDINATOR, Who.ADMIN_OWN, Who.ADMIN_OTHER, Who.BOARD_OTHER, Who.NO_SCOPE);
    private static final Set<Who> RECEIVING_STAFF_ONLY = EnumSet.of(Who.ANONYMOUS, Who.COORDINATOR, Who.ADMIN_OTHER, Who.BOARD_OTHER, Who.NO_SCOPE);
    private static final Set<Who> ADMINS_ONLY = EnumSet.of(Who.ANONYMOUS, Who.BOARD_ROUTED, Who.BOARD_OTHER, Who.NO_SCOPE);
    private static final Set<Who> REPORT_READERS = EnumSet.of(Who.ANONYMOUS, Who.BOARD_ROUTED, Who.BOARD_OTHER, Who.NO_SCOPE);
    private static final Set<Who> NO_SCOPE_ONLY = EnumSet.of(Who.NO_SCOPE);

    /** Who must never get a 2xx, per "METHOD path" of the document. */
    private static final Map<String, Set<Who>> REFUSED = new LinkedHashMap<>();

    static {
        REFUSED.put("GET /api/ping", NO_SCOPE_ONLY);
        REFUSED.put("DELETE /api/caches", ALL_BUT_COORDINATOR);
        REFUSED.put("POST /api/notifications/digests", ALL_BUT_COORDINATOR);
        REFUSED.put("POST /api/auth/token", NO_SCOPE_ONLY);
        REFUSED.put("GET /api/institutions", NO_SCOPE_ONLY);
        REFUSED.put("GET /api/institutions/{code}", NO_SCOPE_ONLY);
        REFUSED.put("POST /api/institutions", ALL_BUT_COORDINATOR);
        REFUSED.put("PUT /api/institutions/{code}", ONLY_OWN_ADMIN_OR_COORDINATOR); // the own admin: its OOAPI identifiers only
        REFUSED.put("GET /api/institutions/{code}/boards", NO_SCOPE_ONLY);
        REFUSED.put("POST /api/institutions/{code}/boards", ONLY_OWN_ADMIN_OR_COORDINATOR);
        REFUSED.put("GET /api/boards/{id}", NO_SCOPE_ONLY);
        REFUSED.put("PUT /api/boards/{id}", ONLY_OWN_ADMIN_OR_COORDINATOR);
        REFUSED.put("GET /api/institutions/{code}/webhook", ONLY_OWN_ADMIN_OR_COORDINATOR);
        REFUSED.put("PUT /api/institutions/{code}/webhook", ONLY_OWN_ADMIN_OR_COORDINATOR);
        REFUSED.put("DELETE /api/institutions/{code}/webhook", ONLY_OWN_ADMIN_OR_COORDINATOR);

        REFUSED.put("GET /api/programmes", NO_SCOPE_ONLY);
        REFUSED.put("GET /api/programmes/facets", NO_SCOPE_ONLY);
        REFUSED.put("POST /api/programmes", EnumSet.of(Who.ANONYMOUS, Who.COORDINATOR, Who.BOARD_ROUTED, Who.BOARD_OTHER, Who.NO_SCOPE));
        REFUSED.put("GET /api/programmes/{id}", NOT_OWN_STAFF);            // a draft: its institution's staff and coordinators
        REFUSED.put("GET /api/programmes/{id}/versions", NOT_OWN_STAFF);
        REFUSED.put("GET /api/programmes/{id}/versions/{n}", NOT_OWN_STAFF);
        REFUSED.put("PUT /api/programmes/{id}", ONLY_OWN_ADMIN);
        REFUSED.put("POST /api/programmes/{id}/publish", ONLY_OWN_ADMIN);
        REFUSED.put("POST /api/programmes/{id}/withdraw", ONLY_OWN_ADMIN);
        REFUSED.put("GET /api/programmes/{id}/verification", NO_SCOPE_ONLY);
        REFUSED.put("GET /api/verify", NO_SCOPE_ONLY);

        REFUSED.put("GET /api/agreements", NO_SCOPE_ONLY);
        REFUSED.put("POST /api/agreements", EnumSet.of(Who.ANONYMOUS, Who.BOARD_ROUTED, Who.BOARD_OTHER, Who.NO_SCOPE));
        REFUSED.put("GET /api/agreements/{id}", NOT_OWN_STAFF);           // a draft: its parties' staff and coordinators
        REFUSED.put("GET /api/agreements/{id}/versions", NOT_OWN_STAFF);
        REFUSED.put("GET /api/agreements/{id}/versions/{n}", NOT_OWN_STAFF);
        REFUSED.put("GET /api/agreements/{id}/history", NOT_OWN_STAFF);
        REFUSED.put("PUT /api/agreements/{id}", ADMINS_ONLY_PLUS_OTHER());
        REFUSED.put("POST /api/agreements/{id}/propose", ADMINS_ONLY_PLUS_OTHER());
        REFUSED.put("POST /api/agreements/{id}/approvals", ADMINS_ONLY_PLUS_OTHER());
        REFUSED.put("POST /api/agreements/{id}/terminate", ADMINS_ONLY_PLUS_OTHER());
        REFUSED.put("DELETE /api/agreements/{id}", ADMINS_ONLY_PLUS_OTHER());
        REFUSED.put("GET /api/recognition", NO_SCOPE_ONLY);

        REFUSED.put("POST /api/exemption-requests", EnumSet.of(Who.ANONYMOUS, Who.COORDINATOR, Who.BOARD_ROUTED, Who.BOARD_OTHER, Who.NO_SCOPE));
        REFUSED.put("GET /api/exemption-requests", EnumSet.of(Who.ANONYMOUS, Who.NO_SCOPE));
        REFUSED.put("GET /api/exemption-requests/{id}", NOT_OWN_STAFF);
        REFUSED.put("GET /api/exemption-requests/{id}/history", NOT_OWN_STAFF);
        REFUSED.put("POST /api/exemption-requests/{id}/review", ONLY_ROUTED_BOARD);
        REFUSED.put("POST /api/exemption-requests/{id}/request-information", ONLY_ROUTED_BOARD);
        REFUSED.put("POST /api/exemption-requests/{id}/extend", ONLY_ROUTED_BOARD);
        REFUSED.put("POST /api/exemption-requests/{id}/decision", ONLY_ROUTED_BOARD);
        REFUSED.put("POST /api/exemption-requests/{id}/information-received", RECEIVING_STAFF_ONLY);
        REFUSED.put("POST /api/exemption-requests/{id}/withdraw", RECEIVING_STAFF_ONLY);
        REFUSED.put("POST /api/exemption-requests/{id}/appeal", RECEIVING_STAFF_ONLY);
        REFUSED.put("POST /api/exemption-requests/{id}/appeal-outcome", RECEIVING_STAFF_ONLY);
        REFUSED.put("POST /api/exemption-requests/{id}/reroute", ONLY_OWN_ADMIN_OR_COORDINATOR);

        REFUSED.put("GET /api/reports/pilot", REPORT_READERS);
        REFUSED.put("GET /api/reports/pilot.csv", REPORT_READERS);
        REFUSED.put("GET /api/reports/pilot.xlsx", REPORT_READERS);
        REFUSED.put("GET /api/reports/recognition-matrix", REPORT_READERS);
        REFUSED.put("GET /api/reports/recognition-matrix.csv", REPORT_READERS);
        REFUSED.put("GET /api/statistics", NO_SCOPE_ONLY);
    }

    /** Agreement changes: the parties' admins (and the coordinator, for the consortium-wide one); not a non-party's admin. */
    private static Set<Who> ADMINS_ONLY_PLUS_OTHER() {
        Set<Who> refused = EnumSet.copyOf(ADMINS_ONLY);
        refused.add(Who.ADMIN_OTHER);
        return refused;
    }

    private final Map<Who, String> tokens = new HashMap<>();
    private final Map<String, String> ids = new HashMap<>();

    private void setUp() {
        List<Map<String, Object>> boards = anonymous(base).queryParam("pageSize", 250).get("/api/institutions/tu-delft/boards").then().statusCode(200).extract().path("items");
        String eemcs = (String) boards.stream().filter(b -> "Board of Examiners EEMCS".equals(b.get("name"))).findFirst().orElseThrow().get("id");
        List<Map<String, Object>> leidenBoards = anonymous(base).queryParam("pageSize", 250).get("/api/institutions/universiteit-leiden/boards").then().statusCode(200).extract().path("items");
        String leidenBoard = (String) leidenBoards.get(0).get("id");
        tokens.put(Who.COORDINATOR, TestTokens.coordinator());
        tokens.put(Who.ADMIN_OWN, TestTokens.institutionAdmin("tu-delft"));
        tokens.put(Who.ADMIN_OTHER, TestTokens.institutionAdmin("universiteit-leiden"));
        tokens.put(Who.BOARD_ROUTED, TestTokens.boardMember("tu-delft", eemcs));
        tokens.put(Who.BOARD_OTHER, TestTokens.boardMember("universiteit-leiden", leidenBoard));
        tokens.put(Who.NO_SCOPE, TestTokens.token("noscope@x.invalid", List.of("institution-admin"), null, null, TestTokens.ISSUER, 600, TestTokens.key()));
        String delft = tokens.get(Who.ADMIN_OWN);

        Map<String, Object> programme = new HashMap<>();
        programme.put("courseCode", "AUTHZ-1");
        programme.put("title", Map.of("en", "Authorisation matrix draft"));
        programme.put("ects", 5);
        String programmeId = as(base, delft).body(programme).post("/api/programmes").then().statusCode(201).extract().path("id");

        Map<String, Object> agreement = new HashMap<>();
        agreement.put("title", "Authorisation matrix draft agreement");
        agreement.put("kind", "BILATERAL");
        agreement.put("parties", List.of("tu-delft", "hogeschool-utrecht"));
        agreement.put("effect", "ELECTIVE_CREDITS");
        agreement.put("terms", "Draft terms");
        agreement.put("validFrom", "2026-01-01");
        agreement.put("validUntil", "2030-12-31");
        String agreementId = as(base, delft).body(agreement).post("/api/agreements").then().statusCode(201).extract().path("id");

        String leidenProgramme = anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1).get("/api/programmes")
                .then().statusCode(200).extract().path("items[0].id");
        Map<String, Object> request = new HashMap<>();
        request.put("learner", Map.of("name", "Matrix Learner", "email", "matrix@student.invalid", "studentNumber", "s9999001"));
        request.put("programme", leidenProgramme);
        request.put("awardedOn", LocalDate.now().minusMonths(1).toString());
        request.put("targetCourse", Map.of("code", "CSE9999", "title", "Matrix course", "ects", 5));
        request.put("motivation", "Authorisation matrix");
        String requestId = as(base, delft).body(request).post("/api/exemption-requests").then().statusCode(201).extract().path("id");

        ids.put("/api/institutions/{code}", "tu-delft");
        ids.put("/api/boards/{id}", eemcs);
        ids.put("/api/programmes/{id}", programmeId);
        ids.put("/api/agreements/{id}", agreementId);
        ids.put("/api/exemption-requests/{id}", requestId);
    }

    /** The path with real ids of TU Delft's resources. */
    private String concrete(String template) {
        String path = template;
        for (var e : ids.entrySet()) {
            if (path.startsWith(e.getKey())) {
                String placeholder = e.getKey().substring(e.getKey().lastIndexOf('{'));
                path = path.replace(placeholder, e.getValue());
            }
        }
        return path.replace("{n}", "1").replaceAll("\\{[^}]+}", "unknown-" + UUID.randomUUID());
    }

    private RequestSpecification request(Who who) {
        RequestSpecification spec = RestAssured.given().baseUri(base.toString().replaceAll("/$", "")).accept("*/*").redirects().follow(false);
        String token = tokens.get(who);
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationTimesEveryCaller() {
        setUp();
        Map<String, Object> document = anonymous(base).accept("application/json").get("/openapi").then().statusCode(200).extract().as(Map.class);
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        List<String> failures = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int requests = 0;
        for (var path : paths.entrySet()) {
            String template = path.getKey().startsWith("/api/") ? path.getKey() : "/api" + path.getKey();
            for (var operation : path.getValue().entrySet()) {
                String method = operation.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "DELETE").contains(method)) continue;
                String key = method + " " + template;
                seen.add(key);
                Map<String, Object> op = (Map<String, Object>) operation.getValue();
                boolean secured = op.get("security") != null && !((List<?>) op.get("security")).isEmpty();
                Set<Who> refused = REFUSED.getOrDefault(key, secured ? EnumSet.of(Who.ANONYMOUS, Who.NO_SCOPE) : NO_SCOPE_ONLY);
                for (Who who : Who.values()) {
                    boolean mustRefuse = refused.contains(who);
                    if (!method.equals("GET") && !mustRefuse) continue; // writes only where they must fail: nothing changes
                    RequestSpecification spec = request(who);
                    if (method.equals("POST") || method.equals("PUT")) spec = spec.contentType("application/json").body("{}");
                    int status = spec.request(method, concrete(template)).statusCode();
                    requests++;
                    if (status >= 500) failures.add(key + " as " + who + ": " + status);
                    if (mustRefuse && status >= 200 && status < 300) failures.add(key + " as " + who + ": " + status + " but must be refused");
                    if (who == Who.ANONYMOUS && secured && mustRefuse && status != 401 && status < 500) {
                        failures.add(key + " as ANONYMOUS: " + status + " instead of 401");
                    }
                }
            }
        }
        assertThat(failures).as(requests + " requests").isEmpty();
        // the table names only operations that exist: a renamed endpoint must not silently lose its expectations
        assertThat(seen).containsAll(REFUSED.keySet());
        assertThat(requests).isGreaterThan(200);
    }
}
