package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statement budgets: the number of SQL statements of the registry's busiest requests, counted by the registry itself
 * ({@code REGISTRY_SQL_COUNT=true} in the Failsafe environment: every answer carries {@code X-Registry-SQL-Statements},
 * its authentication and the commit of its transaction included). A change that makes one of them read more (an N+1,
 * a lazy relationship walked in a loop, a query per row) fails here, however fast the test machine is.
 * <p>
 * Its own consortium: an issuing and a receiving institution (two boards, one by course-code prefix), a published
 * programme of the issuer and two agreements in force between them, so that the agreements, the boards and the
 * versions are more than one each and a per-row query shows.
 */
@SharedRegistry.Suite
class StatementBudgetIT {

    // ---- the budgets: what each request needs now; lower one when a change saves a statement ------------------------

    /**
     * A new exemption request with an Idempotency-Key. A read-only transaction reads (1) the caller's institution with
     * its boards and their course-code prefixes, (2) an earlier request under the key, (3) the programme with its issuer
     * and published versions, (4) the agreements in force between the two institutions with their parties and scopes;
     * (5) one statement takes the reference number (inserts or increments the counter and returns it, committing at
     * once); a second transaction inserts (6) the request, (7) its RECORDED event and (8) the notification event of the
     * outbox (who is told what is worked out later, by the dispatcher). The token is verified without the database.
     */
    static final int RECORDING = 8;

    /** The same POST again (same key and body): (1) the institution and boards, (2) the request under the key, (3) its context, (4) the agreements. */
    static final int RECORDING_RETRY = 4;

    /**
     * A board member's decision: (1) the request locked (SELECT ... FOR UPDATE), (2) its context (institution code,
     * board, the programme version's title, EC and level), (3) the UPDATE of the request (optimistic lock) and (4) the
     * INSERT of its DECISION event, (5) the INSERT of the notification event of the outbox, (6) the agreements in force
     * for the answer's advice.
     */
    static final int DECISION = 6;

    /**
     * The public catalogue's first page (20 programmes): (1) the count (none when this catalogue generation
     * counted the same filter before), (2) the page of ids, (3) their versions joined with their programmes and
     * institutions, (4) the versions' languages and (5) forms of participation (batch-fetched); measured 4 here. An
     * anonymous page served from the registry's cache of public answers takes none.
     */
    static final int CATALOGUE_PAGE = 5;

    /** A full-text search of the catalogue: as the page (with the count and ranking over the matches). */
    static final int SEARCH = 5;

    /** One published programme: (1) the programme, (2) its institution, (3) the version, (4) its languages, (5) its participation. */
    static final int PROGRAMME_READ = 5;

    static final String HEADER = "X-Registry-SQL-Statements";

    @SharedRegistry.Base
    URL base;

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    /** The consortium of this test, made once (the registry outlives the test methods). */
    private static String issuer;
    private static String receiver;
    private static String programme;
    private static String ictBoard;

    @BeforeEach
    void consortium() {
        if (programme != null) return;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String issuerCode = "it-budget-issuer-" + suffix;
        String receiverCode = "it-budget-receiver-" + suffix;
        String coordinator = TestTokens.coordinator();
        as(base, coordinator).body(Map.of("code", issuerCode, "name", "Budget University " + suffix, "sector", "WO", "website", "https://example.org"))
                .post("/api/institutions").then().statusCode(201);
        as(base, coordinator).body(Map.of("code", receiverCode, "name", "Budget Hogeschool " + suffix, "sector", "HBO", "website", "https://example.org"))
                .post("/api/institutions").then().statusCode(201);
        String receiverAdmin = TestTokens.institutionAdmin(receiverCode);
        String issuerAdmin = TestTokens.institutionAdmin(issuerCode);

        as(base, receiverAdmin).body(Map.of("name", "Examencommissie Algemeen", "email", "ec@example.org", "courseCodePrefixes", List.of("ALG")))
                .post("/api/institutions/" + receiverCode + "/boards").then().statusCode(201);
        String ict = as(base, receiverAdmin).body(Map.of("name", "Examencommissie ICT", "email", "ec-ict@example.org",
                        "courseCodePrefixes", List.of("ICT", "INF"))).post("/api/institutions/" + receiverCode + "/boards")
                .then().statusCode(201).extract().path("id");

        String id = as(base, issuerAdmin).body(programmeBody("Hydroponics for greenhouse engineers " + suffix)).post("/api/programmes")
                .then().statusCode(201).extract().path("id");
        int version = as(base, issuerAdmin).get("/api/programmes/" + id).then().statusCode(200).extract().path("version");
        as(base, issuerAdmin).header("If-Match", "\"" + version + "\"").post("/api/programmes/" + id + "/publish").then().statusCode(200);

        agreement(issuerAdmin, receiverAdmin, issuerCode, receiverCode, "IN_PRINCIPLE", "Budget terms A " + suffix);
        agreement(issuerAdmin, receiverAdmin, issuerCode, receiverCode, "ELECTIVE_CREDITS", "Budget terms B " + suffix);

        issuer = issuerCode;
        receiver = receiverCode;
        ictBoard = ict;
        programme = id;
    }

