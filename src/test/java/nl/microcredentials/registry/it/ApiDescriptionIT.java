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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /openapi} as integrators meet it (issue 18): linted by Redocly CLI (pinned; from the npm registry through npx)
 * with its recommended rules and the checked-in configuration {@code src/test/resources/openapi/redocly.yaml}; no errors,
 * and no warnings but those the configuration explains.
 */
@ExtendWith(ArquillianExtension.class)
class ApiDescriptionIT {

    static final String REDOCLY = "@redocly/cli@2.11.1";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The warnings redocly.yaml explains, by rule and where. */
    static final List<String> EXPLAINED = List.of(
            "operation-4xx-response #/paths/~1api~1ping/get/responses",
            "operation-4xx-response #/paths/~1ooapi~1v5/get/responses",
            "operation-4xx-response #/paths/~1ooapi~1v5~1programs/get/responses");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.registry();
    }

    @ArquillianResource
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
        assertThat(failures).isEmpty();
        assertThat(ids).containsKeys("listProgrammes", "publishProgramme", "recordExemptionRequest", "decideExemptionRequest", "approveAgreement");
    }
}
