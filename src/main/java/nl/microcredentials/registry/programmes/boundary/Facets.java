package nl.microcredentials.registry.programmes.boundary;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How many programmes a catalogue search finds per institution, NLQF level, language and form of participation. Each
 * dimension is counted with every other filter applied but its own, so that it shows the alternatives to the choice.
 */
@Schema(name = "ProgrammeFacets")
public record Facets(List<Count> institution, List<Count> nlqfLevel, List<Count> language, List<Count> participation) implements java.io.Serializable {

    @Schema(name = "FacetCount")
    public record Count(String value, long count) implements java.io.Serializable { }

    public long countOf(List<Count> counts, String value) {
        return counts.stream().filter(c -> c.value().equals(value)).mapToLong(Count::count).sum();
    }
}
