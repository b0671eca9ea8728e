package nl.microcredentials.registry.programmes.boundary;

import java.util.List;
import nl.microcredentials.registry.programmes.control.CredentialMatching;
import nl.microcredentials.registry.programmes.control.CredentialProofs;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to {@code POST /api/verify}: whether an Open Badges 3.0 credential's achievement is a registered pilot
 * micro-credential, which version the learner earned, whether the credential's claims agree with that version, who
 * recognises it, and what the registry could check of its proof. A credential the registry does not know is
 * {@code registered: false} with a reason, not an error; a credential that is not valid OB3 is a 400.
 */
@Schema(name = "CredentialVerification", description = "The verification of an Open Badges 3.0 credential")
public record CredentialVerification(
        @Schema(description = "true only when the achievement is a published programme of a member institution") boolean registered,
        @Schema(description = "why it is not registered, when it is not") String reason,
        @Schema(description = "how the credential was sent: json or jwt", example = "jwt") String format,
        @Schema(description = "credentialSubject.achievement.id of the credential") String achievementId,
        @Schema(description = "credentialSubject.achievement.name of the credential") String achievementName,
        @Schema(description = "the credential's issuer (issuer.id, or issuer when it is a URI)") String issuerId,
        @Schema(description = "how the registry found the programme: achievementId (one of the registry's achievement URLs) or "
                + "badgeClass (the edubadges badge class the achievement names); null when it found none",
                enumeration = {"achievementId", "badgeClass"}) String matchedBy,
        @Schema(description = "the registered programme") String programme,
        @Schema(description = "the published version the credential was earned under: the one its achievement URL names, else "
                + "the newest published by its awardedDate/validFrom") Integer versionNumber,
        @Schema(description = "a link to that version in the public catalogue") String catalogueUrl,
        @Schema(description = "true when every claim compared agrees; null when none could be compared") Boolean claimsAgree,
        @Schema(description = "each claim of the credential (credits, nlqfLevel, eqfLevel) as claimed and as registered for that version")
        List<CredentialMatching.Claim> claims,
        @Schema(description = "how many other member institutions recognise it under recognition agreements in force (advice to "
                + "their Boards of Examiners, never an automatic exemption)") Integer recognisedByInstitutions,
        CredentialProofs.Proof proof,
        @Schema(description = "the registry's verification of the programme: its status today, the content of the version earned")
        Verification verification) {
}
