package nl.microcredentials.registry.programmes.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.RegistryException;
import org.junit.jupiter.api.Test;

/**
 * Generated and hostile inputs for {@code POST /api/verify} (seeded: {@code -Dpbt.seed=...}, printed): random JSON, deep
 * nesting, huge strings, wrong types in every field of a valid credential, JWS with random segments. Reading them is a
 * credential or a 400 naming fields, never another exception; what follows a read (matching, claims, proofs) never
 * throws and never calls a JWS valid that the key did not sign.
 */
class VerificationHostileInputTest {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final long SEED = Long.getLong("pbt.seed", 20_261_214L);
    static final String JWKS = VerificationFixtures.jwks(VerificationProofTest.KEY);

    /** Reads and, when it is a credential, answers as the verifier would; returns the 400 or null. */
    static RegistryException attempt(String body) {
        try {
            var read = CredentialInput.read(body);
            JsonNode achievement = CredentialMatching.achievement(read.credential());
            CredentialMatching.registryAchievement(CredentialMatching.text(achievement.path("id")));
            CredentialMatching.badgeClasses(achievement);
            CredentialMatching.awardedAt(read.credential());
            CredentialMatching.claims(achievement, BigDecimal.TEN, "6", 6);
            if (read.jws() == null) {
                CredentialProofs.ofJson(read.credential());
            } else {
                var proof = CredentialProofs.check(read.jws(), JWKS, null, null, Instant.now());
                assertThat(proof.valid()).as("an unsigned or foreign JWS is never valid: %s", body).isNotEqualTo(Boolean.TRUE);
            }
            return null;
        } catch (RegistryException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors()).isNotEmpty();
            return e;
        }
    }

    @Test
    void randomAndHostileBodiesAreA400OrAnAnswerNeverAnotherException() {
        System.out.println("VerificationHostileInputTest: seed " + SEED + " (rerun with -Dpbt.seed=" + SEED + ")");
        Random random = new Random(SEED);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 300; i++) bodies.add(randomJson(random, 0).toString());
        for (int i = 0; i < 200; i++) bodies.add(randomText(random, 1 + random.nextInt(200)));
        for (int i = 0; i < 300; i++) bodies.add(randomJws(random));
        bodies.add("[".repeat(100_000) + "]".repeat(100_000));
        bodies.add("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000));
        bodies.add("\"" + "x".repeat(1_000_000) + "\"");
        bodies.add("{\"id\": \"" + "y".repeat(1_000_000) + "\"}");
        bodies.add("{\"@context\": 1e999999, \"id\": 12345678901234567890123456789012345678901234567890}");
        bodies.add("1".repeat(100_000));
        bodies.add("{\"a\":1}{\"b\":2}");
        bodies.add("{\"a\":1,\"a\":2}");
        bodies.add("\u0000\u0001\u0002");
        bodies.add("a.b.c");
        bodies.add("eyJhbGciOiJub25lIn0.e30.");
        bodies.add("eyJhbGciOiJSUzI1NiJ9." + "A".repeat(200_000) + ".sig");
        bodies.add(b64("{\"alg\":\"RS256\",\"crit\":[\"b64\"],\"b64\":false}") + "." + b64("{}") + ".c2ln");
        // huge strings inside a valid credential stay valid and are answered
        ObjectNode huge = VerificationProofTest.credential();
        ((ObjectNode) huge.path("credentialSubject").path("achievement")).put("description", "z".repeat(900_000));
        bodies.add(huge.toString());
        int rejected = 0;
        int answered = 0;
        for (String body : bodies) {
            if (attempt(body) == null) answered++;
            else rejected++;
        }
        System.out.println("VerificationHostileInputTest: " + bodies.size() + " bodies, " + rejected + " rejected with 400, " + answered + " answered");
        assertThat(rejected).isGreaterThan(700);
        assertThat(answered).isGreaterThanOrEqualTo(1);
    }

    /**
     * Every field of a valid credential changed to each JSON type it does not have, wrapped in an object or an array,
     * nulled, or (when required) dropped: a 400 naming it (or a path inside it, or its enclosing object). The changes that
     * OB3 itself allows are listed (issuer may be a URI string; criteria is an open object) and answered, not refused.
     */
    @Test
    void everyWrongTypeInAValidCredentialIsA400NamingIt() {
        ObjectNode valid = VerificationProofTest.credential();
        assertThat(attempt(valid.toString())).isNull();
        Set<String> allowed = Set.of("STRING issuer", "WRAP_OBJECT credentialSubject.achievement.criteria");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String path : paths(valid, "")) {
            for (String kind : List.of("NULL", "STRING", "NUMBER", "BOOLEAN", "ARRAY", "OBJECT", "WRAP_OBJECT", "WRAP_ARRAY")) {
                JsonNode original = at(valid, path);
                if (kind.equals("STRING") && original.isTextual() || kind.equals("NUMBER") && original.isNumber()
                        || kind.equals("BOOLEAN") && original.isBoolean() || kind.equals("ARRAY") && original.isArray()
                        || kind.equals("OBJECT") && original.isObject()) continue;
                if (kind.equals("NULL") && !path.endsWith("]") && !REQUIRED.contains(path.replaceAll("\\[\\d+]", "[]"))) continue;
                ObjectNode changed = valid.deepCopy();
                set(changed, path, replacement(kind, original));
                RegistryException e = attempt(changed.toString());
                checked++;
                if (allowed.contains(kind + " " + path)) {
                    if (e != null) failures.add(kind + " " + path + " is allowed by OB3 but refused: " + e.errors());
                    continue;
                }
                if (e == null) failures.add(kind + " " + path + " was accepted");
                else if (e.errors().stream().map(FieldError::field).noneMatch(f -> related(f, path))) failures.add(kind + " " + path + " not named: " + e.errors());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isGreaterThan(300);
    }

    /** The required members of the credential as built (array indices as []). */
    static final Set<String> REQUIRED = Set.of("@context", "id", "type", "credentialSubject", "issuer", "validFrom", "issuer.id", "issuer.type",
            "credentialSubject.type", "credentialSubject.achievement", "credentialSubject.achievement.id", "credentialSubject.achievement.type",
            "credentialSubject.achievement.criteria", "credentialSubject.achievement.description", "credentialSubject.achievement.name",
            "credentialSubject.achievement.creator.id", "credentialSubject.achievement.creator.type",
            "credentialSubject.achievement.alignment[].type", "credentialSubject.achievement.alignment[].targetName",
            "credentialSubject.achievement.alignment[].targetUrl", "credentialSubject.achievement.otherIdentifier[].type",
            "credentialSubject.achievement.otherIdentifier[].identifier", "credentialSubject.achievement.otherIdentifier[].identifierType",
            "credentialSubject.achievement.creator.otherIdentifier[].type", "credentialSubject.achievement.creator.otherIdentifier[].identifier",
            "credentialSubject.achievement.creator.otherIdentifier[].identifierType", "credentialSubject.achievement.related[].id",
            "credentialSubject.achievement.related[].type");

    static boolean related(String a, String b) {
        return a.equals(b) || a.startsWith(b + ".") || a.startsWith(b + "[") || b.startsWith(a + ".") || b.startsWith(a + "[");
    }

    static JsonNode replacement(String kind, JsonNode original) {
        return switch (kind) {
            case "NULL" -> NODES.nullNode();
            case "STRING" -> NODES.textNode("generated");
            case "NUMBER" -> NODES.numberNode(42);
            case "BOOLEAN" -> NODES.booleanNode(true);
            case "ARRAY" -> NODES.arrayNode().add("generated");
            case "OBJECT" -> NODES.objectNode().put("generated", "x");
            case "WRAP_OBJECT" -> NODES.objectNode().set("value", original.deepCopy());
            default -> NODES.arrayNode().add(original.deepCopy());
        };
    }

    static List<String> paths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                paths.add(p);
                paths.addAll(paths(e.getValue(), p));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.add(prefix + "[" + i + "]");
                paths.addAll(paths(node.get(i), prefix + "[" + i + "]"));
            }
        }
        return paths;
    }

    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : steps(path)) node = step.startsWith("[") ? node.get(Integer.parseInt(step.substring(1, step.length() - 1))) : node.get(step);
        return node;
    }

    static void set(JsonNode root, String path, JsonNode value) {
        List<String> steps = steps(path);
        JsonNode parent = root;
        for (String step : steps.subList(0, steps.size() - 1)) {
            parent = step.startsWith("[") ? parent.get(Integer.parseInt(step.substring(1, step.length() - 1))) : parent.get(step);
        }
        String last = steps.get(steps.size() - 1);
        if (last.startsWith("[")) ((ArrayNode) parent).set(Integer.parseInt(last.substring(1, last.length() - 1)), value);
        else ((ObjectNode) parent).set(last, value);
    }

    static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("([^.\\[]+)|(\\[\\d+])").matcher(path);
        while (m.find()) steps.add(m.group());
        return steps;
    }

    static JsonNode randomJson(Random random, int depth) {
        int kind = random.nextInt(depth > 6 ? 5 : 8);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> random.nextBoolean() ? NODES.numberNode(random.nextLong()) : NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(300)));
            case 3, 4 -> NODES.textNode(randomText(random, random.nextInt(30)));
            case 5 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) a.add(randomJson(random, depth + 1));
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                String[] names = {"@context", "id", "type", "issuer", "validFrom", "credentialSubject", "achievement", "proof", "alignment",
                        "creditsAvailable", "otherIdentifier", "vc", "name"};
                for (int i = random.nextInt(6); i > 0; i--) {
                    o.set(random.nextInt(3) == 0 ? randomText(random, 5) : names[random.nextInt(names.length)], randomJson(random, depth + 1));
                }
                yield o;
            }
        };
    }

    static String randomText(Random random, int length) {
        StringBuilder s = new StringBuilder();
        String alphabet = "abcXYZ019.-_ {}[]\":,\\/\u00e9\u4e2d\n\t";
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(20) == 0 ? (char) random.nextInt(0xD7FF) : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    static String randomJws(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> randomSegment(random) + "." + randomSegment(random) + "." + randomSegment(random);
            case 1 -> b64("{\"alg\":\"RS256\",\"kid\":\"hu-2026\"}") + "." + b64(randomJson(random, 0).toString()) + "." + randomSegment(random);
            case 2 -> b64(randomJson(random, 0).toString()) + "." + b64(VerificationProofTest.credential().toString()) + "." + randomSegment(random);
            case 3 -> b64("{\"alg\":\"" + List.of("RS256", "HS256", "none", "ES256", "EdDSA", "RSA-OAEP").get(random.nextInt(6)) + "\"}") + "."
                    + b64(VerificationProofTest.credential().toString()) + "." + randomSegment(random);
            default -> {
                String signed = VerificationFixtures.sign(VerificationProofTest.credential(), VerificationProofTest.FOREIGN, Instant.now(), null);
                String[] parts = signed.split("\\.");
                int which = random.nextInt(3);
                parts[which] = random.nextBoolean() ? randomSegment(random) : parts[which].substring(0, Math.max(1, parts[which].length() - 1 - random.nextInt(10)));
                yield String.join(".", parts);
            }
        };
    }

    static String randomSegment(Random random) {
        byte[] bytes = new byte[random.nextInt(120)];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String unused() {
        return UUID.randomUUID().toString();
    }
}
