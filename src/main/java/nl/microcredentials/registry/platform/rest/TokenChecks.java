package nl.microcredentials.registry.platform.rest;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks on a bearer token that MP-JWT verified, which the runtime leaves out: the signature algorithm must be RS256
 * (MP-JWT's algorithm; never "none" or HMAC), a {@code nbf} (not before) must have passed (60 s clock skew), and the
 * token must name its subject. Returns why a token is refused, or null.
 */
public final class TokenChecks {

    static final long CLOCK_SKEW_SECONDS = 60;
    private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"([^\"]*)\"");

    private TokenChecks() { }

    public static String refusal(Principal principal, Instant now) {
        if (!(principal instanceof JsonWebToken jwt)) return null;
        String raw = jwt.getRawToken();
        if (raw != null) {
            String alg = algorithm(raw);
            if (!"RS256".equals(alg)) return "The token must be signed with RS256, not " + alg;
        }
        Object nbf = jwt.getClaim("nbf");
        if (nbf != null) {
            long notBefore = nbf instanceof Number n ? n.longValue() : nbf instanceof jakarta.json.JsonNumber j ? j.longValue() : Long.MIN_VALUE;
            if (notBefore == Long.MIN_VALUE) return "The token's nbf claim is not a number";
            if (now.getEpochSecond() + CLOCK_SKEW_SECONDS < notBefore) return "The token is not valid yet";
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) return "The token names no subject (sub)";
        return null;
    }

    /** The {@code alg} of a compact JWS header, or "unknown". */
    static String algorithm(String compact) {
        int dot = compact.indexOf('.');
        if (dot <= 0) return "unknown";
        try {
            String header = new String(Base64.getUrlDecoder().decode(compact.substring(0, dot)), StandardCharsets.UTF_8);
            Matcher m = ALG.matcher(header);
            return m.find() ? m.group(1) : "unknown";
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }
}
