package nl.microcredentials.registry.platform.cache;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity whose changes make cached answers of these kinds obsolete: when a transaction that inserted, updated
 * or deleted one commits, {@link DataChanges} starts a new {@link Generation} of each kind.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CachedIn {
    Generation[] value();
}
