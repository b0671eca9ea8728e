package nl.microcredentials.registry.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void ifMatchAcceptsStrongWeakAndBareVersions() {
        assertThat(ETags.ifMatch("\"3\"")).hasValue(3);
        assertThat(ETags.ifMatch("W/\"3\"")).hasValue(3);
        assertThat(ETags.ifMatch("3")).hasValue(3);
    }

    @Test
    void absentOrStarMatchesAnything() {
        assertThat(ETags.ifMatch(null)).isEmpty();
        assertThat(ETags.ifMatch(" ")).isEmpty();
        assertThat(ETags.ifMatch("*")).isEmpty();
    }

    @Test
    void aMalformedIfMatchIsABadRequestNamingTheHeader() {
        assertThatThrownBy(() -> ETags.ifMatch("\"abc\""))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("If-Match");
                });
    }

    @Test
    void aStaleVersionIsPreconditionFailed() {
        ETags.check(OptionalInt.of(4), 4);
        ETags.check(OptionalInt.empty(), 4);
        assertThatThrownBy(() -> ETags.check(OptionalInt.of(3), 4))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(412));
    }
}
