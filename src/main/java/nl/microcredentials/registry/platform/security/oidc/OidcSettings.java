package nl.microcredentials.registry.platform.security.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The OpenID Connect configuration (README "Signing in with the institution's account"). Sign-in through the provider
 * is on when {@code REGISTRY_OIDC_ISSUER} is set; otherwise the admin UI keeps its local accounts (the quick start).
 */
@ApplicationScoped
@jakarta.inject.Named("oidcSettings")
public class OidcSettings {

    @Inject @ConfigProperty(name = "registry.oidc.issuer")
    Optional<String> issuer;

    @Inject @ConfigProperty(name = "registry.oidc.client-id")
    Optional<String> clientId;

    @Inject @ConfigProperty(name = "registry.oidc.client-secret")
    Optional<String> clientSecret;

    /** The claim whose values give role and scope. */
    @Inject @ConfigProperty(name = "registry.oidc.roles-claim", defaultValue = "eduperson_entitlement")
    String rolesClaim;

    @Inject @ConfigProperty(name = "registry.oidc.entitlement-prefix", defaultValue = Entitlements.DEFAULT_PREFIX)
    String entitlementPrefix;

    /** What the registry asks for: openid, and the claims it shows (name, e-mail) and decides by (entitlements). */
    @Inject @ConfigProperty(name = "registry.oidc.scopes", defaultValue = "openid profile email eduperson_entitlement")
    String scopes;

    /** The name on the sign-in button. */
    @Inject @ConfigProperty(name = "registry.oidc.provider-name", defaultValue = "SURFconext")
    String providerName;

    /** The provider's access tokens on /api must name this audience (default: the client id). */
    @Inject @ConfigProperty(name = "registry.oidc.api-audience")
    Optional<String> apiAudience;

    /** A signed-in session lasts at most this long, however active: then the provider is asked again. */
    @Inject @ConfigProperty(name = "registry.oidc.max-session-minutes", defaultValue = "600")
    long maxSessionMinutes;

    /** Whether the provider may be on a loopback or private address (tests, closed networks). */
    @Inject @ConfigProperty(name = "registry.oidc.allow-private-addresses", defaultValue = "false")
    boolean allowPrivateAddresses;

    /**
     * At deployment: an issuer without a client id is a configuration error that stops the deployment with the reason,
     * rather than failing every sign-in later.
     */
    void checkAtStart(@jakarta.enterprise.event.Observes @jakarta.enterprise.context.Initialized(ApplicationScoped.class) Object started) {
        if (!enabled()) return;
        clientId();
        if (!issuer().get().startsWith("https://") && !allowPrivateAddresses) {
            throw new IllegalStateException("REGISTRY_OIDC_ISSUER must be an https URL (got " + issuer().get() + ")");
        }
        java.util.logging.Logger.getLogger(OidcSettings.class.getName()).info(() -> "The admin UI signs in through OpenID Connect: issuer "
                + issuer().get() + ", client " + clientId() + (clientSecret().isPresent() ? " (confidential)" : " (public, PKCE only)")
                + ", roles from claim " + rolesClaim());
    }

    public boolean enabled() { return issuer().isPresent(); }
    public boolean isEnabled() { return enabled(); }

    /** The entitlement that makes a person a member of this board (shown to the institution's admins). */
    public String boardEntitlement(String institution, String board) { return Entitlements.boardMember(entitlementPrefix(), institution, board); }

    public Optional<String> issuer() {
        return issuer.map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    public String clientId() {
        return clientId.map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalStateException("REGISTRY_OIDC_ISSUER is set but REGISTRY_OIDC_CLIENT_ID is not"));
    }

    public Optional<String> clientSecret() { return clientSecret.map(String::trim).filter(s -> !s.isEmpty()); }
    public String rolesClaim() { return rolesClaim.trim(); }
    public String entitlementPrefix() { return entitlementPrefix.trim(); }
    public String scopes() { return scopes.contains("openid") ? scopes.trim() : "openid " + scopes.trim(); }
    public String providerName() { return providerName; }
    public String apiAudience() { return apiAudience.map(String::trim).filter(s -> !s.isEmpty()).orElseGet(this::clientId); }
    public long maxSessionSeconds() { return Math.max(60, maxSessionMinutes * 60); }
    public boolean allowPrivateAddresses() { return allowPrivateAddresses; }
}
