package nl.microcredentials.registry.ooapi.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.programmes.control.NlqfLevel;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.control.QualityAssurance;

/**
 * A published programme version as an Open Education API v5 {@code course} and {@code education-specification}, and
 * a member institution as an {@code organization}: the mapping of {@code docs/ooapi.md}, in plain Java. The consumer
 * objects follow the RIO and eduXchange profiles ({@code shared/reference/ooapi}).
 */
public final class CourseMapping {

    /** The consumers whose profile the registry honours ({@code ?consumer=}). */
    public enum Consumer {
        NONE, RIO, EDUXCHANGE;

        /** The consumer named by the query parameter; an unknown or absent one is {@link #NONE} (the spec's plain answer). */
        public static Consumer of(String key) {
            if (key == null) return NONE;
            return switch (key.trim().toLowerCase(Locale.ROOT)) {
                case "rio" -> RIO;
                case "eduxchange" -> EDUXCHANGE;
                default -> NONE;
            };
        }
    }

    /** A member institution as the mapping needs it. */
    public record Member(String organizationId, String code, String name, Sector sector, String brin, String website,
                         String educationOffererCode, String schacHome) { }

    /**
     * One published version of a programme: its content, the day it became valid and, for a withdrawn programme or an
     * earlier version, the day it ceased to be (exclusive).
     */
    public record PublishedCourse(String programmeId, int version, ProgrammeDraft content, LocalDate validFrom, LocalDate validTo,
                                  Member institution) { }

    /** What a response includes besides the course itself. */
    public record Options(Consumer consumer, boolean expandEducationSpecification, boolean expandOrganization,
                          boolean expandCoordinators, boolean expandPrograms, List<PublishedCourse> timeline, String publicUrl) {
        public static Options plain(Consumer consumer, String publicUrl) {
            return new Options(consumer, false, false, false, false, List.of(), publicUrl);
        }
    }

    /** RIO's pattern for an onderwijsaanbiedercode. */
    static final String EDUCATION_OFFERER_CODE = "^[0-9]{3}A[0-9]{3}$";

    private static final Map<String, String> MODES = Map.of("ONLINE", "online", "ONSITE", "on campus", "BLENDED", "hybrid",
            "WORK_EXPERIENCE", "situated");
    private static final Map<String, String> LEVELS = Map.of("5", "associate degree", "6", "bachelor", "7", "master", "8", "doctoral");

    private CourseMapping() { }

    // ---- courses --------------------------------------------------------------------------------

    /** Whether a consumer may be served this course: RIO takes courses of institutions with an education offerer code only. */
    public static boolean servable(PublishedCourse course, Consumer consumer) {
        return consumer != Consumer.RIO || hasEducationOffererCode(course.institution());
    }

