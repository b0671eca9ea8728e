package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OOAPI import against a real HTTP server standing in for institutions' endpoints (the JDK's HttpServer on the
 * loopback; REGISTRY_OOAPI_ALLOW_PRIVATE_ADDRESSES=true in pom.xml): spec-valid pages built from the specification's
 * examples import as drafts (created), read again as unchanged, changed remotely as updated (a new draft version of a
 * published programme, never published), and as a conflict when the programme was edited in the registry; rule breaches
 * and malformed items are refused naming the field; a rolled-back item leaves nothing; hostile endpoints (timeout, huge
 * body, malformed JSON, not a page, a page that never ends, an error status) end the sync FAILED with the reason, never a
 * 5xx and never a programme. And the round trip: what the registry serves for one institution, imported into an empty
 * one, gives the same programmes. The refusal of redirects to private addresses is unit-tested (OoapiClientTest).
 */
@SharedRegistry.Suite
class OoapiImportIT {

    @SharedRegistry.Base
    URL base;

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String COORDINATOR = TestTokens.coordinator();
    private static HttpServer server;
    private static String remote;
    /** What each stand-in endpoint (the first path segment) answers for a page number. */
    private static final Map<String, IntFunction<Answer>> endpoints = new ConcurrentHashMap<>();

    record Answer(int status, String body, long delayMillis) {
        static Answer json(String body) {
            return new Answer(200, body, 0);
        }
    }

    @BeforeAll
    static void startEndpoints() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.createContext("/", OoapiImportIT::serve);
        server.start();
        remote = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopEndpoints() {
        if (server != null) server.stop(0);
    }

    private static void serve(HttpExchange x) throws IOException {
        try (x) {
            String[] path = x.getRequestURI().getPath().split("/");
            String query = x.getRequestURI().getQuery() == null ? "" : x.getRequestURI().getQuery();
            IntFunction<Answer> endpoint = path.length > 1 ? endpoints.get(path[1]) : null;
            Answer answer;
            if (endpoint == null) {
                answer = new Answer(404, "{}", 0);
            } else if (path.length > 3 && path[2].equals("education-specifications")) {
                answer = Answer.json("{\"educationSpecificationId\":\"" + path[3] + "\",\"levelOfQualification\":\"7\"}");
            } else {
                int page = 1;
                for (String p : query.split("&")) if (p.startsWith("pageNumber=")) page = Integer.parseInt(p.substring(11));
                answer = endpoint.apply(page);
            }
            if (answer.delayMillis() > 0) Thread.sleep(answer.delayMillis());
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the registry hung up (a timeout or a too large body): fine
        }
    }

    // ---- spec-valid courses (ooapi-v5.0.0.yaml, the Course examples) ----------------------------------------

