package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.microcredentials.registry.it.OoapiConformance.Profile;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Open Education API v5 provider on PostgreSQL: the conformance walk of SURF's RIO and eduXchange validator
 * profiles over the whole database, the spec's query parameters and consumers as they behave, versions as timeline
 * overrides, and generated query strings over every endpoint. The suite brings its own institutions (one with an
 * education offerer code, one without) and programmes, so it does not depend on what other suites leave behind; the
 * walk still covers everything in the database.
 */
@SharedRegistry.Suite
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OoapiProviderIT {

    @SharedRegistry.Base
    URL base;

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String CODE = "ooapi-" + SUFFIX;
    private static final String NO_CODE = "ooapi-nocode-" + SUFFIX;
    private static final String OFFERER_CODE = String.format("%03dA%03d", new Random().nextInt(1000), new Random().nextInt(1000));

    /** What {@link #setUp()} made, shared by the ordered tests of the one deployment. */
    private static final Map<String, String> ids = new HashMap<>();

    private static Map<String, Object> programme(String title, String nlqf, String language, String participation) {
        Map<String, Object> p = new HashMap<>();
        p.put("courseCode", "OO-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase());
        p.put("title", Map.of("en", title, "nl", title + " (NL)"));
        p.put("description", Map.of("en", "A programme about " + title + " for professionals."));
        p.put("learningOutcomes", List.of("Explain the principles of " + title, "Apply them in practice"));
        p.put("ects", 5);
        p.put("nlqfLevel", nlqf);
        p.put("eqfLevel", Integer.valueOf(nlqf));
        p.put("participation", List.of(participation));
        p.put("assessmentType", "WRITTEN_EXAM");
        p.put("languages", List.of(language));
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

    private void revise(String token, String id, Map<String, Object> body) {
        int version = version(token, id);
        Response r = as(base, token).header("If-Match", "\"" + version + "\"").body(body).put("/api/programmes/" + id);
        assertThat(r.statusCode()).as("revising " + id + " at version " + version + ": " + r.asString()).isEqualTo(200);
    }

    private String institution(String code, String name, String sector) {
        as(base, TestTokens.coordinator()).body(Map.of("code", code, "name", name, "sector", sector)).post("/api/institutions")
                .then().statusCode(201);
        return anonymous(base).get("/api/institutions/" + code).then().statusCode(200).extract().path("organizationId");
    }

    private Response ooapi(String pathAndQuery) {
        return anonymous(base).urlEncodingEnabled(false).get("/ooapi/v5" + pathAndQuery);
    }

    private JsonPath ok(String pathAndQuery) {
        Response r = ooapi(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.asString()).isEqualTo(200);
        assertThat(OoapiConformance.validateSpec(pathAndQuery.replaceAll("\\?.*", ""), 200, r.contentType(), r.asString()))
                .as(pathAndQuery).isEmpty();
        return r.jsonPath();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    @Order(1)
    void setUp() {
        String admin = TestTokens.institutionAdmin(CODE);
        ids.put("org", institution(CODE, "OOAPI Test University " + SUFFIX, "WO"));
        ids.put("orgNoCode", institution(NO_CODE, "OOAPI Hogeschool Zonder Code " + SUFFIX, "HBO"));

        // the institution's own admin records its RIO code (and nothing else)
        JsonPath current = as(base, admin).get("/api/institutions/" + CODE).then().statusCode(200).extract().jsonPath();
        Map<String, Object> identifiers = new LinkedHashMap<>();
        identifiers.put("code", CODE);
        identifiers.put("name", current.getString("name"));
        identifiers.put("sector", current.getString("sector"));
        identifiers.put("educationOffererCode", OFFERER_CODE);
        identifiers.put("schacHome", "ooapi-" + SUFFIX + ".example.nl");
        as(base, admin).header("If-Match", "\"" + current.getInt("version") + "\"").body(identifiers).put("/api/institutions/" + CODE)
                .then().statusCode(200).body("educationOffererCode", equalTo(OFFERER_CODE));

        // A: bachelor, English, online, stackable; revised once, so two published versions
        Map<String, Object> a = programme("Quantum Sensing " + SUFFIX, "6", "en", "ONLINE");
        a.put("stackableTowards", "MSc Applied Physics");
        String idA = create(admin, a);
        publish(admin, idA);
        a.put("title", Map.of("en", "Quantum Sensing II " + SUFFIX, "nl", "Kwantumsensoren II " + SUFFIX));
        a.put("ects", 6);
        revise(admin, idA, a);
        ids.put("A", idA);
        ids.put("A.code", (String) a.get("courseCode"));

        // B: master, Dutch, on campus, standalone
        Map<String, Object> b = programme("Waterbeheer " + SUFFIX, "7", "nl", "ONSITE");
        String idB = create(admin, b);
        publish(admin, idB);
        ids.put("B", idB);

        // C: published, withdrawn, then revised: the revision is a draft until published again
        Map<String, Object> c = programme("Circular Design " + SUFFIX, "6", "en", "BLENDED");
        String idC = create(admin, c);
        publish(admin, idC);
        as(base, admin).body(Map.of("reason", "Replaced by a new programme")).post("/api/programmes/" + idC + "/withdraw").then().statusCode(200);
        c.put("title", Map.of("en", "Circular Design Revised " + SUFFIX));
        revise(admin, idC, c);
        ids.put("C", idC);

        // D: of the institution without an education offerer code
        String idD = create(TestTokens.institutionAdmin(NO_CODE), programme("Zorgtechnologie " + SUFFIX, "6", "nl", "ONLINE"));
        publish(TestTokens.institutionAdmin(NO_CODE), idD);
        ids.put("D", idD);
    }

    @Test
    @Order(2)
    void theWholeDatabaseWalksWithoutViolationsForRioAndEduxchange() {
        var walker = new OoapiConformance(base.toString());
        for (Profile profile : Profile.values()) {
            long started = System.nanoTime();
            var walk = walker.walk(profile);
            System.out.println(walk + " in " + (System.nanoTime() - started) / 1_000_000 + " ms (PostgreSQL)");
            assertThat(walk.violations).as(walk.toString()).isEmpty();
            assertThat(walk.seedStatus).hasSameSizeAs(profile.seeds());
            assertThat(walk.seedStatus.values()).as("every seed answered 200").containsOnly(200);
            assertThat(walk.items("Course")).as("courses validated").isGreaterThanOrEqualTo(3);
            if (profile == Profile.RIO) assertThat(walk.items("EducationSpecification")).isGreaterThanOrEqualTo(3);
            else assertThat(walk.items("Organization")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    @Order(3)
    void pagingTakesTheSpecsPageSizesOnly() {
        for (int size : List.of(10, 20, 50, 100, 250)) {
            assertThat(ok("/courses?pageSize=" + size).getInt("pageSize")).isEqualTo(size);
        }
        for (String bad : List.of("0", "5", "11", "251", "1000", "-10", "ten", "", "10.0")) {
            Response r = ooapi("/courses?pageSize=" + bad);
            if (bad.isEmpty()) { assertThat(r.statusCode()).as("an empty value is an absent one").isEqualTo(200); continue; }
            assertProblem(r, 400, "pageSize=" + bad);
        }
        assertProblem(ooapi("/courses?pageNumber=0"), 400, "pageNumber=0");
        // pages do not overlap and tell whether another follows
        JsonPath first = ok("/courses?pageSize=10&pageNumber=1&sort=courseId");
        JsonPath second = ok("/courses?pageSize=10&pageNumber=2&sort=courseId");
        assertThat(first.getBoolean("hasPreviousPage")).isFalse();
        assertThat(second.getBoolean("hasPreviousPage")).isTrue();
        if (first.getBoolean("hasNextPage")) {
            assertThat(first.getList("items.courseId", String.class)).hasSize(10)
                    .doesNotContainAnyElementsOf(second.getList("items.courseId", String.class));
        }
        JsonPath far = ok("/courses?pageSize=10&pageNumber=99999");
        assertThat(far.getList("items")).isEmpty();
        assertThat(far.getBoolean("hasNextPage")).isFalse();
    }

    @Test
    @Order(4)
    void filtersSortAndExpand() {
        String org = "/organizations/" + ids.get("org") + "/courses";
        assertThat(ok(org + "?pageSize=250").getList("items.courseId", String.class))
                .containsExactlyInAnyOrder(ids.get("A"), ids.get("B"), ids.get("C"));
        assertThat(ok("/courses?primaryCode=" + enc(ids.get("A.code"))).getList("items.courseId", String.class)).containsExactly(ids.get("A"));
        assertThat(ok("/courses?q=" + enc("quantum sensing ii " + SUFFIX)).getList("items.courseId", String.class)).containsExactly(ids.get("A"));
        assertThat(ok("/courses?q=" + enc("%_" + SUFFIX)).getList("items")).isEmpty(); // LIKE wildcards are text
        assertThat(ok(org + "?teachingLanguage=nld").getList("items.courseId", String.class)).containsExactly(ids.get("B"));
        assertThat(ok(org + "?teachingLanguage=eng").getList("items.courseId", String.class)).containsExactlyInAnyOrder(ids.get("A"), ids.get("C"));
        assertThat(ok(org + "?level=bachelor").getList("items.courseId", String.class)).containsExactlyInAnyOrder(ids.get("A"), ids.get("C"));
        assertThat(ok(org + "?level=master").getList("items.courseId", String.class)).containsExactly(ids.get("B"));
        assertThat(ok(org + "?level=doctoral").getList("items")).isEmpty();
        assertThat(ok(org + "?modeOfDelivery=online").getList("items.courseId", String.class)).containsExactly(ids.get("A"));
        assertThat(ok(org + "?modeOfDelivery=" + enc("on campus")).getList("items.courseId", String.class)).containsExactly(ids.get("B"));
        assertThat(ok(org + "?modeOfDelivery=hybrid").getList("items.courseId", String.class)).containsExactly(ids.get("C"));
        assertThat(ok(org + "?modeOfDelivery=distance-learning").getList("items")).isEmpty();
        assertProblem(ooapi(org + "?level=bsc"), 400, "level=bsc");
        assertProblem(ooapi(org + "?modeOfDelivery=remote"), 400, "modeOfDelivery=remote");

        List<String> byName = ok(org + "?sort=name").getList("items.courseId", String.class);
        List<String> byNameDesc = ok(org + "?sort=-name").getList("items.courseId", String.class);
        assertThat(byNameDesc).containsExactlyElementsOf(reversed(byName));
        List<String> byId = ok(org + "?sort=courseId").getList("items.courseId", String.class);
        assertThat(byId).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(ok(org + "?sort=-courseId").getList("items.courseId", String.class)).containsExactlyElementsOf(reversed(byId));
        assertProblem(ooapi(org + "?sort=title"), 400, "sort=title");

        JsonPath expanded = ok("/courses/" + ids.get("A") + "?expand=educationSpecification,organization");
        assertThat(expanded.getString("educationSpecification.educationSpecificationType")).isEqualTo("course");
        assertThat(expanded.getString("educationSpecification.formalDocument")).isEqualTo("certificate");
        assertThat(expanded.getString("organization.organizationId")).isEqualTo(ids.get("org"));
        JsonPath plain = ok("/courses/" + ids.get("A"));
        assertThat(plain.getString("organization")).isEqualTo(ids.get("org"));
        assertThat(plain.getString("level")).isEqualTo("bachelor");
        assertThat(plain.getString("teachingLanguage")).isEqualTo("eng");
        assertProblem(ooapi("/courses/" + ids.get("A") + "?expand=everything"), 400, "expand=everything");
    }

    @Test
    @Order(5)
    void consumers() {
        // RIO: only institutions with an education offerer code, each course with its consumer entry
        assertThat(ok("/organizations/" + ids.get("orgNoCode") + "/courses?consumer=rio").getList("items")).isEmpty();
        assertThat(ok("/organizations/" + ids.get("orgNoCode") + "/courses").getList("items.courseId", String.class)).containsExactly(ids.get("D"));
        assertProblem(ooapi("/courses/" + ids.get("D") + "?consumer=rio"), 404, "course of an institution without a code, for RIO");
        assertThat(ok("/courses/" + ids.get("D")).getString("courseId")).isEqualTo(ids.get("D"));
        JsonPath rio = ok("/organizations/" + ids.get("org") + "/courses?consumer=rio&pageSize=250");
        assertThat(rio.getList("items")).hasSize(3);
        assertThat(rio.getList("items.consumers.flatten().educationOffererCode", String.class)).containsOnly(OFFERER_CODE).hasSize(3);
        assertThat(rio.getList("items.consumers.flatten().consumerKey", String.class)).containsOnly("rio");
        for (int page = 1; ; page++) {
            JsonPath all = ok("/courses?consumer=rio&pageSize=250&pageNumber=" + page);
            assertThat(all.getList("items.courseId", String.class)).doesNotContain(ids.get("D"));
            assertThat(all.getList("items.organization", String.class)).doesNotContain(ids.get("orgNoCode"));
            if (!all.getBoolean("hasNextPage")) break;
        }
        JsonPath organization = ok("/organizations/" + ids.get("org") + "?consumer=rio");
        assertThat(organization.getList("otherCodes.code", String.class)).contains(OFFERER_CODE);

        // eduXchange: stackable or standalone
        JsonPath edux = ok("/organizations/" + ids.get("org") + "/courses?consumer=eduxchange&pageSize=250");
        Map<String, String> kind = new HashMap<>();
        for (int i = 0; i < edux.getList("items").size(); i++) {
            assertThat(edux.getString("items[" + i + "].consumers[0].consumerKey")).isEqualTo("eduxchange");
            kind.put(edux.getString("items[" + i + "].courseId"), edux.getString("items[" + i + "].consumers[0].microcredential"));
        }
        assertThat(kind).containsEntry(ids.get("A"), "stackable").containsEntry(ids.get("B"), "standalone");
    }

    @Test
    @Order(6)
    void versionsAreTimelineOverridesAndDraftsStayUnserved() {
        JsonPath a = ok("/courses/" + ids.get("A"));
        assertThat(a.getString("name.find { it.language == 'en-GB' }.value")).isEqualTo("Quantum Sensing II " + SUFFIX);
        assertThat(a.getString("studyLoad.studyLoadUnit")).isEqualTo("ects");
        assertThat(a.getFloat("studyLoad.value")).isEqualTo(6f);
        assertThat(a.getList("timelineOverrides")).isNull();
        JsonPath timeline = ok("/courses/" + ids.get("A") + "?returnTimelineOverrides=true");
        assertThat(timeline.getList("timelineOverrides")).hasSize(1);
        assertThat(timeline.getString("timelineOverrides[0].course.name.find { it.language == 'en-GB' }.value"))
                .isEqualTo("Quantum Sensing " + SUFFIX);
        assertThat(timeline.getFloat("timelineOverrides[0].course.studyLoad.value")).isEqualTo(5f);
        assertThat(timeline.getString("timelineOverrides[0].validFrom")).isNotNull();
        JsonPath specification = ok("/education-specifications/" + timeline.getString("educationSpecification") + "?returnTimelineOverrides=true");
        assertThat(specification.getList("timelineOverrides")).hasSize(1);
        assertThat(specification.getString("educationSpecificationType")).isEqualTo("course");

        // C: withdrawn (validTo), its revision a draft: the published version is what is served
        JsonPath c = ok("/courses/" + ids.get("C"));
        assertThat(c.getString("name.find { it.language == 'en-GB' }.value")).isEqualTo("Circular Design " + SUFFIX);
        assertThat(c.getString("validTo")).isNotNull();
        String admin = TestTokens.institutionAdmin(CODE);
        publish(admin, ids.get("C"));
        JsonPath republished = ok("/courses/" + ids.get("C") + "?returnTimelineOverrides=true");
        assertThat(republished.getString("name.find { it.language == 'en-GB' }.value")).isEqualTo("Circular Design Revised " + SUFFIX);
        assertThat(republished.getList("timelineOverrides")).hasSize(1);
    }

    @Test
    @Order(7)
    void unknownIdsAre404sAndTheServiceAndOrganizationsAnswer() {
        String random = UUID.randomUUID().toString();
        for (String path : List.of("/courses/" + random, "/courses/not-a-uuid", "/courses/" + random + "/offerings",
                "/education-specifications/" + random, "/education-specifications/" + ids.get("A"), "/organizations/" + random,
                "/organizations/" + random + "/courses", "/offerings/" + random, "/programs/" + random)) {
            Response r = ooapi(path);
            assertProblem(r, 404, path);
            assertThat(OoapiConformance.validateSpec(path, 404, r.contentType(), r.asString())).as(path).isEmpty();
        }
        JsonPath service = ok("/");
        assertThat(service.getString("contactEmail")).contains("@");
        assertThat(service.getString("specification")).isNotBlank();

        JsonPath roots = ok("/organizations?organizationType=root");
        assertThat(roots.getList("items")).hasSize(1);
        String root = roots.getString("items[0].organizationId");
        assertThat(roots.getString("items[0].organizationType")).isEqualTo("root");
        List<String> institutes = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonPath p = ok("/organizations?organizationType=institute&pageSize=250&pageNumber=" + page);
            institutes.addAll(p.getList("items.organizationId", String.class));
            assertThat(p.getList("items.parent", String.class)).containsOnly(root);
            assertThat(p.getList("items.organizationType", String.class)).containsOnly("institute");
            if (!p.getBoolean("hasNextPage")) break;
        }
        assertThat(institutes).contains(ids.get("org"), ids.get("orgNoCode")).hasSizeGreaterThanOrEqualTo(34);
        assertThat(ok("/organizations/" + root + "?expand=children").getList("children.organizationId", String.class)).contains(ids.get("org"));
        assertThat(ok("/organizations/" + ids.get("org") + "?expand=parent").getString("parent.organizationId")).isEqualTo(root);
        assertThat(ok("/organizations/" + root + "/courses?pageSize=250").getList("items")).isNotEmpty();
        assertThat(ok("/courses/" + ids.get("A") + "/offerings").getList("items")).isEmpty();
        assertThat(ok("/programs").getList("items")).isEmpty();
    }

    @Test
    @Order(8)
    void theOpenApiDocumentNamesThePublicPathsAndStaysValid() {
        String yaml = io.restassured.RestAssured.given().baseUri(base.toString()).get("/openapi").then().statusCode(200).extract().asString();
        assertThat(yaml).contains("/ooapi/v5/courses:", "/ooapi/v5/courses/{courseId}:", "/ooapi/v5/organizations/{organizationId}/courses:",
                "/ooapi/v5/education-specifications:").doesNotContain("/api/ooapi/v5");
        var parsed = new OpenAPIV3Parser().readContents(yaml);
        // the OOAPI part of the document is valid; what the parser says of the rest (Payara's top-level "endpoints", arrays
        // without "items" in the registry's own schemas) predates the OOAPI provider and is reported, not asserted, here
        List<String> messages = parsed.getMessages() == null ? List.of() : parsed.getMessages();
        System.out.println("OoapiProviderIT: the OpenAPI parser's " + messages.size() + " messages on the rest of /openapi, e.g. "
                + messages.stream().limit(3).toList());
        assertThat(messages).as("the OOAPI paths of the registry's OpenAPI document")
                .noneMatch(m -> m.contains("/ooapi/v5") || m.contains("Open Education"));
        assertThat(parsed.getOpenAPI()).isNotNull();
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/ooapi/v5", "/ooapi/v5/courses", "/api/programmes");
    }

    // ---- generated query strings -----------------------------------------------------------------------

    private static final List<String> NAMES = List.of("pageSize", "pageNumber", "consumer", "q", "primaryCode", "teachingLanguage", "level",
            "modeOfDelivery", "sort", "expand", "returnTimelineOverrides", "organizationType", "educationSpecificationType", "programType",
            "since", "until", "resultExpected", "unknown");
    private static final List<String> VALUES = List.of("", " ", "0", "1", "-1", "10", "20", "50", "100", "250", "251", "2147483648",
            "99999999999999999999", "1e3", "0x10", "true", "false", "TRUE", "rio", "eduxchange", "RIO", "test", "nld", "eng", "dut", "xx",
            "bachelor", "master", "undefined", "nt2-1", "online", "on campus", "distance-learning", "name", "-name", "courseId", "-courseId",
            "name,-courseId", "-", ",", ",,", "educationSpecification,organization", "coordinators", "programs,organization", "parent,children",
            "root", "institute", "course", "program", "minor", "%", "_", "\\", "'", "\"", "' OR 1=1 --", "%00", "\u0000", "\u202e", "😀",
            "<script>", "a".repeat(199), "a".repeat(201), "a".repeat(5000), "2024-01-01", "null", "[]", "{}");

    @Test
    @Order(9)
    void generatedQueryStringsNeverGiveA5xxAnd400sAreOoapiProblems() throws Exception {
        long seed = Long.getLong("pbt.seed", 20_260_313L);
        System.out.println("OoapiProviderIT: seed " + seed + " (rerun with -Dpbt.seed=" + seed + ")");
        Random random = new Random(seed);
        String root = ok("/organizations?organizationType=root").getString("items[0].organizationId");
        String es = ok("/courses/" + ids.get("A")).getString("educationSpecification");
        List<String> endpoints = List.of("/", "/organizations", "/organizations/" + root, "/organizations/" + ids.get("org"),
                "/organizations/" + ids.get("org") + "/courses", "/organizations/" + root + "/courses", "/courses", "/courses/" + ids.get("A"),
                "/courses/" + ids.get("A") + "/offerings", "/education-specifications", "/education-specifications/" + es,
                "/offerings/" + UUID.randomUUID(), "/programs", "/programs/" + UUID.randomUUID());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String origin = base.toString().replaceAll("/+$", "");
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int sent = 0;
        long started = System.nanoTime();
        for (String endpoint : endpoints) {
            for (int n = 0; n < 40; n++) {
                int count = 1 + random.nextInt(4);
                List<String> pairs = new ArrayList<>();
                for (int k = 0; k < count; k++) {
                    String name = random.nextInt(10) == 0 ? randomText(random, 1 + random.nextInt(8)) : NAMES.get(random.nextInt(NAMES.size()));
                    String value = random.nextInt(5) == 0 ? randomText(random, random.nextInt(30)) : VALUES.get(random.nextInt(VALUES.size()));
                    pairs.add(enc(name) + "=" + enc(value));
                }
                String request = endpoint + "?" + String.join("&", pairs);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin + "/ooapi/v5" + request))
                        .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
                sent++;
                statuses.merge(r.statusCode(), 1, Integer::sum);
                String contentType = r.headers().firstValue("Content-Type").orElse("");
                if (r.statusCode() >= 500) {
                    failures.add(request + " -> " + r.statusCode() + " " + r.body());
                } else if (r.statusCode() == 400 || r.statusCode() == 404) {
                    JsonPath body;
                    try {
                        body = JsonPath.from(r.body());
                    } catch (RuntimeException e) {
                        failures.add(request + " -> " + r.statusCode() + " not JSON: " + r.body());
                        continue;
                    }
                    if (!String.valueOf(r.statusCode()).equals(body.get("status")) || !contentType.startsWith("application/problem+json")) {
                        failures.add(request + " -> " + r.statusCode() + " not an OOAPI problem: " + contentType + " " + r.body());
                    }
                } else if (r.statusCode() == 200) {
                    List<String> violations = OoapiConformance.validateSpec(endpoint, 200, contentType, r.body());
                    if (!violations.isEmpty()) failures.add(request + " -> 200 against the spec: " + violations);
                } else {
                    failures.add(request + " -> unexpected " + r.statusCode() + " " + r.body());
                }
            }
        }
        System.out.println("OoapiProviderIT: " + sent + " generated query strings over " + endpoints.size() + " endpoints, statuses "
                + statuses + ", " + failures.size() + " failures, " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms, seed " + seed);
        assertThat(failures).as("seed " + seed + ", " + sent + " generated query strings; first failures")
                .isEmpty();
        assertThat(statuses.keySet()).as("the generator reaches both answers").contains(200, 400);
    }

    private static String randomText(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) s.append((char) ('a' + random.nextInt(26)));
            else if (kind < 8) s.append((char) (0x20 + random.nextInt(0x5f)));
            else s.appendCodePoint(0xa0 + random.nextInt(0x2000));
        }
        return s.toString();
    }

    private static void assertProblem(Response r, int status, String what) {
        assertThat(r.statusCode()).as(what + ": " + r.asString()).isEqualTo(status);
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("status")).as(what + ": the status as a string").isEqualTo(String.valueOf(status));
        assertThat((Object) r.jsonPath().get("status")).as(what).isInstanceOf(String.class);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy.stream().collect(Collectors.toList());
    }
}
