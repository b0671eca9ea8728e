package nl.microcredentials.registry.programmes.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.RegistryException;

/**
 * Reads what was sent to be verified: a JSON credential, or a VC-JWT / compact JWS (also as a JSON string), valid
 * against Open Badges 3.0's {@code achievementcredential.json}. Anything else is a 400 ({@link RegistryException}),
 * never another exception: the schema's violations by JSON path, or {@code body} and what is wrong with it.
 */
public final class CredentialInput {

    /** A valid credential, and the JWS it came in when it did ({@code null} for JSON). */
    public record Read(JsonNode credential, CredentialProofs.Jws jws) { }

    private CredentialInput() { }

    public static Read read(String body) {
        if (body == null || body.isBlank()) {
            throw RegistryException.invalid("body", "is required: an Open Badges 3.0 credential as JSON or as a VC-JWT (compact JWS)");
        }
        String text = body.strip();
        JsonNode credential = null;
        if (text.startsWith("{") || text.startsWith("[") || text.startsWith("\"")) {
            JsonNode node;
            try {
                node = CredentialSchema.JSON.readTree(text);
            } catch (java.io.IOException | RuntimeException | StackOverflowError e) {
                throw RegistryException.invalid("body", "is not valid JSON (or nests deeper than " + CredentialSchema.MAX_NESTING + " levels)");
            }
            if (node != null && node.isTextual()) text = node.asText().strip(); // a JWS sent as a JSON string
            else if (node == null || !node.isObject()) throw RegistryException.invalid("body", "must be a JSON object: an Open Badges 3.0 credential");
            else credential = node;
        }
        CredentialProofs.Jws jws = null;
        String prefix = "";
        if (credential == null) {
            try {
                jws = CredentialProofs.parse(text);
            } catch (IllegalArgumentException e) {
                throw RegistryException.invalid("body", "is neither a JSON credential nor a VC-JWT: " + e.getMessage());
            }
            credential = jws.credential();
            prefix = jws.wrapped() ? "vc" : "";
        }
        List<FieldError> errors;
        try {
            errors = CredentialSchema.get().validate(credential, prefix);
        } catch (StackOverflowError e) {
            throw RegistryException.invalid("body", "nests too deeply");
        }
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
        return new Read(credential, jws);
    }
}
