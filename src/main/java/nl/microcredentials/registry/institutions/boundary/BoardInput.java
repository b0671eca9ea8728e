package nl.microcredentials.registry.institutions.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import nl.microcredentials.registry.institutions.entity.Board;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an institution admin (or a coordinator) sends to create or update a Board of Examiners. */
@Schema(name = "BoardInput")
public class BoardInput {

    @NotBlank @Size(max = Board.NAME_LENGTH)
    @Schema(example = "Board of Examiners EEMCS")
    public String name;

    @NotBlank @Email(regexp = ".+@.+\\..+", message = "must be an e-mail address") @Size(max = Board.EMAIL_LENGTH)
    @Schema(example = "boe-eemcs@tudelft.nl")
    public String email;

    @Min(value = 1, message = "must be between 1 and 365") @Max(value = 365, message = "must be between 1 and 365")
    @Schema(description = "calendar days to decide a request; default 56 (Awb 4:13)", example = "56")
    public Integer decisionTermDays;

    @Size(max = 50)
    @Schema(description = "course codes starting with one of these are routed to this board", example = "[\"CSE\", \"TI\"]")
    public List<@Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$", message = "must be 1-20 letters, digits, '.', '_' or '-'") String> courseCodePrefixes;

    @Schema(description = "the board that takes requests no other board's prefixes match; exactly one per institution")
    public Boolean isDefault;

    public BoardInput() { }

    public BoardInput(String name, String email, Integer decisionTermDays, List<String> courseCodePrefixes, Boolean isDefault) {
        this.name = name;
        this.email = email;
        this.decisionTermDays = decisionTermDays;
        this.courseCodePrefixes = courseCodePrefixes;
        this.isDefault = isDefault;
    }
}
