package nl.microcredentials.registry.institutions.boundary;

import java.time.Instant;
import java.util.List;
import nl.microcredentials.registry.institutions.entity.Board;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A Board of Examiners; the public sees its name and contact only (the other fields are then absent). */
@Schema(name = "Board")
public record BoardView(
        String id,
        @Schema(example = "tu-delft") String institution,
        @Schema(example = "Board of Examiners EEMCS") String name,
        @Schema(example = "boe-eemcs@tudelft.nl") String email,
        Integer decisionTermDays,
        List<String> courseCodePrefixes,
        Boolean isDefault,
        Integer version,
        Instant createdAt,
        Instant updatedAt) implements java.io.Serializable {

    static BoardView full(Board b) {
        return new BoardView(b.getId(), b.getInstitution().getCode(), b.getName(), b.getEmail(), b.getDecisionTermDays(),
                b.getCourseCodePrefixes(), b.isDefault(), b.getVersion(), b.getCreatedAt(), b.getUpdatedAt());
    }

    static BoardView contact(Board b) {
        return new BoardView(b.getId(), b.getInstitution().getCode(), b.getName(), b.getEmail(), null, null, b.isDefault(),
                null, null, null);
    }
}
