package nl.microcredentials.registry.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import nl.microcredentials.registry.platform.cache.Grid;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down password guessing at the token endpoint and the admin UI's login, for the whole cluster (sliding windows
 * kept on Payara's data grid, so that attempts spread over several instances count together):
 * <ul>
 * <li>per username: after {@code registry.login.max-failures-per-user} failed attempts within
 *     {@code registry.login.user-window-seconds}, that username is refused until the oldest failure leaves the window (an
 *     unknown username is treated the same, so the answer tells nothing); a successful login clears the user's failures;</li>
 * <li>per client address: at most {@code registry.login.max-attempts-per-address} attempts of any outcome within
 *     {@code registry.login.address-window-seconds}.</li>
 * </ul>
 * A refusal is a 429 with Retry-After. The client address is the connection's peer; behind a proxy, configure the proxy to
 * rate-limit as well (forwarded headers are not trusted here). A window is a short list of instants changed by compare
 * and set ({@link Grid#replaceLimit}); with {@code --nocluster} it is the instance's own.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    @ConfigProperty(name = "registry.login.max-failures-per-user", defaultValue = "10")
    int maxFailuresPerUser;

    @Inject
    @ConfigProperty(name = "registry.login.user-window-seconds", defaultValue = "900")
    int userWindowSeconds;

    @Inject
    @ConfigProperty(name = "registry.login.max-attempts-per-address", defaultValue = "60")
    int maxAttemptsPerAddress;

    @Inject
    @ConfigProperty(name = "registry.login.address-window-seconds", defaultValue = "60")
    int addressWindowSeconds;

    @Inject
    Grid grid;

    Clock clock = Clock.systemUTC();

    /** Attempts to change one window before giving up and refusing (only under a storm of attempts on one key). */
    private static final int RACES = 100;

    /**
     * Records an attempt from this address for this user; the seconds to wait when it must be refused, else empty.
     * Called before the password is checked, so a refused attempt costs no hashing.
     */
    public OptionalLong admit(String username, String address) {
        return refusal(username, address).map(r -> OptionalLong.of(r.seconds())).orElse(OptionalLong.empty());
    }

    /** Which limit refused an attempt, and for how many seconds. */
    public record Refusal(String policy, long seconds) { }

    /** The policies a 429 names: {@code login-address} (attempts per address) and {@code login-user} (failures per username). */
    public static final String ADDRESS_POLICY = "login-address";
    public static final String USER_POLICY = "login-user";

    /** As {@link #admit}, saying which limit refused. */
    public java.util.Optional<Refusal> refusal(String username, String address) {
        try {
            Instant now = clock.instant();
            OptionalLong byAddress = record("login-address:" + (address == null ? "unknown" : address), now,
                    Duration.ofSeconds(addressWindowSeconds), maxAttemptsPerAddress, true);
            if (byAddress.isPresent()) return java.util.Optional.of(new Refusal(ADDRESS_POLICY, byAddress.getAsLong()));
            OptionalLong byUser = record(userKey(username), now, Duration.ofSeconds(userWindowSeconds), maxFailuresPerUser, false);
            return byUser.isPresent() ? java.util.Optional.of(new Refusal(USER_POLICY, byUser.getAsLong())) : java.util.Optional.empty();
        } catch (Grid.Unavailable e) {
            return java.util.Optional.empty(); // the grid is away for a moment: logins go on unthrottled (logged by Grid)
        }
    }

    /**
     * The limits as the IETF RateLimit header fields describe them (draft-ietf-httpapi-ratelimit-headers):
     * {@code RateLimit-Policy} with a quota {@code q} per window {@code w} (seconds).
     */
    public String policyHeader() {
        return "\"" + ADDRESS_POLICY + "\";q=" + maxAttemptsPerAddress + ";w=" + addressWindowSeconds
                + ", \"" + USER_POLICY + "\";q=" + maxFailuresPerUser + ";w=" + userWindowSeconds;
    }

    public void failed(String username) {
        try {
            recordFailure(userKey(username));
        } catch (Grid.Unavailable e) {
            // not counted while the grid is away (logged by Grid)
        }
    }

    private void recordFailure(String key) {
        Duration window = Duration.ofSeconds(userWindowSeconds);
        for (int i = 0; i < RACES; i++) {
            String stored = grid.limit(key);
            Instant now = clock.instant();
            List<Instant> events = window(stored, now.minus(window));
            events.add(now);
            // never more than the window can refuse with: the oldest beyond that no longer matter
            while (events.size() > Math.max(1, maxFailuresPerUser)) events.remove(0);
            if (grid.replaceLimit(key, stored, format(events))) return;
        }
    }

    public void succeeded(String username) {
        String key = userKey(username);
        try {
            for (int i = 0; i < RACES; i++) {
                String stored = grid.limit(key);
                if (stored == null || grid.replaceLimit(key, stored, null)) return;
            }
        } catch (Grid.Unavailable e) {
            // the failures stay until their window ends (logged by Grid)
        }
    }

    /** Drops the events that left the window; refuses when the window is full (and then adds nothing). */
    private OptionalLong record(String key, Instant now, Duration window, int max, boolean add) {
        for (int i = 0; i < RACES; i++) {
            String stored = grid.limit(key);
            List<Instant> events = window(stored, now.minus(window));
            if (events.size() >= max) {
                long wait = Duration.between(now, events.get(0).plus(window)).toSeconds() + 1;
                return OptionalLong.of(Math.max(1, wait));
            }
            if (!add) return OptionalLong.empty();
            events.add(now);
            if (grid.replaceLimit(key, stored, format(events))) return OptionalLong.empty();
        }
        return OptionalLong.of(1); // lost every race: a burst on this key; the caller may try again in a second
    }

    /** The stored instants (epoch milliseconds, comma separated) after the horizon, oldest first. */
    static List<Instant> window(String stored, Instant horizon) {
        List<Instant> events = new ArrayList<>();
        if (stored == null || stored.isEmpty()) return events;
        for (String part : stored.split(",")) {
            try {
                Instant at = Instant.ofEpochMilli(Long.parseLong(part));
                if (at.isAfter(horizon)) events.add(at);
            } catch (NumberFormatException ignored) {
                // not written by this class: dropped
            }
        }
        events.sort(null);
        return events;
    }

    static String format(List<Instant> events) {
        StringBuilder s = new StringBuilder();
        for (Instant at : events) {
            if (s.length() > 0) s.append(',');
            s.append(at.toEpochMilli());
        }
        return s.toString();
    }

    private static String userKey(String username) {
        return "login-user:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
    }
}
