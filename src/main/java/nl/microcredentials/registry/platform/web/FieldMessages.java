package nl.microcredentials.registry.platform.web;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field error of the API ({@code errors[].field} and {@code .message}) as a sentence a person understands, for the
 * pages: the field's label instead of its API name, a sentence that starts with a capital letter, the facades' English
 * messages in the page's language where they are known, API names inside a message as labels, and dates as people
 * write them. The API itself keeps its field names and messages.
 * <p>
 * Plain Java: the texts come from a lookup (the {@code i18n.messages} bundle in the pages), {@code null} when a key is
 * missing.
 */
public final class FieldMessages {

    /** A message of the facades (English) and the key of the same message in the bundle; its groups are the arguments. */
    private record Known(Pattern pattern, String key, Kind... kinds) { }

    /** What an argument of a known message is: plain text, an API field name (shown as its label), or a date. */
    private enum Kind { TEXT, FIELD, DATE }

    private static final List<Known> KNOWN = List.of(
            known("is required for a partial exemption", "validation.requiredPartial"),
            known("is required for an appeal filed after the deadline.*", "validation.requiredLateAppeal"),
            known("is required(?:[:;,] .*| to .*)?", "validation.required"),
            known("must not be (?:blank|empty|null)", "validation.required"),
            known("must be at most (\\d+) characters", "validation.maxLength", Kind.TEXT),
            known("size must be between (\\d+) and (\\d+)", "validation.sizeBetween", Kind.TEXT, Kind.TEXT),
            known("must not be in the future", "validation.notFuture"),
            known("must not be in the past", "validation.notPast"),
            known("must be after ([a-zA-Z.]+)", "validation.after", Kind.FIELD),
            known("must not be below ([a-zA-Z.]+)", "validation.notBelow", Kind.FIELD),
            known("must be between (\\S+) and (\\S+)", "validation.between", Kind.TEXT, Kind.TEXT),
            known("must be an e-mail address", "validation.email"),
            known("must be an (?:absolute )?http\\(s\\) URL|must be an absolute URL", "validation.url"),
            known("must be a number", "validation.number"),
            known("must be a whole number", "validation.wholeNumber"),
            known("must be 2 digits and 2 capital letters, e\\.g\\. 21PF", "validation.brin"),
            known("must be a lower-case slug such as tu-delft", "validation.slug"),
            known("must be RIO's onderwijsaanbiedercode: .*", "validation.educationOffererCode"),
            known("must be a lower-case domain name such as tudelft\\.nl", "validation.schacHome"),
            known("only a coordinator changes it", "validation.coordinatorOnly"),
            known("must be 1-20 letters, digits, '\\.', '_' or '-'", "validation.prefix"),
            known("already routed to another board of this institution: (.*)", "validation.prefixTaken", Kind.TEXT),
            known("cannot be unset on the default board", "validation.defaultBoard"),
            known("is already taken", "validation.taken"),
            known("needs at least 2 member institutions", "validation.partiesMin"),
            known("a bilateral agreement has exactly 2 parties", "validation.bilateral"),
            known("must include your own institution '.*'", "validation.ownInstitution"),
            known("cannot change after the agreement was proposed", "validation.partiesFixed"),
            known("must lie between the decision date (\\S+) and today", "validation.filedOnRange", Kind.DATE),
            known("is after the appeal deadline (\\d{4}-\\d{2}-\\d{2}).*", "validation.lateAppeal", Kind.DATE),
            known("must be more than 0 and less than the course's (\\S+) EC", "validation.ectsGrantedRange", Kind.TEXT),
            known("must have at most one decimal", "validation.oneDecimal"),
            known("must be a positive number of EC \\(at most 240, one decimal\\)", "validation.courseEcts"),
            known("is not a registered (?:micro-credential )?programme", "validation.notRegisteredProgramme"),
            known("was not a registered micro-credential at the award date", "validation.notRegisteredAtAward"),
            known("is the board the request is routed to already", "validation.sameBoard"),
            known("is already registered for another programme", "validation.badgeTaken"),
            known("must be (?:one of )?[A-Z][A-Z_]{2,}\\b.*", "validation.choose"),
            known("must be one of (.*)", "validation.oneOf", Kind.TEXT));

    /** The first words of a message that continues its field's label as a sentence ("EC must be ..."). */
    private static final Set<String> CONTINUES = Set.of(
            // English
            "must", "is", "are", "needs", "need", "has", "have", "cannot", "can", "was", "were", "belongs", "names", "may", "should",
            "already",
            // Dutch (is, was: as in English)
            "moet", "moeten", "mag", "mogen", "zijn", "heeft", "hebben", "kan", "kunnen", "waren", "komt", "hoort", "bevat", "ligt",
            "valt", "wordt", "worden", "vraagt");

