package nl.microcredentials.registry.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void theBodyMustBeAnObject() {
        assertThat(errors("[{}]")).extracting(FieldError::field).containsExactly("body");
        assertThat(errors("42")).extracting(FieldError::field).containsExactly("body");
    }
}
