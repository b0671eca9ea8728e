package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Micro-credential programmes over HTTP on PostgreSQL: registration under the pilot's rules, publication, versions,
 * withdrawal, scoping between institutions, the catalogue's filters and full-text search, and verification.
 */
@SharedRegistry.Suite
class ProgrammesApiIT {

    @SharedRegistry.Base
    URL base;

    private static final String DELFT = TestTokens.institutionAdmin("tu-delft");
    private static final String LEIDEN = TestTokens.institutionAdmin("universiteit-leiden");
    private static final String HU = TestTokens.institutionAdmin("hogeschool-utrecht");

    /** A complete, publishable programme. */
    private static Map<String, Object> complete(String title) {
        Map<String, Object> p = new HashMap<>();
        p.put("courseCode", "IT-" + UUID.randomUUID().toString().substring(0, 6));
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
        p.put("edubadgeBadgeClassUrl", "https://edubadges.example/public/badgeclass/" + UUID.randomUUID());
        return p;
    }

    private String create(String token, Map<String, Object> body) {
        return as(base, token).body(body).post("/api/programmes").then().statusCode(201).extract().path("id");
    }

    private int version(String token, String id) {
        return as(base, token).get("/api/programmes/" + id).then().statusCode(200).extract().path("version");
    }

    private void publish(String token, String id) {
        as(base, token).header("If-Match", "\"" + version(token, id) + "\"").post("/api/programmes/" + id + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
    }

    private static final java.util.concurrent.CountDownLatch slowArrived = new java.util.concurrent.CountDownLatch(1);
    private static final java.util.concurrent.CountDownLatch slowRelease = new java.util.concurrent.CountDownLatch(1);

    /** edubadges as the tests' stand-in: badge classes in edubadges' public JSON shape, and answers no badge class gives. */
    private static com.sun.net.httpserver.HttpServer edubadges(java.util.concurrent.atomic.AtomicInteger requests) throws java.io.IOException {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/public/badges/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            int status = 200;
            String body;
            if (path.endsWith("/slow")) {
                // holds the check (and its lease) open until the test lets go, then answers as a disagreeing class
                slowArrived.countDown();
                try {
                    slowRelease.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (path.endsWith("/agrees") || path.endsWith("/disagrees") || path.endsWith("/slow")) {
                String ects = path.endsWith("/agrees") ? "5" : "4";
                body = "{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"BadgeClass\",\"name\":\"Stand-in\","
                        + "\"extensions:ECTSExtension\":{\"type\":[\"Extension\",\"extensions:ECTSExtension\"],\"ECTS\":" + ects + "},"
                        + "\"extensions:EQFExtension\":{\"EQF\":6},\"extensions:LanguageExtension\":{\"Language\":\"en_EN\"}"
                        + ("expand=micro".equals(query) ? ",\"participation\":\"online\"" : ",\"participation\":\"onsite\"") + "}";
            } else if (path.endsWith("/garbage")) {
                body = "<html>not a badge class</html>";
            } else {
                status = 404;
                body = "{\"detail\":\"not found\"}";
            }
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private Map<String, Object> checkOf(String id) {
        long until = System.currentTimeMillis() + 30_000;
        while (true) {
            Map<String, Object> check = as(base, DELFT).get("/api/programmes/" + id + "/badge-class-check").then().statusCode(200).extract().as(Map.class);
            if (!"PENDING".equals(check.get("status")) || System.currentTimeMillis() > until) return check;
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return check;
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEditWhileTheBadgeClassIsBeingCheckedWinsAndIsCheckedAgain() throws Exception {
        var server = edubadges(new java.util.concurrent.atomic.AtomicInteger());
        try {
            String stand = "http://127.0.0.1:" + server.getAddress().getPort() + "/public/badges/" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> body = complete("Badge class raced");
            body.put("edubadgeBadgeClassUrl", stand + "/slow");
            String id = create(DELFT, body);
            publish(DELFT, id);
            // the checker has claimed the check and waits for the stand-in: now the institution publishes a revision
            assertThat(slowArrived.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the check of the first version started").isTrue();
            body.put("edubadgeBadgeClassUrl", stand + "/agrees");
            int version = version(DELFT, id);
            var revised = as(base, DELFT).header("If-Match", "\"" + version + "\"").body(body).put("/api/programmes/" + id);
            assertThat(revised.statusCode()).as("a running background check never fails the user's edit: " + revised.asString()).isEqualTo(200);
            slowRelease.countDown();
            // the slow answer about the old badge class is not recorded over the new version's check
            long until = System.currentTimeMillis() + 30_000;
            Map<String, Object> check;
            do {
                Thread.sleep(300);
                check = as(base, DELFT).get("/api/programmes/" + id + "/badge-class-check").then().statusCode(200).extract().as(Map.class);
            } while (!"AGREES".equals(check.get("status")) && System.currentTimeMillis() < until);
            assertThat((String) check.get("badgeClassUrl")).endsWith("/agrees");
            assertThat(check.get("status")).as(check.toString()).isEqualTo("AGREES");
            assertThat(check.get("versionNumber")).isEqualTo(2);
        } finally {
            slowRelease.countDown();
            server.stop(0);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishingChecksTheEdubadgesBadgeClassAndWarnsOfDisagreements() throws Exception {
        var requests = new java.util.concurrent.atomic.AtomicInteger();
        var server = edubadges(requests);
        try {
            String stand = "http://127.0.0.1:" + server.getAddress().getPort() + "/public/badges/" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> ids = new HashMap<>();
            for (String kind : List.of("agrees", "disagrees", "garbage", "missing")) {
                Map<String, Object> body = complete("Badge class " + kind);
                body.put("edubadgeBadgeClassUrl", stand + "/" + kind);
                String id = create(DELFT, body);
                // a draft names its badge class, but nothing is checked before publication
                as(base, DELFT).get("/api/programmes/" + id + "/badge-class-check").then().statusCode(404);
                publish(DELFT, id);
                ids.put(kind, id);
            }
            Map<String, Object> agrees = checkOf(ids.get("agrees"));
            assertThat(agrees.get("status")).as(agrees.toString()).isEqualTo("AGREES");
            assertThat((String) agrees.get("badgeClassUrl")).endsWith("/agrees");
            Map<String, Object> disagrees = checkOf(ids.get("disagrees"));
            assertThat(disagrees.get("status")).as(disagrees.toString()).isEqualTo("DISAGREES");
            assertThat((List<Map<String, Object>>) disagrees.get("findings"))
                    .containsExactly(Map.of("field", "ects", "registered", "5", "badgeClass", "4"));
            assertThat(checkOf(ids.get("garbage")).get("status")).isEqualTo("INVALID");
            Map<String, Object> missing = checkOf(ids.get("missing"));
            assertThat(missing.get("status")).isEqualTo("UNREACHABLE");
            assertThat((String) missing.get("detail")).contains("404");

            // the public verification tells the same; the institution and the coordinators see the warnings
            anonymous(base).get("/api/programmes/" + ids.get("disagrees") + "/verification").then().statusCode(200)
                    .body("registered", equalTo(true)).body("badgeClassCheck.status", equalTo("DISAGREES"));
            List<String> warned = as(base, DELFT).get("/api/programmes/badge-class-warnings").then().statusCode(200).extract().path("programmeId");
            assertThat(warned).contains(ids.get("disagrees"), ids.get("garbage"), ids.get("missing")).doesNotContain(ids.get("agrees"));
            List<String> coordinator = as(base, TestTokens.coordinator()).get("/api/programmes/badge-class-warnings").then().statusCode(200)
                    .extract().path("programmeId");
            assertThat(coordinator).contains(ids.get("disagrees"));
            List<String> leiden = as(base, LEIDEN).get("/api/programmes/badge-class-warnings").then().statusCode(200).extract().path("programmeId");
            assertThat(leiden).doesNotContain(ids.get("disagrees"));
            as(base, LEIDEN).get("/api/programmes/" + ids.get("disagrees") + "/badge-class-check").then().statusCode(404);
            anonymous(base).get("/api/programmes/" + ids.get("disagrees") + "/badge-class-check").then().statusCode(401);

            // asked again: checked again (the stand-in counts the requests)
            int before = requests.get();
            as(base, DELFT).post("/api/programmes/" + ids.get("agrees") + "/badge-class-check").then().statusCode(202).body("status", equalTo("AGREES"));
            long until = System.currentTimeMillis() + 20_000;
            while (requests.get() == before && System.currentTimeMillis() < until) Thread.sleep(200);
            assertThat(requests.get()).isGreaterThan(before);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPublishedVersionIsAnOpenBadgesAchievementAtAStableUrl() {
        String id = create(DELFT, complete("Open Badges Robotics"));
        // a draft is no achievement yet
        anonymous(base).get("/api/programmes/" + id + "/achievement").then().statusCode(404).contentType("application/problem+json");
        publish(DELFT, id);
        String achievementUrl = base.toString().replaceAll("/$", "") + "/api/programmes/" + id + "/versions/1/achievement";
        anonymous(base).accept("application/ld+json").get("/api/programmes/" + id + "/achievement").then().statusCode(200)
                .contentType("application/ld+json")
                .body("id", equalTo(achievementUrl)).body("type", equalTo(List.of("Achievement")))
                .body("achievementType", equalTo("MicroCredential")).body("creditsAvailable", equalTo(5.0f))
                .body("name", equalTo("Open Badges Robotics")).body("inLanguage", equalTo("en"))
                .body("creator.id", endsWith("/api/institutions/tu-delft/profile"))
                .body("alignment.targetFramework", equalTo(List.of("NLQF", "EQF")))
                .body("related[0].inLanguage", equalTo("nl"));
        anonymous(base).get("/api/programmes/" + id + "/versions/1/achievement?lang=nl").then().statusCode(200)
                .contentType("application/json").body("name", equalTo("Open Badges Robotics (NL)")).body("id", equalTo(achievementUrl + "?lang=nl"));
        anonymous(base).get("/api/programmes/" + id + "/versions/1/achievement?lang=fr").then().statusCode(400)
                .body("errors[0].field", equalTo("lang"));
        anonymous(base).get("/api/programmes/" + id + "/versions/2/achievement").then().statusCode(404);
        anonymous(base).get("/api/programmes/" + UUID.randomUUID() + "/achievement").then().statusCode(404);
        anonymous(base).accept("application/ld+json").get("/api/institutions/tu-delft/profile").then().statusCode(200)
                .contentType("application/ld+json").body("type", equalTo(List.of("Profile"))).body("name", equalTo("Technische Universiteit Delft"));
        anonymous(base).get("/api/institutions/no-such-member/profile").then().statusCode(404);
    }

    @Test
    void anonymousReadsComeFromTheSharedCacheAndEveryChangeIsInTheVeryNextRead() {
        var body = complete("Cache Coherence");
        String id = create(DELFT, body);
        publish(DELFT, id);
        String list = "/api/programmes?institution=tu-delft&q=coherence&pageSize=50";
        String course = "/ooapi/v5/courses/" + id;

        // the first read builds and keeps the answer, the second comes from the cache, byte for byte the same
        var first = anonymous(base).get(list).then().statusCode(200).header("Cache-Status", containsString("fwd=miss"))
                .header("Cache-Control", equalTo("public, no-cache")).body("items.id", hasItem(id)).extract();
        var second = anonymous(base).get(list).then().statusCode(200).header("Cache-Status", equalTo("Registry; hit"))
                .header("ETag", equalTo(first.header("ETag"))).header("X-Content-Type-Options", equalTo("nosniff")).extract();
        org.junit.jupiter.api.Assertions.assertEquals(first.asString(), second.asString());
        String etag = first.header("ETag");
        anonymous(base).header("If-None-Match", etag).get(list).then().statusCode(304).header("ETag", equalTo(etag));
        anonymous(base).get(course).then().statusCode(200).body("name.value", hasItem("Cache Coherence"));
        anonymous(base).get(course).then().statusCode(200).header("Cache-Status", equalTo("Registry; hit"));
        String programmeTag = anonymous(base).get("/api/programmes/" + id).then().statusCode(200).extract().header("ETag");
        anonymous(base).get("/api/programmes/" + id).then().statusCode(200).header("ETag", equalTo(programmeTag))
                .header("Cache-Status", equalTo("Registry; hit"));
        // staff never get the public's answer, nor is theirs kept
        as(base, DELFT).get(list).then().statusCode(200).header("Cache-Status", nullValue())
                .header("Cache-Control", equalTo("no-store"));

        // an edit: the very next read of the list, the programme, its facets and its OOAPI course shows it
        body.put("title", Map.of("en", "Cache Coherence Revised"));
        as(base, DELFT).header("If-Match", "\"" + version(DELFT, id) + "\"").body(body).put("/api/programmes/" + id)
                .then().statusCode(200).body("versionNumber", equalTo(2));
        anonymous(base).get(list).then().statusCode(200).header("Cache-Status", containsString("fwd=miss"))
                .header("ETag", not(equalTo(etag))).body("items.find { it.id == '" + id + "' }.title.en", equalTo("Cache Coherence Revised"));
        anonymous(base).header("If-None-Match", etag).get(list).then().statusCode(200);
        anonymous(base).get("/api/programmes/" + id).then().statusCode(200).header("ETag", not(equalTo(programmeTag)))
                .body("title.en", equalTo("Cache Coherence Revised"));
        anonymous(base).get(course).then().statusCode(200).body("name.value", hasItem("Cache Coherence Revised"));

        // a withdrawal: gone from the public's catalogue at once
        as(base, DELFT).body(Map.of("reason", "Cache test")).post("/api/programmes/" + id + "/withdraw").then().statusCode(200);
        anonymous(base).get(list).then().statusCode(200).body("items.id", not(hasItem(id)));
        anonymous(base).get("/api/programmes/" + id).then().statusCode(200).body("status", equalTo("WITHDRAWN"));

        // after a change by hand in the database, a coordinator drops every cached answer
        anonymous(base).get(list).then().statusCode(200).header("Cache-Status", equalTo("Registry; hit"));
        anonymous(base).delete("/api/caches").then().statusCode(401);
        as(base, DELFT).delete("/api/caches").then().statusCode(403);
        as(base, TestTokens.coordinator()).delete("/api/caches").then().statusCode(204);
        anonymous(base).get(list).then().statusCode(200).header("Cache-Status", containsString("fwd=miss"));
    }

    @Test
    void anAdminRegistersPublishesRevisesAndWithdrawsAProgramme() {
        var body = complete("Bridge Engineering");
        body.remove("description");
        var created = as(base, DELFT).body(body).post("/api/programmes").then().statusCode(201)
                .header("Location", containsString("/api/programmes/")).header("ETag", not(nullValue()))
                .body("status", equalTo("DRAFT")).body("institution", equalTo("tu-delft")).body("versionNumber", equalTo(1))
                .body("studyHours", equalTo(140)) // 28 x 5 EC by default
                .body("qualityAssurance.name", equalTo("Kwaliteitskader Microcredentials voor Professionals HBO en WO"))
                .extract().jsonPath();
        String id = created.getString("id");

        // a draft is edited in place
        body.put("ects", 6);
        as(base, DELFT).header("If-Match", "\"" + created.getInt("version") + "\"").body(body).put("/api/programmes/" + id)
                .then().statusCode(200).body("versionNumber", equalTo(1)).body("ects", equalTo(6.0f)).body("studyHours", equalTo(168));

        publish(DELFT, id);
        anonymous(base).get("/api/programmes/" + id).then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("publishedAt", not(nullValue()));

        // a change to a published programme is a new, published version; version 1 stays as it was
        body.put("ects", 7.5);
        body.put("title", Map.of("en", "Bridge Engineering II"));
        as(base, DELFT).header("If-Match", "\"" + version(DELFT, id) + "\"").body(body).put("/api/programmes/" + id)
                .then().statusCode(200).body("versionNumber", equalTo(2)).body("status", equalTo("PUBLISHED"));
        anonymous(base).get("/api/programmes/" + id + "/versions").then().statusCode(200)
                .body("versionNumber", equalTo(List.of(2, 1))).body("current", equalTo(List.of(true, false)));
        anonymous(base).get("/api/programmes/" + id + "/versions/1").then().statusCode(200)
                .body("ects", equalTo(6.0f)).body("title.en", equalTo("Bridge Engineering")).body("versionNumber", equalTo(1));
        anonymous(base).get("/api/programmes/" + id + "/versions/9").then().statusCode(404);

        // a published programme cannot lose a mandatory element
        var incomplete = new HashMap<>(body);
        incomplete.remove("learningOutcomes");
        as(base, DELFT).header("If-Match", "\"" + version(DELFT, id) + "\"").body(incomplete).put("/api/programmes/" + id)
                .then().statusCode(409).body("errors.field", hasItem("learningOutcomes"));

        // withdrawal needs a reason, and is recorded
        as(base, DELFT).body(Map.of()).post("/api/programmes/" + id + "/withdraw").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as(base, DELFT).body(Map.of("reason", "Replaced by a new programme")).post("/api/programmes/" + id + "/withdraw")
                .then().statusCode(200).body("status", equalTo("WITHDRAWN")).body("withdrawalReason", equalTo("Replaced by a new programme"));
        as(base, DELFT).body(Map.of("reason", "again")).post("/api/programmes/" + id + "/withdraw").then().statusCode(409)
                .body("allowed", equalTo(List.of("publish")));
        anonymous(base).get("/api/programmes/" + id + "/verification").then().statusCode(200)
                .body("registered", equalTo(false)).body("status", equalTo("WITHDRAWN")).body("reason", containsString("Replaced"));

        // revising a withdrawn programme starts a new unpublished version; the programme stays WITHDRAWN until it is
        // published again, and its published versions stay public and verifiable as withdrawn
        as(base, DELFT).header("If-Match", "\"" + version(DELFT, id) + "\"").body(body).put("/api/programmes/" + id)
                .then().statusCode(200).body("status", equalTo("WITHDRAWN")).body("versionNumber", equalTo(3)).body("publishedAt", nullValue());
        anonymous(base).get("/api/programmes/" + id).then().statusCode(200).body("status", equalTo("WITHDRAWN")).body("versionNumber", equalTo(2));
        anonymous(base).get("/api/programmes/" + id + "/versions/1").then().statusCode(200);
        anonymous(base).get("/api/programmes/" + id + "/versions/3").then().statusCode(404);
        anonymous(base).get("/api/programmes/" + id + "/verification").then().statusCode(200)
                .body("registered", equalTo(false)).body("status", equalTo("WITHDRAWN")).body("reason", containsString("withdrawn"));
        anonymous(base).queryParam("badgeClassUrl", body.get("edubadgeBadgeClassUrl")).get("/api/verify").then().statusCode(200)
                .body("registered", equalTo(false)).body("status", equalTo("WITHDRAWN"));
        as(base, DELFT).header("If-Match", "\"" + version(DELFT, id) + "\"").post("/api/programmes/" + id + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("versionNumber", equalTo(3));
    }

    @Test
    void thePilotsRulesAre400sNamingEachFieldInTheCallersLanguage() {
        var body = complete("Invalid");
        body.put("ects", 31);
        body.put("studyHours", 841);
        body.put("nlqfLevel", "4+");
        body.put("eqfLevel", 5);
        body.put("languages", List.of("en", "xx"));
        body.put("iscedField", "613");
        body.put("microcredentialSince", "2022-12-31");
        as(base, DELFT).body(body).post("/api/programmes").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("ects", "studyHours", "eqfLevel", "languages[1]", "iscedField", "microcredentialSince"));
        as(base, DELFT).header("Accept-Language", "nl").body(body).post("/api/programmes").then().statusCode(400)
                .body("errors.find { it.field == 'microcredentialSince' }.message", containsString("terugwerkende kracht"));
        // unknown enum values are named too
        var badEnum = complete("Enum");
        badEnum.put("assessmentType", "ESSAY");
        as(base, DELFT).body(badEnum).post("/api/programmes").then().statusCode(400).body("errors[0].field", equalTo("assessmentType"));
    }

    @Test
    void theWoExperimentAllowsOneToThreeEcForUniversitiesOnly() {
        var experiment = complete("Short Course");
        experiment.put("ects", 1);
        experiment.put("experimental", true);
        experiment.put("microcredentialSince", "2025-09-01");
        create(DELFT, experiment);
        experiment.put("edubadgeBadgeClassUrl", "https://edubadges.example/public/badgeclass/" + UUID.randomUUID());
        as(base, HU).body(experiment).post("/api/programmes").then().statusCode(400).body("errors.field", hasItems("ects", "experimental"));
        var outside = complete("Too Early");
        outside.put("ects", 2);
        outside.put("experimental", true);
        outside.put("microcredentialSince", "2025-04-30");
        as(base, DELFT).body(outside).post("/api/programmes").then().statusCode(400).body("errors.field", hasItem("ects"));
    }

    @Test
    void publishingAnIncompleteProgrammeNamesWhatIsMissing() {
        String id = create(DELFT, Map.of("title", Map.of("en", "Half Done"), "ects", 4));
        as(base, DELFT).post("/api/programmes/" + id + "/publish").then().statusCode(409)
                .body("errors.field", hasItems("learningOutcomes", "nlqfLevel", "eqfLevel", "assessmentType", "participation", "microcredentialSince"));
        String complete = create(DELFT, complete("Done"));
        publish(DELFT, complete);
        as(base, DELFT).post("/api/programmes/" + complete + "/publish").then().statusCode(409).body("allowed", equalTo(List.of("withdraw")));
    }

    @Test
    void institutionsSeeTheirOwnDraftsAndChangeOnlyTheirOwnProgrammes() {
        String draft = create(DELFT, complete("Delft Draft"));
        anonymous(base).get("/api/programmes/" + draft).then().statusCode(404);
        as(base, LEIDEN).get("/api/programmes/" + draft).then().statusCode(404);
        as(base, TestTokens.boardMember("tu-delft", "any-board")).get("/api/programmes/" + draft).then().statusCode(200);
        as(base, TestTokens.coordinator()).get("/api/programmes/" + draft).then().statusCode(200);

        String published = create(DELFT, complete("Delft Published"));
        publish(DELFT, published);
        as(base, LEIDEN).body(complete("Hijack")).put("/api/programmes/" + published).then().statusCode(403);
        as(base, LEIDEN).body(Map.of("reason", "no")).post("/api/programmes/" + published + "/withdraw").then().statusCode(403);
        as(base, TestTokens.coordinator()).body(complete("Coordinator")).post("/api/programmes").then().statusCode(403);
        anonymous(base).body(complete("Anonymous")).post("/api/programmes").then().statusCode(401);

        // the public list shows published programmes only; staff lists add their own drafts
        anonymous(base).queryParam("pageSize", 250).get("/api/programmes").then().statusCode(200)
                .body("items.status", everyItem(equalTo("PUBLISHED"))).body("items.id", not(hasItem(draft)));
        as(base, DELFT).queryParam("institution", "tu-delft").queryParam("status", "DRAFT").queryParam("pageSize", 250)
                .get("/api/programmes").then().statusCode(200).body("items.id", hasItem(draft));
    }

    @Test
    void staleIfMatchIs412AndChangesNothing() {
        String id = create(DELFT, complete("Concurrency"));
        int v = version(DELFT, id);
        var first = complete("Concurrency A");
        as(base, DELFT).header("If-Match", "\"" + v + "\"").body(first).put("/api/programmes/" + id).then().statusCode(200);
        as(base, DELFT).header("If-Match", "\"" + v + "\"").body(complete("Concurrency B")).put("/api/programmes/" + id).then().statusCode(412);
        as(base, DELFT).get("/api/programmes/" + id).then().body("title.en", equalTo("Concurrency A"));
    }

    @Test
    void theCatalogueFiltersAndRanksFullTextMatches() {
        Instant before = Instant.now().minusSeconds(2);
        var inTitle = complete("Photogrammetry for Surveyors");
        inTitle.put("languages", List.of("nl", "en"));
        inTitle.put("participation", List.of("BLENDED"));
        inTitle.put("ects", 10);
        String title = create(LEIDEN, inTitle);
        publish(LEIDEN, title);
        var inOutcome = complete("Spatial Data Basics");
        inOutcome.put("learningOutcomes", List.of("Use photogrammetry to measure buildings"));
        String outcome = create(DELFT, inOutcome);
        publish(DELFT, outcome);

        List<String> ranked = anonymous(base).queryParam("q", "photogrammetry").get("/api/programmes").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertThat(ranked).containsSubsequence(title, outcome);
        // Dutch stemming and several words
        anonymous(base).queryParam("q", "Surveyors photogrammetry").get("/api/programmes").then().body("items.id", hasItem(title));

        anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("language", "nl").queryParam("participation", "BLENDED")
                .queryParam("minEcts", 10).queryParam("maxEcts", 10).get("/api/programmes").then().statusCode(200)
                .body("items.id", hasItem(title)).body("items.institution", everyItem(equalTo("universiteit-leiden")));
        anonymous(base).queryParam("nlqfLevel", "6").queryParam("eqfLevel", 6).get("/api/programmes").then()
                .body("items.nlqfLevel", everyItem(equalTo("6")));
        anonymous(base).queryParam("updatedSince", before.toString()).queryParam("pageSize", 250).get("/api/programmes").then()
                .body("items.id", hasItems(title, outcome)).body("totalItems", greaterThanOrEqualTo(2));
        // Dutch: "gebouw" and "duurzaam" find "gebouwen" and "Duurzame" only through Dutch stemming (English leaves them whole)
        var dutch = complete("Circular Construction");
        dutch.put("title", Map.of("en", "Circular Construction", "nl", "Circulaire gebouwen"));
        dutch.put("description", Map.of("nl", "Duurzame materialen voor bestaande gebouwen."));
        String dutchId = create(DELFT, dutch);
        publish(DELFT, dutchId);
        anonymous(base).queryParam("q", "gebouw").get("/api/programmes").then().statusCode(200).body("items.id", hasItem(dutchId));
        anonymous(base).queryParam("q", "duurzaam").get("/api/programmes").then().statusCode(200).body("items.id", hasItem(dutchId));
        anonymous(base).queryParam("q", "gebouw").get("/api/programmes").then().body("items.id", not(hasItem(title)));
        // the demo catalogue (Leiden's seed programmes) is there too
        anonymous(base).queryParam("q", "algebra").get("/api/programmes").then().body("items.title.en", hasItem("Algorithms in Algebra"));

        anonymous(base).queryParam("nlqfLevel", "9").get("/api/programmes").then().statusCode(400).body("errors[0].field", equalTo("nlqfLevel"));
        anonymous(base).queryParam("updatedSince", "yesterday").get("/api/programmes").then().statusCode(400).body("errors[0].field", equalTo("updatedSince"));
        anonymous(base).queryParam("sort", "relevance").get("/api/programmes").then().statusCode(400).body("errors[0].field", equalTo("sort"));
    }

    @Test
    void verificationByBadgeClass() {
        var body = complete("Verified Skills");
        String badge = (String) body.get("edubadgeBadgeClassUrl");
        String id = create(HU, body);
        anonymous(base).queryParam("badgeClassUrl", badge).get("/api/verify").then().statusCode(200)
                .body("registered", equalTo(false)).body("reason", containsString("No programme"));
        publish(HU, id);
        anonymous(base).queryParam("badgeClassUrl", badge).get("/api/verify").then().statusCode(200)
                .body("registered", equalTo(true)).body("programme", equalTo(id)).body("institution.code", equalTo("hogeschool-utrecht"))
                .body("institution.sector", equalTo("HBO")).body("ects", equalTo(5.0f)).body("nlqfLevel", equalTo("6"))
                .body("qualityAssurance.name", containsString("Kwaliteitskader"));
        anonymous(base).queryParam("badgeClassUrl", "https://unknown.example/badge/1").get("/api/verify").then().statusCode(200)
                .body("registered", equalTo(false));
        anonymous(base).queryParam("badgeClassUrl", "not a url").get("/api/verify").then().statusCode(400)
                .body("errors[0].field", equalTo("badgeClassUrl"));
        anonymous(base).get("/api/verify").then().statusCode(400);
        // the same badge class cannot be registered twice
        var copy = complete("Copy");
        copy.put("edubadgeBadgeClassUrl", badge);
        as(base, DELFT).body(copy).post("/api/programmes").then().statusCode(409).body("errors[0].field", equalTo("edubadgeBadgeClassUrl"));
    }

    /** A VC-JWT of the credential, signed with the key (OB3 3.0: the payload is the credential, with iss, nbf, exp, jti, sub). */
    private static String sign(com.fasterxml.jackson.databind.node.ObjectNode credential, org.jose4j.jwk.RsaJsonWebKey key) throws Exception {
        var payload = credential.deepCopy();
        payload.put("iss", credential.path("issuer").path("id").asText());
        payload.put("nbf", Instant.now().minusSeconds(60).getEpochSecond());
        payload.put("exp", Instant.now().plusSeconds(86_400).getEpochSecond());
        payload.put("jti", credential.path("id").asText());
        payload.put("sub", credential.path("credentialSubject").path("id").asText());
        var jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload(payload.toString());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "vc+jwt");
        return jws.getCompactSerialization();
    }

    private io.restassured.response.ValidatableResponse verify(String contentType, String body) {
        return anonymous(base).contentType(contentType).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/verify").then();
    }

    /** Sets an institution's credential key set as its own admin (the other fields as they are). */
    private void credentialKeys(String code, String token, String url) {
        var i = anonymous(base).get("/api/institutions/" + code).then().statusCode(200).extract().jsonPath();
        Map<String, Object> body = new HashMap<>();
        for (String f : List.of("name", "sector", "brin", "website", "memberSince", "educationOffererCode", "schacHome")) body.put(f, i.get(f));
        body.put("active", i.getBoolean("active"));
        body.put("credentialKeysUrl", url);
        as(base, token).header("If-Match", "\"" + i.getInt("version") + "\"").body(body).put("/api/institutions/" + code)
                .then().statusCode(200).body("credentialKeysUrl", equalTo(url));
    }

    /**
     * POST /api/verify with Open Badges 3.0 credentials made of a real published programme's achievement: JSON (no proof, a
     * Data Integrity proof: not checked), VC-JWT against the institution's key set served by a stand-in server (valid,
     * tampered, foreign key, unreachable and garbage key sets), claims that disagree, a badge-class match, invalid
     * credentials (400 by JSON path) and hostile bodies. Runs inside Payara Micro: the JSON Schema validator and its
     * Jackson come from the WAR.
     */
    @Test
    void openBadgesCredentialsAreVerified() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var body = complete("Verified Credentials");
        String badge = (String) body.get("edubadgeBadgeClassUrl");
        String id = create(HU, body);
        publish(HU, id);
        var achievement = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(anonymous(base)
                .get("/api/programmes/" + id + "/versions/1/achievement").then().statusCode(200).extract().asString());
        achievement.remove("@context");
        var credential = json.createObjectNode();
        credential.putArray("@context").add("https://www.w3.org/ns/credentials/v2").add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        credential.put("id", "urn:uuid:" + UUID.randomUUID());
        credential.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        var issuer = credential.putObject("issuer");
        issuer.put("id", "https://edubadges.example/public/issuers/hu");
        issuer.putArray("type").add("Profile");
        issuer.put("name", "Hogeschool Utrecht");
        credential.put("validFrom", Instant.now().minusSeconds(3600).toString());
        var subject = credential.putObject("credentialSubject");
        subject.put("id", "did:example:learner-42");
        subject.putArray("type").add("AchievementSubject");
        subject.set("achievement", achievement);

        // the stand-in key server: the institution's key set, garbage, and nothing
        var key = org.jose4j.jwk.RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("hu-credentials-1");
        var foreign = org.jose4j.jwk.RsaJwkGenerator.generateJwk(2048);
        foreign.setKeyId("hu-credentials-1");
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.function.BiConsumer<String, String> serve = (path, text) -> server.createContext(path, exchange -> {
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        serve.accept("/jwks.json", new org.jose4j.jwk.JsonWebKeySet(key).toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        serve.accept("/garbage.json", "<html>not a key set</html>");
        server.start();
        String keys = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            // JSON, no proof: registered, matched by the achievement URL, version 1, claims agree, proof not checked
            var plain = verify("application/json", credential.toString()).statusCode(200).contentType("application/json")
                    .body("registered", equalTo(true)).body("format", equalTo("json")).body("matchedBy", equalTo("achievementId"))
                    .body("programme", equalTo(id)).body("versionNumber", equalTo(1)).body("claimsAgree", equalTo(true))
                    .body("claims.name", equalTo(List.of("credits", "nlqfLevel", "eqfLevel"))).body("claims.agrees", everyItem(equalTo(true)))
                    .body("verification.institution.code", equalTo("hogeschool-utrecht")).body("recognisedByInstitutions", not(nullValue()))
                    .body("proof.checked", equalTo(false)).body("proof.valid", nullValue()).body("proof.format", equalTo("none"))
                    .body("catalogueUrl", containsString("/catalogue/programme.xhtml?id=" + id + "&version=1"))
                    .extract().asString();
            System.out.println("ProgrammesApiIT verify JSON: " + plain);
            // the same as JSON-LD media types, and as text
            verify("application/ld+json", credential.toString()).statusCode(200).body("registered", equalTo(true));
            verify("application/vc+ld+json", credential.toString()).statusCode(200).body("registered", equalTo(true));

            // a Data Integrity proof: not checked, never valid
            var withProof = credential.deepCopy();
            withProof.putArray("proof").addObject().put("type", "DataIntegrityProof").put("cryptosuite", "eddsa-rdfc-2022")
                    .put("created", "2026-01-15T10:00:00Z").put("proofPurpose", "assertionMethod")
                    .put("verificationMethod", "https://edubadges.example/keys#1").put("proofValue", "z58DAdFfa9SkqZMVPxAQpic7ndSayn1PzZs6ZjWp1CktyGesjuTSwRdoWhAfGFCF5bppETSTojQCrfFPP2oumHKtz");
            verify("application/json", withProof.toString()).statusCode(200).body("registered", equalTo(true))
                    .body("proof.checked", equalTo(false)).body("proof.valid", nullValue()).body("proof.format", equalTo("DataIntegrity"))
                    .body("proof.reason", containsString("eddsa-rdfc-2022"));

            // claims that disagree with the registered version
            var inflated = credential.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) inflated.path("credentialSubject").path("achievement")).put("creditsAvailable", 15);
            verify("application/json", inflated.toString()).statusCode(200).body("registered", equalTo(true)).body("claimsAgree", equalTo(false))
                    .body("claims.find { it.name == 'credits' }.claimed", equalTo("15")).body("claims.find { it.name == 'credits' }.registered", equalTo("5"))
                    .body("claims.find { it.name == 'credits' }.agrees", equalTo(false));

            // matched by the edubadges badge class: an achievement with the issuing platform's own id
            var edubadge = credential.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) edubadge.path("credentialSubject").path("achievement")).put("id", badge);
            verify("application/json", edubadge.toString()).statusCode(200).body("registered", equalTo(true))
                    .body("matchedBy", equalTo("badgeClass")).body("programme", equalTo(id));
            var unknown = credential.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) unknown.path("credentialSubject").path("achievement")).put("id", "https://elsewhere.example/a/1")
                    .remove("otherIdentifier");
            verify("application/json", unknown.toString()).statusCode(200).body("registered", equalTo(false)).body("reason", not(nullValue()))
                    .body("programme", nullValue());

            String jwt = sign(credential, key);
            // a VC-JWT before the institution registered keys: not checked
            verify("application/jwt", jwt).statusCode(200).body("registered", equalTo(true)).body("format", equalTo("jwt"))
                    .body("proof.checked", equalTo(false)).body("proof.reason", containsString("has not registered"));

            // an unreachable key set, then garbage: not checked, never a 5xx
            credentialKeys("hogeschool-utrecht", HU, "http://127.0.0.1:1/jwks.json");
            verify("application/vc+jwt", jwt).statusCode(200).body("proof.checked", equalTo(false)).body("proof.valid", nullValue())
                    .body("proof.reason", containsString("Not checked"));
            credentialKeys("hogeschool-utrecht", HU, keys + "/garbage.json");
            verify("application/jwt", jwt).statusCode(200).body("proof.checked", equalTo(false)).body("proof.reason", containsString("not a JSON Web Key Set"));

            credentialKeys("hogeschool-utrecht", HU, keys + "/jwks.json");
            String valid = verify("application/jwt", jwt).statusCode(200).body("registered", equalTo(true))
                    .body("proof.checked", equalTo(true)).body("proof.valid", equalTo(true)).body("proof.keyId", equalTo("hu-credentials-1"))
                    .body("proof.keysUrl", equalTo(keys + "/jwks.json")).extract().asString();
            System.out.println("ProgrammesApiIT verify valid JWS: " + valid);
            verify("text/plain", jwt).statusCode(200).body("proof.valid", equalTo(true));

            // tampered: the payload changed after signing
            String[] parts = jwt.split("\\.");
            var payload = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            ((com.fasterxml.jackson.databind.node.ObjectNode) payload.path("credentialSubject").path("achievement")).put("creditsAvailable", 30);
            String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
            String tamperedAnswer = verify("application/jwt", tampered).statusCode(200).body("proof.checked", equalTo(true))
                    .body("proof.valid", equalTo(false)).body("claimsAgree", equalTo(false)).extract().asString();
            System.out.println("ProgrammesApiIT verify tampered JWS: " + tamperedAnswer);

            // foreign: signed with another key (under the same kid)
            String foreignAnswer = verify("application/jwt", sign(credential, foreign)).statusCode(200).body("proof.checked", equalTo(true))
                    .body("proof.valid", equalTo(false)).extract().asString();
            System.out.println("ProgrammesApiIT verify foreign JWS: " + foreignAnswer);

            // not OB3: a 400 naming each violation by its JSON path (the validator runs inside Payara, from the WAR)
            var invalid = credential.deepCopy();
            invalid.remove("validFrom");
            var broken = (com.fasterxml.jackson.databind.node.ObjectNode) invalid.path("credentialSubject").path("achievement");
            broken.remove("name");
            broken.put("creditsAvailable", "five");
            ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("alignment").path(0)).remove("targetUrl");
            String problem = verify("application/json", invalid.toString()).statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItems("validFrom", "credentialSubject.achievement.name", "credentialSubject.achievement.creditsAvailable",
                            "credentialSubject.achievement.alignment[0].targetUrl")).extract().asString();
            System.out.println("ProgrammesApiIT verify invalid: " + problem);
            verify("application/jwt", sign(invalid, key)).statusCode(400).body("errors.field", hasItem("credentialSubject.achievement.name"));
            // ... with the WAR's Jackson, not Payara's (WEB-INF/glassfish-web.xml): the schema's loading names where it came from
            var log = SharedRegistry.log();
            String loaded;
            try (var files = java.nio.file.Files.list(log.getParent())) {
                loaded = files.filter(f -> f.getFileName().toString().startsWith(log.getFileName().toString())).flatMap(f -> {
                    try {
                        return java.nio.file.Files.readAllLines(f, java.nio.charset.StandardCharsets.ISO_8859_1).stream();
                    } catch (java.io.IOException e) {
                        return java.util.stream.Stream.<String>empty();
                    }
                }).filter(line -> line.contains("credential schema loaded")).reduce((a, b) -> b).orElse("");
            }
            assertThat(loaded).contains("WEB-INF/lib/jackson-databind", "WEB-INF/lib/json-schema-validator");

            // hostile and empty bodies: 400, never a 5xx
            for (String hostile : List.of("", "not a credential", "{", "[]", "\"x\"", "[".repeat(50_000), "a.b.c", "eyJhbGciOiJub25lIn0.e30.",
                    "{\"@context\": " + "[".repeat(5000) + "]".repeat(5000) + "}", "x".repeat(200_000) + "." + "y" + ".z")) {
                verify("text/plain", hostile).statusCode(400).contentType("application/problem+json");
            }
            verify("application/xml", "<credential/>").statusCode(415);
            // documented in /openapi: the body in each media type, and the answer
            var openapi = anonymous(base).accept("application/json").get("/openapi").then().statusCode(200).extract().jsonPath();
            String path = openapi.getMap("paths").containsKey("/api/verify") ? "/api/verify" : "/verify";
            assertThat(openapi.getMap("paths.'" + path + "'.post.requestBody.content")).containsKeys("application/json", "application/jwt", "text/plain");
            assertThat(openapi.getMap("components.schemas")).containsKeys("CredentialVerification", "CredentialProof", "CredentialClaim");
            // the badge-class GET still answers
            anonymous(base).queryParam("badgeClassUrl", badge).get("/api/verify").then().statusCode(200).body("registered", equalTo(true));
        } finally {
            server.stop(0);
            credentialKeys("hogeschool-utrecht", HU, null);
        }
    }

    @Test
    void facetsCountWhatTheCatalogueFindsPerDimension() {
        int leiden = anonymous(base).queryParam("institution", "universiteit-leiden").get("/api/programmes").then().statusCode(200)
                .extract().path("totalItems");
        var facets = anonymous(base).queryParam("institution", "universiteit-leiden").get("/api/programmes/facets").then().statusCode(200)
                .extract().jsonPath();
        // every published programme has exactly one NLQF level
        assertThat(facets.getList("nlqfLevel.count", Long.class).stream().mapToLong(Long::longValue).sum()).isEqualTo(leiden);
        // the institution dimension ignores its own filter: it shows the alternatives, Leiden's count among them
        assertThat(facets.getList("institution.value", String.class)).contains("universiteit-leiden", "tu-delft");
        int index = facets.getList("institution.value", String.class).indexOf("universiteit-leiden");
        assertThat(facets.getList("institution.count", Long.class).get(index)).isEqualTo((long) leiden);
        // a filter on a dimension narrows the others
        int level7 = anonymous(base).queryParam("nlqfLevel", "7").get("/api/programmes").then().extract().path("totalItems");
        long institutions7 = anonymous(base).queryParam("nlqfLevel", "7").get("/api/programmes/facets").then().extract().jsonPath()
                .getList("institution.count", Long.class).stream().mapToLong(Long::longValue).sum();
        assertThat(institutions7).isEqualTo(level7);
        anonymous(base).queryParam("nlqfLevel", "12").get("/api/programmes/facets").then().statusCode(400)
                .body("errors[0].field", equalTo("nlqfLevel"));
    }
}
