package nl.microcredentials.registry.platform.security.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import nl.microcredentials.registry.platform.rest.PublicUrl;
import nl.microcredentials.registry.platform.security.RegistryAuthenticationMechanism;
import nl.microcredentials.registry.platform.security.RegistryPrincipal;

/**
 * The admin UI's sign-in at the OpenID Connect provider: the authorization code flow with PKCE (S256), {@code state}
 * and {@code nonce}, built and checked with Connect2id's OAuth 2.0 / OpenID Connect SDK.
 * <ol>
 * <li>{@link #start}: a fresh state, nonce and code verifier are kept in the HTTP session (replicated on the data grid,
 * so any instance may receive the callback), and the browser is sent to the provider's authorization endpoint.</li>
 * <li>{@link #finish} at {@code /admin/callback}: the state must be one this session started, not older than 10
 * minutes, and is used up at once (a replayed callback finds nothing); the code is exchanged once on the whole cluster
 * ({@code oidc_used_code}), with the code verifier and the client's secret; the ID token's signature (the provider's
 * keys from discovery; RSA or EC only), issuer, audience, expiry and nonce are checked; the person's name, e-mail and
 * entitlements come from the ID token, or from the UserInfo endpoint when the ID token lacks them.</li>
 * </ol>
 * Nothing here writes a token, code or secret to the log: a refusal logs its kind only.
 */
@ApplicationScoped
public class OidcSignIn {

    /** Session attribute: the sign-ins this browser started and has not finished, by state. */
    static final String PENDING = "registry.oidc.pending";
    /** Session attribute: the {@link Session} of a person signed in at the provider. */
    public static final String SESSION = "registry.oidc.session";

    static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    static final int MAX_PENDING = 5;
    static final int CLOCK_SKEW_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(OidcSignIn.class.getName());

    /** A sign-in that was started: what the callback must match. */
    record Pending(String state, String nonce, String codeVerifier, String redirectUri, String next, Instant startedAt) implements Serializable { }

    /** A signed-in session: the ID token (for logout at the provider), when it began, and why it has no role. */
    public record Session(String idToken, Instant signedInAt, String noAccessReason) implements Serializable {
        /** Whether the sign-in is older than the longest a session may last. */
        public boolean expired(Instant now, long maxSeconds) {
            return signedInAt.plusSeconds(maxSeconds).isBefore(now);
        }
    }

    /** How a callback ended. */
    public sealed interface Outcome permits SignedIn, Refused { }
    public record SignedIn(RegistryPrincipal principal, Session session, String next) implements Outcome { }
    /** {@code reason}: state, expired, denied, code, nonce, token, provider. */
    public record Refused(String reason) implements Outcome { }

    @Inject
    OidcSettings settings;

    @Inject
    OidcProvider provider;

    @Inject
    OidcAccounts accounts;

    @Inject
    PublicUrl publicUrl;

