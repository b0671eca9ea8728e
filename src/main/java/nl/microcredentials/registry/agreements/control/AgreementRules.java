package nl.microcredentials.registry.agreements.control;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.microcredentials.registry.agreements.entity.AgreementKind;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.programmes.control.NlqfLevel;

/**
 * The rules an agreement's content must keep (DOMAIN.md, API.md): a title; 2..n parties that are active members, exactly
 * two for a bilateral one; an effect; terms text; a validity with {@code validUntil} after {@code validFrom}; a scope of
 * programmes of issuing parties or of issuers among the parties, with consistent bounds. Pure Java: what it needs from
 * the database comes through {@link Lookup}.
 */
public final class AgreementRules {

    public static final int MAX_TITLE = 300;
    public static final int MAX_TERMS = 20_000;
    public static final int MAX_PARTIES = 100;
    public static final int MAX_PROGRAMMES = 500;
    static final BigDecimal MAX_ECTS_BOUND = new BigDecimal("60");

    /** What the rules need to know about institutions and programmes. */
    public interface Lookup {
        /** empty: no such institution; otherwise whether it is an active member */
        Optional<Boolean> memberActive(String code);

        Optional<AgreementScope.Programme> programme(String id);
    }

    private AgreementRules() { }

    /**
     * Every broken rule, one entry per field. Takes the terms as the client sent them, so that an index in a field name
     * ({@code parties[2]}) is the client's own; normalise them afterwards.
     */
    public static List<FieldError> validate(String title, AgreementTerms t, Lookup lookup) {
        List<FieldError> errors = new ArrayList<>();
        if (title == null || title.isBlank()) errors.add(new FieldError("title", "is required"));
        else if (title.strip().length() > MAX_TITLE) errors.add(new FieldError("title", "must be at most " + MAX_TITLE + " characters"));

        if (t.kind() == null) errors.add(new FieldError("kind", "is required: MULTILATERAL or BILATERAL"));
        List<String> parties = t.parties() == null ? List.of() : t.parties();
        List<String> partyCodes = parties.stream().filter(p -> p != null).map(String::trim).toList();
        if (parties.size() < 2) {
            errors.add(new FieldError("parties", "needs at least 2 member institutions"));
        } else if (parties.size() > MAX_PARTIES) {
            errors.add(new FieldError("parties", "must have at most " + MAX_PARTIES + " institutions"));
        } else if (t.kind() == AgreementKind.BILATERAL && parties.size() != 2) {
            errors.add(new FieldError("parties", "a bilateral agreement has exactly 2 parties"));
        }
        if (parties.size() <= MAX_PARTIES) {
            for (int i = 0; i < parties.size(); i++) {
                String code = parties.get(i) == null ? null : parties.get(i).trim();
                if (code == null || code.isEmpty()) {
                    errors.add(new FieldError("parties[" + i + "]", "must be an institution code"));
                    continue;
                }
                if (parties.subList(0, i).stream().anyMatch(p -> p != null && p.trim().equals(code))) {
                    errors.add(new FieldError("parties[" + i + "]", "'" + code + "' is listed twice"));
                    continue;
                }
                Optional<Boolean> active = lookup.memberActive(code);
                if (active.isEmpty()) errors.add(new FieldError("parties[" + i + "]", "'" + code + "' is not a member institution"));
                else if (!active.get()) errors.add(new FieldError("parties[" + i + "]", "'" + code + "' is not an active member"));
            }
        }

        if (t.effect() == null) errors.add(new FieldError("effect", "is required: IN_PRINCIPLE, ADMISSION, ELECTIVE_CREDITS or COURSE_EXEMPTION"));
        if (t.terms() == null || t.terms().isBlank()) errors.add(new FieldError("terms", "is required"));
        else if (t.terms().length() > MAX_TERMS) errors.add(new FieldError("terms", "must be at most " + MAX_TERMS + " characters"));

        if (t.validFrom() == null) errors.add(new FieldError("validFrom", "is required"));
        if (t.validFrom() != null && t.validUntil() != null && !t.validUntil().isAfter(t.validFrom())) {
            errors.add(new FieldError("validUntil", "must be after validFrom"));
        }
        scope(t.scope() == null ? AgreementScope.ALL_PROGRAMMES : t.scope(), partyCodes, lookup, errors);
        return errors;
    }

