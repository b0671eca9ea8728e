package nl.microcredentials.registry.platform.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.microcredentials.registry.ooapi.boundary.OoapiPathsFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * The last word on {@code /openapi}, so that linters and client generators accept it (issue 18):
 * <ul>
 * <li>the Open Education API's operations under the address its consumers use ({@link OoapiPathsFilter});</li>
 * <li>{@code servers} from REGISTRY_PUBLIC_URL, else relative ({@code /}): never the address of whoever asked first;</li>
 * <li>no values the runtime writes for every schema and parameter by default ({@code maxItems: -2147483648},
 *     {@code exclusiveMaximum: false}, ...), which are wrong or noise; an enum's type where the runtime leaves it out;</li>
 * <li>each tag once, with its description; every operation with the problem+json answers it can give (400 for bad
 *     input, 401/403 when it takes a token, 404 when it names a resource), and with its security: the bearer token,
 *     or anonymous where the operation is public (staff with a token see more);</li>
 * <li>Payara's non-standard top-level {@code endpoints} list left out.</li>
 * </ul>
 */
public class ApiDescriptionFilter implements OASFilter {

    static final String PROBLEM = "#/components/schemas/Problem";
    static final Map<String, String> TAGS = Map.of(
            "Notifications", "E-mail to the people who can act (boards, institution admins, coordinators): the log and each account's preferences",
            "Platform", "Health of the API, tokens of the registry's own accounts, the shared cache",
            "Programmes", "Micro-credential programmes, their versions, catalogue search, Open Badges achievements and verification",
            "Reports", "The pilot report, the recognition matrix and public statistics",
            "Agreements", "Recognition agreements between member institutions (approved by every party on the SHA-256 hash of the terms)");

