package nl.microcredentials.registry.notifications.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void doublesFromTheBaseUpToAnHourAndGivesUpAfterTheMaximum() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(60), 10);
        assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(120));
        assertThat(p.backoff(6)).isEqualTo(Duration.ofSeconds(1920));
        assertThat(p.backoff(7)).isEqualTo(Duration.ofHours(1));
        assertThat(p.backoff(400)).isEqualTo(Duration.ofHours(1));
        assertThat(p.giveUpAfter(9)).isFalse();
        assertThat(p.giveUpAfter(10)).isTrue();
    }
}
