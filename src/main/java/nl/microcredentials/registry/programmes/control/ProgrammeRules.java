package nl.microcredentials.registry.programmes.control;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.FieldError;

/**
 * The rules a micro-credential programme obeys (DOMAIN.md, "A micro-credential programme"):
 * <ul>
 * <li>the pilot's workload of 3..30 EC (one decimal at most) and 84..840 study hours, with the WO experiment that
 * allows 1..3 EC only for universities (WO), only for programmes flagged {@code experimental} and only with a
 * {@code microcredentialSince} inside the experiment window; the bounds come from {@link PilotRules};</li>
 * <li>micro-credentials are never retroactive: {@code microcredentialSince} is on or after 2023-01-01;</li>
 * <li>NLQF and EQF levels are known codes and agree with each other ({@link NlqfLevel});</li>
 * <li>known forms of participation and types of assessment, ISO 639 languages, ISCED-F fields, http(s) URLs and
 * lengths that fit the registry's storage;</li>
 * <li>publishing needs the mandatory elements of EU Council Recommendation 2022/C 243/02, Annex I.</li>
 * </ul>
 * {@link #validate} checks only what is present (a draft may be incomplete); {@link #missingForPublication} lists what
 * a published programme must have. Messages come from the resource bundle {@code i18n.rules} in English or Dutch.
 */
public final class ProgrammeRules {

    /** Forms of participation (EU Annex I). */
    static final List<String> PARTICIPATION = List.of("ONLINE", "ONSITE", "BLENDED", "WORK_EXPERIENCE");
    /** Types of assessment of the Dutch quality framework and edubadges. */
    static final List<String> ASSESSMENT_TYPES = List.of("WRITTEN_EXAM", "REPORT_PAPER", "BEHAVIOURAL_ASSESSMENT",
            "PROFESSIONAL_PRODUCT", "DEVELOPMENT_REPORT", "PORTFOLIO", "ORAL_EXAM", "PERSONALISED_ASSESSMENT");

    // Lengths that fit the registry's columns (V3__programmes.sql)
    static final int TITLE_MAX = 300;
    static final int DESCRIPTION_MAX = 10_000;
    static final int LEARNING_OUTCOME_MAX = 1_000;
    static final int LEARNING_OUTCOMES_MAX = 50;
    static final int COURSE_CODE_MAX = 40;
    static final int FREE_TEXT_MAX = 2_000;
    static final int QA_NAME_MAX = 200;
    static final int URL_MAX = 500;
    /** EC are kept with one decimal (e.g. 7.5). */
    static final int ECTS_SCALE = 1;

    private static final Pattern COURSE_CODE = Pattern.compile("[A-Za-z0-9._-]{1," + COURSE_CODE_MAX + "}");
    /** ISCED-F 2013 detailed field: 2 digits broad, 1 narrow, 1 detailed. */
    private static final Pattern ISCED_FIELD = Pattern.compile("[0-9]{4}");
    private static final Pattern ISO_639_1 = Pattern.compile("[a-z]{2}");
    private static final Pattern ISO_639_2 = Pattern.compile("[a-z]{3}");
    private static final Set<String> LANGUAGES_2 = Set.of(Locale.getISOLanguages());
    private static final Set<String> LANGUAGES_3 = iso3Languages();

    private static final String BUNDLE = "i18n.rules";

    private final PilotRules pilot;

    public ProgrammeRules(PilotRules rules) {
        this.pilot = Objects.requireNonNull(rules, "rules");
    }

    /** The bounds these rules apply. */
    public PilotRules pilot() {
        return pilot;
    }

    /**
     * Whether the WO experiment applies to a programme: the institution is a university (WO), the programme is flagged
     * {@code experimental}, and its {@code microcredentialSince} lies inside the experiment window.
     */
    public boolean experimentApplies(ProgrammeDraft d, Sector sector) {
        return sector == Sector.WO && Boolean.TRUE.equals(d.experimental()) && pilot.inExperimentWindow(d.microcredentialSince());
    }

