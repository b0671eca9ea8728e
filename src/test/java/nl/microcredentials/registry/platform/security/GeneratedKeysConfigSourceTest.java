package nl.microcredentials.registry.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedKeysConfigSourceTest {

    @TempDir
    Path data;

    @BeforeEach
    void posixOnly() {
        assumeTrue(data.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
    }

    @Test
    void theKeyFileIsOwnerOnlyFromItsCreation() throws Exception {
        // the file that receives the key is rw------- before a byte is written into it
        Path fresh = GeneratedKeysConfigSource.createOwnerOnlyTempFile(data);
        assertThat(Files.size(fresh)).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-------");
    }

    @Test
    void generatedKeysAreOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
        Path keys = data.resolve("nested").resolve("keys");
        GeneratedKeysConfigSource.ensureKeys(keys);
        Path privateKey = keys.resolve("registry-jwt-private.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(keys.resolve("registry-jwt-public.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        try (var files = Files.list(keys)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("registry-jwt-private.pem", "registry-jwt-public.pem");
        }
        // a second start keeps the keys
        String before = Files.readString(privateKey);
        GeneratedKeysConfigSource.ensureKeys(keys);
        assertThat(Files.readString(privateKey)).isEqualTo(before);
    }
}
