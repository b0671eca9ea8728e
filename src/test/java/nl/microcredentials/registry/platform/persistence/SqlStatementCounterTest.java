package nl.microcredentials.registry.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The counting proxy on a stand-in JDBC driver: one per execution, each entry of a batch, per thread. */
class SqlStatementCounterTest {

    @Test
    void countsEveryExecutionAndEachEntryOfABatchOnTheCallingThread() throws Exception {
        DataSource counting = SqlStatementCounter.counting(fake());
        assertTrue(SqlStatementCounter.active());
        SqlStatementCounter.reset();
        try (Connection c = counting.getConnection()) {
            try (PreparedStatement select = c.prepareStatement("SELECT 1")) {
                select.executeQuery();
                select.executeQuery();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                for (int i = 0; i < 3; i++) {
                    insert.setInt(1, i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement update = c.createStatement()) {
                update.executeUpdate("UPDATE t SET x = 1");
            }
            c.commit(); // not a statement
        }
        assertEquals(6, SqlStatementCounter.count());

        AtomicLong other = new AtomicLong(-1);
        Thread thread = new Thread(() -> {
            try (Connection c = counting.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT 2");
                other.set(SqlStatementCounter.count());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        thread.join();
        assertEquals(1, other.get(), "another thread counts its own");
        assertEquals(6, SqlStatementCounter.count(), "and leaves this thread's count alone");
        SqlStatementCounter.reset();
        assertEquals(0, SqlStatementCounter.count());
    }

    /** A data source whose statements do nothing. */
    private static DataSource fake() {
        return proxy(DataSource.class, (method, args) -> method.getName().equals("getConnection") ? connection() : null);
    }

    private static Connection connection() {
        return proxy(Connection.class, (method, args) -> switch (method.getName()) {
            case "prepareStatement" -> proxy(PreparedStatement.class, SqlStatementCounterTest::statement);
            case "createStatement" -> proxy(Statement.class, SqlStatementCounterTest::statement);
            default -> null;
        });
    }

    private static Object statement(java.lang.reflect.Method method, Object[] args) {
        return switch (method.getName()) {
            case "executeQuery" -> proxy(ResultSet.class, (m, a) -> m.getReturnType() == boolean.class ? false : null);
            case "executeBatch" -> new int[] {1, 1, 1};
            case "executeUpdate" -> 1;
            case "execute" -> false;
            default -> null;
        };
    }

    interface Answer {
        Object answer(java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(SqlStatementCounterTest.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getName().equals("isClosed") || method.getName().equals("isWrapperFor")) return false;
            if (method.getName().equals("hashCode")) return System.identityHashCode(self);
            if (method.getName().equals("equals")) return self == args[0];
            if (method.getName().equals("toString")) return type.getSimpleName();
            Object value = answer.answer(method, args);
            if (value == null && method.getReturnType().isPrimitive()) {
                Class<?> r = method.getReturnType();
                if (r == boolean.class) return false;
                if (r == void.class) return null;
                return r == long.class ? 0L : r == double.class ? 0d : r == float.class ? 0f : r == short.class ? (short) 0 : r == byte.class ? (byte) 0 : 0;
            }
            return value;
        });
    }
}
