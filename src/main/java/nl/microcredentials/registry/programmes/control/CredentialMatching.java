package nl.microcredentials.registry.programmes.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an Open Badges 3.0 credential says of its achievement, read for the registry: which registered achievement it
 * names (the registry's achievement URL, at whatever host and public address it was served), which edubadges badge
 * classes it names, when it was awarded, and whether its claims (credits, NLQF and EQF levels) agree with a registered
 * version. Pure: the facade looks the programme up.
 */
public final class CredentialMatching {

    /** The type of an {@code otherIdentifier} that names an edubadges badge class (as the registry's achievements write it). */
    public static final String BADGE_CLASS_IDENTIFIER = "ext:edubadgesBadgeClass";

    /** {@code .../api/programmes/{uuid}/achievement} or {@code .../api/programmes/{uuid}/versions/{n}/achievement}, any prefix. */
    private static final Pattern ACHIEVEMENT_PATH = Pattern.compile(
            "^(?:/.*)?/api/programmes/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
                    + "(?:/versions/([1-9][0-9]{0,8}))?/achievement/?$");

    /** A registry achievement a credential names: a programme, and the version when the URL names one. */
    public record AchievementRef(String programmeId, Integer versionNumber) { }

    /** One claim of the credential compared with the registered version. {@code agrees} is null when nothing is registered to compare with. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "CredentialClaim",
            description = "A claim of the credential as claimed and as registered for the version it was earned under")
    public record Claim(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(enumeration = {"credits", "nlqfLevel", "eqfLevel"}) String name,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(example = "5") String claimed,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(example = "5") String registered,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "null when nothing is registered to compare with") Boolean agrees) { }

    /** A published version of a programme: its number and when it was published. */
    public record Published(int number, Instant publishedAt) { }

    private CredentialMatching() { }

    /** The achievement of a credential ({@code credentialSubject.achievement}); a missing node when there is none. */
    public static JsonNode achievement(JsonNode credential) {
        return credential.path("credentialSubject").path("achievement");
    }

    /** The registry achievement an achievement id names, whatever host or public address it carries. */
    public static Optional<AchievementRef> registryAchievement(String achievementId) {
        if (achievementId == null || achievementId.length() > 2000) return Optional.empty();
        URI uri;
        try {
            uri = new URI(achievementId.trim());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))
                || uri.getRawAuthority() == null || uri.getPath() == null) {
            return Optional.empty();
        }
        Matcher m = ACHIEVEMENT_PATH.matcher(uri.getPath());
        if (!m.matches()) return Optional.empty();
        return Optional.of(new AchievementRef(m.group(1).toLowerCase(Locale.ROOT), m.group(2) == null ? null : Integer.valueOf(m.group(2))));
    }

    /**
     * The badge classes an achievement may name: its id (an edubadges badge class used as the achievement's id) and every
     * {@code otherIdentifier} of type {@value #BADGE_CLASS_IDENTIFIER}; absolute http(s) URLs only, in order, without repeats.
     */
    public static List<String> badgeClasses(JsonNode achievement) {
        Set<String> urls = new LinkedHashSet<>();
        String id = text(achievement.path("id"));
        if (isHttpUrl(id)) urls.add(id.trim());
        for (JsonNode identifier : achievement.path("otherIdentifier")) {
            if (BADGE_CLASS_IDENTIFIER.equals(text(identifier.path("identifierType")))) {
                String url = text(identifier.path("identifier"));
                if (isHttpUrl(url)) urls.add(url.trim());
            }
        }
        return urls.stream().limit(20).toList();
    }

    /** When the credential was awarded: {@code awardedDate}, else {@code validFrom}; empty when neither is a date-time. */
    public static Optional<Instant> awardedAt(JsonNode credential) {
        for (String field : List.of("awardedDate", "validFrom")) {
            String value = text(credential.path(field));
            if (value == null) continue;
            try {
                return Optional.of(OffsetDateTime.parse(value).toInstant());
            } catch (DateTimeParseException e) {
                // the schema's date-time format is RFC 3339; what java.time cannot read counts as no date
            }
        }
        return Optional.empty();
    }

    /**
     * The version a credential awarded at {@code awardedAt} was earned under: the newest one published by then; the
     * newest when the date is unknown or before every publication. Empty only when no version was published.
     */
    public static Optional<Integer> versionAt(List<Published> versions, Optional<Instant> awardedAt) {
        Comparator<Published> newestFirst = Comparator.comparing(Published::publishedAt).reversed();
        List<Published> published = versions.stream().filter(v -> v.publishedAt() != null).sorted(newestFirst).toList();
        if (published.isEmpty()) return Optional.empty();
        if (awardedAt.isPresent()) {
            for (Published v : published) {
                if (!v.publishedAt().isAfter(awardedAt.get())) return Optional.of(v.number());
            }
        }
        return Optional.of(published.get(0).number());
    }

    /**
     * The credential's claims about its achievement compared with a registered version: the credits
     * ({@code creditsAvailable} against the EC), and the NLQF and EQF levels ({@code alignment} entries with that
     * {@code targetFramework}, their {@code targetCode}) against the version's. Only what the credential claims.
     */
    public static List<Claim> claims(JsonNode achievement, BigDecimal ects, String nlqfLevel, Integer eqfLevel) {
        List<Claim> claims = new ArrayList<>();
        JsonNode credits = achievement.path("creditsAvailable");
        if (credits.isNumber() && (credits.isIntegralNumber() || Double.isFinite(credits.doubleValue()))) {
            BigDecimal claimed = credits.decimalValue();
            claims.add(new Claim("credits", plain(claimed), ects == null ? null : plain(ects),
                    ects == null ? null : claimed.compareTo(ects) == 0));
        }
        else if (credits.isNumber()) {
            claims.add(new Claim("credits", credits.asText(), ects == null ? null : plain(ects), ects == null ? null : false));
        }
        level(claims, achievement, "NLQF", "nlqfLevel", nlqfLevel);
        level(claims, achievement, "EQF", "eqfLevel", eqfLevel == null ? null : String.valueOf(eqfLevel));
        return claims;
    }

    private static void level(List<Claim> claims, JsonNode achievement, String framework, String name, String registered) {
        Set<String> claimed = new LinkedHashSet<>();
        for (JsonNode alignment : achievement.path("alignment")) {
            if (!framework.equals(framework(text(alignment.path("targetFramework"))))) continue;
            String code = level(text(alignment.path("targetCode")));
            if (code != null) claimed.add(code);
        }
        if (claimed.isEmpty()) return;
        String registeredLevel = level(registered);
        Boolean agrees = registeredLevel == null ? null : claimed.stream().allMatch(registeredLevel::equals);
        claims.add(new Claim(name, String.join(", ", claimed), registered, agrees));
    }

    /** NLQF, EQF or null: what a {@code targetFramework} names (NLQF before EQF: "NLQF" does not contain "EQF", a long name may). */
    static String framework(String targetFramework) {
        if (targetFramework == null) return null;
        String f = targetFramework.toUpperCase(Locale.ROOT);
        if (f.contains("NLQF") || f.contains("NEDERLANDS KWALIFICATIEKADER") || f.contains("DUTCH QUALIFICATIONS FRAMEWORK")) return "NLQF";
        if (f.contains("EQF") || f.contains("EUROPEAN QUALIFICATIONS FRAMEWORK")) return "EQF";
        return null;
    }

    /** A level code as compared: upper case, without a leading framework name or the word level/niveau ("NLQF level 6" is 6). */
    static String level(String code) {
        if (code == null) return null;
        String c = code.trim().toUpperCase(Locale.ROOT).replaceFirst("^(NLQF|EQF)[\\s:-]*", "").replaceFirst("^(LEVEL|NIVEAU)[\\s:-]*", "").trim();
        return c.isEmpty() || c.length() > 20 ? null : c;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static boolean isHttpUrl(String s) {
        if (s == null || s.length() > 2000) return false;
        try {
            URI uri = new URI(s.trim());
            return uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** A node's text when it is a string, else null. */
    public static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
