package nl.microcredentials.registry.programmes.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An edubadges badge class (Open Badges 2.0 JSON with edubadges' extensions, {@code ?expand=micro} for the
 * micro-credential fields) compared with the registered programme version. The shapes are those of edubadges-server's
 * {@code BadgeClass.get_json} and its public API: {@code "extensions:ECTSExtension": {"ECTS": 2.5}},
 * {@code "extensions:EQFExtension": {"EQF": 7}}, {@code "extensions:StudyLoadExtension": {"StudyLoad": 84}} (later
 * {@code "extensions:TimeInvestmentExtension": {"TimeInvestment": 84}}), {@code "extensions:LanguageExtension":
 * {"Language": "nl_NL"}}, and with {@code expand=micro} {@code participation}, {@code assessmentType},
 * {@code qualityAssuranceName}. A remote document is untrusted: anything of the wrong shape is read as absent or makes
 * the whole document {@link Invalid}, never an exception of another kind.
 */
public final class BadgeClassComparison {

    /** What a badge class says, each {@code null} where it says nothing (or nothing readable). */
    public record Facts(String name, BigDecimal ects, Integer eqf, Integer studyHours, String language, String participation,
                        String assessmentType, String qualityAssuranceName) { }

    /** One disagreement: the registry's field, what the registry says, what the badge class says. */
    public record Finding(String field, String registered, String badgeClass) {
        public String message() {
            return field + ": registered " + registered + ", the badge class says " + badgeClass;
        }
    }

    /** The document is not a badge class (not JSON, not an object, no name). */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** edubadges' participation values and the registry's forms of participation. */
    private static final Map<String, String> PARTICIPATION = Map.of("online", "ONLINE", "onsite", "ONSITE", "on-site", "ONSITE",
            "blended", "BLENDED", "hybrid", "BLENDED");

    private BadgeClassComparison() { }

    public static Facts read(byte[] body) throws Invalid {
        JsonValue value;
        try (var reader = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            value = reader.readValue();
        } catch (JsonParsingException e) {
            throw new Invalid("not JSON: " + e.getMessage());
        } catch (JsonException | IllegalStateException e) {
            throw new Invalid("not JSON");
        }
        if (!(value instanceof JsonObject json)) throw new Invalid("not a JSON object");
        String type = string(json.get("type"));
        String name = string(json.get("name"));
        if (name == null || (type != null && !type.equals("BadgeClass"))) throw new Invalid("not an Open Badges badge class");
        BigDecimal ects = number(extension(json, "extensions:ECTSExtension", "ECTS"));
        BigDecimal eqf = number(extension(json, "extensions:EQFExtension", "EQF"));
        BigDecimal hours = number(extension(json, "extensions:StudyLoadExtension", "StudyLoad"));
        if (hours == null) hours = number(extension(json, "extensions:StudyLoadExtension", "StudyLoadHours"));
        if (hours == null) hours = number(extension(json, "extensions:TimeInvestmentExtension", "TimeInvestment"));
        String language = string(extension(json, "extensions:LanguageExtension", "Language"));
        return new Facts(name, ects, whole(eqf), whole(hours), language == null ? null : language.trim(),
                string(json.get("participation")), string(json.get("assessmentType")), string(json.get("qualityAssuranceName")));
    }

    /** Where the badge class and the registered version disagree; a field the badge class leaves out is no disagreement. */
    public static List<Finding> compare(ProgrammeDraft registered, Facts badge) {
        List<Finding> findings = new ArrayList<>();
        if (badge.ects() != null && (registered.ects() == null || registered.ects().compareTo(badge.ects()) != 0)) {
            findings.add(new Finding("ects", plain(registered.ects()), plain(badge.ects())));
        }
        if (badge.eqf() != null && !Objects.equals(registered.eqfLevel(), badge.eqf())) {
            findings.add(new Finding("eqfLevel", String.valueOf(registered.eqfLevel()), String.valueOf(badge.eqf())));
        }
        if (badge.studyHours() != null && !Objects.equals(registered.studyHours(), badge.studyHours())) {
            findings.add(new Finding("studyHours", String.valueOf(registered.studyHours()), String.valueOf(badge.studyHours())));
        }
        if (badge.language() != null) {
            String language = badge.language().toLowerCase(Locale.ROOT).split("[_-]")[0];
            List<String> languages = registered.languages() == null ? List.of() : registered.languages();
            if (!language.isEmpty() && !languages.contains(language)) {
                findings.add(new Finding("languages", String.join(", ", languages), badge.language()));
            }
        }
        String qa = registered.qualityAssurance() == null ? null : registered.qualityAssurance().name();
        if (present(badge.qualityAssuranceName()) && !badge.qualityAssuranceName().trim().equalsIgnoreCase(qa == null ? "" : qa.trim())) {
            findings.add(new Finding("qualityAssurance.name", String.valueOf(qa), badge.qualityAssuranceName().trim()));
        }
        if (present(badge.participation())) {
            String form = PARTICIPATION.get(badge.participation().trim().toLowerCase(Locale.ROOT));
            List<String> forms = registered.participation() == null ? List.of() : registered.participation();
            if (form != null && !forms.contains(form)) {
                findings.add(new Finding("participation", String.join(", ", forms), badge.participation().trim()));
            }
        }
        return findings;
    }

    private static JsonValue extension(JsonObject json, String name, String field) {
        JsonValue extension = json.get(name);
        if (extension == null && json.get("extensions") instanceof JsonObject nested) extension = nested.get(name);
        return extension instanceof JsonObject object ? object.get(field) : null;
    }

    private static String string(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static BigDecimal number(JsonValue value) {
        if (value instanceof JsonNumber n) {
            BigDecimal d = n.bigDecimalValue();
            return d.abs().compareTo(BigDecimal.valueOf(100_000)) > 0 ? null : d;
        }
        if (value instanceof JsonString s) {
            try {
                BigDecimal d = new BigDecimal(s.getString().trim());
                return d.abs().compareTo(BigDecimal.valueOf(100_000)) > 0 ? null : d;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Integer whole(BigDecimal d) {
        if (d == null) return null;
        try {
            return d.stripTrailingZeros().intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static String plain(BigDecimal d) {
        return d == null ? "null" : d.stripTrailingZeros().toPlainString();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
