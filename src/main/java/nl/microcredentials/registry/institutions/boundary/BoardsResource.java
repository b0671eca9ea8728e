package nl.microcredentials.registry.institutions.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.Problem;
import nl.microcredentials.registry.platform.rest.RegistryApplication;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/boards/{id}}: one Board of Examiners. */
@RequestScoped
@Path("boards")
@Tag(name = "Boards of Examiners", description = "The boards that decide exemption requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BoardsResource {

    @Inject
    Institutions institutions;

    @GET
    @Path("{id}")
    @Operation(operationId = "getBoard", summary = "Read a Board of Examiners", description = "Public: name and contact; staff of its institution and coordinators see everything.")
    @APIResponse(responseCode = "200", description = "The board", content = @Content(schema = @Schema(implementation = BoardView.class)))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        BoardView board = institutions.board(id);
        var response = Response.ok(board);
        if (board.version() != null) response.tag(ETags.of(board.version()));
        return response.build();
    }

    @PUT
    @Path("{id}")
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "updateBoard", summary = "Update a Board of Examiners (its institution's admin, or a coordinator)",
            description = "Send If-Match with the ETag you read; 412 when stale. The default board cannot be unset: make another one the default.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = BoardView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin of the board's institution", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Default-board or prefix rule", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, BoardInput input) {
        BoardView updated = institutions.updateBoard(id, input, ETags.ifMatch(ifMatch, () -> {
            Integer current = institutions.board(id).version();
            return current == null ? -1 : current;
        }));
        return Response.ok(updated).tag(ETags.of(updated.version())).build();
    }
}
