package nl.microcredentials.registry.it;

import static nl.microcredentials.registry.it.Api.anonymous;
import static nl.microcredentials.registry.it.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Authentication and authorisation: bearer tokens verified with the key and issuer given by environment variables,
 * roles and scope claims, the token endpoint, and the separation of the admin UI's session from the API.
 */
@SharedRegistry.Suite
class SecurityIT {

    @SharedRegistry.Base
    URL base;

    private static final Map<String, Object> BOARD = Map.of("name", "Examencommissie Test", "email", "ec@example.org");
    private static final Map<String, Object> INSTITUTION = Map.of("code", "it-never", "name", "Never", "sector", "WO");

    @Test
    void noTokenIs401WithAProblemAndAChallenge() {
        anonymous(base).body(INSTITUTION).post("/api/institutions").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
        anonymous(base).body(BOARD).post("/api/institutions/tu-delft/boards").then().statusCode(401);
    }

    @Test
    void theWrongRoleIs403() {
        as(base, TestTokens.institutionAdmin("tu-delft")).body(INSTITUTION).post("/api/institutions").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("coordinator"));
        as(base, TestTokens.boardMember("tu-delft", "some-board")).body(BOARD).post("/api/institutions/tu-delft/boards")
                .then().statusCode(403);
    }

    @Test
    void anotherInstitutionsBoardsAre403() {
        as(base, TestTokens.institutionAdmin("universiteit-leiden")).body(BOARD).post("/api/institutions/tu-delft/boards")
                .then().statusCode(403).contentType("application/problem+json");
        String delftBoard = anonymous(base).get("/api/institutions/tu-delft/boards").then().extract().path("items[0].id");
        as(base, TestTokens.institutionAdmin("universiteit-leiden")).header("If-Match", "\"1\"").body(BOARD)
                .put("/api/boards/" + delftBoard).then().statusCode(403);
        // and nothing changed
        anonymous(base).get("/api/boards/" + delftBoard).then().body("name", equalTo("Board of Examiners TU Delft Extension School"));
    }

    @Test
    void aCoordinatorMayManageAnyInstitutionsBoards() {
        as(base, TestTokens.coordinator()).body(Map.of("name", "Examencommissie Test Saxion", "email", "ec-test@saxion.invalid",
                "courseCodePrefixes", List.of("ITSEC"))).post("/api/institutions/saxion/boards").then().statusCode(201)
                .body("institution", equalTo("saxion")).body("isDefault", equalTo(false));
    }

    @Test
    void aTokenWithoutTheScopeClaimsOfItsRoleIsRefused() {
        String noInstitution = TestTokens.token("x@example.org", List.of("institution-admin"), null, null, TestTokens.ISSUER, 600, TestTokens.key());
        as(base, noInstitution).get("/api/institutions").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("institution"));
        String noBoard = TestTokens.token("x@example.org", List.of("board-member"), "tu-delft", null, TestTokens.ISSUER, 600, TestTokens.key());
        as(base, noBoard).get("/api/institutions").then().statusCode(403);
    }

    @Test
    void expiredForeignAndWronglyIssuedTokensAre401() {
        String expired = TestTokens.token("c@example.org", List.of("coordinator"), null, null, TestTokens.ISSUER, -600, TestTokens.key());
        String foreign = TestTokens.token("c@example.org", List.of("coordinator"), null, null, TestTokens.ISSUER, 600, TestTokens.foreignKey());
        String otherIssuer = TestTokens.token("c@example.org", List.of("coordinator"), null, null, "https://evil.invalid", 600, TestTokens.key());
        for (String token : List.of(expired, foreign, otherIssuer, "not-a-jwt")) {
            as(base, token).body(INSTITUTION).post("/api/institutions").then().statusCode(401)
                    .contentType("application/problem+json").body("title", equalTo("Invalid token"));
            // also on public resources: a client must learn that its token is bad
            as(base, token).get("/api/institutions").then().statusCode(401);
        }
        anonymous(base).header("Authorization", "Basic Y29vcmRpbmF0b3I6ZGVtbw==").get("/api/institutions").then().statusCode(401);
    }

    @Test
    void theTokenEndpointIssuesTokensWithTheScopeClaims() {
        Response response = anonymous(base).body(Map.of("username", "board.tudelft", "password", "demo")).post("/api/auth/token");
        response.then().statusCode(200).body("tokenType", equalTo("Bearer")).body("expiresIn", greaterThan(0));
        String token = response.path("accessToken");
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"RS256\"");
        assertThat(claims).contains("\"groups\":[\"board-member\"]", "\"institution\":\"tu-delft\"", "\"board\":\"",
                "\"upn\":\"s.bakker@tudelft.invalid\"", "\"iss\":\"" + TestTokens.ISSUER + "\"", "\"sub\":");

        // the registry's own token works on the API: a coordinator's may create
        String coordinator = Api.login(base, "coordinator");
        as(base, coordinator).body(Map.of("code", "it-token-made", "name", "Token Made", "sector", "WO"))
                .post("/api/institutions").then().statusCode(201);
        // an institution admin's token is scoped to its institution
        String admin = Api.login(base, "admin.leiden");
        as(base, admin).body(BOARD).post("/api/institutions/tu-delft/boards").then().statusCode(403);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserLookTheSame() {
        Response wrongPassword = anonymous(base).body(Map.of("username", "coordinator", "password", "guess")).post("/api/auth/token");
        Response unknownUser = anonymous(base).body(Map.of("username", "nobody", "password", "guess")).post("/api/auth/token");
        wrongPassword.then().statusCode(401).contentType("application/problem+json");
        unknownUser.then().statusCode(401).contentType("application/problem+json");
        assertThat(wrongPassword.jsonPath().getString("detail")).isEqualTo(unknownUser.jsonPath().getString("detail"));
        assertThat(wrongPassword.jsonPath().getString("title")).isEqualTo(unknownUser.jsonPath().getString("title"));
        anonymous(base).body(Map.of("username", "coordinator")).post("/api/auth/token").then().statusCode(400)
                .body("errors[0].field", equalTo("password"));
    }

    @Test
    void anAdminUiSessionNeverAuthenticatesTheApi() {
        // log in through the login form, as a browser does
        var loginPage = RestAssured.given().baseUri(base.toString()).get("/admin/login.xhtml");
        String viewState = loginPage.htmlPath().getString("**.find { it.@name == 'jakarta.faces.ViewState' }.@value");
        var cookies = loginPage.getCookies();
        var loggedIn = RestAssured.given().baseUri(base.toString()).cookies(cookies).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("login", "login").formParam("login:username", "coordinator").formParam("login:password", "demo")
                .formParam("login:submit", "").formParam("jakarta.faces.ViewState", viewState)
                .post("/admin/login.xhtml");
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.header("Location")).contains("/admin/index.xhtml");
        var session = new java.util.HashMap<>(cookies);
        session.putAll(loggedIn.getCookies());
        RestAssured.given().baseUri(base.toString()).cookies(session).redirects().follow(false).get("/admin/index.xhtml")
                .then().statusCode(200).body(containsString("Noor de Vries"));

        // the same session cookie is worth nothing on the API
        RestAssured.given().baseUri(base.toString()).cookies(session).contentType("application/json")
                .body(Map.of("code", "it-session", "name", "Session", "sector", "WO")).post("/api/institutions")
                .then().statusCode(401);
    }

    @Test
    void anonymousAdminPagesRedirectToTheLogin() {
        RestAssured.given().baseUri(base.toString()).redirects().follow(false).get("/admin/institutions/index.xhtml")
                .then().statusCode(302).header("Location", containsString("/admin/login.xhtml?next="));
    }
}
