package nl.microcredentials.registry.institutions.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.FieldError;
import org.junit.jupiter.api.Test;

/** The request constraints of institutions and boards, as field errors (the shape clients see). */
class InputValidationTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static List<String> invalidFields(Object input) {
        return nl.microcredentials.registry.platform.rest.Validation.fieldErrors(VALIDATOR.validate(input))
                .stream().map(FieldError::field).toList();
    }

    private static InstitutionInput institution() {
        return new InstitutionInput("tu-delft", "Technische Universiteit Delft", Sector.WO, "21PF", "https://www.tudelft.nl", null, true);
    }

    @Test
    void aCompleteInstitutionIsValid() {
        assertThat(invalidFields(institution())).isEmpty();
    }

    @Test
    void brinIsTwoDigitsAndTwoCapitals() {
        for (String bad : List.of("21pf", "2PF", "21PFX", "AB12", "21 PF")) {
            var input = institution();
            input.brin = bad;
            assertThat(invalidFields(input)).as(bad).containsExactly("brin");
        }
        var input = institution();
        input.brin = null;
        assertThat(invalidFields(input)).isEmpty();
    }

    @Test
    void codeIsALowerCaseSlug() {
        for (String bad : List.of("TU-Delft", "tu_delft", "-tu", "tu-", "tu--delft", "")) {
            var input = institution();
            input.code = bad;
            assertThat(invalidFields(input)).as(bad).contains("code");
        }
    }

    @Test
    void nameAndSectorAreRequiredAndWebsiteMustBeHttp() {
        var input = institution();
        input.name = " ";
        input.sector = null;
        input.website = "ftp://example.org";
        assertThat(invalidFields(input)).containsExactly("name", "sector", "website");
    }

    @Test
    void decisionTermIsOneTo365Days() {
        assertThat(invalidFields(board(0))).containsExactly("decisionTermDays");
        assertThat(invalidFields(board(1))).isEmpty();
        assertThat(invalidFields(board(365))).isEmpty();
        assertThat(invalidFields(board(366))).containsExactly("decisionTermDays");
        assertThat(invalidFields(board(null))).as("defaults to 56").isEmpty();
    }

    @Test
    void boardNeedsANameAndAnEmailAddress() {
        var input = new BoardInput("", "not-an-address", 56, List.of(), false);
        assertThat(invalidFields(input)).containsExactly("email", "name");
    }

    @Test
    void prefixesAreShortCodes() {
        var input = new BoardInput("BoE", "boe@example.org", 56, List.of("CSE", "bad prefix!"), false);
        assertThat(invalidFields(input)).containsExactly("courseCodePrefixes[1]");
    }

    private static BoardInput board(Integer term) {
        return new BoardInput("Board of Examiners EEMCS", "boe@tudelft.nl", term, List.of("CSE"), false);
    }
}
