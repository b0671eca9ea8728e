package nl.microcredentials.registry.ooapi.control;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nl.microcredentials.registry.programmes.entity.Participation;

/**
 * The query parameters of an Open Education API request, read as the spec defines them: {@code pageSize} one of 10,
 * 20, 50, 100, 250 (default 10), {@code pageNumber} from 1, enumerations in their lower-case spelling, {@code expand}
 * and {@code sort} as comma-separated lists. A value outside the spec is a 400 naming the parameter; an empty value is an
 * absent one (for every parameter alike); parameters the spec does not define for an endpoint are ignored, as OOAPI
 * clients expect.
 */
public final class OoapiQuery {

    public static final List<Integer> PAGE_SIZES = List.of(10, 20, 50, 100, 250);
    static final int MAX_PAGE_NUMBER = 1_000_000;
    static final int MAX_TEXT = 200;

    /** OOAPI {@code level} to the NLQF codes it covers; {@code undefined} is every other level (handled by the caller). */
    public static final Map<String, List<String>> LEVELS = levels();
    /** OOAPI {@code modeOfDelivery} to the form of participation; {@code distance-learning} has none in the registry. */
    public static final Map<String, Participation> MODES = modes();

    private final MultivaluedMap<String, String> parameters;

    public OoapiQuery(MultivaluedMap<String, String> parameters) {
        this.parameters = parameters;
    }

    public int pageSize() {
        String value = value("pageSize");
        if (value == null || value.isBlank()) return 10;
        try {
            int size = Integer.parseInt(value.trim());
            if (PAGE_SIZES.contains(size)) return size;
        } catch (NumberFormatException e) {
            // below
        }
        throw OoapiProblem.badRequest("pageSize", "must be one of 10, 20, 50, 100, 250");
    }

    public int pageNumber() {
        String value = value("pageNumber");
        if (value == null || value.isBlank()) return 1;
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1 && number <= MAX_PAGE_NUMBER) return number;
        } catch (NumberFormatException e) {
            // below
        }
        throw OoapiProblem.badRequest("pageNumber", "must be a whole number from 1 to " + MAX_PAGE_NUMBER);
    }

    /** The first value of a parameter, {@code null} when absent. */
    public String value(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A free text: trimmed, {@code null} when absent or blank, at most 200 characters. */
    public String text(String name) {
        String value = value(name);
        if (value == null || value.isBlank()) return null;
        if (value.length() > MAX_TEXT) throw OoapiProblem.badRequest(name, "must be at most " + MAX_TEXT + " characters");
        return value.trim();
    }

    /** One of the spec's values for this parameter, {@code null} when absent. */
    public String oneOf(String name, Set<String> allowed) {
        String value = value(name);
        if (value == null || value.isEmpty()) return null;
        if (!allowed.contains(value)) throw OoapiProblem.badRequest(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        return value;
    }

    public boolean bool(String name) {
        String value = value(name);
        if (value == null || value.isEmpty()) return false;
        if (value.equals("true")) return true;
        if (value.equals("false")) return false;
        throw OoapiProblem.badRequest(name, "must be true or false");
    }

    /** The values of a comma-separated {@code expand}, each one of {@code allowed}. */
    public Set<String> expand(Set<String> allowed) {
        Set<String> result = new LinkedHashSet<>();
        List<String> values = parameters.get("expand");
        if (values == null) return result;
        for (String value : values) {
            for (String item : value.split(",")) {
                String name = item.trim();
                if (name.isEmpty()) continue;
                if (!allowed.contains(name)) {
                    throw OoapiProblem.badRequest("expand", "must be a comma-separated list of " + String.join(", ", allowed.stream().sorted().toList()));
                }
                result.add(name);
            }
        }
        return result;
    }

    /** The first sort key of a comma-separated {@code sort}: one of {@code fields}, optionally prefixed with {@code -}. */
    public String sort(List<String> fields, String defaultField) {
        String value = value("sort");
        if (value == null || value.isBlank()) return defaultField;
        String first = null;
        for (String item : value.split(",")) {
            String key = item.trim();
            String field = key.startsWith("-") ? key.substring(1) : key;
            if (!fields.contains(field)) {
                throw OoapiProblem.badRequest("sort", "must be a comma-separated list of " + String.join(", ", fields) + " (each optionally prefixed with -)");
            }
            if (first == null) first = key;
        }
        return first == null ? defaultField : first;
    }

    /** ISO 639-2 (B or T, {@code nld}, {@code dut}) to the registry's ISO 639-1 ({@code nl}); unknown codes stay as they are. */
    public static String iso639_1(String iso639_2) {
        String code = iso639_2.toLowerCase(Locale.ROOT);
        if (code.equals("dut")) return "nl";
        if (code.equals("ger")) return "de";
        if (code.equals("fre")) return "fr";
        return Arrays.stream(Locale.getISOLanguages())
                .filter(two -> {
                    try {
                        return new Locale(two).getISO3Language().equals(code);
                    } catch (java.util.MissingResourceException e) {
                        return false;
                    }
                })
                .findFirst().orElse(code);
    }

    private static Map<String, List<String>> levels() {
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String other : List.of("secondary vocational education", "secondary vocational education 1", "secondary vocational education 2",
                "secondary vocational education 3", "secondary vocational education 4", "undivided", "nt2-1", "nt2-2")) {
            levels.put(other, List.of());
        }
        levels.put("associate degree", List.of("5"));
        levels.put("bachelor", List.of("6"));
        levels.put("master", List.of("7"));
        levels.put("doctoral", List.of("8"));
        levels.put("undefined", List.of());
        return Map.copyOf(levels);
    }

    private static Map<String, Participation> modes() {
        Map<String, Participation> modes = new LinkedHashMap<>();
        modes.put("online", Participation.ONLINE);
        modes.put("on campus", Participation.ONSITE);
        modes.put("hybrid", Participation.BLENDED);
        modes.put("situated", Participation.WORK_EXPERIENCE);
        modes.put("distance-learning", null);
        return java.util.Collections.unmodifiableMap(modes);
    }

    /** An answer in OOAPI's problem format (its {@code status} is a string). */
    public static final class OoapiProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String title;

        OoapiProblem(int status, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
        }

        public static OoapiProblem badRequest(String parameter, String message) {
            return new OoapiProblem(400, "Bad request", parameter + ": " + message);
        }

        public static OoapiProblem notFound(String what, String id) {
            String shown = id == null ? "" : id.length() > 64 ? id.substring(0, 64) + "..." : id;
            return new OoapiProblem(404, "Not found", "No " + what + " '" + shown + "'");
        }

        public int status() { return status; }
        public String title() { return title; }
    }
}
