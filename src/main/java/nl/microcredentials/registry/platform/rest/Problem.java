package nl.microcredentials.registry.platform.rest;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}). */
@Schema(name = "Problem", description = "RFC 9457 problem details; validation failures list every invalid field in errors.")
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "errors", "allowed"})
public record Problem(
        @Schema(example = "https://registry.microcredentials.nl/problems/validation") String type,
        @Schema(example = "Invalid input") String title,
        @Schema(example = "400") int status,
        @Schema(example = "2 fields are invalid") String detail,
        @Schema(example = "/api/institutions/tu-delft") String instance,
        List<FieldError> errors,
        @Schema(description = "for illegal state transitions: the transitions that are allowed now") List<String> allowed) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://registry.microcredentials.nl/problems/";
}
