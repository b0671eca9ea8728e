package bench.bare;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;

/**
 * The yardstick of bench/run.sh (issue 15): the same resource as the registry's /api/ping (request scoped, a record
 * written by JSON-B), alone in a minimal WAR without filters, security or persistence. Deployed beside the registry
 * at /bare, so /bare/ping vs /api/ping is what the registry's own filter chain and security cost.
 */
@RequestScoped
@Path("ping")
@Produces(MediaType.APPLICATION_JSON)
public class BarePing {

    public record Ping(String status) { }

    private static final Ping UP = new Ping("UP");

    @GET
    public Ping ping() {
        return UP;
    }

    @ApplicationPath("/")
    public static class BareApplication extends Application { }
}
