package nl.microcredentials.registry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The quick start as a newcomer runs it: Payara Micro with the WAR, no REGISTRY_DB_* and no key configuration, so the
 * embedded H2 file database and a generated token key pair; demo data on. It must serve the consortium, accept its
 * own tokens, and keep data across a restart.
 */
class QuickStartIT {

    /** The build directory (the WAR's), so that an isolated build (-Dregistry.build.dir) keeps its data there too. */
    private static final Path BUILD = Path.of(System.getProperty("registry.war", "target/ROOT.war")).toAbsolutePath().getParent();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theEmbeddedQuickStartServesTheConsortiumAndKeepsDataAcrossRestarts() throws Exception {
        Path data = BUILD.resolve("quickstart-it");
        deleteRecursively(data);
        int port = freePort();

        Process first = start(data, port);
        try {
            waitUntilReady(port, first);
            String institutions = get(port, "/api/institutions?pageSize=250", null).body();
            assertThat(institutions).contains("\"totalItems\":34", "Technische Universiteit Delft");
            String health = get(port, "/health/ready", null).body();
            assertThat(health).contains("\"status\":\"UP\"", "H2");

            // the demo catalogue, searched without PostgreSQL's full-text index, through the public page
            var catalogue = get(port, "/catalogue/index.xhtml?q=algebra", null);
            assertThat(catalogue.statusCode()).isEqualTo(200);
            assertThat(catalogue.body()).contains("Algorithms in Algebra");
            assertThat(get(port, "/api/programmes?q=complex%20networks", null).body()).contains("Complex Networks");

            String token = token(port, "coordinator");
            var created = send(port, "POST", "/api/institutions", token,
                    "{\"code\":\"quickstart-college\",\"name\":\"Quick Start College\",\"sector\":\"HBO\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(Files.exists(data.resolve("keys/registry-jwt-public.pem"))).isTrue();

            // the reports' aggregate SQL on H2 (day arithmetic and months differ from PostgreSQL)
            var report = get(port, "/api/reports/pilot", token);
            assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
            assertThat(report.body()).contains("\"decisionsByMonth\":[{", "\"month\":\"20", "\"medianDaysToDecision\":", "\"code\":\"tu-delft\"");
            var matrix = get(port, "/api/reports/recognition-matrix", token);
            assertThat(matrix.statusCode()).as(matrix.body()).isEqualTo(200);
            assertThat(matrix.body()).contains("IN_PRINCIPLE");
            assertThat(get(port, "/api/statistics", null).body()).contains("\"institutions\":35");

            // the Open Education API over the demo catalogue, walked as SURF's validator walks it, for RIO and eduXchange
            var walker = new OoapiConformance("http://127.0.0.1:" + port);
            for (var profile : OoapiConformance.Profile.values()) {
                long started = System.nanoTime();
                var walk = walker.walk(profile);
                System.out.println(walk + " in " + (System.nanoTime() - started) / 1_000_000 + " ms (demo data)");
                assertThat(walk.violations).as(walk.toString()).isEmpty();
                assertThat(walk.seedStatus).as("every seed answered").hasSameSizeAs(profile.seeds());
                assertThat(walk.seedStatus.values()).as("every seed answered 200").containsOnly(200);
                assertThat(walk.items("Course")).as("courses validated").isGreaterThan(10);
                if (profile == OoapiConformance.Profile.RIO) {
                    assertThat(walk.items("EducationSpecification")).as("education specifications validated").isGreaterThan(10);
                } else {
                    assertThat(walk.items("Organization")).as("organizations validated").isGreaterThan(0);
                }
            }
        } finally {
            stop(first);
        }

        Process second = start(data, port);
        try {
            waitUntilReady(port, second);
            var kept = get(port, "/api/institutions/quickstart-college", null);
            assertThat(kept.statusCode()).isEqualTo(200);
            assertThat(kept.body()).contains("Quick Start College");
            // the key pair persisted too: a fresh login still verifies
            String token = token(port, "admin.tudelft");
            var board = send(port, "POST", "/api/institutions/tu-delft/boards", token,
                    "{\"name\":\"Board of Examiners TPM\",\"email\":\"boe-tpm@tudelft.invalid\",\"courseCodePrefixes\":[\"TPM\"]}");
            assertThat(board.statusCode()).as(board.body()).isEqualTo(201);
        } finally {
            stop(second);
        }
    }

    private static Process start(Path data, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dregistry.demo.data=true", "-Dregistry.data.dir=" + data.toAbsolutePath(),
                "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy", System.getProperty("registry.war", "target/ROOT.war"),
                "--domainconfig", System.getProperty("registry.domainConfig", "domain.xml"),
                "--rootdir", data.resolve("payara").toAbsolutePath().toString(),
                "--port", Integer.toString(port), "--nocluster"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(BUILD.resolve("quickstart-it.log").toFile()));
        // exactly the newcomer's environment: no database and no key configuration
        builder.environment().keySet().removeIf(k -> k.startsWith("REGISTRY_") || k.startsWith("MP_JWT_"));
        Files.createDirectories(data);
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static void waitUntilReady(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("Payara Micro exited; see quickstart-it.log in the build directory").isTrue();
            try {
                if (get(port, "/health/ready", null).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The quick start was not ready within 120 s; see quickstart-it.log in the build directory");
    }

    private static String token(int port, String username) throws Exception {
        var response = send(port, "POST", "/api/auth/token", null, "{\"username\":\"" + username + "\",\"password\":\"demo\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        return send(port, "GET", path, token, null);
    }

    private static HttpResponse<String> send(int port, String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
