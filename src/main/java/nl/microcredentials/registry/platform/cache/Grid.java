package nl.microcredentials.registry.platform.cache;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The registry's two shared caches, on Payara's data grid when it runs (JCache, Hazelcast inside Payara Micro):
 * <ul>
 * <li>the current generation of each {@link Generation} (a random token, replaced by {@link #bump} after a committed
 *     change; a lost token is simply replaced by a new one, which only costs the answers of the old one);</li>
 * <li>answers keyed by what they were built from, generations included ({@link #answer}, {@link #keep}): bounded to
 *     {@value #MAX_ANSWERS} entries (least recently used go first) and {@value #ANSWER_MINUTES} minutes, without backups
 *     (an answer lost with its instance is built again).</li>
 * </ul>
 * With {@code --nocluster} there is no grid and no other instance: the same caches live in this instance's memory.
 */
@ApplicationScoped
public class Grid {

    private static final Logger LOG = Logger.getLogger(Grid.class.getName());

    static final int MAX_ANSWERS = 1000;
    static final int ANSWER_MINUTES = 10;
    static final String GENERATIONS = "registry-generations";
    static final String ANSWERS = "registry-answers";
    static final String LIMITS = "registry-limits";
    /** Entries of the limits cache live this long after their last change (longer than any throttle window). */
    static final int LIMIT_MINUTES = 120;

    private Store<String, String> generations;
    private Store<String, byte[]> answers;
    private Store<String, String> limits;
    private boolean distributed;

    @PostConstruct
    public void init() {
        Optional<CacheManager> manager = payaraCacheManager();
        if (manager.isPresent()) {
            try {
                generations = new JCacheStore<>(HazelcastCaches.open(manager.get(), GENERATIONS, 10_000, 0, 1));
                answers = new JCacheStore<>(HazelcastCaches.open(manager.get(), ANSWERS, MAX_ANSWERS, ANSWER_MINUTES, 0));
                limits = new JCacheStore<>(HazelcastCaches.openSliding(manager.get(), LIMITS, 100_000, LIMIT_MINUTES, 1));
                distributed = true;
                LOG.info("Caches on the data grid (JCache): " + GENERATIONS + ", " + ANSWERS + ", " + LIMITS);
                return;
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.INFO, "The data grid is off (--nocluster?): caches are this instance's own: " + e);
            }
        } else {
            LOG.info("The data grid is off (--nocluster): caches are this instance's own");
        }
        generations = new LocalStore<>(10_000, 0);
        answers = new LocalStore<>(MAX_ANSWERS, ANSWER_MINUTES);
        limits = new LocalStore<>(100_000, LIMIT_MINUTES);
        distributed = false;
    }

    private static Optional<CacheManager> payaraCacheManager() {
        try {
            Object found = new InitialContext().lookup("payara/CacheManager");
            if (found instanceof CacheManager manager && !manager.isClosed()) return Optional.of(manager);
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "no payara/CacheManager", e);
        }
        return Optional.empty();
    }

    /** True when the caches are on the data grid shared by every instance of the cluster. */
    public boolean distributed() {
        return distributed;
    }

    /** The current generation of this kind of data: a token that changes with every committed change. */
    public String generation(Generation kind) {
        String current = generations.get(kind.name());
        if (current != null) return current;
        try {
            generations.putIfAbsent(kind.name(), token());
        } catch (Unavailable e) {
            return "unknown-" + token();
        }
        current = generations.get(kind.name());
        // a grid that cannot say: a generation nobody has kept anything under, so nothing old is ever served
        return current != null ? current : "unknown-" + token();
    }

    /** A new generation: answers of the earlier ones are never served again, on any instance. */
    public void bump(Generation kind) {
        generations.put(kind.name(), token());
    }

    /** The answer stored under this key, or null. */
    public byte[] answer(String key) {
        return answers.get(key);
    }

    public void keep(String key, byte[] answer) {
        answers.put(key, answer);
    }

    /**
     * A limit's state (a throttle's window), shared by every instance: read it with {@link #limit}, change it only with
     * {@link #replaceLimit}, which succeeds for exactly one of several instances changing it at the same moment.
     */
    public String limit(String key) {
        return limits.get(key);
    }

    /**
     * Sets the limit's state to {@code value} (null: removes it) if it still is {@code expected} (null: absent); false
     * when another caller changed it first, so the caller reads again and retries (compare and set on the data grid).
     * Throws {@link Unavailable} when the grid cannot do it now.
     */
    public boolean replaceLimit(String key, String expected, String value) {
        if (expected == null) return value == null ? limits.get(key) == null : limits.putIfAbsent(key, value);
        return value == null ? limits.remove(key, expected) : limits.replace(key, expected, value);
    }

    /** Largest answer kept (gzipped when it is larger than {@value #GZIP_FROM} bytes). */
    public static final int MAX_ENTRY = 64 * 1024;
    public static final int GZIP_FROM = 48 * 1024;

    /** The day cached answers are for (answers may read "today"): a new day, new answers. */
    public static java.time.LocalDate today() {
        return java.time.LocalDate.now(ZONE);
    }

    private static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/Amsterdam");

    /**
     * A computed value for the current generations of these kinds of data (and today's date, for values that depend on
     * it): from the cache when it was computed before, else computed now and kept when it is at most {@value #MAX_ENTRY}
     * bytes serialized. Inside a transaction that changed data of these kinds it is computed and not kept. The value
     * goes through Java serialization, limited on the way back to the registry's own classes and the JDK's
     * ({@link ObjectInputFilter}).
     */
    public <T extends java.io.Serializable> T remembered(String key, Class<T> type, java.util.function.Supplier<T> compute, Generation... kinds) {
        for (Generation kind : kinds) {
            if (DataChanges.changedInThisTransaction(kind)) return compute.get(); // uncommitted: nobody else's to read
        }
        StringBuilder full = new StringBuilder("value|");
        for (Generation kind : kinds) full.append(generation(kind)).append('|');
        full.append(today()).append('|').append(key);
        String cacheKey = full.toString();
        java.util.Optional<T> kept = value(cacheKey, type);
        if (kept.isPresent()) return kept.get();
        T value = compute.get();
        keepValue(cacheKey, value);
        return value;
    }

    /** A value kept by {@link #keepValue} under this key on any instance, if it is still there (entries live 10 minutes at most). */
    public <T extends java.io.Serializable> java.util.Optional<T> value(String key, Class<T> type) {
        byte[] stored = answer(key);
        if (stored == null) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(type.cast(deserialize(stored)));
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            LOG.log(Level.WARNING, "A kept value could not be read back; computing it again", e);
            return java.util.Optional.empty();
        }
    }

    /** Keeps a value for every instance when it is at most {@value #MAX_ENTRY} bytes serialized (else not at all). */
    public void keepValue(String key, java.io.Serializable value) {
        try {
            byte[] bytes = serialize(value);
            if (bytes.length <= MAX_ENTRY) keep(key, bytes);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "A value could not be kept", e);
        }
    }

    private static final ObjectInputFilter REGISTRY_CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxrefs=1000000;maxbytes=16777216;nl.microcredentials.registry.**;java.**;!*");

    static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(4096);
        try (ObjectOutputStream out = new ObjectOutputStream(raw)) {
            out.writeObject(value);
        }
        byte[] bytes = raw.toByteArray();
        if (bytes.length <= GZIP_FROM) return prefixed((byte) 0, bytes);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(bytes);
        }
        return prefixed((byte) 1, zipped.toByteArray());
    }

    static Object deserialize(byte[] stored) throws IOException, ClassNotFoundException {
        InputStream in = new ByteArrayInputStream(stored, 1, stored.length - 1);
        if (stored[0] == 1) in = new GZIPInputStream(in);
        try (ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(REGISTRY_CLASSES);
            return objects.readObject();
        }
    }

    private static byte[] prefixed(byte flag, byte[] bytes) {
        byte[] out = new byte[bytes.length + 1];
        out[0] = flag;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }

    private static String token() {
        return Long.toString(System.currentTimeMillis(), 36) + "-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    interface Store<K, V> {
        V get(K key);
        void put(K key, V value);
        boolean putIfAbsent(K key, V value);
        boolean replace(K key, V expected, V value);
        boolean remove(K key, V expected);
    }

    /**
     * A cache on the data grid. The grid can fail for a while (a member lost, its partitions migrating): a cache never
     * fails a request for it. A read is then a miss, a write is skipped, a compare and set throws {@link Unavailable}
     * for its caller to decide, and a warning is logged at most once a minute.
     */
    record JCacheStore<K, V>(Cache<K, V> cache) implements Store<K, V> {
        @Override public V get(K key) {
            try {
                return cache.get(key);
            } catch (RuntimeException e) {
                troubled(cache.getName(), e);
                return null;
            }
        }

        @Override public void put(K key, V value) {
            try {
                cache.put(key, value);
            } catch (RuntimeException e) {
                troubled(cache.getName(), e);
            }
        }

        @Override public boolean putIfAbsent(K key, V value) {
            try {
                return cache.putIfAbsent(key, value);
            } catch (RuntimeException e) {
                troubled(cache.getName(), e);
                throw new Unavailable(e);
            }
        }

        @Override public boolean replace(K key, V expected, V value) {
            try {
                return cache.replace(key, expected, value);
            } catch (RuntimeException e) {
                troubled(cache.getName(), e);
                throw new Unavailable(e);
            }
        }

        @Override public boolean remove(K key, V expected) {
            try {
                return cache.remove(key, expected);
            } catch (RuntimeException e) {
                troubled(cache.getName(), e);
                throw new Unavailable(e);
            }
        }
    }

    /** The data grid could not do a compare and set now. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(RuntimeException cause) {
            super("the data grid is unavailable: " + cause, cause);
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong LAST_TROUBLE = new java.util.concurrent.atomic.AtomicLong();

    static void troubled(String cache, RuntimeException e) {
        long now = System.currentTimeMillis();
        long last = LAST_TROUBLE.get();
        if (now - last > 60_000 && LAST_TROUBLE.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "The data grid failed an operation on " + cache + " (answered without it): " + e);
        }
    }

    /** One instance's bounded map: least recently used first out, entries older than {@code minutes} (0: never) not served. */
    static final class LocalStore<K, V> implements Store<K, V> {
        private record Entry<V>(V value, long storedAt) { }
        private final Map<K, Entry<V>> map;
        private final long maxAgeNanos;
        private final java.util.function.LongSupplier nanoTime;

        LocalStore(int maxEntries, int minutes) {
            this(maxEntries, minutes, System::nanoTime);
        }

        LocalStore(int maxEntries, int minutes, java.util.function.LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
            this.maxAgeNanos = minutes == 0 ? Long.MAX_VALUE : TimeUnit.MINUTES.toNanos(minutes);
            this.map = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                    return size() > maxEntries;
                }
            };
        }

        @Override
        public synchronized V get(K key) {
            Entry<V> e = map.get(key);
            if (e == null) return null;
            if (nanoTime.getAsLong() - e.storedAt() > maxAgeNanos) {
                map.remove(key);
                return null;
            }
            return e.value();
        }

        @Override
        public synchronized void put(K key, V value) {
            map.put(key, new Entry<>(value, nanoTime.getAsLong()));
        }

        @Override
        public synchronized boolean putIfAbsent(K key, V value) {
            if (get(key) != null) return false;
            put(key, value);
            return true;
        }

        @Override
        public synchronized boolean replace(K key, V expected, V value) {
            if (!expected.equals(get(key))) return false;
            put(key, value);
            return true;
        }

        @Override
        public synchronized boolean remove(K key, V expected) {
            if (!expected.equals(get(key))) return false;
            map.remove(key);
            return true;
        }
    }
}
