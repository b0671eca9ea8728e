package nl.microcredentials.registry.ooapi.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.programmes.control.LocalizedText;
import nl.microcredentials.registry.programmes.control.NlqfLevel;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.control.QualityAssurance;
import nl.microcredentials.registry.programmes.entity.ProgrammeVersion;

/**
 * An Open Education API v5 {@code course} read back into a programme's content: the inverse of {@link CourseMapping}
 * ({@code docs/ooapi.md}). The {@code ext.microcredential} object, which the registry serves, carries what OOAPI has no
 * field for and wins over the OOAPI fields; a course of another endpoint lacks it, and those fields stay empty (a draft
 * may be incomplete; the admin completes it before publishing).
 * <ul>
 * <li>{@code studyHours}: {@code ext}, else {@code duration} {@code PT<n>H}, else EC x hours per EC;</li>
 * <li>{@code nlqfLevel}: {@code ext}, else the education specification's {@code levelOfQualification} (the expanded
 * object, or fetched by its id), else {@code level} (associate degree 5, bachelor 6, master 7, doctoral 8); the EQF
 * level from the NLQF level unless {@code ext} has one;</li>
 * <li>{@code teachingLanguage} ISO 639-2 to ISO 639-1; {@code modeOfDelivery} to participation.</li>
 * </ul>
 * Remote content is hostile until proven otherwise: every value is type-checked, and what does not fit is a refusal
 * naming the field ({@link Refused}), never an exception. The pilot's rules are applied by the caller afterwards
 * (they depend on the institution's sector).
 */
public final class CourseImport {

    /** The longest remote course id kept (the column). */
    public static final int COURSE_ID_MAX = 200;
    /** Any remote text longer than this is refused before it is looked at further (the rules allow 10,000 at most). */
    static final int TEXT_MAX = 20_000;
    /** The most language-typed strings of one field, and the most learning outcomes, looked at. */
    static final int LIST_MAX = 200;

    private static final Pattern HOURS = Pattern.compile("PT([0-9]{1,6})H");
    private static final Map<String, String> LEVELS = Map.of("associate degree", "5", "bachelor", "6", "master", "7", "doctoral", "8");
    private static final Map<String, String> MODES = Map.of("online", "ONLINE", "distance-learning", "ONLINE", "on campus", "ONSITE",
            "hybrid", "BLENDED", "situated", "WORK_EXPERIENCE");
    private static final Map<String, String> ISO_639_2_TO_1 = iso639();
    private static final Pattern COURSE_CODE = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    /** Looks up an education specification by its id (bounded and cached by the caller); empty when unknown or unreachable. */
    @FunctionalInterface
    public interface Specifications {
        Optional<JsonObject> find(String educationSpecificationId);

        Specifications NONE = id -> Optional.empty();
    }

    /** What became of one item. */
    public sealed interface Result permits Mapped, Refused {
        /** The course's id as the endpoint gave it, or null when it has none that is usable. */
        String courseId();

        /** A title for the report (may be null). */
        String title();
    }

    /** A course mapped onto a programme's content (not yet checked against the pilot's rules). */
    public record Mapped(String courseId, String title, ProgrammeDraft draft) implements Result { }

    /** A course that cannot be imported, with the reasons (each naming the field). */
    public record Refused(String courseId, String title, List<FieldError> reasons) implements Result { }

    private CourseImport() { }

    /** Maps one item of a {@code /courses} page; never throws for anything the endpoint sent. */
    public static Result map(JsonValue item, Specifications specifications, int hoursPerEc) {
        try {
            return mapChecked(item, specifications == null ? Specifications.NONE : specifications, hoursPerEc);
        } catch (RuntimeException | StackOverflowError e) {
            // a safety net only: every path above checks types; a surprise is still a refusal, not a failed sync
            return new Refused(null, null, List.of(new FieldError("item", "could not be read (" + e.getClass().getSimpleName() + ")")));
        }
    }

