package nl.microcredentials.registry.platform.web;

/**
 * JSON that is written into an HTML page: inside a script block (a p:chart configuration) or an attribute. The JSON
 * keeps its value, but the characters less-than, greater-than and ampersand are written as the JSON escapes
 * backslash-u003c, -u003e and -u0026, so that a string such as "&lt;/script&gt;&lt;script&gt;..." cannot close the
 * script block or open a comment or CDATA section; U+2028 and U+2029 (line terminators in older JavaScript) are escaped
 * too. These characters occur in JSON text only inside strings, where the escapes stand for the same characters.
 */
public final class ScriptJson {

    private ScriptJson() { }

    /** The JSON text (as {@code toString()} of a JSON-P value writes it), safe to write into a script block or attribute. */
    public static String of(Object json) {
        return escape(json == null ? "null" : json.toString());
    }

    /** Escapes a JSON text as described above; valid JSON stays valid and means the same. */
    public static String escape(String json) {
        if (json == null) return null;
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            String replacement = switch (c) {
                case '<' -> "\\u003c";
                case '>' -> "\\u003e";
                case '&' -> "\\u0026";
                case '\u2028' -> "\\u2028";
                case '\u2029' -> "\\u2029";
                default -> null;
            };
            if (replacement != null && out == null) out = new StringBuilder(json.length() + 16).append(json, 0, i);
            if (out != null) {
                if (replacement != null) out.append(replacement);
                else out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }
}