    /**
     * Every violation among the components that are present, at most one per field, in the order of the draft's
     * components. Absent components are not errors here: see {@link #missingForPublication}.
     *
     * @param sector the sector of the awarding institution (the experiment is for WO only)
     * @param locale the language of the messages; {@code null} for English
     */
    public List<FieldError> validate(ProgrammeDraft d, Sector sector, Locale locale) {
        Objects.requireNonNull(d, "draft");
        Check c = new Check(locale);
        courseCode(d, c);
        texts(d, c);
        learningOutcomes(d, c);
        ects(d, sector, c);
        studyHours(d, sector, c);
        levels(d, c);
        participation(d, c);
        c.oneOf("assessmentType", d.assessmentType(), ASSESSMENT_TYPES);
        qualityAssurance(d, c);
        c.length("prerequisites", d.prerequisites(), FREE_TEXT_MAX);
        c.length("stackableTowards", d.stackableTowards(), FREE_TEXT_MAX);
        languages(d, c);
        if (present(d.iscedField()) && !ISCED_FIELD.matcher(d.iscedField().trim()).matches()) {
            c.error("iscedField", "iscedField.format");
        }
        c.url("edubadgeBadgeClassUrl", d.edubadgeBadgeClassUrl());
        microcredentialSince(d, c);
        experimental(d, sector, c);
        return c.errors;
    }

    /**
     * The mandatory elements of EU Council Recommendation 2022/C 243/02, Annex I, that belong to a programme and that
     * the draft lacks (title, learning outcomes, workload in EC and hours, NLQF and EQF level, type of assessment,
     * form of participation, type of quality assurance), plus {@code microcredentialSince}, without which the
     * not-retroactive rule cannot be applied. The EQF level is not needed for NLQF entry level, which has none.
     *
     * @param locale the language of the messages; {@code null} for English
     */
    public List<FieldError> missingForPublication(ProgrammeDraft d, Locale locale) {
        Objects.requireNonNull(d, "draft");
        Check c = new Check(locale);
        if (d.title() == null || d.title().isEmpty()) c.required("title", "element.title");
        if (d.learningOutcomes() == null || d.learningOutcomes().stream().noneMatch(ProgrammeRules::present)) {
            c.required("learningOutcomes", "element.learningOutcomes");
        }
        if (d.ects() == null) c.required("ects", "element.ects");
        if (d.studyHours() == null) c.required("studyHours", "element.studyHours");
        if (!present(d.nlqfLevel())) c.required("nlqfLevel", "element.nlqfLevel");
        boolean entry = present(d.nlqfLevel()) && NlqfLevel.parse(d.nlqfLevel().trim()).filter(NlqfLevel.ENTRY::equals).isPresent();
        if (d.eqfLevel() == null && !entry) c.required("eqfLevel", "element.eqfLevel");
        if (!present(d.assessmentType())) c.required("assessmentType", "element.assessmentType");
        if (d.participation() == null || d.participation().stream().noneMatch(ProgrammeRules::present)) {
            c.required("participation", "element.participation");
        }
        if (d.qualityAssurance() == null || !present(d.qualityAssurance().name())) {
            c.required("qualityAssurance.name", "element.qualityAssurance");
        }
        if (d.microcredentialSince() == null) c.error("microcredentialSince", "required.notRetroactive");
        return c.errors;
    }

    // ---- the rules, component by component ------------------------------------------------------

    private void courseCode(ProgrammeDraft d, Check c) {
        if (present(d.courseCode()) && !COURSE_CODE.matcher(d.courseCode().trim()).matches()) {
            c.error("courseCode", "courseCode.format", COURSE_CODE_MAX);
        }
    }

    private void texts(ProgrammeDraft d, Check c) {
        LocalizedText title = d.title();
        if (title != null) {
            if (title.isEmpty()) {
                c.error("title", "title.empty");
            } else {
                c.length("title.nl", title.nl(), TITLE_MAX);
                c.length("title.en", title.en(), TITLE_MAX);
            }
        }
        LocalizedText description = d.description();
        if (description != null) {
            c.length("description.nl", description.nl(), DESCRIPTION_MAX);
            c.length("description.en", description.en(), DESCRIPTION_MAX);
        }
    }

