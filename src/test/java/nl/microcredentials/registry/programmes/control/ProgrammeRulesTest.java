package nl.microcredentials.registry.programmes.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.programmes.entity.AssessmentType;
import nl.microcredentials.registry.programmes.entity.Participation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProgrammeRulesTest {

    private static final String RANGE = "must be between 3 and 30 EC (from 1 EC only in the WO experiment)";
    private static final String EXPERIMENT_ONLY = "below 3 EC only for WO institutions in the experiment "
            + "(2025-05-01 - 2027-04-30) with experimental: true and a microcredentialSince inside it";
    private static final String WO_ONLY = "the experiment is open to universities (WO) only";
    private static final String OUTSIDE_WINDOW = "the experiment runs from 2025-05-01 to 2027-04-30: microcredentialSince must lie inside it";

    private final ProgrammeRules rules = new ProgrammeRules(PilotRules.defaults());

    // ---- helpers -------------------------------------------------------------------------------

    /** A mutable copy of a draft's components; starts as a complete, valid programme. */
    static final class Draft {
        String courseCode = "CSE-MC-101";
        LocalizedText title = new LocalizedText("Duurzame energiesystemen", "Sustainable energy systems");
        LocalizedText description = new LocalizedText("Over energiesystemen.", "About energy systems.");
        List<String> learningOutcomes = List.of("Explains the energy transition", "Designs a heat network");
        BigDecimal ects = new BigDecimal("5");
        Integer studyHours = 140;
        String nlqfLevel = "6";
        Integer eqfLevel = 6;
        Boolean levelVerified = true;
        List<String> participation = List.of("ONLINE", "BLENDED");
        Boolean assessmentSupervised = true;
        Boolean identityVerified = true;
        String assessmentType = "WRITTEN_EXAM";
        QualityAssurance qualityAssurance = QualityAssurance.DUTCH_FRAMEWORK;
        String prerequisites = "A bachelor's degree in engineering";
        Boolean gradeRecorded = true;
        String stackableTowards = "MSc Sustainable Energy Technology";
        List<String> languages = List.of("en", "nl");
        String iscedField = "0713";
        String edubadgeBadgeClassUrl = "https://edubadges.nl/public/badgeclass/abc123";
        LocalDate microcredentialSince = LocalDate.of(2025, 9, 1);
        Boolean experimental = false;

        ProgrammeDraft build() {
            return new ProgrammeDraft(courseCode, title, description, learningOutcomes, ects, studyHours, nlqfLevel, eqfLevel,
                    levelVerified, participation, assessmentSupervised, identityVerified, assessmentType, qualityAssurance,
                    prerequisites, gradeRecorded, stackableTowards, languages, iscedField, edubadgeBadgeClassUrl,
                    microcredentialSince, experimental);
        }
    }

    static ProgrammeDraft complete() {
        return new Draft().build();
    }

    static ProgrammeDraft complete(Consumer<Draft> change) {
        Draft d = new Draft();
        change.accept(d);
        return d.build();
    }

    static ProgrammeDraft empty() {
        return new ProgrammeDraft(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** A WO experimental programme of {@code ects} EC that starts on {@code since}. */
    static ProgrammeDraft experimental(String ects, LocalDate since) {
        return complete(d -> {
            d.ects = new BigDecimal(ects);
            d.experimental = true;
            d.microcredentialSince = since;
        });
    }

    private List<FieldError> wo(ProgrammeDraft d) {
        return rules.validate(d, Sector.WO, Locale.ENGLISH);
    }

    private List<FieldError> hbo(ProgrammeDraft d) {
        return rules.validate(d, Sector.HBO, Locale.ENGLISH);
    }

    private static String repeat(int n) {
        return "x".repeat(n);
    }

    // ---- the tests -----------------------------------------------------------------------------

    @Test
    void aCompleteDraftIsValidForBothSectors() {
        assertThat(wo(complete())).isEmpty();
        assertThat(hbo(complete())).isEmpty();
    }

    @Test
    void anEmptyDraftIsValidButCannotBePublished() {
        assertThat(wo(empty())).isEmpty();
        assertThat(rules.missingForPublication(empty(), Locale.ENGLISH)).extracting(FieldError::field).containsExactly(
                "title", "learningOutcomes", "ects", "studyHours", "nlqfLevel", "eqfLevel", "assessmentType", "participation",
                "qualityAssurance.name", "microcredentialSince");
    }

    @Nested
    class Ects {

        @ParameterizedTest
        @ValueSource(strings = {"3", "3.0", "5", "7.5", "29.9", "30", "30.0", "30.00"})
        void threeToThirtyWithOneDecimalAreValid(String ects) {
            ProgrammeDraft d = complete(x -> x.ects = new BigDecimal(ects));
            assertThat(hbo(d)).isEmpty();
            assertThat(wo(d)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"30.5", "31", "100", "0", "-1", "-5", "0.5"})
        void outsideTheRangeIsAnError(String ects) {
            ProgrammeDraft d = complete(x -> x.ects = new BigDecimal(ects));
            assertThat(hbo(d)).containsExactly(new FieldError("ects", RANGE));
            assertThat(wo(d)).containsExactly(new FieldError("ects", RANGE));
        }

        @ParameterizedTest
        @ValueSource(strings = {"7.25", "3.05", "29.99", "0.25"})
        void twoDecimalsAreAnError(String ects) {
            assertThat(hbo(complete(x -> x.ects = new BigDecimal(ects))))
                    .containsExactly(new FieldError("ects", "must have at most one decimal (e.g. 7.5)"));
        }

        @Test
        void belowThreeIsAnErrorOutsideTheExperiment() {
            ProgrammeDraft d = complete(x -> x.ects = new BigDecimal("2.5"));
            assertThat(hbo(d)).containsExactly(new FieldError("ects", EXPERIMENT_ONLY));
            assertThat(wo(d)).containsExactly(new FieldError("ects", EXPERIMENT_ONLY));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "1.5", "2.5", "2.9"})
        void oneToThreeIsValidForWoInTheExperiment(String ects) {
            assertThat(wo(experimental(ects, LocalDate.of(2025, 9, 1)))).isEmpty();
        }

        @Test
        void belowOneIsAnErrorEvenInTheExperiment() {
            assertThat(wo(experimental("0.5", LocalDate.of(2025, 9, 1)))).containsExactly(new FieldError("ects", RANGE));
        }

        @Test
        void oneIsAnErrorForHbo() {
            assertThat(hbo(experimental("1", LocalDate.of(2025, 9, 1))))
                    .containsExactly(new FieldError("ects", EXPERIMENT_ONLY), new FieldError("experimental", WO_ONLY));
        }

        @ParameterizedTest
        @CsvSource({"2025-05-01", "2026-02-01", "2027-04-30"})
        void theWindowIsInclusive(LocalDate since) {
            assertThat(wo(experimental("2.5", since))).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"2025-04-30", "2027-05-01", "2024-01-01"})
        void startingOutsideTheWindowIsAnError(LocalDate since) {
            assertThat(wo(experimental("2.5", since)))
                    .containsExactly(new FieldError("ects", EXPERIMENT_ONLY), new FieldError("experimental", OUTSIDE_WINDOW));
        }

        @Test
        void theExperimentNeedsTheFlag() {
            ProgrammeDraft d = complete(x -> {
                x.ects = new BigDecimal("2.5");
                x.experimental = false;
            });
            assertThat(wo(d)).containsExactly(new FieldError("ects", EXPERIMENT_ONLY));
            ProgrammeDraft unset = complete(x -> {
                x.ects = new BigDecimal("2.5");
                x.experimental = null;
            });
            assertThat(wo(unset)).containsExactly(new FieldError("ects", EXPERIMENT_ONLY));
        }

        @Test
        void theExperimentNeedsAStartDate() {
            assertThat(wo(experimental("2.5", null))).containsExactly(new FieldError("ects", EXPERIMENT_ONLY));
        }

        @ParameterizedTest
        @CsvSource({"2025-04-30", "2025-05-01", "2027-04-30", "2027-05-01"})
        void hboIsNeverInTheExperiment(LocalDate since) {
            assertThat(hbo(experimental("2.5", since))).extracting(FieldError::field, FieldError::message)
                    .containsExactly(tuple("ects", EXPERIMENT_ONLY), tuple("experimental", WO_ONLY));
        }
    }

    @Nested
    class Experimental {

        @ParameterizedTest
        @CsvSource({"2025-05-01", "2027-04-30"})
        void woInsideTheWindowMayFlagAnyProgramme(LocalDate since) {
            assertThat(wo(experimental("5", since))).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"2025-04-30", "2027-05-01"})
        void woOutsideTheWindowIsAnError(LocalDate since) {
            assertThat(wo(experimental("5", since))).containsExactly(new FieldError("experimental", OUTSIDE_WINDOW));
        }

        @Test
        void hboIsAnErrorWhateverTheDate() {
            assertThat(hbo(experimental("5", LocalDate.of(2025, 9, 1)))).containsExactly(new FieldError("experimental", WO_ONLY));
            assertThat(hbo(experimental("5", null))).containsExactly(new FieldError("experimental", WO_ONLY));
        }

        @Test
        void withoutAStartDateTheWindowIsNotChecked() {
            assertThat(wo(experimental("5", null))).isEmpty();
        }

        @Test
        void notExperimentalOutsideTheWindowIsFine() {
            ProgrammeDraft d = complete(x -> x.microcredentialSince = LocalDate.of(2024, 1, 1));
            assertThat(wo(d)).isEmpty();
            assertThat(hbo(d)).isEmpty();
        }

        @Test
        void experimentApplies() {
            assertThat(rules.experimentApplies(experimental("2", LocalDate.of(2025, 5, 1)), Sector.WO)).isTrue();
            assertThat(rules.experimentApplies(experimental("2", LocalDate.of(2025, 4, 30)), Sector.WO)).isFalse();
            assertThat(rules.experimentApplies(experimental("2", LocalDate.of(2025, 5, 1)), Sector.HBO)).isFalse();
            assertThat(rules.experimentApplies(experimental("2", null), Sector.WO)).isFalse();
            assertThat(rules.experimentApplies(complete(), Sector.WO)).isFalse();
        }
    }

    @Nested
    class StudyHours {

        @ParameterizedTest
        @ValueSource(ints = {84, 140, 840})
        void eightyFourToEightHundredFortyAreValid(int hours) {
            assertThat(hbo(complete(x -> x.studyHours = hours))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(ints = {83, 841, 28, 0, -1})
        void outsideTheRangeIsAnError(int hours) {
            assertThat(hbo(complete(x -> x.studyHours = hours)))
                    .containsExactly(new FieldError("studyHours", "must be between 84 and 840 hours"));
        }

        @Test
        void fromTwentyEightInTheExperiment() {
            ProgrammeDraft d28 = complete(x -> {
                x.ects = BigDecimal.ONE;
                x.studyHours = 28;
                x.experimental = true;
            });
            assertThat(wo(d28)).isEmpty();
            ProgrammeDraft d27 = complete(x -> {
                x.ects = BigDecimal.ONE;
                x.studyHours = 27;
                x.experimental = true;
            });
            assertThat(wo(d27)).containsExactly(new FieldError("studyHours", "must be between 28 and 840 hours"));
        }

        @Test
        void twentyEightHoursOutsideTheExperimentIsAnError() {
            ProgrammeDraft d = complete(x -> {
                x.ects = BigDecimal.ONE;
                x.studyHours = 28;
                x.experimental = true;
            });
            assertThat(hbo(d)).contains(new FieldError("studyHours", "must be between 84 and 840 hours"));
        }

        @Test
        void missingHoursAreFineUntilPublication() {
            ProgrammeDraft d = complete(x -> x.studyHours = null);
            assertThat(hbo(d)).isEmpty();
            assertThat(rules.missingForPublication(d, Locale.ENGLISH)).containsExactly(new FieldError("studyHours",
                    "is required to publish (EU Annex I: notional workload in study hours)"));
        }
    }

    @Nested
    class MicrocredentialSince {

        @Test
        void asOf2023() {
            assertThat(hbo(complete(x -> x.microcredentialSince = LocalDate.of(2023, 1, 1)))).isEmpty();
        }

        @Test
        void neverRetroactive() {
            assertThat(hbo(complete(x -> x.microcredentialSince = LocalDate.of(2022, 12, 31)))).containsExactly(
                    new FieldError("microcredentialSince",
                            "must be on or after 2023-01-01: micro-credentials are issued as of 2023, never retroactively"));
        }
    }

    @Nested
    class Levels {

        @ParameterizedTest
        @CsvSource(value = {"ENTRY, null", "entry, null", "1, 1", "4, 4", "4+, 4", "6, 6", "8, 8", "null, 3", "6, null"},
                nullValues = "null")
        void consistentPairsAreValid(String nlqf, Integer eqf) {
            assertThat(hbo(complete(x -> {
                x.nlqfLevel = nlqf;
                x.eqfLevel = eqf;
            }))).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"4+, 5, 4", "6, 7, 6", "4, 5, 4", "1, 2, 1", "8, 7, 8"})
        void theEqfLevelMustMatchTheNlqfLevel(String nlqf, int eqf, int expected) {
            assertThat(hbo(complete(x -> {
                x.nlqfLevel = nlqf;
                x.eqfLevel = eqf;
            }))).containsExactly(new FieldError("eqfLevel", "must be " + expected + " for NLQF level " + nlqf));
        }

        @Test
        void entryLevelHasNoEqfLevel() {
            assertThat(hbo(complete(x -> {
                x.nlqfLevel = "ENTRY";
                x.eqfLevel = 1;
            }))).containsExactly(new FieldError("eqfLevel", "must be empty: NLQF entry level has no EQF level"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"9", "0", "4 +", "L6", "Entry"})
        void unknownNlqfLevels(String nlqf) {
            assertThat(hbo(complete(x -> {
                x.nlqfLevel = nlqf;
                x.eqfLevel = 6;
            }))).containsExactly(new FieldError("nlqfLevel", "must be one of ENTRY, 1, 2, 3, 4, 4+, 5, 6, 7, 8"));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 9, -1})
        void eqfLevelsAreOneToEight(int eqf) {
            assertThat(hbo(complete(x -> {
                x.nlqfLevel = null;
                x.eqfLevel = eqf;
            }))).containsExactly(new FieldError("eqfLevel", "must be between 1 and 8"));
        }

        @Test
        void anEntryLevelProgrammeNeedsNoEqfLevelToPublish() {
            ProgrammeDraft d = complete(x -> {
                x.nlqfLevel = "ENTRY";
                x.eqfLevel = null;
            });
            assertThat(rules.missingForPublication(d, Locale.ENGLISH)).isEmpty();
            ProgrammeDraft level6 = complete(x -> x.eqfLevel = null);
            assertThat(rules.missingForPublication(level6, Locale.ENGLISH))
                    .containsExactly(new FieldError("eqfLevel", "is required to publish (EU Annex I: level (EQF))"));
        }
    }

    @Nested
    class Texts {

        @Test
        void aTitleNeedsOneLanguage() {
            assertThat(hbo(complete(x -> x.title = new LocalizedText("", "  "))))
                    .containsExactly(new FieldError("title", "needs a Dutch or an English title"));
            assertThat(hbo(complete(x -> x.title = new LocalizedText(null, null))))
                    .containsExactly(new FieldError("title", "needs a Dutch or an English title"));
            assertThat(hbo(complete(x -> x.title = new LocalizedText(null, "Sustainable energy")))).isEmpty();
            assertThat(hbo(complete(x -> x.title = new LocalizedText("Duurzame energie", null)))).isEmpty();
        }

        @Test
        void titlesHaveAtMost300Characters() {
            assertThat(hbo(complete(x -> x.title = new LocalizedText(repeat(300), repeat(300))))).isEmpty();
            assertThat(hbo(complete(x -> x.title = new LocalizedText(repeat(300), repeat(301)))))
                    .containsExactly(new FieldError("title.en", "must be at most 300 characters"));
            assertThat(hbo(complete(x -> x.title = new LocalizedText(repeat(301), null))))
                    .containsExactly(new FieldError("title.nl", "must be at most 300 characters"));
        }

        @Test
        void descriptionsHaveAtMost10000Characters() {
            assertThat(hbo(complete(x -> x.description = new LocalizedText(repeat(10_000), null)))).isEmpty();
            assertThat(hbo(complete(x -> x.description = new LocalizedText(repeat(10_001), repeat(10_001)))))
                    .containsExactly(new FieldError("description.nl", "must be at most 10000 characters"),
                            new FieldError("description.en", "must be at most 10000 characters"));
        }

        @Test
        void learningOutcomesAreNotBlankAndShort() {
            assertThat(hbo(complete(x -> x.learningOutcomes = Arrays.asList("Explains", " ", null, repeat(1000), repeat(1001)))))
                    .containsExactly(new FieldError("learningOutcomes[1]", "must not be blank"),
                            new FieldError("learningOutcomes[2]", "must not be blank"),
                            new FieldError("learningOutcomes[4]", "must be at most 1000 characters"));
        }

        @Test
        void atMostFiftyLearningOutcomes() {
            assertThat(hbo(complete(x -> x.learningOutcomes = Collections.nCopies(50, "Explains")))).isEmpty();
            assertThat(hbo(complete(x -> x.learningOutcomes = Collections.nCopies(51, "Explains"))))
                    .containsExactly(new FieldError("learningOutcomes", "must have at most 50 entries"));
        }

        @Test
        void courseCodes() {
            assertThat(hbo(complete(x -> x.courseCode = "TUD_MC.2025-01"))).isEmpty();
            assertThat(hbo(complete(x -> x.courseCode = repeat(40)))).isEmpty();
            String message = "must be 1 to 40 letters, digits, dots, underscores or hyphens";
            assertThat(hbo(complete(x -> x.courseCode = repeat(41)))).containsExactly(new FieldError("courseCode", message));
            assertThat(hbo(complete(x -> x.courseCode = "CSE 101"))).containsExactly(new FieldError("courseCode", message));
            assertThat(hbo(complete(x -> x.courseCode = "CSE/101"))).containsExactly(new FieldError("courseCode", message));
        }

        @Test
        void freeTextsHaveAtMost2000Characters() {
            assertThat(hbo(complete(x -> {
                x.prerequisites = repeat(2000);
                x.stackableTowards = repeat(2000);
            }))).isEmpty();
            assertThat(hbo(complete(x -> {
                x.prerequisites = repeat(2001);
                x.stackableTowards = repeat(2001);
            }))).containsExactly(new FieldError("prerequisites", "must be at most 2000 characters"),
                    new FieldError("stackableTowards", "must be at most 2000 characters"));
        }

        @Test
        void qualityAssurance() {
            assertThat(hbo(complete(x -> x.qualityAssurance = new QualityAssurance(repeat(200), "https://www.universiteitenvannederland.nl/", repeat(2000)))))
                    .isEmpty();
            assertThat(hbo(complete(x -> x.qualityAssurance = new QualityAssurance(repeat(201), "www.example.org", repeat(2001)))))
                    .containsExactly(new FieldError("qualityAssurance.name", "must be at most 200 characters"),
                            new FieldError("qualityAssurance.url", "must be an absolute http or https URL of at most 500 characters"),
                            new FieldError("qualityAssurance.description", "must be at most 2000 characters"));
        }

        @Test
        void theDutchFrameworkIsTheDefault() {
            assertThat(QualityAssurance.DUTCH_FRAMEWORK.name()).isEqualTo("Kwaliteitskader Microcredentials voor Professionals HBO en WO");
            assertThat(QualityAssurance.DUTCH_FRAMEWORK.url()).isNull();
            assertThat(QualityAssurance.DUTCH_FRAMEWORK.description()).isEqualTo("The Dutch quality framework for micro-credentials of "
                    + "Universities of the Netherlands (UNL) and the Netherlands Association of Universities of Applied Sciences (VH)");
        }

        @Test
        void localizedText() {
            assertThat(new LocalizedText(null, " ").isEmpty()).isTrue();
            assertThat(new LocalizedText("Titel", null).isEmpty()).isFalse();
            assertThat(new LocalizedText("Titel", "Title").any()).isEqualTo("Title");
            assertThat(new LocalizedText("Titel", " ").any()).isEqualTo("Titel");
            assertThat(new LocalizedText("Titel", null).any()).isEqualTo("Titel");
        }
    }

    @Nested
    class Choices {

        @ParameterizedTest
        @EnumSource(Participation.class)
        void everyFormOfParticipationIsKnown(Participation form) {
            assertThat(hbo(complete(x -> x.participation = List.of(form.name())))).isEmpty();
        }

        @Test
        void unknownOrRepeatedFormsOfParticipation() {
            String oneOf = "must be one of ONLINE, ONSITE, BLENDED, WORK_EXPERIENCE";
            assertThat(hbo(complete(x -> x.participation = Arrays.asList("ONLINE", "CLASSROOM", "ONLINE", null, "online"))))
                    .containsExactly(new FieldError("participation[1]", oneOf),
                            new FieldError("participation[2]", "is listed more than once"),
                            new FieldError("participation[3]", oneOf),
                            new FieldError("participation[4]", oneOf));
        }

        @ParameterizedTest
        @EnumSource(AssessmentType.class)
        void everyTypeOfAssessmentIsKnown(AssessmentType type) {
            assertThat(hbo(complete(x -> x.assessmentType = type.name()))).isEmpty();
        }

        @Test
        void theRulesKnowTheSameValuesAsTheEntities() {
            assertThat(ProgrammeRules.PARTICIPATION)
                    .containsExactly(Arrays.stream(Participation.values()).map(Enum::name).toArray(String[]::new));
            assertThat(ProgrammeRules.ASSESSMENT_TYPES)
                    .containsExactly(Arrays.stream(AssessmentType.values()).map(Enum::name).toArray(String[]::new));
        }

        @Test
        void unknownTypeOfAssessment() {
            assertThat(hbo(complete(x -> x.assessmentType = "QUIZ"))).containsExactly(new FieldError("assessmentType",
                    "must be one of WRITTEN_EXAM, REPORT_PAPER, BEHAVIOURAL_ASSESSMENT, PROFESSIONAL_PRODUCT, DEVELOPMENT_REPORT, "
                            + "PORTFOLIO, ORAL_EXAM, PERSONALISED_ASSESSMENT"));
        }
    }

    @Nested
    class Languages {

        @ParameterizedTest
        @ValueSource(strings = {"en", "nl", "fy", "de", "eng", "nld", "fry", "deu", "ara"})
        void iso639CodesAreValid(String language) {
            assertThat(hbo(complete(x -> x.languages = List.of(language)))).isEmpty();
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"xx", "EN", "En", "e", "english", "xxx", "ENG", " en", "en-GB", "", "qq"})
        void anythingElseIsAnError(String language) {
            assertThat(hbo(complete(x -> x.languages = Arrays.asList("en", language)))).containsExactly(
                    new FieldError("languages[1]", "must be an ISO 639 language code in lower case (e.g. en, nl, eng)"));
        }

        @Test
        void repeatedLanguage() {
            assertThat(hbo(complete(x -> x.languages = List.of("nl", "en", "nl"))))
                    .containsExactly(new FieldError("languages[2]", "is listed more than once"));
        }
    }

    @Nested
    class IscedAndUrls {

        @ParameterizedTest
        @ValueSource(strings = {"0613", "0713", "9999"})
        void fourDigitFields(String field) {
            assertThat(hbo(complete(x -> x.iscedField = field))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"613", "06A3", "06133", "06 3", "061\u0663"})
        void notFourDigits(String field) {
            assertThat(hbo(complete(x -> x.iscedField = field))).containsExactly(
                    new FieldError("iscedField", "must be an ISCED-F 2013 detailed field of 4 digits (e.g. 0613)"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://edubadges.nl/public/badgeclass/abc123", "http://example.org",
                "HTTPS://EDUBADGES.NL/x?y=1#z", "https://localhost:8443/badge"})
        void httpAndHttpsUrls(String url) {
            assertThat(hbo(complete(x -> {
                x.edubadgeBadgeClassUrl = url;
                x.qualityAssurance = new QualityAssurance("Framework", url, null);
            }))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://edubadges.nl/badge", "edubadges.nl/public/badgeclass/abc", "https://", "https:///badge",
                "https://exa mple.org", "mailto:info@edubadges.nl", "javascript:alert(1)", "/public/badgeclass/abc"})
        void anythingElseIsAnError(String url) {
            String message = "must be an absolute http or https URL of at most 500 characters";
            assertThat(hbo(complete(x -> {
                x.edubadgeBadgeClassUrl = url;
                x.qualityAssurance = new QualityAssurance("Framework", url, null);
            }))).containsExactly(new FieldError("qualityAssurance.url", message), new FieldError("edubadgeBadgeClassUrl", message));
        }

        @Test
        void urlsHaveAtMost500Characters() {
            String prefix = "https://edubadges.nl/";
            assertThat(hbo(complete(x -> x.edubadgeBadgeClassUrl = prefix + repeat(500 - prefix.length())))).isEmpty();
            assertThat(hbo(complete(x -> x.edubadgeBadgeClassUrl = prefix + repeat(501 - prefix.length()))))
                    .extracting(FieldError::field).containsExactly("edubadgeBadgeClassUrl");
        }
    }

    @Nested
    class Publication {

        @Test
        void aCompleteDraftMissesNothing() {
            assertThat(rules.missingForPublication(complete(), Locale.ENGLISH)).isEmpty();
        }

        @Test
        void anEmptyDraftMissesEveryAnnexElement() {
            assertThat(rules.missingForPublication(empty(), Locale.ENGLISH)).containsExactly(
                    new FieldError("title", "is required to publish (EU Annex I: title)"),
                    new FieldError("learningOutcomes", "is required to publish (EU Annex I: learning outcomes)"),
                    new FieldError("ects", "is required to publish (EU Annex I: notional workload in ECTS credits)"),
                    new FieldError("studyHours", "is required to publish (EU Annex I: notional workload in study hours)"),
                    new FieldError("nlqfLevel", "is required to publish (EU Annex I: level (NLQF))"),
                    new FieldError("eqfLevel", "is required to publish (EU Annex I: level (EQF))"),
                    new FieldError("assessmentType", "is required to publish (EU Annex I: type of assessment)"),
                    new FieldError("participation", "is required to publish (EU Annex I: form of participation)"),
                    new FieldError("qualityAssurance.name", "is required to publish (EU Annex I: type of quality assurance)"),
                    new FieldError("microcredentialSince", "is required to publish (micro-credentials are never retroactive)"));
        }

        @Test
        void blankOrEmptyElementsAreMissing() {
            ProgrammeDraft d = complete(x -> {
                x.title = new LocalizedText(" ", "");
                x.learningOutcomes = List.of(" ");
                x.participation = new ArrayList<>();
                x.assessmentType = " ";
                x.nlqfLevel = "";
                x.qualityAssurance = new QualityAssurance(" ", "https://example.org", "text");
            });
            assertThat(rules.missingForPublication(d, Locale.ENGLISH)).extracting(FieldError::field).containsExactly(
                    "title", "learningOutcomes", "nlqfLevel", "assessmentType", "participation", "qualityAssurance.name");
        }
    }

    @Nested
    class Messages {

        @Test
        void dutchMessages() {
            Locale dutch = Locale.forLanguageTag("nl-NL");
            assertThat(rules.validate(complete(x -> x.ects = new BigDecimal("31")), Sector.HBO, dutch)).containsExactly(
                    new FieldError("ects", "moet tussen 3 en 30 EC liggen (vanaf 1 EC alleen in het WO-experiment)"));
            assertThat(rules.validate(experimental("5", null), Sector.HBO, dutch)).containsExactly(
                    new FieldError("experimental", "het experiment staat alleen open voor universiteiten (WO)"));
            assertThat(rules.missingForPublication(complete(x -> x.learningOutcomes = null), new Locale("nl"))).containsExactly(
                    new FieldError("learningOutcomes", "is verplicht om te publiceren (EU-bijlage I: leerresultaten)"));
        }

        @Test
        void dutchDiffersFromEnglishForEveryMessage() {
            ProgrammeDraft bad = complete(x -> {
                x.courseCode = "a b";
                x.title = new LocalizedText("", "");
                x.ects = new BigDecimal("2.5");
                x.studyHours = 1;
                x.nlqfLevel = "9";
                x.experimental = true;
                x.microcredentialSince = LocalDate.of(2022, 1, 1);
                x.languages = List.of("xx");
            });
            List<FieldError> english = rules.validate(bad, Sector.HBO, Locale.ENGLISH);
            List<FieldError> dutch = rules.validate(bad, Sector.HBO, new Locale("nl"));
            assertThat(dutch).extracting(FieldError::field).containsExactlyElementsOf(english.stream().map(FieldError::field).toList());
            for (int i = 0; i < english.size(); i++) {
                assertThat(dutch.get(i).message()).isNotEqualTo(english.get(i).message());
            }
            assertThat(dutch).contains(new FieldError("microcredentialSince",
                    "moet op of na 2023-01-01 liggen: microcredentials worden uitgegeven vanaf 2023, nooit met terugwerkende kracht"));
        }

        @Test
        void noLocaleOrAnUnknownOneIsEnglish() {
            ProgrammeDraft d = complete(x -> x.ects = new BigDecimal("31"));
            assertThat(rules.validate(d, Sector.WO, null)).containsExactly(new FieldError("ects", RANGE));
            assertThat(rules.validate(d, Sector.WO, Locale.FRENCH)).containsExactly(new FieldError("ects", RANGE));
            assertThat(rules.validate(d, Sector.WO, Locale.UK)).containsExactly(new FieldError("ects", RANGE));
        }

        @Test
        void anUnknownLocaleIsEnglishEvenWhenTheDefaultIsDutch() {
            Locale before = Locale.getDefault();
            try {
                Locale.setDefault(new Locale("nl", "NL"));
                assertThat(rules.validate(complete(x -> x.ects = new BigDecimal("31")), Sector.WO, Locale.GERMAN))
                        .containsExactly(new FieldError("ects", RANGE));
            } finally {
                Locale.setDefault(before);
            }
        }

        @Test
        void numbersAreShownWithoutGroupingOrDecimals() {
            PilotRules custom = new PilotRules(new BigDecimal("3.0"), new BigDecimal("30.0"), 28, new BigDecimal("1.0"),
                    LocalDate.of(2025, 5, 1), LocalDate.of(2027, 4, 30), LocalDate.of(2023, 1, 1));
            assertThat(new ProgrammeRules(custom).validate(complete(x -> x.ects = new BigDecimal("40")), Sector.WO, new Locale("nl")))
                    .containsExactly(new FieldError("ects", "moet tussen 3 en 30 EC liggen (vanaf 1 EC alleen in het WO-experiment)"));
            assertThat(rules.validate(complete(x -> x.description = new LocalizedText(repeat(10_001), null)), Sector.WO, new Locale("nl")))
                    .containsExactly(new FieldError("description.nl", "mag hoogstens 10000 tekens bevatten"));
        }
    }

    @Test
    void theBoundsComeFromThePilotRules() {
        PilotRules wider = new PilotRules(new BigDecimal("2"), new BigDecimal("60"), 25, new BigDecimal("0.5"),
                LocalDate.of(2030, 1, 1), LocalDate.of(2030, 12, 31), LocalDate.of(2024, 6, 1));
        ProgrammeRules other = new ProgrammeRules(wider);
        assertThat(other.pilot()).isSameAs(wider);
        assertThat(other.validate(complete(x -> {
            x.ects = new BigDecimal("60");
            x.studyHours = 1500;
        }), Sector.HBO, Locale.ENGLISH)).isEmpty();
        assertThat(other.validate(complete(x -> {
            x.ects = new BigDecimal("61");
            x.studyHours = 1501;
            x.microcredentialSince = LocalDate.of(2024, 5, 31);
        }), Sector.HBO, Locale.ENGLISH)).containsExactly(
                new FieldError("ects", "must be between 2 and 60 EC (from 0.5 EC only in the WO experiment)"),
                new FieldError("studyHours", "must be between 50 and 1500 hours"),
                new FieldError("microcredentialSince", "must be on or after 2024-06-01: micro-credentials are issued as of 2024, never retroactively"));
    }
}