    static JsonObjectBuilder course(String id, String title, Object ects) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("courseId", id)
                .add("primaryCode", Json.createObjectBuilder().add("codeType", "identifier").add("code", "INFOMQNM"))
                .add("name", Json.createArrayBuilder().add(text("en-GB", title)))
                .add("abbreviation", "INFOMQNM")
                .add("modeOfDelivery", Json.createArrayBuilder().add("online").add("on campus"))
                .add("duration", "PT140H")
                .add("description", Json.createArrayBuilder().add(text("en-GB", "As with all empirical sciences, to guarantee valid outcomes...")))
                .add("teachingLanguage", "nld")
                .add("fieldsOfStudy", "0732")
                .add("learningOutcomes", Json.createArrayBuilder()
                        .add(Json.createArrayBuilder().add(text("en-GB", "Critically reflect on the development of the Humanities"))))
                .add("level", "bachelor")
                .add("validFrom", "2020-08-30")
                .add("organization", "123e4567-e89b-12d3-a456-426614174000");
        if (ects instanceof Number n) b.add("studyLoad", Json.createObjectBuilder().add("studyLoadUnit", "ects").add("value", n.doubleValue()));
        else if (ects != null) b.add("studyLoad", Json.createObjectBuilder().add("studyLoadUnit", "ects").add("value", ects.toString()));
        return b;
    }

    /** A course with the registry's ext.microcredential: complete, so it can be published once imported. */
    static JsonObjectBuilder complete(String id, String title, String badge) {
        JsonObjectBuilder ext = Json.createObjectBuilder().add("nlqfLevel", "6").add("eqfLevel", 6).add("ects", 5).add("studyHours", 140)
                .add("assessmentType", "WRITTEN_EXAM").add("microcredentialSince", "2025-09-01")
                .add("qualityAssurance", Json.createObjectBuilder().add("name", "Kwaliteitskader Microcredentials"))
                .add("languages", Json.createArrayBuilder().add("en")).add("participation", Json.createArrayBuilder().add("ONLINE"));
        if (badge != null) ext.add("edubadgeBadgeClassUrl", badge);
        return course(id, title, 5).add("ext", Json.createObjectBuilder().add("microcredential", ext));
    }

    static JsonObjectBuilder text(String language, String value) {
        return Json.createObjectBuilder().add("language", language).add("value", value);
    }

    static String page(int number, boolean hasNext, JsonObject... items) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (JsonObject i : items) a.add(i);
        return Json.createObjectBuilder().add("pageSize", 250).add("pageNumber", number).add("hasPreviousPage", number > 1)
                .add("hasNextPage", hasNext).add("items", a).build().toString();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private String institution(String prefix, String sector) {
        String code = "it-" + prefix + "-" + SUFFIX;
        as(base, COORDINATOR).body(Map.of("code", code, "name", "Import test " + code, "sector", sector)).post("/api/institutions")
                .then().statusCode(201);
        return code;
    }

    private void source(String code, String baseUrl) {
        as(base, TestTokens.institutionAdmin(code)).body(Map.of("baseUrl", baseUrl)).put("/api/institutions/" + code + "/ooapi-source")
                .then().statusCode(200).body("baseUrl", equalTo(baseUrl));
    }

    private String startSync(String code) {
        var response = as(base, TestTokens.institutionAdmin(code)).post("/api/institutions/" + code + "/ooapi-source/sync");
        response.then().statusCode(202).body("status", equalTo("QUEUED"));
        String id = response.jsonPath().getString("id");
        assertThat(response.header("Location")).endsWith("/api/institutions/" + code + "/ooapi-source/syncs/" + id);
        return id;
    }

    private JsonPath awaitReport(String code, String id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonPath report = as(base, TestTokens.institutionAdmin(code)).get("/api/institutions/" + code + "/ooapi-source/syncs/" + id)
                    .then().statusCode(200).extract().jsonPath();
            String status = report.getString("status");
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) return report;
            if (System.nanoTime() > until) throw new AssertionError("sync " + id + " still " + status);
            Thread.sleep(300);
        }
    }

    private JsonPath sync(String code) throws InterruptedException {
        return awaitReport(code, startSync(code));
    }

    private JsonPath programme(String code, String id) {
        return as(base, TestTokens.institutionAdmin(code)).get("/api/programmes/" + id).then().statusCode(200).extract().jsonPath();
    }

    private String programmeOf(JsonPath report, String courseId) {
        List<Map<String, Object>> items = report.getList("itemOutcomes");
        return items.stream().filter(i -> courseId.equals(i.get("courseId")) && i.get("programmeId") != null)
                .map(i -> (String) i.get("programmeId")).findFirst().orElseThrow(() -> new AssertionError("no programme for " + courseId));
    }

    private int programmesOf(String code) {
        return as(base, TestTokens.institutionAdmin(code)).queryParam("institution", code).get("/api/programmes")
                .then().statusCode(200).extract().path("totalItems");
    }

    // ---- the tests ---------------------------------------------------------------------------------------------

    @Test
    void theSourceIsSetByItsAdminOnlyAndMustBeAnHttpUrl() {
        String code = institution("src", "HBO");
        String admin = TestTokens.institutionAdmin(code);
        String path = "/api/institutions/" + code + "/ooapi-source";
        as(base, admin).get(path).then().statusCode(404);
        as(base, admin).body(Map.of("baseUrl", "ftp://example.org/ooapi")).put(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("baseUrl"));
        as(base, admin).body(Map.of("baseUrl", "not a url")).put(path).then().statusCode(400).body("errors[0].field", equalTo("baseUrl"));
        as(base, admin).body(Map.of("baseUrl", 42)).put(path).then().statusCode(400).body("errors[0].field", equalTo("baseUrl"));
        as(base, admin).body(Map.of("consumer", "rio")).put(path).then().statusCode(400).body("errors[0].field", equalTo("baseUrl"));
        as(base, admin).body(Map.of("baseUrl", "https://api.example.nl/ooapi/v5", "consumer", "r i o")).put(path).then().statusCode(400)
                .body("errors[0].field", equalTo("consumer"));
        as(base, COORDINATOR).body(Map.of("baseUrl", "https://api.example.nl/ooapi/v5")).put(path).then().statusCode(403);
        as(base, TestTokens.institutionAdmin("tu-delft")).body(Map.of("baseUrl", "https://api.example.nl/ooapi/v5")).put(path).then().statusCode(403);
        anonymous(base).body(Map.of("baseUrl", "https://api.example.nl/ooapi/v5")).put(path).then().statusCode(401);
        as(base, admin).post(path + "/sync").then().statusCode(409);

        as(base, admin).body(Map.of("baseUrl", "https://api.example.nl/ooapi/v5", "consumer", "rio")).put(path).then().statusCode(200)
                .header("ETag", "\"1\"").body("consumer", equalTo("rio"));
        as(base, admin).header("If-Match", "\"7\"").body(Map.of("baseUrl", "https://api.example.nl/v5")).put(path).then().statusCode(412);
        as(base, COORDINATOR).get(path).then().statusCode(200).body("baseUrl", equalTo("https://api.example.nl/ooapi/v5"));
        as(base, TestTokens.institutionAdmin("tu-delft")).get(path).then().statusCode(403);
        as(base, COORDINATOR).post(path + "/sync").then().statusCode(403);
        as(base, COORDINATOR).get("/api/institutions/no-such-" + SUFFIX + "/ooapi-source").then().statusCode(404);
        as(base, admin).get(path + "/syncs/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void coursesImportAsDraftsThenUnchangedUpdatedAndInConflictWhenEditedInTheRegistry() throws Exception {
        String code = institution("sync", "HBO");
        String admin = TestTokens.institutionAdmin(code);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        Map<String, String> titles = new ConcurrentHashMap<>(Map.of(a, "Academic and Professional Writing", b, "Robotics in care"));
        String endpoint = "sync-" + SUFFIX;
        endpoints.put(endpoint, n -> n == 1
                ? new Answer(200, page(1, true, course(a, titles.get(a), 7.5).build(), complete(b, titles.get(b), null).build(),
                        course(UUID.randomUUID().toString(), "Too big", 60).build(),
                        course(UUID.randomUUID().toString(), "Wrong type", "7.5").build()), 1500)
                : Answer.json(page(2, false, course(c, "Ethics of data", 3).remove("level").add("educationSpecification", "123e4567-e89b-12d3-a456-426614174000").build())));
        source(code, remote + "/" + endpoint);

        String first = startSync(code);
        as(base, admin).post("/api/institutions/" + code + "/ooapi-source/sync").then().statusCode(409);
        JsonPath report = awaitReport(code, first);
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("SUCCEEDED");
        assertThat(report.getInt("created")).isEqualTo(3);
        assertThat(report.getInt("refused")).isEqualTo(2);
        assertThat(report.getInt("pages")).isEqualTo(2);
        assertThat(report.getLong("durationMillis")).isPositive();
        List<Map<String, Object>> refused = report.getList("itemOutcomes.findAll { it.outcome == 'REFUSED' }");
        assertThat(refused).extracting(i -> ((List<Map<String, String>>) i.get("reasons")).get(0).get("field"))
                .containsExactlyInAnyOrder("ects", "studyLoad.value");

        JsonPath pa = programme(code, programmeOf(report, a));
        assertThat(pa.getString("status")).isEqualTo("DRAFT");
        assertThat(pa.getString("title.en")).isEqualTo("Academic and Professional Writing");
        assertThat(pa.getInt("studyHours")).isEqualTo(140);
        assertThat(pa.getString("nlqfLevel")).isEqualTo("6");
        assertThat(pa.getList("languages")).containsExactly("nl");
        assertThat(pa.getList("participation")).containsExactly("ONLINE", "ONSITE");
        // the third course names only its education specification: fetched for its level of qualification
        assertThat(programme(code, programmeOf(report, c)).getString("nlqfLevel")).isEqualTo("7");
        assertThat(programmesOf(code)).isEqualTo(3);
        // the syncs list, the coordinator reads, others do not
        as(base, COORDINATOR).get("/api/institutions/" + code + "/ooapi-source/syncs").then().statusCode(200).body("[0].id", equalTo(first));
        as(base, TestTokens.institutionAdmin("tu-delft")).get("/api/institutions/" + code + "/ooapi-source/syncs/" + first).then().statusCode(403);

        // read again: nothing changed
        JsonPath again = sync(code);
        assertThat(again.getInt("unchanged")).as(again.prettify()).isEqualTo(3);
        assertThat(again.getInt("created") + again.getInt("updated") + again.getInt("conflicts")).isZero();

        // B published in the registry, then changed remotely: a new DRAFT version, the public still reads version 1
        String pb = programmeOf(report, b);
        as(base, admin).header("If-Match", "\"" + programme(code, pb).getInt("version") + "\"").post("/api/programmes/" + pb + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
        titles.put(b, "Robotics in care, revised");
        titles.put(a, "Academic Writing");
        JsonPath changed = sync(code);
        assertThat(changed.getInt("updated")).as(changed.prettify()).isEqualTo(2);
        JsonPath staffView = programme(code, pb);
        assertThat(staffView.getString("status")).isEqualTo("PUBLISHED");
        assertThat(staffView.getInt("latestVersionNumber")).isEqualTo(2);
        assertThat(staffView.getString("title.en")).isEqualTo("Robotics in care, revised");
        assertThat((Object) staffView.get("publishedAt")).isNull();
        anonymous(base).get("/api/programmes/" + pb).then().statusCode(200).body("title.en", equalTo("Robotics in care")).body("versionNumber", equalTo(1));
        // its admin publishes the imported revision
        as(base, admin).header("If-Match", "\"" + staffView.getInt("version") + "\"").post("/api/programmes/" + pb + "/publish")
                .then().statusCode(200).body("versionNumber", equalTo(2));
        anonymous(base).get("/api/programmes/" + pb).then().statusCode(200).body("title.en", equalTo("Robotics in care, revised"));
        assertThat(programme(code, programmeOf(report, a)).getString("title.en")).isEqualTo("Academic Writing");

        // A edited in the registry, then changed remotely: a conflict, the registry's content is not overwritten
        String pa2 = programmeOf(report, a);
        as(base, admin).header("If-Match", "\"" + programme(code, pa2).getInt("version") + "\"")
                .body(Map.of("title", Map.of("en", "Writing, as we teach it"), "ects", 7.5)).put("/api/programmes/" + pa2).then().statusCode(200);
        titles.put(a, "Academic Writing II");
        JsonPath conflict = sync(code);
        assertThat(conflict.getInt("conflicts")).as(conflict.prettify()).isEqualTo(1);
        assertThat(programme(code, pa2).getString("title.en")).isEqualTo("Writing, as we teach it");
        String conflicts = "/api/institutions/" + code + "/ooapi-source/syncs/" + conflict.getString("id") + "/conflicts/";
        as(base, admin).body(Map.of("keep", "nobody")).post(conflicts + a).then().statusCode(400).body("errors[0].field", equalTo("keep"));
        as(base, COORDINATOR).body(Map.of("keep", "remote")).post(conflicts + a).then().statusCode(403);
        as(base, admin).body(Map.of("keep", "remote")).post(conflicts + b).then().statusCode(404);
        as(base, admin).body(Map.of("keep", "remote")).post(conflicts + a).then().statusCode(200).body("resolution", equalTo("REMOTE"));
        as(base, admin).body(Map.of("keep", "registry")).post(conflicts + a).then().statusCode(409);
        assertThat(programme(code, pa2).getString("title.en")).isEqualTo("Academic Writing II");
        assertThat(programme(code, pa2).getString("status")).isEqualTo("DRAFT");
        JsonPath settled = as(base, admin).get("/api/institutions/" + code + "/ooapi-source/syncs/" + conflict.getString("id")).then()
                .statusCode(200).extract().jsonPath();
        assertThat(settled.getInt("conflicts")).isZero();
        assertThat(sync(code).getInt("unchanged")).isEqualTo(3);
        // only the items of one outcome
        as(base, admin).queryParam("outcome", "REFUSED").get("/api/institutions/" + code + "/ooapi-source/syncs/" + first).then()
                .statusCode(200).body("itemOutcomes.size()", equalTo(2));
        as(base, admin).queryParam("outcome", "MAYBE").get("/api/institutions/" + code + "/ooapi-source/syncs/" + first).then().statusCode(400);
    }

    @Test
    void anItemThatFailsWhenStoredIsRefusedAndLeavesNothing() throws Exception {
        String code = institution("rollback", "HBO");
        String badge = "https://edubadges.example/public/badgeclass/" + UUID.randomUUID();
        String endpoint = "rollback-" + SUFFIX;
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        endpoints.put(endpoint, n -> Answer.json(page(1, false, complete(first, "First with the badge", badge).build(),
                complete(second, "Second with the same badge", badge).build(), complete(first, "The first again", null).build())));
        source(code, remote + "/" + endpoint);
        JsonPath report = sync(code);
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(report.getInt("created")).isEqualTo(1);
        assertThat(report.getInt("refused")).isEqualTo(2);
        List<Map<String, Object>> items = report.getList("itemOutcomes");
        assertThat(((List<Map<String, String>>) items.get(1).get("reasons")).get(0).get("field")).isEqualTo("edubadgeBadgeClassUrl");
        assertThat(((List<Map<String, String>>) items.get(2).get("reasons")).get(0).get("field")).isEqualTo("courseId");
        assertThat(programmesOf(code)).isEqualTo(1);
    }

    @Test
    void hostileEndpointsEndTheSyncFailedWithAReasonAndCreateNothing() throws Exception {
        String code = institution("hostile", "WO");
        String ok = page(1, false, course(UUID.randomUUID().toString(), "Fine course", 5).build());
        Map<String, IntFunction<Answer>> hostile = new java.util.LinkedHashMap<>();
        hostile.put("timeout", n -> new Answer(200, ok, 12_000));
        hostile.put("too large", n -> Answer.json("{\"items\":[\"" + "x".repeat(6 * 1024 * 1024) + "\"],\"hasNextPage\":false}"));
        hostile.put("malformed JSON", n -> Answer.json("{\"items\": [{\"courseId\": \"a\""));
        hostile.put("not a page", n -> Answer.json("{\"items\": {\"courseId\": \"a\"}, \"hasNextPage\": false}"));
        hostile.put("too many pages", n -> Answer.json(page(n, true)));
        hostile.put("HTTP 500", n -> new Answer(500, "{\"title\":\"oops\"}", 0));
        Map<String, String> failures = new HashMap<>();
        for (var h : hostile.entrySet()) {
            String endpoint = "hostile-" + h.getKey().replace(' ', '-') + "-" + SUFFIX;
            endpoints.put(endpoint, h.getValue());
            source(code, remote + "/" + endpoint);
            JsonPath report = sync(code);
            assertThat(report.getString("status")).as(h.getKey() + ": " + report.prettify()).isEqualTo("FAILED");
            failures.put(h.getKey(), report.getString("failure"));
            assertThat(report.getString("failure")).as(h.getKey()).startsWith(h.getKey().equals("HTTP 500") ? "HTTP 500" : h.getKey().split(" ")[0]);
        }
        assertThat(programmesOf(code)).as(failures.toString()).isZero();
        // the report list holds them all, newest first
        List<String> statuses = as(base, TestTokens.institutionAdmin(code)).get("/api/institutions/" + code + "/ooapi-source/syncs").then()
                .statusCode(200).extract().path("status");
        assertThat(statuses).hasSize(hostile.size()).containsOnly("FAILED");
    }

    @Test
    void whatTheRegistryServesForOneInstitutionImportsIntoAnEmptyOneAsTheSameProgrammes() throws Exception {
        String source = institution("served", "WO");
        String target = institution("empty", "WO");
        String admin = TestTokens.institutionAdmin(source);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> p = new HashMap<>();
            p.put("courseCode", "RT-" + i);
            p.put("title", Map.of("en", "Round trip " + i, "nl", "Rondje " + i));
            if (i != 1) p.put("description", Map.of("en", "About round trips, part " + i));
            p.put("learningOutcomes", List.of("Explain round trips", "Apply them " + i));
            p.put("ects", i == 2 ? 7.5 : 5);
            p.put("nlqfLevel", i == 0 ? "6" : "7");
            p.put("eqfLevel", i == 0 ? 6 : 7);
            p.put("participation", i == 2 ? List.of("BLENDED", "WORK_EXPERIENCE") : List.of("ONLINE"));
            p.put("assessmentType", "PORTFOLIO");
            p.put("assessmentSupervised", true);
            p.put("languages", i == 1 ? List.of("nl", "en") : List.of("en"));
            p.put("iscedField", "0613");
            p.put("prerequisites", "A bachelor's degree");
            p.put("stackableTowards", i == 0 ? "MSc Data Science" : null);
            p.put("microcredentialSince", "2025-09-01");
            p.values().removeIf(java.util.Objects::isNull);
            String id = as(base, admin).body(p).post("/api/programmes").then().statusCode(201).extract().path("id");
            as(base, admin).header("If-Match", "\"" + programme(source, id).getInt("version") + "\"").post("/api/programmes/" + id + "/publish")
                    .then().statusCode(200);
            ids.add(id);
        }
        String organization = anonymous(base).get("/api/institutions/" + source).then().statusCode(200).extract().path("organizationId");
        source(target, base.toString().replaceAll("/$", "") + "/ooapi/v5/organizations/" + organization);
        JsonPath report = sync(target);
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("SUCCEEDED");
        assertThat(report.getInt("created")).as(report.prettify()).isEqualTo(3);
        for (String id : ids) {
            Map<String, Object> original = programme(source, id).getMap("$");
            Map<String, Object> imported = programme(target, programmeOf(report, id)).getMap("$");
            for (String field : List.of("courseCode", "title", "description", "learningOutcomes", "ects", "studyHours", "nlqfLevel", "eqfLevel",
                    "levelVerified", "participation", "assessmentSupervised", "identityVerified", "assessmentType", "qualityAssurance",
                    "prerequisites", "gradeRecorded", "stackableTowards", "languages", "iscedField", "edubadgeBadgeClassUrl",
                    "microcredentialSince", "experimental")) {
                assertThat(imported.get(field)).as(id + " " + field).isEqualTo(original.get(field));
            }
            assertThat(imported.get("status")).isEqualTo("DRAFT");
        }
        assertThat(sync(target).getInt("unchanged")).isEqualTo(3);
    }
}
