package nl.microcredentials.registry.notifications.control;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * The daily digest's rule: an open request whose decision term runs (submitted or in review) is listed when its
 * decision is overdue or due within {@link #WINDOW_DAYS} days of the day; a request waiting for information is not (its
 * term stands still), nor is a decided, withdrawn or appealed one. Overdue first, then by due date.
 */
public final class DecisionsDue {

    public static final int WINDOW_DAYS = 7;

    private DecisionsDue() { }

    public record Open(String id, String reference, String courseCode, String courseTitle, String status, LocalDate due) { }

    public record Listed(Open request, long daysLeft) {
        public boolean overdue() { return daysLeft < 0; }
    }

    public static boolean running(String status) {
        return "SUBMITTED".equals(status) || "IN_REVIEW".equals(status);
    }

    /** The last due date a digest of {@code day} lists. */
    public static LocalDate until(LocalDate day) {
        return day.plusDays(WINDOW_DAYS);
    }

    public static List<Listed> listed(List<Open> open, LocalDate day) {
        return open.stream()
                .filter(r -> running(r.status()) && r.due() != null && !r.due().isAfter(until(day)))
                .map(r -> new Listed(r, ChronoUnit.DAYS.between(day, r.due())))
                .sorted(Comparator.comparingLong(Listed::daysLeft).thenComparing(l -> l.request().reference()))
                .toList();
    }
}
