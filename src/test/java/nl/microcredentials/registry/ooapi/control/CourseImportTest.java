package nl.microcredentials.registry.ooapi.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.programmes.control.LocalizedText;
import nl.microcredentials.registry.programmes.control.PilotRules;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.control.ProgrammeRules;
import nl.microcredentials.registry.programmes.control.QualityAssurance;
import org.junit.jupiter.api.Test;

/**
 * The backward mapping of docs/ooapi.md: a course read into a programme's content, the round trip with the provider's
 * mapping, the fall-backs for endpoints without the registry's ext, and generated hostile items (a seeded Random, as
 * the generated-bodies tests do): never an exception, every refusal names a field.
 */
class CourseImportTest {

    private static final ProgrammeRules RULES = new ProgrammeRules(PilotRules.defaults());

    /** A course as the specification's examples describe one (ooapi-v5.0.0.yaml, Course), from an endpoint without ext. */
    static JsonObjectBuilder specCourse(String id) {
        return Json.createObjectBuilder()
                .add("courseId", id)
                .add("primaryCode", Json.createObjectBuilder().add("codeType", "identifier").add("code", "INFOMQNM"))
                .add("name", Json.createArrayBuilder().add(text("en-GB", "Academic and Professional Writing"))
                        .add(text("nl-NL", "Academisch en professioneel schrijven")))
                .add("abbreviation", "INFOMQNM")
                .add("studyLoad", Json.createObjectBuilder().add("studyLoadUnit", "ects").add("value", 7.5))
                .add("modeOfDelivery", Json.createArrayBuilder().add("online").add("on campus"))
                .add("duration", "P1DT30H4S")
                .add("description", Json.createArrayBuilder().add(text("en-GB", "As with all empirical sciences, to guarantee valid outcomes...")))
                .add("teachingLanguage", "nld")
                .add("fieldsOfStudy", "0732")
                .add("learningOutcomes", Json.createArrayBuilder()
                        .add(Json.createArrayBuilder().add(text("en-GB", "Critically reflect on the development of the Humanities"))))
                .add("admissionRequirements", Json.createArrayBuilder().add(text("en-US", "Students need to have completed their first year")))
                .add("level", "bachelor")
                .add("assessment", Json.createArrayBuilder().add(text("en-GB", "Written exam")))
                .add("link", "https://osiris.uu.nl/osiris_student_uuprd/OnderwijsCatalogusZoekCursus.do#submitForm?cursuscode=INFOMQNM")
                .add("educationSpecification", "123e4567-e89b-12d3-a456-426614174000")
                .add("validFrom", "2020-08-30")
                .add("consumers", Json.createArrayBuilder())
                .add("organization", "123e4567-e89b-12d3-a456-426614174000");
    }

    static JsonObjectBuilder text(String language, String value) {
        return Json.createObjectBuilder().add("language", language).add("value", value);
    }

    private static CourseImport.Mapped mapped(JsonValue item) {
        CourseImport.Result r = CourseImport.map(item, CourseImport.Specifications.NONE, 28);
        assertThat(r).as(String.valueOf(r)).isInstanceOf(CourseImport.Mapped.class);
        return (CourseImport.Mapped) r;
    }

    @Test
    void aCourseOfAnotherEndpointMapsOntoAnIncompleteDraft() {
        ProgrammeDraft d = mapped(specCourse("c-1").build()).draft();
        assertThat(d.courseCode()).isEqualTo("INFOMQNM");
        assertThat(d.title()).isEqualTo(new LocalizedText("Academisch en professioneel schrijven", "Academic and Professional Writing"));
        assertThat(d.description().en()).startsWith("As with all empirical sciences");
        assertThat(d.ects()).isEqualByComparingTo("7.5");
        assertThat(d.studyHours()).as("P1DT30H4S is no PT<n>H: EC x 28").isEqualTo(210);
        assertThat(d.nlqfLevel()).isEqualTo("6");
        assertThat(d.eqfLevel()).isEqualTo(6);
        assertThat(d.languages()).containsExactly("nl");
        assertThat(d.participation()).containsExactly("ONLINE", "ONSITE");
        assertThat(d.iscedField()).isEqualTo("0732");
        assertThat(d.learningOutcomes()).containsExactly("Critically reflect on the development of the Humanities");
        assertThat(d.prerequisites()).isEqualTo("Students need to have completed their first year");
        // what OOAPI has no field for stays empty: the admin completes it before publishing
        assertThat(d.assessmentType()).isNull();
        assertThat(d.qualityAssurance()).isNull();
        assertThat(d.microcredentialSince()).isNull();
        assertThat(RULES.validate(d, Sector.HBO, Locale.ENGLISH)).isEmpty();
        assertThat(RULES.missingForPublication(d, Locale.ENGLISH)).extracting(FieldError::field)
                .contains("assessmentType", "microcredentialSince");
    }

