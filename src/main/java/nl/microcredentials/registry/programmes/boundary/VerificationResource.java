package nl.microcredentials.registry.programmes.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import nl.microcredentials.registry.platform.rest.Problem;
import nl.microcredentials.registry.platform.rest.PublicUrl;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/verify?badgeClassUrl=...}: is an edubadge's badge class a registered pilot micro-credential?
 * {@code POST /api/verify}: is an Open Badges 3.0 credential's achievement one, do its claims agree, and its proof?
 */
@RequestScoped
@Path("verify")
@Tag(name = "Programmes")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    static final String JWT = "application/jwt";
    static final String VC_JWT = "application/vc+jwt";
    static final String LD_JSON = "application/ld+json";
    static final String VC_LD_JSON = "application/vc+ld+json";
    /** A credential is a few KiB (the size filter refuses a longer Content-Length before anything reads it). */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    @Inject
    Programmes programmes;

    @Inject
    CredentialVerifier credentials;

    @Inject
    PublicUrl publicUrl;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(operationId = "verifyBadgeClass", summary = "Verify a badge class (public)",
            description = "registered is true for a published programme of a member institution; an unknown badge class answers "
                    + "registered: false with a reason.")
    @APIResponse(responseCode = "200", description = "The verification", content = @Content(schema = @Schema(implementation = Verification.class)))
    public Verification verify(@QueryParam("badgeClassUrl") @Parameter(required = true, description = "the edubadges badge-class URL") String badgeClassUrl) {
        return programmes.verifyBadgeClass(badgeClassUrl);
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, LD_JSON, VC_LD_JSON, JWT, VC_JWT, MediaType.TEXT_PLAIN})
    @Operation(operationId = "verifyCredential", summary = "Verify an Open Badges 3.0 credential (public)",
            description = "The credential as JSON (an AchievementCredential / OpenBadgeCredential) or as a VC-JWT (compact JWS, OB3's JSON "
                    + "Web Token format). It must be valid against Open Badges 3.0's achievementcredential.json (JSON Schema 2019-09, "
                    + "formats asserted): otherwise a 400 lists every violation by its JSON path. A valid credential answers whether "
                    + "its achievement is a registered, published pilot micro-credential (by the registry's achievement URL, or the "
                    + "edubadges badge class it names), which version, whether its claims (credits, NLQF and EQF levels) agree with "
                    + "that version, how many members recognise it, and its proof: a VC-JWT of an institution that registered its key "
                    + "set (credentialKeysUrl) is checked (signature, iss, nbf, exp); other proofs are reported as not checked, with "
                    + "the reason, never as valid. An unreachable key set is 'not checked', never an error.")
    @APIResponse(responseCode = "200", description = "The verification",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CredentialVerification.class)))
    @APIResponse(responseCode = "400", description = "Not an Open Badges 3.0 credential: errors name each violation by its JSON path",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CredentialVerification verifyCredential(
            @RequestBody(required = true, description = "An Open Badges 3.0 credential: JSON, or a compact JWS", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                            description = "an OB3 AchievementCredential (achievementcredential.json)")),
                    @Content(mediaType = LD_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                    @Content(mediaType = VC_LD_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                    @Content(mediaType = JWT, schema = @Schema(type = SchemaType.STRING, description = "a VC-JWT (compact JWS)")),
                    @Content(mediaType = VC_JWT, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))}) String credential) {
        // the body as text (JAX-RS's String reader, whatever the media type; the size filter bounds it): JSON or a JWS
        if (credential != null && credential.length() > MAX_BODY_BYTES) {
            throw nl.microcredentials.registry.platform.rest.RegistryException.invalid("body", "is larger than " + MAX_BODY_BYTES / 1024 + " KiB");
        }
        return credentials.verify(credential, publicUrl.of(uri, request));
    }
}
