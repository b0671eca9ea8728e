package nl.microcredentials.registry.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sliding windows of the login throttle, on a clock the test moves. */
class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-29T10:00:00Z");
    private LoginThrottle throttle;

    @BeforeEach
    void throttle() {
        throttle = new LoginThrottle() {
            { clock = new Clock() {
                @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
                @Override public Clock withZone(java.time.ZoneId zone) { return this; }
                @Override public Instant instant() { return now; }
            }; }
        };
        throttle.grid = new nl.microcredentials.registry.platform.cache.Grid();
        throttle.grid.init(); // no JNDI here: the instance's own store, the same compare-and-set contract as the grid's
        throttle.maxFailuresPerUser = 3;
        throttle.userWindowSeconds = 600;
        throttle.maxAttemptsPerAddress = 5;
        throttle.addressWindowSeconds = 60;
    }

    private void fail(String user, String address) {
        assertThat(throttle.admit(user, address)).isEmpty();
        throttle.failed(user);
    }

    @Test
    void aUsernameIsRefusedAfterItsFailuresUntilTheOldestLeavesTheWindow() {
        fail("alice", "10.0.0.1");
        now = now.plusSeconds(100);
        fail("Alice", "10.0.0.2");   // usernames are case-insensitive
        fail("alice ", "10.0.0.3");
        var refused = throttle.admit("alice", "10.0.0.4");
        assertThat(refused).hasValue(501); // the first failure leaves the window 500 s from now
        assertThat(throttle.admit("bob", "10.0.0.4")).isEmpty();
        now = now.plusSeconds(501);
        assertThat(throttle.admit("alice", "10.0.0.5")).isEmpty();
    }

    @Test
    void aSuccessClearsTheFailures() {
        fail("carol", "10.0.0.1");
        fail("carol", "10.0.0.1");
        throttle.succeeded("carol");
        fail("carol", "10.0.0.1");
        fail("carol", "10.0.0.1");
        assertThat(throttle.admit("carol", "10.0.0.1")).isEmpty();
    }

    @Test
    void anAddressIsRefusedAfterItsAttemptsWhateverTheOutcome() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("user" + i, "192.0.2.7")).isEmpty();
            now = now.plus(Duration.ofSeconds(1));
        }
        assertThat(throttle.admit("someone", "192.0.2.7")).hasValue(56);
        assertThat(throttle.admit("someone", "192.0.2.8")).isEmpty();
        now = now.plusSeconds(56);
        assertThat(throttle.admit("someone", "192.0.2.7")).isEmpty();
    }

    @Test
    void attemptsRacingOnOneAddressAreCountedExactly() throws Exception {
        throttle.maxAttemptsPerAddress = 40;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<java.util.OptionalLong>>();
            for (int i = 0; i < 64; i++) {
                String user = "racer" + i;
                results.add(pool.submit(() -> throttle.admit(user, "198.51.100.1")));
            }
            int admitted = 0;
            for (var r : results) if (r.get().isEmpty()) admitted++;
            // compare and set: never more than the limit admitted, and none lost while the window had room
            assertThat(admitted).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWindowIsReadBackAsWrittenAndIgnoresWhatItDidNotWrite() {
        var events = java.util.List.of(now.minusSeconds(5), now.minusSeconds(1));
        assertThat(LoginThrottle.window(LoginThrottle.format(events), now.minusSeconds(10))).containsExactlyElementsOf(events);
        assertThat(LoginThrottle.window(LoginThrottle.format(events), now.minusSeconds(3))).containsExactly(now.minusSeconds(1));
        assertThat(LoginThrottle.window("x,," + now.toEpochMilli(), now.minusSeconds(3))).containsExactly(now);
        assertThat(LoginThrottle.window(null, now)).isEmpty();
    }
}