    @Test
    void durationInHoursLevelOfQualificationAndModesMapAsTheMappingSays() {
        JsonObject course = specCourse("c-2").add("duration", "PT140H").add("teachingLanguage", "eng")
                .add("modeOfDelivery", Json.createArrayBuilder().add("hybrid").add("situated").add("distance-learning").add("lecture"))
                .add("educationSpecification", Json.createObjectBuilder().add("educationSpecificationId", "x").add("levelOfQualification", "4+"))
                .build();
        ProgrammeDraft d = mapped(course).draft();
        assertThat(d.studyHours()).isEqualTo(140);
        assertThat(d.nlqfLevel()).isEqualTo("4+");
        assertThat(d.eqfLevel()).isEqualTo(4);
        assertThat(d.languages()).containsExactly("en");
        assertThat(d.participation()).containsExactly("BLENDED", "WORK_EXPERIENCE", "ONLINE");
    }

    @Test
    void aCourseThatOnlyNamesItsEducationSpecificationHasItFetched() {
        String specId = UUID.randomUUID().toString();
        JsonObject course = specCourse("c-3").add("educationSpecification", specId).add("level", "master").build();
        CourseImport.Specifications specs = id -> id.equals(specId)
                ? Optional.of(Json.createObjectBuilder().add("levelOfQualification", "5").build()) : Optional.empty();
        var r = (CourseImport.Mapped) CourseImport.map(course, specs, 28);
        assertThat(r.draft().nlqfLevel()).as("levelOfQualification wins over level").isEqualTo("5");
        assertThat(mapped(course).draft().nlqfLevel()).as("without it: level").isEqualTo("7");
        assertThat(mapped(specCourse("c-4").add("level", "undefined").build()).draft().nlqfLevel()).isNull();
    }

    @Test
    void aCourseTheRegistryServesImportsIntoTheSameContent() {
        for (String nlqf : List.of("ENTRY", "4+", "6", "8")) {
            ProgrammeDraft original = new ProgrammeDraft("RC-101", new LocalizedText("Robotica in de zorg", "Robotics in care"),
                    new LocalizedText(null, "Robots that help nurses."), List.of("Design a care robot", "Evaluate its safety"),
                    new BigDecimal("7.5"), 210, nlqf, nlqf.equals("ENTRY") ? null : Integer.valueOf(nlqf.replace("+", "")), true,
                    List.of("BLENDED", "WORK_EXPERIENCE"), true, true, "PORTFOLIO", new QualityAssurance("NVAO", "https://nvao.invalid", null),
                    "A bachelor in engineering", true, "MSc Robotics", List.of("en", "nl"), "0714", "https://edubadges.invalid/badgeclass/" + nlqf,
                    LocalDate.of(2024, 2, 1), false);
            JsonObject served = CourseMapping.course(CourseMappingTest.course(original, CourseMappingTest.DELFT),
                    CourseMapping.Options.plain(CourseMapping.Consumer.RIO, "https://registry.invalid"));
            ProgrammeDraft imported = mapped(served).draft();
            assertThat(CourseImport.canonical(CourseImport.normalized(imported)))
                    .isEqualTo(CourseImport.canonical(CourseImport.normalized(original)));
        }
        // without description, course code or languages: the provider's fall-backs read back as absent
        ProgrammeDraft bare = new ProgrammeDraft(null, new LocalizedText("Zorgrobots", null), null, List.of(), new BigDecimal("3"), 84,
                "5", 5, false, List.of("ONLINE"), false, false, null, null, null, false, null, List.of(), null, null, null, false);
        JsonObject served = CourseMapping.course(CourseMappingTest.course(bare, CourseMappingTest.NO_CODE),
                CourseMapping.Options.plain(CourseMapping.Consumer.NONE, null));
        assertThat(CourseImport.canonical(CourseImport.normalized(mapped(served).draft())))
                .isEqualTo(CourseImport.canonical(CourseImport.normalized(bare)));
    }