    private void learningOutcomes(ProgrammeDraft d, Check c) {
        List<String> outcomes = d.learningOutcomes();
        if (outcomes == null) return;
        if (outcomes.size() > LEARNING_OUTCOMES_MAX) c.error("learningOutcomes", "list.tooMany", LEARNING_OUTCOMES_MAX);
        for (int i = 0; i < outcomes.size(); i++) {
            String field = "learningOutcomes[" + i + "]";
            if (!present(outcomes.get(i))) c.error(field, "text.blank");
            else c.length(field, outcomes.get(i), LEARNING_OUTCOME_MAX);
        }
    }

    private void ects(ProgrammeDraft d, Sector sector, Check c) {
        BigDecimal ects = d.ects();
        if (ects == null) return;
        if (ects.stripTrailingZeros().scale() > ECTS_SCALE) {
            c.error("ects", "ects.scale");
        } else if (ects.compareTo(pilot.maxEcts()) > 0 || ects.compareTo(pilot.experimentMinEcts()) < 0) {
            c.error("ects", "ects.range", pilot.minEcts(), pilot.maxEcts(), pilot.experimentMinEcts());
        } else if (ects.compareTo(pilot.minEcts()) < 0 && !experimentApplies(d, sector)) {
            c.error("ects", "ects.experiment", pilot.minEcts(), pilot.experimentFrom(), pilot.experimentUntil());
        }
    }

    private void studyHours(ProgrammeDraft d, Sector sector, Check c) {
        Integer hours = d.studyHours();
        if (hours == null) return;
        int min = pilot.minHours(experimentApplies(d, sector));
        if (hours < min || hours > pilot.maxHours()) c.error("studyHours", "studyHours.range", min, pilot.maxHours());
    }

    private void levels(ProgrammeDraft d, Check c) {
        NlqfLevel nlqf = null;
        if (present(d.nlqfLevel())) {
            nlqf = NlqfLevel.parse(d.nlqfLevel().trim()).orElse(null);
            if (nlqf == null) c.error("nlqfLevel", "nlqfLevel.unknown", String.join(", ", NlqfLevel.codes()));
        }
        Integer eqf = d.eqfLevel();
        if (eqf == null) return;
        if (eqf < NlqfLevel.EQF_MIN || eqf > NlqfLevel.EQF_MAX) {
            c.error("eqfLevel", "eqfLevel.range", NlqfLevel.EQF_MIN, NlqfLevel.EQF_MAX);
        } else if (nlqf == NlqfLevel.ENTRY) {
            c.error("eqfLevel", "eqfLevel.entry");
        } else if (nlqf != null && !nlqf.eqf().equals(eqf)) {
            c.error("eqfLevel", "eqfLevel.mismatch", nlqf.eqf(), nlqf.code());
        }
    }

