package nl.microcredentials.registry.platform.cache;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.microcredentials.registry.platform.rest.Problem;
import nl.microcredentials.registry.platform.rest.RegistryApplication;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code DELETE /api/caches}: for operators who changed data in the database by hand (not through the registry, which
 * starts new generations itself): every cached answer of every instance becomes unreachable at once.
 */
@RequestScoped
@Path("caches")
@Tag(name = "Platform", description = "Liveness of the API")
@Produces(MediaType.APPLICATION_JSON)
public class CachesResource {

    @Inject
    Caches caches;

    @DELETE
    @SecurityRequirement(name = RegistryApplication.BEARER)
    @Operation(operationId = "dropCaches", summary = "Drop every cached answer, on every instance (coordinator)",
            description = "Only needed after the database was changed by hand: every change made through the registry is in the very next read anyway.")
    @APIResponse(responseCode = "204", description = "Dropped: the next reads are built from the database")
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a coordinator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response drop() {
        caches.dropAll();
        return Response.noContent().build();
    }
}
