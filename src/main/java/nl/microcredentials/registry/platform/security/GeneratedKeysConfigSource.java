package nl.microcredentials.registry.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Defaults for the token keys when an operator configures none, so that no signing key ships in the WAR and every
 * installation has its own: on PostgreSQL a key pair generated once and kept in the database ({@link DatabaseKeys}), the
 * same for every instance of a cluster; on the embedded database of the quick start (one instance by nature) a key pair
 * generated once into the data directory ({@code registry.data.dir}/keys). Either way the keys are read from files in
 * the data directory (the database's pair is copied there, owner-only, and rewritten when it differs).
 * <p>
 * Its ordinal (50) is below every standard source, so {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} and
 * {@code REGISTRY_JWT_SIGNING_KEY_LOCATION} (environment, 300) always win. It provides the {@code .location} key only,
 * never {@code mp.jwt.verify.publickey}, which would shadow an operator's location.
 */
public class GeneratedKeysConfigSource implements ConfigSource {

    static final String VERIFY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String SIGNING_LOCATION = "registry.jwt.signing-key.location";
    private static final Logger LOG = Logger.getLogger(GeneratedKeysConfigSource.class.getName());

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(VERIFY_LOCATION, SIGNING_LOCATION);
    }

    @Override
    public Map<String, String> getProperties() {
        // listing must not generate anything; values are produced on demand
        return Map.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (!VERIFY_LOCATION.equals(propertyName) && !SIGNING_LOCATION.equals(propertyName)) {
            return null;
        }
        Path dir = keysDirectory();
        String url = bootstrap("registry.db.url", "REGISTRY_DB_URL");
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            ensureKeysFromDatabase(dir, url);
        } else {
            ensureKeys(dir);
        }
        Path file = dir.resolve(VERIFY_LOCATION.equals(propertyName) ? "registry-jwt-public.pem" : "registry-jwt-private.pem");
        return file.toUri().toString();
    }

    @Override
    public int getOrdinal() {
        return 50;
    }

    @Override
    public String getName() {
        return "registry-generated-keys";
    }

    /** Same resolution as MP Config for this one bootstrap value: system property, then environment, then ./data. */
    static Path keysDirectory() {
        String dir = bootstrap("registry.data.dir", "REGISTRY_DATA_DIR");
        if (dir == null) dir = "data";
        return Path.of(dir).toAbsolutePath().resolve("keys");
    }

    /** A bootstrap value as MP Config would find it before the application's own sources: system property, environment. */
    static String bootstrap(String property, String environment) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) value = System.getenv(environment);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static volatile boolean fromDatabase;

    /** The cluster's pair from the database (generated there by the first instance), copied into this instance's files. */
    static synchronized void ensureKeysFromDatabase(Path dir, String url) {
        if (fromDatabase) return;
        DatabaseKeys.Pair pair = DatabaseKeys.ensure(url, bootstrap("registry.db.user", "REGISTRY_DB_USER"),
                bootstrap("registry.db.password", "REGISTRY_DB_PASSWORD"), bootstrap("registry.keys.secret", "REGISTRY_KEYS_SECRET"));
        try {
            createOwnerOnlyDirectory(dir);
            writeIfDifferent(dir, dir.resolve("registry-jwt-private.pem"), pair.privatePem());
            writeIfDifferent(dir, dir.resolve("registry-jwt-public.pem"), pair.publicPem());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the token keys into " + dir, e);
        }
        fromDatabase = true;
        LOG.info(() -> "Token keys: the cluster's pair from the database");
    }

    private static void writeIfDifferent(Path dir, Path target, String content) throws IOException {
        if (Files.exists(target) && Files.readString(target, StandardCharsets.US_ASCII).equals(content)) return;
        writeAtomically(dir, target, content);
    }

    static synchronized void ensureKeys(Path dir) {
        Path privateKey = dir.resolve("registry-jwt-private.pem");
        Path publicKey = dir.resolve("registry-jwt-public.pem");
        if (Files.exists(privateKey) && Files.exists(publicKey)) return;
        try {
            createOwnerOnlyDirectory(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            // the private key is never readable by others, not even for a moment: written into a file created owner-only,
            // then moved into place in one step
            writeAtomically(dir, privateKey, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
            writeAtomically(dir, publicKey, Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
            LOG.info(() -> "Generated the registry's token signing key pair in " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the token keys in " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The keys directory, created rwx------ where the file system is POSIX (its parents as the umask says). */
    static void createOwnerOnlyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        if (dir.getParent() != null) Files.createDirectories(dir.getParent());
        try {
            if (isPosix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) throw e;
        }
    }

    /** A new, empty temporary file in {@code dir}, rw------- from its creation on where the file system is POSIX. */
    static Path createOwnerOnlyTempFile(Path dir) throws IOException {
        if (isPosix(dir)) {
            return Files.createTempFile(dir, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, ".key-", ".tmp");
    }

    private static void writeAtomically(Path dir, Path target, String content) throws IOException {
        Path temp = createOwnerOnlyTempFile(dir);
        try {
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
