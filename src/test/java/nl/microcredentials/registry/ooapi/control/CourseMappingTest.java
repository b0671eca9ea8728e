package nl.microcredentials.registry.ooapi.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.ooapi.control.CourseMapping.Consumer;
import nl.microcredentials.registry.ooapi.control.CourseMapping.Member;
import nl.microcredentials.registry.ooapi.control.CourseMapping.Options;
import nl.microcredentials.registry.ooapi.control.CourseMapping.PublishedCourse;
import nl.microcredentials.registry.programmes.control.LocalizedText;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.control.QualityAssurance;
import org.junit.jupiter.api.Test;

/** The mapping of docs/ooapi.md, field by field. */
class CourseMappingTest {

    static final Member DELFT = new Member(UUID.randomUUID().toString(), "tu-delft", "Technische Universiteit Delft", Sector.WO, null,
            "https://www.tudelft.nl", "123A456", "tudelft.nl");
    static final Member NO_CODE = new Member(UUID.randomUUID().toString(), "no-code", "Hogeschool Zonder Code", Sector.HBO, "99XX",
            null, null, null);

    static ProgrammeDraft draft(String courseCode, String nlqf, String stackable, List<String> languages) {
        return new ProgrammeDraft(courseCode, new LocalizedText("Robotica in de zorg", "Robotics in care"),
                new LocalizedText(null, "Robots that help nurses."), List.of("Design a care robot", "Evaluate its safety"),
                new BigDecimal("7.5"), 210, nlqf, nlqf.equals("ENTRY") ? null : Integer.valueOf(nlqf.replace("+", "")), true,
                List.of("BLENDED", "WORK_EXPERIENCE"), true, true, "PORTFOLIO", new QualityAssurance("NVAO", "https://nvao.invalid", null),
                "A bachelor in engineering", true, stackable, languages, "0714", "https://edubadges.invalid/badgeclass/1",
                LocalDate.of(2024, 2, 1), false);
    }

    static PublishedCourse course(ProgrammeDraft draft, Member member) {
        return new PublishedCourse(UUID.randomUUID().toString(), 2, draft, LocalDate.of(2024, 3, 1), null, member);
    }

