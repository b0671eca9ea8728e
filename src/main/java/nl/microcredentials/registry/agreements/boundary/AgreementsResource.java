package nl.microcredentials.registry.agreements.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.LocalDate;
import java.util.List;
import nl.microcredentials.registry.agreements.entity.AgreementStatus;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.Problem;
import nl.microcredentials.registry.platform.rest.QueryParams;
import nl.microcredentials.registry.platform.rest.RegistryApplication;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/agreements}: recognition agreements, their versions, approvals by hash, termination and history. */
@RequestScoped
@Path("agreements")
@Tag(name = "Agreements", description = "Recognition agreements between member institutions (approved by every party on the SHA-256 hash of the terms)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid input; errors[] names each field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AgreementsResource {

    @Inject
    Agreements agreements;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Context
    HttpHeaders headers;

    @Schema(name = "AgreementPage")
    public record AgreementPage(List<AgreementView> items, int pageNumber, int pageSize, long totalItems, int totalPages, boolean hasNextPage) { }

    @Schema(name = "ApprovalRequest")
    public record ApprovalRequest(@Schema(required = true, description = "the termsHash of the terms the party approves") String termsHash) { }

    @Schema(name = "TerminationRequest")
    public record TerminationRequest(@Schema(required = true) String reason,
                                     @Schema(required = true, example = "2027-08-31", description = "today or later") LocalDate effectiveOn) { }

    @GET
    @Operation(operationId = "listAgreements", summary = "Recognition agreements",
            description = "The public sees ACTIVE, EXPIRED and TERMINATED agreements; parties also their drafts and proposals; coordinators all. "
                    + "updatedSince lists every agreement changed since then (approvals, new versions, termination): for systems that sync.")
    @APIResponse(responseCode = "200", description = "A page of agreements", content = @Content(schema = @Schema(implementation = AgreementPage.class)))
    @Parameter(name = "page", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, defaultValue = "1"))
    @Parameter(name = "pageSize", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "updatedAt, createdAt, title; '-' for descending",
            schema = @Schema(type = SchemaType.STRING, defaultValue = "-updatedAt"))
    public Page<AgreementView> list(
            @QueryParam("institution") @Parameter(description = "a party's code") String institution,
            @QueryParam("status") @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"DRAFT", "PROPOSED", "ACTIVE", "TERMINATED", "EXPIRED"})) String status,
            @QueryParam("programme") @Parameter(description = "agreements whose scope covers this programme") String programme,
            @QueryParam("updatedSince") @Parameter(description = "an instant (2026-03-01T00:00:00Z) or a date") String updatedSince,
            @BeanParam PageRequest page) {
        String s = QueryParams.enumValue("status", status, AgreementStatus.class);
        return agreements.list(new Agreements.Filter(QueryParams.blank(institution), s == null ? null : AgreementStatus.valueOf(s),
                QueryParams.blank(programme), QueryParams.instant("updatedSince", updatedSince)), page);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getAgreement", summary = "Read an agreement")
    @APIResponse(responseCode = "200", description = "The agreement", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or not visible to the caller", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        return tagged(agreements.get(id));
    }

    @GET
    @Path("{id}/versions")
    @Operation(operationId = "listAgreementVersions", summary = "The versions of an agreement's terms, newest first, each with its hash and the approvals of that hash")
    @APIResponse(responseCode = "200", description = "The versions", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AgreementView.VersionView.class)))
    public List<AgreementView.VersionView> versions(@PathParam("id") String id) {
        return agreements.versions(id);
    }

    @GET
    @Path("{id}/versions/{n}")
    @Operation(operationId = "getAgreementVersion", summary = "One version of an agreement's terms")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(schema = @Schema(implementation = AgreementView.VersionView.class)))
    public AgreementView.VersionView version(@PathParam("id") String id, @PathParam("n") String n) {
        return agreements.version(id, QueryParams.integer("n", n, 1, Integer.MAX_VALUE));
    }

    @GET
    @Path("{id}/history")
    @Operation(operationId = "getAgreementHistory", summary = "Every step in an agreement's life: who did what, when, from which status to which, on which terms hash")
    @APIResponse(responseCode = "200", description = "Oldest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AgreementView.HistoryEntry.class)))
    public List<AgreementView.HistoryEntry> history(@PathParam("id") String id) {
        return agreements.history(id);
    }

    @POST
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "createAgreement", summary = "Create an agreement as a DRAFT (institution-admin of a party; coordinator for the consortium-wide one)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "403", description = "Not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(AgreementInput input) {
        AgreementView created = agreements.create(input);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).tag(ETags.of(created.version())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "updateAgreement", summary = "Change an agreement (an admin of a party)",
            description = "A draft changes in place. Changed terms of a PROPOSED or ACTIVE agreement make a new version with a new termsHash; "
                    + "earlier approvals do not count for it, and an ACTIVE agreement stays in force on its last approved version until "
                    + "every party approves the new one. A title-only change keeps the hash. If-Match: 412 when stale. "
                    + "The parties are fixed once the agreement has been proposed: other parties make a new agreement (409 naming parties).")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "409", description = "Not editable in its status", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, AgreementInput input) {
        return tagged(agreements.update(id, input, ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/propose")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "proposeAgreement", summary = "Propose a draft to the parties for approval")
    @APIResponse(responseCode = "200", description = "Proposed", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "409", description = "Not a draft", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response propose(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return tagged(agreements.propose(id, ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/approvals")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "approveAgreement", summary = "Approve the exact terms named by their hash (an admin of a party that has not approved them)",
            description = "When every party has approved the current hash the agreement is ACTIVE on that version. "
                    + "409 for a hash that is not the current one, for approving twice, or when nothing awaits approval; 403 for a non-party.")
    @APIResponse(responseCode = "200", description = "Approved", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "403", description = "Not a party's admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Stale hash, approved already, or not awaiting approval", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response approve(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, ApprovalRequest body) {
        return tagged(agreements.approve(id, body == null ? null : body.termsHash(), ifMatch(id, ifMatch)));
    }

    @POST
    @Path("{id}/terminate")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "terminateAgreement", summary = "Terminate an active agreement, with a reason and the date it ends (recognition holds until then)",
            description = "Only an admin of a party bound by the version in force (the consortium-wide agreement: a coordinator); others get 403.")
    @APIResponse(responseCode = "200", description = "Terminated", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "409", description = "Not active", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response terminate(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, TerminationRequest body) {
        return tagged(agreements.terminate(id, body == null ? null : body.reason(), body == null ? null : body.effectiveOn(), ifMatch(id, ifMatch)));
    }

    @DELETE
    @Path("{id}")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "deleteAgreement", summary = "Delete an agreement that no party ever approved (its id is never reused)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Approved once, or active", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        agreements.delete(id, ifMatch(id, ifMatch));
        return Response.noContent().build();
    }

    private Response tagged(AgreementView view) {
        var tag = ETags.of(view.version());
        if ("GET".equals(request.getMethod())) {
            var notModified = ETags.conditionalGet(headers.getHeaderString(HttpHeaders.IF_MATCH), headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag);
            if (notModified.isPresent()) return notModified.get().build();
        }
        return Response.ok(view).tag(tag).build();
    }

    /** The version If-Match requires; a list naming several versions is resolved against the current one. */
    private java.util.OptionalInt ifMatch(String id, String header) {
        return ETags.ifMatch(header, () -> agreements.get(id).version());
    }
}
