package nl.microcredentials.registry.exemptions.control;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * What the ELMO writer and reader share: the EMREX/ELMO v2 namespace (v2.0.0 still uses the v1 one), the media type, the
 * limits a document must keep to, and the text and date forms XML 1.0 and XML Schema accept.
 */
public final class ElmoXml {

    /** The target namespace of ELMO v2.0.0 (unchanged since v1). */
    public static final String NS = "https://github.com/emrex-eu/elmo-schemas/tree/v1";
    public static final String MEDIA_TYPE = "application/xml";
    /** The largest ELMO document read (bytes): the same as any API body. */
    public static final int MAX_BYTES = 1_048_576;
    /** The deepest element nesting read: a real ELMO (report, LOS, hasPart of modules of courses) stays far below. */
    public static final int MAX_DEPTH = 48;
    /** The most elements read. */
    public static final int MAX_ELEMENTS = 20_000;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private ElmoXml() { }

    /**
     * The text as XML 1.0 can carry it: characters outside the XML {@code Char} production (most C0 controls, U+FFFE,
     * U+FFFF, lone surrogates) become U+FFFD, so the document stays well-formed whatever was recorded.
     */
    public static String text(String s) {
        if (s == null) return "";
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!ok && out == null) out = new StringBuilder(s.length()).append(s, 0, i);
            if (out != null) {
                if (ok) out.appendCodePoint(cp);
                else out.append('\uFFFD');
            }
            i += n;
        }
        return out == null ? s : out.toString();
    }

    /** An {@code xs:date}: always four or more digits of year, never a sign for years up to 9999. */
    public static String date(LocalDate d) {
        return String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    /** An {@code xs:dateTime} with its offset, whole seconds. */
    public static String dateTime(OffsetDateTime t) {
        return DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
