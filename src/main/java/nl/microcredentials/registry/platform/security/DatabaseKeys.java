package nl.microcredentials.registry.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The registry's generated token key pair kept in the database, so that every instance of a cluster signs and verifies
 * with the same keys (a token issued by one instance is accepted by every other). Generated once, by whichever instance
 * gets there first: the row is read and, when missing, written under a PostgreSQL advisory lock, so instances starting
 * together on an empty database agree on one pair.
 * <p>
 * The private key is stored encrypted (AES-256-GCM, key derived from {@code REGISTRY_KEYS_SECRET} with PBKDF2) when that
 * secret is configured; without it, it is stored as PKCS#8 PEM and protected by the database's access rules alone (a
 * warning says so). An operator who configures keys ({@code REGISTRY_JWT_SIGNING_KEY_LOCATION},
 * {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}) never reaches this class.
 * <p>
 * Plain JDBC on purpose: MicroProfile JWT reads its verification key while the application deploys, before CDI, JPA
 * and the start-up migration are there; so the migrations are run from here first (Flyway, under its lock: whoever
 * comes first migrates, the others find it done), and the table is the migration {@code V19__token_keys.sql}'s.
 */
final class DatabaseKeys {

    /** One constant of the registry for {@code pg_advisory_xact_lock}: the creation of the token keys. */
    static final long LOCK = 0x7265676b657973L; // "regkeys"
    static final String TABLE = "registry_token_key";
    private static final String ENCRYPTED = "aes-256-gcm:pbkdf2-sha256:210000";
    private static final int ITERATIONS = 210_000;
    private static final Logger LOG = Logger.getLogger(DatabaseKeys.class.getName());

    record Pair(String publicPem, String privatePem) { }

    private DatabaseKeys() { }

    /** The cluster's key pair, generated and stored now if there is none. */
    static Pair ensure(String url, String user, String password, String secret) {
        var source = new org.postgresql.ds.PGSimpleDataSource();
        source.setURL(url);
        if (user != null && !user.isBlank()) source.setUser(user);
        if (password != null && !password.isEmpty()) source.setPassword(password);
        source.setApplicationName("microcredential-registry-keys");
        source.setConnectTimeout(10);
        // the table is the migrations' (V19): run them now if this is the first thing to touch the database
        nl.microcredentials.registry.platform.persistence.DatabaseMigrator.migrateSchema(source, "postgresql");
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            try {
                Pair pair = ensure(c, secret);
                c.commit();
                return pair;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read or create the token keys in the database (" + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    static Pair ensure(Connection c, String secret) throws SQLException {
        // two instances generating at the same moment would each keep their own pair: one of them waits here
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            lock.execute();
        }
        Optional<Pair> stored = read(c, secret);
        if (stored.isPresent()) return stored.get();
        Pair generated = generate();
        try (PreparedStatement insert = c.prepareStatement("insert into " + TABLE
                + " (id, public_pem, private_key, protection, created_at) values ('current', ?, ?, ?, now())")) {
            insert.setString(1, generated.publicPem());
            boolean encrypt = secret != null && !secret.isBlank();
            insert.setString(2, encrypt ? encrypt(generated.privatePem(), secret) : generated.privatePem());
            insert.setString(3, encrypt ? ENCRYPTED : "none");
            insert.executeUpdate();
        }
        LOG.info(() -> "Generated the registry's token signing key pair and stored it in the database"
                + (secret == null || secret.isBlank() ? " (private key unencrypted: set REGISTRY_KEYS_SECRET to encrypt it)" : " (private key encrypted)"));
        return generated;
    }

    private static Optional<Pair> read(Connection c, String secret) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select public_pem, private_key, protection from " + TABLE + " where id = 'current'");
                ResultSet r = q.executeQuery()) {
            if (!r.next()) return Optional.empty();
            String protection = r.getString(3);
            String privateKey = r.getString(2);
            if ("none".equals(protection)) {
                if (secret != null && !secret.isBlank()) {
                    LOG.warning("REGISTRY_KEYS_SECRET is set, but the token key pair in the database was stored before it, unencrypted");
                }
                return Optional.of(new Pair(r.getString(1), privateKey));
            }
            if (!ENCRYPTED.equals(protection)) throw new IllegalStateException("Unknown protection of the stored token key: " + protection);
            if (secret == null || secret.isBlank()) {
                throw new IllegalStateException("The token key in the database is encrypted: set REGISTRY_KEYS_SECRET on every instance");
            }
            return Optional.of(new Pair(r.getString(1), decrypt(privateKey, secret)));
        }
    }

    static Pair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new Pair(Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()), Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code base64(salt) "." base64(iv) "." base64(ciphertext and tag)}. */
    static String encrypt(String plain, String secret) {
        try {
            SecureRandom random = new SecureRandom();
            byte[] salt = new byte[16];
            byte[] iv = new byte[12];
            random.nextBytes(salt);
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(secret, salt), new GCMParameterSpec(128, iv));
            cipher.updateAAD(TABLE.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.US_ASCII));
            Base64.Encoder b64 = Base64.getEncoder();
            return b64.encodeToString(salt) + "." + b64.encodeToString(iv) + "." + b64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String decrypt(String stored, String secret) {
        String[] parts = stored.split("\\.");
        if (parts.length != 3) throw new IllegalStateException("The stored token key is not in the expected form");
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(secret, b64.decode(parts[0])), new GCMParameterSpec(128, b64.decode(parts[1])));
            cipher.updateAAD(TABLE.getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(b64.decode(parts[2])), StandardCharsets.US_ASCII);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("REGISTRY_KEYS_SECRET does not open the token key stored in the database (another secret?)");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt the token key stored in the database: " + e.getMessage(), e);
        }
    }

    private static SecretKeySpec key(String secret, byte[] salt) throws GeneralSecurityException {
        var spec = new PBEKeySpec(secret.toCharArray(), salt, ITERATIONS, 256);
        try {
            return new SecretKeySpec(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded(), "AES");
        } finally {
            spec.clearPassword();
        }
    }
}
