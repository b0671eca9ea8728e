package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Recognition agreements over HTTP on PostgreSQL: the two- and three-party approval flows on the terms hash, stale
 * hashes, edits that void approvals, deletion and termination rules, expiry, the recognition query, visibility,
 * concurrent approvals, and webhook notifications with retries.
 */
@SharedRegistry.Suite
class AgreementsApiIT {

    @SharedRegistry.Base
    URL base;

    private static final String LEIDEN = TestTokens.institutionAdmin("universiteit-leiden");
    private static final String DELFT = TestTokens.institutionAdmin("tu-delft");
    private static final String HU = TestTokens.institutionAdmin("hogeschool-utrecht");
    private static final String FONTYS = TestTokens.institutionAdmin("fontys");
    private static final String COORDINATOR = TestTokens.coordinator();

    private static Map<String, Object> agreement(String kind, List<String> parties, String terms) {
        Map<String, Object> a = new HashMap<>();
        a.put("title", "Test agreement " + terms);
        a.put("kind", kind);
        a.put("parties", parties);
        a.put("effect", "ELECTIVE_CREDITS");
        a.put("terms", terms);
        a.put("validFrom", "2026-01-01");
        a.put("validUntil", "2030-12-31");
        return a;
    }

    private JsonPath create(String token, Map<String, Object> body) {
        return as(base, token).body(body).post("/api/agreements").then().statusCode(201).extract().jsonPath();
    }

