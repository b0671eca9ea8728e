package nl.microcredentials.registry.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginRedirectTest {

    @Test
    void adminPagesNeedALoginButTheLoginPageAndTheRestDoNot() {
        assertThat(RegistryAuthenticationMechanism.isProtected("/admin")).isTrue();
        assertThat(RegistryAuthenticationMechanism.isProtected("/admin/")).isTrue();
        assertThat(RegistryAuthenticationMechanism.isProtected("/admin/institutions/edit.xhtml")).isTrue();
        assertThat(RegistryAuthenticationMechanism.isProtected("/admin/login.xhtml")).isFalse();
        assertThat(RegistryAuthenticationMechanism.isProtected("/jakarta.faces.resource/theme.css.xhtml")).isFalse();
        assertThat(RegistryAuthenticationMechanism.isProtected("/administration")).isFalse();
    }
}