    @Test
    void aPublishedVersionIsACourseInTheSpecsTerms() {
        PublishedCourse c = course(draft("TUD-ROB1", "6", null, List.of("en", "nl")), DELFT);
        JsonObject course = CourseMapping.course(c, Options.plain(Consumer.NONE, "https://registry.example"));

        assertThat(course.getString("courseId")).isEqualTo(c.programmeId());
        assertThat(course.getJsonObject("primaryCode").getString("codeType")).isEqualTo("identifier");
        assertThat(course.getJsonObject("primaryCode").getString("code")).isEqualTo("TUD-ROB1");
        assertThat(course.getString("abbreviation")).isEqualTo("TUD-ROB1");
        assertThat(course.getJsonArray("name").getValuesAs(JsonObject.class))
                .extracting(o -> o.getString("language") + "=" + o.getString("value"))
                .containsExactly("nl-NL=Robotica in de zorg", "en-GB=Robotics in care");
        assertThat(course.getJsonArray("description")).hasSize(1);
        assertThat(course.getString("teachingLanguage")).isEqualTo("eng");
        assertThat(course.getJsonObject("studyLoad").getString("studyLoadUnit")).isEqualTo("ects");
        assertThat(course.getJsonObject("studyLoad").getJsonNumber("value").bigDecimalValue()).isEqualByComparingTo("7.5");
        assertThat(course.getString("duration")).isEqualTo("PT210H");
        assertThat(course.getString("level")).isEqualTo("bachelor");
        assertThat(course.getJsonArray("modeOfDelivery").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("hybrid", "situated");
        assertThat(course.getString("fieldsOfStudy")).isEqualTo("0714");
        assertThat(course.getJsonArray("learningOutcomes")).hasSize(2);
        assertThat(course.getJsonArray("learningOutcomes").getJsonArray(0).getJsonObject(0).getString("language")).isEqualTo("en-GB");
        assertThat(course.getString("validFrom")).isEqualTo("2024-03-01");
        assertThat(course.containsKey("validTo")).isFalse();
        assertThat(course.getString("educationSpecification")).isEqualTo(OoapiIds.educationSpecification(c.programmeId()));
        assertThat(course.getString("organization")).isEqualTo(DELFT.organizationId());
        assertThat(course.getString("link")).isEqualTo("https://registry.example/catalogue/programme.xhtml?id=" + c.programmeId());
        // no consumer named: every entry the registry can fill (RIO's, as the institution has a code, and eduXchange's)
        assertThat(course.getJsonArray("consumers").getValuesAs(JsonObject.class)).extracting(o -> o.getString("consumerKey"))
                .containsExactly("rio", "eduxchange");
        JsonObject ext = course.getJsonObject("ext").getJsonObject("microcredential");
        assertThat(ext.getString("nlqfLevel")).isEqualTo("6");
        assertThat(ext.getString("assessmentType")).isEqualTo("PORTFOLIO");
        assertThat(ext.getJsonObject("qualityAssurance").getString("name")).isEqualTo("NVAO");
        assertThat(ext.getInt("version")).isEqualTo(2);
    }

    @Test
    void rioGetsItsConsumerEntryAndOnlyInstitutionsWithACode() {
        PublishedCourse delft = course(draft("TUD-ROB1", "7", null, List.of("nl")), DELFT);
        PublishedCourse other = course(draft("HZC-1", "7", null, List.of("nl")), NO_CODE);
        assertThat(CourseMapping.servable(delft, Consumer.RIO)).isTrue();
        assertThat(CourseMapping.servable(other, Consumer.RIO)).isFalse();
        assertThat(CourseMapping.servable(other, Consumer.EDUXCHANGE)).isTrue();
        JsonObject rio = CourseMapping.course(delft, Options.plain(Consumer.RIO, null)).getJsonArray("consumers").getJsonObject(0);
        assertThat(rio.getString("consumerKey")).isEqualTo("rio");
        assertThat(rio.getString("educationOffererCode")).isEqualTo("123A456");
        assertThat(rio.getString("consentParticipationSTAP")).isEqualTo("permission_not_granted");
    }

    @Test
    void eduXchangeLearnsWhetherAMicroCredentialStacks() {
        JsonObject standalone = CourseMapping.course(course(draft("A", "6", null, List.of("en")), DELFT), Options.plain(Consumer.EDUXCHANGE, null));
        JsonObject stackable = CourseMapping.course(course(draft("B", "6", "MSc Robotics", List.of("en")), DELFT), Options.plain(Consumer.EDUXCHANGE, null));
        assertThat(standalone.getJsonArray("consumers").getJsonObject(0).getString("microcredential")).isEqualTo("standalone");
        assertThat(stackable.getJsonArray("consumers").getJsonObject(0).getString("microcredential")).isEqualTo("stackable");
        assertThat(stackable.getJsonArray("consumers").getJsonObject(0).getString("consumerKey")).isEqualTo("eduxchange");
    }

    @Test
    void levelsLanguagesAndCodesFollowTheSpecsEnumerations() {
        assertThat(CourseMapping.level("5")).isEqualTo("associate degree");
        assertThat(CourseMapping.level("8")).isEqualTo("doctoral");
        assertThat(CourseMapping.level("4+")).isEqualTo("undefined");
        assertThat(CourseMapping.level(null)).isEqualTo("undefined");
        assertThat(CourseMapping.levelOfQualification("4+")).contains("4+");
        assertThat(CourseMapping.levelOfQualification("ENTRY")).isEmpty();
        assertThat(CourseMapping.iso639_2("nl")).isEqualTo("nld");
        assertThat(CourseMapping.iso639_2("de")).isEqualTo("deu");
        assertThat(CourseMapping.iso639_2(null)).isEqualTo("und");
        assertThat(OoapiQuery.iso639_1("nld")).isEqualTo("nl");
        assertThat(OoapiQuery.iso639_1("dut")).isEqualTo("nl");
        assertThat(OoapiQuery.iso639_1("eng")).isEqualTo("en");
        // without a course code the programme id is the primary code; without a language, "und"
        PublishedCourse bare = course(draft(null, "ENTRY", null, List.of()), DELFT);
        JsonObject course = CourseMapping.course(bare, Options.plain(Consumer.NONE, null));
        assertThat(course.getJsonObject("primaryCode").getString("codeType")).isEqualTo("uuid");
        assertThat(course.getJsonObject("primaryCode").getString("code")).isEqualTo(bare.programmeId());
        assertThat(course.getString("teachingLanguage")).isEqualTo("und");
        assertThat(CourseMapping.educationSpecification(bare, Options.plain(Consumer.NONE, null)).containsKey("levelOfQualification")).isFalse();
    }

    @Test
    void theEducationSpecificationIsACertificateCourseWithItsNlqfLevel() {
        PublishedCourse c = course(draft("TUD-ROB1", "4+", null, List.of("nl")), DELFT);
        JsonObject spec = CourseMapping.educationSpecification(c, Options.plain(Consumer.RIO, null));
        assertThat(spec.getString("educationSpecificationId")).isEqualTo(OoapiIds.educationSpecification(c.programmeId()));
        assertThat(OoapiIds.programmeOf(spec.getString("educationSpecificationId"))).isEqualTo(c.programmeId());
        assertThat(spec.getString("educationSpecificationType")).isEqualTo("course");
        assertThat(spec.getString("formalDocument")).isEqualTo("certificate");
        assertThat(spec.getString("levelOfQualification")).isEqualTo("4+");
        assertThat(spec.getString("sector")).isEqualTo("university education");
        assertThat(spec.getJsonArray("consumers").getJsonObject(0).getString("consumerKey")).isEqualTo("rio");
    }

    @Test
    void earlierVersionsAreTimelineOverrides() {
        PublishedCourse now = course(draft("TUD-ROB1", "6", null, List.of("en")), DELFT);
        PublishedCourse before = new PublishedCourse(now.programmeId(), 1, draft("TUD-ROB0", "6", null, List.of("en")),
                LocalDate.of(2023, 9, 1), LocalDate.of(2024, 3, 1), DELFT);
        JsonObject course = CourseMapping.course(now, new Options(Consumer.NONE, false, false, false, false, List.of(before), null));
        JsonObject override = course.getJsonArray("timelineOverrides").getJsonObject(0);
        assertThat(override.getString("validFrom")).isEqualTo("2023-09-01");
        assertThat(override.getString("validTo")).isEqualTo("2024-03-01");
        assertThat(override.getJsonObject("course").getString("abbreviation")).isEqualTo("TUD-ROB0");
    }

    @Test
    void membersAreInstitutesUnderTheConsortium() {
        JsonObject delft = CourseMapping.organization(DELFT, Consumer.NONE);
        assertThat(delft.getString("organizationType")).isEqualTo("institute");
        assertThat(delft.getString("parent")).isEqualTo(OoapiIds.CONSORTIUM);
        assertThat(delft.getJsonObject("primaryCode").getString("code")).isEqualTo("tu-delft");
        assertThat(delft.getJsonArray("otherCodes").toString()).contains("schacHome", "tudelft.nl", "123A456");
        JsonObject withBrin = CourseMapping.organization(NO_CODE, Consumer.NONE);
        assertThat(withBrin.getJsonObject("primaryCode").getString("codeType")).isEqualTo("brin");
        assertThat(CourseMapping.root("Pilot", null).getString("organizationType")).isEqualTo("root");
    }
}
