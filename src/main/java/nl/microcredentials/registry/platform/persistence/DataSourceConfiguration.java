package nl.microcredentials.registry.platform.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The application's one datasource, configured through MicroProfile Config ({@code REGISTRY_DB_URL},
 * {@code REGISTRY_DB_USER}, {@code REGISTRY_DB_PASSWORD}); defaults (the embedded H2 file database) are in
 * {@code META-INF/microprofile-config.properties}. Pool sizing lives here too, as configuration.
 */
@Singleton
@DataSourceDefinition(
        name = DataSourceConfiguration.JNDI_NAME,
        className = "nl.microcredentials.registry.platform.persistence.RegistryDataSource",
        url = "${MPCONFIG=registry.db.url}",
        user = "${MPCONFIG=registry.db.user}",
        password = "${MPCONFIG=registry.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32)
public class DataSourceConfiguration {
    public static final String JNDI_NAME = "java:app/jdbc/registry";
}
