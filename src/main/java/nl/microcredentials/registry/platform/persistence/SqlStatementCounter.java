package nl.microcredentials.registry.platform.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Counts the SQL statements each thread sends to the database, for the statement budgets of the integration tests
 * ({@code StatementBudgetIT}): with {@code registry.sql.count=true} ({@code REGISTRY_SQL_COUNT}) the registry's data
 * source is wrapped in a counting JDBC proxy and every API answer carries {@code X-Registry-SQL-Statements}. Off by
 * default: then nothing is wrapped and nothing is counted, at no cost.
 * <p>
 * The count is per thread, because a request runs on one thread from its authentication to its answer, including the
 * commit of its transaction (the facades commit before the answer's filters run). It is reset when a request ends
 * ({@code SqlStatementRequests}), so the next request on that thread starts at zero before anything of it runs, its
 * authentication included. One statement is one execution ({@code execute}, {@code executeQuery},
 * {@code executeUpdate}); a JDBC batch counts each of its entries. A commit, a rollback or the pool's validation of a
 * connection ({@code isValid}) is not a statement. With the logger {@code nl.microcredentials.registry.sql} at FINE
 * every counted statement is logged (its SQL, never its parameters).
 * <p>
 * A few dynamic proxies rather than a library: datasource-proxy (net.ttddyy) carries a JSP tag library of the javax
 * namespace that Payara's TLD scanner fails to load, which fails the deployment.
 */
public final class SqlStatementCounter {

    /** The configuration key: {@code true} wraps the data source and adds the header. */
    public static final String ENABLED_KEY = "registry.sql.count";
    public static final String HEADER = "X-Registry-SQL-Statements";

    private static final Logger LOG = Logger.getLogger("nl.microcredentials.registry.sql");
    private static final ThreadLocal<long[]> COUNT = ThreadLocal.withInitial(() -> new long[1]);
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");
    private static final Set<String> BATCHES = Set.of("executeBatch", "executeLargeBatch");
    private static volatile boolean active;

    private SqlStatementCounter() { }

    /** Whether statements are being counted: the data source was wrapped. */
    public static boolean active() {
        return active;
    }

    /** The statements this thread has executed since its last {@link #reset()}. */
    public static long count() {
        return COUNT.get()[0];
    }

    public static void reset() {
        COUNT.get()[0] = 0;
    }

    /** The data source, counting when {@code registry.sql.count} is true; else the data source itself. */
    static DataSource wrapIfEnabled(DataSource dataSource) {
        if (!enabled()) return dataSource;
        LOG.info("registry.sql.count=true: counting SQL statements per request (X-Registry-SQL-Statements); not for production");
        return counting(dataSource);
    }

    /** The data source, counting. */
    static DataSource counting(DataSource dataSource) {
        active = true;
        return proxy(DataSource.class, (self, method, args) -> {
            Object result = call(dataSource, method, args);
            return result instanceof Connection c && method.getName().equals("getConnection") ? connection(c) : result;
        });
    }

    /** MicroProfile Config of the application (the pool instantiates the data source outside CDI), else the environment. */
    static boolean enabled() {
        try {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig(SqlStatementCounter.class.getClassLoader())
                    .getOptionalValue(ENABLED_KEY, Boolean.class).orElse(false);
        } catch (RuntimeException | LinkageError noConfig) {
            String value = System.getProperty(ENABLED_KEY, System.getenv("REGISTRY_SQL_COUNT"));
            return Boolean.parseBoolean(value);
        }
    }

    private static Connection connection(Connection connection) {
        Connection[] self = new Connection[1];
        self[0] = proxy(Connection.class, (proxy, method, args) -> {
            Object result = call(connection, method, args);
            if (result instanceof Statement s) {
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                return switch (method.getName()) {
                    case "prepareCall" -> statement(CallableStatement.class, (CallableStatement) s, self[0], sql);
                    case "prepareStatement" -> statement(PreparedStatement.class, (PreparedStatement) s, self[0], sql);
                    default -> statement(Statement.class, s, self[0], null);
                };
            }
            return result;
        });
        return self[0];
    }

    /** Counts the executions of a statement; {@code prepared}: its SQL when it was prepared with one. */
    private static <S extends Statement> S statement(Class<S> type, S statement, Connection connection, String prepared) {
        int[] batched = new int[1];
        return proxy(type, (self, method, args) -> {
            String name = method.getName();
            if (EXECUTIONS.contains(name)) {
                counted(1, args != null && args.length > 0 && args[0] instanceof String sql ? sql : prepared);
            } else if (BATCHES.contains(name)) {
                counted(batched[0], prepared == null ? "batch" : prepared);
                batched[0] = 0;
            } else if (name.equals("addBatch")) {
                batched[0]++;
            } else if (name.equals("clearBatch")) {
                batched[0] = 0;
            } else if (name.equals("getConnection")) {
                return connection;
            }
            return call(statement, method, args);
        });
    }

    private static void counted(int statements, String sql) {
        COUNT.get()[0] += statements;
        if (statements > 0 && LOG.isLoggable(Level.FINE)) {
            LOG.fine("sql " + (statements > 1 ? "batch of " + statements + ": " : "") + (sql == null ? "" : sql.replaceAll("\\s+", " ")));
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A proxy of one JDBC interface; equal only to itself, as the pool expects of its connections. */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(SqlStatementCounter.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> type.getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(self)) + " (counting)";
                };
            }
            return handler.invoke(self, method, args);
        });
    }
}
