package nl.microcredentials.registry.platform.cache;

import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MaxSizePolicy;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import java.util.concurrent.TimeUnit;

/** Opens a JCache on Payara's Hazelcast with the bounds plain JCache cannot express: entry count, LRU, backups. */
final class HazelcastCaches {

    private HazelcastCaches() { }

    /**
     * The cache of that name, created with these bounds when no member of the cluster created it yet.
     * {@code minutes} 0: entries do not expire.
     */
    static <K, V> Cache<K, V> open(CacheManager manager, String name, int maxEntries, int minutes, int backups) {
        return open(manager, name, maxEntries, minutes > 0 ? CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, minutes)) : null, backups);
    }

    /** As {@link #open}, but an entry lives {@code minutes} after its last change (not its creation). */
    static <K, V> Cache<K, V> openSliding(CacheManager manager, String name, int maxEntries, int minutes, int backups) {
        return open(manager, name, maxEntries, javax.cache.expiry.ModifiedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, minutes)), backups);
    }

    private static <K, V> Cache<K, V> open(CacheManager manager, String name, int maxEntries,
            javax.cache.configuration.Factory<? extends javax.cache.expiry.ExpiryPolicy> expiry, int backups) {
        Cache<K, V> cache = manager.getCache(name);
        if (cache != null) return cache;
        CacheConfig<K, V> config = new CacheConfig<>();
        config.setName(name);
        config.setEvictionConfig(new EvictionConfig().setSize(maxEntries).setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
                .setEvictionPolicy(EvictionPolicy.LRU));
        config.setBackupCount(backups);
        config.setStatisticsEnabled(false);
        config.setManagementEnabled(false);
        if (expiry != null) config.setExpiryPolicyFactory(expiry);
        try {
            return manager.createCache(name, config);
        } catch (CacheException alreadyThere) { // another member created it at the same moment
            Cache<K, V> existing = manager.getCache(name);
            if (existing == null) throw alreadyThere;
            return existing;
        }
    }
}
