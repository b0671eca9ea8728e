package nl.microcredentials.registry.agreements.control;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.microcredentials.registry.agreements.entity.AgreementStatus;
import nl.microcredentials.registry.platform.rest.RegistryException;

/**
 * The lifecycle of an agreement, after Erasmus Without Paper: DRAFT (deletable) -> PROPOSED -> every party approves the
 * current terms hash -> ACTIVE; a change of terms makes a new version that the parties approve again, while an ACTIVE
 * agreement stays in force on its last mutually approved version; TERMINATED is explicit; EXPIRED is read, not stored.
 */
public final class AgreementLifecycle {

    /** What can be done to an agreement; the API paths are the lower-case names. */
    public enum Action {
        EDIT, PROPOSE, APPROVE, TERMINATE, DELETE;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private AgreementLifecycle() { }

    /** The status as read: ACTIVE or PROPOSED past {@code validUntil} reads EXPIRED. */
    public static AgreementStatus effective(AgreementStatus stored, LocalDate validUntil, LocalDate today) {
        if ((stored == AgreementStatus.ACTIVE || stored == AgreementStatus.PROPOSED) && validUntil != null && validUntil.isBefore(today)) {
            return AgreementStatus.EXPIRED;
        }
        return stored;
    }

    /**
     * The actions the status allows. {@code pending}: a newer version awaits approval; {@code everApproved}: some party
     * approved some version once, after which the agreement can no longer be deleted.
     */
    public static List<Action> allowed(AgreementStatus status, boolean pending, boolean everApproved) {
        List<Action> actions = new ArrayList<>();
        switch (status) {
            case DRAFT -> {
                actions.add(Action.EDIT);
                actions.add(Action.PROPOSE);
                if (!everApproved) actions.add(Action.DELETE);
            }
            case PROPOSED -> {
                actions.add(Action.EDIT);
                actions.add(Action.APPROVE);
                if (!everApproved) actions.add(Action.DELETE);
            }
            case ACTIVE -> {
                actions.add(Action.EDIT);
                if (pending) actions.add(Action.APPROVE);
                actions.add(Action.TERMINATE);
            }
            case TERMINATED, EXPIRED -> { }
        }
        return actions;
    }

    /** Refuses an action the status does not allow: 409, naming what is allowed now. */
    public static void require(Action action, AgreementStatus status, boolean pending, boolean everApproved) {
        List<Action> allowed = allowed(status, pending, everApproved);
        if (allowed.contains(action)) return;
        List<String> names = allowed.stream().map(Action::apiName).toList();
        String why = action == Action.DELETE && everApproved && (status == AgreementStatus.DRAFT || status == AgreementStatus.PROPOSED)
                ? " (a party has approved it once; it can no longer be deleted)" : "";
        throw new RegistryException(409, "illegal-transition", "Conflict",
                "A " + status + " agreement cannot " + action.apiName() + why + "; allowed now: "
                        + (names.isEmpty() ? "nothing" : String.join(", ", names)), null, names);
    }
}
