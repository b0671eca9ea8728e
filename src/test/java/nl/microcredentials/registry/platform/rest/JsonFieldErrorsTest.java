package nl.microcredentials.registry.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import nl.microcredentials.registry.institutions.boundary.BoardInput;
import nl.microcredentials.registry.institutions.boundary.InstitutionInput;
import org.junit.jupiter.api.Test;

class JsonFieldErrorsTest {

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheAllowedValues() {
        var errors = JsonFieldErrors.locate("{\"code\":\"x\",\"sector\":\"UNI\"}", InstitutionInput.class);
        assertThat(errors).containsExactly(new FieldError("sector", "must be one of WO, HBO"));
    }

    @Test
    void wrongTypesNameEachField() {
        var errors = JsonFieldErrors.locate("{\"decisionTermDays\":\"eight weeks\",\"courseCodePrefixes\":\"CSE\"}", BoardInput.class);
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("decisionTermDays", "courseCodePrefixes");
        assertThat(errors).extracting(FieldError::message).contains("must be a whole number", "must be an array of strings");
    }

    @Test
    void aBadDateNamesTheField() {
        assertThat(JsonFieldErrors.locate("{\"memberSince\":\"1 May 2024\"}", InstitutionInput.class))
                .containsExactly(new FieldError("memberSince", "must be a date (YYYY-MM-DD)"));
    }

    @Test
    void malformedJsonIsReportedOnTheBody() {
        var errors = JsonFieldErrors.locate("{\"name\": ", InstitutionInput.class);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("body");
            assertThat(e.message()).startsWith("is not valid JSON");
        });
        assertThat(JsonFieldErrors.locate("[1,2]", InstitutionInput.class)).containsExactly(new FieldError("body", "must be a JSON object"));
    }
}
