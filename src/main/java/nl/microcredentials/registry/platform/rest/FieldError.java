package nl.microcredentials.registry.platform.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invalid field of a request: its JSON path (e.g. {@code ects}, {@code title.en}) and what is wrong with it. */
@Schema(name = "FieldError")
public record FieldError(
        @Schema(example = "brin") String field,
        @Schema(example = "must match ^[0-9]{2}[A-Z]{2}$") String message) implements java.io.Serializable {
}
