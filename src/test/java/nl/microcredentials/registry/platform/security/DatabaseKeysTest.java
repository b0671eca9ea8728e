package nl.microcredentials.registry.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The private key's protection in the database: AES-256-GCM under a key derived from REGISTRY_KEYS_SECRET. */
class DatabaseKeysTest {

    @Test
    void theSecretOpensWhatItSealedAndNothingElseDoes() {
        DatabaseKeys.Pair pair = DatabaseKeys.generate();
        assertThat(pair.privatePem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(pair.publicPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        String sealed = DatabaseKeys.encrypt(pair.privatePem(), "correct horse");
        assertThat(sealed).doesNotContain("PRIVATE KEY");
        assertThat(DatabaseKeys.decrypt(sealed, "correct horse")).isEqualTo(pair.privatePem());
        // a new salt and nonce each time: the same key never gives the same text
        assertThat(DatabaseKeys.encrypt(pair.privatePem(), "correct horse")).isNotEqualTo(sealed);
        assertThatThrownBy(() -> DatabaseKeys.decrypt(sealed, "wrong horse"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("REGISTRY_KEYS_SECRET does not open");
    }

    @Test
    void aTamperedKeyIsRefusedNotUsed() {
        String sealed = DatabaseKeys.encrypt(DatabaseKeys.generate().privatePem(), "s");
        String[] parts = sealed.split("\\.");
        byte[] body = java.util.Base64.getDecoder().decode(parts[2]);
        body[10] ^= 1;
        String tampered = parts[0] + "." + parts[1] + "." + java.util.Base64.getEncoder().encodeToString(body);
        assertThatThrownBy(() -> DatabaseKeys.decrypt(tampered, "s")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DatabaseKeys.decrypt("not sealed", "s")).isInstanceOf(IllegalStateException.class);
    }
}
