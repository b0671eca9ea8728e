package nl.microcredentials.registry.agreements.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import nl.microcredentials.registry.platform.rest.RegistryException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/institutions/{code}/webhook}: where an institution hears of changes to its agreements. */
@RequestScoped
@Path("institutions/{code}/webhook")
@Tag(name = "Agreements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = RegistryApplication.BEARER)
public class WebhooksResource {

    @Inject
    Webhooks webhooks;

    @Schema(name = "WebhookInput")
    public record WebhookInput(@Schema(required = true, example = "https://sis.example.nl/registry/agreements") String url) { }

    @GET
    @Operation(operationId = "getWebhook", summary = "The institution's webhook and its recent deliveries (its admin or a coordinator)")
    @APIResponse(responseCode = "200", description = "The webhook", content = @Content(schema = @Schema(implementation = Webhooks.WebhookView.class)))
    @APIResponse(responseCode = "404", description = "None set", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("code") String code) {
        Webhooks.WebhookView view = webhooks.get(code).orElseThrow(() -> RegistryException.notFound("Webhook of", code));
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @PUT
    @Operation(operationId = "setWebhook", summary = "Set the webhook URL (its admin or a coordinator)",
            description = "After every committed change of an agreement the institution is a party to, the URL receives a POST of "
                    + "{\"agreement\": id}, signed in X-Registry-Signature (HMAC-SHA256 under the secret returned here, once). "
                    + "Failed deliveries are retried with exponential backoff. Loopback and private addresses are refused.")
    @APIResponse(responseCode = "200", description = "Set; the answer carries the new secret", content = @Content(schema = @Schema(implementation = Webhooks.WebhookView.class)))
    @APIResponse(responseCode = "400", description = "Bad URL", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response set(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, WebhookInput input) {
        Webhooks.WebhookView view = webhooks.set(code, input == null ? null : input.url(),
                ETags.ifMatch(ifMatch, () -> webhooks.get(code).map(Webhooks.WebhookView::version).orElse(-1)));
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @DELETE
    @Operation(operationId = "removeWebhook", summary = "Remove the webhook (its admin or a coordinator)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("code") String code) {
        webhooks.remove(code);
        return Response.noContent().build();
    }
}
