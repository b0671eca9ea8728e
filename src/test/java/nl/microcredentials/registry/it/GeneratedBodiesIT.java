package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Property-based request bodies for every write endpoint that takes a JSON body. From a valid body per endpoint, a seeded
 * generator ({@code -Dpbt.seed=...}; the seed is printed) derives, for every field, recursively into nested objects and
 * arrays: the field dropped, set to null, replaced by each JSON type it does not have (string, number, boolean, array,
 * object), and wrapped in an object and in an array; plus random combinations of 3..6 such changes on disjoint fields.
 * Each body goes to the endpoint with a token that may call it, the right If-Match, and a resource in the state the
 * operation needs, so that it reaches validation.
 *
 * <p>What is asserted, for every body that is invalid by construction (it has a wrong type, a wrapped value, a null array
 * element, or lacks a field the endpoint requires, or an array shorter than it must be):
 * <ul>
 * <li>never a 5xx and never a 2xx; every 4xx is {@code application/problem+json};</li>
 * <li>a 400 lists errors, none of them on {@code body}, each naming a field that occurs in the body (as sent or as it was
 *     before the change) or that the endpoint requires; and every field changed to a wrong type or wrapped, every
 *     required field dropped or nulled, every null array element and every array cut below its minimum is named (by its own
 *     path, a path inside it, or its enclosing object/array);</li>
 * <li>after all of them, every table's row count and row checksum is what it was before (webhook deliveries by their ids
 *     only: their attempts are retried in the background, independently of this test).</li>
 * </ul>
 * Bodies that may still be valid after the change (only optional fields dropped or nulled, array elements dropped within
 * the minimum) are not sent, so that nothing can change; they are counted as {@code skipped}.
 */
@SharedRegistry.Suite
class GeneratedBodiesIT {

    @SharedRegistry.Base
    URL base;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String COORDINATOR = TestTokens.coordinator();
    private static final String DELFT = TestTokens.institutionAdmin("tu-delft");
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final int COMBINATIONS = 60;

    /** One write endpoint: who calls it, where, its valid body, which fields it requires and the arrays' minimum sizes. */
    private record Target(String method, String template, String path, String token, String ifMatch, ObjectNode body,
                          Set<String> required, Map<String, Integer> minItems) {
        String name() {
            return method + " " + template;
        }
    }

    private enum Kind {
        DROP, NULL, STRING, NUMBER, BOOLEAN, ARRAY, OBJECT, WRAP_OBJECT, WRAP_ARRAY;

        boolean wrongType() {
            return this != DROP && this != NULL;
        }
    }

    /** A change of the value at a path ({@code a.b}, {@code a[0]}). */
    private record Mutation(String path, Kind kind) { }

    /** A generated body and the fields its 400 must name. */
    private record Case(String description, String body, Set<String> mustName, Set<String> originalPaths) { }

    private record Outcome(int status, String contentType, String body) { }

    // ---- the endpoints ---------------------------------------------------------------------------

    private final Map<String, String> ids = new HashMap<>();

