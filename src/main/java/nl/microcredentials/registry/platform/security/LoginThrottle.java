package nl.microcredentials.registry.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down password guessing at the token endpoint, per instance and in memory (sliding windows):
 * <ul>
 * <li>per username: after {@code registry.login.max-failures-per-user} failed attempts within
 *     {@code registry.login.user-window-seconds}, that username is refused until the oldest failure leaves the window (an
 *     unknown username is treated the same, so the answer tells nothing); a successful login clears the user's failures;</li>
 * <li>per client address: at most {@code registry.login.max-attempts-per-address} attempts of any outcome within
 *     {@code registry.login.address-window-seconds}.</li>
 * </ul>
 * A refusal is a 429 with Retry-After. The client address is the connection's peer; behind a proxy, configure the proxy to
 * rate-limit as well (forwarded headers are not trusted here).
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

    Clock clock = Clock.systemUTC();

    private final Map<String, Deque<Instant>> failuresByUser = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> attemptsByAddress = new ConcurrentHashMap<>();

    /**
     * Records an attempt from this address for this user; the seconds to wait when it must be refused, else empty.
     * Called before the password is checked, so a refused attempt costs no hashing.
     */
    public OptionalLong admit(String username, String address) {
        Instant now = clock.instant();
        OptionalLong byAddress = record(attemptsByAddress, address == null ? "unknown" : address, now,
                Duration.ofSeconds(addressWindowSeconds), maxAttemptsPerAddress, true);
        if (byAddress.isPresent()) return byAddress;
        return record(failuresByUser, key(username), now, Duration.ofSeconds(userWindowSeconds), maxFailuresPerUser, false);
    }

    public void failed(String username) {
        Deque<Instant> failures = failuresByUser.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (failures) {
            failures.addLast(clock.instant());
        }
    }

    public void succeeded(String username) {
        failuresByUser.remove(key(username));
    }

    /** Drops the events that left the window; refuses when the window is full (and then adds nothing). */
    private static OptionalLong record(Map<String, Deque<Instant>> map, String key, Instant now, Duration window, int max, boolean add) {
        Deque<Instant> events = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (events) {
            Instant horizon = now.minus(window);
            while (!events.isEmpty() && !events.peekFirst().isAfter(horizon)) events.removeFirst();
            if (events.size() >= max) {
                long wait = Duration.between(now, events.peekFirst().plus(window)).toSeconds() + 1;
                return OptionalLong.of(Math.max(1, wait));
            }
            if (add) events.addLast(now);
            if (events.isEmpty()) map.remove(key, events);
            return OptionalLong.empty();
        }
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
