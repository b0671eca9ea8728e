package nl.microcredentials.registry.platform.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import nl.microcredentials.registry.platform.outbound.OutboundHttpClient;
import nl.microcredentials.registry.platform.rest.PublicUrl;
import nl.microcredentials.registry.platform.security.RegistryPrincipal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sign-in's checks with the provider's answers under the test's control: a genuine answer signs in, and generated
 * hostile answers (a seeded Random, as the other generated-input tests do) from the token and UserInfo endpoints never
 * throw and never sign anyone in unless the ID token is genuine: signed with the provider's key, for this client, from
 * this issuer, unexpired, with this sign-in's nonce.
 */
class OidcSignInTest {

    static final String ISSUER = "https://connect.test.invalid";
    static final String CLIENT = "registry";
    static final String PREFIX = Entitlements.DEFAULT_PREFIX;
    static RSAKey key;
    static RSAKey otherKey;

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate(); // same kid, another key
    }

    // ---- the fakes around OidcSignIn -------------------------------------------------------------------

    static final class FakeProvider extends OidcProvider {
        OutboundHttpClient.Response token;
        OutboundHttpClient.Fetched userInfo;
        final List<String> forms = new ArrayList<>();

        @Override
        public OIDCProviderMetadata metadata() {
            try {
                return OIDCProviderMetadata.parse("{\"issuer\":\"" + ISSUER + "\",\"authorization_endpoint\":\"" + ISSUER + "/authorize\","
                        + "\"token_endpoint\":\"" + ISSUER + "/token\",\"jwks_uri\":\"" + ISSUER + "/jwks\",\"userinfo_endpoint\":\"" + ISSUER
                        + "/userinfo\",\"end_session_endpoint\":\"" + ISSUER + "/logout\",\"response_types_supported\":[\"code\"],"
                        + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\",\"HS256\",\"none\"]}");
            } catch (com.nimbusds.oauth2.sdk.ParseException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public JWKSet keys(boolean unknownKey) { return new JWKSet(key.toPublicJWK()); }

        @Override
        public OutboundHttpClient.Response post(URI uri, Map<String, String> headers, String form) {
            forms.add(form);
            return token;
        }

        @Override public OutboundHttpClient.Fetched get(URI uri, Map<String, String> headers) { return userInfo; }
    }

    static final class FakeSettings extends OidcSettings {
        @Override public Optional<String> issuer() { return Optional.of(ISSUER); }
        @Override public String clientId() { return CLIENT; }
        @Override public Optional<String> clientSecret() { return Optional.of("secret"); }
        @Override public String rolesClaim() { return "eduperson_entitlement"; }
        @Override public String entitlementPrefix() { return PREFIX; }
        @Override public String scopes() { return "openid profile email"; }
    }

    static final class FakeAccounts extends OidcAccounts {
        final Set<String> used = new HashSet<>();

        @Override
        public SignedIn signIn(String issuer, String subject, String name, String email, Entitlements.Scope scope) {
            return new SignedIn(new RegistryPrincipal(subject, subject, name, scope.roles(), scope.institution(), scope.board()), scope.problem());
        }

        @Override public boolean firstUseOf(String code) { return used.add(code); }
    }

    final FakeProvider provider = new FakeProvider();
    final OidcSignIn signIn = signIn(provider);

    static OidcSignIn signIn(FakeProvider provider) {
        OidcSignIn s = new OidcSignIn();
        s.settings = new FakeSettings();
        s.provider = provider;
        s.accounts = new FakeAccounts();
        s.publicUrl = new PublicUrl() {
            @Override public String of(HttpServletRequest request) { return "https://registry.test.invalid"; }
        };
        return s;
    }

    /** A browser: its session's attributes, and the parameters of the request it sends now. */
    static final class FakeBrowser {
        final Map<String, Object> attributes = new HashMap<>();
        final Map<String, String> parameters = new HashMap<>();
        boolean hasSession;

        HttpServletRequest request() {
            HttpSession session = (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpSession.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "getAttribute" -> attributes.get((String) a[0]);
                        case "setAttribute" -> attributes.put((String) a[0], a[1]);
                        case "removeAttribute" -> attributes.remove((String) a[0]);
                        default -> null;
                    });
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "getParameter" -> parameters.get((String) a[0]);
                        case "getSession" -> {
                            boolean create = a == null || a.length == 0 || (Boolean) a[0];
                            if (create) hasSession = true;
                            yield hasSession ? session : null;
                        }
                        default -> null;
                    });
        }
    }

    record Started(FakeBrowser browser, String state, String nonce) { }

    Started start() throws Exception {
        FakeBrowser browser = new FakeBrowser();
        URI authorize = signIn.start(browser.request(), "/admin/programmes/index.xhtml");
        Map<String, String> q = query(authorize);
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", CLIENT)
                .containsEntry("redirect_uri", "https://registry.test.invalid/admin/callback").containsEntry("code_challenge_method", "S256");
        return new Started(browser, q.get("state"), q.get("nonce"));
    }

    OidcSignIn.Outcome callback(Started started, String code) {
        started.browser().parameters.clear();
        started.browser().parameters.put("state", started.state());
        started.browser().parameters.put("code", code);
        return signIn.finish(started.browser().request());
    }

    static JWTClaimsSet.Builder genuineClaims(String nonce) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("p.person")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).claim("nonce", nonce)
                .claim("name", "Pia Person").claim("email", "p@tudelft.invalid")
                .claim("eduperson_entitlement", List.of(PREFIX + "institution-admin:tu-delft"));
    }

    static String sign(JWTClaimsSet claims, RSAKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    static OutboundHttpClient.Response tokenAnswer(String idToken) {
        String json = "{\"access_token\":\"at-123\",\"token_type\":\"Bearer\",\"expires_in\":300" + (idToken == null ? "" : ",\"id_token\":\"" + idToken + "\"") + "}";
        return new OutboundHttpClient.Response(200, json.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the tests -----------------------------------------------------------------------------------------

    @Test
    void aGenuineAnswerSignsInWithTheEntitlementsRole() throws Exception {
        Started started = start();
        provider.token = tokenAnswer(sign(genuineClaims(started.nonce()).build(), key));
        var outcome = callback(started, "code-1");
        assertThat(outcome).isInstanceOf(OidcSignIn.SignedIn.class);
        var signedIn = (OidcSignIn.SignedIn) outcome;
        assertThat(signedIn.principal().groups()).containsExactly("institution-admin");
        assertThat(signedIn.principal().institution()).isEqualTo("tu-delft");
        assertThat(signedIn.principal().displayName()).isEqualTo("Pia Person");
        assertThat(signedIn.next()).isEqualTo("/admin/programmes/index.xhtml");
        // the token request carried the code, the redirect URI and the PKCE verifier
        assertThat(provider.forms.get(0)).contains("grant_type=authorization_code", "code=code-1", "code_verifier=",
                "redirect_uri=https%3A%2F%2Fregistry.test.invalid%2Fadmin%2Fcallback");
        // the state is used up: the same callback again is refused before the provider is asked
        assertThat(callback(started, "code-1")).isEqualTo(new OidcSignIn.Refused("state"));
        assertThat(provider.forms).hasSize(1);
    }

    @Test
    void entitlementsMissingFromTheIdTokenComeFromUserInfoForTheSameSubjectOnly() throws Exception {
        Started started = start();
        provider.token = tokenAnswer(sign(genuineClaims(started.nonce()).claim("eduperson_entitlement", null).build(), key));
        provider.userInfo = new OutboundHttpClient.Fetched(200, ("{\"sub\":\"p.person\",\"eduperson_entitlement\":[\"" + PREFIX + "coordinator\"]}")
                .getBytes(StandardCharsets.UTF_8), false, URI.create(ISSUER + "/userinfo"));
        var outcome = callback(started, "code-2");
        assertThat(((OidcSignIn.SignedIn) outcome).principal().groups()).containsExactly("coordinator");

        Started other = start();
        provider.token = tokenAnswer(sign(genuineClaims(other.nonce()).claim("eduperson_entitlement", null).build(), key));
        provider.userInfo = new OutboundHttpClient.Fetched(200, ("{\"sub\":\"someone.else\",\"eduperson_entitlement\":[\"" + PREFIX + "coordinator\"]}")
                .getBytes(StandardCharsets.UTF_8), false, URI.create(ISSUER + "/userinfo"));
        assertThat(callback(other, "code-3")).isEqualTo(new OidcSignIn.Refused("provider"));
    }

    @Test
    void aCallbackWithoutItsSessionOrWithAnotherStateIsRefused() throws Exception {
        Started started = start();
        FakeBrowser stranger = new FakeBrowser();
        stranger.parameters.put("state", started.state());
        stranger.parameters.put("code", "c");
        assertThat(signIn.finish(stranger.request())).isEqualTo(new OidcSignIn.Refused("state"));
        started.browser().parameters.put("state", started.state() + "x");
        started.browser().parameters.put("code", "c");
        assertThat(signIn.finish(started.browser().request())).isEqualTo(new OidcSignIn.Refused("state"));
        assertThat(provider.forms).isEmpty();
    }

    @Test
    void aSessionEndsAfterItsLongestTime() {
        Instant at = Instant.parse("2026-12-05T08:00:00Z");
        var session = new OidcSignIn.Session("t", at, null);
        assertThat(session.expired(at.plusSeconds(3600), 3600)).isFalse();
        assertThat(session.expired(at.plusSeconds(3601), 3600)).isTrue();
    }

    @Test
    void nextIsAlwaysAnAdminPageNeverAnotherSite() {
        assertThat(nl.microcredentials.registry.platform.security.RegistryAuthenticationMechanism.safeNext("/admin/programmes/index.xhtml?x=1")).isEqualTo("/admin/programmes/index.xhtml?x=1");
        for (String bad : new String[] {null, "https://evil.example/", "//evil.example/admin/", "/admin//evil", "/admin/\\evil", "/catalogue/",
                "/admin/callback?code=x", "/admin/login.xhtml"}) {
            assertThat(nl.microcredentials.registry.platform.security.RegistryAuthenticationMechanism.safeNext(bad)).as(String.valueOf(bad)).isEqualTo("/admin/index.xhtml");
        }
    }

    /** What a hostile or broken provider might answer, and whether it must be refused. */
    record Case(String name, boolean mustRefuse, OutboundHttpClient.Response token, OutboundHttpClient.Fetched userInfo) { }

    @Test
    void generatedHostileAnswersNeverThrowAndNeverSignInWithAForgedToken() throws Exception {
        Random random = new Random(20261205L);
        int signedIn = 0;
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            Started started = start();
            Case c = hostile(random, started.nonce());
            provider.token = c.token();
            provider.userInfo = c.userInfo();
            OidcSignIn.Outcome[] outcome = new OidcSignIn.Outcome[1];
            String code = "code-g" + i;
            assertThatCode(() -> outcome[0] = callback(started, code)).as(c.name()).doesNotThrowAnyException();
            if (c.mustRefuse()) {
                assertThat(outcome[0]).as(c.name()).isInstanceOf(OidcSignIn.Refused.class);
            }
            if (outcome[0] instanceof OidcSignIn.SignedIn) signedIn++; else refused++;
        }
        assertThat(signedIn).as("some generated answers are genuine").isPositive();
        assertThat(refused).as("most are not").isGreaterThan(signedIn);
    }

    Case hostile(Random random, String nonce) throws Exception {
        JWTClaimsSet.Builder claims = genuineClaims(nonce);
        boolean forged = false;
        String name;
        // the ID token's claims: one or two of them changed, dropped or of another type
        int claimChanges = random.nextInt(3);
        List<String> changed = new ArrayList<>();
        for (int k = 0; k < claimChanges; k++) {
            String claim = List.of("iss", "aud", "sub", "exp", "iat", "nonce", "eduperson_entitlement", "name", "email").get(random.nextInt(9));
            Object value = switch (random.nextInt(6)) {
                case 0 -> null;
                case 1 -> random.nextInt();
                case 2 -> "x".repeat(random.nextInt(3000));
                case 3 -> List.of(random.nextInt(), "y");
                case 4 -> Map.of("nested", List.of(1, 2));
                default -> claim.equals("exp") || claim.equals("iat") ? new Date(System.currentTimeMillis() + (random.nextBoolean() ? -1 : 1) * 86_400_000L) : "other";
            };
            claims.claim(claim, value);
            changed.add(claim + "=" + (value == null ? "null" : value.getClass().getSimpleName()));
            // a change to a checked claim that makes it wrong must be refused; name, e-mail and entitlements only change the role
            if (invalidates(claim, value)) forged = true;
        }
        // how the ID token is signed
        String idToken;
        switch (random.nextInt(8)) {
            case 0 -> { idToken = sign(claims.build(), otherKey); forged = true; name = "signed by another key"; }
            case 1 -> { idToken = new PlainJWT(claims.build()).serialize(); forged = true; name = "alg none"; }
            case 2 -> {
                SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
                hmac.sign(new MACSigner("secret-secret-secret-secret-secret-secret".getBytes(StandardCharsets.UTF_8)));
                idToken = hmac.serialize();
                forged = true;
                name = "HS256 with the client secret's kind of key";
            }
            case 3 -> {
                String genuine = sign(claims.build(), key);
                String[] parts = genuine.split("\\.");
                idToken = parts[0] + "." + parts[1] + "." + (parts[2].length() > 10 ? parts[2].substring(0, parts[2].length() - 6) + "AAAAAA" : "AAAA");
                forged = true;
                name = "changed signature";
            }
            case 4 -> { idToken = List.of("", "a.b.c", "not-a-jwt", "...", "e30.e30.", "%%%").get(random.nextInt(6)); forged = true; name = "not a JWT"; }
            default -> { idToken = sign(claims.build(), key); name = "signed by the provider"; }
        }
        // the token endpoint's answer around it
        OutboundHttpClient.Response token;
        switch (random.nextInt(7)) {
            case 0 -> { token = new OutboundHttpClient.Response(List.of(400, 401, 500, 302, 404).get(random.nextInt(5)),
                    "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8)); forged = true; name += ", an error status"; }
            case 1 -> { token = new OutboundHttpClient.Response(200, List.of("", "null", "[]", "<html>", "{", "{\"id_token\":5}",
                    "{\"access_token\":1,\"token_type\":\"Bearer\",\"id_token\":\"" + idToken + "\"}").get(random.nextInt(7)).getBytes(StandardCharsets.UTF_8));
                forged = true; name += ", a broken body"; }
            case 2 -> { token = tokenAnswer(null); forged = true; name += ", no ID token"; }
            default -> token = tokenAnswer(idToken);
        }
        // the UserInfo endpoint, asked when the ID token holds no entitlements
        OutboundHttpClient.Fetched userInfo = switch (random.nextInt(4)) {
            case 0 -> new OutboundHttpClient.Fetched(200, ("{\"sub\":\"p.person\",\"eduperson_entitlement\":\"" + PREFIX + "coordinator\"}")
                    .getBytes(StandardCharsets.UTF_8), false, URI.create(ISSUER + "/userinfo"));
            case 1 -> new OutboundHttpClient.Fetched(500, new byte[0], false, URI.create(ISSUER + "/userinfo"));
            case 2 -> new OutboundHttpClient.Fetched(200, "not json".getBytes(StandardCharsets.UTF_8), false, URI.create(ISSUER + "/userinfo"));
            default -> new OutboundHttpClient.Fetched(200, "{\"sub\":\"p.person\"}".getBytes(StandardCharsets.UTF_8), true, URI.create(ISSUER + "/userinfo"));
        };
        return new Case(name + " " + changed, forged, token, userInfo);
    }

    /** Whether this value of this claim makes an ID token invalid (an issuer, audience or nonce not the expected one, ...). */
    static boolean invalidates(String claim, Object value) {
        long now = System.currentTimeMillis();
        return switch (claim) {
            case "iss", "aud", "nonce" -> true; // every generated value differs from the expected one
            case "sub" -> !(value instanceof String);
            case "exp" -> !(value instanceof Date d && d.getTime() > now) && !(value instanceof Number n && n.longValue() * 1000 > now + 120_000);
            case "iat" -> !(value instanceof Date || value instanceof Number);
            default -> false;
        };
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }
}
