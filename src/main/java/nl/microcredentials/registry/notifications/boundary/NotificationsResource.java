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

/** {@code /api/notifications}: the log of the e-mail the registry sent, and its daily digests. */
@RequestScoped
@Path("notifications")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = RegistryApplication.BEARER)
public class NotificationsResource {

    @Inject
    NotificationLog log;

    @GET
    @Operation(operationId = "listNotifications", summary = "The notifications sent or to be sent (a coordinator: all; an admin: the institution's; a board member: their own and their board's)")
    @APIResponse(responseCode = "200", description = "A page of notifications, newest first")
    @APIResponse(responseCode = "400", description = "Bad filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<NotificationLog.NotificationView> list(
            @Parameter(schema = @Schema(enumeration = {"PENDING", "SENT", "FAILED", "HELD", "SUMMARISED"})) @QueryParam("status") String status,
            @QueryParam("kind") @Parameter(schema = @Schema(implementation = NotificationKind.class)) String kind,
            @QueryParam("institution") String institution,
            @BeanParam PageRequest page) {
        String s = QueryParams.enumValue("status", status, Notification.Status.class);
        String k = QueryParams.enumValue("kind", kind, NotificationKind.class);
        return log.list(new NotificationLog.Filter(s == null ? null : Notification.Status.valueOf(s), k == null ? null : NotificationKind.valueOf(k),
                QueryParams.blank(institution)), page);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getNotification", summary = "One notification with its text")
    @APIResponse(responseCode = "200", description = "The notification", content = @Content(schema = @Schema(implementation = NotificationLog.NotificationView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or not yours to see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        NotificationLog.NotificationView view = log.get(id);
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @POST
    @Path("{id}/retry")
    @Operation(operationId = "retryNotification", summary = "Send a FAILED notification again (an admin of its institution or a coordinator)")
    @APIResponse(responseCode = "200", description = "Queued again", content = @Content(schema = @Schema(implementation = NotificationLog.NotificationView.class)))
    @APIResponse(responseCode = "409", description = "Not FAILED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response retry(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        NotificationLog.NotificationView view = log.retry(id, ETags.ifMatch(ifMatch));
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @POST
    @Path("digests")
    @Operation(operationId = "writeNotificationDigests", summary = "Write the daily digests of a day now (a coordinator)",
            description = "What the nightly round writes at REGISTRY_NOTIFICATIONS_DIGEST_TIME: to each board with open requests overdue or due "
                    + "within 7 days of the day, one digest listing exactly those; to each account with messages held for its daily summary, "
                    + "the summary. A day's digests are written once: asking again writes nothing twice.")
    @APIResponse(responseCode = "200", description = "How many messages were written", content = @Content(schema = @Schema(implementation = NotificationLog.DigestsView.class)))
    @APIResponse(responseCode = "400", description = "Bad day", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a coordinator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NotificationLog.DigestsView digests(@Parameter(description = "the day (default today, Europe/Amsterdam)", example = "2026-12-07")
                                               @QueryParam("day") String day) {
        LocalDate d = QueryParams.date("day", day);
        return log.digests(d == null ? LocalDate.now(Notifications.ZONE) : d);
    }
}
