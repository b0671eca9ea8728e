package nl.microcredentials.registry.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resolver refuses what the policy refuses, and the client connects to exactly what the resolver answered. */
class OutboundHttpClientTest {

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Host") + " " + exchange.getRequestHeaders().getFirst("X-Test") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/redirect", exchange -> {
            received.add("redirect");
            exchange.getResponseHeaders().add("Location", "/hook");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/large", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0); // chunked
            try (var out = exchange.getResponseBody()) {
                byte[] block = new byte[64 * 1024];
                for (int i = 0; i < 16; i++) out.write(block); // 1 MiB
            } catch (java.io.IOException ignored) {
                // the client hung up after what it wanted: expected
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    /** A resolver underneath that answers loopback for one name the real DNS never resolves, and counts its calls. */
    private static DnsResolver fixed(String name, InetAddress address, AtomicInteger calls) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                calls.incrementAndGet();
                if (!host.equals(name)) throw new UnknownHostException(host);
                return new InetAddress[] {address};
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }

    private static OutboundHttpClient.Response post(OutboundHttpClient client, String url) throws Exception {
        return client.post(URI.create(url), Map.of("X-Test", "yes"), ContentType.APPLICATION_JSON,
                "{\"agreement\":\"a\"}".getBytes(StandardCharsets.UTF_8), 1024);
    }

    @Test
    void withPrivateAddressesAllowedTheClientPostsToALoopbackServer() throws Exception {
        try (var client = new OutboundHttpClient(true)) {
            assertThat(post(client, "http://127.0.0.1:" + port() + "/hook").status()).isEqualTo(204);
        }
        assertThat(received).containsExactly("127.0.0.1:" + port() + " yes {\"agreement\":\"a\"}");
    }

    @Test
    void withoutThemTheSameCallIsRefusedBeforeAnyConnection() {
        try (var client = new OutboundHttpClient(false)) {
            assertThatThrownBy(() -> post(client, "http://127.0.0.1:" + port() + "/hook")).isInstanceOf(RefusedAddressException.class);
            assertThatThrownBy(() -> post(client, "http://localhost:" + port() + "/hook")).isInstanceOf(RefusedAddressException.class)
                    .hasMessageContaining("localhost").hasMessageNotContaining("127.0.0.1");
            assertThatThrownBy(() -> post(client, "http://[::1]:" + port() + "/hook")).isInstanceOf(RefusedAddressException.class);
        }
        assertThat(received).as("nothing reached the server").isEmpty();
    }

    @Test
    void theResolverRefusesANameThatResolvesToLoopback() throws Exception {
        assertThatThrownBy(() -> new CheckedDnsResolver(false).resolve("localhost")).isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> new CheckedDnsResolver(false).resolve("localhost", 80)).isInstanceOf(RefusedAddressException.class);
        assertThat(new CheckedDnsResolver(true).resolve("localhost")).allMatch(InetAddress::isLoopbackAddress);
        // every address must be global: one private address among public ones is enough to refuse
        DnsResolver mixed = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return new InetAddress[] {InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.1")};
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        assertThatThrownBy(() -> new CheckedDnsResolver(false, mixed).resolve("mixed.example")).isInstanceOf(RefusedAddressException.class);
        var answered = new CheckedDnsResolver(false, fixed("public.example", InetAddress.getByName("8.8.8.8"), new AtomicInteger()))
                .resolve("public.example", 443);
        assertThat(answered).hasSize(1);
        assertThat(answered.get(0).isUnresolved()).as("resolved: nothing looks the name up again").isFalse();
        assertThat(answered.get(0).getAddress().getHostAddress()).isEqualTo("8.8.8.8");
        assertThat(answered.get(0).getPort()).isEqualTo(443);
    }

    @Test
    void theConnectionGoesToTheAddressTheResolverAnsweredAndNowhereElse() throws Exception {
        // a name no real DNS resolves: the request arrives only if the client connected to the checked answer itself
        AtomicInteger lookups = new AtomicInteger();
        DnsResolver underneath = fixed("hooks.registry-test.invalid", InetAddress.getLoopbackAddress(), lookups);
        try (var client = new OutboundHttpClient(new CheckedDnsResolver(true, underneath))) {
            assertThat(post(client, "http://hooks.registry-test.invalid:" + port() + "/hook").status()).isEqualTo(204);
        }
        assertThat(received).containsExactly("hooks.registry-test.invalid:" + port() + " yes {\"agreement\":\"a\"}");
        assertThat(lookups).as("resolved once").hasValue(1);

        // the same answer, checked: refused, and the server never hears of it
        received.clear();
        lookups.set(0);
        try (var client = new OutboundHttpClient(new CheckedDnsResolver(false, underneath))) {
            assertThatThrownBy(() -> post(client, "http://hooks.registry-test.invalid:" + port() + "/hook"))
                    .isInstanceOf(RefusedAddressException.class);
        }
        assertThat(received).isEmpty();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aRemoteThatAcceptsButNeverAnswersTimesOutInsteadOfHanging() throws Exception {
        try (var silent = new java.net.ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             var client = new OutboundHttpClient(new CheckedDnsResolver(true), org.apache.hc.core5.util.Timeout.ofMilliseconds(500))) {
            Thread acceptor = new Thread(() -> {
                try (var connection = silent.accept()) {
                    connection.getInputStream().read(new byte[1024]); // takes the request, never answers
                    Thread.sleep(5_000);
                } catch (Exception ignored) {
                    // the client gave up and closed the connection
                }
            });
            acceptor.start();
            long started = System.nanoTime();
            assertThatThrownBy(() -> post(client, "http://127.0.0.1:" + silent.getLocalPort() + "/hook"))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat((System.nanoTime() - started) / 1_000_000).as("gave up after the response timeout").isLessThan(4_000);
            acceptor.interrupt();
        }
    }

    @Test
    void aRemoteThatClosesTheConnectionMidAnswerIsAnIoErrorNotAHang() throws Exception {
        try (var rude = new java.net.ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             var client = new OutboundHttpClient(true)) {
            Thread acceptor = new Thread(() -> {
                try (var connection = rude.accept()) {
                    connection.getInputStream().read(new byte[1024]);
                    connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial".getBytes(StandardCharsets.US_ASCII));
                    connection.getOutputStream().flush();
                } catch (Exception ignored) {
                    // closed
                }
            });
            acceptor.start();
            assertThatThrownBy(() -> post(client, "http://127.0.0.1:" + rude.getLocalPort() + "/hook")).isInstanceOf(java.io.IOException.class);
            acceptor.join(2_000);
        }
    }

    @Test
    void aGetFollowsRedirectsCheckingEachTargetAndCutsOffLargeBodies() throws Exception {
        server.createContext("/doc", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/to-doc", exchange -> {
            exchange.getResponseHeaders().add("Location", "/doc");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/to-private", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://10.0.0.1/doc");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        String base = "http://127.0.0.1:" + port();
        try (var client = new OutboundHttpClient(true)) {
            var fetched = client.get(URI.create(base + "/to-doc"), Map.of("Accept", "application/json"), 1024, 3);
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
            assertThat(fetched.tooLarge()).isFalse();
            assertThat(fetched.uri().getPath()).isEqualTo("/doc");
            assertThatThrownBy(() -> client.get(URI.create(base + "/loop"), Map.of(), 1024, 3)).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("redirects");
            var large = client.get(URI.create(base + "/large"), Map.of(), 1000, 0);
            assertThat(large.tooLarge()).isTrue();
            assertThat(large.body()).hasSize(1000);
            assertThatThrownBy(() -> client.get(URI.create("file:///etc/passwd"), Map.of(), 10, 0)).isInstanceOf(IllegalArgumentException.class);
        }
        // every hop goes through the client's one checked resolver: a public-only client refuses a private target, and a
        // redirect answered by a loopback server is never reached because the first address is refused already
        try (var client = new OutboundHttpClient(false)) {
            assertThatThrownBy(() -> client.get(URI.create("http://10.0.0.1/doc"), Map.of(), 10, 0)).isInstanceOf(RefusedAddressException.class);
            assertThatThrownBy(() -> client.get(URI.create(base + "/to-private"), Map.of(), 1024, 3)).isInstanceOf(RefusedAddressException.class);
        }
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        try (var client = new OutboundHttpClient(true)) {
            assertThat(post(client, "http://127.0.0.1:" + port() + "/redirect").status()).isEqualTo(302);
        }
        assertThat(received).containsExactly("redirect");
    }

    @Test
    void atMostTheLimitOfTheResponseIsRead() throws Exception {
        try (var client = new OutboundHttpClient(true)) {
            var response = post(client, "http://127.0.0.1:" + port() + "/large");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).hasSize(1024);
        }
    }

    @Test
    void readAtMostReadsNoMoreThanAsked() throws Exception {
        AtomicInteger read = new AtomicInteger();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'x';
            }
        };
        assertThat(OutboundHttpClient.readAtMost(endless, 10_000)).hasSize(10_000);
        assertThat(read).hasValue(10_000);
        assertThat(OutboundHttpClient.readAtMost(new ByteArrayInputStream(new byte[5]), 100)).hasSize(5);
        assertThat(OutboundHttpClient.readAtMost(new ByteArrayInputStream(new byte[5]), 0)).isEmpty();
    }

    @Test
    void onlyAbsoluteHttpUrls() {
        try (var client = new OutboundHttpClient(true)) {
            assertThatThrownBy(() -> post(client, "ftp://127.0.0.1/x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> post(client, "/relative")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theTimeoutsAreFiveAndTenSeconds() {
        assertThat(OutboundHttpClient.CONNECT_TIMEOUT.toSeconds()).isEqualTo(5);
        assertThat(OutboundHttpClient.RESPONSE_TIMEOUT.toSeconds()).isEqualTo(10);
    }
}