    /** The provider's authorization request for this browser; {@code next} is where to return to afterwards. */
    public URI start(HttpServletRequest request, String next) throws OidcProvider.Unavailable {
        OIDCProviderMetadata metadata = provider.metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        String redirectUri = redirectUri(request);
        HttpSession session = request.getSession(true);
        Map<String, Pending> pending = pending(session);
        Instant now = Instant.now();
        pending.values().removeIf(p -> p.startedAt().plus(PENDING_LIFETIME).isBefore(now));
        while (pending.size() >= MAX_PENDING) pending.remove(pending.keySet().iterator().next());
        pending.put(state.getValue(), new Pending(state.getValue(), nonce.getValue(), verifier.getValue(), redirectUri, RegistryAuthenticationMechanism.safeNext(next), now));
        session.setAttribute(PENDING, pending); // set again: the replicated session sees the change
        return new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse(settings.scopes()), new ClientID(settings.clientId()), URI.create(redirectUri))
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** The callback: who signed in, or why not. */
    public Outcome finish(HttpServletRequest request) {
        String stateValue = request.getParameter("state");
        HttpSession httpSession = request.getSession(false);
        if (stateValue == null || httpSession == null) return refused("state", "no sign-in of this browser is waiting for this state");
        Map<String, Pending> pending = pending(httpSession);
        Pending started = pending.remove(stateValue);
        httpSession.setAttribute(PENDING, pending);
        if (started == null) return refused("state", "no sign-in of this browser is waiting for this state (tampered, replayed or from another browser)");
        if (started.startedAt().plus(PENDING_LIFETIME).isBefore(Instant.now())) return refused("expired", "the sign-in was started more than 10 minutes ago");
        String error = request.getParameter("error");
        if (error != null) {
            String code = error.replaceAll("[^A-Za-z0-9_]", "");
            return refused("denied", "the provider answered error=" + (code.length() > 40 ? code.substring(0, 40) : code));
        }
        String code = request.getParameter("code");
        if (code == null || code.isBlank() || code.length() > 4096) return refused("code", "the callback carries no code");
        if (!accounts.firstUseOf(code)) return refused("code", "the code was presented before (a replayed callback)");
        try {
            OIDCProviderMetadata metadata = provider.metadata();
            OIDCTokenResponse tokens = exchange(metadata, code, started);
            if (tokens == null) return refused("code", "the provider refused to exchange the code");
            JWT idToken = tokens.getOIDCTokens().getIDToken();
            if (idToken == null) return refused("token", "the provider's answer holds no ID token");
            JWTClaimsSet claims;
            try {
                var validated = validator(metadata).validate(idToken, new Nonce(started.nonce()));
                claims = validated.toJWTClaimsSet();
            } catch (BadJOSEException e) {
                boolean nonce = e.getMessage() != null && e.getMessage().toLowerCase().contains("nonce");
                return refused(nonce ? "nonce" : "token", "the ID token is not valid: " + (nonce ? "its nonce is not the one this sign-in sent" : e.getMessage()));
            }
            Map<String, Object> person = new HashMap<>(claims.getClaims());
            if (!person.containsKey(settings.rolesClaim()) && metadata.getUserInfoEndpointURI() != null) {
                person.putAll(userInfo(metadata.getUserInfoEndpointURI(), tokens.getOIDCTokens().getAccessToken().getValue(), claims.getSubject()));
            }
            Entitlements.Scope scope = Entitlements.resolve(values(person.get(settings.rolesClaim())), settings.entitlementPrefix());
            var signedIn = accounts.signIn(metadata.getIssuer().getValue(), claims.getSubject(),
                    text(person.get("name")), text(person.get("email")), scope);
            return new SignedIn(signedIn.principal(), new Session(idToken.serialize(), Instant.now(), signedIn.noAccessReason()), started.next());
        } catch (OidcProvider.Unavailable e) {
            return refused("provider", e.getMessage());
        } catch (JOSEException | com.nimbusds.oauth2.sdk.ParseException | java.text.ParseException | RuntimeException e) {
            return refused("token", "the provider's answer could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The redirect URI registered at the provider: {@code <public URL>/admin/callback}. */
    public String redirectUri(HttpServletRequest request) {
        return publicUrl.of(request) + "/admin/callback";
    }

    private OIDCTokenResponse exchange(OIDCProviderMetadata metadata, String code, Pending started)
            throws OidcProvider.Unavailable, com.nimbusds.oauth2.sdk.ParseException {
        var grant = new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(started.redirectUri()), new CodeVerifier(started.codeVerifier()));
        ClientID client = new ClientID(settings.clientId());
        TokenRequest tokenRequest = settings.clientSecret()
                .map(secret -> new TokenRequest(metadata.getTokenEndpointURI(), new ClientSecretBasic(client, new Secret(secret)), grant))
                .orElseGet(() -> new TokenRequest(metadata.getTokenEndpointURI(), client, grant));
        HTTPRequest http = tokenRequest.toHTTPRequest();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (http.getAuthorization() != null) headers.put("Authorization", http.getAuthorization());
        var answer = provider.post(http.getURI(), headers, http.getBody());
        HTTPResponse response = new HTTPResponse(answer.status());
        response.setContentType("application/json; charset=UTF-8");
        response.setBody(new String(answer.body(), StandardCharsets.UTF_8));
        TokenResponse parsed = OIDCTokenResponseParser.parse(response);
        if (!parsed.indicatesSuccess()) {
            var error = ((TokenErrorResponse) parsed).getErrorObject();
            LOG.info(() -> "The provider refused the code: HTTP " + answer.status() + " error=" + (error == null ? "-" : error.getCode()));
            return null;
        }
        return (OIDCTokenResponse) parsed.toSuccessResponse();
    }

    /** An ID token validator with the provider's keys; a key the kept set lacks makes it fetch the set again once. */
    IDTokenValidator validator(OIDCProviderMetadata metadata) throws OidcProvider.Unavailable {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        List<JWSAlgorithm> offered = metadata.getIDTokenJWSAlgs() == null ? List.of(JWSAlgorithm.RS256) : metadata.getIDTokenJWSAlgs();
        for (JWSAlgorithm alg : offered) {
            if (JWSAlgorithm.Family.RSA.contains(alg) || JWSAlgorithm.Family.EC.contains(alg)) algorithms.add(alg); // never none or HMAC
        }
        if (algorithms.isEmpty()) algorithms.add(JWSAlgorithm.RS256);
        var validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<>(algorithms, keySource()), null);
        validator.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        return validator;
    }

    /** The provider's keys from the data grid, fetched again when none matches (the provider rolled its keys). */
    JWKSource<SecurityContext> keySource() {
        return (selector, context) -> {
            try {
                List<JWK> found = selector.select(provider.keys(false));
                return found.isEmpty() ? selector.select(provider.keys(true)) : found;
            } catch (OidcProvider.Unavailable e) {
                throw new com.nimbusds.jose.KeySourceException(e.getMessage());
            }
        };
    }

    private Map<String, Object> userInfo(URI endpoint, String accessToken, String subject) throws OidcProvider.Unavailable, java.text.ParseException {
        var fetched = provider.get(endpoint, Map.of("Authorization", "Bearer " + accessToken, "Accept", "application/json"));
        if (fetched.status() != 200 || fetched.tooLarge()) throw new OidcProvider.Unavailable("the UserInfo endpoint answered HTTP " + fetched.status());
        Map<String, Object> info = JSONObjectUtils.parse(new String(fetched.body(), StandardCharsets.UTF_8));
        // OpenID Connect Core 5.3.2: the UserInfo sub must be the ID token's, else its claims are not the person's
        if (!subject.equals(info.get("sub"))) throw new OidcProvider.Unavailable("the UserInfo endpoint answered for another subject");
        return info;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Pending> pending(HttpSession session) {
        Object kept = session.getAttribute(PENDING);
        return kept instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Pending>) map) : new LinkedHashMap<>();
    }

    /** A claim's values: a JSON array of strings, or one string (SURFconext sends an array). */
    static List<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> list) {
            for (Object o : list) if (o instanceof String s) values.add(s);
        } else if (claim instanceof String s) {
            values.add(s);
        }
        return values;
    }

    private static String text(Object claim) {
        return claim instanceof String s && !s.isBlank() ? s.trim() : null;
    }

    private static Refused refused(String reason, String detail) {
        LOG.info(() -> "Sign-in refused (" + reason + "): " + detail);
        return new Refused(reason);
    }
}
