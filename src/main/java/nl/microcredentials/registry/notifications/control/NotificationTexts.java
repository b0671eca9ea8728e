package nl.microcredentials.registry.notifications.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.microcredentials.registry.notifications.entity.Notification.Message;
import nl.microcredentials.registry.notifications.entity.NotificationKind;

/**
 * Renders a notification as plain text and HTML in Dutch or English (a board's mailbox gets both, Dutch first) from the
 * texts in {@code i18n/notifications_*.properties}. Every value is escaped in the HTML part; links are the registry's
 * own pages only. What goes in is decided by the callers, which never pass learner data (names, e-mail addresses,
 * student numbers, motivations): a mail may be read outside the receiving institution.
 */
public final class NotificationTexts {

    public static final List<String> LANGUAGES = List.of("nl", "en");
    public static final String BOTH = "nl-en";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private NotificationTexts() { }

    /**
     * What a message says, independent of the language.
     *
     * @param params the values of the texts' placeholders
     * @param facts  label key (see {@code label.*}) and value, shown as a list
     * @param rows   further lines (the requests of a digest, the findings of a check), each with an optional path
     * @param path   the page where the thing is handled, relative to the registry's address ("/admin/...")
     */
    public record Content(NotificationKind kind, Map<String, String> params, List<Fact> facts, List<Row> rows, String path) {
        public Content {
            params = Map.copyOf(params);
            facts = List.copyOf(facts);
            rows = List.copyOf(rows);
        }
    }

    public record Fact(String label, String value) { }

    /** A line of a list; {@code text} is either literal or, with {@code params}, a text key with its values. */
    public record Row(String key, Map<String, String> params, String literal, String path) {
        public static Row literal(String text, String path) { return new Row(null, Map.of(), text, path); }
        public static Row of(String key, Map<String, String> params, String path) { return new Row(key, params, null, path); }
    }

    /** Whom it is addressed to: an account's role (and its preferences page) or a board's mailbox. */
    public record Audience(String role, String boardName) {
        public static Audience account(String role) { return new Audience(role, null); }
        public static Audience mailbox(String boardName) { return new Audience(null, boardName); }
    }

    /** In one language ("nl" or "en"), or in both ({@link #BOTH}). */
    public static Message render(Content content, String language, Audience audience, String baseUrl) {
        return render(lang -> content, language, audience, baseUrl);
    }

    /** The same, for content that differs per language (a programme's Dutch and English title, an outcome's name). */
    public static Message render(java.util.function.Function<String, Content> contentIn, String language, Audience audience, String baseUrl) {
        String base = baseUrl == null ? "" : baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        Content first = contentIn.apply(BOTH.equals(language) || !LANGUAGES.contains(language) ? "nl" : language);
        String link = first.path() == null ? null : base + first.path();
        if (BOTH.equals(language)) {
            Part nl = part(first, "nl", audience, base, link);
            Part en = part(contentIn.apply("en"), "en", audience, base, link);
            return new Message(BOTH, nl.subject() + " | " + en.subject(),
                    nl.text() + "\n\n----- English -----\n\n" + en.text(),
                    html(nl.html() + "<hr>\n<div lang=\"en\">" + en.html() + "</div>", "nl"), link);
        }
        String lang = LANGUAGES.contains(language) ? language : "nl";
        Part p = part(first, lang, audience, base, link);
        return new Message(lang, p.subject(), p.text(), html(p.html(), lang), link);
    }

    private record Part(String subject, String text, String html) { }

