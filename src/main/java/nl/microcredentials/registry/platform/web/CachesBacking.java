package nl.microcredentials.registry.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import nl.microcredentials.registry.platform.cache.Caches;
import nl.microcredentials.registry.platform.rest.RegistryException;

/** The coordinator dashboard's "drop cached answers" (after a change by hand in the database). */
@Named("caches")
@RequestScoped
public class CachesBacking {

    @Inject
    Caches caches;

    public void dropAll() {
        try {
            caches.dropAll();
            Messages.info("caches.dropped");
        } catch (RegistryException e) {
            Messages.show(e, "cachesForm");
        }
    }
}
