package nl.microcredentials.registry.platform.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/ping}: a cheap liveness check of the API itself (JAX-RS, CDI and JSON-B, no database), and the ceiling
 * the benchmarks ({@code bench/run.sh}) compare the other endpoints with. Readiness, which checks the database, is
 * {@code /health/ready}.
 */
@RequestScoped
@Path("ping")
@Tag(name = "Platform", description = "Liveness of the API")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    /** The answer: always {@code {"status":"UP"}}. */
    @Schema(name = "Ping")
    public record Ping(@Schema(required = true, example = "UP") String status) { }

    private static final Ping UP = new Ping("UP");

    @GET
    @Operation(operationId = "ping", summary = "Is the API up? (public)", description = "Answers without touching the database; /health/ready also checks the database.")
    @APIResponse(responseCode = "200", description = "The API answers", content = @Content(schema = @Schema(implementation = Ping.class)))
    public Ping ping() {
        return UP;
    }
}
