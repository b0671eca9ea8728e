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
}
