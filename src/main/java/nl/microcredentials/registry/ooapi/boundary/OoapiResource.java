package nl.microcredentials.registry.ooapi.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import nl.microcredentials.registry.ooapi.control.CourseMapping;
import nl.microcredentials.registry.ooapi.control.CourseMapping.Consumer;
import nl.microcredentials.registry.ooapi.control.CourseMapping.Member;
import nl.microcredentials.registry.ooapi.control.CourseMapping.Options;
import nl.microcredentials.registry.ooapi.control.CourseMapping.PublishedCourse;
import nl.microcredentials.registry.ooapi.control.OoapiIds;
import nl.microcredentials.registry.ooapi.control.OoapiQuery;
import nl.microcredentials.registry.ooapi.control.OoapiQuery.OoapiProblem;
import nl.microcredentials.registry.programmes.entity.Participation;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Open Education API v5 provider, public and read-only, exactly as {@code ooapi-v5.0.0.yaml} says (its field
 * names, lower-case enums, language-typed strings, {@code pageNumber}/{@code pageSize} pagination, problem answers
 * with the status as a string). Served at {@code /ooapi/v5} (forwarded here by {@link OoapiPath}).
 */
@Path("ooapi/v5")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Open Education API v5", description = "The pilot's published catalogue as OOAPI v5 (also at /ooapi/v5): "
        + "organizations, education specifications, courses and offerings, with ?consumer=rio and ?consumer=eduxchange")
public class OoapiResource {

    static final String PROBLEM = "application/problem+json";
    private static final int MAX_AGE_SECONDS = 60;

    @Inject
    OoapiCatalogue catalogue;

