package nl.microcredentials.registry.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolverFactory;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Walks an Open Education API v5 endpoint as SURF's validator (eduhub-validator) does, and validates what it finds.
 *
 * <p>The walk: start from the seed requests of a validator profile ({@code validator-profiles/rio} and {@code eduxchange},
 * copied unmodified into {@code src/test/resources/ooapi}), follow {@code hasNextPage} (the same request with
 * {@code pageNumber} + 1) and every {@code courseId}, {@code educationSpecificationId}, {@code offeringId} and
 * {@code programId} in an {@code items} array, with exactly the query parameters of the profile's spider rules; each
 * distinct request once.
 *
 * <p>The seeds: in SURF's {@code eduxchange} file the seeds' {@code pageSize}, {@code organizationType} and
 * {@code programType} sit outside the {@code :query-params} map (a misplaced brace), so the real spider sends only
 * {@code ?consumer=eduxchange}. This walk sends the seeds as the spider does AND the seeds as their authors meant them
 * (with those parameters), so both are validated.
 *
 * <p>Every response is validated against {@code ooapi-v5.0.0.yaml} (swagger-request-validator, additional properties
 * ignored because of OOAPI's {@code allOf} composition), and against the profile's OpenAPI 3.1 document: the whole body
 * against the schema the profile gives for that path and status, each item against the profile's component schema of
 * the items, and each consumer entry for the profile's consumer ({@code consumerKey} rio or eduxchange) against its
 * consumer schema ({@code CourseRioConsumer}, {@code EducationSpecificationRioConsumer}, {@code EduXchangeConsumerCourse}),
 * all as JSON Schema 2020-12. Since a JSON Schema {@code contains} says nothing about an absent {@code consumers}, the walk
 * also requires the consumer's entry on every course (and, for RIO, education specification) answered to a request
 * that names the consumer.
 */
public final class OoapiConformance {

    /** A validator profile: its seeds and spider rules, as in SURF's EDN files. */
    public enum Profile {
        RIO("rio", "rio.openapi.json",
                List.of("/courses?consumer=rio", "/education-specifications?consumer=rio", "/programs?consumer=rio"),
                Map.of("courseId", List.of("/courses/{id}?returnTimelineOverrides=true", "/courses/{id}/offerings?pageSize=250&consumer=rio"),
                        "educationSpecificationId", List.of("/education-specifications/{id}?returnTimelineOverrides=true"),
                        "programId", List.of("/programs/{id}?returnTimelineOverrides=true", "/programs/{id}/offerings?pageSize=250&consumer=rio"))),
        EDUXCHANGE("eduxchange", "eduxchange.openapi.json",
                List.of(// as SURF's spider sends them (the extra parameters sit outside :query-params in the EDN)
                        "/courses?consumer=eduxchange", "/organizations?consumer=eduxchange", "/programs?consumer=eduxchange",
                        // as their authors meant them
                        "/courses?consumer=eduxchange&pageSize=250", "/organizations?consumer=eduxchange&organizationType=root",
                        "/programs?consumer=eduxchange&programType=minor&pageSize=250"),
                Map.of("courseId", List.of("/courses/{id}?consumer=eduxchange&expand=coordinators", "/courses/{id}/offerings?consumer=eduxchange"),
                        "offeringId", List.of("/offerings/{id}?consumer=eduxchange&expand=academicSession"),
                        "programId", List.of("/programs/{id}?consumer=eduxchange&expand=coordinators,organization",
                                "/programs/{id}/offerings?consumer=eduxchange")));

        final String key;
        final String document;
        final List<String> seeds;
        final Map<String, List<String>> rules;

        Profile(String key, String document, List<String> seeds, Map<String, List<String>> rules) {
            this.key = key;
            this.document = document;
            this.seeds = seeds;
            this.rules = rules;
        }

        public List<String> seeds() { return seeds; }
    }

    /** One finding: the request (or item) and what is wrong with it. */
    public record Violation(String where, String message) {
        @Override public String toString() { return where + ": " + message; }
    }

    /** What a walk saw. */
    public static final class Report {
        public final Profile profile;
        public int responses;
        public int items;
        public final Map<String, Integer> itemsByKind = new TreeMap<>();
        public final Map<String, Integer> seedStatus = new LinkedHashMap<>();
        public final List<Violation> violations = new ArrayList<>();

        Report(Profile profile) { this.profile = profile; }

        public int items(String kind) { return itemsByKind.getOrDefault(kind, 0); }

        @Override
        public String toString() {
            return "OOAPI conformance walk (" + profile.key + "): " + responses + " responses, " + items + " items " + itemsByKind
                    + ", " + violations.size() + " violations" + (violations.isEmpty() ? "" : violations.stream().limit(30)
                    .map(v -> "\n  " + v).collect(Collectors.joining()));
        }
    }

    static final String BASE_PATH = "/ooapi/v5";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE = Pattern.compile("\\{[^/}]+}");
    private static final int MAX_REQUESTS = 20_000;

    private static volatile OpenApiInteractionValidator spec;
    private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String origin;

    /** @param origin the registry's address without a trailing slash, e.g. {@code http://127.0.0.1:8080} */
    public OoapiConformance(String origin) {
        this.origin = origin.replaceAll("/+$", "");
    }

    /** Walks the endpoint from the profile's seeds. */
    public Report walk(Profile profile) {
        Report report = new Report(profile);
        Deque<String> queue = new ArrayDeque<>(profile.seeds);
        Set<String> seen = new HashSet<>(profile.seeds);
        while (!queue.isEmpty()) {
            if (report.responses >= MAX_REQUESTS) {
                report.violations.add(new Violation(queue.peek(), "the walk stopped after " + MAX_REQUESTS + " requests"));
                break;
            }
            String request = queue.poll();
            HttpResponse<String> response = get(request);
            report.responses++;
            if (profile.seeds.contains(request)) report.seedStatus.put(request, response.statusCode());
            if (response.statusCode() != 200) {
                // every request of the walk is a seed or an id the endpoint itself served: all must be answered
                report.violations.add(new Violation(request, "status " + response.statusCode() + ": " + abbreviate(response.body())));
            }
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                report.violations.add(new Violation(request, "not JSON: " + e.getMessage()));
                continue;
            }
            String path = request.contains("?") ? request.substring(0, request.indexOf('?')) : request;
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            validateSpec(path, response.statusCode(), contentType, response.body())
                    .forEach(m -> report.violations.add(new Violation(request + " [ooapi-v5.0.0.yaml]", m)));
            validateProfile(profile, path, response.statusCode(), body, report, request);
            if (response.statusCode() != 200) continue;
            for (String next : follow(profile, request, body)) {
                if (seen.add(next)) queue.add(next);
            }
        }
        return report;
    }

    /** The requests the spider rules generate from one response. */
    static List<String> follow(Profile profile, String request, JsonNode body) {
        List<String> next = new ArrayList<>();
        if (body.path("hasNextPage").asBoolean(false) && body.path("pageNumber").isNumber()) {
            next.add(withParameter(request, "pageNumber", Integer.toString(body.path("pageNumber").asInt() + 1)));
        }
        JsonNode items = body.path("items");
        if (items.isArray()) {
            for (JsonNode item : items) {
                profile.rules.forEach((field, templates) -> {
                    JsonNode id = item.get(field);
                    if (id != null && id.isValueNode() && !id.asText().isEmpty()) {
                        String encoded = URLEncoder.encode(id.asText(), StandardCharsets.UTF_8).replace("+", "%20");
                        templates.forEach(t -> next.add(t.replace("{id}", encoded)));
                    }
                });
            }
        }
        return next;
    }

    // ---- the validators (also used by the self-test, without a server) --------------------------------------

    /** Violations of a response against {@code ooapi-v5.0.0.yaml}; {@code path} relative to {@code /ooapi/v5}. */
    public static List<String> validateSpec(String path, int status, String contentType, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(body);
        if (contentType != null && !contentType.isEmpty()) response.withContentType(contentType);
        ValidationReport report = spec().validateResponse(BASE_PATH + path, Request.Method.GET, response.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !specDefect(path, m))
                .map(m -> m.getKey() + ": " + m.getMessage() + (m.getContext().flatMap(c -> c.getPointers())
                        .map(p -> " at " + p.getInstance()).orElse("")))
                .toList();
    }

    /**
     * The one defect of {@code ooapi-v5.0.0.yaml} itself: {@code GET /education-specifications/{id}} (and
     * {@code /programs/{id}}) answers {@code oneOf: [EducationSpecification, EducationSpecificationExpanded]}, and the
     * second is the first plus an optional {@code timelineOverrides}, so with additional properties ignored (as they must
     * be) every valid object matches both and fails {@code oneOf}. SURF's profiles say {@code anyOf}. A "matched 2 out of
     * 2" at the root of those two answers is therefore no finding; an object matching neither ("0 out of 2") still is,
     * and the profile validates the object itself.
     */
    private static boolean specDefect(String path, ValidationReport.Message m) {
        return path.matches("/(education-specifications|programs)/[^/]+") && m.getKey().equals("validation.response.body.schema.oneOf")
                && m.getMessage().contains("matched 2 out of 2")
                && m.getContext().flatMap(c -> c.getPointers()).map(p -> p.getInstance()).map(i -> i.isEmpty() || i.equals("/")).orElse(true);
    }

    /** Violations of one JSON value against a component schema of a profile document ({@code Course}, ...). */
    public static List<String> validateComponent(Profile profile, String component, JsonNode value) {
        return validate(profile, "/components/schemas/" + component, value);
    }

    private void validateProfile(Profile profile, String path, int status, JsonNode body, Report report, String request) {
        String template = template(profile, path);
        if (template == null) return; // the profile does not describe this path: the spec's check stands alone
        String operation = "/paths/" + escape(template) + "/get/responses/" + status + "/content/application~1json/schema";
        if (document(profile).at(operation).isMissingNode()) {
            report.violations.add(new Violation(request, "status " + status + " is not an answer the " + profile.key + " profile knows"));
            return;
        }
        validate(profile, operation, body).forEach(m -> report.violations.add(new Violation(request + " [" + profile.document + "]", m)));
        if (status != 200) return;
        boolean namesConsumer = request.contains("consumer=" + profile.key);
        JsonNode itemsSchema = document(profile).at(operation + "/allOf/1/properties/items/items/$ref");
        if (body.path("items").isArray() && itemsSchema.isTextual()) {
            String component = itemsSchema.asText().substring(itemsSchema.asText().lastIndexOf('/') + 1);
            int i = 0;
            for (JsonNode item : body.path("items")) {
                String where = request + " items[" + i++ + "]";
                report.items++;
                report.itemsByKind.merge(component, 1, Integer::sum);
                validateComponent(profile, component, item).forEach(m -> report.violations.add(new Violation(where + " [" + component + "]", m)));
                checkConsumer(profile, component, item, namesConsumer, where, report);
            }
        } else if (!body.has("items")) {
            String component = singleComponent(template);
            if (component != null) {
                report.items++;
                report.itemsByKind.merge(component, 1, Integer::sum);
                validateComponent(profile, component, body).forEach(m -> report.violations.add(new Violation(request + " [" + component + "]", m)));
                checkConsumer(profile, component, body, namesConsumer, request, report);
            }
        }
    }

    /** The profile's consumer entry: present where the consumer is named, and valid against its consumer schema. */
    private static void checkConsumer(Profile profile, String component, JsonNode item, boolean namesConsumer, String where, Report report) {
        String consumerSchema = switch (profile) {
            case RIO -> switch (component) {
                case "Course" -> "CourseRioConsumer";
                case "EducationSpecification" -> "EducationSpecificationRioConsumer";
                case "Offering", "CourseOffering" -> "OfferingRioConsumer";
                case "Program" -> "ProgramRioConsumer";
                default -> null;
            };
            case EDUXCHANGE -> switch (component) {
                case "Course" -> "EduXchangeConsumerCourse";
                case "Offering", "CourseOffering" -> "EduXchangeConsumerOffering";
                default -> null;
            };
        };
        if (consumerSchema == null) return;
        List<JsonNode> entries = new ArrayList<>();
        item.path("consumers").forEach(c -> { if (profile.key.equals(c.path("consumerKey").asText())) entries.add(c); });
        boolean required = namesConsumer && (component.equals("Course") || component.equals("EducationSpecification") && profile == Profile.RIO);
        if (required && entries.isEmpty()) {
            report.violations.add(new Violation(where, "no consumers entry with consumerKey \"" + profile.key + "\""));
        }
        for (JsonNode entry : entries) {
            validateComponent(profile, consumerSchema, entry).forEach(m -> report.violations.add(new Violation(where + " [" + consumerSchema + "]", m)));
        }
    }

    private static String singleComponent(String template) {
        if (template.equals("/courses/{courseId}")) return "Course";
        if (template.equals("/education-specifications/{educationSpecificationId}")) return "EducationSpecification";
        if (template.equals("/organizations/{organizationId}")) return "Organization";
        if (template.equals("/offerings/{offeringId}")) return "Offering";
        if (template.equals("/programs/{programId}")) return "Program";
        return null;
    }

    /** The profile document's path template that matches a request path, or {@code null}. */
    private static String template(Profile profile, String path) {
        var fields = document(profile).path("paths").fieldNames();
        while (fields.hasNext()) {
            String template = fields.next();
            String regex = TEMPLATE.matcher(Pattern.quote(template)).replaceAll("\\\\E[^/]+\\\\Q");
            if (path.matches(regex)) return template;
        }
        return null;
    }

    private static List<String> validate(Profile profile, String pointer, JsonNode value) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(profile.document + "#" + pointer, location -> {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return factory.getSchema(SchemaLocation.of("classpath:ooapi/validator-profiles/" + location), config);
        });
        Set<ValidationMessage> messages = schema.validate(value);
        return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
    }

    private static JsonNode document(Profile profile) {
        return DOCUMENTS.computeIfAbsent(profile.document, name -> {
            try (InputStream in = resource("ooapi/validator-profiles/" + name)) {
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static OpenApiInteractionValidator spec() {
        if (spec == null) {
            synchronized (OoapiConformance.class) {
                if (spec == null) {
                    try (InputStream in = resource("ooapi/ooapi-v5.0.0.yaml")) {
                        String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        spec = OpenApiInteractionValidator.createForInlineApiSpecification(yaml)
                                .withLevelResolver(LevelResolverFactory.withAdditionalPropertiesIgnored())
                                .withBasePathOverride(BASE_PATH)
                                .build();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return spec;
    }

    private static InputStream resource(String name) {
        InputStream in = OoapiConformance.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IllegalStateException("missing test resource " + name);
        return in;
    }

    private HttpResponse<String> get(String request) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(origin + BASE_PATH + request)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String withParameter(String request, String name, String value) {
        String path = request.contains("?") ? request.substring(0, request.indexOf('?')) : request;
        List<String> parameters = new ArrayList<>();
        if (request.contains("?")) {
            for (String p : request.substring(request.indexOf('?') + 1).split("&")) {
                if (!p.isEmpty() && !p.startsWith(name + "=")) parameters.add(p);
            }
        }
        parameters.add(name + "=" + value);
        return path + "?" + String.join("&", parameters);
    }

    private static String escape(String template) {
        return template.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