    private void participation(ProgrammeDraft d, Check c) {
        List<String> forms = d.participation();
        if (forms == null) return;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < forms.size(); i++) {
            String field = "participation[" + i + "]";
            String form = forms.get(i);
            if (form == null || !PARTICIPATION.contains(form)) c.error(field, "value.oneOf", String.join(", ", PARTICIPATION));
            else if (!seen.add(form)) c.error(field, "value.duplicate");
        }
    }

    private void qualityAssurance(ProgrammeDraft d, Check c) {
        QualityAssurance qa = d.qualityAssurance();
        if (qa == null) return;
        c.length("qualityAssurance.name", qa.name(), QA_NAME_MAX);
        c.url("qualityAssurance.url", qa.url());
        c.length("qualityAssurance.description", qa.description(), FREE_TEXT_MAX);
    }

    private void languages(ProgrammeDraft d, Check c) {
        List<String> languages = d.languages();
        if (languages == null) return;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < languages.size(); i++) {
            String field = "languages[" + i + "]";
            String language = languages.get(i);
            if (!isIso639(language)) c.error(field, "language.iso639");
            else if (!seen.add(language)) c.error(field, "value.duplicate");
        }
    }

    private void microcredentialSince(ProgrammeDraft d, Check c) {
        LocalDate since = d.microcredentialSince();
        if (since != null && since.isBefore(pilot.notBefore())) {
            c.error("microcredentialSince", "microcredentialSince.notBefore", pilot.notBefore(), pilot.notBefore().getYear());
        }
    }

    private void experimental(ProgrammeDraft d, Sector sector, Check c) {
        if (!Boolean.TRUE.equals(d.experimental())) return;
        if (sector != null && sector != Sector.WO) {
            c.error("experimental", "experimental.sector");
        } else if (d.microcredentialSince() != null && !pilot.inExperimentWindow(d.microcredentialSince())) {
            c.error("experimental", "experimental.window", pilot.experimentFrom(), pilot.experimentUntil());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** ISO 639-1 (2 letters, as Java knows them) or ISO 639-2 (3 letters, the ISO3 language of a known locale), lower case. */
    static boolean isIso639(String code) {
        if (code == null) return false;
        if (ISO_639_1.matcher(code).matches()) return LANGUAGES_2.contains(code);
        return ISO_639_2.matcher(code).matches() && LANGUAGES_3.contains(code);
    }

    private static Set<String> iso3Languages() {
        return Stream.concat(Arrays.stream(Locale.getISOLanguages()),
                        Arrays.stream(Locale.getAvailableLocales()).map(Locale::getLanguage))
                .filter(language -> !language.isEmpty())
                .map(ProgrammeRules::iso3)
                .filter(ISO_639_2.asMatchPredicate())
                .collect(Collectors.toUnmodifiableSet());
    }

    @SuppressWarnings("deprecation") // Locale.of is Java 19+
    private static String iso3(String language) {
        try {
            return new Locale(language).getISO3Language();
        } catch (MissingResourceException e) {
            return "";
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** Collects the errors of one check, with messages in one language. */
    private static final class Check {

        final List<FieldError> errors = new ArrayList<>();
        private final Set<String> fields = new HashSet<>();
        private final ResourceBundle bundle;
        private final Locale locale;

        Check(Locale locale) {
            this.locale = locale == null ? Locale.ENGLISH : locale;
            // no fallback to the JVM's default locale: an unknown language gets the English base bundle
            this.bundle = ResourceBundle.getBundle(BUNDLE, this.locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        }

        /** Records an error, unless the field already has one. Arguments are shown as plain text (3, 30, 2025-05-01). */
        void error(String field, String key, Object... arguments) {
            if (!fields.add(field)) return;
            Object[] shown = Arrays.stream(arguments).map(Check::plain).toArray();
            errors.add(new FieldError(field, new MessageFormat(bundle.getString(key), locale).format(shown)));
        }

        void required(String field, String elementKey) {
            error(field, "required.annex", bundle.getString(elementKey));
        }

        void length(String field, String value, int max) {
            if (value != null && value.codePointCount(0, value.length()) > max) error(field, "text.tooLong", max);
        }

        void oneOf(String field, String value, List<String> allowed) {
            if (present(value) && !allowed.contains(value)) error(field, "value.oneOf", String.join(", ", allowed));
        }

        void url(String field, String value) {
            if (present(value) && !isHttpUrl(value.trim())) error(field, "url.invalid", URL_MAX);
        }

        private static boolean isHttpUrl(String value) {
            if (value.length() > URL_MAX) return false;
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                return uri.isAbsolute() && uri.getHost() != null
                        && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
            } catch (URISyntaxException e) {
                return false;
            }
        }

        private static Object plain(Object argument) {
            if (argument instanceof BigDecimal number) return number.stripTrailingZeros().toPlainString();
            return String.valueOf(argument);
        }
    }
}