    @Inject
    nl.microcredentials.registry.platform.rest.PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "registry.ooapi.contact.email", defaultValue = "pilot-office@microcredentials.invalid")
    String contactEmail;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "OOAPI service: who provides this endpoint")
    @APIResponse(responseCode = "200", description = "The service object")
    public Response service() {
        return answer(() -> Json.createObjectBuilder()
                .add("contactEmail", contactEmail)
                .add("specification", base() + "/openapi")
                .add("documentation", base() + "/")
                .add("consumers", Json.createArrayBuilder())
                .build());
    }

    // ---- organizations ----------------------------------------------------------------------------

    @GET
    @Path("organizations")
    @Operation(summary = "OOAPI organizations: the consortium (root) and its member institutions (institute)")
    @APIResponse(responseCode = "200", description = "A page of organizations")
    @APIResponse(responseCode = "400", description = "An invalid parameter")
    public Response organizations() {
        return answer(() -> {
            OoapiQuery query = query();
            int size = query.pageSize();
            int number = query.pageNumber();
            String type = query.oneOf("organizationType", Set.of("root", "institute", "department", "faculty", "branch", "academy", "school"));
            String sort = query.sort(List.of("name", "organizationId"), "name");
            String q = query.text("q");
            String primaryCode = query.text("primaryCode");
            Consumer consumer = Consumer.of(query.value("consumer"));
            List<JsonObject> all = new ArrayList<>();
            String rootName = "Dutch national pilot of micro-credentials";
            if (type == null || type.equals("root")) {
                if (matches(q, rootName) && (primaryCode == null || primaryCode.equals("microcredentials-pilot"))) {
                    all.add(CourseMapping.root(rootName, base()));
                }
            }
            if (type == null || type.equals("institute")) {
                for (Member m : catalogue.members()) {
                    if (!matches(q, m.name()) && !matches(q, m.code())) continue;
                    if (primaryCode != null && !primaryCode.equals(m.brin()) && !primaryCode.equals(m.code())) continue;
                    all.add(CourseMapping.organization(m, consumer));
                }
            }
            Comparator<JsonObject> order = sort.endsWith("organizationId")
                    ? Comparator.comparing(o -> o.getString("organizationId"))
                    : Comparator.comparing((JsonObject o) -> o.getJsonArray("name").getJsonObject(0).getString("value"), String.CASE_INSENSITIVE_ORDER)
                            .thenComparing(o -> o.getString("organizationId"));
            if (sort.startsWith("-")) order = order.reversed();
            all.sort(order);
            return page(all, number, size);
        });
    }

    @GET
    @Path("organizations/{organizationId}")
    @Operation(summary = "OOAPI organization")
    @APIResponse(responseCode = "200", description = "The organization")
    @APIResponse(responseCode = "404", description = "No such organization")
    public Response organization(@PathParam("organizationId") String organizationId) {
        return answer(() -> {
            OoapiQuery query = query();
            Set<String> expand = query.expand(Set.of("parent", "children"));
            Consumer consumer = Consumer.of(query.value("consumer"));
            String id = OoapiIds.canonical(organizationId);
            if (id == null) throw OoapiProblem.notFound("organization", organizationId);
            String rootName = "Dutch national pilot of micro-credentials";
            if (id.equals(OoapiIds.CONSORTIUM)) {
                JsonObject root = CourseMapping.root(rootName, base());
                if (!expand.contains("children")) return root;
                JsonArrayBuilder children = Json.createArrayBuilder();
                catalogue.members().forEach(m -> children.add(CourseMapping.organization(m, consumer)));
                return Json.createObjectBuilder(root).add("children", children).build();
            }
            Member member = catalogue.member(id).orElseThrow(() -> OoapiProblem.notFound("organization", organizationId));
            JsonObject organization = CourseMapping.organization(member, consumer);
            if (expand.contains("parent")) {
                organization = Json.createObjectBuilder(organization).add("parent", CourseMapping.root(rootName, base())).build();
            }
            if (expand.contains("children")) {
                organization = Json.createObjectBuilder(organization).add("children", Json.createArrayBuilder()).build();
            }
            return organization;
        });
    }

    @GET
    @Path("organizations/{organizationId}/courses")
    @Operation(summary = "OOAPI courses of one organization")
    @APIResponse(responseCode = "200", description = "A page of courses")
    @APIResponse(responseCode = "404", description = "No such organization")
    public Response organizationCourses(@PathParam("organizationId") String organizationId) {
        return answer(() -> {
            String id = OoapiIds.canonical(organizationId);
            if (id == null) throw OoapiProblem.notFound("organization", organizationId);
            if (id.equals(OoapiIds.CONSORTIUM)) return coursePage(null);
            catalogue.member(id).orElseThrow(() -> OoapiProblem.notFound("organization", organizationId));
            return coursePage(id);
        });
    }

    // ---- courses ----------------------------------------------------------------------------------

    @GET
    @Path("courses")
    @Operation(summary = "OOAPI courses: every published micro-credential programme (its newest published version)")
    @APIResponse(responseCode = "200", description = "A page of courses")
    @APIResponse(responseCode = "400", description = "An invalid parameter")
    public Response courses() {
        return answer(() -> coursePage(null));
    }

    private JsonObject coursePage(String organizationId) {
        OoapiQuery query = query();
        int size = query.pageSize();
        int number = query.pageNumber();
        Consumer consumer = Consumer.of(query.value("consumer"));
        String sort = query.sort(List.of("name", "courseId"), "name");
        OoapiCatalogue.CourseFilter filter = filter(query, organizationId, consumer, sort.endsWith("courseId"), sort.startsWith("-"), true);
        var slice = catalogue.courses(filter, number, size);
        Options options = Options.plain(consumer, base());
        List<JsonObject> items = slice.items().stream().map(c -> CourseMapping.course(c, options)).toList();
        return page(items, number, size, slice.hasNextPage());
    }

    @GET
    @Path("courses/{courseId}")
    @Operation(summary = "OOAPI course: a published programme; its earlier published versions with returnTimelineOverrides=true")
    @APIResponse(responseCode = "200", description = "The course")
    @APIResponse(responseCode = "404", description = "No published programme with this id")
    public Response course(@PathParam("courseId") String courseId) {
        return answer(() -> {
            OoapiQuery query = query();
            Set<String> expand = query.expand(Set.of("programs", "coordinators", "organization", "educationSpecification"));
            boolean timeline = query.bool("returnTimelineOverrides");
            Consumer consumer = Consumer.of(query.value("consumer"));
            List<PublishedCourse> versions = published(courseId, timeline, consumer);
            Options options = new Options(consumer, expand.contains("educationSpecification"), expand.contains("organization"),
                    expand.contains("coordinators"), expand.contains("programs"), versions.subList(1, versions.size()), base());
            return CourseMapping.course(versions.get(0), options);
        });
    }

    @GET
    @Path("courses/{courseId}/offerings")
    @Operation(summary = "OOAPI offerings of a course: the registry records none, so an empty page for a published programme")
    @APIResponse(responseCode = "200", description = "A page of offerings")
    @APIResponse(responseCode = "404", description = "No published programme with this id")
    public Response courseOfferings(@PathParam("courseId") String courseId) {
        return answer(() -> {
            OoapiQuery query = query();
            int size = query.pageSize();
            int number = query.pageNumber();
            query.sort(List.of("offeringId", "name", "startDate", "endDate"), "startDate");
            published(courseId, false, Consumer.of(query.value("consumer")));
            return page(List.of(), number, size);
        });
    }

    @GET
    @Path("offerings/{offeringId}")
    @Operation(summary = "OOAPI offering: the registry records no offerings (404)")
    @APIResponse(responseCode = "404", description = "No such offering")
    public Response offering(@PathParam("offeringId") String offeringId) {
        return answer(() -> { throw OoapiProblem.notFound("offering", offeringId); });
    }

    // ---- education specifications --------------------------------------------------------------------

    @GET
    @Path("education-specifications")
    @Operation(summary = "OOAPI education specifications: one of type course per published programme (formalDocument certificate)")
    @APIResponse(responseCode = "200", description = "A page of education specifications")
    @APIResponse(responseCode = "400", description = "An invalid parameter")
    public Response educationSpecifications() {
        return answer(() -> {
            OoapiQuery query = query();
            int size = query.pageSize();
            int number = query.pageNumber();
            Consumer consumer = Consumer.of(query.value("consumer"));
            String type = query.oneOf("educationSpecificationType", Set.of("program", "privateProgram", "cluster", "course"));
            String sort = query.sort(List.of("name", "primaryCode", "educationSpecificationType"), "name");
            if (type != null && !type.equals("course")) return page(List.of(), number, size);
            OoapiCatalogue.CourseFilter filter = filter(query, null, consumer, false, sort.startsWith("-"), false);
            var slice = catalogue.courses(filter, number, size);
            Options options = Options.plain(consumer, base());
            List<JsonObject> items = slice.items().stream().map(c -> CourseMapping.educationSpecification(c, options)).toList();
            return page(items, number, size, slice.hasNextPage());
        });
    }

    @GET
    @Path("education-specifications/{educationSpecificationId}")
    @Operation(summary = "OOAPI education specification of a published programme")
    @APIResponse(responseCode = "200", description = "The education specification")
    @APIResponse(responseCode = "404", description = "No such education specification")
    public Response educationSpecification(@PathParam("educationSpecificationId") String educationSpecificationId) {
        return answer(() -> {
            OoapiQuery query = query();
            Set<String> expand = query.expand(Set.of("parent", "children", "organization"));
            boolean timeline = query.bool("returnTimelineOverrides");
            Consumer consumer = Consumer.of(query.value("consumer"));
            String id = OoapiIds.canonical(educationSpecificationId);
            if (id == null) throw OoapiProblem.notFound("education specification", educationSpecificationId);
            List<PublishedCourse> versions = published(OoapiIds.programmeOf(id), timeline, consumer, "education specification", educationSpecificationId);
            Options options = new Options(consumer, false, false, false, false, versions.subList(1, versions.size()), base());
            JsonObject specification = CourseMapping.educationSpecification(versions.get(0), options);
            if (expand.contains("organization")) {
                specification = Json.createObjectBuilder(specification)
                        .add("organization", CourseMapping.organization(versions.get(0).institution(), consumer)).build();
            }
            if (expand.contains("children")) {
                specification = Json.createObjectBuilder(specification).add("children", Json.createArrayBuilder()).build();
            }
            return specification;
        });
    }

    // ---- programs: a micro-credential is a course ------------------------------------------------------

    @GET
    @Path("programs")
    @Operation(summary = "OOAPI programs: none (a micro-credential is served as a course); an empty page")
    @APIResponse(responseCode = "200", description = "An empty page")
    public Response programs() {
        return answer(() -> {
            OoapiQuery query = query();
            int size = query.pageSize();
            int number = query.pageNumber();
            query.sort(List.of("programId", "name"), "name");
            return page(List.of(), number, size);
        });
    }

    @GET
    @Path("programs/{programId}")
    @Operation(summary = "OOAPI program: none (404)")
    @APIResponse(responseCode = "404", description = "No such program")
    public Response program(@PathParam("programId") String programId) {
        return answer(() -> { throw OoapiProblem.notFound("program", programId); });
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private List<PublishedCourse> published(String courseId, boolean timeline, Consumer consumer) {
        return published(courseId, timeline, consumer, "course", courseId);
    }

    private List<PublishedCourse> published(String programmeId, boolean timeline, Consumer consumer, String what, String shown) {
        String id = OoapiIds.canonical(programmeId);
        if (id == null) throw OoapiProblem.notFound(what, shown);
        List<PublishedCourse> versions = catalogue.course(id, timeline).orElseThrow(() -> OoapiProblem.notFound(what, shown));
        if (!CourseMapping.servable(versions.get(0), consumer)) throw OoapiProblem.notFound(what, shown);
        return versions;
    }

    private OoapiCatalogue.CourseFilter filter(OoapiQuery query, String organizationId, Consumer consumer, boolean byId,
                                               boolean descending, boolean courseFilters) {
        String q = query.text("q");
        String primaryCode = query.text("primaryCode");
        String language = null;
        List<String> levels = null;
        boolean otherLevels = false;
        Participation participation = null;
        if (courseFilters) {
            String teachingLanguage = query.text("teachingLanguage");
            if (teachingLanguage != null) language = OoapiQuery.iso639_1(teachingLanguage);
            String level = query.oneOf("level", OoapiQuery.LEVELS.keySet());
            if (level != null) {
                otherLevels = level.equals("undefined");
                levels = otherLevels ? List.of("5", "6", "7", "8") : OoapiQuery.LEVELS.get(level);
            }
            String mode = query.oneOf("modeOfDelivery", OoapiQuery.MODES.keySet());
            if (mode != null) participation = OoapiQuery.MODES.get(mode);
            if (mode != null && participation == null || level != null && levels.isEmpty() && !otherLevels) {
                return impossible();
            }
        }
        return new OoapiCatalogue.CourseFilter(organizationId, consumer == Consumer.RIO, q, primaryCode, language, levels, otherLevels,
                participation, descending, byId);
    }

    /** A filter that matches nothing (a value OOAPI knows but the registry never records). */
    private static OoapiCatalogue.CourseFilter impossible() {
        return new OoapiCatalogue.CourseFilter(OoapiIds.CONSORTIUM, false, null, null, null, null, false, null, false, true);
    }

    private OoapiQuery query() {
        return new OoapiQuery(uri.getQueryParameters());
    }

    private static boolean matches(String q, String value) {
        return q == null || value != null && value.toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT));
    }

    private static JsonObject page(List<JsonObject> all, int number, int size) {
        int from = Math.min((number - 1) * size, all.size());
        int to = Math.min(from + size, all.size());
        return page(all.subList(from, to), number, size, to < all.size());
    }

    private static JsonObject page(List<JsonObject> items, int number, int size, boolean hasNext) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.forEach(array::add);
        return Json.createObjectBuilder()
                .add("pageSize", size)
                .add("pageNumber", number)
                .add("hasPreviousPage", number > 1)
                .add("hasNextPage", hasNext)
                .add("items", array)
                .build();
    }

    /** The public address of the registry: {@code REGISTRY_PUBLIC_URL}, else the one this request came in on. */
    private String base() {
        return publicUrl.of(uri, request);
    }

    private Response answer(java.util.function.Supplier<JsonObject> body) {
        try {
            CacheControl cache = new CacheControl();
            cache.setMaxAge(MAX_AGE_SECONDS);
            return Response.ok(body.get(), MediaType.APPLICATION_JSON_TYPE).cacheControl(cache).build();
        } catch (OoapiProblem problem) {
            return Response.status(problem.status()).type(PROBLEM).entity(Json.createObjectBuilder()
                    .add("status", String.valueOf(problem.status()))
                    .add("title", problem.title())
                    .add("detail", problem.getMessage())
                    .build()).build();
        }
    }
}
