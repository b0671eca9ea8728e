package nl.microcredentials.registry.notifications.control;

import java.time.Duration;

/** When a failed e-mail is tried again: the base doubled per failed attempt, at most an hour apart, given up after {@code maxAttempts}. */
public record RetryPolicy(Duration base, int maxAttempts) {

    static final Duration CAP = Duration.ofHours(1);

    public Duration backoff(int failedAttempts) {
        int n = Math.max(1, failedAttempts);
        if (n > 20) return CAP;
        Duration d = base.multipliedBy(1L << (n - 1));
        return d.compareTo(CAP) > 0 ? CAP : d;
    }

    public boolean giveUpAfter(int attempts) {
        return attempts >= maxAttempts;
    }
}
