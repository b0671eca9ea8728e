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

    record Figures(String name, java.util.List<Long> counts) implements java.io.Serializable { }

    @Test
    void aRememberedValueIsComputedOncePerGenerationAndComesBackEqual() {
        Grid grid = new Grid();
        grid.init();
        int[] computed = {0};
        java.util.function.Supplier<Figures> compute = () -> {
            computed[0]++;
            return new Figures("pilot", java.util.List.of(1L, 2L, (long) computed[0]));
        };
        Figures first = grid.remembered("k", Figures.class, compute, Generation.EXEMPTIONS);
        Figures again = grid.remembered("k", Figures.class, compute, Generation.EXEMPTIONS);
        assertEquals(first, again);
        assertEquals(1, computed[0]);
        grid.bump(Generation.CATALOGUE);
        grid.remembered("k", Figures.class, compute, Generation.EXEMPTIONS);
        assertEquals(1, computed[0], "another kind of data changed: still the kept value");
        grid.bump(Generation.EXEMPTIONS);
        Figures after = grid.remembered("k", Figures.class, compute, Generation.EXEMPTIONS);
        assertEquals(2, computed[0]);
        assertEquals(java.util.List.of(1L, 2L, 2L), after.counts());
    }

    @Test
    void largeValuesAreKeptGzippedAndForeignClassesAreRefused() throws Exception {
        var big = new Figures("x".repeat(100_000), java.util.List.of(7L));
        byte[] bytes = Grid.serialize(big);
        org.junit.jupiter.api.Assertions.assertTrue(bytes.length < 10_000, "gzipped: " + bytes.length);
        assertEquals(big, Grid.deserialize(bytes));
        byte[] foreign = Grid.serialize(new javax.management.Notification("t", "s", 1));
        org.junit.jupiter.api.Assertions.assertThrows(java.io.InvalidClassException.class, () -> Grid.deserialize(foreign));
    }

    /** A cache whose every operation fails, as Hazelcast's do while a lost member's partitions migrate. */
    @SuppressWarnings("unchecked")
    private static <K, V> javax.cache.Cache<K, V> failing() {
        return (javax.cache.Cache<K, V>) java.lang.reflect.Proxy.newProxyInstance(GridTest.class.getClassLoader(),
                new Class<?>[] {javax.cache.Cache.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getName")) return "failing";
                    throw new IllegalStateException("member left the cluster");
                });
    }

    @Test
    void aFailingGridIsAMissNeverAFailedRequest() {
        var store = new Grid.JCacheStore<String, String>(failing());
        assertNull(store.get("k"));
        store.put("k", "v"); // skipped, not thrown
        org.junit.jupiter.api.Assertions.assertThrows(Grid.Unavailable.class, () -> store.replace("k", "a", "b"));
        org.junit.jupiter.api.Assertions.assertThrows(Grid.Unavailable.class, () -> store.putIfAbsent("k", "v"));
        org.junit.jupiter.api.Assertions.assertThrows(Grid.Unavailable.class, () -> store.remove("k", "v"));
    }
}
