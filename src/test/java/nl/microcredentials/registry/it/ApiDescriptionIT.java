package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi} as integrators meet it (issue 18): linted by Redocly CLI (pinned; from the npm registry through npx)
 * with its recommended rules and the checked-in configuration {@code src/test/resources/openapi/redocly.yaml}; no errors,
 * and no warnings but those the configuration explains.
 */
@SharedRegistry.Suite
class ApiDescriptionIT {

    static final String REDOCLY = "@redocly/cli@2.11.1";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The warnings redocly.yaml explains, by rule and where. */
    static final List<String> EXPLAINED = List.of(
            "operation-4xx-response #/paths/~1api~1ping/get/responses",
            "operation-4xx-response #/paths/~1ooapi~1v5/get/responses",
            "operation-4xx-response #/paths/~1ooapi~1v5~1programs/get/responses");

    @SharedRegistry.Base
    URL base;

    private JsonNode document() throws Exception {
        String json = anonymous(base).accept("application/json").get("/openapi").then().statusCode(200).extract().asString();
        return JSON.readTree(json);
    }

    @Test
    void theDescriptionPassesRedoclysRecommendedRules() throws Exception {
        Path dir = Path.of("target", "openapi");
        Files.createDirectories(dir);
        Path file = dir.resolve("openapi.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document()));
        Path config = Path.of("src", "test", "resources", "openapi", "redocly.yaml").toAbsolutePath();
        Path report = dir.resolve("redocly-lint.json");
        Process lint = new ProcessBuilder("npx", "--yes", REDOCLY, "lint", file.toAbsolutePath().toString(), "--config", config.toString(),
                "--format", "json", "--max-problems", "10000")
                .redirectOutput(report.toFile()).redirectError(dir.resolve("redocly-lint.log").toFile()).start();
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("Redocly CLI finished").isTrue();
        JsonNode result = JSON.readTree(Files.readString(report, StandardCharsets.UTF_8));
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (JsonNode p : result.get("problems")) {
            String where = p.get("ruleId").asText() + " " + p.get("location").get(0).get("pointer").asText();
            if (p.get("severity").asText().equals("error")) errors.add(where + ": " + p.get("message").asText());
            else warnings.add(where);
        }
        System.out.println("ApiDescriptionIT: Redocly " + REDOCLY + ": " + errors.size() + " errors, " + warnings.size() + " warnings (report: " + report + ")");
        assertThat(errors).as("lint errors").isEmpty();
        assertThat(warnings).as("warnings redocly.yaml does not explain").containsExactlyInAnyOrderElementsOf(EXPLAINED);
    }

    @Test
    void everyOperationHasAUniqueVerbNamedIdAndItsProblemAnswers() throws Exception {
        JsonNode doc = document();
        assertThat(doc.get("info").get("version").asText()).isNotBlank();
        assertThat(doc.get("servers").get(0).get("url").asText()).as("REGISTRY_PUBLIC_URL is not set in the tests: relative").isEqualTo("/");
        assertThat(doc.has("endpoints")).isFalse();
        Map<String, String> ids = new HashMap<>();
        List<String> failures = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!List.of("get", "post", "put", "delete", "patch").contains(op.getKey())) return;
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            String id = op.getValue().path("operationId").asText("");
            if (id.isEmpty()) failures.add(where + ": no operationId");
            String before = ids.put(id, where);
            if (before != null) failures.add(where + ": operationId " + id + " also names " + before);
            if (!path.getKey().startsWith("/ooapi/") && !id.matches("(list|get|create|update|delete|set|remove|approve|propose|terminate|issue|drop|record"
                    + "|file|decide|extend|request|reroute|review|withdraw|start|resolve|write|retry|ping|publish|recheck|verify)[A-Z]?\\w*")) {
                failures.add(where + ": operationId " + id + " does not start with a verb");
            }
            JsonNode responses = op.getValue().get("responses");
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(codes::add);
            if (codes.stream().noneMatch(c -> c.startsWith("2") || c.startsWith("3") || c.equals("default"))) failures.add(where + ": no success answer");
            boolean secured = op.getValue().has("security") && op.getValue().get("security").size() > 0;
            if (secured && !codes.contains("401")) failures.add(where + ": takes a token but lists no 401");
            if (path.getKey().startsWith("/api/") && path.getKey().contains("{") && codes.stream().noneMatch(c -> c.startsWith("4"))) {
                failures.add(where + ": names a resource but lists no 4xx");
            }
        }));
        // every array says what it holds (the runtime loses it on annotated list fields: ApiDescriptionFilter.ITEMS)
        List<String> untyped = new ArrayList<>();
        walk(doc, "", untyped);
        failures.addAll(untyped);
        assertThat(failures).isEmpty();
        assertThat(ids).containsKeys("listProgrammes", "publishProgramme", "recordExemptionRequest", "decideExemptionRequest", "approveAgreement");
    }

    private static void walk(JsonNode node, String path, List<String> untyped) {
        if (node.isObject()) {
            if ("array".equals(node.path("type").asText()) && !node.path("items").has("type") && !node.path("items").has("$ref")
                    && !node.path("items").has("oneOf") && !node.path("items").has("anyOf") && !node.path("items").has("allOf")) {
                untyped.add(path + ": an array without the type of its items");
            }
            node.fields().forEachRemaining(e -> walk(e.getValue(), path + "/" + e.getKey(), untyped));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), path + "/" + i, untyped);
        }
    }

    // ---- a client generated from the description (openapi-generator, Java, native HTTP client) ----------------------

    private nl.microcredentials.registry.client.ApiClient client(String token) {
        var client = new nl.microcredentials.registry.client.ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        if (token != null) client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private String login(String username) throws Exception {
        return new nl.microcredentials.registry.client.api.AuthenticationApi(client(null))
                .issueToken(new nl.microcredentials.registry.client.model.TokenRequest().username(username).password("demo")).getAccessToken();
    }

    private static String tag(Integer version) {
        return "\"" + version + "\"";
    }

    /**
     * The snapshot the client is generated from (src/test/resources/openapi/registry-openapi.json) is the live document:
     * a change of the API that is not in the snapshot fails here, with the new document to copy in target/openapi.
     */
    @Test
    void theClientsSnapshotIsTheLiveDescription() throws Exception {
        JsonNode live = document();
        JsonNode snapshot = JSON.readTree(Path.of("src", "test", "resources", "openapi", "registry-openapi.json").toFile());
        Files.createDirectories(Path.of("target", "openapi"));
        Files.writeString(Path.of("target", "openapi", "registry-openapi.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(live));
        assertThat(live).as("the live /openapi differs from src/test/resources/openapi/registry-openapi.json: copy target/openapi/registry-openapi.json"
                + " over it (and regenerate the client with mvn generate-test-sources)").isEqualTo(snapshot);
    }

    /**
     * One whole flow through the generated client: an institution registers and publishes a programme, two institutions
     * propose and approve an agreement, the receiving institution records a request and its board decides it.
     */
    @Test
    void aGeneratedClientRunsTheWholeFlow() throws Exception {
        var leiden = client(login("admin.leiden"));
        var hu = client(login("admin.hu"));
        var huBoard = client(login("board.hu"));

        var programmes = new nl.microcredentials.registry.client.api.ProgrammesApi(leiden);
        var draft = programmes.createProgramme(new nl.microcredentials.registry.client.model.ProgrammeInput()
                .courseCode("GEN-" + (System.nanoTime() % 100000))
                .title(new nl.microcredentials.registry.client.model.ProgrammeInputTitle().en("Generated client programme").nl("Programma van de gegenereerde client"))
                .description(new nl.microcredentials.registry.client.model.LocalizedText().en("Registered through a generated client."))
                .learningOutcomes(List.of("Call the registry", "Read its answers"))
                .ects(new java.math.BigDecimal("5")).nlqfLevel(nl.microcredentials.registry.client.model.ProgrammeInput.NlqfLevelEnum._6).eqfLevel(6)
                .participation(List.of(nl.microcredentials.registry.client.model.Participation.ONLINE))
                .assessmentType(nl.microcredentials.registry.client.model.AssessmentType.WRITTEN_EXAM)
                .languages(List.of("en")).iscedField("0613").microcredentialSince(java.time.LocalDate.of(2025, 9, 1)));
        assertThat(draft.getStatus()).isEqualTo(nl.microcredentials.registry.client.model.ProgrammeStatus.DRAFT);
        var published = programmes.publishProgramme(draft.getId(), tag(draft.getVersion()));
        assertThat(published.getStatus()).isEqualTo(nl.microcredentials.registry.client.model.ProgrammeStatus.PUBLISHED);
        assertThat(new nl.microcredentials.registry.client.api.ProgrammesApi(client(null)).getProgramme(draft.getId()).getId()).isEqualTo(draft.getId());

        var agreements = new nl.microcredentials.registry.client.api.AgreementsApi(leiden);
        var agreement = agreements.createAgreement(new nl.microcredentials.registry.client.model.AgreementInput()
                .title("Generated client agreement " + System.nanoTime()).kind(nl.microcredentials.registry.client.model.AgreementInput.KindEnum.BILATERAL)
                .parties(List.of("universiteit-leiden", "hogeschool-utrecht"))
                .effect(nl.microcredentials.registry.client.model.AgreementInput.EffectEnum.ELECTIVE_CREDITS).terms("Terms agreed through a generated client")
                .validFrom(java.time.LocalDate.of(2026, 1, 1)).validUntil(java.time.LocalDate.of(2030, 12, 31)));
        var proposed = agreements.proposeAgreement(agreement.getId(), tag(agreement.getVersion()));
        agreements.approveAgreement(proposed.getId(), null, new nl.microcredentials.registry.client.model.ApprovalRequest().termsHash(proposed.getTermsHash()));
        var active = new nl.microcredentials.registry.client.api.AgreementsApi(hu).approveAgreement(proposed.getId(), null,
                new nl.microcredentials.registry.client.model.ApprovalRequest().termsHash(proposed.getTermsHash()));
        assertThat(active.getStatus()).isEqualTo(nl.microcredentials.registry.client.model.Agreement.StatusEnum.ACTIVE);

        var requests = new nl.microcredentials.registry.client.api.ExemptionRequestsApi(hu);
        var recorded = requests.recordExemptionRequest(new nl.microcredentials.registry.client.model.ExemptionRequestInput()
                .learner(new nl.microcredentials.registry.client.model.ExemptionRequestInputLearner().name("Generated Learner").studentNumber("s7654321"))
                .programme(draft.getId()).awardedOn(java.time.LocalDate.now().minusDays(3))
                .targetCourse(new nl.microcredentials.registry.client.model.ExemptionRequestInputTargetCourse().code("ICT-GEN1").title("Generated course")
                        .ects(new java.math.BigDecimal("5"))), "generated-client-" + System.nanoTime(), null, null, null, null, null, null, null, null, null, null);
        assertThat(recorded.getStatus()).isEqualTo(nl.microcredentials.registry.client.model.ExemptionStatus.SUBMITTED);
        assertThat(String.valueOf(recorded.getApplicableAgreements())).contains(proposed.getId());
        var board = new nl.microcredentials.registry.client.api.ExemptionRequestsApi(huBoard);
        var reviewed = board.reviewExemptionRequest(recorded.getId(), tag(recorded.getVersion()));
        var decided = board.decideExemptionRequest(recorded.getId(), tag(reviewed.getVersion()), new nl.microcredentials.registry.client.model.DecisionRequest()
                .outcome(nl.microcredentials.registry.client.model.DecisionRequest.OutcomeEnum.GRANTED).motivation("The learning outcomes cover the course"));
        assertThat(decided.getStatus()).isEqualTo(nl.microcredentials.registry.client.model.ExemptionStatus.DECIDED);
        assertThat(decided.getDecision().getAppealDeadline()).isEqualTo(decided.getDecision().getDecidedOn().plusWeeks(6));

        // and the client reads the problem+json of a refusal
        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(() -> board.decideExemptionRequest(recorded.getId(), tag(decided.getVersion()),
                new nl.microcredentials.registry.client.model.DecisionRequest().outcome(nl.microcredentials.registry.client.model.DecisionRequest.OutcomeEnum.GRANTED)
                        .motivation("again")), nl.microcredentials.registry.client.ApiException.class);
        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(refused.getResponseBody()).contains("\"status\":409");
    }

    // ---- the integrator's guide, executed ----------------------------------------------------------------------------

    /** A fenced block of docs/api.md: its info string and text. */
    record Block(String info, String text) { }

    static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("(?ms)^```(http[^\\n]*)\\n(.*?)^```\\s*$").matcher(markdown);
        while (m.find()) blocks.add(new Block(m.group(1).trim(), m.group(2)));
        return blocks;
    }

    /**
     * docs/api.md as written: each request block is sent (after ${answer.field} is replaced by that field of an earlier
     * named answer), and the answer block after it gives the status and the fields the answer must have ("..." any value).
     */
    @Test
    void theGuidesExamplesRunAsWritten() throws Exception {
        String guide = Files.readString(Path.of("docs", "api.md"));
        List<Block> blocks = blocks(guide);
        Map<String, JsonNode> answers = new HashMap<>();
        List<String> failures = new ArrayList<>();
        int examples = 0;
        for (int i = 0; i + 1 < blocks.size(); i += 2) {
            Block request = blocks.get(i);
            Block expected = blocks.get(i + 1);
            assertThat(request.info()).as("block %d is a request", i).isEqualTo("http");
            assertThat(expected.text()).as("block %d is an answer", i + 1).startsWith("HTTP/1.1 ");
            String text = substitute(request.text(), answers);
            String[] parts = text.split("\\n\\n", 2);
            String[] lines = parts[0].split("\\n");
            String[] requestLine = lines[0].split(" ");
            var spec = anonymous(base).urlEncodingEnabled(false).contentType("application/json").accept("application/json, application/problem+json");
            for (int l = 1; l < lines.length; l++) {
                int colon = lines[l].indexOf(':');
                spec = spec.header(lines[l].substring(0, colon).trim(), lines[l].substring(colon + 1).trim());
            }
            if (parts.length > 1 && !parts[1].isBlank()) spec = spec.body(parts[1].trim());
            var answer = spec.request(requestLine[0], requestLine[1]);
            examples++;
            String[] expectedParts = substitute(expected.text(), answers).split("\\n\\n", 2);
            int status = Integer.parseInt(expectedParts[0].split(" ")[1]);
            String where = lines[0] + " (example " + examples + ")";
            if (answer.statusCode() != status) {
                failures.add(where + ": " + answer.statusCode() + " instead of " + status + ": " + answer.asString());
                continue;
            }
            for (String header : expectedParts[0].split("\\n")) {
                if (header.startsWith("HTTP/") || header.isBlank()) continue;
                String name = header.substring(0, header.indexOf(':'));
                String value = header.substring(header.indexOf(':') + 1).trim();
                String actual = answer.header(name);
                if (actual == null || !actual.startsWith(value)) failures.add(where + ": header " + name + " is " + actual + ", not " + value);
            }
            JsonNode body = answer.asString().isBlank() ? JSON.nullNode() : JSON.readTree(answer.asString());
            if (expectedParts.length > 1 && !expectedParts[1].isBlank()) {
                contains(JSON.readTree(expectedParts[1]), body, "", where, failures);
            }
            String name = expected.info().contains("answer=") ? expected.info().substring(expected.info().indexOf("answer=") + 7).trim() : null;
            if (name != null) answers.put(name, body);
        }
        System.out.println("ApiDescriptionIT: docs/api.md: " + examples + " examples run, " + failures.size() + " failed");
        assertThat(failures).isEmpty();
        assertThat(examples).isGreaterThanOrEqualTo(15);
    }

    private static String substitute(String text, Map<String, JsonNode> answers) {
        var m = java.util.regex.Pattern.compile("\\$\\{(\\w+)\\.(\\w+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode answer = answers.get(m.group(1));
            assertThat(answer).as("an earlier answer named %s", m.group(1)).isNotNull();
            JsonNode value = answer.get(m.group(2));
            assertThat(value).as("%s has %s", m.group(1), m.group(2)).isNotNull();
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value.asText()));
        }
        return m.appendTail(out).toString();
    }

    /** Every field the guide shows is in the answer, with its value unless the guide writes "...". */
    private static void contains(JsonNode expected, JsonNode actual, String path, String where, List<String> failures) {
        if (expected.isTextual() && expected.asText().equals("...")) {
            if (actual == null || actual.isNull() || actual.isMissingNode()) failures.add(where + ": " + path + " is missing");
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            failures.add(where + ": " + path + " is missing");
        } else if (expected.isObject()) {
            expected.fields().forEachRemaining(e -> contains(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey(), where, failures));
        } else if (expected.isArray()) {
            for (JsonNode element : expected) {
                boolean found = false;
                for (JsonNode candidate : actual) {
                    List<String> none = new ArrayList<>();
                    contains(element, candidate, path + "[]", where, none);
                    if (none.isEmpty()) { found = true; break; }
                }
                if (!found) failures.add(where + ": no element of " + path + " is like " + element + " in " + actual);
            }
        } else if (!expected.asText().equals(actual.asText())) {
            failures.add(where + ": " + path + " is " + actual + ", not " + expected);
        }
    }
}
