package nl.microcredentials.registry.agreements.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.microcredentials.registry.platform.rest.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/recognition}: under which agreements does an institution recognise a programme? */
@RequestScoped
@Path("recognition")
@Tag(name = "Agreements")
@Produces(MediaType.APPLICATION_JSON)
public class RecognitionResource {

    @Inject
    Agreements agreements;

    @GET
    @Operation(operationId = "getRecognition", summary = "The agreements in force under which an institution recognises a programme, strongest effect first (public)",
            description = "Recognition is advice to the Board of Examiners, never an automatic exemption. An institution does not recognise "
                    + "its own programmes under an agreement.")
    @APIResponse(responseCode = "200", description = "The applicable agreements", content = @Content(schema = @Schema(implementation = Recognition.class)))
    @APIResponse(responseCode = "400", description = "programme or institution missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown or unpublished programme, or unknown institution", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Recognition recognition(@QueryParam("programme") @Parameter(required = true, description = "a programme id") String programme,
                                   @QueryParam("institution") @Parameter(required = true, description = "the recognising institution's code") String institution) {
        return agreements.recognition(programme, institution);
    }
}
