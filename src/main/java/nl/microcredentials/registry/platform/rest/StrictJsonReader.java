package nl.microcredentials.registry.platform.rest;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the registry's request bodies strictly, before JSON-B binds them: the body must be a JSON object of the request's
 * shape, every value of the kind its property expects (a string is a string, not an array that JSON-B would quietly reduce
 * to one element), numbers finite and of sane size, no NUL characters in text (PostgreSQL refuses them), and no property the
 * request does not have. Every violation is a 400 naming the field (a path like {@code targetCourse.ects} or
 * {@code parties[2]}); the structure is checked as a whole, so all violations are reported at once.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
@jakarta.annotation.Priority(1) // before the runtime's own JSON-B reader, which accepts the same types
public class StrictJsonReader implements MessageBodyReader<Object> {

    /** One provider for the class: Json.createX looks the provider up anew on every call, which costs more than the parsing. */
    private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    private static final String OWN_PACKAGE = "nl.microcredentials.registry.";
    private static final int MAX_SCALE = 20;
    private static final int MAX_PRECISION = 40;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.getName().startsWith(OWN_PACKAGE) && !type.isEnum();
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        byte[] body = entity.readAllBytes();
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) return null; // no body: the resource decides
        JsonValue value;
        try (var reader = JSON.createReader(new java.io.ByteArrayInputStream(body))) {
            value = reader.readValue();
        } catch (RuntimeException | StackOverflowError e) {
            // JsonException and its kin, and Parsson's plain RuntimeException for nesting beyond its limit
            throw RegistryException.invalid("body", "is not valid JSON");
        }
        List<FieldError> errors = new ArrayList<>();
        check(value, type, "", errors);
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
        return JsonbHolder.JSONB.fromJson(value.toString(), genericType);
    }

    private static final class JsonbHolder {
        static final Jsonb JSONB = new JsonbConfiguration().getContext(Object.class);
    }

    /** Checks a value against the Java type it will be bound to; appends one error per violation. */
    static void check(JsonValue value, Type type, String path, List<FieldError> errors) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return; // absence is the validators' business
        Class<?> raw = raw(type);
        String field = path.isEmpty() ? "body" : path;
        if (raw == String.class || raw.isEnum() || Temporal.class.isAssignableFrom(raw)) {
            if (!(value instanceof JsonString s)) {
                errors.add(new FieldError(field, "must be a string"));
            } else if (s.getString().indexOf('\u0000') >= 0) {
                errors.add(new FieldError(field, "must not contain NUL characters"));
            }
        } else if (Number.class.isAssignableFrom(raw) || raw == int.class || raw == long.class || raw == double.class) {
            if (!(value instanceof JsonNumber n)) {
                errors.add(new FieldError(field, "must be a number"));
            } else {
                BigDecimal d;
                try {
                    d = n.bigDecimalValue();
                } catch (NumberFormatException | ArithmeticException e) {
                    errors.add(new FieldError(field, "is not a usable number"));
                    return;
                }
                if (d.precision() > MAX_PRECISION || d.scale() > MAX_SCALE || d.scale() < -MAX_SCALE) {
                    errors.add(new FieldError(field, "is not a usable number"));
                } else if ((raw == Integer.class || raw == int.class) && (d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                        || d.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0 || d.stripTrailingZeros().scale() > 0)) {
                    errors.add(new FieldError(field, "must be a whole number"));
                }
            }
        } else if (raw == Boolean.class || raw == boolean.class) {
            if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
                errors.add(new FieldError(field, "must be true or false"));
            }
        } else if (Collection.class.isAssignableFrom(raw)) {
            if (!(value instanceof JsonArray array)) {
                errors.add(new FieldError(field, "must be an array"));
                return;
            }
            Type element = argument(type, 0);
            for (int i = 0; i < array.size(); i++) check(array.get(i), element, field + "[" + i + "]", errors);
        } else if (Map.class.isAssignableFrom(raw)) {
            if (!(value instanceof JsonObject object)) {
                errors.add(new FieldError(field, "must be an object"));
                return;
            }
            Type element = argument(type, 1);
            object.forEach((k, v) -> check(v, element, path.isEmpty() ? k : path + "." + k, errors));
        } else if (raw.getName().startsWith(OWN_PACKAGE)) {
            if (!(value instanceof JsonObject object)) {
                errors.add(new FieldError(field, "must be an object"));
                return;
            }
            Map<String, Type> properties = properties(raw);
            object.forEach((k, v) -> {
                String child = path.isEmpty() ? k : path + "." + k;
                Type propertyType = properties.get(k);
                if (propertyType == null) errors.add(new FieldError(child, "is not a property of this request"));
                else check(v, propertyType, child, errors);
            });
        }
        // other types (Object, JsonValue ...): left to JSON-B
    }

    /** The JSON properties of a request type: a record's components, or a class's instance fields. */
    static Map<String, Type> properties(Class<?> type) {
        Map<String, Type> properties = new LinkedHashMap<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) properties.put(c.getName(), c.getGenericType());
            return properties;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) continue;
                properties.putIfAbsent(f.getName(), f.getGenericType());
            }
        }
        return properties;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) return c;
        if (type instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) return p.getActualTypeArguments()[index];
        return Object.class;
    }
}
