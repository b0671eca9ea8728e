package nl.microcredentials.registry.agreements.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import nl.microcredentials.registry.agreements.entity.AgreementKind;
import nl.microcredentials.registry.agreements.entity.RecognitionEffect;
import org.junit.jupiter.api.Test;

class AgreementTermsTest {

    private static AgreementTerms terms(List<String> parties, AgreementScope scope, String text) {
        return new AgreementTerms(AgreementKind.BILATERAL, parties, scope, RecognitionEffect.ELECTIVE_CREDITS, text,
                LocalDate.of(2026, 9, 1), LocalDate.of(2028, 8, 31));
    }

    private static final AgreementScope BOUNDED = new AgreementScope(null, List.of("tu-delft"), "6", "7", new BigDecimal("5"), new BigDecimal("15"));

    @Test
    void theCanonicalFormSortsKeysAndPartiesAndLeavesOutWhatIsAbsent() {
        String json = terms(List.of("universiteit-leiden", "tu-delft"), BOUNDED, "Counts as electives.").canonicalJson();
        assertThat(json).isEqualTo("{\"effect\":\"ELECTIVE_CREDITS\",\"kind\":\"BILATERAL\",\"parties\":[\"tu-delft\",\"universiteit-leiden\"],"
                + "\"scope\":{\"issuers\":[\"tu-delft\"],\"maxEcts\":15,\"maxNlqfLevel\":\"7\",\"minEcts\":5,\"minNlqfLevel\":\"6\"},"
                + "\"terms\":\"Counts as electives.\",\"validFrom\":\"2026-09-01\",\"validUntil\":\"2028-08-31\"}");
    }

    @Test
    void theHashIsTheSha256OfTheCanonicalUtf8Bytes() throws Exception {
        AgreementTerms t = terms(List.of("a", "b"), AgreementScope.ALL_PROGRAMMES, "Één tekst – met “tekens”");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(t.canonicalJson().getBytes(StandardCharsets.UTF_8));
        assertThat(t.hash()).isEqualTo(HexFormat.of().formatHex(digest)).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void theOrderOfPartiesAndIssuersDoesNotChangeTheHash() {
        var one = terms(List.of("a", "b"), new AgreementScope(null, List.of("a", "b"), null, null, null, null), "x");
        var two = terms(List.of("b", "a", "b"), new AgreementScope(List.of(), List.of("b", "a"), null, null, null, null), "x");
        assertThat(one.hash()).isEqualTo(two.hash());
    }

    @Test
    void surroundingWhitespaceDoesNotChangeTheHashButInnerWhitespaceDoes() {
        assertThat(terms(List.of("a", "b"), null, "  text\n").hash()).isEqualTo(terms(List.of("a", "b"), null, "text").hash());
        assertThat(terms(List.of("a", "b"), null, "te xt").hash()).isNotEqualTo(terms(List.of("a", "b"), null, "text").hash());
    }

    @Test
    void composedAndDecomposedUnicodeHashTheSame() {
        String composed = "Erkenning \u00e9\u00e9n";      // é as one code point
        String decomposed = "Erkenning e\u0301e\u0301n";   // e + combining acute
        assertThat(terms(List.of("a", "b"), null, composed).hash()).isEqualTo(terms(List.of("a", "b"), null, decomposed).hash());
    }

    @Test
    void numbersHashByValueNotByNotation() {
        var five = new AgreementScope(null, null, null, null, new BigDecimal("5"), new BigDecimal("7.5"));
        var fivePointZero = new AgreementScope(null, null, null, null, new BigDecimal("5.0"), new BigDecimal("7.50"));
        assertThat(terms(List.of("a", "b"), five, "t").hash()).isEqualTo(terms(List.of("a", "b"), fivePointZero, "t").hash());
        var six = new AgreementScope(null, null, null, null, new BigDecimal("6"), new BigDecimal("7.5"));
        assertThat(terms(List.of("a", "b"), six, "t").hash()).isNotEqualTo(terms(List.of("a", "b"), five, "t").hash());
    }

    @Test
    void everyContractualFieldChangesTheHash() {
        AgreementTerms base = terms(List.of("a", "b"), BOUNDED, "t");
        String h = base.hash();
        assertThat(new AgreementTerms(AgreementKind.MULTILATERAL, base.parties(), base.scope(), base.effect(), "t", base.validFrom(), base.validUntil()).hash()).isNotEqualTo(h);
        assertThat(new AgreementTerms(base.kind(), List.of("a", "c"), base.scope(), base.effect(), "t", base.validFrom(), base.validUntil()).hash()).isNotEqualTo(h);
        assertThat(new AgreementTerms(base.kind(), base.parties(), AgreementScope.ALL_PROGRAMMES, base.effect(), "t", base.validFrom(), base.validUntil()).hash()).isNotEqualTo(h);
        assertThat(new AgreementTerms(base.kind(), base.parties(), base.scope(), RecognitionEffect.ADMISSION, "t", base.validFrom(), base.validUntil()).hash()).isNotEqualTo(h);
        assertThat(new AgreementTerms(base.kind(), base.parties(), base.scope(), base.effect(), "u", base.validFrom(), base.validUntil()).hash()).isNotEqualTo(h);
        assertThat(new AgreementTerms(base.kind(), base.parties(), base.scope(), base.effect(), "t", base.validFrom().plusDays(1), base.validUntil()).hash()).isNotEqualTo(h);
        assertThat(new AgreementTerms(base.kind(), base.parties(), base.scope(), base.effect(), "t", base.validFrom(), null).hash()).isNotEqualTo(h);
    }

    @Test
    void namedProgrammesAreTheWholeScope() {
        var scope = new AgreementScope(List.of("p2", "p1"), null, null, null, null, null);
        assertThat(terms(List.of("a", "b"), scope, "t").canonicalJson()).contains("\"scope\":{\"programmes\":[\"p1\",\"p2\"]}");
    }

    @Test
    void escapingFollowsRfc8785() {
        String json = terms(List.of("a", "b"), null, "quote \" backslash \\ tab \t euro \u20ac").canonicalJson();
        assertThat(json).contains("\"terms\":\"quote \\\" backslash \\\\ tab \\t euro \u20ac\"");
    }
}
