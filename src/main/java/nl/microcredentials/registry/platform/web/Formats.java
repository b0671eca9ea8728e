package nl.microcredentials.registry.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Values as people read them on the pages ({@code #{fmt...}}): dates and times in the page's language and the
 * Netherlands' time zone ("4 Dec 2026 14:26", "4 dec. 2026 14:26"), enum constants as their labels, language codes as
 * language names. The API keeps ISO 8601 and its constants.
 */
@Named("fmt")
@RequestScoped
public class Formats {

    /** The registry's time zone: the pilot runs in the Netherlands. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private static final String DATE = "d MMM yyyy";
    private static final String DATE_TIME = "d MMM yyyy HH:mm";
    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");

    /** "4 Dec 2026" / "4 dec. 2026". */
    public static String date(LocalDate date, Locale locale) {
        return date == null ? "-" : DateTimeFormatter.ofPattern(DATE, locale).format(date);
    }

    /** "4 Dec 2026 14:26" in the Netherlands' time zone. */
    public static String dateTime(Instant at, Locale locale) {
        return at == null ? "-" : DateTimeFormatter.ofPattern(DATE_TIME, locale).withZone(ZONE).format(at);
    }

    /**
     * The language of the page: the session's choice ({@link LocaleBacking}), also in a page's view action, before the
     * view that sets it is built; English outside a page.
     */
    public static Locale locale() {
        FacesContext context = FacesContext.getCurrentInstance();
        if (context == null) return Locale.ENGLISH;
        try {
            return jakarta.enterprise.inject.spi.CDI.current().select(LocaleBacking.class).get().getLocale();
        } catch (RuntimeException noSession) {
            return context.getViewRoot() == null || context.getViewRoot().getLocale() == null ? Locale.ENGLISH : context.getViewRoot().getLocale();
        }
    }

    /** A date (a LocalDate, an instant, an ISO text) as a date; "-" when there is none. */
    public String date(Object value) {
        if (value == null || value instanceof String s && s.isBlank()) return "-";
        Locale locale = locale();
        if (value instanceof LocalDate d) return date(d, locale);
        if (value instanceof Instant i) return date(LocalDate.ofInstant(i, ZONE), locale);
        if (value instanceof OffsetDateTime o) return date(o.atZoneSameInstant(ZONE).toLocalDate(), locale);
        if (value instanceof ZonedDateTime z) return date(z.withZoneSameInstant(ZONE).toLocalDate(), locale);
        try {
            return date(LocalDate.parse(value.toString()), locale);
        } catch (DateTimeParseException e) {
            return value.toString();
        }
    }

    /** A moment (an instant, an offset or zoned date-time, an ISO text) as date and time in the Netherlands; "-" when there is none. */
    public String dateTime(Object value) {
        if (value == null || value instanceof String s && s.isBlank()) return "-";
        Locale locale = locale();
        if (value instanceof Instant i) return dateTime(i, locale);
        if (value instanceof OffsetDateTime o) return dateTime(o.toInstant(), locale);
        if (value instanceof ZonedDateTime z) return dateTime(z.toInstant(), locale);
        if (value instanceof LocalDate d) return date(d, locale);
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_INSTANT.parse(value.toString());
            return dateTime(Instant.from(parsed), locale);
        } catch (DateTimeParseException e) {
            return value.toString();
        }
    }

    /** Free text of the registry (a history entry's detail) with its ISO dates as dates; empty for none. */
    public String text(String text) {
        return text(text, locale());
    }

    /** Free text with its ISO dates (2026-12-04) as dates of the language ("4 Dec 2026"); empty for none. */
    public static String text(String text, Locale locale) {
        if (text == null || text.isBlank()) return "";
        java.util.regex.Matcher m = ISO_DATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String date;
            try {
                date = date(LocalDate.parse(m.group(1)), locale);
            } catch (DateTimeParseException notADate) {
                date = m.group(1);
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(date));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** "1 Sep 2026 - 31 Aug 2029", or "1 Sep 2026 - open-ended". */
    public String period(Object from, Object until) {
        return date(from) + " \u2013 " + (until == null ? Messages.text("agreement.openEnded") : date(until));
    }

    /** An enum constant as its label ({@code prefix + name} in the bundle, e.g. {@code exemption.outcome.GRANTED}); "-" for none. */
    public String label(String prefix, Object value) {
        if (value == null || value.toString().isBlank()) return "-";
        String key = prefix + value;
        String text = Messages.text(key);
        return key.equals(text) ? value.toString() : text;
    }

    /** A language code (ISO 639) as the language's name in the page's language: "en" is "English" or "Engels". */
    public String language(String code) {
        if (code == null || code.isBlank()) return "-";
        String name = Locale.forLanguageTag(code.strip()).getDisplayLanguage(locale());
        return name.isBlank() || name.equalsIgnoreCase(code) ? code : FieldMessages.capitalise(name);
    }

    /** Language codes as names, joined: "English, Dutch". */
    public String languages(Collection<String> codes) {
        if (codes == null || codes.isEmpty()) return "-";
        return codes.stream().map(this::language).collect(Collectors.joining(", "));
    }

    /** A number of EC as people write it: "5", "7.5" (in Dutch "7,5"); "-" for none. */
    public String ects(Object value) {
        if (value == null) return "-";
        java.math.BigDecimal ects = value instanceof java.math.BigDecimal b ? b : new java.math.BigDecimal(value.toString());
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(locale());
        format.setMaximumFractionDigits(1);
        format.setGroupingUsed(false);
        return format.format(ects);
    }

    /** An NLQF level code as people write it: "NLQF 6", "NLQF entry level". */
    public String nlqf(String code) {
        if (code == null || code.isBlank()) return "-";
        return "NLQF " + ("ENTRY".equals(code) ? Messages.text("nlqf.ENTRY") : code);
    }
}