    private List<Target> targets() throws Exception {
        List<Target> t = new ArrayList<>();
        String eemcs = ids.get("eemcs");
        String boardToken = TestTokens.boardMember("tu-delft", eemcs);

        t.add(new Target("POST", "/api/institutions", "/api/institutions", COORDINATOR, null,
                object("code", "it-pbt-college", "name", "Generated College", "sector", "HBO", "brin", "99PB",
                        "website", "https://pbt.invalid", "memberSince", "2026-01-01", "active", true),
                Set.of("code", "name", "sector"), Map.of()));
        t.add(new Target("PUT", "/api/institutions/{code}", "/api/institutions/tu-delft", COORDINATOR, ids.get("delftVersion"),
                object("code", "tu-delft", "name", "Technische Universiteit Delft", "sector", "WO", "website", "https://www.tudelft.nl",
                        "memberSince", "2022-09-01", "active", true),
                Set.of("name", "sector"), Map.of()));
        t.add(new Target("POST", "/api/institutions/{code}/boards", "/api/institutions/tu-delft/boards", DELFT, null, boardBody("Generated board", "PBT"),
                Set.of("name", "email"), Map.of()));
        t.add(new Target("PUT", "/api/boards/{id}", "/api/boards/" + eemcs, DELFT, ids.get("eemcsVersion"),
                object("name", "Board of Examiners EEMCS", "email", "boe-eemcs@tudelft.invalid", "decisionTermDays", 42,
                        "courseCodePrefixes", List.of("CSE", "TI"), "isDefault", false),
                Set.of("name", "email"), Map.of()));
        t.add(new Target("PUT", "/api/institutions/{code}/webhook", "/api/institutions/tu-delft/webhook", DELFT, ids.get("webhookVersion"),
                object("url", "https://hooks.tudelft.invalid/registry"), Set.of("url"), Map.of()));

        ObjectNode programme = programmeBody();
        t.add(new Target("POST", "/api/programmes", "/api/programmes", DELFT, null, programme, Set.of("title.en"), Map.of()));
        t.add(new Target("PUT", "/api/programmes/{id}", "/api/programmes/" + ids.get("programme"), DELFT, ids.get("programmeVersion"),
                programme, Set.of("title.en"), Map.of()));
        t.add(new Target("POST", "/api/programmes/{id}/withdraw", "/api/programmes/" + ids.get("programme") + "/withdraw", DELFT,
                ids.get("programmeVersion"), object("reason", "Replaced"), Set.of("reason"), Map.of()));

        ObjectNode agreement = agreementBody();
        Set<String> agreementRequired = Set.of("title", "kind", "parties", "effect", "terms", "validFrom");
        t.add(new Target("POST", "/api/agreements", "/api/agreements", DELFT, null, agreement, agreementRequired, Map.of("parties", 2)));
        String agreementPath = "/api/agreements/" + ids.get("agreement");
        t.add(new Target("PUT", "/api/agreements/{id}", agreementPath, DELFT, ids.get("agreementVersion"), agreement, agreementRequired,
                Map.of("parties", 2)));
        t.add(new Target("POST", "/api/agreements/{id}/approvals", agreementPath + "/approvals", DELFT, ids.get("agreementVersion"),
                object("termsHash", ids.get("termsHash")), Set.of("termsHash"), Map.of()));
        t.add(new Target("POST", "/api/agreements/{id}/terminate", agreementPath + "/terminate", DELFT, ids.get("agreementVersion"),
                object("reason", "Ended", "effectiveOn", TODAY.plusMonths(6).toString()), Set.of("reason", "effectiveOn"), Map.of()));

        t.add(new Target("POST", "/api/exemption-requests", "/api/exemption-requests", DELFT, null, requestBody("CSE0100", "s5550100"),
                Set.of("learner", "learner.name", "programme", "awardedOn", "targetCourse", "targetCourse.code", "targetCourse.title",
                        "targetCourse.ects"), Map.of()));
        String inReview = "/api/exemption-requests/" + ids.get("inReview");
        String inReviewVersion = ids.get("inReviewVersion");
        t.add(new Target("POST", "/api/exemption-requests/{id}/request-information", inReview + "/request-information", boardToken, inReviewVersion,
                object("message", "Please send the rubric"), Set.of("message"), Map.of()));
        t.add(new Target("POST", "/api/exemption-requests/{id}/extend", inReview + "/extend", boardToken, inReviewVersion,
                object("reason", "Advice needed", "days", 14), Set.of("reason", "days"), Map.of()));
        t.add(new Target("POST", "/api/exemption-requests/{id}/decision", inReview + "/decision", boardToken, inReviewVersion,
                object("outcome", "GRANTED", "ectsGranted", 5, "motivation", "Covered"), Set.of("outcome", "motivation"), Map.of()));
        t.add(new Target("POST", "/api/exemption-requests/{id}/withdraw", inReview + "/withdraw", DELFT, inReviewVersion,
                object("reason", "The learner withdrew"), Set.of(), Map.of()));
        t.add(new Target("POST", "/api/exemption-requests/{id}/reroute", inReview + "/reroute", DELFT, inReviewVersion,
                object("board", ids.get("architecture"), "reason", "Belongs to Architecture"), Set.of("board", "reason"), Map.of()));
        t.add(new Target("POST", "/api/exemption-requests/{id}/appeal", "/api/exemption-requests/" + ids.get("decided") + "/appeal", DELFT,
                ids.get("decidedVersion"), object("filedOn", TODAY.toString(), "lateAcceptanceReason", "Excusable"), Set.of("filedOn"), Map.of()));
        t.add(new Target("POST", "/api/exemption-requests/{id}/appeal-outcome", "/api/exemption-requests/" + ids.get("appealed") + "/appeal-outcome",
                DELFT, ids.get("appealedVersion"), object("outcome", "UPHELD"), Set.of("outcome"), Map.of()));
        t.add(new Target("POST", "/api/auth/token", "/api/auth/token", null, null, object("username", "coordinator", "password", "demo"),
                Set.of("username", "password"), Map.of()));
        t.add(credentialTarget());
        t.add(new Target("PUT", "/api/institutions/{code}/ooapi-source", "/api/institutions/tu-delft/ooapi-source", DELFT, null,
                object("baseUrl", "https://ooapi.tudelft.invalid/v5", "consumer", "rio"), Set.of("baseUrl"), Map.of()));
        t.add(new Target("POST", "/api/institutions/{code}/ooapi-source/syncs/{id}/conflicts/{courseId}",
                "/api/institutions/tu-delft/ooapi-source/syncs/" + java.util.UUID.randomUUID() + "/conflicts/" + java.util.UUID.randomUUID(), DELFT, null,
                object("keep", "registry"), Set.of("keep"), Map.of()));
        String me = Api.login(base, "board.tudelft");
        String preferencesVersion = etag(as(base, me).get("/api/me/notification-preferences").then().statusCode(200).extract().header("ETag"));
        t.add(new Target("PUT", "/api/me/notification-preferences", "/api/me/notification-preferences", me, preferencesVersion,
                object("language", "en", "kinds", Map.of("REQUEST_RECEIVED", "DAILY", "DECISIONS_DUE", "OFF")), Set.of(), Map.of()));
        return t;
    }

