package nl.microcredentials.registry.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/** The strict shape check that runs before JSON-B binds a request body. */
class StrictJsonReaderTest {

    public record Course(String code, BigDecimal ects) { }

    public record Request(String name, Integer days, Boolean active, LocalDate on, List<String> tags, Course course, Map<String, String> title) { }

    private static List<FieldError> errors(String json) {
        List<FieldError> errors = new ArrayList<>();
        StrictJsonReader.check(Json.createReader(new StringReader(json)).readValue(), Request.class, "", errors);
        return errors;
    }

    @Test
    void aWellShapedBodyPasses() {
        assertThat(errors("{\"name\":\"a\",\"days\":3,\"active\":true,\"on\":\"2026-01-01\",\"tags\":[\"x\"],"
                + "\"course\":{\"code\":\"C\",\"ects\":7.5},\"title\":{\"nl\":\"t\"},\"days\":null}")).isEmpty();
    }

    @Test
    void valuesOfTheWrongKindAreNamedByTheirPath() {
        assertThat(errors("{\"name\":[\"x\",\"y\"],\"days\":\"3\",\"active\":[true],\"tags\":\"x\",\"course\":{\"code\":{},\"ects\":\"7\"},"
                + "\"title\":{\"nl\":1}}"))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("name", "days", "active", "tags", "course.code", "course.ects", "title.nl");
    }

    @Test
    void arraysAreCheckedElementByElement() {
        assertThat(errors("{\"tags\":[\"a\",2,\"c\"]}")).extracting(FieldError::field).containsExactly("tags[1]");
    }

    @Test
    void unknownPropertiesNulsAndUnusableNumbersAreRefused() {
        assertThat(errors("{\"nmae\":\"a\"}")).extracting(FieldError::field).containsExactly("nmae");
        assertThat(errors("{\"name\":\"a\\u0000b\"}")).extracting(FieldError::message).containsExactly("must not contain NUL characters");
        assertThat(errors("{\"days\":1.5}")).extracting(FieldError::message).containsExactly("must be a whole number");
        assertThat(errors("{\"days\":3000000000}")).extracting(FieldError::message).containsExactly("must be a whole number");
        assertThat(errors("{\"course\":{\"ects\":1e400}}")).extracting(FieldError::field).containsExactly("course.ects");
    }

    @Test
    void nullInsideAnArrayIsRefused() {
        assertThat(errors("{\"tags\":[\"a\",null]}")).extracting(FieldError::field, FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tags[1]", "must not be null"));
    }

    // ---- required properties, named with the wrong types -----------------------------------------

    public record Learner(@Schema(required = true) String name, String email) { }

    public record Text(String nl, String en) { }

    public record Recorded(@Schema(required = true) Learner learner, @Schema(required = true) String programme, Integer version,
                           @Schema(minProperties = 1) Text title, List<Learner> others,
                           @StrictJsonReader.RequiredUnless("everyone") @Schema(minItems = 2) List<String> parties, Boolean everyone) { }

    public static class Board {
        @NotBlank public String name;
        @NotNull public Integer days;
        public String email;
    }

    private static List<String> shapeAndMissing(String json, Class<?> type, String... notRequired) {
        List<FieldError> errors = new ArrayList<>();
        var value = Json.createReader(new StringReader(json)).readValue();
        StrictJsonReader.check(value, type, "", errors);
        if (!errors.isEmpty()) StrictJsonReader.missing(value, type, "", java.util.Set.of(notRequired), errors);
        return errors.stream().map(e -> e.field() + ": " + e.message()).toList();
    }

    @Test
    void withAWrongTypeTheMissingRequiredPropertiesAreNamedToo() {
        assertThat(shapeAndMissing("{\"version\":\"3\"}", Recorded.class))
                .containsExactly("version: must be a number", "learner: is required", "programme: is required",
                        "parties: is required");
        assertThat(shapeAndMissing("{\"version\":\"3\",\"learner\":{\"email\":\"e\"},\"programme\":null,\"everyone\":true,"
                + "\"others\":[{\"name\":\"a\"},{\"email\":\"b\"}],\"title\":{\"nl\":\" \",\"en\":null}}", Recorded.class))
                .containsExactly("version: must be a number", "learner.name: is required", "programme: is required",
                        "title: must have at least 1 of: nl, en", "others[1].name: is required");
        // a property with a wrong type is named once, for its type
        assertThat(shapeAndMissing("{\"learner\":\"x\",\"programme\":1,\"parties\":[\"a\",\"b\"]}", Recorded.class))
                .containsExactly("learner: must be an object", "programme: must be a string");
        assertThat(shapeAndMissing("{\"version\":\"3\",\"learner\":{\"name\":\"n\"},\"programme\":\"p\",\"parties\":[\"a\"]}", Recorded.class))
                .containsExactly("version: must be a number", "parties: must have at least 2 items");
        assertThat(shapeAndMissing("{\"version\":\"3\",\"learner\":{\"name\":\"n\"},\"programme\":\"p\",\"parties\":[],\"everyone\":true}", Recorded.class))
                .containsExactly("version: must be a number");
        assertThat(shapeAndMissing("{\"email\":1}", Board.class)).containsExactly("email: must be a string", "name: is required", "days: is required");
        assertThat(shapeAndMissing("{\"email\":1}", Board.class, "name")).containsExactly("email: must be a string", "days: is required");
    }

    @Test
    void aWellShapedBodyLeavesTheMissingPropertiesToTheFacade() throws Exception {
        var reader = new StrictJsonReader();
        var annotations = StrictJsonReaderTest.class.getDeclaredMethod("update", Board.class).getParameterAnnotations()[0];
        Object board = reader.readFrom((Class) Board.class, Board.class, annotations, jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE, null,
                new java.io.ByteArrayInputStream("{\"email\":\"e\"}".getBytes()));
        assertThat(((Board) board).email).isEqualTo("e");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.readFrom((Class) Board.class, Board.class, annotations,
                        jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE, null, new java.io.ByteArrayInputStream("{\"email\":[1]}".getBytes())))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("email", "days"));
    }

    @SuppressWarnings("unused")
    private static void update(@StrictJsonReader.NotRequiredHere("name") Board board) { }

    @Test
    void theBodyMustBeAnObject() {
        assertThat(errors("[{}]")).extracting(FieldError::field).containsExactly("body");
        assertThat(errors("42")).extracting(FieldError::field).containsExactly("body");
    }
}
