package nl.microcredentials.registry.ooapi.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import nl.microcredentials.registry.it.OoapiConformance;
import nl.microcredentials.registry.it.OoapiConformance.Profile;
import nl.microcredentials.registry.ooapi.control.CourseMapping.Options;
import nl.microcredentials.registry.ooapi.control.CourseMapping.PublishedCourse;
import org.junit.jupiter.api.Test;

/**
 * The conformance walk's validators can fail: what the mapping produces passes the spec and both profiles, and a course
 * broken in the ways a provider typically breaks it ({@code studyLoadUnit "EC"}, {@code teachingLanguage "en"}, no
 * {@code level}, a wrong RIO consumer entry) is caught. Without a server.
 */
class OoapiConformanceSelfTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode course(CourseMapping.Consumer consumer) throws Exception {
        PublishedCourse c = CourseMappingTest.course(CourseMappingTest.draft("TUD-ROB1", "6", "MSc Robotics", List.of("en", "nl")),
                CourseMappingTest.DELFT);
        return (ObjectNode) JSON.readTree(CourseMapping.course(c, Options.plain(consumer, "https://registry.example")).toString());
    }

    private static ObjectNode page(JsonNode item) {
        ObjectNode page = JSON.createObjectNode().put("pageSize", 10).put("pageNumber", 1).put("hasPreviousPage", false).put("hasNextPage", false);
        page.putArray("items").add(item);
        return page;
    }

    private static List<String> spec(JsonNode course) {
        return OoapiConformance.validateSpec("/courses", 200, "application/json", page(course).toString());
    }

    private static ObjectNode broken(ObjectNode course, Consumer<ObjectNode> change) {
        ObjectNode copy = course.deepCopy();
        change.accept(copy);
        return copy;
    }

    @Test
    void whatTheMappingServesPassesTheSpecAndBothProfiles() throws Exception {
        ObjectNode rio = course(CourseMapping.Consumer.RIO);
        ObjectNode eduxchange = course(CourseMapping.Consumer.EDUXCHANGE);
        assertThat(spec(rio)).isEmpty();
        assertThat(OoapiConformance.validateSpec("/courses/" + rio.get("courseId").asText(), 200, "application/json", rio.toString())).isEmpty();
        assertThat(OoapiConformance.validateComponent(Profile.RIO, "Course", rio)).isEmpty();
        assertThat(OoapiConformance.validateComponent(Profile.RIO, "CourseRioConsumer", rio.get("consumers").get(0))).isEmpty();
        assertThat(spec(eduxchange)).isEmpty();
        assertThat(OoapiConformance.validateComponent(Profile.EDUXCHANGE, "Course", eduxchange)).isEmpty();
        assertThat(OoapiConformance.validateComponent(Profile.EDUXCHANGE, "EduXchangeConsumerCourse", eduxchange.get("consumers").get(0))).isEmpty();
    }

    @Test
    void theSpecValidatorCatchesABrokenCourse() throws Exception {
        ObjectNode course = course(CourseMapping.Consumer.NONE);
        assertThat(spec(broken(course, c -> ((ObjectNode) c.get("studyLoad")).put("studyLoadUnit", "EC")))).isNotEmpty();
        assertThat(spec(broken(course, c -> c.put("teachingLanguage", "en")))).isNotEmpty();
        assertThat(spec(broken(course, c -> c.remove("level")))).isNotEmpty();
        assertThat(spec(broken(course, c -> c.put("level", "bsc")))).isNotEmpty();
        assertThat(spec(broken(course, c -> c.put("courseId", 42)))).isNotEmpty();
        // and a page without its paging fields
        ObjectNode page = page(course);
        page.remove("hasNextPage");
        assertThat(OoapiConformance.validateSpec("/courses", 200, "application/json", page.toString())).isNotEmpty();
        // an education specification: the spec's oneOf defect is no finding, a broken one still is
        PublishedCourse c = CourseMappingTest.course(CourseMappingTest.draft("TUD-ROB1", "6", null, List.of("nl")), CourseMappingTest.DELFT);
        ObjectNode specification = (ObjectNode) JSON.readTree(CourseMapping.educationSpecification(c, Options.plain(CourseMapping.Consumer.RIO, null)).toString());
        String path = "/education-specifications/" + specification.get("educationSpecificationId").asText();
        assertThat(OoapiConformance.validateSpec(path, 200, "application/json", specification.toString())).isEmpty();
        assertThat(OoapiConformance.validateComponent(Profile.RIO, "EducationSpecification", specification)).isEmpty();
        assertThat(OoapiConformance.validateSpec(path, 200, "application/json",
                broken(specification, s -> s.put("educationSpecificationType", "microcredential")).toString())).isNotEmpty();
        assertThat(OoapiConformance.validateSpec(path, 200, "application/json",
                broken(specification, s -> ((ObjectNode) s.get("studyLoad")).put("studyLoadUnit", "EC")).toString())).isNotEmpty();
        assertThat(OoapiConformance.validateComponent(Profile.RIO, "EducationSpecification",
                broken(specification, s -> s.remove("consumers").toString()))).isEmpty(); // contains: only where consumers are given
        // a problem answer with a numeric status (OOAPI's is a string)
        assertThat(OoapiConformance.validateSpec("/courses", 400, "application/json", "{\"status\":400,\"title\":\"Bad\"}")).isNotEmpty();
    }

    @Test
    void theProfileValidatorsCatchABrokenCourse() throws Exception {
        ObjectNode rio = course(CourseMapping.Consumer.RIO);
        for (Profile profile : Profile.values()) {
            assertThat(OoapiConformance.validateComponent(profile, "Course",
                    broken(rio, c -> ((ObjectNode) c.get("studyLoad")).put("studyLoadUnit", "EC")))).as(profile.name()).isNotEmpty();
            assertThat(OoapiConformance.validateComponent(profile, "Course", broken(rio, c -> c.put("teachingLanguage", "en"))))
                    .as(profile.name()).isNotEmpty();
            assertThat(OoapiConformance.validateComponent(profile, "Course", broken(rio, c -> c.put("level", "bsc")))).as(profile.name()).isNotEmpty();
        }
        // RIO requires level and duration of a course, and a valid rio consumer entry where consumers are given
        assertThat(OoapiConformance.validateComponent(Profile.RIO, "Course", broken(rio, c -> c.remove("level")))).isNotEmpty();
        assertThat(OoapiConformance.validateComponent(Profile.RIO, "Course", broken(rio, c -> c.remove("duration")))).isNotEmpty();
        assertThat(OoapiConformance.validateComponent(Profile.RIO, "Course",
                broken(rio, c -> ((ObjectNode) c.get("consumers").get(0)).put("educationOffererCode", "21PF")))).isNotEmpty();
        assertThat(OoapiConformance.validateComponent(Profile.RIO, "Course",
                broken(rio, c -> ((ObjectNode) c.get("consumers").get(0)).remove("consentParticipationSTAP")))).isNotEmpty();
        assertThat(OoapiConformance.validateComponent(Profile.RIO, "Course",
                broken(rio, c -> ((ArrayNode) c.get("consumers")).removeAll()))).isNotEmpty();
        assertThat(OoapiConformance.validateComponent(Profile.RIO, "CourseRioConsumer",
                JSON.readTree("{\"consumerKey\":\"rio\",\"educationOffererCode\":\"123A456\",\"consentParticipationSTAP\":\"maybe\"}"))).isNotEmpty();
        // eduXchange: a consumer entry whose alliance is not one the profile knows
        assertThat(OoapiConformance.validateComponent(Profile.EDUXCHANGE, "EduXchangeConsumerCourse",
                JSON.readTree("{\"consumerKey\":\"eduxchange\",\"alliances\":[{\"name\":\"pilot\"}]}"))).isNotEmpty();
    }
}
