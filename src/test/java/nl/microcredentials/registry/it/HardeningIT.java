package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile tokens, the token endpoint's rate limits and logging, security headers, the session cookie, CSRF and CORS.
 * The address rate-limit test fills this deployment's window for 127.0.0.1, so it runs last.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardeningIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.registry();
    }

    @ArquillianResource
    URL base;

    private static String sign(Consumer<JwtClaims> claims, String algorithm, java.security.Key key) throws Exception {
        JwtClaims c = new JwtClaims();
        c.setIssuer(TestTokens.ISSUER);
        c.setSubject("attacker@x.invalid");
        c.setClaim("upn", "attacker@x.invalid");
        c.setStringListClaim("groups", List.of("coordinator"));
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(10);
        c.setGeneratedJwtId();
        claims.accept(c);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        if (key == null) {
            jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        } else {
            jws.setKey(key);
            jws.setDoKeyValidation(false);
        }
        return jws.getCompactSerialization();
    }

    @Test
    @Order(1)
    void hostileTokensAre401() throws Exception {
        byte[] publicPem = Files.readAllBytes(Path.of(System.getProperty("test.keys.dir", "src/test/resources/keys"), "test-idp-public.pem"));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"a\",\"upn\":\"a\",\"groups\":[\"coordinator\"],\"exp\":9999999999}").getBytes(StandardCharsets.UTF_8));
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + payload + ".";
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("alg none", none);
        tokens.put("alg none via jose4j", sign(c -> { }, AlgorithmIdentifiers.NONE, null));
        tokens.put("HS256 signed with the public key", sign(c -> { }, AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(publicPem)));
        tokens.put("wrong key", sign(c -> { }, AlgorithmIdentifiers.RSA_USING_SHA256, TestTokens.foreignKey()));
        tokens.put("expired", sign(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 7200));
            c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        }, AlgorithmIdentifiers.RSA_USING_SHA256, TestTokens.key()));
        tokens.put("not yet valid", sign(c -> c.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 3600)),
                AlgorithmIdentifiers.RSA_USING_SHA256, TestTokens.key()));
        tokens.put("wrong issuer", sign(c -> c.setIssuer("https://evil.invalid"), AlgorithmIdentifiers.RSA_USING_SHA256, TestTokens.key()));
        tokens.put("missing sub", sign(c -> c.unsetClaim("sub"), AlgorithmIdentifiers.RSA_USING_SHA256, TestTokens.key()));
        tokens.put("garbage", "garbage");
        tokens.put("three garbage parts", "a.b.c");
        tokens.put("header only", none.substring(0, none.indexOf('.')));
        tokens.put("signature stripped", TestTokens.coordinator().substring(0, TestTokens.coordinator().lastIndexOf('.') + 1));
        for (var t : tokens.entrySet()) {
            as(base, t.getValue()).body(Map.of("code", "it-hostile", "name", "Hostile", "sector", "WO")).post("/api/institutions")
                    .then().statusCode(401).contentType("application/problem+json");
            var read = as(base, t.getValue()).get("/api/reports/pilot");
            assertThat(read.statusCode()).as(t.getKey()).isEqualTo(401);
        }
        // the genuine token of the same provider works: the refusals above are about the tokens, not the endpoint
        as(base, TestTokens.coordinator()).get("/api/reports/pilot?from=2026-01-01&to=2026-01-31").then().statusCode(200);
        anonymous(base).get("/api/institutions/it-hostile").then().statusCode(404);
    }

    @Test
    @Order(2)
    void failedLoginsAreLoggedWithTheUsernameButNeverThePassword() throws Exception {
        String secret = "Corr3ct-Horse-" + System.nanoTime();
        anonymous(base).body(Map.of("username", "logged.user", "password", secret)).post("/api/auth/token").then().statusCode(401);
        String log = serverLog();
        assertThat(log).contains("Token refused: invalid credentials user=logged.user");
        assertThat(log).doesNotContain(secret);
    }

    private static String serverLog() throws Exception {
        Path log = Path.of(System.getProperty("registry.itLog", "target/payara-it.log"));
        StringBuilder all = new StringBuilder();
        for (Path candidate : List.of(log, Path.of(log + ".0"))) {
            if (Files.exists(candidate)) all.append(Files.readString(candidate, StandardCharsets.UTF_8));
        }
        assertThat(all).as("the server log " + log).isNotEmpty();
        return all.toString();
    }

    @Test
    @Order(3)
    void securityHeadersOnTheApiAndOnFacesPages() {
        var api = anonymous(base).get("/api/institutions");
        assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(api.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(api.header("Content-Security-Policy")).contains("default-src 'none'", "frame-ancestors 'none'");
        assertThat(api.header("Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
        assertThat(anonymous(base).header("X-Forwarded-Proto", "https").get("/api/institutions").header("Strict-Transport-Security"))
                .contains("max-age=");
        assertThat(anonymous(base).get("/api/nowhere").header("X-Content-Type-Options")).isEqualTo("nosniff");

        var page = RestAssured.given().baseUri(base.toString()).get("/admin/login.xhtml");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self' 'nonce-", "object-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe-eval");
        String nonce = csp.replaceAll("(?s).*'nonce-([^']+)'.*", "$1");
        // every script of the page carries the nonce, and no element has an inline event handler left
        String html = page.asString();
        assertThat(html).contains("nonce=\"" + nonce + "\"");
        var scripts = java.util.regex.Pattern.compile("<script[^>]*>").matcher(html);
        int inline = 0;
        while (scripts.find()) {
            String tag = scripts.group();
            if (tag.contains(" src=")) continue; // same-origin files: allowed by 'self'
            inline++;
            assertThat(tag).as("an inline script without the nonce").contains("nonce=\"" + nonce + "\"");
        }
        assertThat(inline).isPositive();
        assertThat(html).doesNotContainPattern("\\son(click|change|submit|load)=\"");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        // a second response gets another nonce
        String again = RestAssured.given().baseUri(base.toString()).get("/admin/login.xhtml").header("Content-Security-Policy");
        assertThat(again).isNotEqualTo(csp);
    }

    @Test
    @Order(4)
    void theSessionCookieIsHttpOnlySameSiteAndRenewedAtLogin() {
        var loginPage = RestAssured.given().baseUri(base.toString()).get("/admin/login.xhtml");
        // the session cookie and, with sessions replicated on the data grid (distributable), its JSESSIONIDVERSION
        var setCookies = loginPage.headers().getValues("Set-Cookie");
        assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID="));
        assertThat(setCookies).allSatisfy(c -> assertThat(c).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        String before = loginPage.getCookie("JSESSIONID");
        String viewState = loginPage.htmlPath().getString("**.find { it.@name == 'jakarta.faces.ViewState' }.@value");
        var loggedIn = RestAssured.given().baseUri(base.toString()).cookies(loginPage.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("login", "login").formParam("login:username", "coordinator").formParam("login:password", "demo")
                .formParam("login:submit", "").formParam("jakarta.faces.ViewState", viewState).post("/admin/login.xhtml");
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        String after = loggedIn.getCookie("JSESSIONID");
        assertThat(after).as("a new session id after the login (no session fixation)").isNotNull().isNotEqualTo(before);
        // the old id is worth nothing
        RestAssured.given().baseUri(base.toString()).cookie("JSESSIONID", before).redirects().follow(false).get("/admin/index.xhtml")
                .then().statusCode(302);
    }

    @Test
    @Order(5)
    void aFormPostWithoutTheViewStateOfTheSessionChangesNothing() {
        // a cross-site POST carries the victim's cookie (were it not SameSite) but cannot know the view state of their page
        var loginPage = RestAssured.given().baseUri(base.toString()).get("/admin/login.xhtml");
        String viewState = loginPage.htmlPath().getString("**.find { it.@name == 'jakarta.faces.ViewState' }.@value");
        var loggedIn = RestAssured.given().baseUri(base.toString()).cookies(loginPage.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("login", "login").formParam("login:username", "coordinator").formParam("login:password", "demo")
                .formParam("login:submit", "").formParam("jakarta.faces.ViewState", viewState).post("/admin/login.xhtml");
        var session = loggedIn.getCookies();
        var forged = RestAssured.given().baseUri(base.toString()).cookies(session).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("form", "form").formParam("form:name", "Forged name").formParam("form:save", "")
                .formParam("jakarta.faces.ViewState", "-1234567890:987654321")
                .post("/admin/institutions/edit.xhtml?code=saxion");
        assertThat(forged.statusCode()).isNotEqualTo(500);
        anonymous(base).get("/api/institutions/saxion").then().statusCode(200).body("name", org.hamcrest.Matchers.not(equalTo("Forged name")));
    }

    @Test
    @Order(6)
    void corsIsClosedByDefaultAndOpenForConfiguredOrigins() {
        var foreign = anonymous(base).header("Origin", "https://evil.invalid").get("/api/institutions");
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
        var preflightForeign = RestAssured.given().baseUri(base.toString()).header("Origin", "https://evil.invalid")
                .header("Access-Control-Request-Method", "POST").options("/api/institutions");
        assertThat(preflightForeign.header("Access-Control-Allow-Origin")).isNull();
        // the integration tests configure one origin (REGISTRY_CORS_ORIGINS in pom.xml)
        var listed = anonymous(base).header("Origin", "https://consortium.test.invalid").get("/api/institutions");
        assertThat(listed.header("Access-Control-Allow-Origin")).isEqualTo("https://consortium.test.invalid");
        var preflight = RestAssured.given().baseUri(base.toString()).header("Origin", "https://consortium.test.invalid")
                .header("Access-Control-Request-Method", "PUT").header("Access-Control-Request-Headers", "authorization,if-match")
                .options("/api/institutions/tu-delft");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("If-Match", "Authorization");
    }

    @Test
    @Order(7)
    void repeatedFailuresForOneUsernameAre429WithRetryAfter() {
        // the IT deployment allows 5 failures per user (REGISTRY_LOGIN_MAX_FAILURES_PER_USER in pom.xml)
        for (int i = 0; i < 5; i++) {
            anonymous(base).body(Map.of("username", "guessed.user", "password", "guess-" + i)).post("/api/auth/token").then().statusCode(401);
        }
        var refused = anonymous(base).body(Map.of("username", "guessed.user", "password", "guess-5")).post("/api/auth/token");
        refused.then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 900L);
        // the IETF RateLimit fields: the policies, and which one refused, with nothing left until Retry-After
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"login-address\";q=40;w=60, \"login-user\";q=5;w=900");
        assertThat(refused.header("RateLimit")).isEqualTo("\"login-user\";r=0;t=" + refused.header("Retry-After"));
        // refused before the password is checked: even the right password of an existing account waits, an unknown one alike
        // (another user is not affected)
        anonymous(base).body(Map.of("username", "admin.hu", "password", "demo")).post("/api/auth/token").then().statusCode(200);
    }

    /** Runs the calls at the same moment (a latch releases them together) and returns their status codes. */
    private static List<Integer> together(List<java.util.concurrent.Callable<Integer>> calls) throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(calls.size());
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> futures = new java.util.ArrayList<>();
            for (var call : calls) futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : futures) statuses.add(f.get(120, java.util.concurrent.TimeUnit.SECONDS));
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(8)
    void fiftyConflictingOperationsHaveExactlyTheAllowedOutcomes() throws Exception {
        String delft = TestTokens.institutionAdmin("tu-delft");
        List<Map<String, Object>> boards = anonymous(base).queryParam("pageSize", 250).get("/api/institutions/tu-delft/boards").then().statusCode(200).extract().path("items");
        String eemcs = (String) boards.stream().filter(b -> "Board of Examiners EEMCS".equals(b.get("name"))).findFirst().orElseThrow().get("id");
        String member = TestTokens.boardMember("tu-delft", eemcs);

        // 50 decisions on one request, all naming the version they read: exactly one is recorded
        String programme = anonymous(base).queryParam("institution", "universiteit-leiden").queryParam("pageSize", 1).get("/api/programmes")
                .then().statusCode(200).extract().path("items[0].id");
        Map<String, Object> request = new java.util.HashMap<>();
        request.put("learner", Map.of("name", "Race Learner", "email", "race@student.invalid", "studentNumber", "s7777777"));
        request.put("programme", programme);
        request.put("awardedOn", java.time.LocalDate.now().minusMonths(1).toString());
        request.put("targetCourse", Map.of("code", "CSE7777", "title", "Race course", "ects", 5));
        String id = as(base, delft).body(request).post("/api/exemption-requests").then().statusCode(201).extract().path("id");
        int version = as(base, member).get("/api/exemption-requests/" + id).then().extract().path("version");
        as(base, member).header("If-Match", "\"" + version + "\"").post("/api/exemption-requests/" + id + "/review").then().statusCode(200);
        int reviewed = as(base, member).get("/api/exemption-requests/" + id).then().extract().path("version");
        List<java.util.concurrent.Callable<Integer>> decisions = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String motivation = "Decision " + i;
            decisions.add(() -> as(base, member).header("If-Match", "\"" + reviewed + "\"")
                    .body(Map.of("outcome", "GRANTED", "motivation", motivation)).post("/api/exemption-requests/" + id + "/decision").statusCode());
        }
        List<Integer> decided = together(decisions);
        assertThat(decided).filteredOn(s -> s == 200).hasSize(1);
        assertThat(decided).allMatch(s -> s == 200 || s == 409 || s == 412, "200, 409 or 412 only: " + decided);
        List<String> actions = as(base, member).get("/api/exemption-requests/" + id + "/history").then().statusCode(200).extract().path("to");
        assertThat(actions).filteredOn("DECIDED"::equals).hasSize(1);

        // 50 edits of one board from the same version: exactly one wins, and its name is what is stored
        String board = as(base, delft).body(Map.of("name", "Race board", "email", "race@tudelft.invalid", "courseCodePrefixes", List.of("RACE")))
                .post("/api/institutions/tu-delft/boards").then().statusCode(201).extract().path("id");
        int boardVersion = Integer.parseInt(as(base, delft).get("/api/boards/" + board).then().statusCode(200).extract().header("ETag").replaceAll("[^0-9]", ""));
        List<java.util.concurrent.Callable<Integer>> edits = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "Race board " + i;
            edits.add(() -> as(base, delft).header("If-Match", "\"" + boardVersion + "\"")
                    .body(Map.of("name", name, "email", "race@tudelft.invalid", "courseCodePrefixes", List.of("RACE"))).put("/api/boards/" + board).statusCode());
        }
        List<Integer> edited = together(edits);
        assertThat(edited).filteredOn(s -> s == 200).hasSize(1);
        assertThat(edited).allMatch(s -> s == 200 || s == 409 || s == 412, "200, 409 or 412 only: " + edited);
        int winner = edited.indexOf(200);
        var stored = as(base, delft).get("/api/boards/" + board).then().statusCode(200).body("name", equalTo("Race board " + winner)).extract();
        assertThat(stored.header("ETag")).contains(Integer.toString(boardVersion + 1));

        // 50 edits of one programme from the same version: exactly one wins
        String programmeId = as(base, delft).body(Map.of("courseCode", "RACE-1", "title", Map.of("en", "Race programme"), "ects", 5))
                .post("/api/programmes").then().statusCode(201).extract().path("id");
        int programmeVersion = as(base, delft).get("/api/programmes/" + programmeId).then().statusCode(200).extract().path("version");
        List<java.util.concurrent.Callable<Integer>> programmeEdits = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String title = "Race programme " + i;
            programmeEdits.add(() -> as(base, delft).header("If-Match", "\"" + programmeVersion + "\"")
                    .body(Map.of("courseCode", "RACE-1", "title", Map.of("en", title), "ects", 5)).put("/api/programmes/" + programmeId).statusCode());
        }
        List<Integer> programmeEdited = together(programmeEdits);
        assertThat(programmeEdited).filteredOn(s -> s == 200).hasSize(1);
        assertThat(programmeEdited).allMatch(s -> s == 200 || s == 409 || s == 412, "200, 409 or 412 only: " + programmeEdited);
        as(base, delft).get("/api/programmes/" + programmeId).then().body("title.en", equalTo("Race programme " + programmeEdited.indexOf(200)));

        // 48 approvals racing 2 edits of a proposed agreement: never ACTIVE with approvals of another hash
        String hu = TestTokens.institutionAdmin("hogeschool-utrecht");
        Map<String, Object> agreement = new java.util.HashMap<>(Map.of("title", "Race agreement", "kind", "BILATERAL",
                "parties", List.of("tu-delft", "hogeschool-utrecht"), "effect", "ELECTIVE_CREDITS", "terms", "Race terms",
                "validFrom", "2026-01-01", "validUntil", "2030-12-31"));
        String agreementId = as(base, delft).body(agreement).post("/api/agreements").then().statusCode(201).extract().path("id");
        String hash = as(base, delft).post("/api/agreements/" + agreementId + "/propose").then().statusCode(200).extract().path("termsHash");
        int proposed = as(base, delft).get("/api/agreements/" + agreementId).then().extract().path("version");
        List<java.util.concurrent.Callable<Integer>> race = new java.util.ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String token = i % 2 == 0 ? delft : hu;
            race.add(() -> as(base, token).body(Map.of("termsHash", hash)).post("/api/agreements/" + agreementId + "/approvals").statusCode());
        }
        for (int i = 0; i < 2; i++) {
            Map<String, Object> changed = new java.util.HashMap<>(agreement);
            changed.put("terms", "Race terms, changed " + i);
            race.add(() -> as(base, delft).header("If-Match", "\"" + proposed + "\"").body(changed).put("/api/agreements/" + agreementId).statusCode());
        }
        List<Integer> raced = together(race);
        assertThat(raced).allMatch(s -> s == 200 || s == 409 || s == 412, "no 5xx, no other outcome: " + raced);
        assertThat(raced.subList(0, 48)).filteredOn(s -> s == 200).hasSizeBetween(0, 2); // each party approves a hash once
        var read = as(base, delft).get("/api/agreements/" + agreementId).then().statusCode(200).extract().jsonPath();
        if (read.getString("activeTermsHash") != null) {
            // in force: both parties approved exactly the hash in force
            String activeHash = read.getString("activeTermsHash");
            List<Map<String, Object>> approvals = as(base, delft).get("/api/agreements/" + agreementId + "/history").then().statusCode(200)
                    .extract().path("findAll { it.action == 'APPROVED' }");
            assertThat(approvals.stream().filter(a -> activeHash.equals(a.get("termsHash"))).map(a -> a.get("actorInstitution")).distinct().toList())
                    .containsExactlyInAnyOrder("tu-delft", "hogeschool-utrecht");
        }
        assertThat(read.getString("status")).isIn("PROPOSED", "ACTIVE");
    }

    @Test
    @Order(9)
    void answersForACallerAndTokensAreNeverStoredByACache() {
        // an answer for an authenticated caller: no-store
        var authenticated = as(base, TestTokens.coordinator()).get("/api/institutions/tu-delft");
        assertThat(authenticated.statusCode()).isEqualTo(200);
        assertThat(authenticated.header("Cache-Control")).contains("no-store");
        // an invalid token: the 401 is not stored either
        assertThat(as(base, "garbage").get("/api/institutions/tu-delft").header("Cache-Control")).contains("no-store");
        // the token endpoint (RFC 6749 5.1), success and failure
        var issued = anonymous(base).body(Map.of("username", "coordinator", "password", "demo")).post("/api/auth/token");
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.header("Cache-Control")).isEqualTo("no-store");
        assertThat(issued.header("Pragma")).isEqualTo("no-cache");
        var refused = anonymous(base).body(Map.of("username", "coordinator", "password", "not-the-password")).post("/api/auth/token");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
        assertThat(refused.header("Pragma")).isEqualTo("no-cache");
        // a public answer keeps its own policy; for a caller with a token it is private, never public
        var statistics = anonymous(base).get("/api/statistics");
        assertThat(statistics.header("Cache-Control")).contains("max-age=60").doesNotContain("no-store", "private");
        assertThat(statistics.header("ETag")).isNotBlank();
        var statisticsWithToken = as(base, TestTokens.coordinator()).get("/api/statistics");
        assertThat(statisticsWithToken.header("Cache-Control")).contains("private").doesNotContain("public");
        // an anonymous catalogue read is not forced to no-store
        assertThat(String.valueOf(anonymous(base).get("/api/institutions").header("Cache-Control"))).doesNotContain("no-store");
    }

    @Test
    @Order(10)
    void aLoginWithAnOlderPasswordHashStoresAStrongerOne() throws Exception {
        // the format and iteration count of hashes stored before the default became 600,000
        byte[] salt = new byte[32];
        new java.security.SecureRandom().nextBytes(salt);
        byte[] key = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec("demo".toCharArray(), salt, 210_000, 256)).getEncoded();
        String old = "PBKDF2WithHmacSHA256:210000:" + Base64.getEncoder().encodeToString(salt) + ":" + Base64.getEncoder().encodeToString(key);
        try (var db = java.sql.DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"),
                System.getProperty("test.db.password"))) {
            for (String user : List.of("board.leiden", "board.hu")) {
                try (var update = db.prepareStatement("update account set password_hash = ? where username = ?")) {
                    update.setString(1, old);
                    update.setString(2, user);
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
            }
            // the token endpoint
            anonymous(base).body(Map.of("username", "board.leiden", "password", "demo")).post("/api/auth/token").then().statusCode(200);
            assertThat(passwordHash(db, "board.leiden")).startsWith("PBKDF2WithHmacSHA256:600000:");
            // the admin login page
            var loginPage = RestAssured.given().baseUri(base.toString()).get("/admin/login.xhtml");
            String viewState = loginPage.htmlPath().getString("**.find { it.@name == 'jakarta.faces.ViewState' }.@value");
            var loggedIn = RestAssured.given().baseUri(base.toString()).cookies(loginPage.getCookies()).redirects().follow(false)
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("login", "login").formParam("login:username", "board.hu").formParam("login:password", "demo")
                    .formParam("login:submit", "").formParam("jakarta.faces.ViewState", viewState).post("/admin/login.xhtml");
            assertThat(loggedIn.statusCode()).isEqualTo(302);
            assertThat(passwordHash(db, "board.hu")).startsWith("PBKDF2WithHmacSHA256:600000:");
        }
        // the new hashes verify the same password
        anonymous(base).body(Map.of("username", "board.leiden", "password", "demo")).post("/api/auth/token").then().statusCode(200);
        anonymous(base).body(Map.of("username", "board.hu", "password", "demo")).post("/api/auth/token").then().statusCode(200);
    }

    private static String passwordHash(java.sql.Connection db, String username) throws Exception {
        try (var query = db.prepareStatement("select password_hash from account where username = ?")) {
            query.setString(1, username);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void tooManyAttemptsFromOneAddressAre429WithRetryAfter() {
        // the IT deployment allows 40 attempts per address and minute (REGISTRY_LOGIN_MAX_ATTEMPTS_PER_ADDRESS in pom.xml).
        // The attempts go to a username locked first (5 failures): each is then refused before any password hashing, so
        // 40 of them fit in the minute however slow hashing is on the machine; the address limit is the one that ends them.
        String locked = "locked.user." + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            anonymous(base).body(Map.of("username", locked, "password", "x" + i)).post("/api/auth/token").then().statusCode(401);
        }
        int refusedAt = -1;
        for (int i = 0; i < 45 && refusedAt < 0; i++) {
            var answer = anonymous(base).body(Map.of("username", locked, "password", "x")).post("/api/auth/token");
            assertThat(answer.statusCode()).isEqualTo(429);
            if (answer.header("RateLimit").startsWith("\"login-address\"")) refusedAt = i;
            else assertThat(answer.header("RateLimit")).startsWith("\"login-user\";r=0;t=");
        }
        assertThat(refusedAt).as("refused by the address limit within the configured 40 per minute").isBetween(0, 40);
        var refused = anonymous(base).body(Map.of("username", "coordinator", "password", "demo")).post("/api/auth/token");
        refused.then().statusCode(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.header("RateLimit")).isEqualTo("\"login-address\";r=0;t=" + refused.header("Retry-After"));
    }
}
