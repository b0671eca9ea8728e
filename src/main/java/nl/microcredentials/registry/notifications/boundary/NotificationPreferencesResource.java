package nl.microcredentials.registry.notifications.boundary;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import nl.microcredentials.registry.notifications.entity.Notification;
import nl.microcredentials.registry.notifications.entity.NotificationKind;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.Problem;
import nl.microcredentials.registry.platform.rest.QueryParams;
import nl.microcredentials.registry.platform.rest.RegistryApplication;
import nl.microcredentials.registry.platform.rest.RegistryException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/me/notification-preferences}: what the signed-in account receives, and in which language. */
@RequestScoped
@Path("me/notification-preferences")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = RegistryApplication.BEARER)
public class NotificationPreferencesResource {

    @Inject
    NotificationLog log;

    @GET
    @Operation(operationId = "getNotificationPreferences", summary = "What the signed-in account receives, per kind of notification, and in which language")
    @APIResponse(responseCode = "200", description = "The preferences; the ETag is the account's version",
            content = @Content(schema = @Schema(implementation = NotificationLog.PreferencesView.class)))
    @APIResponse(responseCode = "404", description = "The caller has no account in the registry", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response preferences() {
        NotificationLog.PreferencesView view = log.preferences();
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @PUT
    @Operation(operationId = "setNotificationPreferences", summary = "Choose what the signed-in account receives (IMMEDIATE, DAILY or OFF per kind) and the language (nl, en)")
    @APIResponse(responseCode = "200", description = "The preferences now", content = @Content(schema = @Schema(implementation = NotificationLog.PreferencesView.class)))
    @APIResponse(responseCode = "400", description = "An unknown kind, a choice the kind does not offer, or a language other than nl and en",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since read (If-Match)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response choose(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, NotificationLog.PreferencesInput input) {
        if (input == null) throw RegistryException.invalid("body", "is required");
        NotificationLog.PreferencesView view = log.choose(input, ETags.ifMatch(ifMatch, () -> log.preferences().version()));
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }
}