    private JsonPath read(String token, String id) {
        return as(base, token).get("/api/agreements/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath propose(String token, String id) {
        int version = read(token, id).getInt("version");
        return as(base, token).header("If-Match", "\"" + version + "\"").post("/api/agreements/" + id + "/propose")
                .then().statusCode(200).extract().jsonPath();
    }

    private io.restassured.response.Response approve(String token, String id, String hash) {
        return as(base, token).body(Map.of("termsHash", hash)).post("/api/agreements/" + id + "/approvals");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** An ACTIVE bilateral agreement between Leiden and TU Delft. */
    private String activeLeidenDelft(String terms) {
        String id = create(LEIDEN, agreement("BILATERAL", List.of("universiteit-leiden", "tu-delft"), terms)).getString("id");
        String hash = propose(LEIDEN, id).getString("termsHash");
        approve(LEIDEN, id, hash).then().statusCode(200);
        approve(DELFT, id, hash).then().statusCode(200);
        return id;
    }

    @Test
    void twoPartiesApproveTheExactTermsAndTheAgreementTurnsActive() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        JsonPath created = create(LEIDEN, agreement("BILATERAL", List.of("tu-delft", "universiteit-leiden"), "Two-party terms"));
        String id = created.getString("id");
        assertThat(created.getString("status")).isEqualTo("DRAFT");
        assertThat(created.getString("termsHash")).matches("[0-9a-f]{64}").isEqualTo(sha256(created.getString("canonicalTerms")));
        assertThat(created.getList("actions", String.class)).containsExactly("edit", "propose", "delete");
        // a draft is the parties' business
        anonymous(base).get("/api/agreements/" + id).then().statusCode(404);
        as(base, HU).get("/api/agreements/" + id).then().statusCode(404);
        as(base, COORDINATOR).get("/api/agreements/" + id).then().statusCode(200);
        // nothing to approve before it is proposed
        approve(DELFT, id, created.getString("termsHash")).then().statusCode(409).body("allowed", contains("edit", "propose", "delete"));

        String hash = propose(DELFT, id).getString("termsHash");
        assertThat(hash).isEqualTo(created.getString("termsHash"));
        approve(LEIDEN, id, hash).then().statusCode(200).body("status", equalTo("PROPOSED"))
                .body("awaitingApproval", contains("tu-delft")).body("approvals.institution", contains("universiteit-leiden"));
        approve(LEIDEN, id, hash).then().statusCode(409).body("detail", containsString("approved these terms already"));
        approve(DELFT, id, "0".repeat(64)).then().statusCode(409).body("errors[0].field", equalTo("termsHash"));
        approve(DELFT, id, "not-a-hash").then().statusCode(400).body("errors[0].field", equalTo("termsHash"));
        approve(HU, id, hash).then().statusCode(404);
        approve(COORDINATOR, id, hash).then().statusCode(403);

        approve(DELFT, id, hash).then().statusCode(200).body("status", equalTo("ACTIVE")).body("activeVersionNumber", equalTo(1))
                .body("activeTermsHash", equalTo(hash)).body("awaitingApproval", empty())
                .body("approvals.institution", contains("universiteit-leiden", "tu-delft"));

        // public now, with its full history
        anonymous(base).get("/api/agreements/" + id).then().statusCode(200).body("status", equalTo("ACTIVE")).body("actions", empty());
        as(base, LEIDEN).get("/api/agreements/" + id + "/history").then().statusCode(200)
                .body("action", contains("CREATED", "PROPOSED", "APPROVED", "APPROVED", "ACTIVATED"))
                .body("[4].to", equalTo("ACTIVE"));
        as(base, LEIDEN).delete("/api/agreements/" + id).then().statusCode(409);
        anonymous(base).queryParam("updatedSince", before.toString()).queryParam("pageSize", 250).get("/api/agreements")
                .then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void threePartiesAndAnEditThatVoidsTheApprovals() {
        List<String> parties = List.of("hogeschool-utrecht", "universiteit-leiden", "tu-delft");
        String id = create(HU, agreement("MULTILATERAL", parties, "Three-party terms")).getString("id");
        String first = propose(HU, id).getString("termsHash");
        approve(HU, id, first).then().statusCode(200);
        approve(LEIDEN, id, first).then().statusCode(200);

        Map<String, Object> changed = agreement("MULTILATERAL", parties, "Three-party terms, revised");
        int version = read(HU, id).getInt("version");
        JsonPath edited = as(base, HU).header("If-Match", "\"" + version + "\"").body(changed).put("/api/agreements/" + id)
                .then().statusCode(200).extract().jsonPath();
        String second = edited.getString("termsHash");
        assertThat(second).isNotEqualTo(first);
        assertThat(edited.getInt("versionNumber")).isEqualTo(2);
        assertThat(edited.getString("status")).isEqualTo("PROPOSED");
        assertThat(edited.getList("approvals")).isEmpty();
        assertThat(edited.getList("awaitingApproval", String.class)).containsExactlyInAnyOrderElementsOf(parties);
        // a stale If-Match and a stale hash are both refused
        as(base, HU).header("If-Match", "\"" + version + "\"").body(changed).put("/api/agreements/" + id).then().statusCode(412);
        approve(DELFT, id, first).then().statusCode(409).body("detail", containsString("not the current terms hash"));

        approve(DELFT, id, second).then().statusCode(200).body("status", equalTo("PROPOSED"));
        approve(HU, id, second).then().statusCode(200).body("status", equalTo("PROPOSED"));
        approve(LEIDEN, id, second).then().statusCode(200).body("status", equalTo("ACTIVE")).body("activeVersionNumber", equalTo(2));

        // a change of an ACTIVE agreement: still in force on version 2 until every party approves version 3
        Map<String, Object> third = agreement("MULTILATERAL", parties, "Three-party terms, third edition");
        third.put("effect", "COURSE_EXEMPTION");
        JsonPath pending = as(base, LEIDEN).body(third).put("/api/agreements/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(pending.getString("status")).isEqualTo("ACTIVE");
        assertThat(pending.getInt("versionNumber")).isEqualTo(3);
        assertThat(pending.getInt("activeVersionNumber")).isEqualTo(2);
        assertThat(pending.getBoolean("pendingApproval")).isTrue();
        assertThat(pending.getList("actions", String.class)).contains("approve");
        anonymous(base).get("/api/agreements/" + id).then().statusCode(200).body("versionNumber", equalTo(2))
                .body("termsHash", equalTo(second)).body("effect", equalTo("ELECTIVE_CREDITS"));
        as(base, HU).get("/api/agreements/" + id + "/versions").then().statusCode(200)
                .body("number", contains(3, 2, 1)).body("[1].active", equalTo(true)).body("[1].approvals", org.hamcrest.Matchers.hasSize(3));
        anonymous(base).get("/api/agreements/" + id + "/versions").then().statusCode(200).body("number", contains(2, 1));
        // a title-only change keeps the hash
        third.put("title", "Renamed three-party agreement");
        as(base, LEIDEN).body(third).put("/api/agreements/" + id).then().statusCode(200)
                .body("versionNumber", equalTo(3)).body("termsHash", equalTo(pending.getString("termsHash")));
    }

    @Test
    void onlyNeverApprovedAgreementsAreDeletedAndIdsAreNotReused() {
        String draft = create(LEIDEN, agreement("BILATERAL", List.of("universiteit-leiden", "tu-delft"), "To be deleted")).getString("id");
        as(base, HU).delete("/api/agreements/" + draft).then().statusCode(404);
        as(base, DELFT).header("If-Match", "\"999\"").delete("/api/agreements/" + draft).then().statusCode(412);
        as(base, DELFT).delete("/api/agreements/" + draft).then().statusCode(204);
        as(base, LEIDEN).get("/api/agreements/" + draft).then().statusCode(404);
        String again = create(LEIDEN, agreement("BILATERAL", List.of("universiteit-leiden", "tu-delft"), "To be deleted")).getString("id");
        assertThat(again).isNotEqualTo(draft);

        String hash = propose(LEIDEN, again).getString("termsHash");
        approve(DELFT, again, hash).then().statusCode(200);
        as(base, LEIDEN).delete("/api/agreements/" + again).then().statusCode(409).body("detail", containsString("can no longer be deleted"));
    }

    @Test
    void terminationNeedsAReasonAndExpiryIsAlwaysTrueWhenRead() {
        String id = activeLeidenDelft("To be terminated");
        as(base, LEIDEN).body(Map.of()).post("/api/agreements/" + id + "/terminate").then().statusCode(400)
                .body("errors.field", hasItems("reason", "effectiveOn"));
        as(base, LEIDEN).body(Map.of("reason", "x", "effectiveOn", "2020-01-01")).post("/api/agreements/" + id + "/terminate")
                .then().statusCode(400).body("errors[0].field", equalTo("effectiveOn"));
        as(base, HU).body(Map.of("reason", "x", "effectiveOn", LocalDate.now().plusDays(30).toString())).post("/api/agreements/" + id + "/terminate")
                .then().statusCode(403);
        as(base, DELFT).body(Map.of("reason", "Programme discontinued", "effectiveOn", LocalDate.now().plusDays(30).toString()))
                .post("/api/agreements/" + id + "/terminate").then().statusCode(200)
                .body("status", equalTo("TERMINATED")).body("terminationReason", equalTo("Programme discontinued"));
        as(base, DELFT).body(Map.of("reason", "again", "effectiveOn", LocalDate.now().plusDays(30).toString()))
                .post("/api/agreements/" + id + "/terminate").then().statusCode(409);
        as(base, LEIDEN).get("/api/agreements/" + id + "/history").then().body("action", hasItem("TERMINATED"));

        // proposed for a period that has passed: it reads EXPIRED and can no longer be approved
        Map<String, Object> past = agreement("BILATERAL", List.of("universiteit-leiden", "tu-delft"), "Long gone");
        past.put("validFrom", "2024-01-01");
        past.put("validUntil", "2024-12-31");
        String old = create(LEIDEN, past).getString("id");
        String hash = propose(LEIDEN, old).getString("termsHash");
        approve(LEIDEN, old, hash).then().statusCode(409).body("detail", containsString("cannot be approved while it is expired"));
        as(base, LEIDEN).queryParam("status", "EXPIRED").queryParam("pageSize", 250).get("/api/agreements").then().statusCode(200)
                .body("items.id", hasItem(old)).body("items.status", everyItemEquals("EXPIRED"));
        as(base, LEIDEN).get("/api/agreements/" + old).then().body("status", equalTo("EXPIRED"));
        as(base, LEIDEN).get("/api/agreements/" + old + "/history").then().body("action", hasItem("EXPIRED"));
        anonymous(base).queryParam("status", "ACTIVE").queryParam("pageSize", 250).get("/api/agreements").then().statusCode(200)
                .body("items.id", not(hasItem(old))).body("items.status", everyItemEquals("ACTIVE"));
        anonymous(base).queryParam("status", "SOMETIMES").get("/api/agreements").then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    private static org.hamcrest.Matcher<Iterable<? extends Object>> everyItemEquals(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }

    @Test
    void theRecognitionQueryListsTheAgreementsInForceStrongestFirst() {
        String programme = anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1)
                .get("/api/programmes").then().statusCode(200).extract().path("items[0].id");
        // before: the pilot's consortium-wide agreement only (the demo data)
        anonymous(base).queryParam("programme", programme).queryParam("institution", "hogeschool-utrecht").get("/api/recognition")
                .then().statusCode(200).body("recognised", equalTo(true)).body("agreements.effect", not(hasItem("ADMISSION")))
                .body("agreements.effect", hasItem("IN_PRINCIPLE"));

        Map<String, Object> body = agreement("BILATERAL", List.of("universiteit-leiden", "hogeschool-utrecht"), "Admission for one programme");
        body.put("effect", "ADMISSION");
        body.put("scope", Map.of("programmes", List.of(programme)));
        String id = create(HU, body).getString("id");
        String hash = propose(HU, id).getString("termsHash");
        approve(HU, id, hash).then().statusCode(200);
        approve(LEIDEN, id, hash).then().statusCode(200).body("status", equalTo("ACTIVE"));

        JsonPath recognition = anonymous(base).queryParam("programme", programme).queryParam("institution", "hogeschool-utrecht")
                .get("/api/recognition").then().statusCode(200).extract().jsonPath();
        List<String> effects = recognition.getList("agreements.effect", String.class);
        assertThat(effects).contains("ADMISSION", "IN_PRINCIPLE");
        assertThat(effects.indexOf("ADMISSION")).isLessThan(effects.indexOf("IN_PRINCIPLE"));
        assertThat(recognition.getList("agreements.id", String.class)).contains(id);
        // the issuer does not "recognise" its own programme; another member has the pilot's agreement only
        anonymous(base).queryParam("programme", programme).queryParam("institution", "universiteit-leiden").get("/api/recognition")
                .then().statusCode(200).body("recognised", equalTo(false)).body("agreements", empty());
        anonymous(base).queryParam("programme", programme).queryParam("institution", "fontys").get("/api/recognition")
                .then().statusCode(200).body("agreements.id", not(hasItem(id)));
        // the programme's verification counts the recognising members: every other active member under the pilot's agreement
        int members = anonymous(base).queryParam("pageSize", 250).get("/api/institutions").then().extract().path("totalItems");
        int recognisedBy = anonymous(base).get("/api/programmes/" + programme + "/verification").then().statusCode(200)
                .extract().path("recognisedByInstitutions");
        assertThat(recognisedBy).isBetween(members - 2, members - 1);
        // scoped search of agreements by programme
        anonymous(base).queryParam("programme", programme).queryParam("pageSize", 250).get("/api/agreements").then().statusCode(200)
                .body("items.id", hasItem(id));

        anonymous(base).get("/api/recognition").then().statusCode(400).body("errors.field", hasItems("programme", "institution"));
        anonymous(base).queryParam("programme", "no-such-programme").queryParam("institution", "tu-delft").get("/api/recognition").then().statusCode(404);
        anonymous(base).queryParam("programme", programme).queryParam("institution", "nowhere").get("/api/recognition").then().statusCode(404);
    }

    @Test
    void anActiveAgreementPastItsValidUntilReadsExpiredAndNoLongerCounts() throws Exception {
        String programme = anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1)
                .get("/api/programmes").then().statusCode(200).extract().path("items[0].id");
        Map<String, Object> body = agreement("BILATERAL", List.of("universiteit-leiden", "fontys"), "Exemption until it expires");
        body.put("effect", "COURSE_EXEMPTION");
        body.put("scope", Map.of("programmes", List.of(programme)));
        String id = create(FONTYS, body).getString("id");
        String hash = propose(FONTYS, id).getString("termsHash");
        approve(FONTYS, id, hash).then().statusCode(200);
        approve(LEIDEN, id, hash).then().statusCode(200).body("status", equalTo("ACTIVE"));
        anonymous(base).queryParam("programme", programme).queryParam("institution", "fontys").get("/api/recognition")
                .then().statusCode(200).body("strongestEffect", equalTo("COURSE_EXEMPTION")).body("agreements.id", hasItem(id));

        // time passes: its validity ends yesterday (written to the database as a day passing would leave it)
        try (var db = java.sql.DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"),
                System.getProperty("test.db.password"));
             var a = db.prepareStatement("UPDATE agreement SET valid_until = ? WHERE id = ?");
             var v = db.prepareStatement("UPDATE agreement_version SET valid_until = ? WHERE agreement_id = ?")) {
            java.sql.Date yesterday = java.sql.Date.valueOf(LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).minusDays(1));
            a.setDate(1, yesterday);
            a.setString(2, id);
            assertThat(a.executeUpdate()).isEqualTo(1);
            v.setDate(1, yesterday);
            v.setString(2, id);
            assertThat(v.executeUpdate()).isEqualTo(1);
        }
        // written behind the registry's back: the operator's way to have every cached answer built again
        as(base, TestTokens.coordinator()).delete("/api/caches").then().statusCode(204);
        anonymous(base).get("/api/agreements/" + id).then().statusCode(200).body("status", equalTo("EXPIRED"));
        anonymous(base).queryParam("status", "ACTIVE").queryParam("pageSize", 250).get("/api/agreements").then().body("items.id", not(hasItem(id)));
        anonymous(base).queryParam("programme", programme).queryParam("institution", "fontys").get("/api/recognition")
                .then().statusCode(200).body("agreements.id", not(hasItem(id))).body("strongestEffect", equalTo("IN_PRINCIPLE"));
        as(base, FONTYS).body(Map.of("reason", "x", "effectiveOn", LocalDate.now().plusDays(30).toString()))
                .post("/api/agreements/" + id + "/terminate").then().statusCode(409);
    }

