package nl.microcredentials.registry.programmes.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The proofs of an Open Badges 3.0 credential as far as the registry checks them. It checks one kind: a VC-JWT (compact
 * JWS, OB3's JSON Web Token proof format) against the key set (JWKS) that the issuing institution registered: the
 * signature, {@code iss} (the credential's issuer), {@code nbf} and {@code exp} (60 s clock skew). Every other proof
 * (Data Integrity {@code proof} objects such as {@code eddsa-rdfc-2022}, a JWS without registered keys, an unsecured
 * JWT) is reported as not checked, with the reason, never as valid. Pure: the key set is handed in as text.
 */
public final class CredentialProofs {

    public static final String VC_JWT = "VC-JWT";
    public static final String DATA_INTEGRITY = "DataIntegrity";
    public static final String NONE = "none";

    /** What a compact JWS looks like (three base64url segments; the signature may be empty only for alg none). */
    private static final Pattern COMPACT_JWS = Pattern.compile("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*$");
    private static final int SKEW_SECONDS = 60;

    /** The answer about a credential's proof: {@code valid} is null whenever {@code checked} is false. */
    @Schema(name = "CredentialProof", description = "Whether the registry checked the credential's proof, and the outcome. Only a VC-JWT "
            + "(compact JWS) of an institution that registered its key set (credentialKeysUrl) is checked: signature, iss, nbf and exp. "
            + "Other proofs (Data Integrity, a JWS without registered keys) are not checked, with the reason; never reported as valid.")
    public record Proof(
            @Schema(description = "VC-JWT, DataIntegrity or none", example = "VC-JWT") String format,
            boolean checked,
            @Schema(description = "true or false when checked; null when not checked") Boolean valid,
            @Schema(description = "why it is not checked or not valid; what was checked when valid") String reason,
            @Schema(description = "the JWS algorithm or the Data Integrity cryptosuite") String algorithm,
            @Schema(description = "the JWS key id (kid), when the header names one") String keyId,
            @Schema(description = "the key set checked against") String keysUrl) {

        public static Proof notChecked(String format, String reason, String algorithm, String keyId) {
            return new Proof(format, false, null, reason, algorithm, keyId, null);
        }
    }

    /** A compact JWS taken apart without checking anything: its header and payload as JSON. */
    public record Jws(String compact, JsonNode header, JsonNode payload) {
        public String algorithm() {
            return CredentialMatching.text(header.path("alg"));
        }

        public String keyId() {
            return CredentialMatching.text(header.path("kid"));
        }

        /** The credential: the payload's {@code vc} claim (VC-DM 1.1 style JWTs), else the payload itself (OB3 3.0, VC-JOSE). */
        public JsonNode credential() {
            JsonNode vc = payload.get("vc");
            return vc != null && vc.isObject() ? vc : payload;
        }

        public boolean wrapped() {
            return credential() != payload;
        }
    }

    private CredentialProofs() { }

    /** Whether the text has the shape of a compact JWS. */
    public static boolean looksLikeJws(String text) {
        return text != null && text.length() <= 1_048_576 && COMPACT_JWS.matcher(text).matches();
    }

    /**
     * Takes a compact JWS apart: header and payload must be base64url JSON objects.
     *
     * @throws IllegalArgumentException with what is wrong, when it is not such a JWS
     */
    public static Jws parse(String compact) {
        if (!looksLikeJws(compact)) throw new IllegalArgumentException("is not a compact JWS (three base64url segments separated by dots)");
        String[] parts = compact.split("\\.", -1);
        JsonNode header = object(parts[0], "header");
        JsonNode payload = object(parts[1], "payload");
        if (!header.path("alg").isTextual()) throw new IllegalArgumentException("the JWS header has no alg");
        if (header.has("crit") || header.has("b64")) throw new IllegalArgumentException("the JWS header has critical extensions the registry does not support");
        if (!"none".equals(header.path("alg").asText()) && parts[2].isEmpty()) throw new IllegalArgumentException("the JWS has no signature");
        return new Jws(compact, header, payload);
    }

    private static JsonNode object(String segment, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWS " + what + " is not base64url");
        }
        try {
            JsonNode node = CredentialSchema.JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) throw new IllegalArgumentException("the JWS " + what + " is not a JSON object");
            return node;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the JWS " + what + " is not JSON");
        }
    }

    /** The proof of a JSON credential (not a JWS): its Data Integrity proofs, which the registry does not check, or none. */
    public static Proof ofJson(JsonNode credential) {
        JsonNode proofs = credential.path("proof");
        List<String> kinds = new ArrayList<>();
        for (JsonNode p : proofs.isArray() ? proofs : List.of(proofs)) {
            if (!p.isObject()) continue;
            String type = CredentialMatching.text(p.path("type"));
            String suite = CredentialMatching.text(p.path("cryptosuite"));
            kinds.add(abbreviate(type == null ? "?" : type, 80) + (suite == null ? "" : " (" + abbreviate(suite, 80) + ")"));
            if (kinds.size() == 5) break;
        }
        if (kinds.isEmpty()) {
            return Proof.notChecked(NONE, "The credential carries no proof: nothing shows who issued it or that it is unchanged. "
                    + "Send the credential as the issuer signed it (a VC-JWT).", null, null);
        }
        String suites = String.join(", ", kinds);
        return Proof.notChecked(DATA_INTEGRITY, "Not checked: the registry does not check Data Integrity proofs (" + suites
                + "); check the credential with the issuer's verifier. Only a VC-JWT of an institution that registered its key set is checked.",
                abbreviate(CredentialMatching.text(proofs.path(0).path("cryptosuite")), 80), null);
    }

    /** A JWS that cannot be checked (unsecured, no institution, no registered keys, unreadable keys): why. */
    public static Proof notChecked(Jws jws, String reason) {
        return Proof.notChecked(VC_JWT, reason, abbreviate(jws.algorithm(), 40), abbreviate(jws.keyId(), 200));
    }

    /**
     * Checks a JWS against an institution's key set: signature, {@code iss} equal to {@code expectedIssuer} (when
     * given), {@code nbf} and {@code exp} at {@code now}. A key set that is not a JWKS, or has no keys, is not checked.
     */
    public static Proof check(Jws jws, String jwksJson, String keysUrl, String expectedIssuer, Instant now) {
        String alg = abbreviate(jws.algorithm(), 40);
        String kid = abbreviate(jws.keyId(), 200);
        if ("none".equals(jws.algorithm())) {
            return new Proof(VC_JWT, false, null, "Not checked: the JWT is unsecured (alg none), it carries no signature", alg, kid, keysUrl);
        }
        List<JsonWebKey> keys;
        try {
            keys = new JsonWebKeySet(jwksJson).getJsonWebKeys();
        } catch (Exception e) {
            return new Proof(VC_JWT, false, null, "Not checked: the institution's key set is not a JSON Web Key Set", alg, kid, keysUrl);
        }
        if (keys == null || keys.isEmpty()) {
            return new Proof(VC_JWT, false, null, "Not checked: the institution's key set has no keys", alg, kid, keysUrl);
        }
        JwksVerificationKeyResolver resolver = new JwksVerificationKeyResolver(keys);
        resolver.setDisambiguateWithVerifySignature(true);
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setVerificationKeyResolver(resolver)
                .setEvaluationTime(NumericDate.fromSeconds(now.getEpochSecond()))
                .setAllowedClockSkewInSeconds(SKEW_SECONDS)
                .setSkipDefaultAudienceValidation()
                .setRelaxVerificationKeyValidation() // an institution's 1024-bit RSA key still verifies; the answer is about who signed
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
                        AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
                        AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512, AlgorithmIdentifiers.EDDSA);
        if (expectedIssuer != null) builder.setExpectedIssuer(true, expectedIssuer);
        JwtConsumer consumer = builder.build();
        try {
            consumer.process(jws.compact());
            return new Proof(VC_JWT, true, true, "The signature verifies with the institution's registered key set; iss is the credential's "
                    + "issuer; the credential is within nbf and exp", alg, kid, keysUrl);
        } catch (InvalidJwtException e) {
            return new Proof(VC_JWT, true, false, reason(e, expectedIssuer), alg, kid, keysUrl);
        } catch (RuntimeException e) {
            return new Proof(VC_JWT, true, false, "The JWS does not verify: " + abbreviate(e.getClass().getSimpleName(), 80), alg, kid, keysUrl);
        }
    }

    private static String reason(InvalidJwtException e, String expectedIssuer) {
        if (e.getCause() instanceof UnresolvableKeyException || (e.getCause() != null && e.getCause().getCause() instanceof UnresolvableKeyException)) {
            return "No key of the institution's key set verifies this signature: it was signed with another key";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "The signature does not verify with the institution's key: the credential was changed after it was signed, or another key signed it";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) return "The JWS has no signature";
        if (e.hasErrorCode(ErrorCodes.EXPIRED)) return "The credential has expired (exp is past)";
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) return "The credential is not valid yet (nbf is in the future)";
        if (e.hasErrorCode(ErrorCodes.ISSUER_MISSING) || e.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
            return "iss is not the credential's issuer" + (expectedIssuer == null ? "" : " (" + abbreviate(expectedIssuer, 200) + ")");
        }
        StringBuilder details = new StringBuilder();
        for (ErrorCodeValidator.Error error : e.getErrorDetails()) {
            if (details.length() > 0) details.append("; ");
            details.append(error.getErrorMessage());
        }
        return "The JWS does not verify: " + abbreviate(details.toString(), 300);
    }

    static String abbreviate(String s, int max) {
        if (s == null) return null;
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }
}
