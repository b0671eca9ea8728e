package nl.microcredentials.registry.programmes.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a programme's version history. */
@Schema(name = "ProgrammeVersionSummary")
public record VersionSummary(int versionNumber, String titleEn, String titleNl, BigDecimal ects, Instant createdAt, Instant publishedAt, boolean current) implements java.io.Serializable {
}