    @Test
    void validationNamesTheFieldsAndOnlyPartiesCreate() {
        Map<String, Object> bad = agreement("BILATERAL", List.of("universiteit-leiden", "no-such-school"), "x");
        bad.put("validUntil", "2025-01-01");
        as(base, LEIDEN).body(bad).post("/api/agreements").then().statusCode(400)
                .body("errors.field", hasItems("parties[1]", "validUntil"));
        as(base, HU).body(agreement("BILATERAL", List.of("universiteit-leiden", "tu-delft"), "x")).post("/api/agreements")
                .then().statusCode(400).body("errors[0].field", equalTo("parties")).body("errors[0].message", containsString("your own institution"));
        as(base, COORDINATOR).body(agreement("BILATERAL", List.of("universiteit-leiden", "tu-delft"), "x")).post("/api/agreements")
                .then().statusCode(403);
        anonymous(base).body(agreement("BILATERAL", List.of("universiteit-leiden", "tu-delft"), "x")).post("/api/agreements")
                .then().statusCode(401);
        as(base, LEIDEN).body("{\"title\": \"t\", \"kind\": \"TRILATERAL\"}").post("/api/agreements").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        Map<String, Object> foreign = agreement("BILATERAL", List.of("universiteit-leiden", "tu-delft"), "x");
        String huProgramme = anonymous(base).queryParam("institution", "hogeschool-utrecht").queryParam("pageSize", 1)
                .get("/api/programmes").then().extract().path("items[0].id");
        foreign.put("scope", Map.of("programmes", List.of(huProgramme)));
        as(base, LEIDEN).body(foreign).post("/api/agreements").then().statusCode(400).body("errors[0].field", equalTo("scope.programmes[0]"));
        // the consortium-wide agreement is the coordinators'
        Map<String, Object> wide = agreement("MULTILATERAL", List.of(), "Consortium terms");
        wide.put("consortiumWide", true);
        as(base, LEIDEN).body(wide).post("/api/agreements").then().statusCode(403);
        JsonPath created = create(COORDINATOR, wide);
        assertThat(created.getList("parties")).hasSizeGreaterThanOrEqualTo(30);
        as(base, COORDINATOR).delete("/api/agreements/" + created.getString("id")).then().statusCode(204);
    }

