package nl.microcredentials.registry.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    /** A hash as Jakarta Security's Pbkdf2PasswordHash stored it before (210,000 iterations), derived independently here. */
    private static String legacyHash(String password, int iterations) throws Exception {
        byte[] salt = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        return "PBKDF2WithHmacSHA256:" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":" + Base64.getEncoder().encodeToString(key);
    }

    @Test
    void theDefaultIs600000Iterations() {
        assertThat(Passwords.DEFAULT_ITERATIONS).isEqualTo(600_000);
    }

    @Test
    void newHashesCarryTheirIterationCount() {
        Passwords passwords = new Passwords(1000);
        String hash = passwords.hash("demo".toCharArray());
        assertThat(hash).startsWith("PBKDF2WithHmacSHA256:1000:");
        assertThat(Passwords.iterationsOf(hash)).isEqualTo(1000);
        assertThat(passwords.verify("demo".toCharArray(), hash)).isTrue();
        assertThat(passwords.verify("Demo".toCharArray(), hash)).isFalse();
        assertThat(passwords.hash("demo".toCharArray())).as("a new salt every time").isNotEqualTo(hash);
    }

    @Test
    void anOld210000HashStillVerifiesAndIsReHashed() throws Exception {
        String old = legacyHash("demo", 210_000);
        Passwords passwords = new Passwords(600_000);
        assertThat(passwords.verify("demo".toCharArray(), old)).isTrue();
        assertThat(passwords.verify("wrong".toCharArray(), old)).isFalse();
        assertThat(passwords.needsRehash(old)).isTrue();
    }

    @Test
    void theReHashDecision() throws Exception {
        assertThat(Passwords.needsRehash(legacyHash("x", 1000), 600_000)).isTrue();
        assertThat(Passwords.needsRehash(legacyHash("x", 1000), 1000)).isFalse();
        assertThat(Passwords.needsRehash(legacyHash("x", 2000), 1000)).as("never down").isFalse();
        assertThat(Passwords.needsRehash(Passwords.hash("x".toCharArray(), 1000), 1000)).isFalse();
        assertThat(Passwords.needsRehash("PBKDF2WithHmacSHA1:600000:AAAA:AAAA", 1000)).as("another algorithm").isTrue();
        assertThat(Passwords.needsRehash("garbage", 1000)).isTrue();
    }

    @Test
    void anUnknownUserNeverMatchesAndBrokenHashesDoNotThrow() {
        Passwords passwords = new Passwords(1000);
        assertThat(passwords.verify("demo".toCharArray(), null)).isFalse();
        assertThat(passwords.verify("demo".toCharArray(), "garbage")).isFalse();
        assertThat(passwords.verify("demo".toCharArray(), "PBKDF2WithHmacSHA256:x:y:z")).isFalse();
        assertThat(passwords.verify("demo".toCharArray(), "PBKDF2WithHmacSHA256:1000:!!:!!")).isFalse();
    }
}
