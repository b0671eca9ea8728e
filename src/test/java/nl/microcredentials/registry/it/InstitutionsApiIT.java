package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Institutions and Boards of Examiners over HTTP against the real WAR on Payara Micro and PostgreSQL: the seeded
 * consortium, CRUD, validation and problem+json shapes, If-Match, the default-board and routing-prefix rules.
 */
@SharedRegistry.Suite
class InstitutionsApiIT {

    @SharedRegistry.Base
    URL base;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> institution(String code) {
        return Map.of("code", code, "name", "Test Hogeschool " + code, "sector", "HBO", "website", "https://example.org");
    }

    @Test
    void theThirtyFourPilotMembersArePresentWithTheirSectors() {
        JsonPath page = anonymous(base).queryParam("pageSize", 250).get("/api/institutions")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> seeded = page.<Map<String, Object>>getList("items").stream()
                .filter(i -> !((String) i.get("code")).startsWith("it-")).toList();
        assertThat(seeded).hasSize(34);
        assertThat(seeded).filteredOn(i -> "HBO".equals(i.get("sector"))).hasSize(22);
        assertThat(seeded).filteredOn(i -> "WO".equals(i.get("sector"))).hasSize(12);
        assertThat(seeded).extracting(i -> i.get("name")).contains("Technische Universiteit Delft", "Universiteit Leiden", "Hogeschool Utrecht", "iPabo");
        assertThat(page.getInt("pageNumber")).isEqualTo(1);
        assertThat(page.getInt("pageSize")).isEqualTo(250);
    }

    @Test
    void everyMemberHasExactlyOneDefaultBoard() {
        for (String code : List.of("tu-delft", "universiteit-leiden", "hogeschool-utrecht", "zuyd-hogeschool")) {
            List<Boolean> defaults = anonymous(base).queryParam("pageSize", 250).get("/api/institutions/" + code + "/boards").then().statusCode(200)
                    .extract().jsonPath().getList("items.isDefault", Boolean.class);
            assertThat(defaults).as(code).containsOnlyOnce(true);
        }
    }

    @Test
    void paginationEnvelopeFiltersAndSorting() {
        anonymous(base).queryParam("sector", "WO").queryParam("pageSize", 5).queryParam("page", 2).queryParam("sort", "-name")
                .get("/api/institutions").then().statusCode(200)
                .body("pageNumber", equalTo(2)).body("pageSize", equalTo(5))
                .body("items.sector", everyItem(equalTo("WO")))
                .body("items.size()", equalTo(5))
                .body("hasNextPage", equalTo(true));
        anonymous(base).queryParam("q", "delft").get("/api/institutions").then().statusCode(200)
                .body("items.code", hasItem("tu-delft"));
    }

