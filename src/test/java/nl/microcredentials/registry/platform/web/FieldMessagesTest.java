package nl.microcredentials.registry.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Field errors of the API as sentences of the pages, in English and Dutch, with labels instead of API names. */
class FieldMessagesTest {

    private static FieldMessages in(String bundle, Locale locale) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = FieldMessagesTest.class.getResourceAsStream("/i18n/" + bundle + ".properties")) {
            texts.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return new FieldMessages(texts::getProperty, locale);
    }

    @Test
    void aMessageBecomesASentenceWithTheFieldsLabel() throws IOException {
        FieldMessages en = in("messages_en", Locale.ENGLISH);
        assertThat(en.sentence("studyHours", "must be between 84 and 840 hours")).isEqualTo("Study hours must be between 84 and 840 hours.");
        assertThat(en.sentence("title.en", "must be at most 300 characters")).isEqualTo("Title (English) must be at most 300 characters.");
        assertThat(en.sentence("targetCourse.code", "is required")).isEqualTo("Course code is required.");
        assertThat(en.sentence("parties[2]", "'x' is not a member institution")).isEqualTo("Parties: 'x' is not a member institution.");
        assertThat(en.sentence("somethingNew", "must be fine")).isEqualTo("Something new must be fine.");
    }

    @Test
    void apiNamesInAMessageReadAsLabels() throws IOException {
        FieldMessages en = in("messages_en", Locale.ENGLISH);
        String sentence = en.sentence("ects", "below 3 EC only for WO institutions in the experiment (2025-05-01 - 2027-04-30) "
                + "with experimental: true and a microcredentialSince inside it");
        assertThat(sentence).startsWith("EC: Below 3 EC only for WO institutions in the experiment (1 May 2025 - 30 Apr 2027)")
                .contains("\u201cWO experiment (1-3 EC)\u201d switched on", "\u201cMicro-credential since\u201d")
                .doesNotContain("experimental:", "microcredentialSince");
        assertThat(en.sentence("validUntil", "must be after validFrom")).isEqualTo("Valid until must be after \u201cValid from\u201d.");
    }

    @Test
    void theFacadesEnglishMessagesAreDutchOnDutchPages() throws IOException {
        FieldMessages nl = in("messages_nl", Locale.forLanguageTag("nl"));
        assertThat(nl.sentence("validUntil", "must be after validFrom")).isEqualTo("Geldig tot en met moet na \u2018Geldig vanaf\u2019 liggen.");
        assertThat(nl.sentence("learner.name", "is required")).isEqualTo("Naam student is verplicht.");
        assertThat(nl.sentence("outcome", "is required: GRANTED, PARTIALLY_GRANTED or REJECTED")).isEqualTo("Uitkomst is verplicht.");
        assertThat(nl.sentence("filedOn", "must lie between the decision date 2026-03-02 and today"))
                .isEqualTo("Ingesteld op moet tussen de besluitdatum, 2 mrt. 2026, en vandaag liggen.");
        // a rule's message that is Dutch already keeps its words; its API names become labels
        assertThat(nl.sentence("microcredentialSince", "het experiment loopt van 2025-05-01 tot en met 2027-04-30: microcredentialSince moet daarbinnen liggen"))
                .isEqualTo("Microcredential sinds: Het experiment loopt van 1 mei 2025 tot en met 30 apr. 2027: \u2018Microcredential sinds\u2019 moet daarbinnen liggen.");
    }
}
