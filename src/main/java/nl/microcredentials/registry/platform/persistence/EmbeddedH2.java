package nl.microcredentials.registry.platform.persistence;

import javax.sql.DataSource;

/** The embedded default database: Payara's bundled H2, loaded reflectively so the WAR does not carry it. */
final class EmbeddedH2 {

    private EmbeddedH2() { }

    static DataSource dataSource(String url, String user, String password) {
        try {
            Class<?> type = Class.forName("org.h2.jdbcx.JdbcDataSource", true, RegistryDataSource.class.getClassLoader());
            Object ds = type.getConstructor().newInstance();
            type.getMethod("setURL", String.class).invoke(ds, url);
            type.getMethod("setUser", String.class).invoke(ds, user == null || user.isBlank() ? "registry" : user);
            type.getMethod("setPassword", String.class).invoke(ds, password == null ? "" : password);
            return (DataSource) ds;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The embedded H2 database is not available in this runtime", e);
        }
    }
}
