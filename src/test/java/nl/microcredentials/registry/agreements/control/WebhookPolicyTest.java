package nl.microcredentials.registry.agreements.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookPolicyTest {

    private final WebhookPolicy strict = new WebhookPolicy(false, Duration.ofSeconds(30), 12);

    @Test
    void onlyAbsoluteHttpUrlsWithoutCredentials() {
        assertThat(strict.problem(null)).contains("is required");
        assertThat(strict.problem("ftp://example.org/x")).contains("must be an absolute http or https URL");
        assertThat(strict.problem("/relative")).contains("must be an absolute http or https URL");
        assertThat(strict.problem("https://user:pw@8.8.8.8/hook")).contains("must not contain credentials");
        assertThat(strict.problem("https://8.8.8.8/hook")).isEmpty();
        assertThat(strict.problem("https://[2606:4700::1111]/hook")).isEmpty();
    }

    @Test
    void loopbackAndPrivateAddressesAreRefusedUnlessAllowed() {
        assertThat(strict.problem("http://127.0.0.1:9000/hook")).get().asString().contains("loopback");
        assertThat(strict.problem("http://10.1.2.3/hook")).isPresent();
        assertThat(strict.problem("http://192.168.1.1/hook")).isPresent();
        assertThat(strict.problem("http://169.254.169.254/latest/meta-data")).isPresent();
        assertThat(strict.problem("http://[::1]/hook")).isPresent();
        // special-purpose ranges beyond loopback and RFC 1918 (platform.outbound.OutboundAddresses)
        assertThat(strict.problem("http://100.64.0.1/hook")).isPresent();
        assertThat(strict.problem("http://198.18.0.1/hook")).isPresent();
        assertThat(strict.problem("http://203.0.113.5/hook")).isPresent();
        assertThat(strict.problem("http://0.0.0.0/hook")).isPresent();
        assertThat(strict.problem("http://[::ffff:10.0.0.1]/hook")).isPresent();
        assertThat(strict.problem("http://[64:ff9b::a00:1]/hook")).isPresent();
        assertThat(strict.problem("http://[2002:a00:1::]/hook")).isPresent();
        assertThat(new WebhookPolicy(true, Duration.ofSeconds(1), 3).problem("http://127.0.0.1:9000/hook")).isEmpty();
    }

    @Test
    void backoffDoublesFromTheBaseUpToAnHour() {
        assertThat(strict.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(strict.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(strict.backoff(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(strict.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(strict.backoff(50)).isEqualTo(Duration.ofHours(1));
        assertThat(strict.giveUpAfter(11)).isFalse();
        assertThat(strict.giveUpAfter(12)).isTrue();
    }
}
