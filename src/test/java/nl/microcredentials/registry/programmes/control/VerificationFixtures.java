package nl.microcredentials.registry.programmes.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.microcredentials.registry.institutions.control.IssuerProfile;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;

/** Credentials built from the registry's own achievements, and keys to sign them (shared by the Verification* tests). */
final class VerificationFixtures {

    static final String PUBLIC_URL = "https://registry.example";
    static final IssuerProfile.Issuer HU = new IssuerProfile.Issuer("hogeschool-utrecht", "Hogeschool Utrecht", "https://www.hu.nl", null, "hu.nl");

    private VerificationFixtures() { }

    static ProgrammeDraft draft(String badgeClass) {
        return new ProgrammeDraft("HU-DATA1", new LocalizedText("Data in de zorg", "Data in care"), new LocalizedText("Over data.", "About data."),
                List.of("Analyse care data", "Report on it"), new BigDecimal("5"), 140, "6", 6, true, List.of("ONLINE"), true, true,
                "WRITTEN_EXAM", new QualityAssurance("NVAO", null, null), null, true, null, List.of("en", "nl"), "0613", badgeClass,
                LocalDate.of(2025, 9, 1), false);
    }

    static Achievements.PublishedVersion version(String programmeId, int number, ProgrammeDraft d) {
        return new Achievements.PublishedVersion(programmeId, number, d, HU);
    }

    /** An OB3 AchievementCredential awarding this achievement (as JSON), valid against achievementcredential.json. */
    static ObjectNode credential(JsonNode achievement) {
        ObjectNode c = CredentialSchema.JSON.createObjectNode();
        c.putArray("@context").add("https://www.w3.org/ns/credentials/v2").add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        c.put("id", "urn:uuid:" + UUID.randomUUID());
        c.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        ObjectNode issuer = c.putObject("issuer");
        issuer.put("id", PUBLIC_URL + "/api/institutions/hogeschool-utrecht/profile");
        issuer.putArray("type").add("Profile");
        issuer.put("name", "Hogeschool Utrecht");
        c.put("validFrom", "2026-01-15T10:00:00Z");
        c.put("name", "Data in care");
        ObjectNode subject = c.putObject("credentialSubject");
        subject.put("id", "did:example:learner-1");
        subject.putArray("type").add("AchievementSubject");
        ObjectNode a = achievement.deepCopy();
        a.remove("@context");
        subject.set("achievement", a);
        return c;
    }

    static ObjectNode registryCredential(String programmeId, int number, ProgrammeDraft d) {
        try {
            String json = Achievements.achievement(version(programmeId, number, d), "en", PUBLIC_URL, true).toString();
            return credential(CredentialSchema.JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RsaJsonWebKey key(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            return key;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String jwks(RsaJsonWebKey... keys) {
        return new JsonWebKeySet(keys).toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The credential as a VC-JWT (OB3 3.0: the payload is the credential, with iss, nbf, exp, jti, sub). */
    static String sign(ObjectNode credential, RsaJsonWebKey key, Instant nbf, Instant exp) {
        try {
            ObjectNode payload = credential.deepCopy();
            payload.put("iss", credential.path("issuer").path("id").asText());
            payload.put("nbf", nbf.getEpochSecond());
            if (exp != null) payload.put("exp", exp.getEpochSecond());
            payload.put("jti", credential.path("id").asText());
            payload.put("sub", credential.path("credentialSubject").path("id").asText());
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(payload.toString());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "vc+jwt");
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWS with its payload replaced (the signature kept): a tampered credential. */
    static String tamper(String compact, java.util.function.Consumer<ObjectNode> change) {
        try {
            String[] parts = compact.split("\\.");
            ObjectNode payload = (ObjectNode) CredentialSchema.JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            change.accept(payload);
            String encoded = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return parts[0] + "." + encoded + "." + parts[2];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