    private static void scope(AgreementScope s, List<String> parties, Lookup lookup, List<FieldError> errors) {
        boolean bounded = (s.issuers() != null && !s.issuers().isEmpty()) || s.minNlqfLevel() != null || s.maxNlqfLevel() != null
                || s.minEcts() != null || s.maxEcts() != null;
        if (s.namesProgrammes()) {
            if (bounded) {
                errors.add(new FieldError("scope", "names either programmes, or issuers with optional bounds, not both"));
                return;
            }
            if (s.programmes().size() > MAX_PROGRAMMES) {
                errors.add(new FieldError("scope.programmes", "must name at most " + MAX_PROGRAMMES + " programmes"));
                return;
            }
            for (int i = 0; i < s.programmes().size(); i++) {
                String id = s.programmes().get(i);
                if (id == null || id.isBlank()) {
                    errors.add(new FieldError("scope.programmes[" + i + "]", "must be a programme id"));
                    continue;
                }
                Optional<AgreementScope.Programme> p = lookup.programme(id.trim());
                if (p.isEmpty()) errors.add(new FieldError("scope.programmes[" + i + "]", "'" + id + "' is not a registered programme"));
                else if (!parties.contains(p.get().issuer())) {
                    errors.add(new FieldError("scope.programmes[" + i + "]", "belongs to '" + p.get().issuer() + "', which is not a party"));
                }
            }
            return;
        }
        List<String> issuers = s.issuers() == null ? List.of() : s.issuers();
        for (int i = 0; i < issuers.size(); i++) {
            if (issuers.get(i) == null || !parties.contains(issuers.get(i).trim())) {
                errors.add(new FieldError("scope.issuers[" + i + "]", "'" + issuers.get(i) + "' is not a party"));
            }
        }
        Optional<NlqfLevel> min = level("scope.minNlqfLevel", s.minNlqfLevel(), errors);
        Optional<NlqfLevel> max = level("scope.maxNlqfLevel", s.maxNlqfLevel(), errors);
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            errors.add(new FieldError("scope.maxNlqfLevel", "must not be below minNlqfLevel"));
        }
        boolean minOk = ects("scope.minEcts", s.minEcts(), errors);
        boolean maxOk = ects("scope.maxEcts", s.maxEcts(), errors);
        if (minOk && maxOk && s.minEcts() != null && s.maxEcts() != null && s.minEcts().compareTo(s.maxEcts()) > 0) {
            errors.add(new FieldError("scope.maxEcts", "must not be below minEcts"));
        }
    }

    private static Optional<NlqfLevel> level(String field, String code, List<FieldError> errors) {
        if (code == null) return Optional.empty();
        Optional<NlqfLevel> level = NlqfLevel.parse(code);
        if (level.isEmpty()) errors.add(new FieldError(field, "must be one of " + String.join(", ", NlqfLevel.codes())));
        return level;
    }

    private static boolean ects(String field, BigDecimal value, List<FieldError> errors) {
        if (value == null) return true;
        if (value.signum() <= 0 || value.compareTo(MAX_ECTS_BOUND) > 0 || value.scale() > 1) {
            errors.add(new FieldError(field, "must be a number of EC between 0.5 and " + MAX_ECTS_BOUND + " with at most one decimal"));
            return false;
        }
        return true;
    }

    /** Whether two lists name the same institutions (order and repetition aside). */
    public static boolean sameParties(java.util.Collection<String> a, java.util.Collection<String> b) {
        return new java.util.TreeSet<>(a).equals(new java.util.TreeSet<>(b));
    }
}
