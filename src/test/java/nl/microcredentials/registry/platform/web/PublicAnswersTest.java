package nl.microcredentials.registry.platform.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import nl.microcredentials.registry.platform.cache.Generation;
import org.junit.jupiter.api.Test;

class PublicAnswersTest {

    @Test
    void keepsOnlyThePublicReadsAndKnowsWhatEachShows() {
        assertArrayEquals(new Generation[] {Generation.CATALOGUE}, PublicAnswers.kinds("/api/programmes"));
        assertArrayEquals(new Generation[] {Generation.CATALOGUE}, PublicAnswers.kinds("/api/programmes/facets"));
        assertArrayEquals(new Generation[] {Generation.CATALOGUE}, PublicAnswers.kinds("/api/programmes/abc"));
        assertArrayEquals(new Generation[] {Generation.CATALOGUE}, PublicAnswers.kinds("/api/programmes/abc/versions/2"));
        assertArrayEquals(new Generation[] {Generation.CATALOGUE}, PublicAnswers.kinds("/api/programmes/abc/achievement"));
        assertArrayEquals(new Generation[] {Generation.CATALOGUE}, PublicAnswers.kinds("/ooapi/v5/courses"));
        assertArrayEquals(new Generation[] {Generation.CATALOGUE}, PublicAnswers.kinds("/ooapi/v5"));
        assertArrayEquals(new Generation[] {Generation.CATALOGUE}, PublicAnswers.kinds("/api/institutions/tu-delft/boards"));
        assertArrayEquals(new Generation[] {Generation.CATALOGUE}, PublicAnswers.kinds("/api/boards/b1"));
        assertArrayEquals(new Generation[] {Generation.CATALOGUE}, PublicAnswers.kinds("/api/agreements/a1"));
        assertArrayEquals(new Generation[] {Generation.CATALOGUE, Generation.EXEMPTIONS}, PublicAnswers.kinds("/api/statistics"));
        assertNull(PublicAnswers.kinds("/api/programmes/badge-class-warnings"));
        assertNull(PublicAnswers.kinds("/api/programmes/abc/badge-class-check"));
        assertNull(PublicAnswers.kinds("/api/exemption-requests"));
        assertNull(PublicAnswers.kinds("/api/reports/pilot"));
        assertNull(PublicAnswers.kinds("/api/auth/token"));
        assertNull(PublicAnswers.kinds("/api/ping"));
        assertNull(PublicAnswers.kinds("/api/caches"));
        assertNull(PublicAnswers.kinds("/api/boardsx/b1"));
        assertNull(PublicAnswers.kinds("/api/programmes/abc/versions/2/x"));
    }

    @Test
    void anEntryComesBackAsItWasKeptSmallOrGzipped() {
        byte[] small = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
        var kept = new PublicAnswers.Entry("application/json", "\"abc\"", "public, no-cache", small);
        var back = PublicAnswers.Entry.decode(kept.encode());
        assertEquals("application/json", back.contentType());
        assertEquals("\"abc\"", back.etag());
        assertEquals("public, no-cache", back.cacheControl());
        assertArrayEquals(small, back.body());

        byte[] large = new byte[200_000];
        new Random(7).ints(large.length, 'a', 'e').forEach(new java.util.function.IntConsumer() {
            int i;
            @Override public void accept(int c) { large[i++] = (byte) c; }
        });
        var big = new PublicAnswers.Entry("application/json;charset=UTF-8", "W/\"x\"", "max-age=60", large);
        byte[] encoded = big.encode();
        assertTrue(encoded.length < large.length / 2, "kept gzipped: " + encoded.length);
        assertArrayEquals(large, PublicAnswers.Entry.decode(encoded).body());
    }

    @Test
    void ifNoneMatchComparesTagsWeakly() {
        assertTrue(PublicAnswers.ETagMatch.matches("\"a\"", "\"a\""));
        assertTrue(PublicAnswers.ETagMatch.matches("W/\"a\"", "\"a\""));
        assertTrue(PublicAnswers.ETagMatch.matches("\"b\", \"a\"", "W/\"a\""));
        assertTrue(PublicAnswers.ETagMatch.matches("*", "\"a\""));
        assertFalse(PublicAnswers.ETagMatch.matches("\"b\"", "\"a\""));
        assertFalse(PublicAnswers.ETagMatch.matches(null, "\"a\""));
        assertFalse(PublicAnswers.ETagMatch.matches("\"a", "\"a\""));
    }
}