    @Test
    void twoPartiesApprovingAtTheSameMomentBothCount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String id = create(LEIDEN, agreement("BILATERAL", List.of("universiteit-leiden", "tu-delft"), "Race " + round)).getString("id");
                String hash = propose(LEIDEN, id).getString("termsHash");
                CountDownLatch start = new CountDownLatch(1);
                Callable<Integer> leiden = () -> { start.await(); return approve(LEIDEN, id, hash).statusCode(); };
                Callable<Integer> delft = () -> { start.await(); return approve(DELFT, id, hash).statusCode(); };
                Future<Integer> a = pool.submit(leiden);
                Future<Integer> b = pool.submit(delft);
                start.countDown();
                assertThat(List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS))).containsExactly(200, 200);
                read(LEIDEN, id).getString("status");
                assertThat(read(LEIDEN, id).getString("status")).isEqualTo("ACTIVE");
                assertThat(read(LEIDEN, id).getList("approvals")).hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEditRacingAnApprovalNeverLeavesAnActiveAgreementWithApprovalsOfOtherTerms() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String id = create(LEIDEN, agreement("BILATERAL", List.of("universiteit-leiden", "tu-delft"), "Edit race " + round)).getString("id");
                String hash = propose(LEIDEN, id).getString("termsHash");
                approve(LEIDEN, id, hash).then().statusCode(200);
                CountDownLatch start = new CountDownLatch(1);
                Future<Integer> approval = pool.submit(() -> { start.await(); return approve(DELFT, id, hash).statusCode(); });
                Future<Integer> edit = pool.submit(() -> {
                    start.await();
                    return as(base, LEIDEN).body(agreement("BILATERAL", List.of("universiteit-leiden", "tu-delft"), "Edited in the race " + Math.random()))
                            .put("/api/agreements/" + id).statusCode();
                });
                start.countDown();
                int approvalStatus = approval.get(30, TimeUnit.SECONDS);
                int editStatus = edit.get(30, TimeUnit.SECONDS);
                assertThat(editStatus).isEqualTo(200);
                assertThat(approvalStatus).isIn(200, 409);
                JsonPath now = read(LEIDEN, id);
                List<Map<String, Object>> versions = as(base, LEIDEN).get("/api/agreements/" + id + "/versions").then().extract().path("$");
                if ("ACTIVE".equals(now.getString("status"))) {
                    // the approval came first: version 1 is in force, approved by both on its own hash
                    Map<String, Object> active = versions.stream().filter(v -> Boolean.TRUE.equals(v.get("active"))).findFirst().orElseThrow();
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> approvals = (List<Map<String, Object>>) active.get("approvals");
                    assertThat(approvals).extracting(x -> x.get("termsHash")).containsOnly(active.get("termsHash"));
                    assertThat(approvals).extracting(x -> x.get("institution")).containsExactlyInAnyOrder("universiteit-leiden", "tu-delft");
                    assertThat(now.getBoolean("pendingApproval")).isTrue();
                } else {
                    // the edit came first: the approval named stale terms and was refused
                    assertThat(approvalStatus).isEqualTo(409);
                    assertThat(now.getString("status")).isEqualTo("PROPOSED");
                    assertThat(now.getList("approvals")).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPartysWebhookHearsOfEveryChangeAfterCommitAndFailedDeliveriesAreRetried() throws Exception {
        BlockingQueue<String[]> received = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // the first delivery fails: the registry must retry it
            int status = calls.incrementAndGet() == 1 ? 503 : 204;
            if (status == 204) received.add(new String[] {body, exchange.getRequestHeaders().getFirst("X-Registry-Signature")});
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            as(base, FONTYS).body(Map.of("url", "ftp://example.org/hook")).put("/api/institutions/fontys/webhook")
                    .then().statusCode(400).body("errors[0].field", equalTo("url"));
            as(base, HU).body(Map.of("url", url)).put("/api/institutions/fontys/webhook").then().statusCode(403);
            String secret = as(base, FONTYS).body(Map.of("url", url)).put("/api/institutions/fontys/webhook")
                    .then().statusCode(200).body("url", equalTo(url)).extract().path("secret");
            assertThat(secret).hasSizeGreaterThanOrEqualTo(32);

            String id = create(FONTYS, agreement("BILATERAL", List.of("fontys", "tu-delft"), "Notified")).getString("id");
            String[] first = received.poll(30, TimeUnit.SECONDS);
            assertThat(first).as("a delivery within 30 s").isNotNull();
            assertThat(first[0]).isEqualTo("{\"agreement\":\"" + id + "\"}");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertThat(first[1]).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(first[0].getBytes(StandardCharsets.UTF_8))));
            assertThat(calls.get()).as("the first attempt failed and was retried").isGreaterThanOrEqualTo(2);

            propose(DELFT, id);
            String[] second = received.poll(30, TimeUnit.SECONDS);
            assertThat(second).isNotNull();
            assertThat(second[0]).contains(id);

            // a change that fails (and rolls back) notifies nobody
            as(base, FONTYS).body(Map.of("termsHash", "0".repeat(64))).post("/api/agreements/" + id + "/approvals").then().statusCode(409);
            assertThat(received.poll(4, TimeUnit.SECONDS)).isNull();

            List<Map<String, Object>> deliveries = as(base, FONTYS).get("/api/institutions/fontys/webhook").then().statusCode(200)
                    .extract().path("recentDeliveries");
            assertThat(deliveries).extracting(d -> d.get("status")).containsOnly("DELIVERED");
            assertThat(deliveries).anySatisfy(d -> assertThat((Integer) d.get("attempts")).isGreaterThanOrEqualTo(2));
            as(base, FONTYS).delete("/api/institutions/fontys/webhook").then().statusCode(204);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void listsArePagedAndFilteredByParty() {
        activeLeidenDelft("Listed");
        JsonPath page = anonymous(base).queryParam("institution", "tu-delft").queryParam("pageSize", 2).get("/api/agreements")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items")).hasSize(2);
        assertThat(page.getInt("totalItems")).isGreaterThanOrEqualTo(2);
        List<List<String>> parties = new ArrayList<>(page.getList("items.parties"));
        assertThat(parties).allSatisfy(p -> assertThat(p).contains("tu-delft"));
        anonymous(base).queryParam("pageSize", 251).get("/api/agreements").then().statusCode(400).body("errors[0].field", equalTo("pageSize"));
        anonymous(base).queryParam("sort", "nonsense").get("/api/agreements").then().statusCode(400).body("errors[0].field", equalTo("sort"));
    }
}