    private static Result mapChecked(JsonValue item, Specifications specifications, int hoursPerEc) {
        if (!(item instanceof JsonObject course)) {
            return new Refused(null, null, List.of(new FieldError("item", "must be a JSON object (a course)")));
        }
        Errors e = new Errors();
        String courseId = e.string(course, "courseId", "courseId", COURSE_ID_MAX);
        if (courseId == null && !e.has("courseId")) e.add("courseId", "is required");
        else if (courseId != null && courseId.isBlank()) e.add("courseId", "must not be blank");

        LocalizedText name = e.texts(course, "name", "name");
        String title = name == null ? null : name.any();
        if ((name == null || name.isEmpty()) && !e.has("name")) e.add("name", "is required (at least one language-typed string with a value)");

        JsonObject ext = null;
        JsonObject extObject = e.object(course, "ext", "ext");
        if (extObject != null) ext = e.object(extObject, "microcredential", "ext.microcredential");
        Ext x = new Ext(ext, e);

        // course code: ext, else an identifier primary code or the abbreviation that fits the registry's pattern
        String courseCode = x.string("courseCode", 200);
        if (courseCode == null && ext == null) {
            JsonObject primary = e.object(course, "primaryCode", "primaryCode");
            if (primary != null) {
                String codeType = e.string(primary, "codeType", "primaryCode.codeType", 200);
                String code = e.string(primary, "code", "primaryCode.code", 200);
                if (code != null && !"uuid".equals(codeType) && COURSE_CODE.matcher(code.trim()).matches()) courseCode = code.trim();
            }
            if (courseCode == null) {
                String abbreviation = e.string(course, "abbreviation", "abbreviation", 256);
                if (abbreviation != null && COURSE_CODE.matcher(abbreviation.trim()).matches() && !abbreviation.trim().equals(courseId)) {
                    courseCode = abbreviation.trim();
                }
            }
        }

        LocalizedText description = e.texts(course, "description", "description");
        if (description != null && name != null && same(description.nl(), name.nl()) && same(description.en(), name.en())) {
            description = null; // the provider serves the title when a programme has no description
        }

        // EC
        BigDecimal ects = x.number("ects");
        if (ects == null && !x.present("ects")) {
            JsonObject load = e.object(course, "studyLoad", "studyLoad");
            if (load != null) {
                String unit = e.string(load, "studyLoadUnit", "studyLoad.studyLoadUnit", 40);
                BigDecimal value = e.number(load, "value", "studyLoad.value");
                if ("ects".equals(unit)) ects = value;
            }
        }

        // study hours
        Integer studyHours = x.integer("studyHours");
        if (studyHours == null && !x.present("studyHours")) {
            String duration = e.string(course, "duration", "duration", 100);
            Matcher m = duration == null ? null : HOURS.matcher(duration.trim());
            if (m != null && m.matches()) {
                studyHours = Integer.valueOf(m.group(1));
            } else if (ects != null && usable(ects) && ects.signum() > 0 && ects.compareTo(BigDecimal.valueOf(1000)) < 0) {
                studyHours = ects.multiply(BigDecimal.valueOf(hoursPerEc)).setScale(0, RoundingMode.HALF_UP).intValueExact();
            }
        }

        // levels
        String nlqf = x.string("nlqfLevel", 10);
        if (nlqf == null && !x.present("nlqfLevel")) {
            nlqf = levelOfQualification(course, specifications, e);
            if (nlqf == null) {
                String level = e.string(course, "level", "level", 100);
                if (level != null) nlqf = LEVELS.get(level.trim());
            }
        }
        Integer eqf = x.integer("eqfLevel");
        if (eqf == null && !x.present("eqfLevel") && nlqf != null) {
            eqf = NlqfLevel.parse(nlqf.trim()).map(NlqfLevel::eqf).orElse(null);
        }

        // languages: ext (ISO 639-1), else the teaching language (ISO 639-2)
        List<String> languages = x.strings("languages", 10);
        if (languages == null && !x.present("languages")) {
            String teaching = e.string(course, "teachingLanguage", "teachingLanguage", 10);
            languages = new ArrayList<>();
            if (teaching != null) {
                String code = teaching.trim().toLowerCase(Locale.ROOT);
                if (!code.isEmpty() && !Set.of("und", "mul", "zxx", "mis").contains(code)) languages.add(ISO_639_2_TO_1.getOrDefault(code, code));
            }
        }

        // participation: ext, else the modes of delivery
        List<String> participation = x.strings("participation", 20);
        if (participation == null && !x.present("participation")) {
            Set<String> forms = new LinkedHashSet<>();
            JsonValue modes = course.get("modeOfDelivery");
            if (modes instanceof JsonString one) {
                forms.add(MODES.get(one.getString().trim()));
            } else if (modes instanceof JsonArray array) {
                for (int i = 0; i < Math.min(array.size(), LIST_MAX); i++) {
                    if (array.get(i) instanceof JsonString s) forms.add(MODES.get(s.getString().trim()));
                    else e.add("modeOfDelivery[" + i + "]", "must be a string");
                }
            } else if (modes != null && modes.getValueType() != JsonValue.ValueType.NULL) {
                e.add("modeOfDelivery", "must be an array of strings");
            }
            forms.remove(null); // modes the registry has no form of participation for
            participation = new ArrayList<>(forms);
        }

        String isced = e.string(course, "fieldsOfStudy", "fieldsOfStudy", 100);
        List<String> outcomes = learningOutcomes(course, e);
        String prerequisites = e.first(course, "admissionRequirements", "admissionRequirements");

        QualityAssurance qa = null;
        JsonObject qaObject = x.object("qualityAssurance");
        if (qaObject != null) {
            qa = new QualityAssurance(e.string(qaObject, "name", "ext.microcredential.qualityAssurance.name", TEXT_MAX),
                    e.string(qaObject, "url", "ext.microcredential.qualityAssurance.url", TEXT_MAX),
                    e.string(qaObject, "description", "ext.microcredential.qualityAssurance.description", TEXT_MAX));
        }
        LocalDate since = null;
        String sinceText = x.string("microcredentialSince", 40);
        if (sinceText != null) {
            try {
                since = LocalDate.parse(sinceText.trim());
            } catch (DateTimeParseException ex) {
                e.add("ext.microcredential.microcredentialSince", "must be a date (yyyy-mm-dd)");
            }
        }

        ProgrammeDraft draft = new ProgrammeDraft(courseCode, name, description, outcomes, ects, studyHours, nlqf == null ? null : nlqf.trim(),
                eqf, x.bool("levelVerified"), participation, x.bool("assessmentSupervised"), x.bool("identityVerified"),
                x.string("assessmentType", 100), qa, prerequisites, x.bool("gradeRecorded"), x.string("stackableTowards", TEXT_MAX),
                languages, isced == null ? null : isced.trim(), x.string("edubadgeBadgeClassUrl", TEXT_MAX), since, x.bool("experimental"));
        String reportedId = courseId == null || courseId.isBlank() ? null : courseId;
        if (!e.errors.isEmpty()) return new Refused(reportedId, title, List.copyOf(e.errors));
        return new Mapped(courseId, title, draft);
    }

