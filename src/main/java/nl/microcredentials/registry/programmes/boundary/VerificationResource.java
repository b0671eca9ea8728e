package nl.microcredentials.registry.programmes.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/verify?badgeClassUrl=...}: is an edubadge's badge class a registered pilot micro-credential? */
@RequestScoped
@Path("verify")
@Tag(name = "Programmes")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    @Inject
    Programmes programmes;

    @GET
    @Operation(summary = "Verify a badge class (public)",
            description = "registered is true for a published programme of a member institution; an unknown badge class answers "
                    + "registered: false with a reason.")
    @APIResponse(responseCode = "200", description = "The verification", content = @Content(schema = @Schema(implementation = Verification.class)))
    public Verification verify(@QueryParam("badgeClassUrl") @Parameter(required = true, description = "the edubadges badge-class URL") String badgeClassUrl) {
        return programmes.verifyBadgeClass(badgeClassUrl);
    }
}
