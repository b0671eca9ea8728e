package nl.microcredentials.registry.agreements.control;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import nl.microcredentials.registry.programmes.control.NlqfLevel;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Which micro-credentials an agreement covers: named programmes, or the programmes of issuing parties (all parties when
 * {@code issuers} is empty), optionally bounded by NLQF level and EC (bounds inclusive).
 */
@Schema(name = "AgreementScope", description = "Either {\"programmes\": [ids]} or {\"issuers\": [codes], \"minNlqfLevel\", \"maxNlqfLevel\", "
        + "\"minEcts\", \"maxEcts\"}; empty issuers means every party issues. Bounds are inclusive and optional.")
public record AgreementScope(
        @Schema(type = SchemaType.ARRAY, description = "ids of programmes of the issuing parties") List<String> programmes,
        @Schema(type = SchemaType.ARRAY, description = "codes of the parties whose programmes are covered (empty: every party)") List<String> issuers,
        @Schema(enumeration = {"ENTRY", "1", "2", "3", "4", "4+", "5", "6", "7", "8"}) String minNlqfLevel,
        @Schema(enumeration = {"ENTRY", "1", "2", "3", "4", "4+", "5", "6", "7", "8"}) String maxNlqfLevel,
        @Schema(example = "3") BigDecimal minEcts,
        @Schema(example = "30") BigDecimal maxEcts) implements java.io.Serializable {

    public static final AgreementScope ALL_PROGRAMMES = new AgreementScope(List.of(), List.of(), null, null, null, null);

    /** The facts of a programme that scope matching needs. */
    public record Programme(String id, String issuer, BigDecimal ects, String nlqfLevel) { }

    public boolean namesProgrammes() {
        return programmes != null && !programmes.isEmpty();
    }

    /** Empty lists instead of nulls, lists sorted and without duplicates, blank levels as none. */
    public AgreementScope normalised() {
        return new AgreementScope(sorted(programmes), sorted(issuers), blank(minNlqfLevel), blank(maxNlqfLevel),
                minEcts == null ? null : minEcts.stripTrailingZeros(), maxEcts == null ? null : maxEcts.stripTrailingZeros());
    }

    /**
     * Whether this scope covers the programme, in an agreement with these parties. Issuers are parties; a programme of an
     * institution that is not a party is never covered.
     */
    public boolean covers(Programme p, List<String> parties) {
        if (p == null || parties == null || !parties.contains(p.issuer())) return false;
        if (namesProgrammes()) return programmes.contains(p.id());
        if (issuers != null && !issuers.isEmpty() && !issuers.contains(p.issuer())) return false;
        if (minEcts != null && (p.ects() == null || p.ects().compareTo(minEcts) < 0)) return false;
        if (maxEcts != null && (p.ects() == null || p.ects().compareTo(maxEcts) > 0)) return false;
        Optional<NlqfLevel> level = NlqfLevel.parse(p.nlqfLevel());
        Optional<NlqfLevel> min = NlqfLevel.parse(blank(minNlqfLevel));
        Optional<NlqfLevel> max = NlqfLevel.parse(blank(maxNlqfLevel));
        if (min.isPresent() && (level.isEmpty() || level.get().compareTo(min.get()) < 0)) return false;
        if (max.isPresent() && (level.isEmpty() || level.get().compareTo(max.get()) > 0)) return false;
        return true;
    }

    private static List<String> sorted(List<String> values) {
        if (values == null) return List.of();
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).distinct().sorted().toList();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
