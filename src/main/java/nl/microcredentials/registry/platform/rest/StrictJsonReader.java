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
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
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
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Reads the registry's request bodies strictly, before JSON-B binds them: the body must be a JSON object of the request's
 * shape, every value of the kind its property expects (a string is a string, not an array that JSON-B would quietly reduce
 * to one element), numbers finite and of sane size, no NUL characters in text (PostgreSQL refuses them), no null inside an
 * array, and no property the request does not have. Every violation is a 400 naming the field (a path like
 * {@code targetCourse.ects} or {@code parties[2]}); the structure is checked as a whole, so all violations are reported at once.
 *
 * <p>When the shape is wrong, the body never reaches the facade that would name the missing fields, so this 400 names them
 * too: every property the request requires ({@code @Schema(required = true)}, {@code @NotNull}, {@code @NotBlank},
 * {@code @NotEmpty}, or {@link RequiredUnless}) that is absent or null, at any depth of what was sent, and every object
 * with fewer properties than its {@code @Schema(minProperties)}, every array with fewer elements than its
 * {@code @Schema(minItems)} (an empty one only where the array is required). A resource parameter marked {@link NotRequiredHere} names
 * the top-level properties that its operation does not require (the path names them).
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

    /** A property that is required unless the named boolean property of the same body is {@code true}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
    public @interface RequiredUnless {
        String value();
    }

    /** On a resource's body parameter: top-level properties that this operation does not require (e.g. a code the path names). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface NotRequiredHere {
        String[] value();
    }

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
        if (!errors.isEmpty()) {
            missing(value, genericType, "", notRequired(annotations), errors);
            throw RegistryException.invalid(errors);
        }
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
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).getValueType() == JsonValue.ValueType.NULL) errors.add(new FieldError(field + "[" + i + "]", "must not be null"));
                else check(array.get(i), element, field + "[" + i + "]", errors);
            }
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

    /**
     * Adds an error for every required property that is absent or null and every object with too few properties, in the
     * objects that were sent (recursively); {@code notRequired} applies at the top level.
     */
    static void missing(JsonValue value, Type type, String path, Set<String> notRequired, List<FieldError> errors) {
        Class<?> raw = raw(type);
        if (value instanceof JsonArray array && Collection.class.isAssignableFrom(raw)) {
            for (int i = 0; i < array.size(); i++) missing(array.get(i), argument(type, 0), path + "[" + i + "]", Set.of(), errors);
            return;
        }
        if (!(value instanceof JsonObject object) || !raw.getName().startsWith(OWN_PACKAGE) || raw.isEnum()) return;
        for (Map.Entry<String, Type> property : properties(raw).entrySet()) {
            String name = property.getKey();
            String child = path.isEmpty() ? name : path + "." + name;
            JsonValue v = object.get(name);
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
                if (!notRequired.contains(name) && required(raw, name, object) && !reported(errors, child)) {
                    errors.add(new FieldError(child, "is required"));
                }
                continue;
            }
            int minProperties = schemas(raw, name).stream().mapToInt(Schema::minProperties).max().orElse(0);
            if (minProperties > 0 && v instanceof JsonObject o && present(o) < minProperties && !reported(errors, child)) {
                errors.add(new FieldError(child, "must have at least " + minProperties + " of: " + String.join(", ", properties(raw(property.getValue())).keySet())));
            }
            int minItems = schemas(raw, name).stream().mapToInt(Schema::minItems).filter(n -> n < Integer.MAX_VALUE).max().orElse(0);
            if (minItems > 0 && v instanceof JsonArray a && a.size() < minItems && (!a.isEmpty() || required(raw, name, object))
                    && !reported(errors, child)) {
                errors.add(new FieldError(child, "must have at least " + minItems + " items"));
            }
            missing(v, property.getValue(), child, Set.of(), errors);
        }
    }

    /** Whether a property of a request type is required in this body. */
    static boolean required(Class<?> type, String name, JsonObject body) {
        for (AnnotatedElement e : annotated(type, name)) {
            Schema schema = e.getAnnotation(Schema.class);
            if (schema != null && schema.required()) return true;
            if (e.isAnnotationPresent(jakarta.validation.constraints.NotNull.class) || e.isAnnotationPresent(jakarta.validation.constraints.NotBlank.class)
                    || e.isAnnotationPresent(jakarta.validation.constraints.NotEmpty.class)) {
                return true;
            }
            RequiredUnless unless = e.getAnnotation(RequiredUnless.class);
            if (unless != null) {
                JsonValue condition = body.get(unless.value());
                return condition == null || condition.getValueType() != JsonValue.ValueType.TRUE;
            }
        }
        return false;
    }

    private static List<Schema> schemas(Class<?> type, String name) {
        List<Schema> schemas = new ArrayList<>();
        for (AnnotatedElement e : annotated(type, name)) {
            Schema schema = e.getAnnotation(Schema.class);
            if (schema != null) schemas.add(schema);
        }
        return schemas;
    }

    /** Where a property's annotations are: its field (records copy component annotations there) and a record's accessor. */
    private static List<AnnotatedElement> annotated(Class<?> type, String name) {
        List<AnnotatedElement> places = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                places.add(c.getDeclaredField(name));
                break;
            } catch (NoSuchFieldException e) {
                // a superclass may declare it
            }
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals(name)) {
                    places.add(c);
                    places.add(c.getAccessor());
                }
            }
        }
        return places;
    }

    /** The members of an object that carry a value: not null, not blank text. */
    private static int present(JsonObject object) {
        int n = 0;
        for (JsonValue v : object.values()) {
            if (v.getValueType() == JsonValue.ValueType.NULL) continue;
            if (v instanceof JsonString s && s.getString().isBlank()) continue;
            n++;
        }
        return n;
    }

    /** Whether an error names this path already, or a path inside it, or the object or array that holds it. */
    private static boolean reported(List<FieldError> errors, String path) {
        return errors.stream().map(FieldError::field).anyMatch(f -> f.equals(path) || f.startsWith(path + ".") || f.startsWith(path + "[")
                || path.startsWith(f + ".") || path.startsWith(f + "["));
    }

    private static Set<String> notRequired(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof NotRequiredHere here) return Set.of(here.value());
            }
        }
        return Set.of();
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
