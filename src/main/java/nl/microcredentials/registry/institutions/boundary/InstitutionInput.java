package nl.microcredentials.registry.institutions.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.institutions.entity.Sector;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a coordinator sends to create or update a member institution. A class with public fields rather than a
 * record: Payara's OpenAPI scanner fails on constraint annotations that records copy onto constructor parameters.
 */
@Schema(name = "InstitutionInput")
public class InstitutionInput {

    public static final String CODE_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
    public static final String EDUCATION_OFFERER_CODE_PATTERN = "^[0-9]{3}A[0-9]{3}$";
    public static final String SCHAC_HOME_PATTERN = "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";
    public static final String URL_PATTERN = "^https?://[^\\s/$.?#][^\\s]*$";

    @NotBlank @Size(max = Institution.CODE_LENGTH) @Pattern(regexp = CODE_PATTERN, message = "must be a lower-case slug such as tu-delft")
    @Schema(example = "tu-delft", description = "stable slug; cannot change after creation")
    public String code;

    @NotBlank @Size(max = Institution.NAME_LENGTH)
    @Schema(example = "Technische Universiteit Delft")
    public String name;

    @NotNull
    @Schema(example = "WO")
    public Sector sector;

    @Pattern(regexp = "^[0-9]{2}[A-Z]{2}$", message = "must be 2 digits and 2 capital letters, e.g. 21PF")
    @Schema(example = "21PF", description = "BRIN code (optional)")
    public String brin;

    @Size(max = Institution.WEBSITE_LENGTH) @Pattern(regexp = URL_PATTERN, message = "must be an http(s) URL")
    @Schema(example = "https://www.tudelft.nl")
    public String website;

    @Schema(example = "2022-09-01")
    public LocalDate memberSince;

    @Schema(description = "defaults to true")
    public Boolean active;

    @Pattern(regexp = EDUCATION_OFFERER_CODE_PATTERN, message = "must be RIO's onderwijsaanbiedercode: 3 digits, A, 3 digits, e.g. 123A456")
    @Schema(example = "123A456", description = "RIO's onderwijsaanbiedercode (optional); the Open Education API serves RIO only the "
            + "programmes of institutions that have one. The institution's admin may set it too.")
    public String educationOffererCode;

    @Size(max = Institution.SCHAC_HOME_LENGTH) @Pattern(regexp = SCHAC_HOME_PATTERN, message = "must be a lower-case domain name such as tudelft.nl")
    @Schema(example = "tudelft.nl", description = "the SCHAC home organisation, the institution's domain in SURFconext and eduID "
            + "(optional). The institution's admin may set it too.")
    public String schacHome;

    @Size(max = Institution.WEBSITE_LENGTH) @Pattern(regexp = URL_PATTERN, message = "must be an http(s) URL")
    @Schema(example = "https://badges.tudelft.nl/.well-known/jwks.json", description = "the JSON Web Key Set (JWKS) that verifies the "
            + "institution's Open Badges 3.0 credentials as VC-JWT (optional); POST /api/verify checks signatures against it. "
            + "The institution's admin may set it too.")
    public String credentialKeysUrl;

    public InstitutionInput() { }

    public InstitutionInput(String code, String name, Sector sector, String brin, String website, LocalDate memberSince, Boolean active) {
        this.code = code;
        this.name = name;
        this.sector = sector;
        this.brin = brin;
        this.website = website;
        this.memberSince = memberSince;
        this.active = active;
    }

    /** A copy with these identifiers. */
    public InstitutionInput withIdentifiers(String educationOffererCode, String schacHome) {
        InstitutionInput copy = new InstitutionInput(code, name, sector, brin, website, memberSince, active);
        copy.educationOffererCode = educationOffererCode;
        copy.schacHome = schacHome;
        return copy;
    }
}
