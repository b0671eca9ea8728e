package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exemption requests over HTTP on PostgreSQL: record and route, review, information, extension, decision, appeal;
 * illegal transitions; who sees what (no learner data for coordinators, checked on the raw JSON); idempotent POST;
 * two board members deciding at the same moment.
 */
@SharedRegistry.Suite
class ExemptionsApiIT {

    @SharedRegistry.Base
    URL base;

    private static final String DELFT = TestTokens.institutionAdmin("tu-delft");
    private static final String LEIDEN = TestTokens.institutionAdmin("universiteit-leiden");
    private static final String COORDINATOR = TestTokens.coordinator();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    private String eemcs;
    private String architecture;
    private String boardMember;
    private String secondBoardMember;
    private String otherBoardMember;
    private String leidenProgramme;

    @BeforeEach
    void boards() {
        List<Map<String, Object>> boards = anonymous(base).queryParam("pageSize", 250).get("/api/institutions/tu-delft/boards").then().statusCode(200).extract().path("items");
        eemcs = (String) boards.stream().filter(b -> "Board of Examiners EEMCS".equals(b.get("name"))).findFirst().orElseThrow().get("id");
        architecture = (String) boards.stream().filter(b -> "Board of Examiners Architecture".equals(b.get("name"))).findFirst().orElseThrow().get("id");
        boardMember = TestTokens.boardMember("tu-delft", eemcs);
        secondBoardMember = TestTokens.token("second@tu-delft.invalid", List.of("board-member"), "tu-delft", eemcs, TestTokens.ISSUER, 600, TestTokens.key());
        otherBoardMember = TestTokens.boardMember("tu-delft", architecture);
        leidenProgramme = anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1).get("/api/programmes")
                .then().statusCode(200).extract().path("items[0].id");
    }

    private Map<String, Object> request(String courseCode, String studentNumber) {
        Map<String, Object> r = new HashMap<>();
        r.put("learner", Map.of("name", "Test Learner " + studentNumber, "email", studentNumber + "@student.invalid", "studentNumber", studentNumber));
        r.put("programme", leidenProgramme);
        r.put("awardedOn", TODAY.minusMonths(1).toString());
        r.put("evidenceUrl", "https://edubadges.example/public/assertions/" + studentNumber);
        r.put("targetCourse", Map.of("code", courseCode, "title", "Algorithms and Data Structures", "ects", 5));
        r.put("targetProgramme", "BSc Computer Science and Engineering");
        r.put("motivation", "The micro-credential covers the course's learning outcomes.");
        return r;
    }

    private JsonPath record(Map<String, Object> body) {
        return as(base, DELFT).body(body).post("/api/exemption-requests").then().statusCode(201).extract().jsonPath();
    }

    private io.restassured.response.Response act(String token, String id, String transition, Object body) {
        int version = as(base, DELFT).get("/api/exemption-requests/" + id).then().statusCode(200).extract().path("version");
        var spec = as(base, token).header("If-Match", "\"" + version + "\"");
        if (body != null) spec = spec.body(body);
        return spec.post("/api/exemption-requests/" + id + "/" + transition);
    }

    private static String student() {
        return "s" + (1000000 + (int) (Math.random() * 8999999));
    }

    @Test
    void recordRouteReviewRequestInformationExtendDecideAndAppeal() {
        JsonPath recorded = record(request("CSE2110", student()));
        String id = recorded.getString("id");
        assertThat(recorded.getString("reference")).matches("TD-" + TODAY.getYear() + "-\\d{6}");
        assertThat(recorded.getString("status")).isEqualTo("SUBMITTED");
        assertThat(recorded.getString("board.id")).as("routed by the CSE prefix").isEqualTo(eemcs);
        assertThat(recorded.getString("receivedOn")).isEqualTo(TODAY.toString());
        assertThat(recorded.getString("decisionDue")).isEqualTo(TODAY.plusDays(42).toString());
        assertThat(recorded.getList("applicableAgreements.effect", String.class)).contains("IN_PRINCIPLE");
        assertThat(recorded.getList("allowedTransitions", String.class)).containsExactly("review", "extend", "withdraw", "reroute");

        act(boardMember, id, "review", null).then().statusCode(200).body("status", equalTo("IN_REVIEW"));
        act(boardMember, id, "request-information", Map.of()).then().statusCode(400).body("errors[0].field", equalTo("message"));
        act(boardMember, id, "request-information", Map.of("message", "Please send the assessment rubric.")).then().statusCode(200)
                .body("status", equalTo("INFORMATION_REQUESTED")).body("informationRequestedOn", equalTo(TODAY.toString()))
                .body("overdue", equalTo(false));
        act(DELFT, id, "information-received", null).then().statusCode(200).body("status", equalTo("IN_REVIEW")).body("suspendedDays", equalTo(0));
        act(boardMember, id, "extend", Map.of("reason", "Awaiting advice of the course coordinator", "days", 14)).then().statusCode(200)
                .body("decisionDue", equalTo(TODAY.plusDays(56).toString())).body("extension.days", equalTo(14));
        act(boardMember, id, "extend", Map.of("reason", "again", "days", 7)).then().statusCode(409).body("detail", containsString("once"));

        act(boardMember, id, "decision", Map.of("outcome", "PARTIALLY_GRANTED", "ectsGranted", 5, "motivation", "m")).then().statusCode(400)
                .body("errors[0].field", equalTo("ectsGranted"));
        act(boardMember, id, "decision", Map.of("outcome", "GRANTED")).then().statusCode(400).body("errors[0].field", equalTo("motivation"));
        act(DELFT, id, "decision", Map.of("outcome", "GRANTED", "motivation", "m")).then().statusCode(403);
        JsonPath decided = act(boardMember, id, "decision", Map.of("outcome", "PARTIALLY_GRANTED", "ectsGranted", 3,
                "motivation", "The theory is covered; the lab assignment is not.")).then().statusCode(200).extract().jsonPath();
        assertThat(decided.getString("status")).isEqualTo("DECIDED");
        assertThat(decided.getString("decision.appealDeadline")).isEqualTo(TODAY.plusWeeks(6).toString());
        assertThat(decided.getString("decision.legalRemedies.nl")).contains("College van beroep voor de examens");
        assertThat(decided.getString("decision.legalRemedies.en")).contains("Examination Appeals Board");
        assertThat(decided.getString("decision.resultOfRecognition.status")).isEqualTo("Partially Positive");
        assertThat(decided.getDouble("decision.ectsGranted")).isEqualTo(3.0);
        act(boardMember, id, "decision", Map.of("outcome", "REJECTED", "motivation", "again")).then().statusCode(409)
                .body("allowed", contains("appeal"));

        act(boardMember, id, "appeal", Map.of("filedOn", TODAY.toString())).then().statusCode(403);
        act(DELFT, id, "appeal", Map.of("filedOn", TODAY.plusDays(1).toString())).then().statusCode(400).body("errors[0].field", equalTo("filedOn"));
        act(DELFT, id, "appeal", Map.of("filedOn", TODAY.toString())).then().statusCode(200).body("status", equalTo("APPEALED"));
        act(DELFT, id, "appeal-outcome", Map.of("outcome", "MAYBE")).then().statusCode(400).body("errors[0].field", equalTo("outcome"));
        act(DELFT, id, "appeal-outcome", Map.of("outcome", "UPHELD")).then().statusCode(200).body("status", equalTo("UPHELD"))
                .body("appeal.outcome", equalTo("UPHELD")).body("allowedTransitions", org.hamcrest.Matchers.empty());

        as(base, DELFT).get("/api/exemption-requests/" + id + "/history").then().statusCode(200)
                .body("action", contains("RECORDED", "REVIEW", "REQUEST_INFORMATION", "INFORMATION_RECEIVED", "EXTEND", "DECISION", "APPEAL", "APPEAL_OUTCOME"))
                .body("[5].from", equalTo("IN_REVIEW")).body("[5].to", equalTo("DECIDED")).body("[5].actorRole", equalTo("board-member"));
    }

    @Test
    void illegalTransitionsNameWhatIsAllowedAndOnlyTheRoutedBoardActs() {
        String id = record(request("CSE2110", student())).getString("id");
        act(boardMember, id, "decision", Map.of("outcome", "GRANTED", "motivation", "m")).then().statusCode(409)
                .body("allowed", contains("review", "extend", "withdraw", "reroute"))
                .body("detail", equalTo("The request cannot be decided while it is submitted; allowed now: review, extend, withdraw, reroute"));
        act(DELFT, id, "appeal", Map.of("filedOn", TODAY.toString())).then().statusCode(409);
        act(boardMember, id, "information-received", null).then().statusCode(409);
        act(otherBoardMember, id, "review", null).then().statusCode(404);
        act(LEIDEN, id, "review", null).then().statusCode(404);
        act(COORDINATOR, id, "review", null).then().statusCode(403);
        as(base, boardMember).header("If-Match", "\"999\"").post("/api/exemption-requests/" + id + "/review").then().statusCode(412);
        anonymous(base).get("/api/exemption-requests/" + id).then().statusCode(401);

        // re-routing moves it to another board, with a reason; the former board no longer sees it
        act(DELFT, id, "reroute", Map.of("board", architecture)).then().statusCode(400).body("errors[0].field", equalTo("reason"));
        act(DELFT, id, "reroute", Map.of("board", architecture, "reason", "The course belongs to the Architecture curriculum")).then()
                .statusCode(200).body("board.id", equalTo(architecture));
        as(base, boardMember).get("/api/exemption-requests/" + id).then().statusCode(404);
        act(otherBoardMember, id, "review", null).then().statusCode(200);
        act(DELFT, id, "withdraw", Map.of("reason", "The learner withdrew")).then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        act(otherBoardMember, id, "review", null).then().statusCode(409)
                .body("detail", equalTo("The request cannot be reviewed while it is withdrawn; nothing can be done with it any more"));
    }

    @Test
    void coordinatorsSeeNoLearnerDataAnywhere() {
        String studentNumber = student();
        Map<String, Object> body = request("CSE2110", studentNumber);
        String id = record(body).getString("id");
        String name = "Test Learner " + studentNumber;
        String one = as(base, COORDINATOR).get("/api/exemption-requests/" + id).then().statusCode(200).extract().asString();
        String list = as(base, COORDINATOR).queryParam("pageSize", 250).queryParam("institution", "tu-delft").get("/api/exemption-requests")
                .then().statusCode(200).extract().asString();
        String history = as(base, COORDINATOR).get("/api/exemption-requests/" + id + "/history").then().statusCode(200).extract().asString();
        for (String json : List.of(one, list, history)) {
            assertThat(json).doesNotContain(name, studentNumber, studentNumber + "@student.invalid");
        }
        assertThat(JsonPath.from(one).getString("learner")).isNull();
        assertThat(JsonPath.from(one).getString("reference")).startsWith("TD-");
        // the receiving institution and the routed board do see the learner
        as(base, DELFT).get("/api/exemption-requests/" + id).then().body("learner.name", equalTo(name));
        as(base, boardMember).get("/api/exemption-requests/" + id).then().body("learner.studentNumber", equalTo(studentNumber));
        // other institutions see nothing
        as(base, LEIDEN).get("/api/exemption-requests/" + id).then().statusCode(404);
        as(base, LEIDEN).queryParam("pageSize", 250).get("/api/exemption-requests").then().statusCode(200).body("items.id", not(hasItem(id)));
        // a board member's list holds their board's requests only
        as(base, otherBoardMember).queryParam("pageSize", 250).get("/api/exemption-requests").then().statusCode(200)
                .body("items.board.id", everyItem(equalTo(architecture)));
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyRecordsOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = request("CSE2110", student());
        int before = as(base, DELFT).get("/api/exemption-requests").then().extract().path("totalItems");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(pool.submit(() -> {
                    start.await();
                    return as(base, DELFT).header("Idempotency-Key", key).body(body).post("/api/exemption-requests")
                            .then().statusCode(201).extract().path("id");
                }));
            }
            start.countDown();
            String first = ids.get(0).get(30, TimeUnit.SECONDS);
            for (Future<String> f : ids) assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(first);
            String again = as(base, DELFT).header("Idempotency-Key", key).body(body).post("/api/exemption-requests").then().statusCode(201).extract().path("id");
            assertThat(again).isEqualTo(first);
        } finally {
            pool.shutdownNow();
        }
        int after = as(base, DELFT).get("/api/exemption-requests").then().extract().path("totalItems");
        assertThat(after).isEqualTo(before + 1);
    }

    @Test
    void twoBoardMembersDecidingAtOnceRecordExactlyOneDecision() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String id = record(request("CSE2110", student())).getString("id");
                act(boardMember, id, "review", null).then().statusCode(200);
                int version = as(base, DELFT).get("/api/exemption-requests/" + id).then().extract().path("version");
                CountDownLatch start = new CountDownLatch(1);
                Future<Integer> a = pool.submit(() -> { start.await(); return as(base, boardMember).header("If-Match", "\"" + version + "\"")
                        .body(Map.of("outcome", "GRANTED", "motivation", "Covered")).post("/api/exemption-requests/" + id + "/decision").statusCode(); });
                Future<Integer> b = pool.submit(() -> { start.await(); return as(base, secondBoardMember).header("If-Match", "\"" + version + "\"")
                        .body(Map.of("outcome", "REJECTED", "motivation", "Not covered")).post("/api/exemption-requests/" + id + "/decision").statusCode(); });
                start.countDown();
                List<Integer> statuses = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
                assertThat(statuses).containsOnlyOnce(200);
                assertThat(statuses).anyMatch(s -> s == 409 || s == 412);
                List<String> actions = as(base, DELFT).get("/api/exemption-requests/" + id + "/history").then().extract().path("action");
                assertThat(actions.stream().filter("DECISION"::equals)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputIsNamedAndWarningsAreNotErrors() {
        as(base, DELFT).body(Map.of()).post("/api/exemption-requests").then().statusCode(400)
                .body("errors.field", hasItems("learner.name", "programme", "awardedOn", "targetCourse.code", "targetCourse.ects"));
        Map<String, Object> unknown = request("CSE2110", student());
        unknown.put("programme", "no-such-programme");
        as(base, DELFT).body(unknown).post("/api/exemption-requests").then().statusCode(400).body("errors[0].field", equalTo("programme"));
        Map<String, Object> badVersion = request("CSE2110", student());
        badVersion.put("programmeVersion", 99);
        as(base, DELFT).body(badVersion).post("/api/exemption-requests").then().statusCode(400).body("errors[0].field", equalTo("programmeVersion"));
        as(base, boardMember).body(request("CSE2110", student())).post("/api/exemption-requests").then().statusCode(403);
        as(base, DELFT).body("{\"awardedOn\": \"yesterday\"}").post("/api/exemption-requests").then().statusCode(400)
                .body("errors[0].field", equalTo("awardedOn"));

        Map<String, Object> early = request("XYZ100", student());
        early.put("awardedOn", "2023-02-01");
        JsonPath recorded = record(early);
        assertThat(recorded.getList("warnings", String.class)).anyMatch(w -> w.contains("predates"));
        assertThat(recorded.getString("board.name")).as("no prefix matches: the default board").isEqualTo("Board of Examiners TU Delft Extension School");
        as(base, DELFT).queryParam("status", "NONSENSE").get("/api/exemption-requests").then().statusCode(400).body("errors[0].field", equalTo("status"));
        as(base, DELFT).queryParam("overdue", "perhaps").get("/api/exemption-requests").then().statusCode(400).body("errors[0].field", equalTo("overdue"));
    }

    /**
     * While information is requested the clock stands still, so the due date a request shows moves on every day: dueBefore
     * and the decisionDue sort use that date, not the one stored when the clock stopped.
     */
    @Test
    void dueBeforeAndTheDecisionDueSortUseTheDueDateAsItReadsToday() throws Exception {
        String waiting = record(request("CSE2110", student())).getString("id");
        act(boardMember, waiting, "review", null).then().statusCode(200);
        act(boardMember, waiting, "request-information", Map.of("message", "Please send the rubric")).then().statusCode(200);
        String running = record(request("CSE2110", student())).getString("id"); // due today + 42 (EEMCS)
        // the clock stopped 40 days ago with 5 days left: stored due today + 5, due as it reads today: today + 45
        try (var db = java.sql.DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"),
                System.getProperty("test.db.password"));
             var update = db.prepareStatement("UPDATE exemption_request SET information_requested_on = ?, decision_due = ? WHERE id = ?")) {
            update.setObject(1, TODAY.minusDays(40));
            update.setObject(2, TODAY.plusDays(5));
            update.setString(3, waiting);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        as(base, DELFT).get("/api/exemption-requests/" + waiting).then().statusCode(200)
                .body("decisionDue", equalTo(TODAY.plusDays(45).toString())).body("overdue", equalTo(false));

        java.util.function.Function<LocalDate, List<String>> dueBefore = day -> as(base, DELFT).queryParam("dueBefore", day.toString())
                .queryParam("board", eemcs).queryParam("pageSize", 250).get("/api/exemption-requests").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
        assertThat(dueBefore.apply(TODAY.plusDays(10))).as("stored due before, due today after").doesNotContain(waiting, running);
        assertThat(dueBefore.apply(TODAY.plusDays(43))).contains(running).doesNotContain(waiting);
        assertThat(dueBefore.apply(TODAY.plusDays(46))).contains(running, waiting);
        as(base, DELFT).queryParam("dueBefore", TODAY.plusDays(46).toString()).queryParam("board", eemcs).queryParam("pageSize", 250)
                .get("/api/exemption-requests").then().statusCode(200)
                .body("items.find { it.id == '" + waiting + "' }.decisionDue", equalTo(TODAY.plusDays(45).toString()));

        // sorted by the due date as shown, both ways
        for (String sort : List.of("decisionDue", "-decisionDue")) {
            List<Map<String, Object>> items = as(base, DELFT).queryParam("board", eemcs).queryParam("open", "true").queryParam("sort", sort)
                    .queryParam("dueBefore", TODAY.plusDays(60).toString()).queryParam("pageSize", 250).get("/api/exemption-requests")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            List<LocalDate> due = items.stream().map(i -> LocalDate.parse((String) i.get("decisionDue"))).toList();
            List<LocalDate> expected = new java.util.ArrayList<>(due);
            expected.sort(sort.startsWith("-") ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder());
            assertThat(due).as(sort).isEqualTo(expected);
            List<Object> ids = items.stream().map(i -> i.get("id")).toList();
            assertThat(ids).contains(waiting, running);
            assertThat(ids.indexOf(waiting) > ids.indexOf(running)).as(sort + ": due today + 45 after today + 42").isEqualTo(!sort.startsWith("-"));
        }
    }

    @Test
    void overdueRequestsAreListedForTheInstitutionAndTheCoordinator() {
        JsonPath overdue = as(base, DELFT).queryParam("overdue", "true").queryParam("pageSize", 250).get("/api/exemption-requests")
                .then().statusCode(200).extract().jsonPath();
        assertThat(overdue.getList("items")).isNotEmpty();
        assertThat(overdue.getList("items.overdue", Boolean.class)).containsOnly(true);
        assertThat(overdue.getList("items.decisionDue", String.class)).allMatch(d -> LocalDate.parse(d).isBefore(TODAY));
        as(base, COORDINATOR).queryParam("overdue", "true").queryParam("pageSize", 250).get("/api/exemption-requests").then().statusCode(200)
                .body("items.institution", hasItems("tu-delft", "universiteit-leiden", "hogeschool-utrecht"))
                .body("items.learner", everyItem(nullValue()))
                .body("items.reference", everyItem(matchesPattern("[A-Z]{1,4}-\\d{4}-\\d{6}")));
    }

    // ---- ELMO v2 (EMREX) ---------------------------------------------------------------------------------------

    private io.restassured.response.Response elmo(String token, String id) {
        var spec = token == null ? anonymous(base) : as(base, token);
        return spec.accept("application/xml").get("/api/exemption-requests/" + id + "/elmo");
    }

    private io.restassured.specification.RequestSpecification xml(String token, byte[] document) {
        return as(base, token).contentType("application/xml; charset=UTF-8").body(document);
    }

    private String decided(String outcome, Object ectsGranted) {
        String id = record(request("CSE2110", student())).getString("id");
        act(boardMember, id, "review", null).then().statusCode(200);
        Map<String, Object> decision = new HashMap<>(Map.of("outcome", outcome, "motivation", "Decided for ELMO: é ü 中文 <&>"));
        if (ectsGranted != null) decision.put("ectsGranted", ectsGranted);
        act(boardMember, id, "decision", decision).then().statusCode(200);
        return id;
    }

    /** The decision as ELMO: valid against the XSD for every outcome, 409 undecided, learner data only for the institution and its board. */
    @Test
    void aDecidedRequestIsValidElmoForThoseWhoMaySeeIt() {
        String undecided = record(request("CSE2110", student())).getString("id");
        elmo(DELFT, undecided).then().statusCode(409).contentType("application/problem+json").body("detail", containsString("no decision"));
        elmo(null, undecided).then().statusCode(401);
        anonymous(base).get("/api/exemption-requests/" + undecided + "/elmo").then().statusCode(401);
        as(base, DELFT).get("/api/exemption-requests/" + undecided + "/elmo").then().statusCode(409).contentType("application/problem+json");
        as(base, LEIDEN).get("/api/exemption-requests/" + undecided + "/elmo").then().statusCode(404);

        int validated = 0;
        for (var outcome : List.of(List.of("GRANTED", "Positive", "5"), List.of("PARTIALLY_GRANTED", "Partially Positive", "3"),
                List.of("REJECTED", "Negative", "0"))) {
            String id = decided(outcome.get(0), outcome.get(0).equals("PARTIALLY_GRANTED") ? 3 : null);
            String name = as(base, DELFT).get("/api/exemption-requests/" + id).then().extract().path("learner.name");
            for (String token : List.of(DELFT, boardMember, COORDINATOR)) {
                var response = elmo(token, id).then().statusCode(200).contentType(containsString("application/xml")).extract();
                String document = response.asString();
                assertThat(nl.microcredentials.registry.exemptions.control.ElmoSchema.errors(document)).as(outcome + "\n" + document).isEmpty();
                validated++;
                assertThat(document).contains("<status>" + outcome.get(1) + "</status>", "<decisionDate>" + TODAY + "</decisionDate>",
                        "/api/programmes/" + leidenProgramme + "/versions/", "<identifier type=\"registryInstitutionCode\">universiteit-leiden</identifier>",
                        "<identifier type=\"local\">CSE2110</identifier>", "<value>" + outcome.get(2) + "</value>");
                if (token.equals(COORDINATOR)) {
                    assertThat(document).doesNotContain(name, "@student.invalid", "Decided for ELMO", "edubadges.example");
                } else {
                    assertThat(document).contains("<alternativeName>" + name + "</alternativeName>", "Decided for ELMO: é ü 中文 &lt;&amp;");
                }
            }
            elmo(LEIDEN, id).then().statusCode(404);
            as(base, DELFT).accept("application/json").get("/api/exemption-requests/" + id + "/elmo").then().statusCode(406)
                    .contentType("application/problem+json");
            elmo(otherBoardMember, id).then().statusCode(404);
        }
        System.out.println("ExemptionsApiIT: " + validated + " ELMO documents from the API validated against elmo-schema-v2.0.0.xsd");

        Map<String, Map<String, Map<String, Object>>> paths = anonymous(base).accept("application/json").get("/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        var elmoPath = paths.entrySet().stream().filter(e -> e.getKey().endsWith("/exemption-requests/{id}/elmo")).findFirst().orElseThrow();
        assertThat(elmoPath.getValue()).containsKey("get");
        var post = paths.entrySet().stream().filter(e -> e.getKey().endsWith("/exemption-requests")).findFirst().orElseThrow().getValue().get("post");
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) post.get("requestBody")).get("content");
        assertThat(content).as("one POST operation documents both media types").containsKeys("application/json", "application/xml");
        assertThat(String.valueOf(post.get("description"))).contains("targetCourseCode");
    }

    /**
     * Recording from ELMO: the registry's own decision document and a home institution's transcript are recorded (the
     * micro-credential found by its achievement URL, or by its issuer's SCHAC identifier and course code), with the
     * document kept as evidence; invalid documents are 400s naming the element path or the query parameter, hostile ones
     * are refused, and none of them records anything.
     */
    @Test
    void anElmoDocumentIsRecordedWithTheDocumentAsEvidence() throws Exception {
        String source = decided("GRANTED", null);
        byte[] own = elmo(DELFT, source).then().statusCode(200).extract().asByteArray();
        String target = "?targetCourseCode=CSE2120&targetCourseTitle=Data%20Structures&targetCourseEcts=5&studentNumber=s7654321";
        JsonPath recorded = xml(DELFT, own).post("/api/exemption-requests" + target).then().statusCode(201)
                .header("Location", containsString("/api/exemption-requests/")).extract().jsonPath();
        String id = recorded.getString("id");
        JsonPath original = as(base, DELFT).get("/api/exemption-requests/" + source).then().extract().jsonPath();
        assertThat(recorded.getString("programme.id")).isEqualTo(leidenProgramme);
        assertThat(recorded.getInt("programme.versionNumber")).isEqualTo(original.getInt("programme.versionNumber"));
        assertThat(recorded.getString("awardedOn")).isEqualTo(original.getString("awardedOn"));
        assertThat(recorded.getString("learner.name")).isEqualTo(original.getString("learner.name"));
        assertThat(recorded.getString("learner.studentNumber")).isEqualTo("s7654321");
        assertThat(recorded.getString("targetCourse.code")).isEqualTo("CSE2120");
        assertThat(recorded.getString("board.id")).isEqualTo(eemcs);
        assertThat(recorded.getString("status")).isEqualTo("SUBMITTED");
        String evidence = as(base, DELFT).accept("application/xml").get("/api/exemption-requests/" + id + "/elmo-evidence").then().statusCode(200)
                .contentType(containsString("application/xml")).extract().asString();
        assertThat(evidence).isEqualTo(new String(own, java.nio.charset.StandardCharsets.UTF_8));
        as(base, boardMember).accept("application/xml").get("/api/exemption-requests/" + id + "/elmo-evidence").then().statusCode(200);
        as(base, COORDINATOR).accept("application/xml").get("/api/exemption-requests/" + id + "/elmo-evidence").then().statusCode(403);
        as(base, DELFT).accept("application/xml").get("/api/exemption-requests/" + source + "/elmo-evidence").then().statusCode(404);

        // a home institution's transcript: the micro-credential by its issuer's SCHAC identifier and course code
        JsonPath programme = anonymous(base).get("/api/programmes/" + leidenProgramme).then().statusCode(200).extract().jsonPath();
        String courseCode = programme.getString("courseCode");
        String los = "<identifier type=\"local\">" + courseCode + "</identifier>";
        String schacHome = "leidenuniv.nl";
        String previous;
        try (var db = java.sql.DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"),
                System.getProperty("test.db.password"))) {
            try (var q = db.createStatement(); var rs = q.executeQuery("SELECT schac_home FROM institution WHERE code = 'universiteit-leiden'")) {
                rs.next();
                previous = rs.getString(1);
            }
            try (var u = db.prepareStatement("UPDATE institution SET schac_home = ? WHERE code = 'universiteit-leiden'")) {
                u.setString(1, schacHome);
                u.executeUpdate();
            }
            try {
                if (courseCode != null) {
                    JsonPath home = xml(DELFT, transcript(schacHome, los, "<date>" + TODAY.minusDays(10) + "</date><status>passed</status>"))
                            .post("/api/exemption-requests" + target).then().statusCode(201).extract().jsonPath();
                    assertThat(home.getString("programme.id")).isEqualTo(leidenProgramme);
                    assertThat(home.getString("learner.name")).isEqualTo("Daan de Jong");
                    assertThat(home.getString("awardedOn")).isEqualTo(TODAY.minusDays(10).toString());
                }
            } finally {
                try (var u = db.prepareStatement("UPDATE institution SET schac_home = ? WHERE code = 'universiteit-leiden'")) {
                    u.setString(1, previous);
                    u.executeUpdate();
                }
            }
        }

        // refused: invalid documents name the element path or the parameter; hostile ones are 400s (413 when huge); nothing is recorded
        int before = as(base, DELFT).get("/api/exemption-requests").then().extract().path("totalItems");
        String achievement = "<identifier type=\"achievement\">" + base + "api/programmes/" + leidenProgramme + "/achievement</identifier>";
        String losPath = "/elmo/report[1]/learningOpportunitySpecification[1]";
        xml(DELFT, transcript("x.example", achievement, "<status>passed</status>")).post("/api/exemption-requests" + target).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(losPath + "/specifies/learningOpportunityInstance/date"));
        xml(DELFT, transcript("x.example", achievement, "<date>yesterday</date>")).post("/api/exemption-requests" + target).then().statusCode(400)
                .body("errors[0].field", equalTo(losPath + "/specifies/learningOpportunityInstance/date"));
        xml(DELFT, transcript("x.example", achievement, "<date>" + TODAY.plusDays(3) + "</date>")).post("/api/exemption-requests" + target).then().statusCode(400)
                .body("errors[0].field", equalTo(losPath + "/specifies/learningOpportunityInstance/date"));
        xml(DELFT, transcript("x.example", achievement, "<date>" + TODAY + "</date><status>failed</status>")).post("/api/exemption-requests" + target)
                .then().statusCode(400).body("errors[0].field", equalTo(losPath + "/specifies/learningOpportunityInstance/status"));
        xml(DELFT, transcript("x.example", "<identifier type=\"local\">NOPE-1</identifier>", "<date>" + TODAY + "</date>")).post("/api/exemption-requests" + target)
                .then().statusCode(400).body("errors[0].field", equalTo(losPath)).body("errors[0].message", containsString("no registered micro-credential"));
        xml(DELFT, transcript("x.example", achievement, "<date>" + TODAY + "</date>")).post("/api/exemption-requests?targetCourseTitle=T")
                .then().statusCode(400).body("errors.field", hasItems("targetCourseCode", "targetCourseEcts"));
        xml(DELFT, transcript("x.example", achievement, "<date>" + TODAY + "</date>")).post("/api/exemption-requests" + target + "&email=not-an-address")
                .then().statusCode(400).body("errors[0].field", equalTo("email"));
        xml(DELFT, "<elmo xmlns=\"urn:wrong\"/>".getBytes()).post("/api/exemption-requests" + target).then().statusCode(400).body("errors[0].field", equalTo("/elmo"));
        xml(DELFT, "<elmo".getBytes()).post("/api/exemption-requests" + target).then().statusCode(400).body("errors[0].field", equalTo("/"));
        String ns = "https://github.com/emrex-eu/elmo-schemas/tree/v1";
        for (String hostile : List.of(
                "<?xml version=\"1.0\"?><!DOCTYPE elmo [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><elmo xmlns=\"" + ns + "\"><learner><givenNames>&x;</givenNames></learner></elmo>",
                "<?xml version=\"1.0\"?><!DOCTYPE elmo SYSTEM \"http://127.0.0.1:9/elmo.dtd\"><elmo xmlns=\"" + ns + "\"/>",
                "<?xml version=\"1.0\"?><!DOCTYPE elmo [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]><elmo xmlns=\"" + ns + "\">&e;&e;&e;&e;</elmo>",
                "<elmo xmlns=\"" + ns + "\">" + "<a>".repeat(50_000) + "</a>".repeat(50_000) + "</elmo>")) {
            xml(DELFT, hostile.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/exemption-requests" + target).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", not(containsString("root:")));
        }
        xml(DELFT, new byte[1_100_000]).post("/api/exemption-requests" + target).then().statusCode(413);
        xml(COORDINATOR, own).post("/api/exemption-requests" + target).then().statusCode(403);
        xml(boardMember, own).post("/api/exemption-requests" + target).then().statusCode(403);
        anonymous(base).contentType("application/xml").body(own).post("/api/exemption-requests" + target).then().statusCode(401);
        int after = as(base, DELFT).get("/api/exemption-requests").then().extract().path("totalItems");
        assertThat(after).as("nothing recorded by the refused documents").isEqualTo(before);
    }

    /** A home institution's ELMO transcript naming one learning opportunity (the micro-credential) of an issuer with this SCHAC home. */
    private static byte[] transcript(String schacHome, String identifiers, String instance) {
        return ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1">
                  <generatedDate>2026-02-01T09:00:00+01:00</generatedDate>
                  <learner><givenNames>Daan</givenNames><familyName>de Jong</familyName><alternativeName/></learner>
                  <report>
                    <issuer><country>NL</country><identifier type="schac">%s</identifier><title>Home</title><url>https://home.example</url></issuer>
                    <learningOpportunitySpecification>
                      %s
                      <title xml:lang="en">A micro-credential</title>
                      <specifies><learningOpportunityInstance>%s<credit><scheme>ects</scheme><value>5</value></credit></learningOpportunityInstance></specifies>
                    </learningOpportunitySpecification>
                    <issueDate>2026-02-01T09:00:00+01:00</issueDate>
                  </report>
                </elmo>
                """.formatted(schacHome, identifiers, instance)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
