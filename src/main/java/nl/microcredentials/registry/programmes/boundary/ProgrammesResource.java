package nl.microcredentials.registry.programmes.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.Problem;
import static nl.microcredentials.registry.platform.rest.QueryParams.blank;
import static nl.microcredentials.registry.platform.rest.QueryParams.decimal;
import static nl.microcredentials.registry.platform.rest.QueryParams.enumValue;
import static nl.microcredentials.registry.platform.rest.QueryParams.instant;
import static nl.microcredentials.registry.platform.rest.QueryParams.integer;
import nl.microcredentials.registry.platform.rest.RegistryApplication;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.programmes.control.NlqfLevel;
import nl.microcredentials.registry.programmes.control.Achievements;
import nl.microcredentials.registry.programmes.control.ProgrammeSearch;
import nl.microcredentials.registry.programmes.entity.Participation;
import nl.microcredentials.registry.programmes.entity.ProgrammeStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/programmes}: the micro-credential programmes, their versions, publication and verification. */
@RequestScoped
@Path("programmes")
@Tag(name = "Programmes", description = "Micro-credential programmes of the member institutions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid input; errors[] names each field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProgrammesResource {

    @Inject
    Programmes programmes;

    @Inject
    BadgeClassChecks badgeClassChecks;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Context
    HttpHeaders headers;

    @Context
    jakarta.servlet.http.HttpServletRequest servletRequest;

    @Inject
    nl.microcredentials.registry.platform.rest.PublicUrl publicUrl;

    @Schema(name = "ProgrammePage")
    public record ProgrammePage(List<ProgrammeView> items, int pageNumber, int pageSize, long totalItems, int totalPages, boolean hasNextPage) { }

    public record WithdrawRequest(@Schema(required = true, example = "Replaced by a new programme") String reason) { }

    @GET
    @Operation(operationId = "listProgrammes", summary = "The catalogue of micro-credential programmes",
            description = "The public sees published programmes only; an institution's staff also its own drafts and withdrawn ones; "
                    + "coordinators everything. q searches titles, descriptions and learning outcomes in Dutch and English "
                    + "(PostgreSQL full-text search) and orders by relevance. updatedSince serves systems that synchronise.")
    @APIResponse(responseCode = "200", description = "A page of programmes", content = @Content(schema = @Schema(implementation = ProgrammePage.class)))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "1-based page number", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "1"))
    @Parameter(name = "pageSize", in = ParameterIn.QUERY, description = "items per page, 1..250", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "relevance (with q), updatedAt, createdAt, title, ects, institution; '-' for descending",
            schema = @Schema(type = SchemaType.STRING, defaultValue = "-updatedAt"))
    public Page<ProgrammeView> list(
            @QueryParam("institution") @Parameter(description = "institution code") String institution,
            @QueryParam("q") @Parameter(description = "search text") String q,
            @QueryParam("nlqfLevel") @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"ENTRY", "1", "2", "3", "4", "4+", "5", "6", "7", "8"})) String nlqfLevel,
            @QueryParam("eqfLevel") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "8")) String eqfLevel,
            @QueryParam("minEcts") @Parameter(schema = @Schema(type = SchemaType.NUMBER)) String minEcts,
            @QueryParam("maxEcts") @Parameter(schema = @Schema(type = SchemaType.NUMBER)) String maxEcts,
            @QueryParam("language") @Parameter(description = "ISO 639 code") String language,
            @QueryParam("participation") @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"ONLINE", "ONSITE", "BLENDED", "WORK_EXPERIENCE"})) String participation,
            @QueryParam("status") @Parameter(description = "staff only", schema = @Schema(type = SchemaType.STRING, enumeration = {"DRAFT", "PUBLISHED", "WITHDRAWN"})) String status,
            @QueryParam("updatedSince") @Parameter(description = "an instant (2026-03-01T00:00:00Z) or a date") String updatedSince,
            @BeanParam PageRequest page) {
        return programmes.list(filter(institution, q, nlqfLevel, eqfLevel, minEcts, maxEcts, language, participation, status, updatedSince), page);
    }

    @GET
    @Path("facets")
    @Operation(operationId = "getProgrammeFacets", summary = "Counts per institution, NLQF level, language and form of participation for a catalogue search",
            description = "Takes the filters of the list. Each dimension is counted with every other filter applied but its own.")
    @APIResponse(responseCode = "200", description = "The counts", content = @Content(schema = @Schema(implementation = Facets.class)))
    public Facets facets(@QueryParam("institution") String institution, @QueryParam("q") String q, @QueryParam("nlqfLevel") String nlqfLevel,
                         @QueryParam("eqfLevel") String eqfLevel, @QueryParam("minEcts") String minEcts, @QueryParam("maxEcts") String maxEcts,
                         @QueryParam("language") String language, @QueryParam("participation") String participation,
                         @QueryParam("status") String status, @QueryParam("updatedSince") String updatedSince) {
        return programmes.facets(filter(institution, q, nlqfLevel, eqfLevel, minEcts, maxEcts, language, participation, status, updatedSince));
    }

    static ProgrammeSearch.Filter filter(String institution, String q, String nlqfLevel, String eqfLevel, String minEcts, String maxEcts,
                                         String language, String participation, String status, String updatedSince) {
        var filter = new ProgrammeSearch.Filter(blank(institution), blank(q), nlqf(nlqfLevel), integer("eqfLevel", eqfLevel, 1, 8),
                decimal("minEcts", minEcts), decimal("maxEcts", maxEcts), language(language),
                enumValue("participation", participation, Participation.class), enumValue("status", status, ProgrammeStatus.class),
                instant("updatedSince", updatedSince));
        if (filter.hasText() && filter.q().length() > 200) throw RegistryException.invalid("q", "must be at most 200 characters");
        return filter;
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getProgramme", summary = "Read a programme (its latest version)", description = "Drafts only for their institution and coordinators (404 otherwise).")
    @APIResponse(responseCode = "200", description = "The programme", content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or not visible to the caller", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        return tagged(programmes.get(id));
    }

    @GET
    @Path("{id}/versions")
    @Operation(operationId = "listProgrammeVersions", summary = "A programme's version history", description = "The public sees published versions; staff also the draft.")
    @APIResponse(responseCode = "200", description = "Newest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = VersionSummary.class)))
    public List<VersionSummary> versions(@PathParam("id") String id) {
        return programmes.versions(id);
    }

    @GET
    @Path("{id}/versions/{n}")
    @Operation(operationId = "getProgrammeVersion", summary = "One version of a programme, as it was published", description = "Published versions never change.")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    public ProgrammeView version(@PathParam("id") String id, @PathParam("n") String n) {
        return programmes.version(id, integer("n", n, 1, Integer.MAX_VALUE));
    }

    @GET
    @Path("badge-class-warnings")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "listBadgeClassWarnings", summary = "Badge classes that disagree with their programme, cannot be read or are no badge class",
            description = "Coordinators see every institution's, an institution's staff their own. Checked on publication and nightly.")
    @APIResponse(responseCode = "200", description = "The checks with a warning, newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = BadgeClassChecks.View.class)))
    public List<BadgeClassChecks.View> badgeClassWarnings() {
        return badgeClassChecks.warnings();
    }

    @GET
    @Path("{id}/badge-class-check")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "getBadgeClassCheck", summary = "The last check of the programme's edubadges badge class (its institution's staff, coordinators)",
            description = "status PENDING, AGREES, DISAGREES (findings: field, registered, badgeClass), UNREACHABLE or INVALID (detail).")
    @APIResponse(responseCode = "200", description = "The check", content = @Content(schema = @Schema(implementation = BadgeClassChecks.View.class)))
    @APIResponse(responseCode = "404", description = "Unknown programme, not the caller's, or no badge class checked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BadgeClassChecks.View badgeClassCheck(@PathParam("id") String id) {
        return badgeClassChecks.of(id).orElseThrow(() -> RegistryException.notFound("Badge class check of programme", id));
    }

    @POST
    @Path("{id}/badge-class-check")
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "recheckBadgeClass", summary = "Check the programme's badge class again now (its institution's admin, coordinators)")
    @APIResponse(responseCode = "202", description = "Scheduled", content = @Content(schema = @Schema(implementation = BadgeClassChecks.View.class)))
    @APIResponse(responseCode = "409", description = "The programme names no badge class",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response recheckBadgeClass(@PathParam("id") String id) {
        return Response.accepted(badgeClassChecks.recheck(id)).build();
    }

    @GET
    @Path("{id}/achievement")
    @Produces({Achievements.LD_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getProgrammeAchievement", summary = "The programme as an Open Badges 3.0 Achievement (public; its newest published version)",
            description = "achievementType MicroCredential, creditsAvailable = EC, the NLQF and EQF levels as alignments, the institution as "
                    + "creator (an OB3 Profile). lang=en|nl picks the language version (each names the other in related).")
    @APIResponse(responseCode = "200", description = "The OB3 Achievement (JSON-LD)")
    @APIResponse(responseCode = "404", description = "Unknown or never published", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response achievement(@PathParam("id") String id, @QueryParam("lang") @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"en", "nl"})) String lang) {
        return achievementOf(programmes.published(id, null), lang);
    }

    @GET
    @Path("{id}/versions/{n}/achievement")
    @Produces({Achievements.LD_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getProgrammeVersionAchievement", summary = "One published version as an Open Badges 3.0 Achievement (public; its id is this stable URL)")
    @APIResponse(responseCode = "200", description = "The OB3 Achievement (JSON-LD)")
    @APIResponse(responseCode = "404", description = "Unknown or not published", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response versionAchievement(@PathParam("id") String id, @PathParam("n") String n,
                                       @QueryParam("lang") @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"en", "nl"})) String lang) {
        return achievementOf(programmes.published(id, integer("n", n, 1, Integer.MAX_VALUE)), lang);
    }

    private Response achievementOf(Achievements.PublishedVersion version, String lang) {
        if (lang != null && !lang.isEmpty() && !lang.equals("en") && !lang.equals("nl")) throw RegistryException.invalid("lang", "must be en or nl");
        var body = Achievements.achievement(version, lang, publicUrl.of(uri, servletRequest), true);
        MediaType type = headers.getAcceptableMediaTypes().stream().anyMatch(t -> t.isCompatible(MediaType.valueOf(Achievements.LD_JSON)) && !t.isWildcardType())
                ? MediaType.valueOf(Achievements.LD_JSON) : MediaType.APPLICATION_JSON_TYPE;
        jakarta.ws.rs.core.CacheControl cache = new jakarta.ws.rs.core.CacheControl();
        cache.setMaxAge(300);
        return Response.ok(body.toString(), type).cacheControl(cache).build();
    }

    @POST
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "createProgramme", summary = "Register a programme (institution-admin; the institution is the caller's)", description = "It starts as a DRAFT.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "403", description = "Not an institution admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(ProgrammeInput input) {
        ProgrammeView created = programmes.create(input);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .tag(ETags.of(created.version())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "updateProgramme", summary = "Change a programme (its institution's admin)",
            description = "A draft is changed in place. A published programme's change must be complete and becomes a new published "
                    + "version; the earlier versions stay readable. A withdrawn programme's change becomes a new draft. If-Match: 412 when stale.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "409", description = "A published programme would lose a mandatory element", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, ProgrammeInput input) {
        return tagged(programmes.update(id, input, ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/publish")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "publishProgramme", summary = "Publish a programme (its institution's admin)",
            description = "Needs every EU Annex I element: title, learning outcomes, EC and study hours, NLQF/EQF level, type of assessment, "
                    + "form of participation, quality assurance, and microcredentialSince. 409 lists what is missing.")
    @APIResponse(responseCode = "200", description = "Published", content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "409", description = "Incomplete, or already published", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return tagged(programmes.publish(id, ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/withdraw")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "withdrawProgramme", summary = "Withdraw a published programme (its institution's admin), with a reason")
    @APIResponse(responseCode = "200", description = "Withdrawn", content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "409", description = "Not published", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response withdraw(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, WithdrawRequest body) {
        return tagged(programmes.withdraw(id, body == null ? null : body.reason(), ifMatch(id, ifMatch)));
    }

    @GET
    @Path("{id}/verification")
    @Operation(operationId = "getProgrammeVerification", summary = "Is this programme a registered, published pilot micro-credential? (public)")
    @APIResponse(responseCode = "200", description = "The verification", content = @Content(schema = @Schema(implementation = Verification.class)))
    public Verification verification(@PathParam("id") String id) {
        return programmes.verification(id);
    }

    private Response tagged(ProgrammeView view) {
        var tag = ETags.of(view.version());
        if ("GET".equals(request.getMethod())) {
            var notModified = ETags.conditionalGet(headers.getHeaderString(HttpHeaders.IF_MATCH), headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag);
            if (notModified.isPresent()) return notModified.get().build();
        }
        return Response.ok(view).tag(tag).build();
    }

    /** The version If-Match requires; a list naming several versions is resolved against the current one. */
    private java.util.OptionalInt ifMatch(String id, String header) {
        return ETags.ifMatch(header, () -> programmes.get(id).version());
    }

    // ---- query parameters: a bad one is a 400 naming it ----------------------------------------


    static String nlqf(String value) {
        if (blank(value) == null) return null;
        return NlqfLevel.parse(value.trim()).map(NlqfLevel::code)
                .orElseThrow(() -> RegistryException.invalid("nlqfLevel", "must be one of " + String.join(", ", NlqfLevel.codes())));
    }



    static String language(String value) {
        if (blank(value) == null) return null;
        String code = value.trim().toLowerCase(Locale.ROOT);
        if (!code.matches("[a-z]{2,3}")) throw RegistryException.invalid("language", "must be an ISO 639 code such as en or nl");
        return code;
    }


}