    /** The education specification's levelOfQualification: of the expanded object, or of the one fetched by id. */
    private static String levelOfQualification(JsonObject course, Specifications specifications, Errors e) {
        JsonValue spec = course.get("educationSpecification");
        JsonObject object = null;
        if (spec instanceof JsonObject expanded) {
            object = expanded;
        } else if (spec instanceof JsonString id) {
            String value = id.getString();
            if (value.length() <= COURSE_ID_MAX && !value.isBlank()) object = specifications.find(value.trim()).orElse(null);
        } else if (spec != null && spec.getValueType() != JsonValue.ValueType.NULL) {
            e.add("educationSpecification", "must be an id or an education specification");
            return null;
        }
        if (object == null) return null;
        JsonValue level = object.get("levelOfQualification");
        if (level instanceof JsonString s && !s.getString().isBlank()) return s.getString().trim();
        if (level != null && level.getValueType() != JsonValue.ValueType.NULL && !(level instanceof JsonString)) {
            e.add("educationSpecification.levelOfQualification", "must be a string");
        }
        return null;
    }

    private static List<String> learningOutcomes(JsonObject course, Errors e) {
        JsonValue value = course.get("learningOutcomes");
        List<String> outcomes = new ArrayList<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return outcomes;
        if (!(value instanceof JsonArray array)) {
            e.add("learningOutcomes", "must be an array of arrays of language-typed strings");
            return outcomes;
        }
        if (array.size() > LIST_MAX) {
            e.add("learningOutcomes", "must have at most " + LIST_MAX + " entries");
            return outcomes;
        }
        for (int i = 0; i < array.size(); i++) {
            String path = "learningOutcomes[" + i + "]";
            JsonValue outcome = array.get(i);
            if (outcome instanceof JsonArray texts) {
                LocalizedText t = e.textsOf(texts, path);
                String text = t == null ? null : firstPresent(t);
                if (text != null) outcomes.add(text);
            } else if (outcome instanceof JsonObject single) {
                String text = e.string(single, "value", path + ".value", TEXT_MAX);
                if (text != null && !text.isBlank()) outcomes.add(text);
            } else {
                e.add(path, "must be an array of language-typed strings");
            }
        }
        return outcomes;
    }

