package nl.microcredentials.registry.programmes.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** edubadges-shaped badge classes (edubadges-server's BadgeClass.get_json and its public expand=micro) against a version. */
class BadgeClassComparisonTest {

    static final String BADGE_CLASS = """
            {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "https://api.edubadges.nl/public/badges/abc",
             "name": "Robotics in care", "description": "...", "issuer": "https://api.edubadges.nl/public/issuers/x",
             "criteria": {"narrative": "Pass the exam"}, "alignment": [], "tags": [],
             "extensions:ECTSExtension": {"@context": "https://api.edubadges.nl/static/extensions/ECTSExtension/context.json",
                 "type": ["Extension", "extensions:ECTSExtension"], "ECTS": 7.5},
             "extensions:EQFExtension": {"@context": "https://api.edubadges.nl/static/extensions/EQFExtension/context.json",
                 "type": ["Extension", "extensions:EQFExtension"], "EQF": 6},
             "extensions:StudyLoadExtension": {"type": ["Extension", "extensions:StudyLoadExtension"], "StudyLoad": 210},
             "extensions:LanguageExtension": {"type": ["Extension", "extensions:LanguageExtension"], "Language": "en_EN"},
             "participation": "blended", "assessmentType": "testing", "assessmentSupervised": true, "assessmentIdVerified": true,
             "qualityAssuranceName": "NVAO", "qualityAssuranceUrl": "https://nvao.invalid", "stackable": false,
             "eqfNlqfLevelVerified": true, "typeBadgeClass": "micro_credential"}
            """;

    static ProgrammeDraft registered(String ects, Integer eqf, Integer hours, List<String> languages, String qa, List<String> participation) {
        return new ProgrammeDraft("TUD-1", new LocalizedText(null, "Robotics in care"), null, List.of("x"), new BigDecimal(ects), hours,
                "6", eqf, true, participation, true, true, "WRITTEN_EXAM", new QualityAssurance(qa, null, null), null, true, null,
                languages, null, "https://api.edubadges.nl/public/badges/abc", LocalDate.of(2024, 1, 1), false);
    }

    static BadgeClassComparison.Facts facts(String json) throws Exception {
        return BadgeClassComparison.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBadgeClassThatSaysWhatTheVersionSaysAgrees() throws Exception {
        var facts = facts(BADGE_CLASS);
        assertThat(facts.ects()).isEqualByComparingTo("7.5");
        assertThat(facts.eqf()).isEqualTo(6);
        assertThat(facts.studyHours()).isEqualTo(210);
        assertThat(facts.language()).isEqualTo("en_EN");
        assertThat(BadgeClassComparison.compare(registered("7.5", 6, 210, List.of("en"), "NVAO", List.of("BLENDED")), facts)).isEmpty();
    }

    @Test
    void everyDisagreementIsNamedWithBothValues() throws Exception {
        var findings = BadgeClassComparison.compare(registered("5", 7, 140, List.of("nl"), "Kwaliteitskader", List.of("ONLINE")), facts(BADGE_CLASS));
        assertThat(findings).extracting(BadgeClassComparison.Finding::field)
                .containsExactly("ects", "eqfLevel", "studyHours", "languages", "qualityAssurance.name", "participation");
        assertThat(findings.get(0).registered()).isEqualTo("5");
        assertThat(findings.get(0).badgeClass()).isEqualTo("7.5");
        assertThat(findings.get(0).message()).isEqualTo("ects: registered 5, the badge class says 7.5");
    }

    @Test
    void whatABadgeClassLeavesOutIsNoDisagreementAndOlderShapesAreRead() throws Exception {
        String bare = "{\"type\":\"BadgeClass\",\"name\":\"x\",\"extensions:TimeInvestmentExtension\":{\"TimeInvestment\":\"84\"}}";
        var facts = facts(bare);
        assertThat(facts.studyHours()).isEqualTo(84);
        assertThat(BadgeClassComparison.compare(registered("3", 6, 84, List.of("en"), "NVAO", List.of("ONLINE")), facts)).isEmpty();
        // nested under "extensions", as some exports have it
        var nested = facts("{\"name\":\"x\",\"extensions\":{\"extensions:ECTSExtension\":{\"ECTS\":3}}}");
        assertThat(nested.ects()).isEqualByComparingTo("3");
    }

    @Test
    void whatIsNoBadgeClassIsInvalidNeverAnotherException() {
        for (String body : List.of("", "[]", "null", "\"x\"", "{\"type\":\"Assertion\",\"name\":\"x\"}", "{\"name\":5}", "{", "<html>",
                "{\"name\":\"x\"".repeat(3))) {
            assertThatThrownBy(() -> facts(body)).as(body).isInstanceOf(BadgeClassComparison.Invalid.class);
        }
    }

    /** Generated hostile badge classes (seeded; -Dpbt.seed to explore): a reading is Facts or Invalid, a comparison never fails. */
    @Test
    void generatedBadgeClassesAreReadOrRefusedButNeverBreakTheCheck() {
        long seed = Long.getLong("pbt.seed", 20261204L);
        Random random = new Random(seed);
        String[] keys = {"name", "type", "extensions:ECTSExtension", "extensions:EQFExtension", "extensions:StudyLoadExtension",
                "extensions:LanguageExtension", "participation", "qualityAssuranceName", "ECTS", "EQF", "StudyLoad", "Language", "extensions"};
        int read = 0;
        int refused = 0;
        for (int i = 0; i < 2_000; i++) {
            String json = value(random, keys, 0);
            byte[] body = random.nextInt(20) == 0 ? json.substring(0, random.nextInt(json.length() + 1)).getBytes(StandardCharsets.UTF_8)
                    : json.getBytes(StandardCharsets.UTF_8);
            try {
                var facts = BadgeClassComparison.read(body);
                BadgeClassComparison.compare(registered("5", 6, 140, List.of("en"), "NVAO", List.of("ONLINE")), facts);
                BadgeClassComparison.compare(new ProgrammeDraft(null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null, null), facts);
                read++;
            } catch (BadgeClassComparison.Invalid e) {
                refused++;
            }
        }
        assertThat(read).as("seed " + seed).isPositive();
        assertThat(refused).as("seed " + seed).isPositive();
    }

    private static String value(Random random, String[] keys, int depth) {
        int kind = depth > 4 ? random.nextInt(5) : random.nextInt(8);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> random.nextBoolean() ? String.valueOf(random.nextInt(1000) - 500)
                    : random.nextBoolean() ? "1e" + random.nextInt(400) : String.valueOf(random.nextDouble() * 100);
            case 3 -> "\"" + "\\u00e9a\\\"".repeat(random.nextInt(3)) + "x" + random.nextInt(50) + "\"";
            case 4 -> "\"" + (random.nextBoolean() ? "nl_NL" : "blended") + "\"";
            case 5 -> {
                StringBuilder array = new StringBuilder("[");
                for (int k = random.nextInt(4); k > 0; k--) array.append(value(random, keys, depth + 1)).append(k > 1 ? "," : "");
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                int n = random.nextInt(6);
                for (int k = 0; k < n; k++) {
                    object.append('"').append(keys[random.nextInt(keys.length)]).append("\":").append(value(random, keys, depth + 1));
                    if (k < n - 1) object.append(',');
                }
                yield object.append('}').toString();
            }
        };
    }
}
