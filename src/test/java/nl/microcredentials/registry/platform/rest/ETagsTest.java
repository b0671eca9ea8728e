package nl.microcredentials.registry.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ETagsTest {

    private static final int NONE = ETags.NO_VERSION;

    // ---- parsing ---------------------------------------------------------------------------------

    @Test
    void absentOrBlankHeadersAreNoCondition() {
        assertThat(ETags.ifMatchCondition(null)).isEmpty();
        assertThat(ETags.ifMatchCondition("")).isEmpty();
        assertThat(ETags.ifMatchCondition(" \t ")).isEmpty();
        assertThat(ETags.ifNoneMatchCondition(null)).isEmpty();
    }

    @Test
    void starIsAnyRepresentation() {
        ETags.Condition star = ETags.ifMatchCondition(" * ").orElseThrow();
        assertThat(star.any()).isTrue();
        assertThat(star.tags()).isEmpty();
        assertThat(star.matches(1)).isTrue();
        assertThat(star.matches(42)).isTrue();
        assertThat(star.matchesWeakly("anything")).isTrue();
    }

    @Test
    void listsOfStrongAndWeakTagsParseWithOptionalWhitespaceAndEmptyElements() {
        ETags.Condition c = ETags.ifMatchCondition("\"3\",W/\"4\" , \"abc\",\t\"\" ,, ").orElseThrow();
        assertThat(c.any()).isFalse();
        assertThat(c.tags()).containsExactly(new ETags.Tag("3", false), new ETags.Tag("4", true), new ETags.Tag("abc", false),
                new ETags.Tag("", false));
        assertThat(ETags.ifMatchCondition(", \"1\"").orElseThrow().tags()).containsExactly(new ETags.Tag("1", false));
        // every visible ASCII character but the quote is allowed inside the quotes, and obs-text
        assertThat(ETags.ifMatchCondition("\"a!#~/*,\u00e9\"").orElseThrow().tags()).containsExactly(new ETags.Tag("a!#~/*,\u00e9", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "3", "\"unterminated", "W/3", "w/\"3\"", "W/ \"3\"", "\"3\" \"4\"", "\"3\";\"4\"", "*, \"3\"", "\"3\", *",
            "**", "\"a b\"", "\"a\tb\"", "\"3\"x", "W/", "\"\u0001\"", "\"\u20ac\"", "W/\"3", "\"3\",abc"})
    void aMalformedHeaderIsABadRequestNamingTheHeader(String header) {
        assertThatThrownBy(() -> ETags.ifMatchCondition(header))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("If-Match");
                });
        assertThatThrownBy(() -> ETags.ifMatch(header, () -> 1))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> ETags.notModified(header, "1"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("If-None-Match");
                });
    }

    // ---- If-Match: strong comparison -------------------------------------------------------------

    @Test
    void ifMatchComparesStrongly() {
        ETags.Condition c = ETags.ifMatchCondition("\"3\"").orElseThrow();
        assertThat(c.matches(3)).isTrue();
        assertThat(c.matches(4)).isFalse();
        assertThat(ETags.ifMatchCondition("W/\"3\"").orElseThrow().matches(3)).as("a weak tag never matches in If-Match").isFalse();
        assertThat(ETags.ifMatchCondition("\"2\", \"3\"").orElseThrow().matches(3)).isTrue();
        assertThat(ETags.ifMatchCondition("W/\"3\", \"2\"").orElseThrow().matches(3)).isFalse();
        assertThat(ETags.ifMatchCondition("\"03\"").orElseThrow().matches(3)).as("another opaque text is another tag").isFalse();
        assertThat(ETags.ifMatchCondition("\"abc\"").orElseThrow().matches(3)).isFalse();
    }

    @Test
    void theVersionForTheFacadesIsEmptyForAbsentOrStarAndTheNamedVersionOtherwise() {
        assertThat(ETags.ifMatch(null, () -> 7)).isEmpty();
        assertThat(ETags.ifMatch("*", () -> 7)).isEmpty();
        assertThat(ETags.ifMatch("\"3\"", () -> 7)).hasValue(3);
        assertThat(ETags.ifMatch(" \"3\" , \"3\" ", () -> 7)).hasValue(3);
        assertThat(ETags.ifMatch("\"3\"")).hasValue(3);
    }

    @Test
    void tagsTheRegistryNeverIssuesAndWeakTagsNameNoVersionAndFailTheCheck() {
        for (String header : List.of("\"abc\"", "\"v3\"", "W/\"1\"", "W/\"7\"", "\"\"", "\"-1\"", "\"03\"", "\"3.0\"", "\"99999999999\"", ",")) {
            OptionalInt version = ETags.ifMatch(header, () -> 7);
            assertThat(version).as(header).hasValue(NONE);
            assertThatThrownBy(() -> ETags.check(version, 7)).as(header)
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(412);
                        assertThat(e.getMessage()).contains("\"7\"");
                    });
        }
    }

    @Test
    void aListNamingSeveralVersionsMatchesWhenItHoldsTheCurrentOne() {
        int[] reads = {0};
        assertThat(ETags.ifMatch("\"3\", \"4\"", () -> { reads[0]++; return 4; })).hasValue(4);
        assertThat(ETags.ifMatch("\"3\", W/\"5\", \"4\"", () -> 5)).as("the weak 5 does not count").hasValue(3);
        assertThat(ETags.ifMatch("\"abc\", \"4\"", () -> { reads[0]++; return 9; })).as("one matchable tag: no read").hasValue(4);
        assertThat(reads[0]).isEqualTo(1);
        ETags.check(ETags.ifMatch("\"3\", \"4\"", () -> 4), 4);
        assertThatThrownBy(() -> ETags.check(ETags.ifMatch("\"3\", \"4\"", () -> 5), 5))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(412));
    }

    @Test
    void aStaleVersionIsPreconditionFailed() {
        ETags.check(OptionalInt.of(4), 4);
        ETags.check(OptionalInt.empty(), 4);
        assertThatThrownBy(() -> ETags.check(OptionalInt.of(3), 4))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(412));
    }

    // ---- If-None-Match: weak comparison ----------------------------------------------------------

    @Test
    void ifNoneMatchComparesWeakly() {
        String three = "3";
        assertThat(ETags.notModified(null, three)).isFalse();
        assertThat(ETags.notModified("*", three)).isTrue();
        assertThat(ETags.notModified("\"3\"", three)).isTrue();
        assertThat(ETags.notModified("W/\"3\"", three)).isTrue();
        assertThat(ETags.notModified("\"1\", W/\"3\"", three)).isTrue();
        assertThat(ETags.notModified("\"4\"", three)).isFalse();
        assertThat(ETags.notModified("\"abc\"", three)).isFalse();
        assertThat(ETags.notModified("\"a1b2\"", "a1b2")).isTrue();
        assertThat(ETags.ifNoneMatchCondition("W/\"3\"").orElseThrow().matchesWeakly(3)).isTrue();
    }

    // ---- properties over generated headers ------------------------------------------------------

    /** Random lists of tags: parsing what was formatted gives the tags back; matching follows the RFC's definitions. */
    @Test
    void generatedListsRoundTripAndMatchAsDefined() {
        long seed = Long.getLong("pbt.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int run = 0; run < 2_000; run++) {
            int size = 1 + random.nextInt(5);
            List<ETags.Tag> tags = new java.util.ArrayList<>();
            StringBuilder header = new StringBuilder();
            for (int i = 0; i < size; i++) {
                String opaque = random.nextInt(3) == 0 ? randomOpaque(random) : Integer.toString(random.nextInt(6));
                ETags.Tag tag = new ETags.Tag(opaque, random.nextBoolean());
                tags.add(tag);
                if (i > 0) header.append(random.nextBoolean() ? "," : " ,\t");
                header.append(random.nextBoolean() ? " " : "").append(tag.weak() ? "W/" : "").append('"').append(opaque).append('"');
            }
            int current = random.nextInt(6);
            String context = "seed " + seed + ", header " + header + ", current " + current;
            ETags.Condition parsed = ETags.ifMatchCondition(header.toString()).orElseThrow();
            assertThat(parsed.tags()).as(context).isEqualTo(tags);
            boolean strong = tags.stream().anyMatch(t -> !t.weak() && t.opaque().equals(Integer.toString(current)));
            boolean weak = tags.stream().anyMatch(t -> t.opaque().equals(Integer.toString(current)));
            assertThat(parsed.matches(current)).as(context).isEqualTo(strong);
            assertThat(ETags.notModified(header.toString(), Integer.toString(current))).as(context).isEqualTo(weak);
            // what the facades get agrees with the matcher
            OptionalInt version = ETags.ifMatch(header.toString(), () -> current);
            boolean passes;
            try {
                ETags.check(version, current);
                passes = true;
            } catch (RegistryException e) {
                assertThat(e.status()).as(context).isEqualTo(412);
                passes = false;
            }
            assertThat(passes).as(context).isEqualTo(strong);
        }
    }

    private static String randomOpaque(Random random) {
        String alphabet = "abcXYZ019!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00e9";
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return s.toString();
    }
}
