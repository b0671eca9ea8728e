package nl.microcredentials.registry.it;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * One Payara Micro running the real WAR ({@code target/ROOT.war}, as {@code mvn package} built it) for every suite that
 * needs nothing else: started by the first such suite, stopped when the test JVM ends. A Payara Micro takes 13-17 s to
 * start on two cores; one per suite was a quarter of the whole test run. Suites that need a WAR or configuration of
 * their own (NotificationsIT's probe, OidcSignInIT's provider, HardeningIT's login limits) keep their own instance
 * through Arquillian; ClusterIT and QuickStartIT start theirs.
 * <p>
 * What one suite leaves in this instance's memory must not decide another's outcome, so: its login limits are raised
 * (HardeningIT tests them on its own instance), and before each suite the answer cache is emptied (suites on other
 * instances change the same database without telling this one's cache). The database is the one every suite shares
 * (reset once per run by {@link TestDatabase}). Its log is {@code target/payara-shared-it.log}.
 */
public final class SharedRegistry implements BeforeAllCallback, TestInstancePostProcessor {

    /** On a suite's class: run it against the shared registry. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(SharedRegistry.class)
    public @interface Suite { }

    /** On a {@code URL} field of the suite: the shared registry's address (with a trailing slash, as Arquillian's). */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Base { }

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static URL base;
    private static Process process;

    /** The shared registry's log (also read by suites that check what the server logged). */
    public static Path log() {
        return Path.of(System.getProperty("registry.itLog", "target/payara-it.log")).toAbsolutePath().getParent().resolve("payara-shared-it.log");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        URL url = start();
        // a fresh answer cache for each suite: the other instances' suites changed the database behind this one's back
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var cleared = http.send(HttpRequest.newBuilder(URI.create(url + "api/caches")).DELETE()
                .header("Authorization", "Bearer " + TestTokens.coordinator()).build(), HttpResponse.BodyHandlers.ofString());
        if (cleared.statusCode() != 204) throw new IllegalStateException("The shared registry did not empty its caches: HTTP " + cleared.statusCode());
    }

    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) throws Exception {
        for (Class<?> type = instance.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(Base.class) && field.getType() == URL.class) {
                    field.setAccessible(true);
                    field.set(instance, start());
                }
            }
        }
    }

    static synchronized URL start() throws Exception {
        if (base != null) return base;
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = log();
        Path root = log.getParent().resolve("shared-it-payara");
        Files.createDirectories(root);
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // as arquillian.xml's cmdOptions: C1 only and the serial collector start a short-lived instance faster on two cores
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(List.of("-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy", System.getProperty("registry.war", "target/ROOT.war"),
                "--contextroot", "/",
                "--domainconfig", System.getProperty("registry.domainConfig", "domain.xml"),
                "--rootdir", root.toString(),
                "--logtofile", log.toString(),
                "--nocluster",
                "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.getParent().resolve("payara-shared-it.out").toFile()));
        // the environment of the test JVM (failsafe's: database, keys, mail, private addresses allowed ...), with the
        // login limits raised: many suites sign in from this one address within a minute
        Map<String, String> env = builder.environment();
        env.put("REGISTRY_LOGIN_MAX_ATTEMPTS_PER_ADDRESS", "100000");
        env.put("REGISTRY_LOGIN_MAX_FAILURES_PER_USER", "100000");
        long started = System.nanoTime();
        Process started_ = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started_)));
        URL url = URI.create("http://localhost:" + port + "/").toURL();
        awaitReady(started_, url, log);
        System.out.println("SharedRegistry: ready at " + url + " after " + (System.nanoTime() - started) / 1_000_000 + " ms");
        process = started_;
        base = url;
        return base;
    }

    private static void awaitReady(Process p, URL url, Path log) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException("The shared registry stopped while starting (exit " + p.exitValue() + "); see " + log);
            try {
                var ready = http.send(HttpRequest.newBuilder(URI.create(url + "health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200 && ready.body().contains("\"database\"")) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        stop(p);
        throw new IllegalStateException("The shared registry was not ready within " + STARTUP.toSeconds() + " s; see " + log);
    }

    private static void stop(Process p) {
        if (p == null || !p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
