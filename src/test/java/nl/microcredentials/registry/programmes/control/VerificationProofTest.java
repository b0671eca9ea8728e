package nl.microcredentials.registry.programmes.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.RegistryException;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

/** What the registry checks of a credential: valid OB3 (400 by JSON path otherwise), and a VC-JWT against the institution's keys. */
class VerificationProofTest {

    static final RsaJsonWebKey KEY = VerificationFixtures.key("hu-2026");
    static final RsaJsonWebKey FOREIGN = VerificationFixtures.key("hu-2026"); // another key under the same kid
    static final RsaJsonWebKey OTHER_KID = VerificationFixtures.key("somebody-else");
    static final String JWKS = VerificationFixtures.jwks(KEY);
    static final Instant NOW = Instant.now();

    static ObjectNode credential() {
        return VerificationFixtures.registryCredential(UUID.randomUUID().toString(), 1, VerificationFixtures.draft("https://edubadges.example/b/1"));
    }

    static CredentialProofs.Proof check(String compact) {
        var read = CredentialInput.read(compact);
        return CredentialProofs.check(read.jws(), JWKS, "https://hu.example/jwks", VerificationFixtures.PUBLIC_URL
                + "/api/institutions/hogeschool-utrecht/profile", NOW);
    }

    @Test
    void aCredentialSignedWithTheRegisteredKeyIsValid() {
        String jws = VerificationFixtures.sign(credential(), KEY, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(365)));
        var proof = check(jws);
        assertThat(proof.checked()).isTrue();
        assertThat(proof.valid()).isTrue();
        assertThat(proof.format()).isEqualTo("VC-JWT");
        assertThat(proof.keyId()).isEqualTo("hu-2026");
        assertThat(proof.algorithm()).isEqualTo("RS256");
        // also as a JSON string
        assertThat(CredentialInput.read("\"" + jws + "\"").jws()).isNotNull();
    }

    @Test
    void aTamperedOrForeignCredentialIsNotValid() {
        String jws = VerificationFixtures.sign(credential(), KEY, NOW.minusSeconds(60), null);
        String tampered = VerificationFixtures.tamper(jws, p -> ((ObjectNode) p.path("credentialSubject").path("achievement")).put("creditsAvailable", 30));
        var t = check(tampered);
        assertThat(t.checked()).isTrue();
        assertThat(t.valid()).isFalse();
        assertThat(t.reason()).contains("changed after it was signed");
        var foreign = check(VerificationFixtures.sign(credential(), FOREIGN, NOW.minusSeconds(60), null));
        assertThat(foreign.checked()).isTrue();
        assertThat(foreign.valid()).isFalse();
        var otherKid = check(VerificationFixtures.sign(credential(), OTHER_KID, NOW.minusSeconds(60), null));
        assertThat(otherKid.valid()).isFalse();
        assertThat(otherKid.reason()).containsAnyOf("another key", "No key");
    }

    @Test
    void issNbfAndExpAreChecked() {
        var expired = check(VerificationFixtures.sign(credential(), KEY, NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))));
        assertThat(expired.valid()).isFalse();
        assertThat(expired.reason()).contains("expired");
        var early = check(VerificationFixtures.sign(credential(), KEY, NOW.plus(Duration.ofDays(1)), null));
        assertThat(early.valid()).isFalse();
        assertThat(early.reason()).contains("not valid yet");
        ObjectNode c = credential();
        String jws = VerificationFixtures.sign(c, KEY, NOW.minusSeconds(5), null);
        var read = CredentialInput.read(jws);
        var wrongIssuer = CredentialProofs.check(read.jws(), JWKS, null, "https://someone.else/profile", NOW);
        assertThat(wrongIssuer.valid()).isFalse();
        assertThat(wrongIssuer.reason()).contains("iss");
    }

    @Test
    void whatTheRegistryCannotCheckIsNotCheckedNeverValid() throws Exception {
        ObjectNode c = credential();
        var none = CredentialProofs.ofJson(c);
        assertThat(none.checked()).isFalse();
        assertThat(none.valid()).isNull();
        ObjectNode proof = c.putArray("proof").addObject();
        proof.put("type", "DataIntegrityProof").put("cryptosuite", "eddsa-rdfc-2022").put("created", "2026-01-15T10:00:00Z")
                .put("proofPurpose", "assertionMethod").put("verificationMethod", "https://hu.example/keys#1").put("proofValue", "z3FXQjecWufY46");
        assertThat(CredentialSchema.get().validate(c)).isEmpty();
        var di = CredentialProofs.ofJson(c);
        assertThat(di.checked()).isFalse();
        assertThat(di.valid()).isNull();
        assertThat(di.format()).isEqualTo("DataIntegrity");
        assertThat(di.reason()).contains("eddsa-rdfc-2022", "not check");
        String jws = VerificationFixtures.sign(credential(), KEY, NOW.minusSeconds(5), null);
        var read = CredentialInput.read(jws);
        for (String garbage : new String[] {"", "{}", "{\"keys\": []}", "<html>", "{\"keys\": [{\"kty\": \"RSA\"}]}", "[1,2]", "null"}) {
            var p = CredentialProofs.check(read.jws(), garbage, "https://hu.example/jwks", null, NOW);
            assertThat(p.valid()).as(garbage).isNotEqualTo(Boolean.TRUE);
        }
        // an unsecured JWT (alg none) carries no signature
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String unsecured = header + "." + jws.split("\\.")[1] + ".";
        var u = CredentialProofs.check(CredentialInput.read(unsecured).jws(), JWKS, null, null, NOW);
        assertThat(u.checked()).isFalse();
        assertThat(u.valid()).isNull();
    }

    @Test
    void anInvalidCredentialIsA400NamingEachViolationByItsJsonPath() {
        ObjectNode c = credential();
        c.remove("validFrom");
        ObjectNode achievement = (ObjectNode) c.path("credentialSubject").path("achievement");
        achievement.remove("name");
        achievement.put("creditsAvailable", "five");
        ((ObjectNode) achievement.path("alignment").path(0)).remove("targetUrl");
        c.put("validUntil", "next year");
        assertThatThrownBy(() -> CredentialInput.read(c.toString())).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors()).extracting(FieldError::field).contains("validFrom", "credentialSubject.achievement.name",
                    "credentialSubject.achievement.creditsAvailable", "credentialSubject.achievement.alignment[0].targetUrl", "validUntil");
            assertThat(e.errors()).allMatch(f -> !f.message().startsWith("$") && !f.message().startsWith("/") && !f.message().startsWith(":"));
            assertThat(e.errors()).filteredOn(f -> f.field().equals("validFrom")).extracting(FieldError::message)
                    .containsExactly("required property 'validFrom' not found");
        });
        // inside a JWS too
        String jws = VerificationFixtures.sign(c, KEY, NOW, null);
        assertThatThrownBy(() -> CredentialInput.read(jws)).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).contains("credentialSubject.achievement.name"));
        assertThat(CredentialMatching.claims(CredentialMatching.achievement(credential()), new BigDecimal("5"), "6", 6))
                .allMatch(cl -> Boolean.TRUE.equals(cl.agrees()));
    }
}
