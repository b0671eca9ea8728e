package nl.microcredentials.registry.agreements.boundary;

import java.time.LocalDate;
import java.util.List;
import nl.microcredentials.registry.agreements.control.AgreementScope;
import nl.microcredentials.registry.agreements.control.AgreementTerms;
import nl.microcredentials.registry.agreements.entity.AgreementKind;
import nl.microcredentials.registry.agreements.entity.RecognitionEffect;
import nl.microcredentials.registry.platform.rest.StrictJsonReader;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agreement as a party (or, for the consortium-wide one, a coordinator) sends it: create and update. */
@Schema(name = "AgreementInput")
public record AgreementInput(
        @Schema(required = true, example = "Leiden - TU Delft: data science micro-credentials") String title,
        @Schema(required = true) AgreementKind kind,
        @Schema(description = "true only for the pilot's own multilateral agreement (coordinators); its parties default to every active member")
        Boolean consortiumWide,
        @Schema(type = SchemaType.ARRAY, minItems = 2, example = "[\"universiteit-leiden\", \"tu-delft\"]",
                description = "2..n member institution codes, the creator's among them; exactly 2 when BILATERAL. Required unless consortiumWide")
        @StrictJsonReader.RequiredUnless("consortiumWide") List<String> parties,
        AgreementScope scope,
        @Schema(required = true) RecognitionEffect effect,
        @Schema(required = true, description = "the contractual text") String terms,
        @Schema(required = true, example = "2026-09-01") LocalDate validFrom,
        @Schema(example = "2028-08-31", description = "after validFrom; none: open-ended") LocalDate validUntil) {

    /** The terms as sent (not yet normalised, so that validation names the client's own indexes). */
    public AgreementTerms toTerms(List<String> defaultParties) {
        List<String> p = parties == null || parties.isEmpty() ? defaultParties : parties;
        return new AgreementTerms(kind, p, scope, effect, terms, validFrom, validUntil);
    }
}