    private static Part part(Content c, String lang, Audience audience, String base, String link) {
        ResourceBundle b = bundle(lang);
        String k = c.kind().name();
        String subject = oneLine(fill(b.getString(k + ".subject"), c.params()));
        String intro = fill(b.getString(k + ".intro"), c.params());
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        text.append(b.getString("greeting")).append("\n\n").append(intro).append("\n");
        html.append("<p>").append(escape(b.getString("greeting"))).append("</p>\n<p>").append(escape(intro)).append("</p>\n");
        if (!c.facts().isEmpty()) {
            text.append('\n');
            html.append("<table role=\"presentation\" style=\"border-collapse:collapse\">\n");
            for (Fact f : c.facts()) {
                String label = b.getString("label." + f.label());
                text.append(label).append(": ").append(oneLine(f.value())).append('\n');
                html.append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;font-weight:600\">").append(escape(label))
                        .append("</th><td style=\"padding:2px 0\">").append(escape(f.value())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        if (!c.rows().isEmpty()) {
            text.append('\n');
            html.append("<ul>\n");
            for (Row r : c.rows()) {
                String line = r.literal() != null ? r.literal() : fill(b.getString(r.key()), r.params());
                String href = r.path() == null ? null : r.path().startsWith("http") ? r.path() : base + r.path();
                text.append("- ").append(oneLine(line)).append(href == null ? "" : "\n  " + href).append('\n');
                html.append("<li>").append(href == null ? escape(line) : "<a href=\"" + escape(href) + "\">" + escape(line) + "</a>").append("</li>\n");
            }
            html.append("</ul>\n");
        }
        if (link != null) {
            String action = b.getString(k + ".action");
            text.append('\n').append(action).append(": ").append(link).append('\n');
            html.append("<p><a href=\"").append(escape(link)).append("\" style=\"display:inline-block;padding:8px 16px;background:#1f4e79;color:#ffffff;"
                    + "text-decoration:none;border-radius:4px\">").append(escape(action)).append("</a></p>\n");
        }
        String footer = audience.role() != null
                ? fill(b.getString("footer.account"), Map.of("role", b.getString("role." + audience.role()),
                        "preferences", base + "/admin/notifications/preferences.xhtml"))
                : fill(b.getString("footer.mailbox"), Map.of("board", audience.boardName() == null ? "" : audience.boardName()));
        text.append("\n-- \n").append(footer).append('\n').append(b.getString("footer.auto")).append('\n');
        String preferences = base + "/admin/notifications/preferences.xhtml";
        String footerHtml = audience.role() != null
                ? escape(footer).replace(escape(preferences), "<a href=\"" + escape(preferences) + "\">" + escape(preferences) + "</a>") : escape(footer);
        html.append("<p style=\"color:#555555;font-size:90%\">").append(footerHtml).append("<br>").append(escape(b.getString("footer.auto")))
                .append("</p>\n");
        return new Part(subject, text.toString(), html.toString());
    }

    private static final java.time.format.DateTimeFormatter DUTCH = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("nl"));
    private static final java.time.format.DateTimeFormatter ENGLISH = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /** A date as people write it: "18 januari 2027", "18 January 2027". */
    public static String date(String language, java.time.LocalDate date) {
        return date == null ? "" : date.format("en".equals(language) ? ENGLISH : DUTCH);
    }

    /** One text of the bundle (an outcome's name, a state) in a language. */
    public static String word(String language, String key) {
        return bundle(language).getString(key);
    }

    private static ResourceBundle bundle(String lang) {
        return ResourceBundle.getBundle("i18n.notifications", Locale.forLanguageTag(LANGUAGES.contains(lang) ? lang : "nl"),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static String html(String body, String lang) {
        return "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"UTF-8\"></head>\n<body style=\"font-family:Arial,sans-serif;"
                + "font-size:15px;color:#1a1a1a\">\n" + body + "</body></html>\n";
    }

    /** Replaces each {name} by its value; an unknown name stays visible, so a missing value is seen in tests. */
    static String fill(String template, Map<String, String> params) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = params.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        return m.appendTail(out).toString();
    }

    /** Subjects and text lines never break: a value with a line break (a header injection) is joined into one line. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n\\t\\u2028\\u2029]+", " ").strip();
    }

    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** Keeps the order of insertion: facts as the texts show them. */
    public static Map<String, String> params(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) map.put(keysAndValues[i], keysAndValues[i + 1] == null ? "" : keysAndValues[i + 1]);
        return map;
    }

    public static List<Fact> facts(String... labelsAndValues) {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i + 1 < labelsAndValues.length; i += 2) {
            if (labelsAndValues[i + 1] != null) facts.add(new Fact(labelsAndValues[i], labelsAndValues[i + 1]));
        }
        return facts;
    }
}