    private static Map<String, Object> programmeBody(String title) {
        Map<String, Object> p = new HashMap<>();
        p.put("courseCode", "BUD-" + UUID.randomUUID().toString().substring(0, 6));
        p.put("title", Map.of("en", title, "nl", title + " (NL)"));
        p.put("description", Map.of("en", "A programme about " + title + " for professionals."));
        p.put("learningOutcomes", List.of("Explain the principles of " + title, "Apply them in practice"));
        p.put("ects", 5);
        p.put("nlqfLevel", "6");
        p.put("eqfLevel", 6);
        p.put("participation", List.of("ONLINE"));
        p.put("assessmentType", "WRITTEN_EXAM");
        p.put("languages", List.of("en"));
        p.put("iscedField", "0613");
        p.put("microcredentialSince", "2025-09-01");
        return p;
    }

    /** An ACTIVE bilateral agreement, in force since a month ago. */
    private void agreement(String issuerAdmin, String receiverAdmin, String issuerCode, String receiverCode, String effect, String terms) {
        Map<String, Object> a = new HashMap<>();
        a.put("title", terms);
        a.put("kind", "BILATERAL");
        a.put("parties", List.of(issuerCode, receiverCode));
        a.put("effect", effect);
        a.put("terms", terms);
        a.put("validFrom", TODAY.minusMonths(1).toString());
        a.put("validUntil", TODAY.plusYears(3).toString());
        String id = as(base, issuerAdmin).body(a).post("/api/agreements").then().statusCode(201).extract().path("id");
        int version = as(base, issuerAdmin).get("/api/agreements/" + id).then().statusCode(200).extract().path("version");
        String hash = as(base, issuerAdmin).header("If-Match", "\"" + version + "\"").post("/api/agreements/" + id + "/propose")
                .then().statusCode(200).extract().path("termsHash");
        as(base, issuerAdmin).body(Map.of("termsHash", hash)).post("/api/agreements/" + id + "/approvals").then().statusCode(200);
        as(base, receiverAdmin).body(Map.of("termsHash", hash)).post("/api/agreements/" + id + "/approvals").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }

    private Map<String, Object> request(String courseCode) {
        String student = "s" + (1000000 + (int) (Math.random() * 8999999));
        Map<String, Object> r = new HashMap<>();
        r.put("learner", Map.of("name", "Budget Learner " + student, "email", student + "@student.invalid", "studentNumber", student));
        r.put("programme", programme);
        r.put("awardedOn", TODAY.minusDays(10).toString());
        r.put("targetCourse", Map.of("code", courseCode, "title", "Greenhouse systems", "ects", 5));
        r.put("motivation", "The micro-credential covers the course's learning outcomes.");
        return r;
    }

    private Response record(String key, Map<String, Object> body) {
        Response answer = as(base, TestTokens.institutionAdmin(receiver)).header("Idempotency-Key", key).body(body).post("/api/exemption-requests");
        answer.then().statusCode(201);
        return answer;
    }

    /**
     * Fails when the answer took more statements than its budget; also when it does not say (counting is off). An
     * anonymous read answered from the registry's own cache of public answers ({@code Cache-Status: ...; hit}) ran no
     * statement at all.
     */
    private static int within(String what, Response answer, int budget) {
        String header = answer.getHeader(HEADER);
        String cacheStatus = answer.getHeader("Cache-Status");
        if (header == null && cacheStatus != null && cacheStatus.contains("hit")) {
            System.out.println("StatementBudgetIT: " + what + ": answered from the registry's cache, no statement (budget " + budget + ")");
            return 0;
        }
        System.out.println("StatementBudgetIT: " + what + ": " + header + " statements (budget " + budget + ")"
                + (cacheStatus == null ? "" : ", Cache-Status: " + cacheStatus));
        assertThat(header).as(what + ": the answer has no " + HEADER + " header (REGISTRY_SQL_COUNT=true in the Failsafe environment?)").isNotNull();
        int statements = Integer.parseInt(header);
        assertThat(statements).as(what + " took " + statements + " SQL statements; its budget is " + budget
                + " (see the budget's comment for what they are; lower the budget when a change saves some)").isLessThanOrEqualTo(budget);
        return statements;
    }

