package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sign-in with the institution's own account: the admin UI against a real OpenID Connect provider running in this test
 * (mock-oauth2-server on {@code test.oidc.port}, standing in for SURFconext). This suite's deployment is the real WAR with
 * one configuration file added (a jar with a higher-ordinal {@code microprofile-config.properties}) that sets
 * {@code registry.oidc.issuer}: the other suites keep the local accounts of the quick start.
 * <p>
 * The protocol refusals are driven by a plain HTTP client that keeps cookies and does not follow redirects, so that
 * every step is visible; the sign-in of each role, the page without a role and the logout run in headless chromium.
 */
@ExtendWith(ArquillianExtension.class)
class OidcSignInIT {

    static final String ISSUER_ID = "surfconext";
    static final String CLIENT_ID = "registry-test";
    static final String CLIENT_SECRET = "registry-test-secret-" + 42;
    static final String PREFIX = "urn:mace:surf.nl:registry:";
    static final int PORT = Integer.parseInt(System.getProperty("test.oidc.port", "42526"));
    static final String ISSUER = "http://localhost:" + PORT + "/" + ISSUER_ID;

    static MockOAuth2Server provider;
    /** Every code, ID token and access token this suite saw: none may be in the server's log. */
    static final List<String> secrets = new ArrayList<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        String config = String.join("\n",
                "config_ordinal=500",
                "registry.oidc.issuer=" + ISSUER,
                "registry.oidc.client-id=" + CLIENT_ID,
                "registry.oidc.client-secret=" + CLIENT_SECRET,
                "registry.oidc.allow-private-addresses=true",
                "");
        JavaArchive settings = ShrinkWrap.create(JavaArchive.class, "oidc-test-settings.jar")
                .addAsManifestResource(new StringAsset(config), "microprofile-config.properties");
        return Deployments.registry().addAsLibrary(settings);
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new MockOAuth2Server();
        provider.start(InetAddress.getByName("127.0.0.1"), PORT);
        assertThat(provider.issuerUrl(ISSUER_ID).toString()).isEqualTo(ISSUER);
    }

    @AfterAll
    static void stopProvider() throws Exception {
        if (provider != null) provider.shutdown();
        // the accounts this suite's sign-ins created: the other suites count the demo consortium's
        try (Connection db = db(); var s = db.createStatement()) {
            s.executeUpdate("delete from account where oidc_issuer is not null");
        }
    }

    // ---- the protocol, step by step -----------------------------------------------------------------

    @Test
    void anAnonymousAdminPageGoesToTheProviderWithPkceStateAndNonce() throws Exception {
        var browser = new HttpBrowser();
        var first = browser.get(url("/admin/programmes/index.xhtml"));
        assertThat(first.statusCode()).isIn(302, 303);
        URI authorize = location(first);
        assertThat(authorize.toString()).startsWith(ISSUER + "/authorize?");
        Map<String, String> q = query(authorize);
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", url("/admin/callback")).containsEntry("code_challenge_method", "S256");
        assertThat(q.get("scope").split(" ")).contains("openid", "profile", "email");
        assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(q.get("nonce")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(q.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");

        // the provider signs the person in and sends the browser back with a code; the registry completes the sign-in
        provider.enqueueCallback(person("a.jansen", "Anne Jansen", "a.jansen@tudelft.invalid", PREFIX + "institution-admin:tu-delft"));
        URI callback = location(browser.get(authorize.toString()));
        assertThat(callback.toString()).startsWith(url("/admin/callback?"));
        secrets.add(query(callback).get("code"));
        var back = browser.get(callback.toString());
        assertThat(back.statusCode()).isIn(302, 303);
        assertThat(location(back).getPath()).isEqualTo("/admin/programmes/index.xhtml");
        var page = browser.get(location(back).toString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Anne Jansen");

        // the token request carried the code verifier and the client's secret (HTTP Basic)
        var tokenRequest = lastRequestTo("/token");
        assertThat(tokenRequest.body()).contains("code_verifier=").contains("grant_type=authorization_code");
        assertThat(tokenRequest.authorization()).startsWith("Basic ");

        // the account exists now, from the provider's claims, with its role and scope
        try (Connection db = db(); PreparedStatement s = db.prepareStatement(
                "select display_name, email, role, institution_code, password_hash, active from account where oidc_subject = ?")) {
            s.setString(1, "a.jansen");
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("Anne Jansen");
                assertThat(r.getString(2)).isEqualTo("a.jansen@tudelft.invalid");
                assertThat(r.getString(3)).isEqualTo("institution-admin");
                assertThat(r.getString(4)).isEqualTo("tu-delft");
                assertThat(r.getString(5)).as("no password: a local login cannot use it").isNull();
                assertThat(r.getBoolean(6)).isTrue();
            }
        }
        // and the local password form is gone: the quick start's accounts do not sign in to this UI
        var login = new HttpBrowser().get(url("/admin/login.xhtml"));
        assertThat(login.body()).contains("Sign in with SURFconext").doesNotContain("login:password");
    }

    @Test
    void aTamperedStateIsRefusedAndSignsNobodyIn() throws Exception {
        var browser = new HttpBrowser();
        URI callback = callbackFor(browser, person("t.tamper", "T. Tamper", "t@tudelft.invalid", PREFIX + "coordinator"), "/admin/index.xhtml");
        Map<String, String> q = query(callback);
        String tampered = url("/admin/callback") + "?code=" + enc(q.get("code")) + "&state=" + enc(q.get("state") + "x");
        var refused = browser.get(tampered);
        assertThat(refused.statusCode()).isIn(302, 303);
        assertThat(location(refused).toString()).endsWith("/admin/login.xhtml?failed=state");
        assertThat(browser.get(location(refused).toString()).body()).contains("could not be completed");
        // not signed in: an admin page still sends the browser to the provider
        assertThat(location(browser.get(url("/admin/index.xhtml"))).toString()).startsWith(ISSUER);
        // a callback from another browser (no session of its own) is refused the same way
        var stranger = new HttpBrowser().get(callback.toString());
        assertThat(location(stranger).toString()).endsWith("failed=state");
    }

    @Test
    void aReplayedCodeIsRefused() throws Exception {
        var browser = new HttpBrowser();
        URI callback = callbackFor(browser, person("r.replay", "R. Replay", "r@tudelft.invalid", PREFIX + "institution-admin:tu-delft"), "/admin/index.xhtml");
        String code = query(callback).get("code");
        assertThat(location(browser.get(callback.toString())).getPath()).isEqualTo("/admin/index.xhtml"); // signed in

        // the same callback again: its state is used up
        assertThat(location(browser.get(callback.toString())).toString()).endsWith("failed=state");
        // the same code with a state this other browser really started: the code was exchanged before
        var other = new HttpBrowser();
        String freshState = query(location(other.get(url("/admin/index.xhtml")))).get("state");
        var replay = other.get(url("/admin/callback") + "?code=" + enc(code) + "&state=" + enc(freshState));
        assertThat(location(replay).toString()).endsWith("failed=code");
        assertThat(location(other.get(url("/admin/index.xhtml"))).toString()).startsWith(ISSUER);
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        var browser = new HttpBrowser();
        URI authorize = location(browser.get(url("/admin/index.xhtml")));
        // an attacker's code: issued for this browser's state and code challenge, but for a request with another nonce
        Map<String, String> q = query(authorize);
        q.put("nonce", "an-attackers-nonce-0123456789");
        provider.enqueueCallback(person("n.nonce", "N. Nonce", "n@tudelft.invalid", PREFIX + "coordinator"));
        URI injected = location(browser.get(ISSUER + "/authorize?" + form(q)));
        assertThat(query(injected)).containsEntry("state", q.get("state"));
        secrets.add(query(injected).get("code"));
        var refused = browser.get(injected.toString());
        assertThat(location(refused).toString()).endsWith("/admin/login.xhtml?failed=nonce");
        assertThat(browser.get(location(refused).toString()).body()).contains("does not belong to this sign-in");
        assertThat(location(browser.get(url("/admin/index.xhtml"))).toString()).startsWith(ISSUER);
    }

    @Test
    void theProvidersRefusalAndJunkInTheCallbackAreShownNotThrown() throws Exception {
        var browser = new HttpBrowser();
        String state = query(location(browser.get(url("/admin/index.xhtml")))).get("state");
        var denied = browser.get(url("/admin/callback") + "?error=access_denied&state=" + enc(state));
        assertThat(location(denied).toString()).endsWith("failed=denied");
        assertThat(browser.get(location(denied).toString()).body()).contains("did not sign you in");
        // garbage in the callback: refused, never a 500
        for (String junk : List.of("?code=&state=", "?state=%00%ff", "?code=" + "x".repeat(5000) + "&state=y", "")) {
            var r = browser.get(url("/admin/callback") + junk);
            assertThat(r.statusCode()).as(junk).isIn(302, 303);
            assertThat(location(r).toString()).contains("/admin/login.xhtml?failed=");
        }
    }

    @Test
    void anExpiredSessionIsSentToSignInAgainNotToAnError() throws Exception {
        var browser = new HttpBrowser();
        signIn(browser, person("e.expired", "E. Expired", "e@tudelft.invalid", PREFIX + "coordinator"), "/admin/reports/index.xhtml");
        assertThat(browser.get(url("/admin/reports/index.xhtml")).statusCode()).isEqualTo(200);
        // the server no longer knows the session the browser's cookie names (it timed out, or its instance is gone)
        browser.replaceSessionCookie(URI.create(url("/")), "expired-session-id");
        var page = browser.get(url("/admin/reports/index.xhtml"));
        assertThat(page.statusCode()).isIn(302, 303);
        assertThat(location(page).toString()).startsWith(ISSUER + "/authorize?");
        // a form post of the page (a button pressed after the session ended): a page that goes on to the provider, since
        // the pages' CSP (form-action 'self') stops a browser that a form post redirects to another site
        var postback = browser.post(url("/admin/reports/index.xhtml"), "jakarta.faces.ViewState=stale&nav=nav");
        assertThat(postback.statusCode()).isEqualTo(200);
        assertThat(postback.body()).contains("<meta http-equiv=\"refresh\" content=\"0;url=" + ISSUER + "/authorize?");
        // and a Faces Ajax request: a partial response that redirects
        var ajax = browser.client.send(HttpRequest.newBuilder(URI.create(url("/admin/reports/index.xhtml")))
                .header("Faces-Request", "partial/ajax").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("jakarta.faces.partial.ajax=true")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ajax.body()).contains("<partial-response><redirect url=\"" + ISSUER + "/authorize?");
        // and signing in again leads back to the page
        signIn(browser, person("e.expired", "E. Expired", "e@tudelft.invalid", PREFIX + "coordinator"), "/admin/reports/index.xhtml");
        assertThat(browser.get(url("/admin/reports/index.xhtml")).body()).contains("E. Expired");
    }

    // ---- in the browser -------------------------------------------------------------------------------

    @Test
    void eachRoleSignsInInTheBrowserAndSignsOutAtTheProviderToo() throws Exception {
        String eemcs = boardId("tu-delft", "EEMCS");
        WebDriver browser = Browser.start();
        try {
            var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            record Role(String subject, String name, String entitlement, String page, String menuShown) { }
            for (Role role : List.of(
                    new Role("c.coordinator", "Carla Coordinator", PREFIX + "coordinator", "/admin/reports/index.xhtml", "nav:menu"),
                    new Role("i.admin", "Ingrid Admin", PREFIX + "institution-admin:tu-delft", "/admin/programmes/index.xhtml", "nav:menu"),
                    new Role("b.member", "Bram Member", PREFIX + "board-member:tu-delft:" + eemcs, "/admin/exemptions/index.xhtml", "nav:menu"))) {
                provider.enqueueCallback(person(role.subject(), role.name(), role.subject() + "@tudelft.invalid", role.entitlement()));
                browser.get(url(role.page()));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), role.name()));
                assertThat(browser.getCurrentUrl()).as(role.subject()).isEqualTo(url(role.page()));
                assertThat(browser.findElements(By.id(role.menuShown()))).isNotEmpty();
                // the role decides what the page offers: only coordinators and admins see reports in the menu
                boolean reports = !browser.findElements(By.cssSelector("[id='nav:reports']")).isEmpty();
                assertThat(reports).as(role.subject() + " sees reports").isEqualTo(!role.entitlement().contains("board-member"));

                browser.findElement(By.id("nav:logout")).click();
                awaitElement(browser, "signed-out");
                assertThat(browser.getCurrentUrl()).isEqualTo(url("/admin/login.xhtml?signedOut=true"));
                var endSession = lastRequestTo("/endsession");
                Map<String, String> q = query(URI.create("http://x" + endSession.path()));
                assertThat(q).containsEntry("client_id", CLIENT_ID).containsKey("id_token_hint")
                        .containsEntry("post_logout_redirect_uri", url("/admin/login.xhtml?signedOut=true"));
                secrets.add(q.get("id_token_hint"));
                // signed out here too: the next sign-in in this browser is the next person's, not this one's
            }
            // each sign-in made (or refreshed) an account with its role and scope, for its notifications
            try (Connection db = db(); var s = db.prepareStatement("select role, institution_code, board_id from account where oidc_subject = ?")) {
                s.setString(1, "b.member");
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("board-member");
                    assertThat(r.getString(2)).isEqualTo("tu-delft");
                    assertThat(r.getString(3)).isEqualTo(eemcs);
                }
            }
        } finally {
            browser.quit();
        }
    }

    @Test
    void aPersonWithoutARecognisedEntitlementSeesOnlyWhatToAskFor() throws Exception {
        WebDriver browser = Browser.start();
        try {
            var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            provider.enqueueCallback(person("u.unknown", "Uma Unknown", "u.unknown@tudelft.invalid",
                    "urn:mace:surf.nl:other-service:admin", PREFIX + "superuser"));
            browser.get(url("/admin/programmes/index.xhtml"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("entitlement-admin")));
            assertThat(browser.getCurrentUrl()).isEqualTo(url("/admin/no-access.xhtml"));
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).contains("Uma Unknown", "SURFconext");
            assertThat(browser.findElement(By.id("entitlement-admin")).getText()).isEqualTo(PREFIX + "institution-admin:<institution code>");
            assertThat(browser.findElement(By.id("entitlement-board")).getText()).isEqualTo(PREFIX + "board-member:<institution code>:<board id>");
            assertThat(browser.findElements(By.id("nav:menu"))).as("no navigation").isEmpty();
            accessible(browser, "oidc no-access");
            // and nothing else: every admin page leads back here
            for (String page : List.of("/admin/index.xhtml", "/admin/institutions/index.xhtml", "/admin/exemptions/index.xhtml")) {
                browser.get(url(page));
                wait.until(ExpectedConditions.urlToBe(url("/admin/no-access.xhtml")));
            }
            browser.findElement(By.id("nav:logout")).click();
            awaitElement(browser, "signed-out");
            accessible(browser, "oidc signed-out");
        } finally {
            browser.quit();
        }
        // an entitlement for an institution that is not a member: signed in without a role, told why; no account is made
        var http = new HttpBrowser();
        signIn(http, person("x.stranger", "X. Stranger", "x@elsewhere.invalid", PREFIX + "institution-admin:not-a-member"), "/admin/index.xhtml");
        var page = http.get(url("/admin/no-access.xhtml"));
        assertThat(page.body()).contains("not-a-member").contains("is not a member of the registry");
        try (Connection db = db(); var s = db.prepareStatement("select count(*) from account where oidc_subject in ('u.unknown', 'x.stranger')")) {
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getInt(1)).isZero();
            }
        }
    }

    // ---- the API ----------------------------------------------------------------------------------------

    @Test
    void theProvidersAccessTokensAreAcceptedBesideTheConsortiumsOwn() throws Exception {
        String report = "/api/reports/pilot?from=2026-01-01&to=2026-01-31";
        String coordinator = providerToken("api.coordinator", List.of(CLIENT_ID), 3600, PREFIX + "coordinator");
        as(base, coordinator).get(report).then().statusCode(200);
        as(base, coordinator).delete("/api/caches").then().statusCode(204); // coordinators only
        String admin = providerToken("api.admin", List.of(CLIENT_ID), 3600, PREFIX + "institution-admin:tu-delft");
        as(base, admin).delete("/api/caches").then().statusCode(403);
        as(base, admin).get("/api/reports/pilot?from=2026-01-01&to=2026-01-31&institution=hogeschool-utrecht").then().statusCode(403);
        String nobody = providerToken("api.nobody", List.of(CLIENT_ID), 3600, "urn:mace:surf.nl:other-service:admin");
        as(base, nobody).get(report).then().statusCode(403);
        // refused: another audience, expired, signed by another issuer of the same provider, a changed signature
        as(base, providerToken("api.aud", List.of("another-client"), 3600, PREFIX + "coordinator")).get(report).then().statusCode(401);
        as(base, providerToken("api.expired", List.of(CLIENT_ID), -120, PREFIX + "coordinator")).get(report).then().statusCode(401);
        String foreign = provider.issueToken("another-issuer", CLIENT_ID,
                new DefaultOAuth2TokenCallback("another-issuer", "api.foreign", "JWT", List.of(CLIENT_ID), Map.of(), 3600)).serialize();
        as(base, foreign).get(report).then().statusCode(401);
        String[] parts = coordinator.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("api.coordinator", "api.forged").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        as(base, forged).get(report).then().statusCode(401);
        // the consortium's RS256 tokens work as before
        as(base, TestTokens.coordinator()).get(report).then().statusCode(200);
        // and the local passwords are off: the demo accounts exist, but get no token
        Api.anonymous(base).body(Map.of("username", "admin.tudelft", "password", "demo")).post("/api/auth/token").then().statusCode(403)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("Local passwords are off"));
    }

    @Test
    void zzNothingLoggedHoldsATokenOrACode() throws Exception {
        Path log = Path.of(System.getProperty("registry.itLog", "target/payara-it.log"));
        StringBuilder all = new StringBuilder();
        for (Path candidate : List.of(log, Path.of(log + ".0"))) {
            if (Files.exists(candidate)) all.append(Files.readString(candidate, StandardCharsets.UTF_8));
        }
        assertThat(all).as("the server log").contains("Sign-in refused (nonce)").contains("Signed in through OpenID Connect");
        assertThat(secrets).isNotEmpty();
        for (String secret : secrets) {
            if (secret == null || secret.length() < 16) continue;
            assertThat(all.indexOf(secret)).as("a token or code in the log").isEqualTo(-1);
        }
        assertThat(all.indexOf(CLIENT_SECRET)).isEqualTo(-1);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    static DefaultOAuth2TokenCallback person(String subject, String name, String email, String... entitlements) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", name);
        claims.put("email", email);
        claims.put("eduperson_entitlement", List.of(entitlements));
        return new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, 3600);
    }

    static String providerToken(String subject, List<String> audience, long lifetime, String... entitlements) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("eduperson_entitlement", List.of(entitlements));
        claims.put("name", subject);
        String token = provider.issueToken(ISSUER_ID, CLIENT_ID,
                new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", audience, claims, lifetime)).serialize();
        secrets.add(token);
        return token;
    }

    /** Signs a cookie-keeping HTTP client in through the provider, ending on {@code page}. */
    void signIn(HttpBrowser browser, DefaultOAuth2TokenCallback who, String page) throws Exception {
        var done = browser.get(callbackFor(browser, who, page).toString());
        assertThat(done.statusCode()).isIn(302, 303);
    }

    /** Asks for {@code page}, lets the provider sign {@code who} in, and returns the callback it sends the browser to (not followed). */
    URI callbackFor(HttpBrowser browser, DefaultOAuth2TokenCallback who, String page) throws Exception {
        URI authorize = location(browser.get(url(page)));
        provider.enqueueCallback(who);
        URI callback = location(browser.get(authorize.toString()));
        secrets.add(query(callback).get("code"));
        return callback;
    }

    record Recorded(String path, String body, String authorization) { }

    /** The newest request the provider received on a path ending so. */
    static Recorded lastRequestTo(String suffix) throws Exception {
        Recorded found = null;
        okhttp3.mockwebserver.RecordedRequest r;
        while ((r = takeRequest()) != null) {
            if (r.getPath() != null && r.getPath().split("\\?")[0].endsWith(suffix)) {
                found = new Recorded(r.getPath(), r.getBody().readUtf8(), r.getHeader("Authorization"));
            }
        }
        assertThat(found).as("a request to " + suffix).isNotNull();
        return found;
    }

    /** The page has no serious or critical WCAG 2.1 AA violation (as AccessibilityIT checks every other page); a screenshot of it. */
    static void accessible(WebDriver browser, String name) throws Exception {
        var violations = new com.deque.html.axecore.selenium.AxeBuilder().withTags(AccessibilityIT.TAGS).analyze(browser).getViolations();
        assertThat(violations.stream().filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(r -> r.getId() + " " + r.getHelp()).toList()).as(name + ": serious or critical WCAG 2.1 AA violations").isEmpty();
        AccessibilityIT.screenshot(browser, name);
    }

    private static okhttp3.mockwebserver.RecordedRequest takeRequest() {
        try {
            return provider.takeRequest(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (RuntimeException none) { // "no request found in queue within timeout"
            return null;
        }
    }

    /** Waits until the page has an element; if not, says where the browser is. */
    static void awaitElement(WebDriver browser, String id) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        } catch (org.openqa.selenium.TimeoutException e) {
            String source = browser.getPageSource();
            throw new AssertionError("no #" + id + " on " + browser.getCurrentUrl() + ": " + source.substring(0, Math.min(2000, source.length())), e);
        }
    }

    String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    static URI location(HttpResponse<String> response) {
        return URI.create(response.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("no redirect: HTTP " + response.statusCode() + " " + response.body())));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) return q;
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    static String form(Map<String, String> q) {
        return String.join("&", q.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).toList());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String boardId(String institution, String nameContains) throws Exception {
        try (Connection db = db(); var s = db.prepareStatement(
                "select b.id from board b join institution i on i.id = b.institution_id where i.code = ? and b.name like ?")) {
            s.setString(1, institution);
            s.setString(2, "%" + nameContains + "%");
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    static Connection db() throws Exception {
        return DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"), System.getProperty("test.db.password"));
    }

    /** A browser without a screen: keeps cookies, follows no redirect, so each step of the protocol is seen. */
    static final class HttpBrowser {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> get(String url) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, String form) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        void replaceSessionCookie(URI site, String value) {
            int replaced = 0;
            for (HttpCookie cookie : new ArrayList<>(cookies.getCookieStore().getCookies())) {
                if (cookie.getName().equalsIgnoreCase("JSESSIONID")) {
                    cookies.getCookieStore().removeAll();
                    HttpCookie stale = new HttpCookie(cookie.getName(), value);
                    stale.setPath("/");
                    stale.setVersion(0);
                    cookies.getCookieStore().add(site, stale);
                    replaced++;
                }
            }
            assertThat(replaced).as("a session cookie to replace").isEqualTo(1);
        }
    }
}