    private static final Pattern FLAG = Pattern.compile("\\b([a-z][A-Za-z]*): (true|false)\\b");
    private static final Pattern CAMEL_CASE = Pattern.compile("\\b([a-z]+[A-Z][A-Za-z]*)\\b");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");

    private final UnaryOperator<String> texts;
    private final Locale locale;

    /**
     * @param texts the page's texts by key, {@code null} for a missing key
     * @param locale the page's language (dates)
     */
    public FieldMessages(UnaryOperator<String> texts, Locale locale) {
        this.texts = texts;
        this.locale = locale;
    }

    private static Known known(String regex, String key, Kind... kinds) {
        return new Known(Pattern.compile(regex), key, kinds);
    }

    /** The input id of an API field in the pages: {@code targetCourse.code} is {@code targetCourse_code}, {@code parties[1]} is {@code parties}. */
    public static String inputId(String field) {
        return field == null ? "" : field.replaceAll("\\[[^]]*]", "").replace('.', '_');
    }

    /** The label of an API field: {@code field.<inputId>}, else {@code field.<first name>}, else its name in words. */
    public String label(String field) {
        String id = inputId(field);
        String label = texts.apply("field." + id);
        if (label == null && id.contains("_")) label = texts.apply("field." + id.substring(0, id.indexOf('_')));
        return label != null ? label : words(id);
    }

    /** "Title is required." / "EC: below 3 EC only for ...": the field's label and its message, as one sentence. */
    public String sentence(String field, String message) {
        String label = label(field);
        String text = message(message);
        if (text.isEmpty()) return capitalise(label);
        String first = text.split("[\\s:,]", 2)[0];
        String sentence = CONTINUES.contains(first) ? label + " " + text : label + ": " + capitalise(text);
        return capitalise(period(sentence));
    }

    /** A message of the facades in the page's language where it is a known one, with API names and dates as people read them. */
    public String message(String message) {
        if (message == null || message.isBlank()) return "";
        String text = message.strip();
        for (Known k : KNOWN) {
            Matcher m = k.pattern().matcher(text);
            if (!m.matches()) continue;
            String pattern = texts.apply(k.key());
            if (pattern == null) break;
            Object[] args = new Object[k.kinds().length];
            for (int i = 0; i < args.length; i++) {
                String value = m.group(i + 1);
                args[i] = switch (k.kinds()[i]) {
                    case FIELD -> quoted(label(value));
                    case DATE -> date(value);
                    case TEXT -> value;
                };
            }
            text = args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
            break;
        }
        return dates(apiNames(text));
    }

    /** {@code experimental: true} and {@code microcredentialSince} inside a message read as the fields' labels. */
    String apiNames(String text) {
        Matcher flags = FLAG.matcher(text);
        StringBuilder out = new StringBuilder();
        while (flags.find()) {
            String label = texts.apply("field." + flags.group(1));
            String state = texts.apply("true".equals(flags.group(2)) ? "validation.switchedOn" : "validation.switchedOff");
            flags.appendReplacement(out, Matcher.quoteReplacement(label == null || state == null ? flags.group()
                    : MessageFormat.format(state, quoted(label))));
        }
        flags.appendTail(out);
        Matcher names = CAMEL_CASE.matcher(out.toString());
        StringBuilder result = new StringBuilder();
        while (names.find()) {
            String label = texts.apply("field." + names.group(1));
            names.appendReplacement(result, Matcher.quoteReplacement(label == null ? names.group() : quoted(label)));
        }
        names.appendTail(result);
        return result.toString();
    }

    private String dates(String text) {
        Matcher m = ISO_DATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(date(m.group(1))));
        m.appendTail(out);
        return out.toString();
    }

    private String date(String iso) {
        try {
            return Formats.date(LocalDate.parse(iso), locale);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private String quoted(String label) {
        return "nl".equals(locale.getLanguage()) ? "\u2018" + label + "\u2019" : "\u201c" + label + "\u201d";
    }

    /** {@code learner_studentNumber} as "Learner student number". */
    static String words(String id) {
        String spaced = id.replace('_', ' ').replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).strip();
        return capitalise(spaced);
    }

    static String capitalise(String s) {
        if (s == null || s.isEmpty()) return s;
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String period(String s) {
        char last = s.charAt(s.length() - 1);
        return last == '.' || last == '!' || last == '?' || last == ')' && s.endsWith(".)") ? s : s + ".";
    }
}