    /**
     * An anonymous reader that asks every cache on the way for a fresh answer; its language differs per round, so that
     * the registry's cache of public answers (keyed by it) has not kept the answer yet and it is built from the database.
     */
    private RequestSpecification reader(int round) {
        return anonymous(base).header("Cache-Control", "no-cache").header("Accept-Language", round == 0 ? "en" : "en-GB, en;q=0.8");
    }

    @Test
    void recordingARequestAndRetryingIt() {
        record(UUID.randomUUID().toString(), request("ICT1001")); // the first one of the run may set up more (the year's counter row)
        Map<String, Object> body = request("ICT2002");
        String key = UUID.randomUUID().toString();
        Response recorded = record(key, body);
        int statements = within("recording a request", recorded, RECORDING);
        assertThat(statements).as("counting works").isPositive();
        assertThat(recorded.jsonPath().getString("board.id")).as("routed by its prefix").isEqualTo(ictBoard);
        assertThat(recorded.jsonPath().getList("applicableAgreements.effect", String.class)).as("both agreements apply, the strongest first")
                .containsExactly("ELECTIVE_CREDITS", "IN_PRINCIPLE");
        assertThat(recorded.jsonPath().getString("reference")).matches("[A-Z0-9]{1,4}-" + TODAY.getYear() + "-\\d{6}");

        Response retried = record(key, body);
        within("retrying the recording (same Idempotency-Key)", retried, RECORDING_RETRY);
        assertThat(retried.jsonPath().getString("id")).isEqualTo(recorded.jsonPath().getString("id"));
    }

    @Test
    void decidingARequest() {
        String id = record(UUID.randomUUID().toString(), request("INF3003")).jsonPath().getString("id");
        String member = TestTokens.boardMember(receiver, ictBoard);
        int version = as(base, member).get("/api/exemption-requests/" + id).then().statusCode(200).extract().path("version");
        Response reviewed = as(base, member).header("If-Match", "\"" + version + "\"").post("/api/exemption-requests/" + id + "/review");
        reviewed.then().statusCode(200);
        within("reviewing a request", reviewed, DECISION);
        Response decided = as(base, member).header("If-Match", "\"" + reviewed.jsonPath().getInt("version") + "\"")
                .body(Map.of("outcome", "GRANTED", "motivation", "The learning outcomes are covered."))
                .post("/api/exemption-requests/" + id + "/decision");
        decided.then().statusCode(200);
        within("deciding a request", decided, DECISION);
        assertThat(decided.jsonPath().getString("status")).isEqualTo("DECIDED");
        assertThat(decided.jsonPath().getList("applicableAgreements")).hasSize(2);
    }

    @Test
    void readingTheCatalogue() {
        String staff = TestTokens.institutionAdmin(receiver);
        for (int round = 0; round < 2; round++) { // the first round may set up caches of the JVM and the registry
            Response page = reader(round).queryParam("page", 1).queryParam("pageSize", 20).get("/api/programmes");
            page.then().statusCode(200);
            Response staffPage = as(base, staff).queryParam("page", 1).queryParam("pageSize", 20).get("/api/programmes");
            staffPage.then().statusCode(200);
            Response read = reader(round).get("/api/programmes/" + programme);
            read.then().statusCode(200);
            Response staffRead = as(base, staff).get("/api/programmes/" + programme);
            staffRead.then().statusCode(200);
            Response search = reader(round).queryParam("q", "hydroponics").get("/api/programmes");
            search.then().statusCode(200);
            Response staffSearch = as(base, staff).queryParam("q", "hydroponics").get("/api/programmes");
            staffSearch.then().statusCode(200);
            if (round == 0) continue;
            within("the catalogue's first page", page, CATALOGUE_PAGE);
            within("the catalogue's first page for staff", staffPage, CATALOGUE_PAGE);
            within("reading a programme", read, PROGRAMME_READ);
            within("reading a programme as staff", staffRead, PROGRAMME_READ);
            within("searching the catalogue", search, SEARCH);
            within("searching the catalogue as staff", staffSearch, SEARCH);
            assertThat(search.jsonPath().getList("items.id", String.class)).contains(programme);
        }
    }
}
