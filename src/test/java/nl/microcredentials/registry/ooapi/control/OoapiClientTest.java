package nl.microcredentials.registry.ooapi.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import nl.microcredentials.registry.platform.outbound.CheckedDnsResolver;
import nl.microcredentials.registry.platform.outbound.OutboundHttpClient;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The import's reading of an endpoint under the outbound policy, against a real local server: an endpoint that
 * passes the address check (a test name standing for a public host) redirecting to a loopback address is refused when
 * private addresses are not allowed; too large, malformed and non-page answers are failures with a reason. And the
 * nightly schedule.
 */
class OoapiClientTest {

    private HttpServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        port = server.getAddress().getPort();
        server.createContext("/redirect/courses", x -> {
            x.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/good/courses?pageSize=250&pageNumber=1");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        respond("/good/courses", "{\"pageSize\":250,\"pageNumber\":1,\"hasPreviousPage\":false,\"hasNextPage\":false,\"items\":[{\"courseId\":\"a\"}]}");
        respond("/malformed/courses", "{\"items\": [");
        respond("/notapage/courses", "[1,2,3]");
        respond("/noitems/courses", "{\"hasNextPage\":false}");
        respond("/badnext/courses", "{\"items\":[],\"hasNextPage\":\"yes\"}");
        respond("/huge/courses", "{\"items\":[\"" + "x".repeat(2 * 1024 * 1024) + "\"]}");
        server.createContext("/error/courses", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        server.start();
    }

    private void respond(String path, String body) {
        server.createContext(path, x -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, bytes.length);
            x.getResponseBody().write(bytes);
            x.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** "institution.test" stands for a public host (it resolves to the local server unchecked); every other name is checked. */
    private static DnsResolver publicInstitution(boolean allowPrivate) {
        CheckedDnsResolver checked = new CheckedDnsResolver(allowPrivate);
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return host.equals("institution.test") ? new InetAddress[] {InetAddress.getLoopbackAddress()} : checked.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }

    private OoapiClient client(boolean allowPrivate, SyncPolicy policy) {
        return new OoapiClient(new OutboundHttpClient(publicInstitution(allowPrivate)), policy);
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedUnlessAllowed() throws Exception {
        String base = "http://institution.test:" + port + "/redirect";
        assertThatThrownBy(() -> client(false, SyncPolicy.defaults()).page(base, null, 1))
                .isInstanceOf(OoapiClient.SyncFailure.class).hasMessageStartingWith("refused address");
        assertThat(client(true, SyncPolicy.defaults()).page(base, null, 1).items()).hasSize(1);
        // and the endpoint itself on a private address
        assertThatThrownBy(() -> client(false, SyncPolicy.defaults()).page("http://127.0.0.1:" + port + "/good", null, 1))
                .isInstanceOf(OoapiClient.SyncFailure.class).hasMessageStartingWith("refused address");
    }

    @Test
    void brokenAnswersAreFailuresWithAReason() {
        SyncPolicy small = new SyncPolicy(200, 10_000, 1024 * 1024, 5, 10, java.time.Duration.ofMinutes(1), Optional.empty());
        OoapiClient client = client(true, small);
        String base = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> client.page(base + "/malformed", null, 1)).hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> client.page(base + "/notapage", null, 1)).hasMessageStartingWith("not a page");
        assertThatThrownBy(() -> client.page(base + "/noitems", null, 1)).hasMessageStartingWith("not a page");
        assertThatThrownBy(() -> client.page(base + "/badnext", null, 1)).hasMessageStartingWith("not a page");
        assertThatThrownBy(() -> client.page(base + "/huge", null, 1)).hasMessageStartingWith("too large");
        assertThatThrownBy(() -> client.page(base + "/error", null, 1)).hasMessageStartingWith("HTTP 503");
        assertThatThrownBy(() -> client.page("http://nowhere.invalid", null, 1)).hasMessageStartingWith("unknown host");
        assertThat(client.educationSpecification(base + "/malformed", null, "x")).isEmpty();
    }

    @Test
    void baseUrlsAndPageAddresses() {
        assertThat(OoapiClient.problem("https://api.example.nl/ooapi/v5")).isEmpty();
        assertThat(OoapiClient.problem("ftp://api.example.nl")).contains("must be an absolute http or https URL");
        assertThat(OoapiClient.problem("/ooapi/v5")).isPresent();
        assertThat(OoapiClient.problem("https://user:pw@api.example.nl")).contains("must not contain credentials");
        assertThat(OoapiClient.problem("https://api.example.nl/?x=1")).isPresent();
        assertThat(OoapiClient.problem(" ")).contains("is required");
        assertThat(OoapiClient.coursesPage("https://api.example.nl/ooapi/v5/", "rio", 3).toString())
                .isEqualTo("https://api.example.nl/ooapi/v5/courses?pageSize=250&pageNumber=3&consumer=rio");
    }

    @Test
    void theNightlySyncIsDueOnceADayFromItsTimeWithinTheCatchUpWindow() {
        ZoneId ams = SyncPolicy.ZONE;
        SyncPolicy p = SyncPolicy.defaults();
        assertThat(p.nightlyDue(ZonedDateTime.of(2026, 3, 10, 2, 29, 0, 0, ams))).isEmpty();
        assertThat(p.nightlyDue(ZonedDateTime.of(2026, 3, 10, 2, 30, 0, 0, ams))).contains(LocalDate.of(2026, 3, 10));
        assertThat(p.nightlyDue(ZonedDateTime.of(2026, 3, 10, 4, 29, 0, 0, ams))).contains(LocalDate.of(2026, 3, 10));
        assertThat(p.nightlyDue(ZonedDateTime.of(2026, 3, 10, 4, 31, 0, 0, ams))).isEmpty();
        // the instant counts in Europe/Amsterdam, whatever the zone it is given in
        assertThat(p.nightlyDue(ZonedDateTime.of(2026, 3, 10, 1, 45, 0, 0, ZoneId.of("UTC")))).contains(LocalDate.of(2026, 3, 10));
        SyncPolicy late = new SyncPolicy(200, 10_000, 1, 5, 1, java.time.Duration.ofMinutes(1), Optional.of(LocalTime.of(23, 30)));
        assertThat(late.nightlyDue(ZonedDateTime.of(2026, 3, 11, 0, 15, 0, 0, ams))).contains(LocalDate.of(2026, 3, 10));
        assertThat(SyncPolicy.nightlyTime("off")).isEmpty();
        assertThat(SyncPolicy.nightlyTime("03:15")).contains(LocalTime.of(3, 15));
        assertThat(SyncPolicy.nightlyTime("nonsense")).contains(LocalTime.of(2, 30));
    }
}
