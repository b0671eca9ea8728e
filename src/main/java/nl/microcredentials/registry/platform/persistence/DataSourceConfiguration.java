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
        maxPoolSize = 32,
        // a connection is checked (Connection.isValid) before it is handed out, and when one fails all are dropped: after a
        // database restart the pool recovers by itself instead of handing out dead connections
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                "fish.payara.fail-all-connections=true",
                // a request waits at most 5 s for a connection (Payara's default is 60 s), then fails as 503
                "fish.payara.max-wait-time-in-millis=5000"})
public class DataSourceConfiguration {
    public static final String JNDI_NAME = "java:app/jdbc/registry";
}
