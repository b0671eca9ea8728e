package nl.microcredentials.registry.platform.security.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;
import nl.microcredentials.registry.platform.cache.Grid;
import nl.microcredentials.registry.platform.outbound.OutboundHttpClient;
import nl.microcredentials.registry.platform.outbound.RefusedAddressException;
import org.apache.hc.core5.http.ContentType;

/**
 * The OpenID Connect provider as the registry knows it: its metadata from discovery
 * ({@code <issuer>/.well-known/openid-configuration}) and its key set ({@code jwks_uri}), read through the registry's
 * {@link OutboundHttpClient} (its timeouts, at most 256 KiB, no redirects, public addresses only unless
 * {@code REGISTRY_OIDC_ALLOW_PRIVATE_ADDRESSES=true}). Both are kept on the data grid, the same on every instance:
 * the metadata for an hour, the keys for 10 minutes and fetched again at once (at most every 30 s) when a token names
 * a key that is not in the set (the provider rolled its keys). A provider that cannot be read is a
 * {@link Unavailable} with the reason, never a 500.
 */
@ApplicationScoped
public class OidcProvider {

    static final int MAX_BYTES = 256 * 1024;
    static final Duration METADATA_KEPT = Duration.ofHours(1);
    static final Duration KEYS_KEPT = Duration.ofMinutes(10);
    static final Duration REFETCH_AT_MOST_EVERY = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(OidcProvider.class.getName());

    /** The provider cannot be used now: why (for the log and the page; never a token or a secret). */
    public static final class Unavailable extends Exception {
        public Unavailable(String reason) { super(reason); }
    }

    /** A document as every instance reads it until {@code until}. */
    record Kept(String json, Instant fetchedAt, Instant until) implements Serializable { }

    @Inject
    OidcSettings settings;

    @Inject
    Grid grid;

    OutboundHttpClient http; // package-private: a test gives it a short timeout

    @PostConstruct
    void start() {
        http = new OutboundHttpClient(settings.allowPrivateAddresses());
    }

    @PreDestroy
    void stop() {
        if (http != null) http.close();
    }

    public OIDCProviderMetadata metadata() throws Unavailable {
        String issuer = settings.issuer().orElseThrow(() -> new Unavailable("OpenID Connect is not configured"));
        String key = "oidc-metadata|" + issuer;
        Instant now = Instant.now();
        var kept = grid.value(key, Kept.class).filter(k -> k.until().isAfter(now));
        String json = kept.isPresent() ? kept.get().json() : null;
        if (json == null) {
            json = read(URI.create(issuer + "/.well-known/openid-configuration"), "the provider's discovery document");
        }
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(json);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new Unavailable("the provider's discovery document is not valid OpenID Connect metadata: " + e.getMessage());
        }
        // OpenID Connect Discovery 1.0, section 4.3: the issuer in the document is exactly the one asked for
        if (!metadata.getIssuer().equals(new Issuer(issuer))) {
            throw new Unavailable("the provider's discovery document names another issuer (" + metadata.getIssuer() + ")");
        }
        if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null || metadata.getJWKSetURI() == null) {
            throw new Unavailable("the provider's discovery document lacks the authorization, token or jwks_uri endpoint");
        }
        if (kept.isEmpty()) grid.keepValue(key, new Kept(json, now, now.plus(METADATA_KEPT)));
        return metadata;
    }

    /**
     * The provider's keys; with {@code unknownKey}, a token named a key the kept set lacks: fetched again unless the
     * kept set is less than 30 s old.
     */
    public JWKSet keys(boolean unknownKey) throws Unavailable {
        OIDCProviderMetadata metadata = metadata();
        String key = "oidc-keys|" + metadata.getJWKSetURI();
        Instant now = Instant.now();
        var kept = grid.value(key, Kept.class).filter(k -> k.until().isAfter(now))
                .filter(k -> !unknownKey || k.fetchedAt().plus(REFETCH_AT_MOST_EVERY).isAfter(now));
        String json = kept.isPresent() ? kept.get().json() : read(metadata.getJWKSetURI(), "the provider's key set");
        JWKSet keys;
        try {
            keys = JWKSet.parse(json);
        } catch (java.text.ParseException e) {
            throw new Unavailable("the provider's key set is not a JWK set");
        }
        if (kept.isEmpty()) grid.keepValue(key, new Kept(json, now, now.plus(KEYS_KEPT)));
        return keys.toPublicJWKSet();
    }

    /** A form POST to one of the provider's endpoints (the token endpoint). */
    public OutboundHttpClient.Response post(URI uri, Map<String, String> headers, String form) throws Unavailable {
        try {
            return http.post(uri, headers, ContentType.APPLICATION_FORM_URLENCODED, form.getBytes(StandardCharsets.UTF_8), MAX_BYTES);
        } catch (RefusedAddressException e) {
            throw new Unavailable("the provider's address is one the registry does not connect to (REGISTRY_OIDC_ALLOW_PRIVATE_ADDRESSES)");
        } catch (IOException | IllegalArgumentException e) {
            throw new Unavailable("the provider did not answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A GET of one of the provider's endpoints (the UserInfo endpoint), with the headers given. */
    public OutboundHttpClient.Fetched get(URI uri, Map<String, String> headers) throws Unavailable {
        try {
            return http.get(uri, headers, MAX_BYTES, 0);
        } catch (RefusedAddressException e) {
            throw new Unavailable("the provider's address is one the registry does not connect to (REGISTRY_OIDC_ALLOW_PRIVATE_ADDRESSES)");
        } catch (IOException | IllegalArgumentException e) {
            throw new Unavailable("the provider did not answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    private String read(URI uri, String what) throws Unavailable {
        var fetched = get(uri, Map.of("Accept", "application/json, application/jwk-set+json", "User-Agent", "microcredential-registry"));
        if (fetched.status() != 200) {
            LOG.warning(() -> what + " at " + uri + " answered HTTP " + fetched.status());
            throw new Unavailable(what + " answered HTTP " + fetched.status());
        }
        if (fetched.tooLarge()) throw new Unavailable(what + " is larger than " + MAX_BYTES / 1024 + " KiB");
        return new String(fetched.body(), StandardCharsets.UTF_8);
    }
}
