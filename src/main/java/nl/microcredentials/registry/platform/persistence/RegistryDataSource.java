package nl.microcredentials.registry.platform.persistence;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The registry's JDBC data source: PostgreSQL when {@code registry.db.url} is a PostgreSQL URL, otherwise the
 * embedded H2 bundled with Payara (the quick start). One class so that setting {@code REGISTRY_DB_URL} alone switches
 * the database; Payara's pool instantiates it from {@link DataSourceConfiguration} and sets the properties below.
 * With {@code registry.sql.count=true} (tests only) the connections count their statements ({@link SqlStatementCounter}).
 */
public class RegistryDataSource implements DataSource {

    private String url;
    private String user;
    private String password;
    private volatile DataSource delegate;

    public void setURL(String url) { this.url = url; }
    public void setUrl(String url) { this.url = url; }
    public String getURL() { return url; }
    public void setUser(String user) { this.user = user; }
    public String getUser() { return user; }
    public void setPassword(String password) { this.password = password; }

    DataSource delegate() {
        DataSource ds = delegate;
        if (ds == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = SqlStatementCounter.wrapIfEnabled(create());
                }
                ds = delegate;
            }
        }
        return ds;
    }

    private DataSource create() {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("registry.db.url is not set");
        }
        if (url.startsWith("jdbc:postgresql:")) {
            var pg = new org.postgresql.ds.PGSimpleDataSource();
            pg.setURL(url);
            if (user != null && !user.isBlank()) pg.setUser(user);
            if (password != null && !password.isEmpty()) pg.setPassword(password);
            pg.setApplicationName("microcredential-registry");
            // no JIT compilation of queries: it costs more than it saves for the registry's short queries and reports
            // (measured: about 130 ms per report query); room for the report's sorts in memory
            if (!url.contains("options=")) pg.setOptions("-c jit=off -c work_mem=32MB");
            return pg;
        }
        if (url.startsWith("jdbc:h2:")) {
            return EmbeddedH2.dataSource(url, user, password);
        }
        throw new IllegalStateException("Unsupported registry.db.url (expected jdbc:postgresql: or jdbc:h2:)");
    }

    @Override public Connection getConnection() throws SQLException { return delegate().getConnection(); }
    @Override public Connection getConnection(String u, String p) throws SQLException { return delegate().getConnection(u, p); }
    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) { }
    @Override public void setLoginTimeout(int seconds) { }
    @Override public int getLoginTimeout() { return 0; }
    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        return delegate().unwrap(iface);
    }
    @Override public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate().isWrapperFor(iface);
    }
}
