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

    /** Refuses an action the status does not allow: 409, naming what is allowed now (as their API names). */
    public static void require(Action action, AgreementStatus status, boolean pending, boolean everApproved) {
        List<Action> allowed = allowed(status, pending, everApproved);
        if (allowed.contains(action)) return;
        List<String> names = allowed.stream().map(Action::apiName).toList();
        throw new RegistryException(409, "illegal-transition", "Conflict", refusal(action, status, everApproved, names), null, names);
    }

    /** The refusal as a sentence: "The agreement cannot be approved while it is a draft; allowed now: edit, propose, delete". */
    static String refusal(Action action, AgreementStatus status, boolean everApproved, List<String> allowed) {
        String what;
        if (action == Action.DELETE && everApproved && (status == AgreementStatus.DRAFT || status == AgreementStatus.PROPOSED)) {
            what = "The agreement can no longer be deleted: a party has approved it";
        } else if (action == Action.APPROVE && status == AgreementStatus.ACTIVE) {
            what = "The agreement cannot be approved while it is active and no new version awaits approval";
        } else {
            String done = switch (action) {
                case EDIT -> "changed";
                case PROPOSE -> "proposed";
                case APPROVE -> "approved";
                case TERMINATE -> "terminated";
                case DELETE -> "deleted";
            };
            String state = switch (status) {
                case DRAFT -> "a draft";
                case PROPOSED -> "proposed";
                case ACTIVE -> "active";
                case TERMINATED -> "terminated";
                case EXPIRED -> "expired";
            };
            what = "The agreement cannot be " + done + " while it is " + state;
        }
        return what + (allowed.isEmpty() ? "; nothing can be done with it any more" : "; allowed now: " + String.join(", ", allowed));
    }
}