    private final OoapiPathsFilter ooapi = new OoapiPathsFilter();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ooapi.filterOpenAPI(openAPI);
        dropEndpoints(openAPI);
        openAPI.setServers(List.of(OASFactory.createServer().url(publicUrl().orElse("/"))
                .description(publicUrl().isPresent() ? "This registry" : "The registry that serves this document")));
        // public operations answer anonymous callers; with a token staff see more: bearer, or nothing
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(RegistryApplication.BEARER),
                OASFactory.createSecurityRequirement()));
        tags(openAPI);
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) -> responses(path, method, op)));
        }
        arrayItems(openAPI);
        referToComponents(openAPI);
        dropUnusedSchemas(openAPI);
    }

    /**
     * What an annotated list property holds: the runtime loses the element type of a {@code List} field that carries its
     * own {@code @Schema}. Named here, and checked: ApiDescriptionIT fails on any array left without its items' type.
     */
    static final Map<String, String> ITEMS = Map.ofEntries(
            Map.entry("Agreement.approvals", "#/components/schemas/AgreementApproval"),
            Map.entry("Agreement.awaitingApproval", "string"),
            Map.entry("Agreement.actions", "string"),
            Map.entry("AgreementScope.programmes", "string"),
            Map.entry("AgreementScope.issuers", "string"),
            Map.entry("CredentialVerification.claims", "#/components/schemas/CredentialClaim"),
            Map.entry("ExemptionRequest.applicableAgreements", "#/components/schemas/ApplicableAgreement"),
            Map.entry("ExemptionRequest.allowedTransitions", "string"),
            Map.entry("Problem.allowed", "string"),
            Map.entry("Programme.ruleFindings", "#/components/schemas/FieldError"),
            Map.entry("ProgrammeInput.learningOutcomes", "string"));

    private static void arrayItems(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) return;
        ITEMS.forEach((where, items) -> {
            String[] parts = where.split("\\.");
            Schema schema = openAPI.getComponents().getSchemas().get(parts[0]);
            Schema property = schema == null || schema.getProperties() == null ? null : schema.getProperties().get(parts[1]);
            if (property == null || property.getType() != Schema.SchemaType.ARRAY) return;
            property.setItems(items.startsWith("#") ? OASFactory.createSchema().ref(items) : OASFactory.createSchema().type(Schema.SchemaType.STRING));
        });
    }

    /**
     * The runtime copies a named schema into each operation that answers or takes it, instead of referring to it: the
     * copies become references to the component again (a copy is recognised by its properties, names and types), so
     * that a generated client has one {@code Programme} class instead of {@code CreateProgramme201Response} and its kin.
     */
    private static void referToComponents(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null || openAPI.getPaths() == null) return;
        Map<String, String> byShape = new java.util.HashMap<>();
        Map<String, String> byNames = new java.util.HashMap<>();
        java.util.Set<String> ambiguous = new java.util.HashSet<>();
        openAPI.getComponents().getSchemas().forEach((name, schema) -> {
            String shape = shape(schema);
            if (shape != null) byShape.putIfAbsent(shape, name);
            String names = names(schema);
            if (names != null && byNames.putIfAbsent(names, name) != null) ambiguous.add(names);
        });
        ambiguous.forEach(byNames::remove);
        byNames.forEach((names, name) -> byShape.putIfAbsent("names " + names, name));
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation op : item.getOperations().values()) {
                if (op.getRequestBody() != null && op.getRequestBody().getContent() != null && op.getRequestBody().getContent().getMediaTypes() != null) {
                    op.getRequestBody().getContent().getMediaTypes().values().forEach(m -> m.setSchema(referred(m.getSchema(), byShape)));
                }
                if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                    for (APIResponse r : op.getResponses().getAPIResponses().values()) {
                        if (r.getContent() != null && r.getContent().getMediaTypes() != null) {
                            r.getContent().getMediaTypes().values().forEach(m -> m.setSchema(referred(m.getSchema(), byShape)));
                        }
                    }
                }
            }
        }
    }

    private static Schema referred(Schema s, Map<String, String> byShape) {
        if (s == null || s.getRef() != null) return s;
        if (s.getType() == Schema.SchemaType.ARRAY && s.getItems() != null) {
            s.setItems(referred(s.getItems(), byShape));
            return s;
        }
        if (s.getProperties() != null) {
            Map<String, Schema> properties = new LinkedHashMap<>();
            s.getProperties().forEach((k, v) -> properties.put(k, referred(v, byShape)));
            s.setProperties(properties);
        }
        String name = byShape.get(shape(s));
        if (name == null && names(s) != null) name = byShape.get("names " + names(s));
        return name == null ? s : OASFactory.createSchema().ref("#/components/schemas/" + name);
    }

    /** The property names alone: a copy whose nested parts the runtime described differently is still recognised, if unique. */
    private static String names(Schema s) {
        if (s == null || s.getProperties() == null || s.getProperties().isEmpty()) return null;
        return String.join(",", new java.util.TreeSet<>(s.getProperties().keySet()));
    }

    private static String type(Schema v) {
        return v == null ? "" : v.getRef() != null ? v.getRef().substring(v.getRef().lastIndexOf('/') + 1) : String.valueOf(v.getType());
    }

    /** Property names with their types (or references; an array's items too), or null for a schema without properties. */
    private static String shape(Schema s) {
        if (s == null || s.getProperties() == null || s.getProperties().isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(s.getProperties()).forEach((k, v) -> b.append(k).append(':')
                .append(type(v)).append(v != null && v.getItems() != null ? "[" + type(v.getItems()) + "]" : "").append(';'));
        return b.toString();
    }

    @Override
    public Schema filterSchema(Schema s) {
        if (Boolean.FALSE.equals(s.getExclusiveMaximum())) s.setExclusiveMaximum(null);
        if (Boolean.FALSE.equals(s.getExclusiveMinimum())) s.setExclusiveMinimum(null);
        if (s.getMaxLength() != null && s.getMaxLength() == Integer.MAX_VALUE) s.setMaxLength(null);
        if (s.getMinLength() != null && s.getMinLength() <= 0) s.setMinLength(null);
        if (s.getMaxItems() != null && (s.getMaxItems() < 0 || s.getMaxItems() == Integer.MAX_VALUE)) s.setMaxItems(null);
        if (s.getMinItems() != null && (s.getMinItems() <= 0 || s.getMinItems() == Integer.MAX_VALUE)) s.setMinItems(null);
        if (s.getMaxProperties() != null && s.getMaxProperties() <= 0) s.setMaxProperties(null);
        if (s.getMinProperties() != null && s.getMinProperties() <= 0) s.setMinProperties(null);
        if (s.getMultipleOf() != null && s.getMultipleOf().signum() == 0) s.setMultipleOf(null);
        if (Boolean.FALSE.equals(s.getUniqueItems())) s.setUniqueItems(null);
        if (Boolean.FALSE.equals(s.getNullable())) s.setNullable(null);
        if (Boolean.FALSE.equals(s.getReadOnly())) s.setReadOnly(null);
        if (Boolean.FALSE.equals(s.getWriteOnly())) s.setWriteOnly(null);
        if (Boolean.FALSE.equals(s.getDeprecated())) s.setDeprecated(null);
        if (s.getType() == null && s.getRef() == null && s.getEnumeration() != null && !s.getEnumeration().isEmpty()
                && s.getEnumeration().stream().allMatch(v -> v instanceof String)) {
            s.setType(Schema.SchemaType.STRING);
        }
        if (s.getNullable() != null && s.getType() == null) s.setNullable(null);
        if (s.getType() == Schema.SchemaType.ARRAY && s.getProperties() != null && !s.getProperties().isEmpty()) {
            if (s.getItems() == null) s.setItems(OASFactory.createSchema().type(Schema.SchemaType.OBJECT).properties(s.getProperties()));
            s.setProperties(null);
        }
        if (s.getType() != null && s.getType() != Schema.SchemaType.OBJECT && s.getType() != Schema.SchemaType.ARRAY && s.getProperties() != null) {
            s.setProperties(null); // a text or binary answer (CSV, XLSX, XML) described by its Java type's fields as well
        }
        s.setExample(example(s.getType(), s.getExample()));
        // the runtime copies an array property's own annotation onto its items ("an array of arrays" without items)
        Schema items = s.getItems();
        if (s.getType() == Schema.SchemaType.ARRAY && items != null && items.getType() == Schema.SchemaType.ARRAY && items.getItems() == null
                && items.getRef() == null) {
            boolean strings = s.getExample() instanceof List<?> list && list.stream().allMatch(x -> x instanceof String);
            items.setType(strings ? Schema.SchemaType.STRING : null);
            items.setExample(null);
            items.setMinItems(null);
            items.setDescription(null);
        }
        return s;
    }

    /**
     * Annotations give every example as a string: typed as the schema says (a number, a boolean, a JSON array or object),
     * and left out when it is not one, since an example that contradicts its schema misleads generators and readers.
     */
    static Object example(Schema.SchemaType type, Object example) {
        if (!(example instanceof String text) || type == null) return example;
        try {
            switch (type) {
                case INTEGER: return Long.valueOf(text.trim());
                case NUMBER: return new java.math.BigDecimal(text.trim());
                case BOOLEAN:
                    if (text.trim().equals("true") || text.trim().equals("false")) return Boolean.valueOf(text.trim());
                    return null;
                case ARRAY:
                case OBJECT:
                    try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
                        var value = reader.readValue();
                        boolean fits = type == Schema.SchemaType.ARRAY ? value.getValueType() == jakarta.json.JsonValue.ValueType.ARRAY
                                : value.getValueType() == jakarta.json.JsonValue.ValueType.OBJECT;
                        return fits ? java(value) : null;
                    }
                default: return example;
            }
        } catch (RuntimeException notOfItsType) {
            return null;
        }
    }

    private static Object java(jakarta.json.JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                v.asJsonObject().forEach((k, x) -> map.put(k, java(x)));
                yield map;
            }
            case ARRAY -> v.asJsonArray().stream().map(ApiDescriptionFilter::java).toList();
            case STRING -> ((jakarta.json.JsonString) v).getString();
            case NUMBER -> ((jakarta.json.JsonNumber) v).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    @Override
    public Parameter filterParameter(Parameter p) {
        if (Boolean.FALSE.equals(p.getDeprecated())) p.setDeprecated(null);
        if (Boolean.FALSE.equals(p.getAllowEmptyValue())) p.setAllowEmptyValue(null);
        if (Boolean.FALSE.equals(p.getAllowReserved())) p.setAllowReserved(null);
        if (Boolean.FALSE.equals(p.getExplode())) p.setExplode(null);
        return p;
    }

    @Override
    public Operation filterOperation(Operation o) {
        if (Boolean.FALSE.equals(o.getDeprecated())) o.setDeprecated(null);
        return o;
    }

    /** The problem+json answers an operation can give, where it does not list them itself. */
    private static void responses(String path, PathItem.HttpMethod method, Operation op) {
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        Map<String, APIResponse> existing = responses.getAPIResponses() == null ? Map.of() : responses.getAPIResponses();
        boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
        boolean takesInput = (op.getParameters() != null && !op.getParameters().isEmpty()) || op.getRequestBody() != null;
        Map<String, String> wanted = new LinkedHashMap<>();
        if (takesInput) wanted.put("400", "Bad input: each invalid field is named in errors");
        if (secured) {
            wanted.put("401", "No valid bearer token");
            wanted.put("403", "The token's role or scope does not allow this");
        }
        if (path.contains("{")) wanted.put("404", "No such resource, or not visible to the caller");
        if (method == PathItem.HttpMethod.PUT || (method == PathItem.HttpMethod.POST && path.contains("{"))) {
            wanted.put("409", "Not possible in the resource's current state");
        }
        boolean has4xx = existing.keySet().stream().anyMatch(code -> code.startsWith("4"));
        for (var e : wanted.entrySet()) {
            if (existing.containsKey(e.getKey())) continue;
            if (has4xx && !e.getKey().equals("401") && !e.getKey().equals("403")) continue; // the operation names its own errors
            responses.addAPIResponse(e.getKey(), problem(e.getValue()));
        }
        boolean has2xx = responses.getAPIResponses().keySet().stream().anyMatch(code -> code.startsWith("2") || code.startsWith("3"));
        if (!has2xx && responses.getDefaultValue() == null) {
            // the OOAPI resources the registry does not keep (offerings, programs): the standard's answer, always a 404 here
            responses.setDefaultValue(OASFactory.createAPIResponse().description("What the Open Education API answers; this registry keeps none (404)"));
        }
    }

    /**
     * The runtime names a schema for every record it meets, also those only ever described inline: left out when nothing
     * refers to them (else generators make a class of each).
     */
    private static void dropUnusedSchemas(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) return;
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        java.util.Set<String> used = new java.util.HashSet<>();
        java.util.Deque<Schema> todo = new java.util.ArrayDeque<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                if (item.getParameters() != null) item.getParameters().forEach(p -> add(todo, p.getSchema()));
                for (Operation op : item.getOperations().values()) {
                    if (op.getParameters() != null) op.getParameters().forEach(p -> add(todo, p.getSchema()));
                    if (op.getRequestBody() != null && op.getRequestBody().getContent() != null && op.getRequestBody().getContent().getMediaTypes() != null) {
                        op.getRequestBody().getContent().getMediaTypes().values().forEach(m -> add(todo, m.getSchema()));
                    }
                    if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                        for (APIResponse r : op.getResponses().getAPIResponses().values()) {
                            if (r.getContent() != null && r.getContent().getMediaTypes() != null) r.getContent().getMediaTypes().values().forEach(m -> add(todo, m.getSchema()));
                        }
                    }
                }
            }
        }
        java.util.Set<Schema> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Schema s = todo.pop();
            if (!seen.add(s)) continue;
            if (s.getRef() != null) {
                String name = s.getRef().substring(s.getRef().lastIndexOf('/') + 1);
                if (used.add(name) && schemas.get(name) != null) todo.push(schemas.get(name));
            }
            if (s.getProperties() != null) s.getProperties().values().forEach(x -> add(todo, x));
            add(todo, s.getItems());
            if (s.getAdditionalPropertiesSchema() != null) add(todo, s.getAdditionalPropertiesSchema());
            if (s.getAllOf() != null) s.getAllOf().forEach(x -> add(todo, x));
            if (s.getOneOf() != null) s.getOneOf().forEach(x -> add(todo, x));
            if (s.getAnyOf() != null) s.getAnyOf().forEach(x -> add(todo, x));
            add(todo, s.getNot());
        }
        Map<String, Schema> kept = new java.util.TreeMap<>();
        schemas.forEach((name, schema) -> { if (used.contains(name)) kept.put(name, schema); });
        if (kept.size() < schemas.size()) openAPI.getComponents().setSchemas(kept);
    }

    private static void add(java.util.Deque<Schema> todo, Schema s) {
        if (s != null) todo.push(s);
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM))));
    }

    /** Each tag once, the first description it was given (or ours). */
    private static void tags(OpenAPI openAPI) {
        if (openAPI.getTags() == null) return;
        Map<String, Tag> byName = new LinkedHashMap<>();
        for (Tag t : openAPI.getTags()) {
            Tag kept = byName.get(t.getName());
            if (kept == null) byName.put(t.getName(), t);
            else if (kept.getDescription() == null && t.getDescription() != null) kept.setDescription(t.getDescription());
        }
        for (Tag t : byName.values()) {
            if (t.getDescription() == null && TAGS.containsKey(t.getName())) t.setDescription(TAGS.get(t.getName()));
        }
        openAPI.setTags(new ArrayList<>(byName.values()));
    }

    private static Optional<String> publicUrl() {
        try {
            return ConfigProvider.getConfig().getOptionalValue("registry.public.url", String.class).map(String::trim).filter(s -> !s.isEmpty())
                    .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        } catch (RuntimeException noConfig) {
            return Optional.empty();
        }
    }

    /** Payara's top-level {@code endpoints} (server to paths) is not OpenAPI: left out (reflectively; another runtime has none). */
    private static void dropEndpoints(OpenAPI openAPI) {
        try {
            openAPI.getClass().getMethod("setEndpoints", Map.class).invoke(openAPI, new java.util.TreeMap<String, java.util.Set<String>>());
        } catch (ReflectiveOperationException | RuntimeException notPayaras) {
            // nothing to drop
        }
    }
}
