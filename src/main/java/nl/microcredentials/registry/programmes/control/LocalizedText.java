package nl.microcredentials.registry.programmes.control;

/**
 * A text in Dutch and/or English. A programme's title and description may be given in either language or both
 * (DOMAIN.md: "title (nl and/or en)"); {@code null} or blank means absent.
 */
public record LocalizedText(String nl, String en) implements java.io.Serializable {

    /** Whether neither language has text. */
    @jakarta.json.bind.annotation.JsonbTransient
    public boolean isEmpty() {
        return isBlank(nl) && isBlank(en);
    }

    /** The English text if there is one, else the Dutch text ({@code null} or blank when both are absent). */
    public String any() {
        return isBlank(en) ? nl : en;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
