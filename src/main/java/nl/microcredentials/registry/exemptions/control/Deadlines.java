package nl.microcredentials.registry.exemptions.control;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The legal deadlines of an exemption request, in calendar days.
 * <ul>
 * <li>{@code decisionDue} = received date + the board's decision term + the extension (Awb 4:14, once) + the days the
 * clock was suspended.</li>
 * <li>Suspension (Awb 4:15): the clock stops on the day the board requests information and runs again on the day
 * the information is received; the suspension is the number of days between the two (same day: 0). While the
 * information is outstanding the due date moves with each day, so the request is never overdue then.</li>
 * <li>Overdue: still open, not suspended, and today is after {@code decisionDue}.</li>
 * <li>Appeal: within 6 weeks of the decision date (Awb 6:7); the last day is decision date + 6 weeks.</li>
 * </ul>
 */
public final class Deadlines {

    public static final int APPEAL_WEEKS = 6;
    public static final int MAX_EXTENSION_DAYS = 365;

    private Deadlines() { }

    public static LocalDate decisionDue(LocalDate receivedOn, int termDays, int extensionDays, int suspendedDays) {
        return receivedOn.plusDays((long) termDays + extensionDays + suspendedDays);
    }

    /** The due date as it reads today, counting a suspension that is still running. */
    public static LocalDate decisionDueToday(LocalDate storedDue, LocalDate informationRequestedOn, LocalDate today) {
        if (informationRequestedOn == null || today.isBefore(informationRequestedOn)) return storedDue;
        return storedDue.plusDays(ChronoUnit.DAYS.between(informationRequestedOn, today));
    }

    public static int suspension(LocalDate requestedOn, LocalDate receivedOn) {
        return (int) Math.max(0, ChronoUnit.DAYS.between(requestedOn, receivedOn));
    }

    public static boolean overdue(boolean open, boolean suspended, LocalDate due, LocalDate today) {
        return open && !suspended && today.isAfter(due);
    }

    public static LocalDate appealDeadline(LocalDate decidedOn) {
        return decidedOn.plusWeeks(APPEAL_WEEKS);
    }

}
