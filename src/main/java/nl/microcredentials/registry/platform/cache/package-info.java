/**
 * Shared caches on Payara's data grid (Hazelcast's JCache inside Payara Micro), coherent across instances: the
 * generation of each kind of data ({@link nl.microcredentials.registry.platform.cache.Generation}), bumped after every
 * committed change by {@link nl.microcredentials.registry.platform.cache.DataChanges}, and answers built for a generation
 * ({@link nl.microcredentials.registry.platform.cache.Grid}). An answer is stored under the generation it was built
 * in, so a change makes every earlier answer unreachable on every instance at once: nothing is ever "cleared".
 * With {@code --nocluster} (the quick start, the tests) there is no grid and no other instance: the same caches
 * live in this instance.
 */
package nl.microcredentials.registry.platform.cache;
