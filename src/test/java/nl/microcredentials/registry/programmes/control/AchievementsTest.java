package nl.microcredentials.registry.programmes.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import nl.microcredentials.registry.institutions.control.IssuerProfile;
import org.junit.jupiter.api.Test;

/**
 * Every achievement the registry serves is valid against the {@code Achievement} definition of Open Badges 3.0's
 * {@code achievementcredential.json} (JSON Schema draft 2019-09, formats asserted), the profile against {@code Profile}.
 */
class AchievementsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNode SCHEMA_DOCUMENT = read();
    static final JsonSchema ACHIEVEMENT = definition("Achievement");
    static final JsonSchema PROFILE = definition("Profile");
    static final IssuerProfile.Issuer DELFT = new IssuerProfile.Issuer("tu-delft", "Technische Universiteit Delft", "https://www.tudelft.nl",
            "21PF", "tudelft.nl");

    static JsonNode read() {
        try (InputStream in = AchievementsTest.class.getResourceAsStream("/openbadges/achievementcredential.json")) {
            return JSON.readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A schema that is one definition of the OB3 document, its $refs resolved inside that document (no network). */
    static JsonSchema definition(String name) {
        String id = SCHEMA_DOCUMENT.get("$id").asText();
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(id, "classpath:openbadges/achievementcredential.json")));
        return factory.getSchema(com.networknt.schema.SchemaLocation.of(id + "#/$defs/" + name), config);
    }

    static Set<ValidationMessage> errors(JsonSchema schema, JsonObject document) throws Exception {
        return schema.validate(JSON.readTree(document.toString()));
    }

    static ProgrammeDraft draft(String nlqf, Integer eqf, LocalizedText title, String badge) {
        return new ProgrammeDraft("TUD-ROB1", title, new LocalizedText("Robots in de zorg.", "Robots in care."),
                List.of("Design a care robot", "Evaluate its safety"), new BigDecimal("7.5"), 210, nlqf, eqf, true,
                List.of("BLENDED"), true, true, "PORTFOLIO", new QualityAssurance("NVAO", null, null), null, true, null,
                List.of("en", "nl"), "0714", badge, LocalDate.of(2024, 2, 1), false);
    }

    @Test
    void anAchievementIsValidOb3InBothLanguagesAndNamesItsTranslation() throws Exception {
        var version = new Achievements.PublishedVersion(UUID.randomUUID().toString(), 3,
                draft("6", 6, new LocalizedText("Robotica in de zorg", "Robotics in care"), "https://edubadges.invalid/public/badgeclass/x1"), DELFT);
        JsonObject en = Achievements.achievement(version, "en", "https://registry.example", true);
        JsonObject nl = Achievements.achievement(version, "nl", "https://registry.example", true);
        assertThat(errors(ACHIEVEMENT, en)).isEmpty();
        assertThat(errors(ACHIEVEMENT, nl)).isEmpty();
        assertThat(en.getString("achievementType")).isEqualTo("MicroCredential");
        assertThat(en.getJsonNumber("creditsAvailable").bigDecimalValue()).isEqualByComparingTo("7.5");
        assertThat(en.getString("name")).isEqualTo("Robotics in care");
        assertThat(nl.getString("name")).isEqualTo("Robotica in de zorg");
        assertThat(en.getString("id")).isEqualTo("https://registry.example/api/programmes/" + version.programmeId() + "/versions/3/achievement");
        assertThat(en.getJsonArray("related").getJsonObject(0).getString("id")).isEqualTo(nl.getString("id")).endsWith("?lang=nl");
        assertThat(nl.getJsonArray("related").getJsonObject(0).getString("id")).isEqualTo(en.getString("id"));
        assertThat(en.getJsonObject("criteria").getString("narrative")).contains("- Design a care robot", "Assessment: ");
        assertThat(en.getJsonArray("alignment").toString()).contains("\"targetFramework\":\"NLQF\"", "\"targetFramework\":\"EQF\"");
        assertThat(en.getJsonArray("otherIdentifier").toString()).contains("ext:edubadgesBadgeClass", "edubadges.invalid");
        assertThat(en.getJsonObject("creator").getString("id")).isEqualTo("https://registry.example/api/institutions/tu-delft/profile");
    }

    @Test
    void theExampleInDocsIsValidOb3() throws Exception {
        JsonNode example = JSON.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("docs/achievement-example.jsonld")));
        assertThat(ACHIEVEMENT.validate(example)).isEmpty();
        assertThat(example.path("achievementType").asText()).isEqualTo("MicroCredential");
    }

    @Test
    void theProfileIsValidOb3() throws Exception {
        JsonObject profile = IssuerProfile.profile(DELFT, "https://registry.example", true);
        assertThat(errors(PROFILE, profile)).isEmpty();
        assertThat(profile.getJsonArray("otherIdentifier").toString()).contains("ext:schacHome", "tudelft.nl", "ext:brin");
    }

    @Test
    void theValidatorCatchesABrokenAchievement() throws Exception {
        var version = new Achievements.PublishedVersion(UUID.randomUUID().toString(), 1,
                draft("6", 6, new LocalizedText(null, "Robotics"), null), DELFT);
        JsonObject good = Achievements.achievement(version, null, "https://registry.example", true);
        JsonObject noCriteria = jakarta.json.Json.createObjectBuilder(good).remove("criteria").build();
        JsonObject wrongType = jakarta.json.Json.createObjectBuilder(good).add("achievementType", "Micro credential").build();
        JsonObject badLanguage = jakarta.json.Json.createObjectBuilder(good).add("inLanguage", "english").build();
        assertThat(errors(ACHIEVEMENT, good)).isEmpty();
        assertThat(errors(ACHIEVEMENT, noCriteria)).isNotEmpty();
        assertThat(errors(ACHIEVEMENT, wrongType)).isNotEmpty();
        assertThat(errors(ACHIEVEMENT, badLanguage)).isNotEmpty();
        assertThat(good.containsKey("related")).isFalse(); // one language only
    }

    /** Generated programmes (seeded; -Dpbt.seed to explore): every one gives valid achievements in every language it has. */
    @Test
    void generatedProgrammesAlwaysGiveValidAchievements() throws Exception {
        long seed = Long.getLong("pbt.seed", 20261204L);
        Random random = new Random(seed);
        String[] levels = {"ENTRY", "1", "2", "3", "4", "4+", "5", "6", "7", "8"};
        int checked = 0;
        for (int i = 0; i < 300; i++) {
            String nlqf = random.nextInt(8) == 0 ? null : levels[random.nextInt(levels.length)];
            Integer eqf = nlqf == null || nlqf.equals("ENTRY") || random.nextInt(6) == 0 ? null : 1 + random.nextInt(8);
            LocalizedText title = switch (random.nextInt(4)) {
                case 0 -> new LocalizedText(text(random), null);
                case 1 -> new LocalizedText(null, text(random));
                case 2 -> null;
                default -> new LocalizedText(text(random), text(random));
            };
            List<String> outcomes = random.nextBoolean() ? List.of(text(random), text(random)) : List.of();
            ProgrammeDraft d = new ProgrammeDraft(random.nextBoolean() ? null : "C" + random.nextInt(9999), title,
                    random.nextBoolean() ? null : new LocalizedText(text(random), random.nextBoolean() ? null : text(random)),
                    outcomes, random.nextBoolean() ? null : BigDecimal.valueOf(random.nextInt(300), 1), null, nlqf, eqf, random.nextBoolean(),
                    List.of(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean() ? null : "ORAL_EXAM", null, null, null, null,
                    List.of(), random.nextBoolean() ? null : "0" + (100 + random.nextInt(899)), random.nextBoolean() ? null : "https://e.invalid/" + i,
                    null, false);
            var version = new Achievements.PublishedVersion(UUID.randomUUID().toString(), 1 + random.nextInt(9), d, DELFT);
            for (String language : Achievements.languages(d)) {
                JsonObject achievement = Achievements.achievement(version, language, "https://registry.example", true);
                assertThat(errors(ACHIEVEMENT, achievement)).as("seed %d, case %d, %s: %s", seed, i, language, achievement).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(300);
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        int length = 1 + random.nextInt(40);
        for (int k = 0; k < length; k++) {
            int kind = random.nextInt(10);
            s.append(kind < 6 ? (char) ('a' + random.nextInt(26)) : kind < 8 ? ' ' : kind == 8 ? '\n' : (char) (0x00C0 + random.nextInt(0x2000)));
        }
        return s.toString();
    }
}
