package nl.microcredentials.registry.it.probe;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.OptionalInt;
import nl.microcredentials.registry.exemptions.boundary.Exemptions;
import nl.microcredentials.registry.exemptions.entity.DecisionOutcome;

/**
 * Test-only (added to NotificationsIT's deployment, never in the WAR): runs the registry's real decision of a request in a
 * transaction that then rolls back, as any later failure of the same transaction would. What the decision queued in the
 * outbox must go with it.
 */
@RequestScoped
@Path("test-probe/decide-and-roll-back/{id}")
public class RollbackProbe {

    @Inject
    Exemptions exemptions;

    @Resource
    UserTransaction transaction;

    @POST
    public Response decideAndRollBack(@PathParam("id") String id) throws Exception {
        transaction.begin();
        try {
            var decided = exemptions.decide(id, DecisionOutcome.GRANTED, new BigDecimal("5"), "Decided, then rolled back", OptionalInt.empty());
            if (!"DECIDED".equals(decided.status().name())) return Response.serverError().entity("not decided: " + decided.status()).build();
        } finally {
            transaction.rollback();
        }
        return Response.noContent().build();
    }
}
