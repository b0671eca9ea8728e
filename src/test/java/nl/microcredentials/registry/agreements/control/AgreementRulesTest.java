package nl.microcredentials.registry.agreements.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.microcredentials.registry.agreements.entity.AgreementKind;
import nl.microcredentials.registry.agreements.entity.RecognitionEffect;
import nl.microcredentials.registry.platform.rest.FieldError;
import org.junit.jupiter.api.Test;

class AgreementRulesTest {

    private static final Map<String, Boolean> MEMBERS = Map.of("leiden", true, "delft", true, "hu", true, "gone", false);
    private static final Map<String, String> PROGRAMMES = Map.of("p-leiden", "leiden", "p-hu", "hu");

    private static final AgreementRules.Lookup LOOKUP = new AgreementRules.Lookup() {
        @Override
        public Optional<Boolean> memberActive(String code) {
            return Optional.ofNullable(MEMBERS.get(code));
        }

        @Override
        public Optional<AgreementScope.Programme> programme(String id) {
            return Optional.ofNullable(PROGRAMMES.get(id)).map(issuer -> new AgreementScope.Programme(id, issuer, BigDecimal.TEN, "6"));
        }
    };

    private static AgreementTerms terms(AgreementKind kind, List<String> parties, AgreementScope scope, LocalDate from, LocalDate until) {
        return new AgreementTerms(kind, parties, scope, RecognitionEffect.COURSE_EXEMPTION, "Terms", from, until);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    private static List<FieldError> validate(AgreementTerms t) {
        return AgreementRules.validate("Title", t, LOOKUP);
    }

    private static final LocalDate FROM = LocalDate.of(2026, 9, 1);

    @Test
    void aCompleteBilateralAgreementIsValid() {
        assertThat(validate(terms(AgreementKind.BILATERAL, List.of("leiden", "delft"), null, FROM, FROM.plusYears(2)))).isEmpty();
    }

    @Test
    void everyRequiredFieldIsNamed() {
        var errors = AgreementRules.validate(" ", new AgreementTerms(null, null, null, null, null, null, null), LOOKUP);
        assertThat(fields(errors)).containsExactlyInAnyOrder("title", "kind", "parties", "effect", "terms", "validFrom");
    }

    @Test
    void aBilateralAgreementHasExactlyTwoPartiesAndAnyAgreementAtLeastTwo() {
        assertThat(fields(validate(terms(AgreementKind.BILATERAL, List.of("leiden", "delft", "hu"), null, FROM, null)))).containsExactly("parties");
        assertThat(fields(validate(terms(AgreementKind.MULTILATERAL, List.of("leiden"), null, FROM, null)))).containsExactly("parties");
        assertThat(validate(terms(AgreementKind.MULTILATERAL, List.of("leiden", "delft", "hu"), null, FROM, null))).isEmpty();
    }

    @Test
    void partiesMustBeActiveMembers() {
        var errors = validate(terms(AgreementKind.MULTILATERAL, List.of("leiden", "unknown", "gone"), null, FROM, null));
        // the indexes are the client's own
        assertThat(errors).extracting(FieldError::field).containsExactly("parties[1]", "parties[2]");
        assertThat(errors.get(0).message()).contains("not a member institution");
        assertThat(errors.get(1).message()).contains("not an active member");
    }

    @Test
    void aPartyListedTwiceIsNamed() {
        var errors = validate(terms(AgreementKind.BILATERAL, List.of("leiden", "leiden"), null, FROM, null));
        assertThat(errors).extracting(FieldError::field).containsExactly("parties[1]");
    }

    @Test
    void validUntilMustBeAfterValidFrom() {
        assertThat(fields(validate(terms(AgreementKind.BILATERAL, List.of("leiden", "delft"), null, FROM, FROM)))).containsExactly("validUntil");
        assertThat(fields(validate(terms(AgreementKind.BILATERAL, List.of("leiden", "delft"), null, FROM, FROM.minusDays(1))))).containsExactly("validUntil");
        assertThat(validate(terms(AgreementKind.BILATERAL, List.of("leiden", "delft"), null, FROM, FROM.plusDays(1)))).isEmpty();
    }

    @Test
    void scopedProgrammesMustBelongToAnIssuingParty() {
        var scope = new AgreementScope(List.of("p-leiden", "p-hu", "nope"), null, null, null, null, null);
        var errors = validate(terms(AgreementKind.BILATERAL, List.of("leiden", "delft"), scope, FROM, null));
        assertThat(errors).extracting(FieldError::field).containsExactly("scope.programmes[1]", "scope.programmes[2]");
        assertThat(errors.get(0).message()).contains("'hu', which is not a party");
    }

    @Test
    void issuersMustBePartiesAndBoundsConsistent() {
        var scope = new AgreementScope(null, List.of("hu"), "7", "6", new BigDecimal("10"), new BigDecimal("5"));
        var errors = validate(terms(AgreementKind.BILATERAL, List.of("leiden", "delft"), scope, FROM, null));
        assertThat(fields(errors)).containsExactly("scope.issuers[0]", "scope.maxNlqfLevel", "scope.maxEcts");
    }

    @Test
    void unknownLevelsAndBadEcAreRefused() {
        var scope = new AgreementScope(null, null, "9", null, new BigDecimal("-1"), new BigDecimal("2.25"));
        assertThat(fields(validate(terms(AgreementKind.BILATERAL, List.of("leiden", "delft"), scope, FROM, null))))
                .containsExactly("scope.minNlqfLevel", "scope.minEcts", "scope.maxEcts");
    }

    @Test
    void programmesAndBoundsTogetherAreRefused() {
        var scope = new AgreementScope(List.of("p-leiden"), null, "6", null, null, null);
        assertThat(fields(validate(terms(AgreementKind.BILATERAL, List.of("leiden", "delft"), scope, FROM, null)))).containsExactly("scope");
    }

    @Test
    void overlongTextsAreRefused() {
        var t = new AgreementTerms(AgreementKind.BILATERAL, List.of("leiden", "delft"), null, RecognitionEffect.ADMISSION,
                "x".repeat(AgreementRules.MAX_TERMS + 1), FROM, null).normalised();
        assertThat(fields(AgreementRules.validate("t".repeat(301), t, LOOKUP))).containsExactly("title", "terms");
    }

    @org.junit.jupiter.api.Test
    void thePartiesAreTheSameWhateverTheirOrderOrRepetition() {
        org.assertj.core.api.Assertions.assertThat(AgreementRules.sameParties(java.util.List.of("leiden", "delft"), java.util.List.of("delft", "leiden", "leiden"))).isTrue();
        org.assertj.core.api.Assertions.assertThat(AgreementRules.sameParties(java.util.List.of("leiden", "delft"), java.util.List.of("leiden", "hu"))).isFalse();
        org.assertj.core.api.Assertions.assertThat(AgreementRules.sameParties(java.util.List.of("leiden", "delft"), java.util.List.of("leiden", "delft", "hu"))).isFalse();
    }
}