    public static JsonObject course(PublishedCourse c, Options o) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("courseId", c.programmeId());
        courseProperties(b, c, o);
        b.add("validFrom", c.validFrom().toString());
        if (c.validTo() != null) b.add("validTo", c.validTo().toString());
        b.add("educationSpecification", o.expandEducationSpecification()
                ? educationSpecification(c, new Options(o.consumer(), false, false, false, false, List.of(), o.publicUrl()))
                : Json.createValue(OoapiIds.educationSpecification(c.programmeId())));
        if (o.expandOrganization()) b.add("organization", organization(c.institution(), o.consumer()));
        else b.add("organization", c.institution().organizationId());
        if (o.expandCoordinators()) b.add("coordinators", Json.createArrayBuilder()); // the registry keeps no people of a course
        if (o.expandPrograms()) b.add("programs", Json.createArrayBuilder());         // nor programs (a micro-credential is a course)
        JsonArray consumers = courseConsumers(c, o.consumer()).build();
        if (!consumers.isEmpty()) b.add("consumers", consumers);
        if (!o.timeline().isEmpty()) {
            JsonArrayBuilder overrides = Json.createArrayBuilder();
            for (PublishedCourse earlier : o.timeline()) {
                JsonObjectBuilder properties = Json.createObjectBuilder();
                courseProperties(properties, earlier, o);
                JsonObjectBuilder override = Json.createObjectBuilder().add("validFrom", earlier.validFrom().toString());
                if (earlier.validTo() != null) override.add("validTo", earlier.validTo().toString());
                overrides.add(override.add("course", properties));
            }
            b.add("timelineOverrides", overrides);
        }
        return b.build();
    }

    private static void courseProperties(JsonObjectBuilder b, PublishedCourse c, Options o) {
        ProgrammeDraft d = c.content();
        String language = firstLanguage(d);
        b.add("primaryCode", primaryCode(c));
        b.add("name", texts(d.title() == null ? null : d.title().nl(), d.title() == null ? null : d.title().en(), language));
        b.add("abbreviation", abbreviation(c));
        b.add("description", description(d, language));
        b.add("teachingLanguage", iso639_2(language));
        if (d.ects() != null) b.add("studyLoad", studyLoad(d.ects()));
        if (d.studyHours() != null) b.add("duration", "PT" + d.studyHours() + "H");
        b.add("level", level(d.nlqfLevel()));
        JsonArrayBuilder modes = modesOfDelivery(d);
        b.add("modeOfDelivery", modes);
        if (present(d.iscedField())) b.add("fieldsOfStudy", d.iscedField());
        b.add("learningOutcomes", learningOutcomes(d, language));
        if (present(d.prerequisites())) b.add("admissionRequirements", single(d.prerequisites(), language));
        assessment(d).ifPresent(a -> b.add("assessment", a));
        if (o.publicUrl() != null) b.add("link", o.publicUrl() + "/catalogue/programme.xhtml?id=" + c.programmeId());
        b.add("ext", Json.createObjectBuilder().add("microcredential", registryFields(c)));
    }

    /**
     * The consumer entries of a course: the named consumer's, or, when none is named, every entry the registry can fill
     * (SURF's RIO validator asks {@code /courses/{id}?returnTimelineOverrides=true} without {@code consumer=rio} and still
     * requires the RIO entry; a client that knows no consumers ignores them).
     */
    private static JsonArrayBuilder courseConsumers(PublishedCourse c, Consumer consumer) {
        JsonArrayBuilder consumers = Json.createArrayBuilder();
        if ((consumer == Consumer.RIO || consumer == Consumer.NONE) && hasEducationOffererCode(c.institution())) {
            consumers.add(Json.createObjectBuilder().add("consumerKey", "rio")
                    .add("educationOffererCode", c.institution().educationOffererCode())
                    // the registry does not know whether an institution takes part in STAP: the safe default
                    .add("consentParticipationSTAP", "permission_not_granted"));
        }
        if (consumer == Consumer.EDUXCHANGE || consumer == Consumer.NONE) {
            consumers.add(Json.createObjectBuilder().add("consumerKey", "eduxchange")
                    .add("microcredential", present(c.content().stackableTowards()) ? "stackable" : "standalone"));
        }
        return consumers;
    }

    /** What OOAPI has no field for, so that a course served here imports back into the same programme. */
    static JsonObject registryFields(PublishedCourse c) {
        ProgrammeDraft d = c.content();
        JsonObjectBuilder b = Json.createObjectBuilder().add("version", c.version());
        addIfPresent(b, "courseCode", d.courseCode());
        addIfPresent(b, "nlqfLevel", d.nlqfLevel());
        if (d.eqfLevel() != null) b.add("eqfLevel", d.eqfLevel());
        b.add("levelVerified", Boolean.TRUE.equals(d.levelVerified()));
        if (d.ects() != null) b.add("ects", d.ects());
        if (d.studyHours() != null) b.add("studyHours", d.studyHours());
        addIfPresent(b, "assessmentType", d.assessmentType());
        b.add("assessmentSupervised", Boolean.TRUE.equals(d.assessmentSupervised()));
        b.add("identityVerified", Boolean.TRUE.equals(d.identityVerified()));
        QualityAssurance qa = d.qualityAssurance();
        if (qa != null) {
            JsonObjectBuilder q = Json.createObjectBuilder();
            addIfPresent(q, "name", qa.name());
            addIfPresent(q, "url", qa.url());
            addIfPresent(q, "description", qa.description());
            b.add("qualityAssurance", q);
        }
        b.add("gradeRecorded", Boolean.TRUE.equals(d.gradeRecorded()));
        addIfPresent(b, "stackableTowards", d.stackableTowards());
        addIfPresent(b, "edubadgeBadgeClassUrl", d.edubadgeBadgeClassUrl());
        if (d.microcredentialSince() != null) b.add("microcredentialSince", d.microcredentialSince().toString());
        b.add("experimental", Boolean.TRUE.equals(d.experimental()));
        JsonArrayBuilder languages = Json.createArrayBuilder();
        if (d.languages() != null) d.languages().forEach(languages::add);
        b.add("languages", languages);
        JsonArrayBuilder participation = Json.createArrayBuilder();
        if (d.participation() != null) d.participation().forEach(participation::add);
        b.add("participation", participation);
        return b.build();
    }

    // ---- education specifications -------------------------------------------------------------------

    public static JsonObject educationSpecification(PublishedCourse c, Options o) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("educationSpecificationId", OoapiIds.educationSpecification(c.programmeId()));
        educationSpecificationProperties(b, c, o);
        b.add("validFrom", c.validFrom().toString());
        if (c.validTo() != null) b.add("validTo", c.validTo().toString());
        // RIO's entry, also when no consumer is named (as for courses); eduXchange has none for education specifications
        if ((o.consumer() == Consumer.RIO || o.consumer() == Consumer.NONE) && hasEducationOffererCode(c.institution())) {
            b.add("consumers", Json.createArrayBuilder().add(Json.createObjectBuilder().add("consumerKey", "rio")));
        }
        if (!o.timeline().isEmpty()) {
            JsonArrayBuilder overrides = Json.createArrayBuilder();
            for (PublishedCourse earlier : o.timeline()) {
                JsonObjectBuilder properties = Json.createObjectBuilder();
                educationSpecificationProperties(properties, earlier, o);
                JsonObjectBuilder override = Json.createObjectBuilder().add("validFrom", earlier.validFrom().toString());
                if (earlier.validTo() != null) override.add("validTo", earlier.validTo().toString());
                overrides.add(override.add("educationSpecification", properties));
            }
            b.add("timelineOverrides", overrides);
        }
        return b.build();
    }

    private static void educationSpecificationProperties(JsonObjectBuilder b, PublishedCourse c, Options o) {
        ProgrammeDraft d = c.content();
        String language = firstLanguage(d);
        b.add("primaryCode", primaryCode(c));
        b.add("educationSpecificationType", "course");
        b.add("name", texts(d.title() == null ? null : d.title().nl(), d.title() == null ? null : d.title().en(), language));
        b.add("abbreviation", abbreviation(c));
        b.add("description", description(d, language));
        b.add("formalDocument", "certificate");
        b.add("level", level(d.nlqfLevel()));
        sector(c.institution().sector()).ifPresent(sector -> b.add("sector", sector));
        levelOfQualification(d.nlqfLevel()).ifPresent(l -> b.add("levelOfQualification", l));
        if (present(d.iscedField())) b.add("fieldsOfStudy", d.iscedField());
        if (d.ects() != null) b.add("studyLoad", studyLoad(d.ects()));
        b.add("learningOutcomes", learningOutcomes(d, language));
        if (o.publicUrl() != null) b.add("link", o.publicUrl() + "/catalogue/programme.xhtml?id=" + c.programmeId());
        b.add("organization", c.institution().organizationId());
    }

    // ---- organizations -----------------------------------------------------------------------------

    /** The pilot's consortium: the endpoint's single root organization. */
    public static JsonObject root(String name, String publicUrl) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("organizationId", OoapiIds.CONSORTIUM)
                .add("primaryCode", Json.createObjectBuilder().add("codeType", "identifier").add("code", "microcredentials-pilot"))
                .add("organizationType", "root")
                .add("name", Json.createArrayBuilder()
                        .add(text("nl-NL", "Nationale pilot microcredentials"))
                        .add(text("en-GB", name)))
                .add("shortName", "Pilot microcredentials");
        if (publicUrl != null) b.add("link", publicUrl + "/");
        return b.build();
    }

    public static JsonObject organization(Member m, Consumer consumer) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("organizationId", m.organizationId())
                .add("primaryCode", present(m.brin())
                        ? Json.createObjectBuilder().add("codeType", "brin").add("code", m.brin())
                        : Json.createObjectBuilder().add("codeType", "identifier").add("code", m.code()))
                .add("organizationType", "institute")
                .add("name", Json.createArrayBuilder().add(text("nl-NL", m.name())))
                .add("shortName", m.code());
        if (present(m.website()) && m.website().length() <= 2048) b.add("link", m.website());
        JsonArrayBuilder otherCodes = Json.createArrayBuilder();
        if (present(m.brin())) otherCodes.add(Json.createObjectBuilder().add("codeType", "identifier").add("code", m.code()));
        if (present(m.schacHome())) otherCodes.add(Json.createObjectBuilder().add("codeType", "schacHome").add("code", m.schacHome()));
        if (hasEducationOffererCode(m)) {
            otherCodes.add(Json.createObjectBuilder().add("codeType", "educationOffererCode").add("code", m.educationOffererCode()));
        }
        JsonArray codes = otherCodes.build();
        if (!codes.isEmpty()) b.add("otherCodes", codes);
        b.add("parent", OoapiIds.CONSORTIUM);
        if ((consumer == Consumer.RIO || consumer == Consumer.NONE) && hasEducationOffererCode(m)) {
            b.add("consumers", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("consumerKey", "rio").add("educationOffererCode", m.educationOffererCode())));
        }
        return b.build();
    }

    // ---- values ------------------------------------------------------------------------------------

    /** OOAPI's {@code level} of a course from its NLQF level: 5-8 are the higher-education levels, the rest is {@code undefined}. */
    public static String level(String nlqf) {
        return nlqf == null ? "undefined" : LEVELS.getOrDefault(nlqf.trim(), "undefined");
    }

    /** OOAPI's {@code levelOfQualification} (the NLQF code); entry level has none in OOAPI. */
    public static Optional<String> levelOfQualification(String nlqf) {
        return NlqfLevel.parse(nlqf == null ? null : nlqf.trim()).filter(l -> l != NlqfLevel.ENTRY).map(NlqfLevel::code);
    }

    /** ISO 639-1 ({@code nl}) to ISO 639-2/T ({@code nld}); {@code und} (undetermined) when unknown. */
    public static String iso639_2(String iso639_1) {
        if (!present(iso639_1)) return "und";
        String value = iso639_1.trim().toLowerCase(Locale.ROOT);
        if (value.length() == 3) return value;
        try {
            String three = new Locale(value).getISO3Language();
            return three.length() == 3 ? three : "und";
        } catch (java.util.MissingResourceException e) {
            return "und";
        }
    }

    /** The language tag of a language-typed string for an ISO 639-1 code: {@code nl-NL}, {@code en-GB}, or the code itself. */
    public static String languageTag(String iso639_1) {
        if (!present(iso639_1)) return "en-GB";
        return switch (iso639_1.trim().toLowerCase(Locale.ROOT)) {
            case "nl" -> "nl-NL";
            case "en" -> "en-GB";
            default -> iso639_1.trim().toLowerCase(Locale.ROOT);
        };
    }

    public static String modeOfDelivery(String participation) {
        return MODES.get(participation);
    }

    /** OOAPI's {@code sector} of the awarding institution: HBO is higher professional education, WO university education. */
    static Optional<String> sector(Sector sector) {
        if (sector == null) return Optional.empty();
        return switch (sector) {
            case HBO -> Optional.of("higher professional education");
            case WO -> Optional.of("university education");
            default -> Optional.empty();
        };
    }

    private static JsonObjectBuilder primaryCode(PublishedCourse c) {
        String courseCode = c.content().courseCode();
        return present(courseCode)
                ? Json.createObjectBuilder().add("codeType", "identifier").add("code", courseCode)
                : Json.createObjectBuilder().add("codeType", "uuid").add("code", c.programmeId());
    }

    private static String abbreviation(PublishedCourse c) {
        String courseCode = c.content().courseCode();
        return present(courseCode) ? courseCode : c.programmeId();
    }

    private static JsonArrayBuilder description(ProgrammeDraft d, String language) {
        String nl = d.description() == null ? null : d.description().nl();
        String en = d.description() == null ? null : d.description().en();
        if (!present(nl) && !present(en)) {
            nl = d.title() == null ? null : d.title().nl();
            en = d.title() == null ? null : d.title().en();
        }
        return texts(nl, en, language);
    }

    /** The Dutch and English texts present; at least one entry (the spec asks minItems 1), empty text as the last resort. */
    private static JsonArrayBuilder texts(String nl, String en, String language) {
        JsonArrayBuilder texts = Json.createArrayBuilder();
        boolean any = false;
        if (present(nl)) { texts.add(text("nl-NL", nl)); any = true; }
        if (present(en)) { texts.add(text("en-GB", en)); any = true; }
        if (!any) texts.add(text(languageTag(language), ""));
        return texts;
    }

    private static JsonArrayBuilder single(String value, String language) {
        return Json.createArrayBuilder().add(text(languageTag(language), value));
    }

    private static JsonObjectBuilder text(String language, String value) {
        return Json.createObjectBuilder().add("language", language).add("value", value);
    }

    private static JsonObjectBuilder studyLoad(BigDecimal ects) {
        return Json.createObjectBuilder().add("studyLoadUnit", "ects").add("value", ects.stripTrailingZeros());
    }

    private static JsonArrayBuilder modesOfDelivery(ProgrammeDraft d) {
        Set<String> modes = new LinkedHashSet<>();
        if (d.participation() != null) d.participation().stream().map(MODES::get).filter(Objects::nonNull).forEach(modes::add);
        JsonArrayBuilder array = Json.createArrayBuilder();
        modes.forEach(array::add);
        return array;
    }

    private static JsonArrayBuilder learningOutcomes(ProgrammeDraft d, String language) {
        JsonArrayBuilder outcomes = Json.createArrayBuilder();
        if (d.learningOutcomes() != null) {
            for (String outcome : d.learningOutcomes()) {
                if (present(outcome)) outcomes.add(Json.createArrayBuilder().add(text(languageTag(language), outcome)));
            }
        }
        return outcomes;
    }

    private static Optional<JsonArrayBuilder> assessment(ProgrammeDraft d) {
        if (!present(d.assessmentType())) return Optional.empty();
        JsonArrayBuilder texts = Json.createArrayBuilder();
        for (Locale locale : List.of(new Locale("nl"), Locale.ENGLISH)) {
            ResourceBundle bundle = ResourceBundle.getBundle("i18n.messages", locale);
            String key = "assessment." + d.assessmentType();
            String type = bundle.containsKey(key) ? bundle.getString(key) : d.assessmentType();
            StringBuilder sentence = new StringBuilder(type);
            boolean nl = locale.getLanguage().equals("nl");
            if (Boolean.TRUE.equals(d.assessmentSupervised())) sentence.append(nl ? ", onder toezicht" : ", supervised");
            if (Boolean.TRUE.equals(d.identityVerified())) sentence.append(nl ? ", identiteit gecontroleerd" : ", identity verified");
            texts.add(text(nl ? "nl-NL" : "en-GB", sentence.toString()));
        }
        return Optional.of(texts);
    }

    private static String firstLanguage(ProgrammeDraft d) {
        return d.languages() == null || d.languages().isEmpty() ? null : d.languages().get(0);
    }

    private static boolean hasEducationOffererCode(Member m) {
        return m.educationOffererCode() != null && m.educationOffererCode().matches(EDUCATION_OFFERER_CODE);
    }

    private static void addIfPresent(JsonObjectBuilder b, String name, String value) {
        if (present(value)) b.add(name, value);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
