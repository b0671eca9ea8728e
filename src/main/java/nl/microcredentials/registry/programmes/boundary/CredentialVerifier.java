package nl.microcredentials.registry.programmes.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import nl.microcredentials.registry.programmes.control.CredentialMatching;
import nl.microcredentials.registry.programmes.control.CredentialProofs;

/**
 * Verifies an Open Badges 3.0 credential (JSON, or a VC-JWT / compact JWS): valid OB3 (else a 400 naming every
 * violation by its JSON path), then the registered programme version its achievement names, its claims against that
 * version, who recognises it, and its proof where the registry can check it. Not transactional itself: the issuing
 * institution's key set is fetched outside any database transaction.
 */
@ApplicationScoped
public class CredentialVerifier {

    @Inject
    CredentialLookup lookup;

    @Inject
    CredentialKeys keys;

    /**
     * @param body the credential as sent
     * @param catalogueBase where catalogue links start (the public URL, or "" for links relative to the pages)
     */
    public CredentialVerification verify(String body, String catalogueBase) {
        var read = nl.microcredentials.registry.programmes.control.CredentialInput.read(body);
        return answer(read.credential(), read.jws(), catalogueBase == null ? "" : catalogueBase);
    }

    private CredentialVerification answer(JsonNode credential, CredentialProofs.Jws jws, String catalogueBase) {
        JsonNode achievement = CredentialMatching.achievement(credential);
        String achievementId = CredentialMatching.text(achievement.path("id"));
        JsonNode issuer = credential.path("issuer");
        String issuerId = issuer.isTextual() ? issuer.asText() : CredentialMatching.text(issuer.path("id"));
        String format = jws == null ? "json" : "jwt";
        var found = lookup.find(CredentialMatching.registryAchievement(achievementId), CredentialMatching.badgeClasses(achievement),
                CredentialMatching.awardedAt(credential));
        String name = abbreviate(CredentialMatching.text(achievement.path("name")));
        if (found.target() == null) {
            CredentialProofs.Proof proof = jws == null ? CredentialProofs.ofJson(credential)
                    : CredentialProofs.notChecked(jws, "Not checked: the achievement is not registered, so the registry knows no "
                    + "institution whose key set could check the signature");
            return new CredentialVerification(false, found.reason(), format, abbreviate(achievementId), name, abbreviate(issuerId),
                    null, null, null, null, null, List.of(), null, proof, null);
        }
        var target = found.target();
        var d = target.draft();
        List<CredentialMatching.Claim> claims = CredentialMatching.claims(achievement, d.ects(), d.nlqfLevel(), d.eqfLevel());
        Boolean agree = claims.stream().anyMatch(c -> Boolean.FALSE.equals(c.agrees())) ? Boolean.FALSE
                : claims.stream().anyMatch(c -> Boolean.TRUE.equals(c.agrees())) ? Boolean.TRUE : null;
        CredentialProofs.Proof proof = jws == null ? CredentialProofs.ofJson(credential) : proof(jws, target, issuerId);
        Verification v = target.verification();
        return new CredentialVerification(v.registered(), v.reason(), format, abbreviate(achievementId), name, abbreviate(issuerId),
                target.matchedBy(), target.programmeId(), target.versionNumber(),
                catalogueBase + "/catalogue/programme.xhtml?id=" + target.programmeId() + "&version=" + target.versionNumber(),
                agree, claims, v.recognisedByInstitutions(), proof, v);
    }

    private CredentialProofs.Proof proof(CredentialProofs.Jws jws, CredentialLookup.Target target, String issuerId) {
        if ("none".equals(jws.algorithm())) return CredentialProofs.check(jws, null, null, issuerId, Instant.now());
        String url = target.credentialKeysUrl();
        if (url == null || url.isBlank()) {
            return CredentialProofs.notChecked(jws, "Not checked: " + target.institutionName()
                    + " has not registered the key set of its credentials (credentialKeysUrl) with the registry");
        }
        CredentialKeys.Fetched fetched = keys.fetch(url);
        if (fetched.json() == null) {
            var p = CredentialProofs.notChecked(jws, "Not checked: " + Objects.requireNonNullElse(fetched.failure(), "the key set could not be read"));
            return new CredentialProofs.Proof(p.format(), false, null, p.reason(), p.algorithm(), p.keyId(), url);
        }
        return CredentialProofs.check(jws, fetched.json(), url, issuerId, Instant.now());
    }

    private static String abbreviate(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
