package nl.microcredentials.registry.programmes.control;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import nl.microcredentials.registry.platform.rest.FieldError;

/**
 * Open Badges 3.0's {@code achievementcredential.json} (JSON Schema draft 2019-09, formats asserted), read once from the
 * application's own classpath ({@value #RESOURCE}, an unmodified copy of the 1EdTech schema): its {@code $refs} stay
 * inside the document, nothing is fetched. A credential's violations are named by their JSON path in the registry's
 * notation ({@code credentialSubject.achievement.alignment[0].targetName}).
 */
public final class CredentialSchema {

    public static final String RESOURCE = "openbadges/achievementcredential.json";
    /** More violations than this are cut off (the count says how many there were). */
    public static final int MAX_ERRORS = 100;
    /** No OB3 credential nests this deep; deeper JSON is refused while parsing, before anything walks it. */
    public static final int MAX_NESTING = 64;

    private static final Logger LOG = Logger.getLogger(CredentialSchema.class.getName());

    /** The parser for credentials: strict (one value, no duplicate names), bounded nesting. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
    }

    private static final class Holder {
        static final CredentialSchema INSTANCE = new CredentialSchema();
    }

    private final JsonSchema schema;

    private CredentialSchema() {
        JsonNode document;
        try (InputStream in = CredentialSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("Missing " + RESOURCE);
            document = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).locale(Locale.ENGLISH).build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909);
        schema = factory.getSchema(SchemaLocation.of(document.get("$id").asText()), document, config);
        schema.initializeValidators(); // resolve every $ref now, not on the first request
        LOG.info(() -> "Open Badges 3.0 credential schema loaded from the application; Jackson "
                + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION + " from " + where(ObjectMapper.class)
                + ", json-schema-validator from " + where(JsonSchema.class));
    }

    public static CredentialSchema get() {
        return Holder.INSTANCE;
    }

    /** Where a class was loaded from (for the log: the WAR's library or the server's). */
    public static String where(Class<?> type) {
        var source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? String.valueOf(type.getClassLoader()) : source.getLocation().toString();
    }

    /** The violations of a credential, at most {@link #MAX_ERRORS}, in document order; empty when it is valid OB3. */
    public List<FieldError> validate(JsonNode credential) {
        return validate(credential, "");
    }

    /** As {@link #validate(JsonNode)}, the paths under {@code prefix} (e.g. {@code vc} for a JWT's {@code vc} claim). */
    public List<FieldError> validate(JsonNode credential, String prefix) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        for (ValidationMessage m : schema.validate(credential)) {
            String field = join(prefix, path(m));
            errors.putIfAbsent(field + "\u0000" + message(m), new FieldError(field.isEmpty() ? "body" : field, message(m)));
            if (errors.size() >= MAX_ERRORS) break;
        }
        return new ArrayList<>(errors.values());
    }

    /** The JSON path of a violation; for a missing property, the property's own path. */
    static String path(ValidationMessage m) {
        String path = path(m.getInstanceLocation());
        if ("required".equals(m.getType()) && m.getProperty() != null) path = join(path, m.getProperty());
        return path;
    }

    static String path(JsonNodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Number n) path.append('[').append(n).append(']');
            else {
                if (path.length() > 0) path.append('.');
                path.append(element);
            }
        }
        return path.toString();
    }

    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) return path;
        if (path.isEmpty()) return prefix;
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    /** The message without the location it starts with ({@code $.a.b: must be ...}). */
    static String message(ValidationMessage m) {
        String text = m.getMessage();
        int colon = text.indexOf(": ");
        // the location comes first ("$.a.b: ", "/a/b: " or ": " at the root, after the validator's path type)
        String message = colon >= 0 && !text.substring(0, colon).contains(" ") ? text.substring(colon + 2) : text;
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
