package nl.microcredentials.registry.ooapi.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.Problem;
import nl.microcredentials.registry.platform.rest.RegistryApplication;
import nl.microcredentials.registry.platform.rest.RegistryException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/institutions/{code}/ooapi-source}: an institution imports its programmes from its own Open Education API v5
 * endpoint. Its admin sets the endpoint and starts syncs; its admin and the coordinators read the syncs' reports.
 */
@RequestScoped
@Path("institutions/{code}/ooapi-source")
@Tag(name = "OOAPI import", description = "Programmes imported as drafts from an institution's own Open Education API v5 endpoint")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = RegistryApplication.BEARER)
public class OoapiSourceResource {

    @Inject
    OoapiImports imports;

    @Context
    UriInfo uri;

    @Schema(name = "OoapiConflictChoice")
    public record ConflictChoice(@Schema(required = true, enumeration = {"registry", "remote"},
            description = "registry: keep the programme as edited in the registry; remote: take the endpoint's content as a new draft") String keep) { }

    @GET
    @Operation(operationId = "getOoapiSource", summary = "The institution's OOAPI endpoint (its admin or a coordinator)")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = OoapiImports.SourceView.class)))
    @APIResponse(responseCode = "404", description = "None set", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("code") String code) {
        OoapiImports.SourceView view = imports.source(code).orElseThrow(() -> RegistryException.notFound("OOAPI source of", code));
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @PUT
    @Operation(operationId = "setOoapiSource", summary = "Set the institution's OOAPI endpoint (its admin)",
            description = "baseUrl: the endpoint's root (the registry reads <baseUrl>/courses, and education specifications when a course only names one); "
                    + "consumer: the consumer key sent as ?consumer= (e.g. rio), optional. Only globally routable addresses are read, unless the "
                    + "operator allows private ones (REGISTRY_OOAPI_ALLOW_PRIVATE_ADDRESSES).")
    @APIResponse(responseCode = "200", description = "Set", content = @Content(schema = @Schema(implementation = OoapiImports.SourceView.class)))
    @APIResponse(responseCode = "400", description = "Not an absolute http(s) URL", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not the institution's admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response set(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, OoapiImports.SourceInput input) {
        OoapiImports.SourceView view = imports.setSource(code, input,
                ETags.ifMatch(ifMatch, () -> imports.source(code).map(OoapiImports.SourceView::version).orElse(-1)));
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @DELETE
    @Operation(operationId = "removeOoapiSource", summary = "Remove the institution's OOAPI endpoint (its admin); imported programmes stay")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("code") String code) {
        imports.removeSource(code);
        return Response.noContent().build();
    }

    @POST
    @Path("sync")
    @Operation(operationId = "startOoapiSync", summary = "Start a sync (its admin)",
            description = "Queues a sync that runs in the background: the registry pages through <baseUrl>/courses, maps each course onto a "
                    + "programme draft (new), a new draft version (changed content) or nothing (unchanged), refuses what breaks the pilot's "
                    + "rules and reports a conflict where the programme was edited in the registry since its import. It never publishes. "
                    + "Follow the Location for the report.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = OoapiImports.SyncView.class)))
    @APIResponse(responseCode = "409", description = "No endpoint set, or a sync is already queued or running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response sync(@PathParam("code") String code) {
        OoapiImports.SyncView sync = imports.startSync(code);
        return Response.accepted(sync).location(uri.getAbsolutePathBuilder().path("..").path("syncs").path(sync.id()).build().normalize()).build();
    }

    @GET
    @Path("syncs")
    @Operation(operationId = "listOoapiSyncs", summary = "The institution's last 20 syncs, newest first (its admin or a coordinator)")
    @APIResponse(responseCode = "200", description = "The syncs, without their items",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = OoapiImports.SyncView.class)))
    public List<OoapiImports.SyncView> syncs(@PathParam("code") String code) {
        return imports.syncs(code);
    }

    @GET
    @Path("syncs/{id}")
    @Operation(operationId = "getOoapiSync", summary = "A sync's report (its admin or a coordinator)",
            description = "Status QUEUED, RUNNING, SUCCEEDED or FAILED (with the reason), counts created / updated / unchanged / refused / "
                    + "conflicts, duration, and per course the outcome with the reasons (each naming the field).")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = OoapiImports.SyncView.class)))
    @APIResponse(responseCode = "404", description = "Unknown sync", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OoapiImports.SyncView report(@PathParam("code") String code, @PathParam("id") String id,
                                        @QueryParam("outcome") @Parameter(description = "only the items of this outcome",
                                                schema = @Schema(type = SchemaType.STRING, enumeration = {"CREATED", "UPDATED", "UNCHANGED", "REFUSED", "CONFLICT"}))
                                        String outcome) {
        return imports.report(code, id, outcome);
    }

    @POST
    @Path("syncs/{id}/conflicts/{courseId}")
    @Operation(operationId = "resolveOoapiConflict", summary = "Settle a conflict (its admin)",
            description = "keep=registry keeps the programme as edited in the registry (the remote content counts as imported); keep=remote "
                    + "writes the remote content as a draft (never published).")
    @APIResponse(responseCode = "200", description = "Settled", content = @Content(schema = @Schema(implementation = OoapiImports.ItemView.class)))
    @APIResponse(responseCode = "404", description = "No such conflict", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Settled already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OoapiImports.ItemView resolve(@PathParam("code") String code, @PathParam("id") String id, @PathParam("courseId") String courseId,
                                         ConflictChoice choice) {
        return imports.resolve(code, id, courseId, choice == null ? null : choice.keep());
    }
}
