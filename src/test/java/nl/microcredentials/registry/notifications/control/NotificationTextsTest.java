package nl.microcredentials.registry.notifications.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import nl.microcredentials.registry.notifications.control.NotificationTexts.Audience;
import nl.microcredentials.registry.notifications.control.NotificationTexts.Content;
import nl.microcredentials.registry.notifications.entity.Notification.Message;
import nl.microcredentials.registry.notifications.entity.NotificationKind;
import org.junit.jupiter.api.Test;

class NotificationTextsTest {

    static Properties bundle(String lang) throws Exception {
        Properties p = new Properties();
        try (InputStream in = NotificationTextsTest.class.getResourceAsStream("/i18n/notifications_" + lang + ".properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void dutchAndEnglishHaveTheSameTextsAndEveryKindIsWritten() throws Exception {
        Properties nl = bundle("nl");
        Properties en = bundle("en");
        assertThat(nl.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        for (NotificationKind kind : NotificationKind.values()) {
            assertThat(en.stringPropertyNames()).contains(kind + ".subject", kind + ".intro", kind + ".action");
        }
        // the same placeholders in both languages, so no value goes missing in one of them
        for (String key : en.stringPropertyNames()) {
            assertThat(placeholders(nl.getProperty(key))).as(key).isEqualTo(placeholders(en.getProperty(key)));
        }
    }

    private static java.util.Set<String> placeholders(String s) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        var m = java.util.regex.Pattern.compile("\\{([A-Za-z]+)}").matcher(s);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    static Content received(String board) {
        return new Content(NotificationKind.REQUEST_RECEIVED, NotificationTexts.params("reference", "TUD-2026-00042", "board", board, "due", "2027-01-18"),
                NotificationTexts.facts("reference", "TUD-2026-00042", "course", "CSE1000 Algorithms (5 EC)", "due", "2027-01-18"),
                List.of(), "/admin/exemptions/view.xhtml?id=abc");
    }

    @Test
    void rendersTextAndHtmlInTheRecipientsLanguageWithTheLinkToThePage() {
        Message en = NotificationTexts.render(received("Board of Examiners EEMCS"), "en", Audience.account("board-member"), "https://registry.example.nl/");
        assertThat(en.language()).isEqualTo("en");
        assertThat(en.subject()).isEqualTo("New exemption request TUD-2026-00042 for Board of Examiners EEMCS");
        assertThat(en.link()).isEqualTo("https://registry.example.nl/admin/exemptions/view.xhtml?id=abc");
        assertThat(en.text()).contains("Decision due: 2027-01-18", "Open the request: https://registry.example.nl/admin/exemptions/view.xhtml?id=abc",
                "https://registry.example.nl/admin/notifications/preferences.xhtml", "a member of a Board of Examiners");
        assertThat(en.html()).contains("<html lang=\"en\">", "href=\"https://registry.example.nl/admin/exemptions/view.xhtml?id=abc\"");

        Message nl = NotificationTexts.render(received("Examencommissie EWI"), "nl", Audience.account("board-member"), "https://registry.example.nl");
        assertThat(nl.subject()).isEqualTo("Nieuw vrijstellingsverzoek TUD-2026-00042 voor Examencommissie EWI");
        assertThat(nl.text()).contains("Beslissen uiterlijk: 2027-01-18", "Open het verzoek: https://registry.example.nl/admin/exemptions/view.xhtml?id=abc");
        assertThat(nl.html()).contains("<html lang=\"nl\">");
    }

    @Test
    void aBoardsMailboxGetsBothLanguagesDutchFirst() {
        Message both = NotificationTexts.render(received("BoE"), NotificationTexts.BOTH, Audience.mailbox("BoE"), "https://r.example.nl");
        assertThat(both.language()).isEqualTo("nl-en");
        assertThat(both.subject()).isEqualTo("Nieuw vrijstellingsverzoek TUD-2026-00042 voor BoE | New exemption request TUD-2026-00042 for BoE");
        assertThat(both.text().indexOf("Beslissen uiterlijk")).isLessThan(both.text().indexOf("Decision due"));
        assertThat(both.text()).contains("mailbox of BoE").doesNotContain("preferences.xhtml");
        assertThat(both.html()).contains("<div lang=\"en\">");
    }

    /** Generated values with markup, quotes and line breaks: never markup in the HTML part, never a line break in the subject. */
    @Test
    void generatedValuesAreEscapedAndNeverBreakTheSubject() {
        Random random = new Random(42);
        String alphabet = "<>&\"'\r\n\t\u2028 aZ09{}/=:;é€";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String v = value.toString();
            Content c = new Content(NotificationKind.AGREEMENT_TERMINATED, Map.of("title", v, "by", v, "effectiveOn", "2027-01-01"),
                    NotificationTexts.facts("agreement", v, "reason", v), List.of(NotificationTexts.Row.literal(v, "/admin/x?id=" + v)),
                    "/admin/agreements/view.xhtml?id=1");
            for (String lang : List.of("nl", "en", NotificationTexts.BOTH)) {
                Message m = NotificationTexts.render(c, lang, lang.equals(NotificationTexts.BOTH) ? Audience.mailbox(v) : Audience.account("coordinator"),
                        "https://r.example.nl");
                assertThat(m.subject()).doesNotContain("\r", "\n", "\u2028");
                String body = m.html().substring(m.html().indexOf("<body"));
                // the only tags are the template's own
                assertThat(body.replaceAll("</?(body|p|br|hr|table|tr|th|td|ul|li|a|div)( [^<>]*)?>", "").replaceAll("</html>", ""))
                        .as("value %s", v).doesNotContain("<", ">");
                if (!v.isEmpty() && v.contains("<")) assertThat(m.html()).contains("&lt;");
            }
        }
    }

    @Test
    void aMissingValueStaysVisibleInsteadOfVanishing() {
        assertThat(NotificationTexts.fill("Request {reference} for {board}", Map.of("reference", "X-1"))).isEqualTo("Request X-1 for {board}");
        assertThat(NotificationTexts.fill("{a}$1\\", Map.of("a", "$2\\"))).isEqualTo("$2\\$1\\");
    }
}
