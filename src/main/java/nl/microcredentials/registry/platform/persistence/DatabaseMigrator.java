package nl.microcredentials.registry.platform.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the schema with Flyway before anything touches JPA: the schema is owned by the migrations
 * in {@code db/migration} alone (JPA schema generation is off). Start-up beans that use JPA {@code @DependsOn} this one.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    @Resource(lookup = DataSourceConfiguration.JNDI_NAME)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        migrateSchema(dataSource, vendor());
    }

    /**
     * Brings the schema to the newest version (nothing to do when it is there). Flyway takes a lock in the database
     * (PostgreSQL: an advisory lock) for it, so instances starting together migrate once. Also called before the
     * application is up, by the bootstrap of the cluster's token keys (platform/security/DatabaseKeys), which needs its
     * table: the schema stays the migrations' alone, whoever gets there first.
     */
    public static void migrateSchema(DataSource dataSource, String vendor) {
        var result = Flyway.configure(DatabaseMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info(() -> vendor + " database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    /** Scripts that only one database understands (PostgreSQL full-text search) live in db/vendor/postgresql or db/vendor/h2. */
    private String vendor() {
        try (var connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            if (product.contains("postgres")) return "postgresql";
            if (product.contains("h2")) return "h2";
            throw new IllegalStateException("Unsupported database: " + product);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot reach the database", e);
        }
    }
}
