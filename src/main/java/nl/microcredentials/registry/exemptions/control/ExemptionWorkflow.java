package nl.microcredentials.registry.exemptions.control;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.microcredentials.registry.exemptions.entity.ExemptionStatus;
import nl.microcredentials.registry.platform.rest.RegistryException;

/**
 * The transition table of an exemption request (DOMAIN.md, API.md):
 * <pre>
 * SUBMITTED             -> review -> IN_REVIEW; extend; withdraw -> WITHDRAWN
 * IN_REVIEW             -> request-information -> INFORMATION_REQUESTED; extend; decision -> DECIDED; withdraw
 * INFORMATION_REQUESTED -> information-received -> IN_REVIEW; extend; withdraw
 * DECIDED               -> appeal -> APPEALED
 * APPEALED              -> appeal-outcome -> UPHELD | OVERTURNED
 * </pre>
 * Re-routing to another board is possible while the request is open. Everything else is a 409 naming what is allowed.
 */
public final class ExemptionWorkflow {

    public enum Transition {
        REVIEW, REQUEST_INFORMATION, INFORMATION_RECEIVED, EXTEND, DECISION, WITHDRAW, APPEAL, APPEAL_OUTCOME, REROUTE;

        /** The API path: request-information, appeal-outcome ... */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final Map<ExemptionStatus, List<Transition>> ALLOWED = new EnumMap<>(ExemptionStatus.class);

    static {
        ALLOWED.put(ExemptionStatus.SUBMITTED, List.of(Transition.REVIEW, Transition.EXTEND, Transition.WITHDRAW, Transition.REROUTE));
        ALLOWED.put(ExemptionStatus.IN_REVIEW, List.of(Transition.REQUEST_INFORMATION, Transition.EXTEND, Transition.DECISION,
                Transition.WITHDRAW, Transition.REROUTE));
        ALLOWED.put(ExemptionStatus.INFORMATION_REQUESTED, List.of(Transition.INFORMATION_RECEIVED, Transition.EXTEND, Transition.WITHDRAW,
                Transition.REROUTE));
        ALLOWED.put(ExemptionStatus.DECIDED, List.of(Transition.APPEAL));
        ALLOWED.put(ExemptionStatus.APPEALED, List.of(Transition.APPEAL_OUTCOME));
        ALLOWED.put(ExemptionStatus.WITHDRAWN, List.of());
        ALLOWED.put(ExemptionStatus.UPHELD, List.of());
        ALLOWED.put(ExemptionStatus.OVERTURNED, List.of());
    }

    private ExemptionWorkflow() { }

    public static List<Transition> allowed(ExemptionStatus status) {
        return ALLOWED.get(status);
    }

    /** The state a transition leads to (EXTEND and REROUTE keep it; APPEAL_OUTCOME depends on the outcome). */
    public static ExemptionStatus target(ExemptionStatus from, Transition t, boolean appealUpheld) {
        return switch (t) {
            case REVIEW, INFORMATION_RECEIVED -> ExemptionStatus.IN_REVIEW;
            case REQUEST_INFORMATION -> ExemptionStatus.INFORMATION_REQUESTED;
            case DECISION -> ExemptionStatus.DECIDED;
            case WITHDRAW -> ExemptionStatus.WITHDRAWN;
            case APPEAL -> ExemptionStatus.APPEALED;
            case APPEAL_OUTCOME -> appealUpheld ? ExemptionStatus.UPHELD : ExemptionStatus.OVERTURNED;
            case EXTEND, REROUTE -> from;
        };
    }

    /** 409 unless the status allows the transition; the problem names the allowed ones (as their API names). */
    public static void require(ExemptionStatus status, Transition t) {
        List<Transition> allowed = allowed(status);
        if (allowed.contains(t)) return;
        List<String> names = allowed.stream().map(Transition::apiName).toList();
        throw new RegistryException(409, "illegal-transition", "Conflict", refusal(status, t, names), null, names);
    }

    /** The refusal as a sentence: "The request cannot be decided while it is submitted; allowed now: review, extend, ...". */
    static String refusal(ExemptionStatus status, Transition t, List<String> allowed) {
        String state = describe(status);
        String what = switch (t) {
            case REVIEW -> "The request cannot be reviewed while it is " + state;
            case REQUEST_INFORMATION -> "Information cannot be requested while the request is " + state;
            case INFORMATION_RECEIVED -> "Information cannot be received while the request is " + state;
            case EXTEND -> "The decision term cannot be extended while the request is " + state;
            case DECISION -> "The request cannot be decided while it is " + state;
            case WITHDRAW -> "The request cannot be withdrawn while it is " + state;
            case APPEAL -> "An appeal cannot be recorded while the request is " + state;
            case APPEAL_OUTCOME -> "An appeal outcome cannot be recorded while the request is " + state;
            case REROUTE -> "The request cannot be re-routed while it is " + state;
        };
        return what + (allowed.isEmpty() ? "; nothing can be done with it any more" : "; allowed now: " + String.join(", ", allowed));
    }

    /** A status as the end of "while it is ...". */
    static String describe(ExemptionStatus status) {
        return switch (status) {
            case SUBMITTED -> "submitted";
            case IN_REVIEW -> "in review";
            case INFORMATION_REQUESTED -> "waiting for information";
            case DECIDED -> "decided";
            case WITHDRAWN -> "withdrawn";
            case APPEALED -> "under appeal";
            case UPHELD -> "decided and upheld on appeal";
            case OVERTURNED -> "overturned on appeal";
        };
    }
}
