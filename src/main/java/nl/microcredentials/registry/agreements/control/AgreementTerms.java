package nl.microcredentials.registry.agreements.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import nl.microcredentials.registry.agreements.entity.AgreementKind;
import nl.microcredentials.registry.agreements.entity.RecognitionEffect;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The contractual terms of an agreement: what the parties approve. Its {@link #canonicalJson()} is the RFC 8785 (JSON
 * Canonicalization Scheme) form of
 * <pre>{"effect", "kind", "parties": [sorted codes], "scope": {...}, "terms", "validFrom", "validUntil"}</pre>
 * where absent values are left out, lists are sorted, EC are numbers and dates ISO 8601; the {@link #hash()} is the
 * lower-case hex SHA-256 of its UTF-8 bytes. The title, contacts and the agreement's status are not contractual and not
 * hashed. Text is held in Unicode NFC, so the same words hash the same whichever way a client composed them.
 */
public record AgreementTerms(
        AgreementKind kind,
        List<String> parties,
        AgreementScope scope,
        RecognitionEffect effect,
        String terms,
        LocalDate validFrom,
        LocalDate validUntil) {

    /** The same terms in their normal form: trimmed NFC text, sorted distinct parties, a normalised scope. */
    public AgreementTerms normalised() {
        List<String> sortedParties = parties == null ? List.of()
                : parties.stream().filter(p -> p != null && !p.isBlank()).map(String::trim).distinct().sorted().toList();
        String text = terms == null ? null : Normalizer.normalize(terms.strip(), Normalizer.Form.NFC);
        return new AgreementTerms(kind, sortedParties, scope == null ? AgreementScope.ALL_PROGRAMMES : scope.normalised(),
                effect, text, validFrom, validUntil);
    }

    /** The canonical JSON text of the normalised terms (RFC 8785). */
    public String canonicalJson() {
        AgreementTerms t = normalised();
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (t.kind != null) json.add("kind", t.kind.name());
        json.add("parties", array(t.parties));
        JsonObjectBuilder s = Json.createObjectBuilder();
        AgreementScope scope = t.scope;
        if (scope.namesProgrammes()) {
            s.add("programmes", array(scope.programmes()));
        } else {
            s.add("issuers", array(scope.issuers()));
            if (scope.minNlqfLevel() != null) s.add("minNlqfLevel", scope.minNlqfLevel());
            if (scope.maxNlqfLevel() != null) s.add("maxNlqfLevel", scope.maxNlqfLevel());
            if (scope.minEcts() != null) s.add("minEcts", scope.minEcts());
            if (scope.maxEcts() != null) s.add("maxEcts", scope.maxEcts());
        }
        json.add("scope", s);
        if (t.effect != null) json.add("effect", t.effect.name());
        if (t.terms != null) json.add("terms", t.terms);
        if (t.validFrom != null) json.add("validFrom", t.validFrom.toString());
        if (t.validUntil != null) json.add("validUntil", t.validUntil.toString());
        try {
            return new JsonCanonicalizer(json.build().toString()).getEncodedString();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot canonicalise the terms", e);
        }
    }

    /** SHA-256 of the canonical JSON's UTF-8 bytes, 64 lower-case hex digits. */
    public String hash() {
        return sha256(canonicalJson());
    }

    public static String sha256(String canonicalJson) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }
}
