package nl.microcredentials.registry.platform.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import nl.microcredentials.registry.platform.cache.Grid;
import nl.microcredentials.registry.platform.outbound.CheckedDnsResolver;
import nl.microcredentials.registry.platform.outbound.OutboundHttpClient;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's discovery document and key set read from a real HTTP server in the test that misbehaves in every way
 * the registry must survive: errors, redirects, bodies too large or not JSON, another issuer, missing endpoints, a
 * private address the registry may not connect to, and silence. Each is an {@link OidcProvider.Unavailable} with its
 * reason (the sign-in page then says the provider cannot be reached), never an unchecked exception (a 500).
 */
class OidcProviderTest {

    private HttpServer server;
    private String issuer;
    private final AtomicInteger discoveries = new AtomicInteger();
    private final AtomicInteger keyReads = new AtomicInteger();
    private volatile Supplier<Answer> discovery;
    private volatile Supplier<Answer> keys;

    record Answer(int status, String body) { }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/op";
        String jwks = new JWKSet(new RSAKeyGenerator(2048).keyID("k1").generate().toPublicJWK()).toString();
        discovery = () -> new Answer(200, document(issuer, true));
        keys = () -> new Answer(200, jwks);
        server.createContext("/op/.well-known/openid-configuration", exchange -> {
            discoveries.incrementAndGet();
            Answer a = discovery.get();
            if (a.status() == 302) exchange.getResponseHeaders().add("Location", issuer + "/elsewhere");
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/op/jwks", exchange -> {
            keyReads.incrementAndGet();
            Answer a = keys.get();
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static String document(String issuer, boolean complete) {
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + (complete ? "\"token_endpoint\":\"" + issuer + "/token\"," : "")
                + "\"jwks_uri\":\"" + issuer + "/jwks\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    OidcProvider provider(boolean allowPrivate) {
        OidcProvider p = new OidcProvider();
        p.settings = new OidcSettings() {
            @Override public Optional<String> issuer() { return Optional.of(OidcProviderTest.this.issuer); }
            @Override public boolean allowPrivateAddresses() { return allowPrivate; }
        };
        Grid grid = new Grid();
        grid.init(); // no data grid here: the instance's own store
        p.grid = grid;
        p.start();
        return p;
    }

    @Test
    void aWellBehavedProviderIsReadOnceAndKept() throws Exception {
        OidcProvider p = provider(true);
        assertThat(p.metadata().getTokenEndpointURI().toString()).isEqualTo(issuer + "/token");
        assertThat(p.metadata().getIssuer().getValue()).isEqualTo(issuer);
        assertThat(discoveries).hasValue(1);
        assertThat(p.keys(false).getKeyByKeyId("k1")).isNotNull();
        assertThat(p.keys(true).getKeyByKeyId("k1")).as("an unknown key fetches again at most every 30 s").isNotNull();
        assertThat(keyReads).hasValue(1);
        p.stop();
    }

    @Test
    void everyMisbehaviourOfTheDiscoveryDocumentIsUnavailableWithItsReason() {
        record Case(Answer answer, String reason) { }
        for (Case c : new Case[] {
                new Case(new Answer(500, "oops"), "answered HTTP 500"),
                new Case(new Answer(404, ""), "answered HTTP 404"),
                new Case(new Answer(302, ""), "did not answer"), // redirects are not followed
                new Case(new Answer(200, "x".repeat(OidcProvider.MAX_BYTES + 1)), "larger than 256 KiB"),
                new Case(new Answer(200, "<html>not json</html>"), "not valid OpenID Connect metadata"),
                new Case(new Answer(200, "[]"), "not valid OpenID Connect metadata"),
                new Case(new Answer(200, "{}"), "not valid OpenID Connect metadata"),
                new Case(new Answer(200, document("https://evil.example", true)), "names another issuer"),
                new Case(new Answer(200, document("ISSUER", false)), "lacks the authorization, token or jwks_uri endpoint")}) {
            discovery = () -> new Answer(c.answer().status(), c.answer().body().replace("\"ISSUER", "\"" + issuer));
            OidcProvider p = provider(true);
            assertThatThrownBy(p::metadata).as(c.reason()).isInstanceOf(OidcProvider.Unavailable.class).hasMessageContaining(c.reason());
            p.stop();
        }
    }

    @Test
    void aBrokenKeySetIsUnavailable() {
        for (Answer broken : new Answer[] {new Answer(500, "down"), new Answer(200, "not a key set"), new Answer(200, "{\"keys\":5}")}) {
            keys = () -> broken;
            OidcProvider p = provider(true);
            assertThatThrownBy(() -> p.keys(false)).isInstanceOf(OidcProvider.Unavailable.class);
            p.stop();
        }
    }

    @Test
    void aProviderOnAPrivateAddressIsRefusedUnlessAllowed() {
        OidcProvider p = provider(false);
        assertThatThrownBy(p::metadata).isInstanceOf(OidcProvider.Unavailable.class)
                .hasMessageContaining("REGISTRY_OIDC_ALLOW_PRIVATE_ADDRESSES");
        assertThat(discoveries).as("no connection was made").hasValue(0);
        p.stop();
    }

    @Test
    void aProviderThatNeverAnswersIsUnavailableAfterTheTimeout() throws Exception {
        try (var silent = new java.net.ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (var connection = silent.accept()) {
                    connection.getInputStream().read(new byte[1024]); // takes the request, never answers
                    Thread.sleep(5_000);
                } catch (Exception ignored) {
                    // the registry gave up
                }
            });
            acceptor.start();
            issuer = "http://127.0.0.1:" + silent.getLocalPort() + "/op";
            OidcProvider p = provider(true);
            p.http.close();
            p.http = new OutboundHttpClient(new CheckedDnsResolver(true), Timeout.ofMilliseconds(500));
            long started = System.nanoTime();
            assertThatThrownBy(p::metadata).isInstanceOf(OidcProvider.Unavailable.class).hasMessageContaining("did not answer");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_000);
            acceptor.interrupt();
            p.stop();
        }
    }
}
