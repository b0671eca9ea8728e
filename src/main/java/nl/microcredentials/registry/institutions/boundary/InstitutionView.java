package nl.microcredentials.registry.institutions.boundary;

import java.time.Instant;
import java.time.LocalDate;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.institutions.entity.Sector;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member institution as the API shows it. */
@Schema(name = "Institution")
public record InstitutionView(
        @Schema(example = "tu-delft") String code,
        @Schema(example = "Technische Universiteit Delft") String name,
        Sector sector,
        String brin,
        String website,
        LocalDate memberSince,
        boolean active,
        @Schema(example = "123A456", description = "RIO's onderwijsaanbiedercode") String educationOffererCode,
        @Schema(example = "tudelft.nl", description = "SCHAC home organisation") String schacHome,
        @Schema(description = "the institution's organizationId in the Open Education API (/ooapi/v5/organizations/{organizationId})")
        String organizationId,
        @Schema(description = "the JSON Web Key Set that verifies the institution's Open Badges 3.0 credentials (VC-JWT)")
        String credentialKeysUrl,
        int version,
        Instant createdAt,
        Instant updatedAt) implements java.io.Serializable {

    static InstitutionView of(Institution i) {
        return new InstitutionView(i.getCode(), i.getName(), i.getSector(), i.getBrin(), i.getWebsite(), i.getMemberSince(),
                i.isActive(), i.getEducationOffererCode(), i.getSchacHome(), i.getOrganizationId(), i.getCredentialKeysUrl(), i.getVersion(), i.getCreatedAt(), i.getUpdatedAt());
    }
}
