package nl.microcredentials.registry.exemptions.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.microcredentials.registry.exemptions.entity.DecisionOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ELMO writer: every outcome, seen by the receiving institution and pseudonymous, is valid against
 * elmo-schema-v2.0.0.xsd (JDK validation, vendored imports, no network); generated decisions with hostile texts stay
 * valid; the example in docs/ is what the writer writes and valid too.
 */
class ElmoWriterTest {

    static final String PUBLIC_URL = "https://registry.microcredentials.example";
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 3, 12, 10, 15, 30, 0, ZoneOffset.ofHours(1));
    static final String PROGRAMME = "0b6c1f2e-4a8d-4c3b-9e71-5d2a8f6b1c90";

    static ElmoWriter.Recognition recognition(DecisionOutcome outcome, boolean withLearner) {
        BigDecimal granted = switch (outcome) {
            case GRANTED -> new BigDecimal("5.0");
            case PARTIALLY_GRANTED -> new BigDecimal("3.0");
            case REJECTED -> null;
        };
        return new ElmoWriter.Recognition(PUBLIC_URL, NOW,
                withLearner ? new ElmoWriter.Learner("Sanne van der Berg", "s1234567", "https://edubadges.nl/public/assertions/Ab3dE") : null,
                new ElmoWriter.Institution("tu-delft", "Technische Universiteit Delft", "https://www.tudelft.nl", "tudelft.nl", "21PF"),
                new ElmoWriter.Institution("universiteit-leiden", "Universiteit Leiden", "https://www.universiteitleiden.nl", "leidenuniv.nl", "21PB"),
                new ElmoWriter.MicroCredential(PROGRAMME, 2, "MC-DATA-01", "Data Science for Professionals", "Data science voor professionals",
                        new BigDecimal("5.0"), 6, "6", "0613", "https://edubadges.nl/public/badges/AbCdEf123", LocalDate.of(2026, 1, 30)),
                new ElmoWriter.Decision("TD-2026-000123", outcome, LocalDate.of(2026, 3, 11), granted,
                        "The theory is covered; the lab assignment is not.", "CSE2110", "Algorithms and Data Structures", new BigDecimal("5.0")));
    }

    @ParameterizedTest
    @EnumSource(DecisionOutcome.class)
    void everyOutcomeIsValidElmoForTheInstitutionAndPseudonymous(DecisionOutcome outcome) {
        for (boolean withLearner : List.of(true, false)) {
            String xml = ElmoWriter.write(recognition(outcome, withLearner));
            assertThat(ElmoSchema.errors(xml)).as(outcome + (withLearner ? "" : " (pseudonymous)") + "\n" + xml).isEmpty();
            assertThat(xml).contains("<status>" + outcome.elmoStatus() + "</status>", "<decisionDate>2026-03-11</decisionDate>",
                    "<identifier type=\"schac\">leidenuniv.nl</identifier>", "<identifier type=\"schac\">tudelft.nl</identifier>",
                    "<identifier type=\"achievement\">" + PUBLIC_URL + "/api/programmes/" + PROGRAMME + "/versions/2/achievement</identifier>",
                    "<scheme>ects</scheme>", "<type>EQF</type>", "<identifier type=\"local\">CSE2110</identifier>");
            assertThat(xml).contains(outcome == DecisionOutcome.REJECTED ? "<value>0</value>" : outcome == DecisionOutcome.GRANTED ? "<value>5</value>" : "<value>3</value>");
            if (withLearner) {
                assertThat(xml).contains("<givenNames>Sanne</givenNames>", "<familyName>van der Berg</familyName>", "s1234567", "lab assignment",
                        "edubadges.nl/public/assertions/Ab3dE");
            } else {
                assertThat(xml).doesNotContain("Sanne", "Berg", "s1234567", "lab assignment", "assertions/Ab3dE")
                        .contains("<givenNames></givenNames>", "<familyName></familyName>");
            }
        }
    }

    @Test
    void aSchoolWithoutSchacOrWebsiteAndAProgrammeWithoutCodeOrTitlesStillValidates() {
        var r = recognition(DecisionOutcome.GRANTED, true);
        var bare = new ElmoWriter.Recognition(r.publicUrl(), r.generatedAt(), new ElmoWriter.Learner("Cher", null, null),
                new ElmoWriter.Institution("hogeschool-x", null, null, null, null), new ElmoWriter.Institution("hogeschool-y", "Hogeschool Y", null, null, null),
                new ElmoWriter.MicroCredential(PROGRAMME, 1, null, null, null, null, null, null, null, null, LocalDate.of(2025, 12, 1)), r.decision());
        String xml = ElmoWriter.write(bare);
        assertThat(ElmoSchema.errors(xml)).as(xml).isEmpty();
        assertThat(xml).doesNotContain("type=\"schac\"").contains("<url>" + PUBLIC_URL + "/api/institutions/hogeschool-x</url>",
                "<givenNames></givenNames>", "<familyName>Cher</familyName>");
    }

    /** The validation is real: what the schema forbids is reported (a wrong status, a missing alternativeName, elements out of order). */
    @Test
    void theSchemaRefusesWhatElmoForbids() {
        String xml = ElmoWriter.write(recognition(DecisionOutcome.GRANTED, true));
        assertThat(ElmoSchema.errors(xml.replace("<status>Positive</status>", "<status>Granted</status>"))).isNotEmpty();
        assertThat(ElmoSchema.errors(xml.replaceAll("<alternativeName>.*</alternativeName>", ""))).isNotEmpty();
        assertThat(ElmoSchema.errors(xml.replace("<decisionDate>2026-03-11</decisionDate>", "<decisionDate>11-03-2026</decisionDate>"))).isNotEmpty();
        assertThat(ElmoSchema.errors(xml.replace("<country>NL</country>", "<country>XX</country>"))).isNotEmpty();
        assertThat(ElmoSchema.errors(xml.replace("xmlns=\"" + ElmoXml.NS + "\"", "xmlns=\"urn:other\""))).isNotEmpty();
    }

    @Test
    void namesAreSplitIntoGivenNamesAndFamilyName() {
        assertThat(ElmoWriter.names("  Jan   de  Vries ")).containsExactly("Jan", "de Vries");
        assertThat(ElmoWriter.names("Madonna")).containsExactly("", "Madonna");
        assertThat(ElmoWriter.names(null)).containsExactly("", "");
    }

    /**
     * Generated decisions (seeded; {@code -Dpbt.seed=...} replays or explores): random outcomes, EC, dates and texts drawn
     * from Unicode at large, C0/C1 controls, lone surrogates, U+FFFE/U+FFFF, XML syntax ({@code <}, {@code &}, {@code ]]>},
     * quotes) and supplementary characters, in every text the writer takes. Every document is valid against the XSD and
     * reads back to the same micro-credential.
     */
    @Test
    void generatedDecisionsWithHostileTextsAreAlwaysValid() {
        long seed = Long.getLong("pbt.seed", 20_260_312L);
        System.out.println("ElmoWriterTest: seed " + seed + " (rerun with -Dpbt.seed=" + seed + ")");
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int runs = 250;
        for (int i = 0; i < runs; i++) {
            DecisionOutcome outcome = DecisionOutcome.values()[random.nextInt(3)];
            BigDecimal courseEcts = BigDecimal.valueOf(1 + random.nextInt(300), 1);
            BigDecimal granted = outcome == DecisionOutcome.REJECTED ? null
                    : outcome == DecisionOutcome.GRANTED ? courseEcts : courseEcts.divide(BigDecimal.valueOf(2), 1, java.math.RoundingMode.DOWN);
            boolean withLearner = random.nextBoolean();
            String programme = java.util.UUID.nameUUIDFromBytes(("p" + random.nextLong()).getBytes(StandardCharsets.UTF_8)).toString();
            int version = 1 + random.nextInt(20);
            LocalDate awarded = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(1500));
            var r = new ElmoWriter.Recognition(PUBLIC_URL, NOW.plusSeconds(random.nextInt(100_000_000)),
                    withLearner ? new ElmoWriter.Learner(text(random), maybe(random), maybe(random)) : null,
                    new ElmoWriter.Institution(text(random), maybe(random), maybe(random), maybe(random), maybe(random)),
                    new ElmoWriter.Institution(text(random), maybe(random), maybe(random), maybe(random), maybe(random)),
                    new ElmoWriter.MicroCredential(programme, version, maybe(random), maybe(random), maybe(random),
                            random.nextBoolean() ? null : BigDecimal.valueOf(random.nextInt(600), 1), random.nextBoolean() ? null : 1 + random.nextInt(8),
                            maybe(random), maybe(random), maybe(random), awarded),
                    new ElmoWriter.Decision(text(random), outcome, awarded.plusDays(random.nextInt(400)), granted, maybe(random), text(random), text(random),
                            courseEcts));
            String xml;
            try {
                xml = ElmoWriter.write(r);
            } catch (RuntimeException e) {
                failures.add("run " + i + ": " + e);
                continue;
            }
            List<String> errors = ElmoSchema.errors(xml);
            if (!errors.isEmpty()) {
                failures.add("run " + i + ": " + errors.subList(0, Math.min(3, errors.size())));
                continue;
            }
            ElmoReader.Document read = ElmoReader.read(xml.getBytes(StandardCharsets.UTF_8));
            var basis = read.opportunities().get(0);
            var ref = ElmoReader.programmeRef(basis).orElse(null);
            if (ref == null || !ref.programmeId().equals(programme) || ref.version() != version || !basis.date().equals(awarded)) {
                failures.add("run " + i + ": read back " + ref + " " + basis.date());
            }
        }
        assertThat(failures).as("seed " + seed + ", " + runs + " generated decisions").isEmpty();
    }

    private static final String[] HOSTILE = {"<", ">", "&", "&amp;", "]]>", "\"", "'", "\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001F",
            "\u007F", "\u0085", "\u009F", "\uD800", "\uDBFF", "\uDC00", "\uFFFE", "\uFFFF", "\uFEFF", "\r\n", "\r", "\t", "\u2028", "\u202E",
            "\uD83C\uDF93", "\uD834\uDD1E", "<!--", "-->", "<?xml?>", "<![CDATA[", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&a;", "&#0;", "&#x1;",
            "é", "ñ", "ß", "中文", "العربية", "עברית", " ", "  ", "\n"};

    /** A random text: empty, plain, or a mix of hostile pieces and random code points (any plane, any category). */
    private static String text(Random random) {
        int kind = random.nextInt(4);
        if (kind == 0) return "";
        if (kind == 1) return "Plain text " + random.nextInt(1000);
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(24);
        for (int i = 0; i < n; i++) {
            if (random.nextBoolean()) b.append(HOSTILE[random.nextInt(HOSTILE.length)]);
            else if (random.nextInt(4) == 0) b.append((char) random.nextInt(0x10000)); // any UTF-16 unit, lone surrogates included
            else b.appendCodePoint(random.nextInt(0x110000));
        }
        return b.toString();
    }

    private static String maybe(Random random) {
        return random.nextInt(3) == 0 ? null : text(random);
    }

    /** docs/elmo-example.xml is the writer's output for a partial exemption and valid; -Delmo.example.write=true rewrites it. */
    @Test
    void theExampleInDocsIsValidAndCurrent() throws Exception {
        Path example = Path.of("docs", "elmo-example.xml");
        String xml = ElmoWriter.write(recognition(DecisionOutcome.PARTIALLY_GRANTED, true));
        if (Boolean.getBoolean("elmo.example.write") || !Files.exists(example)) Files.writeString(example, xml, StandardCharsets.UTF_8);
        String stored = Files.readString(example, StandardCharsets.UTF_8);
        assertThat(ElmoSchema.errors(stored)).isEmpty();
        assertThat(stored).isEqualTo(xml);
    }

    @AfterAll
    static void report() {
        System.out.println("ElmoWriterTest: " + ElmoSchema.VALIDATED.get() + " ELMO documents validated against elmo-schema-v2.0.0.xsd (so far in this JVM)");
    }
}
