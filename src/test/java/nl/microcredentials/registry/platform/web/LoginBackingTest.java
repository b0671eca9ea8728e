package nl.microcredentials.registry.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginBackingTest {

    private static String next(String next) {
        var backing = new LoginBacking();
        backing.setNext(next);
        return backing.safeNext();
    }

    @Test
    void returnsToTheAdminPageThatAskedForTheLogin() {
        assertThat(next("/admin/institutions/view.xhtml?code=tu-delft")).isEqualTo("/admin/institutions/view.xhtml?code=tu-delft");
    }

    @Test
    void neverRedirectsOutsideTheAdminUi() {
        assertThat(next("https://evil.example/admin/")).isEqualTo("/admin/index.xhtml");
        assertThat(next("//evil.example/admin/")).isEqualTo("/admin/index.xhtml");
        assertThat(next("/admin//evil.example")).isEqualTo("/admin/index.xhtml");
        assertThat(next("/admin/\\evil")).isEqualTo("/admin/index.xhtml");
        assertThat(next("/admin/login.xhtml")).isEqualTo("/admin/index.xhtml");
        assertThat(next(null)).isEqualTo("/admin/index.xhtml");
    }
}
