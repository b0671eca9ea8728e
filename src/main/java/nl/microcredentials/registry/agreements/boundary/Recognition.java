package nl.microcredentials.registry.agreements.boundary;

import java.time.LocalDate;
import java.util.List;
import nl.microcredentials.registry.agreements.entity.AgreementKind;
import nl.microcredentials.registry.agreements.entity.RecognitionEffect;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of the recognition query: the agreements in force under which an institution recognises a programme,
 * the strongest effect first. Advice to the Board of Examiners, never an automatic exemption.
 */
@Schema(name = "Recognition")
public record Recognition(
        String programme,
        String issuer,
        String institution,
        boolean recognised,
        RecognitionEffect strongestEffect,
        List<Applicable> agreements,
        @Schema(description = "recognition is advice: the Board of Examiners decides every exemption (WHW art. 7.12b)") String note) {

    @Schema(name = "ApplicableAgreement")
    public record Applicable(String id, String title, AgreementKind kind, RecognitionEffect effect, int versionNumber, String termsHash,
                             LocalDate validFrom, LocalDate validUntil, LocalDate terminatedOn) implements java.io.Serializable { }

    public static final String NOTE = "Recognition under an agreement is advice; whether it leads to admission or exemption is decided "
            + "by the Board of Examiners (WHW art. 7.12b).";
}
