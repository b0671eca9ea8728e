package nl.microcredentials.registry.institutions.boundary;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.Problem;
import nl.microcredentials.registry.platform.rest.RegistryApplication;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.rest.StrictJsonReader;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/institutions}: the member institutions (public to read, coordinators change them) and their boards. */
@RequestScoped
@Path("institutions")
@Tag(name = "Institutions", description = "Member institutions of the pilot and their Boards of Examiners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid input; errors[] names each field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class InstitutionsResource {

    @Inject
    Institutions institutions;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Inject
    nl.microcredentials.registry.platform.rest.PublicUrl publicUrl;

    @Schema(name = "InstitutionPage")
    public record InstitutionPage(List<InstitutionView> items, int pageNumber, int pageSize, long totalItems, int totalPages, boolean hasNextPage) { }

    @GET
    @Operation(operationId = "listInstitutions", summary = "List the member institutions", description = "Public. Sortable by code, name, sector, memberSince, createdAt, updatedAt.")
    @APIResponse(responseCode = "200", description = "A page of institutions", content = @Content(schema = @Schema(implementation = InstitutionPage.class)))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "1-based page number", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "1"))
    @Parameter(name = "pageSize", in = ParameterIn.QUERY, description = "items per page, 1..250", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "code, name, sector, memberSince, createdAt or updatedAt; '-' for descending",
            schema = @Schema(type = SchemaType.STRING, defaultValue = "name"))
    public Page<InstitutionView> list(
            @QueryParam("sector") @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"WO", "HBO"})) String sector,
            @QueryParam("active") @Parameter(description = "true or false") String active,
            @QueryParam("q") @Parameter(description = "part of the name or code") String q,
            @BeanParam PageRequest page) {
        return institutions.list(new Institutions.Filter(parseSector(sector), parseBoolean("active", active), q), page);
    }

    @GET
    @Path("{code}")
    @Operation(operationId = "getInstitution", summary = "Read a member institution", description = "Public. The ETag is the version; If-None-Match gives 304.")
    @APIResponse(responseCode = "200", description = "The institution", content = @Content(schema = @Schema(implementation = InstitutionView.class)))
    @APIResponse(responseCode = "404", description = "Unknown code", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        InstitutionView view = institutions.get(code);
        var tag = ETags.of(view.version());
        var notModified = ETags.conditionalGet(ifMatch, ifNoneMatch, tag);
        if (notModified.isPresent()) return notModified.get().build();
        return Response.ok(view).tag(tag).build();
    }

    @POST
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "createInstitution", summary = "Add a member institution (coordinator)", description = "It gets no board automatically: add its Board of Examiners next.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = InstitutionView.class)))
    @APIResponse(responseCode = "409", description = "The code is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(InstitutionInput input) {
        InstitutionView created = institutions.create(input);
        return Response.created(uri.getAbsolutePathBuilder().path(created.code()).build())
                .tag(ETags.of(created.version())).entity(created).build();
    }

    @GET
    @Path("{code}/profile")
    @Produces({"application/ld+json", MediaType.APPLICATION_JSON})
    @Operation(operationId = "getIssuerProfile", summary = "The institution as an Open Badges 3.0 Profile (public)",
            description = "The issuer (creator) of its micro-credentials' achievements; schacHome and BRIN as otherIdentifier.")
    @APIResponse(responseCode = "200", description = "The OB3 Profile (JSON-LD)")
    @APIResponse(responseCode = "404", description = "Unknown code", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response profile(@PathParam("code") String code, @Context jakarta.servlet.http.HttpServletRequest servletRequest) {
        InstitutionView view = institutions.get(code);
        var issuer = new nl.microcredentials.registry.institutions.control.IssuerProfile.Issuer(view.code(), view.name(), view.website(),
                view.brin(), view.schacHome());
        var body = nl.microcredentials.registry.institutions.control.IssuerProfile.profile(issuer, publicUrl.of(uri, servletRequest), true);
        boolean ld = headers.getAcceptableMediaTypes().stream().anyMatch(t -> !t.isWildcardType() && t.isCompatible(MediaType.valueOf("application/ld+json")));
        return Response.ok(body.toString(), ld ? MediaType.valueOf("application/ld+json") : MediaType.APPLICATION_JSON_TYPE).build();
    }

    @PUT
    @Path("{code}")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "updateInstitution", summary = "Update a member institution (coordinator; the institution's admin for its identifiers)",
            description = "Send If-Match with the ETag you read; 412 when it is stale. An institution's own admin may change only "
                    + "educationOffererCode and schacHome (the rest of the body must be as it is; 403 naming the fields otherwise).")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = InstitutionView.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @StrictJsonReader.NotRequiredHere("code") InstitutionInput input) {
        InstitutionView updated = institutions.update(code, input, ETags.ifMatch(ifMatch, () -> institutions.get(code).version()));
        return Response.ok(updated).tag(ETags.of(updated.version())).build();
    }

    @Schema(name = "BoardPage")
    public record BoardPage(List<BoardView> items, int pageNumber, int pageSize, long totalItems, int totalPages, boolean hasNextPage) { }

    @GET
    @Path("{code}/boards")
    @Operation(operationId = "listBoards", summary = "List an institution's Boards of Examiners",
            description = "Public: name and contact. The institution's staff and coordinators also see decision terms and routing prefixes. "
                    + "The paging envelope of every collection; sortable by name, isDefault, createdAt, updatedAt (default: the default board first, then by name).")
    @APIResponse(responseCode = "200", description = "A page of boards", content = @Content(schema = @Schema(implementation = BoardPage.class)))
    @APIResponse(responseCode = "404", description = "Unknown code", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "1-based page number", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "1"))
    @Parameter(name = "pageSize", in = ParameterIn.QUERY, description = "items per page, 1..250", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "name, isDefault, createdAt or updatedAt; '-' for descending; comma-separated",
            schema = @Schema(type = SchemaType.STRING, defaultValue = "-isDefault,name"))
    public Page<BoardView> boards(@PathParam("code") String code, @BeanParam PageRequest page) {
        return institutions.boards(code, page);
    }

    @POST
    @Path("{code}/boards")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "createBoard", summary = "Add a Board of Examiners (that institution's admin, or a coordinator)",
            description = "isDefault true makes it the institution's default board (the previous one stops being default).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = BoardView.class)))
    @APIResponse(responseCode = "403", description = "Not an admin of this institution", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A prefix is already routed to another board", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addBoard(@PathParam("code") String code, BoardInput input) {
        BoardView created = institutions.addBoard(code, input);
        return Response.created(uri.getBaseUriBuilder().path("boards").path(created.id()).build())
                .tag(ETags.of(created.version())).entity(created).build();
    }

    static Sector parseSector(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Sector.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid("sector", "must be WO or HBO");
        }
    }

    static Boolean parseBoolean(String field, String value) {
        if (value == null || value.isBlank()) return null;
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw RegistryException.invalid(field, "must be true or false");
        };
    }
}
