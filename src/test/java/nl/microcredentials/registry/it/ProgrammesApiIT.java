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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Micro-credential programmes over HTTP on PostgreSQL: registration under the pilot's rules, publication, versions,
 * withdrawal, scoping between institutions, the catalogue's filters and full-text search, and verification.
 */
@ExtendWith(ArquillianExtension.class)
class ProgrammesApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.registry();
    }

    @ArquillianResource
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