    /**
     * POST /api/verify (public): an Open Badges 3.0 credential of a published demo programme's achievement. Required are
     * the members achievementcredential.json requires; OB3's arrays of types keep their minimum (a type array may lose no
     * element without losing a type it must contain).
     */
    private Target credentialTarget() throws Exception {
        ObjectNode achievement = (ObjectNode) JSON.readTree(anonymous(base).get("/api/programmes/" + ids.get("leidenProgramme") + "/achievement")
                .then().statusCode(200).extract().asString());
        achievement.remove("@context");
        ObjectNode credential = object("@context", List.of("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
                "id", "urn:uuid:5b1b7f0e-8c63-4a8f-9d4e-2f0b6c1d7e90", "type", List.of("VerifiableCredential", "OpenBadgeCredential"),
                "issuer", Map.of("id", "https://edubadges.invalid/issuers/leiden", "type", List.of("Profile"), "name", "Universiteit Leiden"),
                "validFrom", "2026-01-15T10:00:00Z",
                "credentialSubject", Map.of("id", "did:example:generated", "type", List.of("AchievementSubject")));
        ((ObjectNode) credential.get("credentialSubject")).set("achievement", achievement);
        Set<String> requiredPatterns = Set.of("@context", "id", "type", "credentialSubject", "issuer", "validFrom", "issuer.id", "issuer.type",
                "credentialSubject.type", "credentialSubject.achievement", "credentialSubject.achievement.id", "credentialSubject.achievement.type",
                "credentialSubject.achievement.criteria", "credentialSubject.achievement.description", "credentialSubject.achievement.name",
                "credentialSubject.achievement.creator.id", "credentialSubject.achievement.creator.type",
                "credentialSubject.achievement.alignment[].type", "credentialSubject.achievement.alignment[].targetName",
                "credentialSubject.achievement.alignment[].targetUrl", "credentialSubject.achievement.otherIdentifier[].type",
                "credentialSubject.achievement.otherIdentifier[].identifier", "credentialSubject.achievement.otherIdentifier[].identifierType",
                "credentialSubject.achievement.creator.otherIdentifier[].type", "credentialSubject.achievement.creator.otherIdentifier[].identifier",
                "credentialSubject.achievement.creator.otherIdentifier[].identifierType", "credentialSubject.achievement.related[].id",
                "credentialSubject.achievement.related[].type");
        Set<String> required = new LinkedHashSet<>();
        Map<String, Integer> minItems = new HashMap<>(Map.of("@context", 2, "type", 2));
        for (String path : paths(credential, "")) {
            if (requiredPatterns.contains(path.replaceAll("\\[\\d+]", "[]"))) required.add(path);
            if (path.endsWith(".type") && at(credential, path).isArray()) minItems.put(path, at(credential, path).size());
        }
        return new Target("POST", "/api/verify", "/api/verify", null, null, credential, required, minItems);
    }

    /** Changes that OB3 allows, so that the credential may stay valid (and is answered, 200): issuer as a URI, criteria as any object. */
    private static boolean mayStayValid(Target target, Mutation m) {
        return target.path().equals("/api/verify") && ((m.path().equals("issuer") && m.kind() == Kind.STRING)
                || (m.path().endsWith("achievement.criteria") && m.kind() == Kind.WRAP_OBJECT));
    }

    private static ObjectNode boardBody(String name, String prefix) {
        return object("name", name, "email", "generated@tudelft.invalid", "decisionTermDays", 42, "courseCodePrefixes", List.of(prefix, prefix + "X"),
                "isDefault", false);
    }

    private static ObjectNode programmeBody() {
        return object("courseCode", "PBT-1", "title", Map.of("en", "Generated programme"), "description", Map.of("en", "A programme", "nl", "Een programma"),
                "learningOutcomes", List.of("Generate", "Validate"), "ects", 5, "studyHours", 140, "nlqfLevel", "6", "eqfLevel", 6,
                "levelVerified", true, "participation", List.of("ONLINE", "BLENDED"), "assessmentSupervised", true, "identityVerified", true,
                "assessmentType", "WRITTEN_EXAM",
                "qualityAssurance", Map.of("name", "Kwaliteitskader", "url", "https://pbt.invalid/qa", "description", "The framework"),
                "prerequisites", "None", "gradeRecorded", false, "stackableTowards", "Nothing", "languages", List.of("en", "nl"),
                "iscedField", "0613", "microcredentialSince", "2025-09-01", "experimental", false);
    }

    private static ObjectNode agreementBody() {
        return object("title", "Generated agreement", "kind", "BILATERAL", "parties", List.of("tu-delft", "hogeschool-utrecht"),
                "scope", Map.of("issuers", List.of("tu-delft"), "minNlqfLevel", "5", "maxNlqfLevel", "7", "minEcts", 3, "maxEcts", 30),
                "effect", "ELECTIVE_CREDITS", "terms", "Generated terms", "validFrom", "2026-01-01", "validUntil", "2030-12-31");
    }

    private ObjectNode requestBody(String course, String studentNumber) {
        return object("learner", Map.of("name", "Generated Learner", "email", studentNumber + "@student.invalid", "studentNumber", studentNumber),
                "programme", ids.get("leidenProgramme"), "awardedOn", TODAY.minusMonths(1).toString(),
                "evidenceUrl", "https://edubadges.invalid/assertions/" + studentNumber,
                "targetCourse", Map.of("code", course, "title", "Generated course", "ects", 5),
                "targetProgramme", "BSc Generated", "motivation", "Covered by the micro-credential");
    }

    /** The resources the endpoints act on, in the states their operations need; created before the database fingerprint. */
    private void fixtures() {
        List<Map<String, Object>> boards = anonymous(base).queryParam("pageSize", 250).get("/api/institutions/tu-delft/boards").then().statusCode(200)
                .extract().path("items");
        String eemcs = (String) boards.stream().filter(b -> "Board of Examiners EEMCS".equals(b.get("name"))).findFirst().orElseThrow().get("id");
        ids.put("eemcs", eemcs);
        ids.put("architecture", (String) boards.stream().filter(b -> "Board of Examiners Architecture".equals(b.get("name"))).findFirst().orElseThrow().get("id"));
        ids.put("eemcsVersion", etag(as(base, DELFT).get("/api/boards/" + eemcs).then().statusCode(200).extract().header("ETag")));
        ids.put("delftVersion", etag(anonymous(base).get("/api/institutions/tu-delft").then().statusCode(200).extract().header("ETag")));
        var webhook = as(base, DELFT).get("/api/institutions/tu-delft/webhook");
        ids.put("webhookVersion", webhook.statusCode() == 200 ? etag(webhook.header("ETag")) : null);
        ids.put("leidenProgramme", anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1).get("/api/programmes")
                .then().statusCode(200).extract().path("items[0].id"));

        // the valid bodies are valid: they create the resources the other operations change
        var programme = as(base, DELFT).body(programmeBody().toString()).post("/api/programmes").then().statusCode(201).extract();
        ids.put("programme", programme.path("id"));
        ids.put("programmeVersion", etag(programme.header("ETag")));
        var agreement = as(base, DELFT).body(agreementBody().toString()).post("/api/agreements").then().statusCode(201).extract();
        ids.put("agreement", agreement.path("id"));
        ids.put("agreementVersion", etag(agreement.header("ETag")));
        ids.put("termsHash", agreement.path("termsHash"));

        String member = TestTokens.boardMember("tu-delft", eemcs);
        String inReview = record("CSE0101", "s5550101");
        transition(member, inReview, "review", null);
        String decided = record("CSE0102", "s5550102");
        transition(member, decided, "review", null);
        transition(member, decided, "decision", Map.of("outcome", "REJECTED", "motivation", "Not covered"));
        String appealed = record("CSE0103", "s5550103");
        transition(member, appealed, "review", null);
        transition(member, appealed, "decision", Map.of("outcome", "REJECTED", "motivation", "Not covered"));
        transition(DELFT, appealed, "appeal", Map.of("filedOn", TODAY.toString()));
        for (var e : Map.of("inReview", inReview, "decided", decided, "appealed", appealed).entrySet()) {
            ids.put(e.getKey(), e.getValue());
            ids.put(e.getKey() + "Version", etag(as(base, DELFT).get("/api/exemption-requests/" + e.getValue()).then().statusCode(200).extract().header("ETag")));
        }
    }

