package nl.microcredentials.registry.ooapi.control;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The bounds of an import from an OOAPI endpoint and the time of the nightly sync: at most {@code maxPages} pages of at
 * most {@code maxPageBytes} each, at most {@code maxItems} courses, at most {@code maxRedirects} redirects per request,
 * at most {@code maxSpecifications} education specifications fetched, all within {@code deadline}; the nightly sync at
 * {@code nightlyAt} (Europe/Amsterdam), caught up within {@link #CATCH_UP} when no instance ran at that moment.
 */
public record SyncPolicy(int maxPages, int maxItems, int maxPageBytes, int maxRedirects, int maxSpecifications, Duration deadline,
                         Optional<LocalTime> nightlyAt) {

    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** A nightly sync missed at its time (no instance was up) is still enqueued within this window, not later that day. */
    public static final Duration CATCH_UP = Duration.ofHours(2);
    /** A RUNNING sync whose instance has not reported for this long is taken to have died with it. */
    public static final Duration STALE = Duration.ofMinutes(5);

    public static SyncPolicy defaults() {
        return new SyncPolicy(200, 10_000, 5 * 1024 * 1024, 5, 1_000, Duration.ofMinutes(15), Optional.of(LocalTime.of(2, 30)));
    }

    /** The nightly time of {@code REGISTRY_OOAPI_SYNC_TIME}: {@code HH:mm}, or {@code off}; the default 02:30 when unreadable. */
    public static Optional<LocalTime> nightlyTime(String value) {
        if (value == null || value.isBlank()) return Optional.of(LocalTime.of(2, 30));
        String v = value.trim();
        if (v.equalsIgnoreCase("off") || v.equalsIgnoreCase("none")) return Optional.empty();
        try {
            return Optional.of(LocalTime.parse(v));
        } catch (DateTimeParseException e) {
            return Optional.of(LocalTime.of(2, 30));
        }
    }

    /**
     * The day whose nightly sync is due at {@code now}, if any: the day (in Europe/Amsterdam) when {@code now} lies
     * between its sync time and {@link #CATCH_UP} later. The caller enqueues that day's syncs once per cluster.
     */
    public Optional<LocalDate> nightlyDue(ZonedDateTime now) {
        if (nightlyAt.isEmpty()) return Optional.empty();
        ZonedDateTime local = now.withZoneSameInstant(ZONE);
        for (LocalDate day : new LocalDate[] {local.toLocalDate(), local.toLocalDate().minusDays(1)}) {
            ZonedDateTime at = day.atTime(nightlyAt.get()).atZone(ZONE);
            if (!local.isBefore(at) && local.isBefore(at.plus(CATCH_UP))) return Optional.of(day);
        }
        return Optional.empty();
    }
}
