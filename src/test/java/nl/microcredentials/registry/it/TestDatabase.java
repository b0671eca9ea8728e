package nl.microcredentials.registry.it;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Empties the PostgreSQL test database once, before the integration tests start, so that every run starts from the
 * migrations alone. Active only in the Failsafe run (which sets {@code test.db.url}); unit tests need no database.
 */
public class TestDatabase implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String url = System.getProperty("test.db.url");
        if (url == null || url.isBlank()) return;
        try (var connection = DriverManager.getConnection(url, System.getProperty("test.db.user"), System.getProperty("test.db.password"));
             var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset the test database " + url + " (is PostgreSQL up? .ci/run creates it)", e);
        }
    }
}