    /** The outcome in the language it was given in: Dutch or English as the provider wrote it, else the first text. */
    private static String firstPresent(LocalizedText t) {
        if (t.nl() != null && !t.nl().isBlank()) return t.nl();
        if (t.en() != null && !t.en().isBlank()) return t.en();
        return null;
    }

    // ---- the content, canonical ----------------------------------------------------------------

    /**
     * The content as the registry stores it (trimmed, blanks as absent, EC with one decimal...), so that a comparison
     * sees only real changes. Only for content that passed the rules (enumerated values must be known).
     */
    public static ProgrammeDraft normalized(ProgrammeDraft d) {
        ProgrammeVersion v = new ProgrammeVersion(null, 1);
        v.apply(d);
        return v.draft();
    }

    /** The canonical JSON of a content (fixed member order), the form that is stored and compared. */
    public static String canonical(ProgrammeDraft d) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        add(b, "courseCode", d.courseCode());
        add(b, "titleNl", d.title() == null ? null : d.title().nl());
        add(b, "titleEn", d.title() == null ? null : d.title().en());
        add(b, "descriptionNl", d.description() == null ? null : d.description().nl());
        add(b, "descriptionEn", d.description() == null ? null : d.description().en());
        b.add("learningOutcomes", strings(d.learningOutcomes()));
        if (d.ects() != null) b.add("ects", d.ects().toPlainString());
        if (d.studyHours() != null) b.add("studyHours", d.studyHours());
        add(b, "nlqfLevel", d.nlqfLevel());
        if (d.eqfLevel() != null) b.add("eqfLevel", d.eqfLevel());
        b.add("levelVerified", Boolean.TRUE.equals(d.levelVerified()));
        b.add("participation", strings(d.participation()));
        b.add("assessmentSupervised", Boolean.TRUE.equals(d.assessmentSupervised()));
        b.add("identityVerified", Boolean.TRUE.equals(d.identityVerified()));
        add(b, "assessmentType", d.assessmentType());
        if (d.qualityAssurance() != null) {
            add(b, "qaName", d.qualityAssurance().name());
            add(b, "qaUrl", d.qualityAssurance().url());
            add(b, "qaDescription", d.qualityAssurance().description());
        }
        add(b, "prerequisites", d.prerequisites());
        b.add("gradeRecorded", Boolean.TRUE.equals(d.gradeRecorded()));
        add(b, "stackableTowards", d.stackableTowards());
        b.add("languages", strings(d.languages()));
        add(b, "iscedField", d.iscedField());
        add(b, "edubadgeBadgeClassUrl", d.edubadgeBadgeClassUrl());
        if (d.microcredentialSince() != null) b.add("microcredentialSince", d.microcredentialSince().toString());
        b.add("experimental", Boolean.TRUE.equals(d.experimental()));
        return b.build().toString();
    }

    /** The content of a {@link #canonical} JSON. */
    public static ProgrammeDraft fromCanonical(String json) {
        JsonObject o;
        try (var reader = Json.createReader(new StringReader(json))) {
            o = reader.readObject();
        }
        QualityAssurance qa = o.containsKey("qaName") || o.containsKey("qaUrl") || o.containsKey("qaDescription")
                ? new QualityAssurance(o.getString("qaName", null), o.getString("qaUrl", null), o.getString("qaDescription", null)) : null;
        return new ProgrammeDraft(o.getString("courseCode", null),
                new LocalizedText(o.getString("titleNl", null), o.getString("titleEn", null)),
                new LocalizedText(o.getString("descriptionNl", null), o.getString("descriptionEn", null)),
                list(o.getJsonArray("learningOutcomes")), o.containsKey("ects") ? new BigDecimal(o.getString("ects")) : null,
                o.containsKey("studyHours") ? o.getInt("studyHours") : null, o.getString("nlqfLevel", null),
                o.containsKey("eqfLevel") ? o.getInt("eqfLevel") : null, o.getBoolean("levelVerified", false),
                list(o.getJsonArray("participation")), o.getBoolean("assessmentSupervised", false), o.getBoolean("identityVerified", false),
                o.getString("assessmentType", null), qa, o.getString("prerequisites", null), o.getBoolean("gradeRecorded", false),
                o.getString("stackableTowards", null), list(o.getJsonArray("languages")), o.getString("iscedField", null),
                o.getString("edubadgeBadgeClassUrl", null),
                o.containsKey("microcredentialSince") ? LocalDate.parse(o.getString("microcredentialSince")) : null,
                o.getBoolean("experimental", false));
    }

    /** The SHA-256 of a canonical content, hex. */
    public static String hash(String canonical) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(JsonObjectBuilder b, String name, String value) {
        if (value != null) b.add(name, value);
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        if (values != null) values.forEach(v -> { if (v != null) a.add(v); });
        return a;
    }

    private static List<String> list(JsonArray array) {
        if (array == null) return List.of();
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static boolean same(String a, String b) {
        return (a == null || a.isBlank()) ? (b == null || b.isBlank()) : a.equals(b);
    }

    /** A number small enough to compute with (as the request reader allows: precision 40, scale 20). */
    static boolean usable(BigDecimal d) {
        return d.precision() <= 40 && Math.abs(d.scale()) <= 20;
    }

    /** ISO 639-2 (terminology and bibliographic codes) to ISO 639-1, for the languages Java knows. */
    private static Map<String, String> iso639() {
        Map<String, String> map = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            try {
                @SuppressWarnings("deprecation")
                String three = new Locale(two).getISO3Language();
                if (three.length() == 3) map.putIfAbsent(three, two);
            } catch (MissingResourceException ignored) {
                // no three-letter code
            }
        }
        String[][] bibliographic = {{"dut", "nl"}, {"ger", "de"}, {"fre", "fr"}, {"chi", "zh"}, {"cze", "cs"}, {"gre", "el"},
            {"per", "fa"}, {"rum", "ro"}, {"slo", "sk"}, {"wel", "cy"}, {"arm", "hy"}, {"baq", "eu"}, {"bur", "my"},
            {"geo", "ka"}, {"ice", "is"}, {"mac", "mk"}, {"mao", "mi"}, {"may", "ms"}, {"alb", "sq"}, {"tib", "bo"}};
        for (String[] b : bibliographic) map.putIfAbsent(b[0], b[1]);
        return Map.copyOf(map);
    }

    /** The registry-only fields of {@code ext.microcredential}, type-checked. */
    private static final class Ext {
        private final JsonObject ext;
        private final Errors e;

        Ext(JsonObject ext, Errors e) {
            this.ext = ext;
            this.e = e;
        }

        boolean present(String name) {
            return ext != null && ext.containsKey(name) && ext.get(name).getValueType() != JsonValue.ValueType.NULL;
        }

        String string(String name, int max) {
            return ext == null ? null : e.string(ext, name, "ext.microcredential." + name, max);
        }

        JsonObject object(String name) {
            return ext == null ? null : e.object(ext, name, "ext.microcredential." + name);
        }

        BigDecimal number(String name) {
            return ext == null ? null : e.number(ext, name, "ext.microcredential." + name);
        }

        Integer integer(String name) {
            BigDecimal d = number(name);
            if (d == null) return null;
            try {
                return d.intValueExact();
            } catch (ArithmeticException ex) {
                e.add("ext.microcredential." + name, "must be a whole number");
                return null;
            }
        }

        Boolean bool(String name) {
            if (ext == null) return null;
            JsonValue v = ext.get(name);
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
            if (v.getValueType() == JsonValue.ValueType.TRUE) return Boolean.TRUE;
            if (v.getValueType() == JsonValue.ValueType.FALSE) return Boolean.FALSE;
            e.add("ext.microcredential." + name, "must be true or false");
            return null;
        }

        List<String> strings(String name, int maxLength) {
            if (ext == null) return null;
            JsonValue v = ext.get(name);
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
            String path = "ext.microcredential." + name;
            if (!(v instanceof JsonArray array)) {
                e.add(path, "must be an array of strings");
                return null;
            }
            if (array.size() > LIST_MAX) {
                e.add(path, "must have at most " + LIST_MAX + " entries");
                return null;
            }
            List<String> values = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof JsonString s)) {
                    e.add(path + "[" + i + "]", "must be a string");
                } else if (s.getString().length() > maxLength || s.getString().indexOf('\u0000') >= 0) {
                    e.add(path + "[" + i + "]", "is not a usable value");
                } else if (seen.add(s.getString().trim())) {
                    values.add(s.getString().trim());
                }
            }
            return values;
        }
    }

    /** Type-checked reads that record what is wrong, at most one message per field. */
    private static final class Errors {
        final List<FieldError> errors = new ArrayList<>();
        private final Set<String> fields = new HashSet<>();

        void add(String field, String message) {
            if (fields.add(field) && errors.size() < 50) errors.add(new FieldError(field, message));
        }

        boolean has(String field) {
            return fields.contains(field);
        }

        String string(JsonObject o, String name, String path, int max) {
            JsonValue v = o.get(name);
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
            if (!(v instanceof JsonString s)) {
                add(path, "must be a string");
                return null;
            }
            String text = s.getString();
            if (text.length() > max) {
                add(path, "must be at most " + max + " characters");
                return null;
            }
            if (text.indexOf('\u0000') >= 0) {
                add(path, "must not contain NUL characters");
                return null;
            }
            return text;
        }

        JsonObject object(JsonObject o, String name, String path) {
            JsonValue v = o.get(name);
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
            if (!(v instanceof JsonObject object)) {
                add(path, "must be an object");
                return null;
            }
            return object;
        }

        BigDecimal number(JsonObject o, String name, String path) {
            JsonValue v = o.get(name);
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
            if (!(v instanceof JsonNumber n)) {
                add(path, "must be a number");
                return null;
            }
            try {
                BigDecimal d = n.bigDecimalValue();
                if (!usable(d)) {
                    add(path, "is not a usable number");
                    return null;
                }
                return d;
            } catch (RuntimeException ex) {
                add(path, "is not a usable number");
                return null;
            }
        }

        /** A field of language-typed strings: Dutch and English (any other language only when neither is given). */
        LocalizedText texts(JsonObject o, String name, String path) {
            JsonValue v = o.get(name);
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
            if (!(v instanceof JsonArray array)) {
                add(path, "must be an array of language-typed strings");
                return null;
            }
            return textsOf(array, path);
        }

        LocalizedText textsOf(JsonArray array, String path) {
            if (array.size() > LIST_MAX) {
                add(path, "must have at most " + LIST_MAX + " entries");
                return null;
            }
            String nl = null;
            String en = null;
            String other = null;
            for (int i = 0; i < array.size(); i++) {
                String at = path + "[" + i + "]";
                if (!(array.get(i) instanceof JsonObject entry)) {
                    add(at, "must be a language-typed string {language, value}");
                    continue;
                }
                String language = string(entry, "language", at + ".language", 100);
                String value = string(entry, "value", at + ".value", TEXT_MAX);
                if (value == null || value.isBlank()) continue;
                String lang = language == null ? "" : language.trim().toLowerCase(Locale.ROOT);
                if ((lang.equals("nl") || lang.startsWith("nl-")) && nl == null) nl = value;
                else if ((lang.equals("en") || lang.startsWith("en-")) && en == null) en = value;
                else if (other == null) other = value;
            }
            if (nl == null && en == null && other != null) en = other;
            return new LocalizedText(nl, en);
        }

        /** The first text of a field of language-typed strings (Dutch or English first). */
        String first(JsonObject o, String name, String path) {
            LocalizedText t = texts(o, name, path);
            return t == null ? null : firstPresent(t);
        }
    }
}
