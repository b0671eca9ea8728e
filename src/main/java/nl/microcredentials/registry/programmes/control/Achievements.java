package nl.microcredentials.registry.programmes.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import nl.microcredentials.registry.institutions.control.IssuerProfile;

/**
 * A published programme version as an Open Badges 3.0 {@code Achievement} ({@code achievementcredential.json},
 * {@code $defs/Achievement}): {@code achievementType MicroCredential}, the EC as {@code creditsAvailable}, the
 * learning outcomes and the assessment as the criteria, the NLQF and EQF levels as alignments, the institution as its
 * creator. OB3 has one {@code name} per achievement: the English and Dutch texts are two language versions of the same
 * achievement, each naming the other in {@code related} (OB3's way to link translations).
 */
public final class Achievements {

    /** The media type of an OB3 document (JSON-LD). */
    public static final String LD_JSON = "application/ld+json";

    static final String NLQF_URL = "https://www.nlqf.nl/nlqf-niveaus";
    static final String EQF_URL = "https://europass.europa.eu/en/description-eight-eqf-levels";

    /** One published version of a programme and its issuer. */
    public record PublishedVersion(String programmeId, int number, ProgrammeDraft content, IssuerProfile.Issuer issuer) { }

    private Achievements() { }

    /** The languages the achievement is available in: those of the title, English first. */
    public static List<String> languages(ProgrammeDraft d) {
        boolean en = d.title() != null && present(d.title().en());
        boolean nl = d.title() != null && present(d.title().nl());
        if (en && nl) return List.of("en", "nl");
        return nl ? List.of("nl") : List.of("en");
    }

    /** The achievement's URL: stable per version (a later version is another achievement), per language. */
    public static String url(String publicUrl, String programmeId, int number, String language, ProgrammeDraft d) {
        String base = publicUrl + "/api/programmes/" + programmeId + "/versions/" + number + "/achievement";
        return language.equals(languages(d).get(0)) ? base : base + "?lang=" + language;
    }

    /**
     * The achievement in {@code language} ({@code en} or {@code nl}; another language or {@code null} gives the first
     * available). {@code document} adds the JSON-LD {@code @context}.
     */
    public static JsonObject achievement(PublishedVersion v, String language, String publicUrl, boolean document) {
        ProgrammeDraft d = v.content();
        List<String> languages = languages(d);
        String lang = language != null && languages.contains(language) ? language : languages.get(0);
        boolean dutch = lang.equals("nl");
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (document) b.add("@context", IssuerProfile.contexts());
        b.add("id", url(publicUrl, v.programmeId(), v.number(), lang, d))
                .add("type", Json.createArrayBuilder().add("Achievement"))
                .add("achievementType", "MicroCredential")
                .add("name", text(d.title(), dutch, v.programmeId()))
                .add("description", description(d, dutch, v.programmeId()))
                .add("criteria", Json.createObjectBuilder().add("narrative", narrative(d, dutch)))
                .add("creator", IssuerProfile.profile(v.issuer(), publicUrl, false))
                .add("inLanguage", lang)
                .add("version", String.valueOf(v.number()));
        if (d.ects() != null) b.add("creditsAvailable", d.ects());
        if (present(d.iscedField())) b.add("fieldOfStudy", d.iscedField());
        if (present(d.courseCode())) b.add("humanCode", d.courseCode());
        JsonArrayBuilder alignment = Json.createArrayBuilder();
        if (present(d.nlqfLevel())) {
            alignment.add(level("NLQF", d.nlqfLevel(), dutch ? "NLQF-niveau " + d.nlqfLevel() : "NLQF level " + d.nlqfLevel(), NLQF_URL));
        }
        if (d.eqfLevel() != null) {
            alignment.add(level("EQF", String.valueOf(d.eqfLevel()), dutch ? "EQF-niveau " + d.eqfLevel() : "EQF level " + d.eqfLevel(), EQF_URL));
        }
        b.add("alignment", alignment);
        JsonArrayBuilder identifiers = Json.createArrayBuilder()
                .add(IssuerProfile.identifier("urn:uuid:" + v.programmeId(), "systemId"));
        if (present(d.edubadgeBadgeClassUrl())) identifiers.add(IssuerProfile.identifier(d.edubadgeBadgeClassUrl(), "ext:edubadgesBadgeClass"));
        b.add("otherIdentifier", identifiers);
        JsonArrayBuilder related = Json.createArrayBuilder();
        for (String other : languages) {
            if (other.equals(lang)) continue;
            related.add(Json.createObjectBuilder()
                    .add("id", url(publicUrl, v.programmeId(), v.number(), other, d))
                    .add("type", Json.createArrayBuilder().add("Related"))
                    .add("inLanguage", other)
                    .add("version", String.valueOf(v.number())));
        }
        JsonObjectBuilder withRelated = b;
        var relatedArray = related.build();
        if (!relatedArray.isEmpty()) withRelated.add("related", relatedArray);
        return withRelated.build();
    }

    /** The criteria as Markdown: the learning outcomes as a list, then how they are assessed. */
    static String narrative(ProgrammeDraft d, boolean dutch) {
        StringBuilder md = new StringBuilder(dutch ? "Leerresultaten:\n\n" : "Learning outcomes:\n\n");
        if (d.learningOutcomes() != null) {
            for (String outcome : d.learningOutcomes()) {
                if (present(outcome)) md.append("- ").append(outcome.trim().replace("\n", " ")).append('\n');
            }
        }
        if (present(d.assessmentType())) {
            ResourceBundle bundle = ResourceBundle.getBundle("i18n.messages", dutch ? new Locale("nl") : Locale.ENGLISH);
            String key = "assessment." + d.assessmentType();
            md.append('\n').append(dutch ? "Toetsing: " : "Assessment: ").append(bundle.containsKey(key) ? bundle.getString(key) : d.assessmentType());
            if (Boolean.TRUE.equals(d.assessmentSupervised())) md.append(dutch ? ", onder toezicht" : ", supervised");
            if (Boolean.TRUE.equals(d.identityVerified())) md.append(dutch ? ", identiteit gecontroleerd" : ", identity verified");
            md.append('.');
        }
        return md.toString().strip();
    }

    private static JsonObjectBuilder level(String framework, String code, String name, String url) {
        return Json.createObjectBuilder()
                .add("type", Json.createArrayBuilder().add("Alignment"))
                .add("targetName", name)
                .add("targetUrl", url)
                .add("targetFramework", framework)
                .add("targetCode", code)
                .add("targetType", "ext:QualificationLevel");
    }

    private static String text(LocalizedText text, boolean dutch, String fallback) {
        if (text == null) return fallback;
        String wanted = dutch ? text.nl() : text.en();
        String other = dutch ? text.en() : text.nl();
        return present(wanted) ? wanted : present(other) ? other : fallback;
    }

    private static String description(ProgrammeDraft d, boolean dutch, String fallback) {
        String description = d.description() == null ? null : text(d.description(), dutch, null);
        return present(description) ? description : text(d.title(), dutch, fallback);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
