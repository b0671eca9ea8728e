package nl.microcredentials.registry.platform.rest;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Names the field when a JSON body cannot be bound: JSON-B reports a wrong type or an unknown enum value without
 * saying where. The body is kept; when binding fails, each field is bound on its own to find the culprits, and the
 * client gets a 400 listing them (malformed JSON is a 400 on {@code body}).
 */
@Provider
public class JsonFieldErrors implements ReaderInterceptor {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getMediaType() == null || !context.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        context.setInputStream(new ByteArrayInputStream(body));
        try {
            return context.proceed();
        } catch (RegistryException | WebApplicationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw RegistryException.invalid(locate(new String(body, java.nio.charset.StandardCharsets.UTF_8), context.getGenericType()));
        }
    }

    static List<FieldError> locate(String body, Type type) {
        JsonValue json;
        try (var reader = Json.createReader(new StringReader(body))) {
            json = reader.readValue();
        } catch (JsonParsingException e) {
            return List.of(new FieldError("body", "is not valid JSON (" + e.getLocation().getLineNumber() + ":" + e.getLocation().getColumnNumber() + ")"));
        } catch (JsonException e) {
            return List.of(new FieldError("body", "is not valid JSON"));
        }
        List<FieldError> errors = new ArrayList<>();
        if (type instanceof Class<?> c && !c.isPrimitive() && !c.getName().startsWith("java.")) {
            if (json.getValueType() != JsonValue.ValueType.OBJECT) {
                return List.of(new FieldError("body", "must be a JSON object"));
            }
            collect((JsonObject) json, c, "", errors);
        }
        return errors.isEmpty() ? List.of(new FieldError("body", "does not have the expected shape")) : errors;
    }

    private static void collect(JsonObject object, Class<?> type, String prefix, List<FieldError> errors) {
        for (var property : properties(type)) {
            JsonValue value = object.get(property.name());
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) continue;
            try {
                JSONB.fromJson(value.toString(), property.type());
            } catch (RuntimeException e) {
                Type t = property.type();
                if (t instanceof Class<?> nested && !nested.isEnum() && !nested.getName().startsWith("java.")
                        && value.getValueType() == JsonValue.ValueType.OBJECT) {
                    collect(value.asJsonObject(), nested, prefix + property.name() + ".", errors);
                } else {
                    errors.add(new FieldError(prefix + property.name(), "must be " + describe(t)));
                }
            }
        }
    }

    private record Property(String name, Type type) { }

    private static List<Property> properties(Class<?> type) {
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).map(c -> new Property(c.getName(), c.getGenericType())).toList();
        }
        List<Property> properties = new ArrayList<>();
        for (Field field : type.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) properties.add(new Property(field.getName(), field.getGenericType()));
        }
        return properties;
    }

    static String describe(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw && Collection.class.isAssignableFrom(raw)) {
            return "an array of " + plural(p.getActualTypeArguments()[0]);
        }
        if (type instanceof Class<?> c) {
            if (c.isEnum()) {
                return "one of " + String.join(", ", Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
            }
            if (c == Integer.class || c == int.class || c == Long.class || c == long.class) return "a whole number";
            if (c == BigDecimal.class || c == Double.class || c == double.class) return "a number";
            if (c == Boolean.class || c == boolean.class) return "true or false";
            if (c == LocalDate.class) return "a date (YYYY-MM-DD)";
            if (c == Instant.class) return "an instant (e.g. 2026-03-01T12:00:00Z)";
            if (c == String.class) return "a string";
        }
        return "an object of the documented shape";
    }

    private static String plural(Type type) {
        String one = describe(type);
        return one.startsWith("one of ") ? "values (" + one + ")" : one.replaceFirst("^an? ", "") + "s";
    }
}
