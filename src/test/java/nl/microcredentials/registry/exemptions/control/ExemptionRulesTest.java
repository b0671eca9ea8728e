package nl.microcredentials.registry.exemptions.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import nl.microcredentials.registry.exemptions.entity.DecisionOutcome;
import nl.microcredentials.registry.platform.rest.FieldError;
import org.junit.jupiter.api.Test;

class ExemptionRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final BigDecimal FIVE = new BigDecimal("5");

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    private static ExemptionRules.Recorded valid() {
        return new ExemptionRules.Recorded("Sam de Boer", "sam@example.org", "s1234567", "p1", TODAY.minusMonths(2),
                "https://edubadges.example/assertion/1", "CSE2110", "Algorithms", FIVE, "BSc Computer Science", "I completed it.");
    }

    @Test
    void aCompleteRequestIsValid() {
        assertThat(ExemptionRules.validate(valid(), TODAY)).isEmpty();
    }

    @Test
    void everyRequiredFieldIsNamed() {
        var r = new ExemptionRules.Recorded(null, null, null, null, null, null, null, null, null, null, null);
        assertThat(fields(ExemptionRules.validate(r, TODAY)))
                .containsExactly("learner.name", "programme", "awardedOn", "targetCourse.code", "targetCourse.title", "targetCourse.ects");
    }

    @Test
    void badValuesAreNamed() {
        var r = new ExemptionRules.Recorded("Sam", "not-an-email", "s 1", "p1", TODAY.plusDays(1), "ftp://x", "C", "T",
                new BigDecimal("-1"), null, null);
        assertThat(fields(ExemptionRules.validate(r, TODAY)))
                .containsExactly("learner.email", "learner.studentNumber", "awardedOn", "evidenceUrl", "targetCourse.ects");
    }

    @Test
    void aDecisionNeedsAMotivation() {
        assertThat(fields(ExemptionRules.validateDecision(DecisionOutcome.GRANTED, null, " ", FIVE))).containsExactly("motivation");
        assertThat(fields(ExemptionRules.validateDecision(null, null, "why", FIVE))).containsExactly("outcome");
    }

    @Test
    void aPartialExemptionGrantsMoreThanZeroAndLessThanTheCourse() {
        assertThat(fields(ExemptionRules.validateDecision(DecisionOutcome.PARTIALLY_GRANTED, null, "m", FIVE))).containsExactly("ectsGranted");
        assertThat(fields(ExemptionRules.validateDecision(DecisionOutcome.PARTIALLY_GRANTED, BigDecimal.ZERO, "m", FIVE))).containsExactly("ectsGranted");
        assertThat(fields(ExemptionRules.validateDecision(DecisionOutcome.PARTIALLY_GRANTED, FIVE, "m", FIVE))).containsExactly("ectsGranted");
        assertThat(ExemptionRules.validateDecision(DecisionOutcome.PARTIALLY_GRANTED, new BigDecimal("0.5"), "m", FIVE)).isEmpty();
        assertThat(ExemptionRules.validateDecision(DecisionOutcome.PARTIALLY_GRANTED, new BigDecimal("4.5"), "m", FIVE)).isEmpty();
    }

    @Test
    void grantedIsTheWholeCourseAndRejectedNothing() {
        assertThat(ExemptionRules.granted(DecisionOutcome.GRANTED, null, FIVE)).isEqualByComparingTo(FIVE);
        assertThat(ExemptionRules.granted(DecisionOutcome.REJECTED, null, FIVE)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(fields(ExemptionRules.validateDecision(DecisionOutcome.REJECTED, new BigDecimal("2"), "m", FIVE))).containsExactly("ectsGranted");
    }

    @Test
    void referencesAreInitialsYearAndASixDigitNumber() {
        assertThat(ExemptionRules.prefix("tu-delft")).isEqualTo("TD");
        assertThat(ExemptionRules.prefix("hogeschool-van-arnhem-en-nijmegen")).isEqualTo("HVAE");
        assertThat(ExemptionRules.reference("TD", 2026, 123)).isEqualTo("TD-2026-000123");
    }

    @Test
    void theLegalRemediesNameTheBoardOfAppealAndTheLastDay() {
        LocalDate last = LocalDate.of(2027, 1, 4);
        assertThat(LegalRemedies.dutch(last)).contains("College van beroep voor de examens", "2027-01-04", "zes weken");
        assertThat(LegalRemedies.english(last)).contains("Examination Appeals Board", "2027-01-04", "six weeks");
    }
}
