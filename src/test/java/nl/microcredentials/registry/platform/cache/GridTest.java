package nl.microcredentials.registry.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GridTest {

    @Test
    void withoutTheDataGridTheCachesAreThisInstancesOwnAndBounded() {
        Grid grid = new Grid();
        grid.init(); // no JNDI here: the instance's own caches
        String first = grid.generation(Generation.CATALOGUE);
        assertEquals(first, grid.generation(Generation.CATALOGUE));
        grid.bump(Generation.CATALOGUE);
        assertNotEquals(first, grid.generation(Generation.CATALOGUE));
        assertNotEquals(grid.generation(Generation.CATALOGUE), grid.generation(Generation.EXEMPTIONS));

        for (int i = 0; i <= Grid.MAX_ANSWERS; i++) grid.keep("k" + i, new byte[] {(byte) i});
        assertNull(grid.answer("k0"), "the least recently used answer went first");
        assertEquals(1, grid.answer("k1").length);
    }

    @Test
    void theLocalStoreForgetsWhatIsOlderThanItsTimeToLive() throws Exception {
        long[] now = {0};
        var store = new Grid.LocalStore<String, String>(10, 10, () -> now[0]);
        store.put("a", "1");
        store.putIfAbsent("a", "2");
        assertEquals("1", store.get("a"));
        now[0] = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        assertEquals("1", store.get("a"), "ten minutes old: still served");
        now[0]++;
        assertNull(store.get("a"), "older: gone");
        store.putIfAbsent("a", "3");
        assertEquals("3", store.get("a"));
    }
}
