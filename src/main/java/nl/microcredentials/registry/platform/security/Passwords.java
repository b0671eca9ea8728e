package nl.microcredentials.registry.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password hashing: PBKDF2-HMAC-SHA256, 32-byte salt and key, iterations from {@code registry.password.iterations}
 * (default {@value #DEFAULT_ITERATIONS}, OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
 * <p>
 * A stored hash is {@code PBKDF2WithHmacSHA256:<iterations>:<base64 salt>:<base64 key>}, the format of Jakarta Security's
 * {@code Pbkdf2PasswordHash} that earlier versions stored; each hash carries its own iteration count, so older hashes
 * (210,000 iterations) still verify, and {@link #needsRehash(String)} tells a successful login to store a new one.
 */
@ApplicationScoped
public class Passwords {

    public static final int DEFAULT_ITERATIONS = 600_000;
    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int SALT_BYTES = 32;
    static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "registry.password.iterations", defaultValue = "600000")
    int iterations;

    /**
     * Verified against when the username is unknown, so that both failures cost the same time: random salt and key at
     * the configured iterations (no password has this key; nothing is derived at start-up).
     */
    private String decoy;

    public Passwords() { }

    /** Outside CDI (tests, tools). */
    public Passwords(int iterations) {
        this.iterations = iterations;
        init();
    }

    @PostConstruct
    void init() {
        if (iterations < 1) throw new IllegalArgumentException("registry.password.iterations must be positive");
        decoy = format(iterations, randomBytes(SALT_BYTES), randomBytes(KEY_BYTES));
    }

    public int iterations() {
        return iterations;
    }

    /** A new hash of the password at the configured iterations. */
    public String hash(char[] password) {
        return hash(password, iterations);
    }

    /** Whether the password matches the stored hash; a null hash (unknown user) costs the same and never matches. */
    public boolean verify(char[] password, String storedHash) {
        return matches(password, storedHash == null ? decoy : storedHash) && storedHash != null;
    }

    /** Whether a stored hash is weaker than what is configured now, so that a successful login stores a new one. */
    public boolean needsRehash(String storedHash) {
        return needsRehash(storedHash, iterations);
    }

    static String hash(char[] password, int iterations) {
        byte[] salt = randomBytes(SALT_BYTES);
        return format(iterations, salt, pbkdf2(password, salt, iterations, KEY_BYTES));
    }

    static boolean matches(char[] password, String storedHash) {
        Parsed parsed = Parsed.of(storedHash);
        if (parsed == null) return false;
        byte[] actual = pbkdf2(password, parsed.salt(), parsed.iterations(), parsed.key().length);
        return MessageDigest.isEqual(actual, parsed.key());
    }

    static boolean needsRehash(String storedHash, int configuredIterations) {
        Parsed parsed = Parsed.of(storedHash);
        return parsed == null || parsed.iterations() < configuredIterations || parsed.salt().length < SALT_BYTES
                || parsed.key().length < KEY_BYTES;
    }

    /** The iteration count a stored hash carries, or -1 when it is not a hash of this format. */
    static int iterationsOf(String storedHash) {
        Parsed parsed = Parsed.of(storedHash);
        return parsed == null ? -1 : parsed.iterations();
    }

    private record Parsed(int iterations, byte[] salt, byte[] key) {
        static Parsed of(String stored) {
            if (stored == null) return null;
            String[] parts = stored.split(":");
            if (parts.length != 4 || !ALGORITHM.equals(parts[0])) return null;
            try {
                int iterations = Integer.parseInt(parts[1]);
                byte[] salt = Base64.getDecoder().decode(parts[2]);
                byte[] key = Base64.getDecoder().decode(parts[3]);
                if (iterations < 1 || salt.length == 0 || key.length == 0 || key.length > 64) return null;
                return new Parsed(iterations, salt, key);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private static String format(int iterations, byte[] salt, byte[] key) {
        return ALGORITHM + ":" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":" + Base64.getEncoder().encodeToString(key);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int keyBytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
