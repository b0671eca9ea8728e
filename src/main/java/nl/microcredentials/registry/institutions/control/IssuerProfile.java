package nl.microcredentials.registry.institutions.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * A member institution as an Open Badges 3.0 {@code Profile}: the issuer (creator) of its micro-credentials'
 * achievements, at {@code /api/institutions/{code}/profile}. Identifiers OB3 has no type for use its {@code ext:}
 * extension convention.
 */
public final class IssuerProfile {

    /** The JSON-LD contexts of an OB3 document: Verifiable Credentials 2.0 and Open Badges 3.0.3. */
    public static final List<String> CONTEXTS = List.of("https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");

    /** What the profile says of an institution. */
    public record Issuer(String code, String name, String website, String brin, String schacHome) { }

    private IssuerProfile() { }

    /** The profile's URL, also its {@code id}. */
    public static String url(String publicUrl, String code) {
        return publicUrl + "/api/institutions/" + code + "/profile";
    }

    /** The profile as a document of its own ({@code @context} included) or embedded in an achievement (without). */
    public static JsonObject profile(Issuer issuer, String publicUrl, boolean document) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (document) b.add("@context", contexts());
        b.add("id", url(publicUrl, issuer.code()))
                .add("type", Json.createArrayBuilder().add("Profile"))
                .add("name", issuer.name());
        if (present(issuer.website())) b.add("url", issuer.website());
        JsonArrayBuilder identifiers = Json.createArrayBuilder()
                .add(identifier(issuer.code(), "ext:registryInstitutionCode"));
        if (present(issuer.schacHome())) identifiers.add(identifier(issuer.schacHome(), "ext:schacHome"));
        if (present(issuer.brin())) identifiers.add(identifier(issuer.brin(), "ext:brin"));
        b.add("otherIdentifier", identifiers);
        return b.build();
    }

    public static JsonArrayBuilder contexts() {
        JsonArrayBuilder contexts = Json.createArrayBuilder();
        CONTEXTS.forEach(contexts::add);
        return contexts;
    }

    public static JsonObjectBuilder identifier(String value, String type) {
        return Json.createObjectBuilder().add("type", "IdentifierEntry").add("identifier", value).add("identifierType", type);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