    private String record(String course, String studentNumber) {
        return as(base, DELFT).body(requestBody(course, studentNumber).toString()).post("/api/exemption-requests").then().statusCode(201).extract().path("id");
    }

    private void transition(String token, String id, String name, Map<String, Object> body) {
        String version = etag(as(base, DELFT).get("/api/exemption-requests/" + id).then().statusCode(200).extract().header("ETag"));
        var spec = as(base, token).header("If-Match", "\"" + version + "\"");
        if (body != null) spec = spec.body(body);
        spec.post("/api/exemption-requests/" + id + "/" + name).then().statusCode(200);
    }

    private static String etag(String header) {
        return header.replace("W/", "").replace("\"", "");
    }

    // ---- the generator ---------------------------------------------------------------------------

    /** Every path in a JSON value: object members and array elements, recursively (not the root). */
    private static List<String> paths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                paths.add(p);
                paths.addAll(paths(e.getValue(), p));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = prefix + "[" + i + "]";
                paths.add(p);
                paths.addAll(paths(node.get(i), p));
            }
        }
        return paths;
    }

    /** The kinds of change that apply to a value: drop, null, every JSON type it is not, and the two wrappings. */
    private static List<Kind> kinds(JsonNode value) {
        List<Kind> kinds = new ArrayList<>(List.of(Kind.DROP, Kind.NULL));
        if (!value.isTextual()) kinds.add(Kind.STRING);
        if (!value.isNumber()) kinds.add(Kind.NUMBER);
        if (!value.isBoolean()) kinds.add(Kind.BOOLEAN);
        if (!value.isArray()) kinds.add(Kind.ARRAY);
        if (!value.isObject()) kinds.add(Kind.OBJECT);
        kinds.add(Kind.WRAP_OBJECT);
        kinds.add(Kind.WRAP_ARRAY);
        return kinds;
    }

    private static JsonNode replacement(Kind kind, JsonNode original) {
        return switch (kind) {
            case NULL -> NODES.nullNode();
            case STRING -> NODES.textNode("generated");
            case NUMBER -> NODES.numberNode(42);
            case BOOLEAN -> NODES.booleanNode(true);
            case ARRAY -> NODES.arrayNode().add("generated");
            case OBJECT -> NODES.objectNode().put("generated", "x");
            case WRAP_OBJECT -> NODES.objectNode().set("value", original.deepCopy());
            case WRAP_ARRAY -> NODES.arrayNode().add(original.deepCopy());
            case DROP -> throw new IllegalArgumentException();
        };
    }

    /** The path's parent path and its last step (a member name or an index). */
    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static boolean isElement(String path) {
        return path.endsWith("]");
    }

    private static JsonNode at(JsonNode root, String path) {
        if (path.isEmpty()) return root;
        JsonNode container = at(root, parent(path));
        if (container == null) return null;
        return isElement(path) ? container.get(index(path)) : container.get(name(path));
    }

    private static int index(String path) {
        return Integer.parseInt(path.substring(path.lastIndexOf('[') + 1, path.length() - 1));
    }

    private static String name(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static boolean related(String a, String b) {
        return a.equals(b) || within(a, b) || within(b, a);
    }

    /** Whether {@code inner} lies inside {@code outer}. */
    private static boolean within(String inner, String outer) {
        return inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
    }

    /** Applies the changes (on disjoint paths) to a copy of the body; array elements are removed last, highest index first. */
    private static ObjectNode apply(ObjectNode body, List<Mutation> mutations) {
        ObjectNode copy = body.deepCopy();
        List<Mutation> ordered = new ArrayList<>(mutations);
        ordered.sort(Comparator.comparing((Mutation m) -> m.kind() == Kind.DROP)
                .thenComparing(m -> isElement(m.path()) ? -index(m.path()) : 0));
        for (Mutation m : ordered) {
            JsonNode container = at(copy, parent(m.path()));
            if (m.kind() == Kind.DROP) {
                if (container instanceof ArrayNode array) array.remove(index(m.path()));
                else ((ObjectNode) container).remove(name(m.path()));
            } else {
                JsonNode original = at(copy, m.path());
                JsonNode value = replacement(m.kind(), original);
                if (container instanceof ArrayNode array) array.set(index(m.path()), value);
                else ((ObjectNode) container).set(name(m.path()), value);
            }
        }
        return copy;
    }

    /** Where a path is in the changed body: an array element moves down by the elements dropped before it. */
    private static String shifted(String path, List<Mutation> mutations) {
        Map<String, Integer> down = new TreeMap<>(Comparator.comparing(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        for (Mutation m : mutations) {
            if (m.kind() != Kind.DROP || !isElement(m.path())) continue;
            String array = parent(m.path());
            String prefix = array + "[";
            if (!path.startsWith(prefix) || path.equals(m.path())) continue;
            int k = Integer.parseInt(path.substring(prefix.length(), path.indexOf(']', prefix.length())));
            if (k > index(m.path())) down.merge(array, 1, Integer::sum);
        }
        String result = path;
        for (var e : down.entrySet()) { // innermost arrays first: the outer prefixes stay as they were
            String prefix = e.getKey() + "[";
            int end = result.indexOf(']', prefix.length());
            int k = Integer.parseInt(result.substring(prefix.length(), end));
            result = prefix + (k - e.getValue()) + result.substring(end);
        }
        return result;
    }

    /** The generated case of these changes: the body and what its 400 must name; null when the body may still be valid. */
    private static Case build(Target target, List<Mutation> mutations) {
        ObjectNode body = apply(target.body(), mutations);
        Set<String> mustName = new LinkedHashSet<>();
        for (Mutation m : mutations) {
            String now = shifted(m.path(), mutations);
            if (mayStayValid(target, m)) continue; // another shape the schema allows: nothing to name
            if (m.kind().wrongType()) mustName.add(now);
            else if (target.required().contains(m.path())) mustName.add(now);
            else if (m.kind() == Kind.NULL && isElement(m.path())) mustName.add(now);
        }
        target.minItems().forEach((array, min) -> {
            JsonNode now = at(body, array);
            boolean cut = mutations.stream().anyMatch(m -> m.kind() == Kind.DROP && parent(m.path()).equals(array));
            if (cut && now != null && now.isArray() && now.size() < min) mustName.add(array);
        });
        if (mustName.isEmpty()) return null;
        String description = mutations.stream().map(m -> m.kind() + " " + m.path()).reduce((a, b) -> a + ", " + b).orElse("");
        return new Case(description, body.toString(), mustName, new LinkedHashSet<>(paths(target.body(), "")));
    }

    /** Every single change of every field, then random combinations of 3..6 changes on disjoint fields. */
    private static List<Case> cases(Target target, Random random, int[] skipped) {
        List<String> paths = paths(target.body(), "");
        Map<String, Case> cases = new LinkedHashMap<>();
        for (String path : paths) {
            for (Kind kind : kinds(at(target.body(), path))) {
                Case c = build(target, List.of(new Mutation(path, kind)));
                if (c == null) skipped[0]++;
                else cases.putIfAbsent(c.body(), c);
            }
        }
        for (int i = 0; i < COMBINATIONS; i++) {
            List<String> shuffled = new ArrayList<>(paths);
            java.util.Collections.shuffle(shuffled, random);
            int wanted = 3 + random.nextInt(4);
            List<Mutation> chosen = new ArrayList<>();
            for (String path : shuffled) {
                if (chosen.size() == wanted) break;
                if (chosen.stream().anyMatch(m -> related(m.path(), path))) continue;
                List<Kind> kinds = kinds(at(target.body(), path));
                chosen.add(new Mutation(path, kinds.get(random.nextInt(kinds.size()))));
            }
            Case c = build(target, chosen);
            if (c == null) skipped[0]++;
            else cases.putIfAbsent(c.body(), c);
        }
        return new ArrayList<>(cases.values());
    }

    // ---- sending and judging -----------------------------------------------------------------------

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Outcome send(Target target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + target.path()))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Accept", "application/json")
                .method(target.method(), HttpRequest.BodyPublishers.ofString(body));
        if (target.token() != null) request.header("Authorization", "Bearer " + target.token());
        if (target.ifMatch() != null) request.header("If-Match", "\"" + target.ifMatch() + "\"");
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Outcome(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    /** What is wrong with the answer to a case; empty when it is right. */
    private static List<String> judge(Target target, Case c, Outcome o) {
        List<String> wrong = new ArrayList<>();
        if (o.status() < 400 || o.status() >= 500) {
            wrong.add("status " + o.status());
            return wrong;
        }
        if (!o.contentType().startsWith("application/problem+json")) wrong.add(o.status() + " as " + o.contentType());
        if (o.status() != 400) return wrong;
        List<String> fields = new ArrayList<>();
        try {
            JsonNode errors = JSON.readTree(o.body()).path("errors");
            errors.forEach(e -> fields.add(e.path("field").asText(null)));
        } catch (Exception e) {
            wrong.add("400 body is not JSON");
            return wrong;
        }
        if (fields.isEmpty()) wrong.add("400 without errors");
        Set<String> known = new LinkedHashSet<>(c.originalPaths());
        try {
            known.addAll(paths(JSON.readTree(c.body()), ""));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        known.addAll(target.required());
        for (String field : fields) {
            if (field == null || field.equals("body") || known.stream().noneMatch(k -> related(field, k))) wrong.add("unrelated error field " + field);
        }
        for (String path : c.mustName()) {
            if (fields.stream().noneMatch(f -> f != null && !f.equals("body") && related(f, path))) wrong.add(path + " not named");
        }
        return wrong;
    }

    @Test
    void everyGeneratedInvalidBodyIsA400NamingItsFieldsAndChangesNothing() throws Exception {
        long started = System.nanoTime();
        long seed = Long.getLong("pbt.seed", 20_260_312L);
        System.out.println("GeneratedBodiesIT: seed " + seed + " (rerun with -Dpbt.seed=" + seed + ")");
        Random random = new Random(seed);
        fixtures();
        List<Target> targets = targets();
        assertThat(targets).extracting(Target::name).containsAll(writeOperationsWithBodies());

        Map<String, String> before = databaseFingerprint();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Target target : targets) {
                int[] skipped = {0};
                List<Case> cases = cases(target, random, skipped);
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (Case c : cases) outcomes.add(pool.submit(() -> send(target, c.body())));
                Map<Integer, Integer> histogram = new TreeMap<>();
                for (int i = 0; i < cases.size(); i++) {
                    Outcome o = outcomes.get(i).get(60, TimeUnit.SECONDS);
                    histogram.merge(o.status(), 1, Integer::sum);
                    List<String> wrong = judge(target, cases.get(i), o);
                    if (!wrong.isEmpty()) {
                        failures.add(target.name() + " [" + cases.get(i).description() + "] " + wrong + ": " + abbreviate(cases.get(i).body())
                                + " -> " + o.status() + " " + abbreviate(o.body()));
                    }
                }
                sent += cases.size();
                StringBuilder line = new StringBuilder("GeneratedBodiesIT: " + target.name() + ": " + cases.size() + " bodies,");
                histogram.forEach((status, count) -> line.append(' ').append(status).append('=').append(count));
                line.append(" (not sent, possibly valid: ").append(skipped[0]).append(')');
                System.out.println(line);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("GeneratedBodiesIT: " + sent + " bodies over " + targets.size() + " endpoints in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms, seed " + seed);
        assertThat(failures).as("seed " + seed + ", " + sent + " generated bodies; first failures").isEmpty();
        assertThat(sent).isGreaterThan(1_000);
        assertThat(databaseFingerprint()).as("the database after " + sent + " generated bodies (seed " + seed + ")").isEqualTo(before);
    }

    /** The POST/PUT/PATCH operations of the live OpenAPI document that take a request body. */
    @SuppressWarnings("unchecked")
    private List<String> writeOperationsWithBodies() {
        Map<String, Object> document = anonymous(base).accept("application/json").get("/openapi").then().statusCode(200).extract().as(Map.class);
        List<String> operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method, operation) -> {
            if (List.of("post", "put", "patch").contains(method) && operation instanceof Map<?, ?> op && op.get("requestBody") != null) {
                operations.add(method.toUpperCase() + " " + (path.startsWith("/api/") ? path : "/api" + path));
            }
        }));
        assertThat(operations).as("write operations with a body in /openapi").isNotEmpty();
        return operations;
    }

    private static ObjectNode object(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return JSON.valueToTree(m);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** The notifications the changes of the fixtures queued are written by the dispatcher in the background: waited for. */
    private static void awaitOutboxDrained() throws Exception {
        try (Connection db = DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"),
                System.getProperty("test.db.password"))) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                try (var s = db.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM notification_event")) {
                    rs.next();
                    if (rs.getLong(1) == 0) return;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("notification events still waiting after 60 s");
        }
    }

    /**
     * Every table's row count and an order-independent checksum over its rows; webhook deliveries by their ids only (the
     * dispatcher updates their attempts in the background).
     */
    private static Map<String, String> databaseFingerprint() throws Exception {
        Map<String, String> fingerprint = new TreeMap<>();
        awaitOutboxDrained();
        try (Connection db = DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"),
                System.getProperty("test.db.password"))) {
            List<String> tables = new ArrayList<>();
            try (var rs = db.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
            }
            assertThat(tables).contains("institution", "board", "programme", "agreement", "exemption_request", "exemption_event", "webhook_delivery");
            for (String table : tables) {
                // rows the registry's background work updates (deliveries, badge class checks, syncs, daily jobs): by their keys only
                String rows = switch (table) {
                    case "webhook_delivery", "badge_class_check", "ooapi_sync", "notification" -> "t.id::text";
                    case "scheduled_job" -> "t.name::text";
                    default -> "md5(t::text)";
                };
                try (var s = db.createStatement();
                     var rs = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(" + rows + ", '' ORDER BY " + rows + ")), '') FROM \"" + table + "\" t")) {
                    rs.next();
                    fingerprint.put(table, rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        }
        return fingerprint;
    }
}
