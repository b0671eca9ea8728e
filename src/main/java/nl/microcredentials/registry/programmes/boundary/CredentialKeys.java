package nl.microcredentials.registry.programmes.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import nl.microcredentials.registry.platform.outbound.OutboundHttpClient;
import nl.microcredentials.registry.platform.outbound.RefusedAddressException;
import nl.microcredentials.registry.platform.cache.Grid;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key sets (JWKS) institutions registered for their credentials ({@code credentialKeysUrl}), read through the
 * registry's {@link OutboundHttpClient}: checked public addresses only (unless
 * {@code REGISTRY_CREDENTIAL_KEYS_ALLOW_PRIVATE_ADDRESSES=true}), no redirects, its timeouts, at most 64 KiB. A key set
 * is kept on the data grid for 5 minutes, a failure for 30 seconds (the same answer on every instance), so that verifications do not turn into a stream of requests to an
 * institution. Never throws: a key set that cannot be read is a reason.
 */
@ApplicationScoped
public class CredentialKeys {

    static final int MAX_BYTES = 64 * 1024;
    static final Duration KEPT = Duration.ofMinutes(5);
    static final Duration FAILURE_KEPT = Duration.ofSeconds(30);

    /** A key set's text, or why there is none. */
    public record Fetched(String json, String failure) implements java.io.Serializable { }

    /** What every instance of the cluster reads until {@code until}: one instance's fetch serves them all. */
    record Entry(Fetched fetched, Instant until) implements java.io.Serializable { }

    @Inject
    @ConfigProperty(name = "registry.credential-keys.allow-private-addresses", defaultValue = "false")
    boolean allowPrivateAddresses;

    @Inject
    Grid grid;

    private OutboundHttpClient http;

    @PostConstruct
    void start() {
        http = new OutboundHttpClient(allowPrivateAddresses);
    }

    @PreDestroy
    void stop() {
        if (http != null) http.close();
    }

    public Fetched fetch(String url) {
        Instant now = Instant.now();
        String key = "credential-keys|" + url;
        var kept = grid.value(key, Entry.class);
        if (kept.isPresent() && kept.get().until().isAfter(now)) return kept.get().fetched();
        Fetched fetched = read(url);
        grid.keepValue(key, new Entry(fetched, now.plus(fetched.json() != null ? KEPT : FAILURE_KEPT)));
        return fetched;
    }

    private Fetched read(String url) {
        try {
            // no redirects: the key set is at the address the institution registered
            var response = http.get(URI.create(url.trim()), Map.of("Accept", "application/jwk-set+json, application/json",
                    "User-Agent", "microcredential-registry-credential-verification"), MAX_BYTES, 0);
            if (response.status() != 200) return new Fetched(null, "the key set answered HTTP " + response.status());
            if (response.tooLarge()) return new Fetched(null, "the key set is larger than " + MAX_BYTES / 1024 + " KiB");
            return new Fetched(new String(response.body(), StandardCharsets.UTF_8), null);
        } catch (RefusedAddressException e) {
            return new Fetched(null, "the key set's host resolves to an address the registry does not connect to");
        } catch (IllegalArgumentException e) {
            return new Fetched(null, "the key set's URL is not an absolute http(s) URL");
        } catch (java.net.UnknownHostException e) {
            return new Fetched(null, "the key set's host is unknown");
        } catch (java.net.SocketTimeoutException e) {
            return new Fetched(null, "the key set did not answer in time");
        } catch (Exception e) {
            // e.g. a redirect (not followed), a connection refused or reset
            return new Fetched(null, "the key set could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
