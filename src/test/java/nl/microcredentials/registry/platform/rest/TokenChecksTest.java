package nl.microcredentials.registry.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Reading the algorithm of a compact JWS header, whatever the header holds. */
class TokenChecksTest {

    private static String header(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + ".e30.sig";
    }

    @Test
    void readsTheAlgorithm() {
        assertThat(TokenChecks.algorithm(header("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"))).isEqualTo("RS256");
        assertThat(TokenChecks.algorithm(header("{\"typ\":\"JWT\", \"alg\" : \"none\"}"))).isEqualTo("none");
        assertThat(TokenChecks.algorithm(header("{\"alg\":\"HS256\"}"))).isEqualTo("HS256");
    }

    @Test
    void garbageHasNoAlgorithm() {
        assertThat(TokenChecks.algorithm("garbage")).isEqualTo("unknown");
        assertThat(TokenChecks.algorithm("!!!.e30.x")).isEqualTo("unknown");
        assertThat(TokenChecks.algorithm(header("{\"typ\":\"JWT\"}"))).isEqualTo("unknown");
    }

    @Test
    void aPrincipalThatIsNoTokenIsNotJudged() {
        assertThat(TokenChecks.refusal(() -> "someone", java.time.Instant.now())).isNull();
        assertThat(TokenChecks.refusal(null, java.time.Instant.now())).isNull();
    }
}
