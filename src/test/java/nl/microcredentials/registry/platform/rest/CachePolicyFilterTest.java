package nl.microcredentials.registry.platform.rest;

import static nl.microcredentials.registry.platform.rest.CachePolicyFilter.cacheControl;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CachePolicyFilterTest {

    @Test
    void theTokenEndpointIsNeverStored() {
        assertThat(cacheControl(null, false, true)).isEqualTo("no-store");
        assertThat(cacheControl("public, max-age=60", true, true)).isEqualTo("no-store");
    }

    @Test
    void anAuthenticatedAnswerWithoutAPolicyIsNotStored() {
        assertThat(cacheControl(null, true, false)).isEqualTo("no-store");
        assertThat(cacheControl(" ", true, false)).isEqualTo("no-store");
    }

    @Test
    void anAuthenticatedAnswerKeepsItsOwnPolicyButNeverForSharedCaches() {
        assertThat(cacheControl("private, no-store, no-transform", true, false)).isEqualTo("private, no-store, no-transform");
        assertThat(cacheControl("no-transform, max-age=60", true, false)).isEqualTo("private, no-transform, max-age=60");
        assertThat(cacheControl("public, max-age=60", true, false)).isEqualTo("private, max-age=60");
        assertThat(cacheControl("Public, s-maxage=600, max-age=60", true, false)).isEqualTo("private, max-age=60");
        assertThat(cacheControl("public, no-store", true, false)).isEqualTo("no-store");
        assertThat(cacheControl("public", true, false)).isEqualTo("no-store");
    }

    @Test
    void anonymousAnswersKeepTheirPolicy() {
        assertThat(cacheControl("no-transform, max-age=60", false, false)).isEqualTo("no-transform, max-age=60");
        assertThat(cacheControl("public, max-age=60", false, false)).isEqualTo("public, max-age=60");
        assertThat(cacheControl(null, false, false)).isNull();
    }
}