    @Test
    void badQueryParametersAre400NamingTheParameter() {
        anonymous(base).queryParam("pageSize", 251).get("/api/institutions").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("pageSize"));
        anonymous(base).queryParam("sort", "secret").get("/api/institutions").then().statusCode(400)
                .body("errors[0].field", equalTo("sort")).body("errors[0].message", containsString("name"));
        anonymous(base).queryParam("sector", "UNI").get("/api/institutions").then().statusCode(400).body("errors[0].field", equalTo("sector"));
        anonymous(base).queryParam("page", "first").get("/api/institutions").then().statusCode(400).body("errors[0].field", equalTo("page"));
    }

    @Test
    void anUnknownInstitutionIsAProblem404() {
        anonymous(base).get("/api/institutions/no-such-place").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not found"))
                .body("type", containsString("not-found")).body("instance", equalTo("/api/institutions/no-such-place"))
                .body("detail", containsString("no-such-place"));
        anonymous(base).get("/api/boards/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        anonymous(base).get("/api/no-such-resource").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aCoordinatorCreatesAndUpdatesAnInstitutionWithEtags() {
        String code = unique("it-create");
        var created = as(base, TestTokens.coordinator()).body(institution(code)).post("/api/institutions")
                .then().statusCode(201).header("Location", containsString("/api/institutions/" + code))
                .header("ETag", equalTo("\"1\""))
                .body("code", equalTo(code)).body("sector", equalTo("HBO")).body("active", equalTo(true))
                .body("version", equalTo(1)).body("createdAt", not(nullValue())).extract().jsonPath();
        assertThat(created.getString("updatedAt")).endsWith("Z");

        anonymous(base).get("/api/institutions/" + code).then().statusCode(200).header("ETag", "\"1\"")
                .body("website", equalTo("https://example.org"));
        anonymous(base).header("If-None-Match", "\"1\"").get("/api/institutions/" + code).then().statusCode(304);

        var update = Map.of("name", "Renamed Hogeschool", "sector", "HBO", "brin", "99XX", "memberSince", "2024-02-01", "active", false);
        as(base, TestTokens.coordinator()).header("If-Match", "\"1\"").body(update).put("/api/institutions/" + code)
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("name", equalTo("Renamed Hogeschool")).body("brin", equalTo("99XX")).body("memberSince", equalTo("2024-02-01"))
                .body("active", equalTo(false)).body("version", equalTo(2));

        // the stale version is refused and nothing changes
        as(base, TestTokens.coordinator()).header("If-Match", "\"1\"").body(Map.of("name", "Lost update", "sector", "WO"))
                .put("/api/institutions/" + code).then().statusCode(412).contentType("application/problem+json")
                .body("status", equalTo(412));
        anonymous(base).get("/api/institutions/" + code).then().body("name", equalTo("Renamed Hogeschool")).body("sector", equalTo("HBO"));
    }

    @Test
    void theInstitutionsAdminSetsOnlyItsOpenEducationApiIdentifiers() {
        String code = unique("it-ooapi-ids");
        as(base, TestTokens.coordinator()).body(institution(code)).post("/api/institutions").then().statusCode(201);
        var current = anonymous(base).get("/api/institutions/" + code).then().statusCode(200).extract().jsonPath();
        String admin = TestTokens.institutionAdmin(code);
        Map<String, Object> same = new java.util.HashMap<>(Map.of("name", current.getString("name"), "sector", current.getString("sector"),
                "website", current.getString("website"), "active", true));

        // the own admin sets the identifiers, the rest as it is
        same.put("educationOffererCode", "123A456");
        same.put("schacHome", "example.org");
        as(base, admin).header("If-Match", "\"1\"").body(same).put("/api/institutions/" + code).then().statusCode(200)
                .body("educationOffererCode", equalTo("123A456")).body("schacHome", equalTo("example.org"))
                .body("organizationId", equalTo(current.getString("organizationId"))).header("ETag", "\"2\"");

        // but not the name: 403 naming it, and nothing changes
        Map<String, Object> renamed = new java.util.HashMap<>(same);
        renamed.put("name", "Self-renamed College");
        renamed.put("schacHome", "other.example.org");
        as(base, admin).body(renamed).put("/api/institutions/" + code).then().statusCode(403).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("name")));
        // another institution's admin not at all
        as(base, TestTokens.institutionAdmin("tu-delft")).body(same).put("/api/institutions/" + code).then().statusCode(403);
        anonymous(base).get("/api/institutions/" + code).then().body("name", equalTo(current.getString("name")))
                .body("schacHome", equalTo("example.org"));

        // RIO's pattern and a domain name, named when wrong
        same.put("educationOffererCode", "12A3456");
        same.put("schacHome", "https://example.org");
        as(base, TestTokens.coordinator()).body(same).put("/api/institutions/" + code).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("educationOffererCode", "schacHome"));

        // the coordinator clears them
        same.remove("educationOffererCode");
        same.remove("schacHome");
        as(base, TestTokens.coordinator()).body(same).put("/api/institutions/" + code).then().statusCode(200)
                .body("educationOffererCode", nullValue()).body("schacHome", nullValue());
    }

    @Test
    void ifMatchAndIfNoneMatchFollowRfc9110() {
        String code = unique("it-etag");
        String coordinator = TestTokens.coordinator();
        as(base, coordinator).body(institution(code)).post("/api/institutions").then().statusCode(201).header("ETag", "\"1\"");
        var rename = Map.of("name", "Renamed by If-Match", "sector", "HBO");

        // well-formed tags that the registry never issued, and weak tags, never match: 412, and nothing changes
        for (String never : List.of("\"abc\"", "\"v1\"", "W/\"1\"", "W/\"1\", \"abc\"", "\"01\"")) {
            as(base, coordinator).header("If-Match", never).body(rename).put("/api/institutions/" + code).then().statusCode(412)
                    .contentType("application/problem+json").body("status", equalTo(412));
        }
        anonymous(base).get("/api/institutions/" + code).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("Test Hogeschool " + code)).body("version", equalTo(1));

        // a malformed header is a 400 naming it, and nothing changes
        for (String garbage : List.of("abc", "1", "\"unterminated", "W/1", "\"1\" \"2\"", "*, \"1\"")) {
            as(base, coordinator).header("If-Match", garbage).body(rename).put("/api/institutions/" + code).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("If-Match"));
        }
        anonymous(base).get("/api/institutions/" + code).then().header("ETag", "\"1\"");

        // a list matches when one of its strong tags is the current one; * matches any current representation
        as(base, coordinator).header("If-Match", "\"7\", W/\"2\", \"1\"").body(rename).put("/api/institutions/" + code).then().statusCode(200)
                .header("ETag", "\"2\"");
        as(base, coordinator).header("If-Match", "*").body(Map.of("name", "Renamed by star", "sector", "HBO")).put("/api/institutions/" + code)
                .then().statusCode(200).header("ETag", "\"3\"").body("name", equalTo("Renamed by star"));
        as(base, coordinator).header("If-Match", "\"2\", \"1\"").body(rename).put("/api/institutions/" + code).then().statusCode(412);
        as(base, coordinator).header("If-Match", "*").body(rename).put("/api/institutions/no-such-place").then().statusCode(404);

        // If-None-Match on GET: * or a tag equal by weak comparison is a 304; a malformed one a 400
        for (String same : List.of("\"3\"", "W/\"3\"", "\"1\", W/\"3\"", "*")) {
            anonymous(base).header("If-None-Match", same).get("/api/institutions/" + code).then().statusCode(304).header("ETag", "\"3\"");
        }
        anonymous(base).header("If-None-Match", "\"2\", \"abc\"").get("/api/institutions/" + code).then().statusCode(200).header("ETag", "\"3\"");
        anonymous(base).header("If-None-Match", "3").get("/api/institutions/" + code).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("If-None-Match"));
        anonymous(base).header("If-Match", "\"2\"").get("/api/institutions/" + code).then().statusCode(412);
    }

    @Test
    void theCodeIsUniqueAndStable() {
        String code = unique("it-unique");
        as(base, TestTokens.coordinator()).body(institution(code)).post("/api/institutions").then().statusCode(201);
        as(base, TestTokens.coordinator()).body(institution(code)).post("/api/institutions").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("code"));
        as(base, TestTokens.coordinator()).body(Map.of("code", "something-else", "name", "X", "sector", "WO"))
                .put("/api/institutions/" + code).then().statusCode(400).body("errors.field", hasItem("code"));
    }

    @Test
    void invalidInputIs400WithOneErrorPerFieldAndChangesNothing() {
        String code = unique("it-invalid");
        as(base, TestTokens.coordinator()).body(Map.of("code", code, "name", " ", "sector", "HBO", "brin", "abcd", "website", "not a url"))
                .post("/api/institutions").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid input")).body("status", equalTo(400))
                .body("errors.field", hasItems("name", "brin", "website"))
                .body("errors.find { it.field == 'brin' }.message", containsString("2 digits"));
        anonymous(base).get("/api/institutions/" + code).then().statusCode(404);
    }

    @Test
    void malformedJsonWrongTypesAndUnknownEnumValuesName400Fields() {
        as(base, TestTokens.coordinator()).body("{\"code\": \"x\", ").post("/api/institutions").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        as(base, TestTokens.coordinator()).body("{\"code\":\"it-enum\",\"name\":\"X\",\"sector\":\"UNIVERSITY\"}").post("/api/institutions")
                .then().statusCode(400).body("errors[0].field", equalTo("sector")).body("errors[0].message", containsString("WO, HBO"));
        as(base, TestTokens.coordinator()).body("{\"code\":\"it-date\",\"name\":\"X\",\"sector\":\"WO\",\"memberSince\":\"last year\"}")
                .post("/api/institutions").then().statusCode(400).body("errors[0].field", equalTo("memberSince"));
        as(base, TestTokens.coordinator()).contentType("text/plain").body("hello").post("/api/institutions").then().statusCode(415)
                .contentType("application/problem+json");
        as(base, TestTokens.coordinator()).body("").post("/api/institutions").then().statusCode(400).contentType("application/problem+json");
        anonymous(base).delete("/api/institutions/tu-delft").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void anInstitutionAdminManagesItsBoardsAndTheDefaultStaysUnique() {
        String code = unique("it-boards");
        as(base, TestTokens.coordinator()).body(institution(code)).post("/api/institutions").then().statusCode(201);
        String admin = TestTokens.institutionAdmin(code);

        // the first board becomes the default, whatever the request says
        String first = as(base, admin).body(Map.of("name", "Examencommissie Techniek", "email", "ec-techniek@example.org",
                        "courseCodePrefixes", List.of("tech", "ENG"))).post("/api/institutions/" + code + "/boards")
                .then().statusCode(201).header("Location", containsString("/api/boards/"))
                .body("isDefault", equalTo(true)).body("decisionTermDays", equalTo(56))
                .body("courseCodePrefixes", equalTo(List.of("TECH", "ENG"))).body("institution", equalTo(code))
                .extract().path("id");

        String second = as(base, admin).body(Map.of("name", "Examencommissie Zorg", "email", "ec-zorg@example.org",
                        "decisionTermDays", 42, "courseCodePrefixes", List.of("ZORG"), "isDefault", true))
                .post("/api/institutions/" + code + "/boards").then().statusCode(201).body("isDefault", equalTo(true))
                .extract().path("id");

        JsonPath boardPage = as(base, admin).get("/api/institutions/" + code + "/boards").then().statusCode(200)
                .body("pageNumber", equalTo(1)).body("pageSize", equalTo(20)).body("totalItems", equalTo(2)).body("totalPages", equalTo(1))
                .body("hasNextPage", equalTo(false)).extract().jsonPath();
        List<Map<String, Object>> boards = boardPage.getList("items");
        assertThat(boards).hasSize(2);
        assertThat(boards.get(0).get("id")).as("the default board first").isEqualTo(second);
        // paged and sorted like every collection
        as(base, admin).queryParam("pageSize", 1).queryParam("page", 2).queryParam("sort", "name").get("/api/institutions/" + code + "/boards")
                .then().statusCode(200).body("items.name", org.hamcrest.Matchers.contains("Examencommissie Zorg"))
                .body("totalItems", equalTo(2)).body("hasNextPage", equalTo(false));
        as(base, admin).queryParam("sort", "email").get("/api/institutions/" + code + "/boards").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        anonymous(base).get("/api/institutions/no-such-place/boards").then().statusCode(404);
        assertThat(boards).filteredOn(b -> Boolean.TRUE.equals(b.get("isDefault"))).extracting(b -> b.get("id")).containsExactly(second);

        // a prefix routes to one board only
        as(base, admin).body(Map.of("name", "Dubbel", "email", "d@example.org", "courseCodePrefixes", List.of("zorg")))
                .post("/api/institutions/" + code + "/boards").then().statusCode(409)
                .body("errors[0].field", equalTo("courseCodePrefixes")).body("errors[0].message", containsString("ZORG"));

        // the default board cannot be unset; another board must take over
        int version = as(base, admin).get("/api/boards/" + second).then().statusCode(200).extract().path("version");
        as(base, admin).header("If-Match", "\"" + version + "\"")
                .body(Map.of("name", "Examencommissie Zorg", "email", "ec-zorg@example.org", "isDefault", false))
                .put("/api/boards/" + second).then().statusCode(409).body("errors[0].field", equalTo("isDefault"));

        int firstVersion = as(base, admin).get("/api/boards/" + first).then().extract().path("version");
        as(base, admin).header("If-Match", "\"" + firstVersion + "\"")
                .body(Map.of("name", "Examencommissie Techniek", "email", "ec-techniek@example.org", "decisionTermDays", 30,
                        "courseCodePrefixes", List.of("TECH"), "isDefault", true))
                .put("/api/boards/" + first).then().statusCode(200).body("isDefault", equalTo(true)).body("decisionTermDays", equalTo(30));
        as(base, admin).get("/api/boards/" + second).then().body("isDefault", equalTo(false));

        // stale If-Match on a board
        as(base, admin).header("If-Match", "\"" + firstVersion + "\"")
                .body(Map.of("name", "Lost", "email", "lost@example.org")).put("/api/boards/" + first).then().statusCode(412);
    }

    @Test
    void boardValidationNamesTheFields() {
        String admin = TestTokens.institutionAdmin("hogeschool-rotterdam");
        anonymous(base).get("/api/institutions/hogeschool-rotterdam/boards").then().statusCode(200);
        as(base, admin).body(Map.of("name", "", "email", "nobody", "decisionTermDays", 400, "courseCodePrefixes", List.of("ok", "not ok!")))
                .post("/api/institutions/hogeschool-rotterdam/boards").then().statusCode(400)
                .body("errors.field", hasItems("name", "email", "decisionTermDays", "courseCodePrefixes[1]"))
                .body("errors.find { it.field == 'decisionTermDays' }.message", equalTo("must be between 1 and 365"));
    }

    @Test
    void thePublicSeesBoardNamesAndContactsOnly() {
        anonymous(base).queryParam("pageSize", 250).get("/api/institutions/tu-delft/boards").then().statusCode(200)
                .body("items.name", hasItem("Board of Examiners EEMCS"))
                .body("items[0]", hasKey("email"))
                .body("items[0]", not(hasKey("decisionTermDays")))
                .body("items[0]", not(hasKey("courseCodePrefixes")));
        as(base, TestTokens.institutionAdmin("tu-delft")).queryParam("pageSize", 250).get("/api/institutions/tu-delft/boards").then().statusCode(200)
                .body("items.find { it.name == 'Board of Examiners EEMCS' }.courseCodePrefixes", hasItems("CSE", "TI"))
                .body("items.find { it.name == 'Board of Examiners EEMCS' }.decisionTermDays", equalTo(42));
    }

    @Test
    void operationsEndpointsAnswer() {
        anonymous(base).get("/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.data.product", equalTo("PostgreSQL"));
        anonymous(base).get("/health/live").then().statusCode(200);
        String openapi = io.restassured.RestAssured.given().baseUri(base.toString()).get("/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/api/institutions/{code}/boards", "/api/boards/{id}", "/api/auth/token",
                "securitySchemes", "bearer", "Problem", "InstitutionInput");
        io.restassured.RestAssured.given().baseUri(base.toString()).get("/metrics").then().statusCode(200)
                .body(containsString("# TYPE"));
    }
}
