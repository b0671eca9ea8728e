package nl.microcredentials.registry.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

/** The API's JSON-B refuses properties it does not know, and still reads what it knows. */
class JsonbConfigurationTest {

    public record Sample(String name, Integer days) { }

    private final jakarta.json.bind.Jsonb jsonb = new JsonbConfiguration().getContext(Sample.class);

    @Test
    void knownPropertiesAreRead() {
        assertThat(jsonb.fromJson("{\"name\":\"a\",\"days\":3}", Sample.class)).isEqualTo(new Sample("a", 3));
    }

    @Test
    void anUnknownPropertyIsRefused() {
        assertThatThrownBy(() -> jsonb.fromJson("{\"name\":\"a\",\"dayz\":3}", Sample.class)).isInstanceOf(JsonbException.class)
                .hasMessageContaining("dayz");
    }
}
