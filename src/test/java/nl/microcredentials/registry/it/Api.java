package nl.microcredentials.registry.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;

/** RestAssured against a running registry. */
public final class Api {

    private Api() { }

    public static RequestSpecification anonymous(URL base) {
        return given().baseUri(base.toString().replaceAll("/$", "")).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification as(URL base, String token) {
        return anonymous(base).header("Authorization", "Bearer " + token);
    }

    /** A token from the registry's own token endpoint, for a demo account (password "demo"). */
    public static String login(URL base, String username) {
        return anonymous(base).body("{\"username\":\"" + username + "\",\"password\":\"demo\"}")
                .post("/api/auth/token").then().statusCode(200).extract().path("accessToken");
    }
}