    @Test
    void theCanonicalContentReadsBackAndIgnoresWhatStorageNormalises() {
        ProgrammeDraft d = mapped(specCourse("c-5").build()).draft();
        String canonical = CourseImport.canonical(CourseImport.normalized(d));
        assertThat(CourseImport.canonical(CourseImport.fromCanonical(canonical))).isEqualTo(canonical);
        ProgrammeDraft spaced = mapped(specCourse("c-5").add("name", Json.createArrayBuilder()
                .add(text("en-GB", "Academic and Professional Writing  ")).add(text("nl-NL", " Academisch en professioneel schrijven")))
                .add("studyLoad", Json.createObjectBuilder().add("studyLoadUnit", "ects").add("value", new BigDecimal("7.50"))).build()).draft();
        assertThat(CourseImport.canonical(CourseImport.normalized(spaced))).isEqualTo(canonical);
        assertThat(CourseImport.hash(canonical)).hasSize(64);
    }

    @Test
    void wrongTypesAreRefusedNamingTheField() {
        assertRefused(specCourse("w-1").add("name", "not an array").build(), "name");
        assertRefused(specCourse("w-2").add("studyLoad", Json.createObjectBuilder().add("studyLoadUnit", "ects").add("value", "7.5")).build(),
                "studyLoad.value");
        assertRefused(specCourse("w-3").add("modeOfDelivery", 42).build(), "modeOfDelivery");
        assertRefused(specCourse("w-4").add("learningOutcomes", Json.createArrayBuilder().add(7)).build(), "learningOutcomes[0]");
        assertRefused(specCourse("w-5").add("courseId", Json.createArrayBuilder()).build(), "courseId");
        assertRefused(specCourse("w-6").remove("courseId").build(), "courseId");
        assertRefused(specCourse("w-7").remove("name").build(), "name");
        assertRefused(specCourse("w-8").add("ext", Json.createObjectBuilder().add("microcredential",
                Json.createObjectBuilder().add("ects", true).add("microcredentialSince", "yesterday"))).build(), "ext.microcredential.ects");
        assertRefused(specCourse("w-9").add("ext", Json.createObjectBuilder().add("microcredential", "x")).build(), "ext.microcredential");
        assertRefused(specCourse("w-10").add("studyLoad", Json.createObjectBuilder().add("studyLoadUnit", "ects")
                .add("value", new BigDecimal("1e-400"))).build(), "studyLoad.value");
        assertRefused(specCourse("w-11").add("fieldsOfStudy", "x".repeat(101)).build(), "fieldsOfStudy");
        assertRefused(Json.createArrayBuilder().build(), "item");
        assertRefused(JsonValue.NULL, "item");
    }

    @Test
    void whatBreaksThePilotsRulesIsRefusedWithTheRulesMessage() {
        ProgrammeDraft d = mapped(specCourse("r-1").add("studyLoad", Json.createObjectBuilder().add("studyLoadUnit", "ects").add("value", 60))
                .build()).draft();
        List<FieldError> errors = RULES.validate(d, Sector.HBO, Locale.ENGLISH);
        assertThat(errors).extracting(FieldError::field).contains("ects");
        assertThat(errors.get(0).message()).contains("30");
    }

    private static void assertRefused(JsonValue item, String field) {
        CourseImport.Result r = CourseImport.map(item, CourseImport.Specifications.NONE, 28);
        assertThat(r).as("%s", item).isInstanceOf(CourseImport.Refused.class);
        assertThat(((CourseImport.Refused) r).reasons()).extracting(FieldError::field).contains(field);
    }

    // ---- generated hostile items ---------------------------------------------------------------------

    private static final List<String> FIELDS = List.of("courseId", "primaryCode", "name", "abbreviation", "studyLoad", "modeOfDelivery",
            "duration", "description", "teachingLanguage", "fieldsOfStudy", "learningOutcomes", "admissionRequirements", "level",
            "assessment", "link", "educationSpecification", "validFrom", "consumers", "organization", "ext");
    private static final List<String> EXT_FIELDS = List.of("courseCode", "nlqfLevel", "eqfLevel", "levelVerified", "ects", "studyHours",
            "assessmentType", "assessmentSupervised", "identityVerified", "qualityAssurance", "gradeRecorded", "stackableTowards",
            "edubadgeBadgeClassUrl", "microcredentialSince", "experimental", "languages", "participation", "version");

    @Test
    void generatedHostileItemsAreMappedOrRefusedNamingAFieldNeverAnException() {
        long seed = Long.getLong("pbt.seed", 20_260_313L);
        Random random = new Random(seed);
        int mapped = 0;
        int refused = 0;
        for (int n = 0; n < 3_000; n++) {
            // (Parsson's builder cannot remove from an empty builder: start with one member)
            JsonObjectBuilder course = random.nextInt(4) == 0 ? Json.createObjectBuilder().add("x", 1) : specCourse("g-" + n);
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                String field = FIELDS.get(random.nextInt(FIELDS.size()));
                if (random.nextInt(6) == 0) course.remove(field);
                else course.add(field, field.equals("ext") ? hostileExt(random) : hostile(random, 0));
            }
            JsonObject item = course.build();
            // as the remote sent it: through text, so numbers and strings are what a parser gives
            JsonValue parsed = Json.createReader(new StringReader(item.toString())).readValue();
            CourseImport.Result r;
            try {
                r = CourseImport.map(parsed, id -> random.nextBoolean() ? Optional.empty()
                        : Optional.of(Json.createObjectBuilder().add("levelOfQualification", hostile(random, 1)).build()), 28);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", item " + item, e);
            }
            if (r instanceof CourseImport.Refused f) {
                refused++;
                assertThat(f.reasons()).as("seed %d: %s", seed, item).isNotEmpty()
                        .allSatisfy(e -> assertThat(e.field()).isNotBlank());
            } else {
                mapped++;
                ProgrammeDraft d = ((CourseImport.Mapped) r).draft();
                List<FieldError> errors = RULES.validate(d, random.nextBoolean() ? Sector.WO : Sector.HBO, Locale.ENGLISH);
                errors.forEach(e -> assertThat(e.field()).isNotBlank());
                if (errors.isEmpty()) {
                    // what passes the rules can be stored and compared
                    String canonical = CourseImport.canonical(CourseImport.normalized(d));
                    assertThat(CourseImport.canonical(CourseImport.fromCanonical(canonical))).isEqualTo(canonical);
                }
            }
        }
        assertThat(mapped).isPositive();
        assertThat(refused).isPositive();
    }

    private static JsonValue hostileExt(Random random) {
        if (random.nextInt(5) == 0) return hostile(random, 0);
        JsonObjectBuilder ext = Json.createObjectBuilder();
        for (int i = 0; i < 1 + random.nextInt(6); i++) ext.add(EXT_FIELDS.get(random.nextInt(EXT_FIELDS.size())), hostile(random, 1));
        return Json.createObjectBuilder().add("microcredential", ext).build();
    }

    /** A JSON value of a random type: wrong types, nulls, huge and odd strings, extreme numbers, nested structures. */
    static JsonValue hostile(Random random, int depth) {
        int kind = random.nextInt(depth > 2 ? 8 : 11);
        return switch (kind) {
            case 0 -> JsonValue.NULL;
            case 1 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 2 -> Json.createValue(random.nextInt());
            case 3 -> Json.createValue(new BigDecimal(random.nextBoolean() ? "1e" + random.nextInt(100_000) : "-0.000000000000000000000001"));
            case 4 -> Json.createValue("x".repeat(random.nextInt(3) == 0 ? 300_000 : random.nextInt(50)));
            case 5 -> Json.createValue(List.of("PT140H", "PT99999999999H", "nld", "und", "bachelor", "4+", "ENTRY", "2024-02-30", "\u0000",
                    "online", "https://example.org", "\uD83D\uDE00", "", " ").get(random.nextInt(14)));
            case 6 -> Json.createValue(random.nextDouble() * 1e6);
            case 7 -> Json.createValue(UUID.randomUUID().toString());
            case 8 -> {
                JsonArrayBuilder a = Json.createArrayBuilder();
                for (int i = 0; i < random.nextInt(5); i++) a.add(hostile(random, depth + 1));
                yield a.build();
            }
            case 9 -> {
                JsonArrayBuilder a = Json.createArrayBuilder();
                for (int i = 0; i < random.nextInt(4); i++) {
                    a.add(Json.createObjectBuilder().add(random.nextBoolean() ? "language" : "lang", hostile(random, depth + 2))
                            .add("value", hostile(random, depth + 2)));
                }
                yield a.build();
            }
            default -> {
                JsonObjectBuilder o = Json.createObjectBuilder();
                for (String k : List.of("studyLoadUnit", "value", "codeType", "code", "levelOfQualification", "name")) {
                    if (random.nextBoolean()) o.add(k, hostile(random, depth + 1));
                }
                yield o.build();
            }
        };
    }
}
